"""The two database drivers behind one small interface: SQL text with ``:name`` parameters, run
on ``sqlite3`` or ``psycopg``, values converted both ways as the schema stores them.

Why not SQLAlchemy at run time: importing it costs about 0.2 s, more than half of what
``backbridge plan`` or ``log set`` took to answer, while the store runs a few dozen fixed
statements over thirteen tables. SQLAlchemy and Alembic still define and migrate the schema
(:mod:`backbridge.store.tables`, :mod:`backbridge.store.migrating`), imported only when a
database needs migrating; this module reads and writes what they made, in the same storage
format:

- ids: ``CHAR(32)`` hex on SQLite, ``uuid`` on PostgreSQL;
- moments: UTC text ``YYYY-MM-DD HH:MM:SS.ffffff`` on SQLite (compared as text, so the format is
  fixed), ``timestamptz`` on PostgreSQL; aware datetimes only, read back in UTC;
- JSON as text on SQLite, ``json`` on PostgreSQL; booleans as 0/1 on SQLite.

The SQL is written once for both: standard SQL that both understand (``IS NOT DISTINCT FROM``,
``LIMIT``); only the parameter style differs, and :func:`_pyformat` translates
it for psycopg.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
import uuid
from collections import namedtuple
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from enum import Enum
from functools import lru_cache
from typing import Any, Literal

Dialect = Literal["sqlite", "postgresql"]
Params = Mapping[str, Any]


class OperationalError(Exception):
    """The database could not do what was asked (locked, read-only, full, gone)."""


class IntegrityError(Exception):
    """A row broke a constraint of the schema (a duplicate key, a value out of range)."""


class In:
    """A parameter that stands for a list of values: ``WHERE id IN :ids`` with
    ``{"ids": In(ids)}`` becomes ``IN (:ids_0, :ids_1, ...)``."""

    __slots__ = ("values",)

    def __init__(self, values: Sequence[Any]) -> None:
        self.values = tuple(values)


class Result:
    """The rows of one statement; each row is a named tuple (``row.started_at``, ``a, b = row``)."""

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self._rows = rows
        self.rowcount = rowcount

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)

    def all(self) -> list[Any]:
        return self._rows

    def first(self) -> Any | None:
        return self._rows[0] if self._rows else None

    def one(self) -> Any:
        if len(self._rows) != 1:
            raise LookupError(f"expected one row, got {len(self._rows)}")
        return self._rows[0]

    def scalar(self) -> Any | None:
        return self._rows[0][0] if self._rows else None


class Connection:
    """One driver connection inside a transaction that :class:`~.database.Database` opened."""

    def __init__(self, raw: Any, dialect: Dialect) -> None:
        self.raw = raw
        self.dialect = dialect

    def execute(self, sql: str, params: Params | Sequence[Params] | None = None) -> Result:
        """Run ``sql`` once, or once per mapping when ``params`` is a sequence of them."""
        bind = _bind_sqlite if self.dialect == "sqlite" else _bind_postgresql
        many = params is not None and not isinstance(params, Mapping)
        if params is None or isinstance(params, Mapping):
            batch = [dict(params or {})]
        else:
            batch = [dict(p) for p in params]
        if any(isinstance(v, In) for v in batch[0].values()):
            sql, batch = _expanded(sql, batch)
        values = [{k: bind(v) for k, v in p.items()} for p in batch]
        if self.dialect == "postgresql":
            sql = _pyformat(sql)
        cursor = self.raw.cursor()
        try:
            if many:
                cursor.executemany(sql, values)
            else:
                cursor.execute(sql, values[0])
            rows = cursor.fetchall() if cursor.description else []
            if rows and self.dialect == "sqlite":
                make = _row_type(tuple(d[0] for d in cursor.description))._make
                rows = [make(row) for row in rows]
            return Result(rows, cursor.rowcount)
        except Exception as error:
            raise translated(error) from error
        finally:
            cursor.close()

    def insert(self, table: str, rows: Params | Sequence[Params]) -> None:
        """Insert one row, or several with the same columns."""
        first = rows if isinstance(rows, Mapping) else rows[0]
        self.execute(_insert_sql(table, tuple(first)), rows)

    def update(self, table: str, values: Params, where: str, params: Params) -> int:
        """``UPDATE table SET ... WHERE where``; the new values are bound as ``new_<column>``,
        so they never clash with ``params``. Returns how many rows changed."""
        sql = _update_sql(table, tuple(values), where)
        bound = {**params, **{f"new_{name}": value for name, value in values.items()}}
        return self.execute(sql, bound).rowcount


def translated(error: Exception) -> Exception:
    """A driver's error as this module's: constraint breaks and operational failures keep
    their message; anything else is returned as it is."""
    integrity: tuple[type[Exception], ...] = (sqlite3.IntegrityError,)
    operational: tuple[type[Exception], ...] = (sqlite3.OperationalError,)
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None:
        integrity += (psycopg.IntegrityError,)
        operational += (psycopg.OperationalError,)
    if isinstance(error, integrity):
        return IntegrityError(one_line(error))
    if isinstance(error, operational):
        return OperationalError(one_line(error))
    return error


def one_line(error: object) -> str:
    """A driver's message, which may span lines, as one line."""
    return " ".join(str(error).split())


