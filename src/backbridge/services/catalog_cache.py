"""The catalogue, read and checked once, then kept in the cache directory between commands.

Reading the catalogue means parsing some forty YAML files, validating each against its schema
(which first has to be built) and cross-checking them: about a fifth of a short command's time.
The checked :class:`~backbridge.catalog.Catalog` is pickled into ``Settings.cache_dir`` under a
key that covers every file it depends on (each data file and each module of
:mod:`backbridge.catalog`: relative path, size and modification time) and the Python, pydantic
and backbridge versions, so editing an exercise's file, the schema or upgrading pydantic
rebuilds it. A cache that cannot be read (corrupt, from another version) is rebuilt; one that
cannot be written (a read-only folder) is skipped. The pickle is the user's own file in their
own cache directory, written only by this module.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from contextlib import suppress
from pathlib import Path

from backbridge.catalog import DATA_DIR, Catalog, load_catalog

FORMAT = 1
"""Raised when what is pickled changes shape in a way the key cannot see."""
CODE_DIR = Path(__file__).resolve().parents[1] / "catalog"


def cached_catalog(cache_dir: Path, data_dir: Path = DATA_DIR) -> Catalog:
    """The catalogue of ``data_dir``, from the cache when it is current, else loaded (and
    checked, raising :class:`~backbridge.errors.DataFileError` as ever) and cached."""
    try:
        key = catalog_key(data_dir)
    except OSError:
        return load_catalog(data_dir)
    path = cache_dir / f"catalog-{key}.pickle"
    with suppress(Exception):  # missing, truncated or stale: load it again below
        with path.open("rb") as file:
            cached = pickle.load(file)  # our own file: see the module's docstring
        if isinstance(cached, Catalog):
            return cached
    catalog = load_catalog(data_dir)
    _store(catalog, cache_dir, path)
    return catalog


def catalog_key(data_dir: Path) -> str:
    """A digest of everything the loaded catalogue depends on."""
    import pydantic

    from backbridge import __version__

    parts = [f"{FORMAT} {sys.version} {pydantic.VERSION} {__version__} {data_dir.resolve()}"]
    for root in (data_dir, CODE_DIR):
        parts += _listing(root, root)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _listing(root: Path, folder: Path) -> list[str]:
    lines = []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_dir() and entry.name != "__pycache__":
                lines += _listing(root, Path(entry.path))
            elif entry.name.endswith((".yaml", ".yml", ".py")):
                stat = entry.stat()
                relative = Path(entry.path).relative_to(root)
                lines.append(f"{relative} {stat.st_size} {stat.st_mtime_ns}")
    return lines


def _store(catalog: Catalog, cache_dir: Path, path: Path) -> None:
    """Write atomically (a reader sees the old file or the whole new one) and remove the
    catalogues of older keys; give up quietly when the folder cannot be written."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache_dir, prefix=".catalog-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                pickle.dump(catalog, file, protocol=pickle.HIGHEST_PROTOCOL)
            Path(temporary).replace(path)
        except BaseException:
            with suppress(OSError):
                Path(temporary).unlink()
            raise
        for old in cache_dir.glob("catalog-*.pickle"):
            if old != path:
                with suppress(OSError):
                    old.unlink()
    except (OSError, pickle.PicklingError):
        return
