"""Videos as phones and the web make them: each codec this machine can encode is read back whole,
and a video nobody here can decode is refused in one line that names its codec."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from backbridge.capture import decoding, sources
from backbridge.errors import InvalidInput
from tests.vision.videos import BLANK_FPS, BLANK_SIZE, can_encode, encoded_video

FRAMES = 8
CODECS = [
    # (file, encoder, the codec's name, which decoder reads it with this project's wheels)
    ("h264.mp4", "libx264", "H.264", "opencv"),
    ("hevc.mp4", "libx265", "HEVC (H.265)", "opencv"),
    ("vp9.webm", "libvpx-vp9", "VP9", "opencv"),
    ("av1.mp4", "libsvtav1", "AV1", "pyav"),
    ("av1.webm", "libsvtav1", "AV1", "pyav"),
]


def encoder_or_skip(encoder: str) -> None:
    if not can_encode(encoder):
        pytest.skip(f"this machine's PyAV cannot encode with {encoder}")


@pytest.mark.parametrize(("name", "encoder", "codec", "decoder"), CODECS)
def test_each_codec_is_read_whole(
    tmp_path: Path, name: str, encoder: str, codec: str, decoder: str
) -> None:
    encoder_or_skip(encoder)
    path = encoded_video(tmp_path / name, encoder, frames=FRAMES)
    source = sources.VideoSource(path, pose_model=NobodyPose)
    assert (source.codec, source.decoder) == (codec, decoder)
    assert (source.width, source.height) == BLANK_SIZE
    assert source.fps == pytest.approx(BLANK_FPS)
    pairs = list(source.frames_with_images())
    assert len(pairs) == FRAMES
    assert all(image.shape == (BLANK_SIZE[1], BLANK_SIZE[0], 3) for _, image in pairs)
    assert [frame.t for frame, _ in pairs] == pytest.approx([n / BLANK_FPS for n in range(FRAMES)])
    greys = [int(image[-20:, -20:].mean()) for _, image in pairs]
    assert greys == pytest.approx([20 * n for n in range(FRAMES)], abs=6), "in order, not mangled"


@pytest.mark.parametrize("encoder", ["libx264", "libsvtav1"])
def test_a_portrait_phone_video_comes_the_right_way_up(tmp_path: Path, encoder: str) -> None:
    """Phones store a portrait video sideways with a rotation to apply; both decoders apply it."""
    encoder_or_skip(encoder)
    path = encoded_video(tmp_path / "portrait.mp4", encoder, frames=3, rotation=-90)
    source = sources.VideoSource(path, pose_model=NobodyPose)
    assert (source.width, source.height) == (BLANK_SIZE[1], BLANK_SIZE[0])
    images = [image for _, image in source.frames_with_images()]
    assert len(images) == 3
    assert images[0].shape == (BLANK_SIZE[0], BLANK_SIZE[1], 3)
    # Turned a quarter clockwise, the stored top left corner is shown at the top right.
    assert images[0][:24, -24:].min() > 200
    assert images[0][:24, :24].max() < 60


def test_without_pyav_an_av1_video_is_named_with_how_to_convert_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encoder_or_skip("libsvtav1")
    path = encoded_video(tmp_path / "from-the-web.mp4", "libsvtav1")
    monkeypatch.setitem(sys.modules, "av", None)
    with pytest.raises(InvalidInput) as caught:
        sources.VideoSource(path, pose_model=NobodyPose)
    message = str(caught.value)
    assert "\n" not in message
    assert "its video is AV1, which backbridge cannot decode here" in message
    assert "re-save it as H.264 MP4" in message
    assert "pip install 'backbridge[vision]'" in message


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        (b"vvc1", "its video is VVC (H.266), which backbridge cannot decode here"),
        (b"zzzz", "which backbridge cannot decode here"),
        (b"av01", "its AV1 video could not be decoded (the file may be damaged or cut short)"),
    ],
)
def test_an_undecodable_video_is_one_line_naming_its_codec(
    tmp_path: Path, tag: bytes, expected: str
) -> None:
    """An H.264 stream relabelled in its container: the codec the file claims cannot read it."""
    encoder_or_skip("libx264")
    path = relabelled(tmp_path, tag)
    with pytest.raises(InvalidInput) as caught:
        sources.open_source(path)
    message = str(caught.value)
    assert "\n" not in message
    assert expected in message
    assert (
        f"re-save it as H.264 MP4 with your phone's or computer's video tool (e.g. ffmpeg -i {path.name}"
        in message
    )


def test_a_file_with_sound_only_has_no_video_stream(tmp_path: Path) -> None:
    if not can_encode("aac"):
        pytest.skip("no AAC encoder")
    import av
    import numpy as np

    path = tmp_path / "voice-note.mp4"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("aac", rate=16000)
        for n in range(10):
            samples = np.zeros((1, 1024), np.float32)
            frame = av.AudioFrame.from_ndarray(samples, format="fltp", layout="mono")
            frame.sample_rate, frame.pts = 16000, n * 1024
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
    with pytest.raises(InvalidInput, match=r"not a video or landmark file .*no video stream"):
        sources.open_source(path)


def test_codec_names_are_the_ones_people_know() -> None:
    assert decoding.codec_name("hvc1") == "HEVC (H.265)"
    assert decoding.codec_name("AV01") == "AV1"
    assert decoding.codec_name("avc1") == "H.264"
    assert decoding.codec_name("cfhd") == "cfhd"
    assert decoding.codec_name("\x00\x00\x00\x00") == "an unknown codec"


def relabelled(tmp_path: Path, tag: bytes) -> Path:
    """An H.264 MP4 whose sample entry claims another codec (``avc1`` replaced by ``tag``)."""
    original = encoded_video(tmp_path / "h264.mp4", "libx264")
    path = tmp_path / f"claims-{tag.decode()}.mp4"
    path.write_bytes(original.read_bytes().replace(b"avc1", tag))
    return path


class NobodyPose:
    def estimate(self, image: object) -> tuple[()]:
        return ()

    def close(self) -> None:
        pass