@lru_cache(maxsize=64)
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(columns)
    marks = ", ".join(f":{name}" for name in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks})"


@lru_cache(maxsize=64)
def _update_sql(table: str, columns: tuple[str, ...], where: str) -> str:
    changes = ", ".join(f"{name} = :new_{name}" for name in columns)
    return f"UPDATE {table} SET {changes} WHERE {where}"


_PARAMETER = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=256)
def _pyformat(sql: str) -> str:
    """``:name`` as psycopg's ``%(name)s``; a literal ``%`` doubled."""
    return _PARAMETER.sub(r"%(\1)s", sql.replace("%", "%%"))


def _expanded(sql: str, batch: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Each :class:`In` parameter of a single statement spelled out as a list of parameters.
    An empty list matches nothing (``IN (NULL)``)."""
    (params,) = batch
    flat: dict[str, Any] = {}
    for name, value in params.items():
        if not isinstance(value, In):
            flat[name] = value
            continue
        names = [f"{name}_{n}" for n in range(len(value.values))]
        flat.update(zip(names, value.values, strict=True))
        listed = "(" + ", ".join(f":{n}" for n in names) + ")" if names else "(NULL)"
        sql = re.sub(rf"(?<![:\w]):{name}\b", listed, sql)
    return sql, [flat]


# -- values in ---------------------------------------------------------------------------------


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: backbridge stores aware datetimes only")
    return moment.astimezone(UTC)


def _bind_sqlite(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        return _utc(value).replace(tzinfo=None).isoformat(" ", "microseconds")
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


def _bind_postgresql(value: Any) -> Any:
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict | list):
        from psycopg.types.json import Json

        return Json(value)
    return value


# -- values out (SQLite: by the column's declared type; psycopg converts by itself) -------------

sqlite3.register_converter(
    "DATETIME", lambda raw: datetime.fromisoformat(raw.decode()).replace(tzinfo=UTC)
)
sqlite3.register_converter("CHAR", lambda raw: uuid.UUID(hex=raw.decode()))  # CHAR(32): the ids
sqlite3.register_converter("JSON", json.loads)
sqlite3.register_converter("BOOLEAN", lambda raw: raw not in (b"0", b""))


@lru_cache(maxsize=128)
def _row_type(names: tuple[str, ...]) -> Any:
    """The named tuple of one SQLite result shape (psycopg makes its own)."""
    return namedtuple("Row", names, rename=True)


def sqlite_connection(
    path: str, *, converters: bool = True, uri: bool = False
) -> sqlite3.Connection:
    """A connection to the SQLite file at ``path``, tuned for durability: WAL lets readers and
    the writer work side by side; FULL syncs every commit so a logged set survives a power cut,
    not only a killed process. Transactions are begun explicitly (autocommit mode). Without
    ``converters`` values come back as stored (for SQLAlchemy, which converts them itself)."""
    raw = sqlite3.connect(
        path,
        timeout=30,
        detect_types=sqlite3.PARSE_DECLTYPES if converters else 0,
        isolation_level=None,
        check_same_thread=False,
        uri=uri,
    )
    try:
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=FULL")
        raw.execute("PRAGMA foreign_keys=ON")
    except Exception:
        raw.close()
        raise
    return raw


def postgresql_connection(conninfo: str) -> Any:
    """A psycopg connection whose moments come back in UTC and whose rows are named tuples."""
    import psycopg
    from psycopg.rows import namedtuple_row

    return psycopg.connect(conninfo, options="-c TimeZone=UTC", row_factory=namedtuple_row)


__all__ = ["Connection", "Dialect", "In", "IntegrityError", "OperationalError", "Result"]
