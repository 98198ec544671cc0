"""``backbridge analyze``, ``backbridge record-landmarks`` and ``backbridge camera``: the camera
coach in the terminal.

The vision modules (and through them OpenCV and MediaPipe) are imported inside the commands, so
every other command starts without them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from backbridge.cli import context
from backbridge.errors import BackbridgeError, InvalidInput

if TYPE_CHECKING:
    from backbridge.capture.sources import PoseSource
    from backbridge.vision.analysis import Analysis
    from backbridge.vision.events import Event
    from backbridge.vision.landmarks import Frame

ExerciseOption = Annotated[
    str, typer.Option("--exercise", "-e", help="The exercise's slug, e.g. bridge.")
]
DeviceOption = Annotated[int, typer.Option(help="Camera device index (0 is the first camera).")]


class NobodyFound(BackbridgeError):
    """No frame of the input showed a person the analysis could measure."""


def analyze(
    input_path: Annotated[
        Path, typer.Argument(metavar="INPUT", help="A video file or a landmark file (.json.gz).")
    ],
    exercise: ExerciseOption,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    annotate: Annotated[
        Path | None,
        typer.Option(
            metavar="OUT.mp4",
            help="Also write the video with the skeleton, counter and cues drawn on it "
            "(video input only).",
        ),
    ] = None,
) -> None:
    """Count reps and check form in a recorded video or landmark file.

    The video stays on this computer."""
    from backbridge.capture import overlay, sources
    from backbridge.vision.exercises import analysis_for
    from backbridge.vision.report import report

    analysis = analysis_for(context.catalog(), exercise)
    source = sources.open_source(input_path)
    title = analysis.exercise.name
    is_video = isinstance(source, sources.VideoSource)
    if annotate is not None and not is_video:
        raise InvalidInput(
            "--annotate draws on the video: give a video file as INPUT, not a landmark file"
        )
    with _progress(f"Analysing {source.description}", source.frame_count, is_video) as advance:
        if annotate is None or not isinstance(source, sources.VideoSource):
            for frame in source:
                analysis.feed(frame)
                advance()
        else:
            with overlay.AnnotatedVideo(
                annotate, fps=source.fps, width=source.width, height=source.height
            ) as video:
                for frame, image in source.frames_with_images():
                    analysis.feed(frame)
                    overlay.draw(image, frame, analysis.snapshot, title=title)
                    video.write(image)
                    advance()
    analysis.finish()
    document = report(analysis)
    if json_output:
        context.print_json(document)
    elif analysis.frames_with_person:
        _render_report(document, analysis, source.description)
    if annotate is not None:
        out = context.error_console() if json_output else context.console()
        out.print(f"Annotated video: {escape(str(annotate))}")
    if not analysis.frames_with_person:
        raise NobodyFound(_nobody_message(analysis.frames, source.description))


def record_landmarks(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="FILE.json.gz", help="The landmark file to write (or .json)."
        ),
    ],
    input_path: Annotated[
        Path | None, typer.Argument(metavar="[INPUT]", help="A video file (or give --device).")
    ] = None,
    device: Annotated[
        int | None, typer.Option(help="Record from this camera instead of a video file.")
    ] = None,
    seconds: Annotated[
        float | None, typer.Option(help="Stop after this many seconds (camera: Ctrl-C also stops).")
    ] = None,
) -> None:
    """Write the pose landmarks of a video or a camera to a landmark file.

    No pictures are kept: use it for `backbridge analyze`, or to share without the video."""
    from backbridge.capture import sources

    if (input_path is None) == (device is None):
        raise InvalidInput("give a video file to read, or --device N to record from a camera")
    if not output.name.endswith((".json", ".json.gz")):
        raise InvalidInput(f"{output}: a landmark file's name ends in .json.gz (or .json)")
    if seconds is not None and seconds <= 0:
        raise InvalidInput("--seconds must be above 0")
    source: PoseSource
    if input_path is not None:
        source = sources.VideoSource(input_path)
        frames = _record(source, seconds, progress=True)
        fps = source.fps
    else:
        assert device is not None
        with sources.WebcamSource(device) as camera:
            stop = f"for {seconds:g} s" if seconds else "until Ctrl-C"
            context.error_console().print(f"Recording landmarks from camera {device} {stop}.")
            frames = _record(camera, seconds, progress=False)
            source = camera
            fps = len(frames) / frames[-1].t if len(frames) > 1 and frames[-1].t > 0 else camera.fps
    sources.write_landmarks(
        output, frames, source=source.description, fps=round(fps, 3),
        width=source.width, height=source.height,
    )  # fmt: skip
    with_person = sum(1 for frame in frames if frame.people)
    out = context.console()
    out.print(f"Wrote {len(frames)} frames ({with_person} with a person) to {escape(str(output))}.")
    if frames and not with_person:
        out.print("[yellow]Nobody was found in any frame: film the whole body, in good light.[/]")


def _record(source: PoseSource, seconds: float | None, *, progress: bool) -> list[Frame]:
    frames: list[Frame] = []
    total = source.frame_count
    if seconds is not None and total is not None:
        total = min(total, int(seconds * source.fps) + 1)
    with _progress(f"Reading {source.description}", total, progress) as advance:
        try:
            for frame in source:
                if seconds is not None and frame.t >= seconds:
                    break
                frames.append(frame)
                advance()
        except KeyboardInterrupt:
            pass
    return frames


def camera(exercise: ExerciseOption, device: DeviceOption = 0) -> None:
    """Watch a set live through the webcam: skeleton, rep counter and cues on screen.

    q or Esc in the window ends the set, which you can then log. Nothing is recorded."""
    from backbridge.capture import overlay, sources
    from backbridge.services.camera import FrameRate, too_slow

    with context.services() as services:
        analysis = services.camera.start(exercise)
    sources.require_vision()
    title = analysis.exercise.name
    out = context.console()
    rate = FrameRate()
    warned = False
    with overlay.LiveWindow(f"backbridge: {title}") as window, sources.WebcamSource(device) as cam:
        out.print(f"Watching {title} on camera {device}: press q or Esc in the window to stop.")
        try:
            # closing(): the pipeline's threads stop before the camera is released
            with closing(cam.frames_with_images()) as frames:
                for frame, image in frames:
                    rate.add(frame.t)
                    if not warned and rate.now is not None:
                        slow = too_slow(analysis, rate.now, lighter_model=False)
                        if slow:
                            out.print(f"[yellow]{escape(slow)}[/]")
                            warned = True
                    for event in analysis.feed(frame):
                        _say(event, analysis)
                    overlay.draw(image, frame, analysis.snapshot, title=title)
                    if not window.show(image):
                        break
        except KeyboardInterrupt:
            pass
    for event in analysis.finish():
        _say(event, analysis)
    _offer_to_log(analysis)


def _say(event: Event, analysis: Analysis) -> None:
    from backbridge.vision.events import Fault, Notice, Rep

    out = context.console()
    if isinstance(event, Rep):
        side = f" ({event.side})" if event.side else ""
        out.print(f"rep {analysis.snapshot.reps}{side}")
    elif isinstance(event, Fault):
        out.print(f"[yellow]{escape(event.text)}[/]")
    elif isinstance(event, Notice):
        out.print(f"[dim]{escape(event.text)}[/]")


def _offer_to_log(analysis: Analysis) -> None:
    """Log the counted reps (one set per side for one-sided work) into today's session, with
    the faults seen in each rep."""
    from backbridge.services.camera import CameraSet, counted, seen_faults

    out = context.console()
    snapshot = analysis.snapshot
    out.print(f"{analysis.exercise.name}: {_count_text(snapshot.reps, snapshot.reps_by_side)}.")
    reps = counted(analysis)
    if not any(reps.values()):
        out.print("No reps counted, so there is nothing to log.")
        return
    try:
        wanted = typer.confirm("Log this set in today's session?", default=True)
    except typer.Abort:  # input ended
        wanted = False
    if not wanted:
        out.print("Not logged.")
        return
    watched = CameraSet(analysis.exercise.slug, reps, reps, seen_faults(analysis))
    with context.services(show_notice=False) as services:
        recorded = services.camera.record(watched)
    for result in recorded.saved:
        row = result.logged
        where = f", {row.side} side" if row.side else ""
        out.print(f"Saved: {analysis.exercise.name}, set {row.set_number}{where}: {row.reps} reps.")
        for message in result.feedback.messages:
            out.print(f"[yellow]{message}[/]")
    if recorded.refused:
        out.print(f"[yellow]Not logged: {escape(recorded.refused)}[/]")


def _count_text(reps: int, by_side: dict[str, int] | None) -> str:
    text = f"{reps} rep" + ("" if reps == 1 else "s")
    if by_side is not None:
        text += f" (left {by_side.get('left', 0)}, right {by_side.get('right', 0)})"
    return text


def _render_report(document: dict[str, Any], analysis: Analysis, description: str) -> None:
    out = context.console()
    out.print(f"[bold]{analysis.exercise.name}[/] · {escape(description)}")
    out.print(f"{_count_text(document['reps'], document['reps_by_side'])}")
    out.print(f"{document['frames']} frames, a person in {document['frames_with_person']}.")
    if document["faults"]:
        table = Table(title="Form faults", title_justify="left", title_style="bold")
        table.add_column("at", justify="right", no_wrap=True)
        table.add_column("cue", style="cyan", no_wrap=True)
        table.add_column("what to do")
        table.add_column("measured", justify="right", no_wrap=True)
        for fault in document["faults"]:
            table.add_row(
                f"{fault['t']:.1f} s", fault["cue"], escape(fault["text"]),
                f"{fault['value']:g} (limit {fault['threshold']:g})",
            )  # fmt: skip
        out.print(table)
    elif document["reps"]:
        out.print("No form faults seen.")
    for warning in document["warnings"]:
        out.print(f"[yellow]warning:[/] {escape(warning)}")


def _nobody_message(frames: int, description: str) -> str:
    if not frames:
        return f"{description} has no frames, so there was nobody to watch"
    return (
        f"nobody was found in any of the {frames} frames of {description}; film the whole body, "
        "in good light, with the camera still"
    )


@contextmanager
def _progress(label: str, total: int | None, enabled: bool) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr while frames are read, on a terminal only; it disappears when
    done."""
    console = context.error_console()
    if not enabled or not console.is_terminal:
        yield lambda: None
        return
    from rich.progress import (
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.advance(task)


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze)
    app.command("record-landmarks")(record_landmarks)
    app.command("camera")(camera)
