"""Stages of the camera pipeline, each in a thread of its own, one item ahead of the next.

Reading a camera and decoding its image, finding the pose, and drawing the picture are each
several milliseconds, and the pose model keeps one core busy. Run one after the other they add
up; run as a pipeline (the next image is read while the pose model works on this one, and the
pose model works on it while the last one is drawn) a frame costs about as much as its slowest
stage. OpenCV and MediaPipe release the interpreter while they work, so threads are enough.

An :class:`Ahead` runs an iterator in its own thread and hands its items over one at a time:

- ``latest_only=False`` (a video file): the thread waits until the reader has taken an item
  before it makes the next, so nothing is dropped and at most one item waits;
- ``latest_only=True`` (a live camera): a new item replaces one not yet taken, so the reader
  always gets the newest picture and delay never builds up behind a slow stage.

An error in the thread is raised in the reader, where the item would have been. Closing it
stops the thread after the item it is making.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Ahead(Generic[T]):
    """The items of ``items``, made in a thread of their own while the reader handles the last."""

    def __init__(self, items: Iterable[T], *, latest_only: bool = False, name: str) -> None:
        self._items = items
        self._latest_only = latest_only
        self._ready: deque[T] = deque(maxlen=1)
        self._changed = threading.Condition()
        self._finished = False
        self._stopped = False
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._make, name=name, daemon=True)
        self._thread.start()

    def _make(self) -> None:
        try:
            for item in self._items:
                with self._changed:
                    while self._ready and not self._latest_only and not self._stopped:
                        self._changed.wait()
                    if self._stopped:
                        return
                    self._ready.append(item)  # maxlen=1: replaces an item not yet taken
                    self._changed.notify_all()
        except BaseException as error:  # handed to the reader, raised there
            self._error = error
        finally:
            with self._changed:
                self._finished = True
                self._changed.notify_all()

    def __iter__(self) -> Iterator[T]:
        while True:
            with self._changed:
                while not self._ready and not self._finished and not self._stopped:
                    self._changed.wait()
                if self._ready:
                    item = self._ready.popleft()
                    self._changed.notify_all()
                elif self._error is not None:
                    error, self._error = self._error, None
                    raise error
                else:
                    return
            yield item

    def close(self) -> None:
        """Stop making items and wait for the thread to finish the one it is making."""
        with self._changed:
            self._stopped = True
            self._ready.clear()
            self._changed.notify_all()
        if self._thread is not threading.current_thread():
            self._thread.join()
