"""The cached catalogue is the loaded one, and is rebuilt whenever what it depends on changes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from backbridge.catalog import DATA_DIR, Catalog, load_catalog
from backbridge.errors import DataFileError
from backbridge.services.catalog_cache import cached_catalog, catalog_key


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    copied = tmp_path / "data"
    shutil.copytree(DATA_DIR, copied)
    return copied


def cache_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("catalog-*.pickle"))


def test_the_cached_catalogue_is_the_loaded_one(tmp_path: Path, catalog: Catalog) -> None:
    cache = tmp_path / "cache"
    first = cached_catalog(cache)
    assert len(cache_files(cache)) == 1
    second = cached_catalog(cache)
    assert first == catalog
    assert second == catalog
    assert second.exercise("banded-clamshell") == catalog.exercise("banded-clamshell")


def test_a_changed_data_file_rebuilds_the_cache(tmp_path: Path, data_dir: Path) -> None:
    cache = tmp_path / "cache"
    before = cached_catalog(cache, data_dir)
    exercise = data_dir / "exercises" / "banded-clamshell.yaml"
    text = exercise.read_text()
    name = before.exercise("banded-clamshell").name
    exercise.write_text(text.replace(f"name: {name}", "name: Clamshell, edited", 1))
    stat = exercise.stat()  # a later modification time even on a coarse clock
    os.utime(exercise, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    after = cached_catalog(cache, data_dir)
    assert after.exercise("banded-clamshell").name == "Clamshell, edited"
    assert after == load_catalog(data_dir)
    assert len(cache_files(cache)) == 1, "the stale catalogue is removed"


def test_an_added_file_changes_the_key(data_dir: Path) -> None:
    before = catalog_key(data_dir)
    (data_dir / "programs" / "extra.yaml").write_text("slug: extra\n")
    assert catalog_key(data_dir) != before


def test_a_broken_data_file_still_fails_as_without_a_cache(tmp_path: Path, data_dir: Path) -> None:
    cache = tmp_path / "cache"
    cached_catalog(cache, data_dir)
    (data_dir / "bands.yaml").write_text("bands: [\n")
    with pytest.raises(DataFileError, match=r"bands\.yaml"):
        cached_catalog(cache, data_dir)


def test_an_unreadable_cache_is_rebuilt(tmp_path: Path, catalog: Catalog) -> None:
    cache = tmp_path / "cache"
    cached_catalog(cache)
    [stored] = cache_files(cache)
    stored.write_bytes(b"not a pickle")
    assert cached_catalog(cache) == catalog
    assert stored.read_bytes() != b"not a pickle"


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path: Path, catalog: Catalog) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    assert cached_catalog(blocked / "cache") == catalog
