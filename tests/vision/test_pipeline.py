"""The camera pipeline: stages in threads of their own, one item ahead; nothing lost from a file,
nothing stale from a camera, errors where the reader is, and every thread stopped at the end.

Every wait here is for a state (an event set by the stage), never for a length of time."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import numpy as np
import pytest
from cv2.typing import MatLike

from backbridge.capture import sources
from backbridge.capture.pipeline import Ahead
from backbridge.vision.landmarks import Landmark
from tests.vision.videos import BLANK_FRAMES, blank_video

STILL = tuple(Landmark(0.5, 0.5, 0.0, 0.9) for _ in range(33))
WAIT = 30.0
"""Only a bound on a wait that would otherwise hang forever on a broken pipeline."""


def stage_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(("backbridge-", "test-"))]


def test_every_item_arrives_in_order_when_none_may_be_dropped() -> None:
    with closing(Ahead(iter(range(200)), name="test-all")) as ahead:
        assert list(ahead) == list(range(200))


def test_a_live_stage_hands_over_the_newest_item() -> None:
    made_all, finish = threading.Event(), threading.Event()

    def camera() -> Iterator[int]:
        yield from range(5)
        made_all.set()  # reached once the fifth image is handed over
        finish.wait(WAIT)

    with closing(Ahead(camera(), latest_only=True, name="test-live")) as ahead:
        items = iter(ahead)
        assert made_all.wait(WAIT)
        assert next(items) == 4, "the reader gets the newest image, not the oldest"
        finish.set()
        assert list(items) == []


def test_an_error_in_a_stage_is_raised_in_the_reader_after_what_came_before() -> None:
    def broken() -> Iterator[int]:
        yield 1
        raise OSError("camera unplugged")

    with closing(Ahead(broken(), name="test-broken")) as ahead:
        items = iter(ahead)
        assert next(items) == 1
        with pytest.raises(OSError, match="camera unplugged"):
            next(items)


def test_closing_stops_a_stage_that_would_run_forever() -> None:
    def endless() -> Iterator[int]:
        n = 0
        while True:
            yield n
            n += 1

    ahead = Ahead(endless(), name="test-endless")
    assert next(iter(ahead)) == 0
    ahead.close()
    assert not [t for t in stage_threads() if t.name == "test-endless"]


class WatchedPose:
    """A pose model that notes each image it is given, the thread it runs in, and when it is
    closed; it finds the same still person in every image."""

    def __init__(self) -> None:
        self.seen: list[int] = []
        self.threads: set[str] = set()
        self.closed = threading.Event()
        self.second = threading.Event()

    def estimate(self, image: MatLike) -> tuple[tuple[Landmark, ...], ...]:
        assert not self.closed.is_set(), "a closed model was used"
        self.seen.append(int(image.flat[0]))
        self.threads.add(threading.current_thread().name)
        if len(self.seen) == 2:
            self.second.set()
        return (STILL,)

    def close(self) -> None:
        self.closed.set()


def numbered(n: int) -> MatLike:
    """A one-pixel image that says which it is."""
    return np.full((1, 1, 3), n, np.uint8)


def test_the_next_image_is_measured_while_the_caller_handles_this_one() -> None:
    model = WatchedPose()
    images = ((n / 30, numbered(n)) for n in range(10))
    frames = sources.measured(images, lambda: model, latest_only=False)
    t, image, people = next(frames)
    assert (t, int(image.flat[0]), people) == (0.0, 0, (STILL,))
    assert model.second.wait(WAIT), "the model went on to the next image without waiting"
    rest = list(frames)
    assert [int(image.flat[0]) for _, image, _ in rest] == list(range(1, 10))
    assert model.seen == list(range(10)), "one model, every image, in order (tracking mode)"
    assert model.threads == {"backbridge-pose"}
    assert model.closed.is_set()
    assert not stage_threads()


def test_stopping_early_closes_the_model_and_every_stage() -> None:
    model = WatchedPose()
    camera = ((n / 30, numbered(n % 256)) for n in range(10**9))
    frames = sources.measured(camera, lambda: model, latest_only=True)
    for count, _ in enumerate(frames, 1):
        if count == 3:
            break
    frames.close()  # what leaving the caller's loop does when the generator is dropped
    assert model.closed.is_set()
    assert not stage_threads()


def test_a_video_file_gives_every_frame_through_the_pipeline(tmp_path: Path) -> None:
    model = WatchedPose()
    source = sources.VideoSource(blank_video(tmp_path / "blank.mp4"), pose_model=lambda: model)
    frames = list(source)
    assert len(frames) == BLANK_FRAMES == len(model.seen)
    assert all(frame.person == STILL for frame in frames)
    assert not stage_threads()


def test_a_video_read_as_a_camera_skips_no_frame(tmp_path: Path) -> None:
    model = WatchedPose()
    path = blank_video(tmp_path / "blank.mp4", frames=40)
    with sources.WebcamSource(str(path), pose_model=lambda: model) as camera:
        frames = [frame for frame, _ in camera.frames_with_images()]
    # The camera check reads the first frame before the stream starts.
    assert len(frames) == len(model.seen) == 39
    assert [frame.t for frame in frames] == sorted(frame.t for frame in frames)
    assert not stage_threads()
