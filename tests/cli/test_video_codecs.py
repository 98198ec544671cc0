"""``analyze`` on videos from phones and the web: AV1 is read, an undecodable codec is one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.vision.videos import BLANK_FRAMES, can_encode, encoded_video


def test_analyze_reads_an_av1_video(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if not can_encode("libsvtav1"):
        pytest.skip("this machine's PyAV cannot encode AV1")
    clip = encoded_video(tmp_path / "from-the-web.webm", "libsvtav1")
    result = cli("analyze", str(clip), "-e", "bridge", "--json")
    # Nobody is in a grey clip (exit 1), but every frame was decoded and measured.
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["frames"] == BLANK_FRAMES
    assert "nobody" in result.stderr.lower()


def test_analyze_names_a_codec_it_cannot_decode_in_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if not can_encode("libx264"):
        pytest.skip("this machine's PyAV cannot encode H.264")
    original = encoded_video(tmp_path / "h264.mp4", "libx264")
    clip = tmp_path / "new-phone.mp4"
    clip.write_bytes(original.read_bytes().replace(b"avc1", b"vvc1"))
    result = cli("analyze", str(clip), "-e", "bridge")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    assert "its video is VVC (H.266), which backbridge cannot decode here" in lines[0]
    assert "re-save it as H.264 MP4" in lines[0]
    assert "Traceback" not in result.output
