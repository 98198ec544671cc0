"""``backbridge serve --workers N``: more than one process only where the database allows it."""

from __future__ import annotations

from tests.cli.conftest import Cli


def test_workers_on_sqlite_is_one_line_naming_postgresql(cli: Cli) -> None:
    result = cli("serve", "--workers", "2", "--port", "1")
    assert result.exit_code == 2
    assert result.stderr.count("error:") == 1
    assert "--workers needs PostgreSQL" in result.stderr
    assert "one writer at a time" in result.stderr
