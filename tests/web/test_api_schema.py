"""Schemathesis against a real ``backbridge serve``, on SQLite and on PostgreSQL: thousands of
generated requests, valid and invalid, for every operation of the OpenAPI document.

No answer may be a 5xx, name a status the document does not state, or contradict its schema;
a request the schema forbids must be refused; a method a path does not take gets 405 with the
right ``Allow``. ``positive_data_acceptance`` is left out on purpose: the API refuses some
schema-valid requests for reasons a JSON schema cannot state (reps or seconds but not both, a
screen answering every question, an exercise that exists), each with a documented 4xx.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import Server, answer_safety_questions, start_server, stop_server

pytestmark = pytest.mark.slow
EXAMPLES = int(os.environ.get("BACKBRIDGE_SCHEMATHESIS_EXAMPLES", "25"))
"""Cases per operation and phase; CI runs the default, a deeper run sets more."""
SEED = os.environ.get("BACKBRIDGE_SCHEMATHESIS_SEED", "20261202")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def api_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    url = None if request.param == "sqlite" else str(request.getfixturevalue("postgres_url"))
    server = start_server(tmp_path / "home", database_url=url)
    answer_safety_questions(server)  # so that logging is reached, not only its 409
    yield server
    stop_server(server)


def test_every_operation_keeps_to_its_schema(api_server: Server, tmp_path: Path) -> None:
    command = [
        str(Path(sys.executable).with_name("schemathesis")), "run",
        f"{api_server.url}/api/v1/openapi.json", "--url", api_server.url,
        "--checks", "all", "--exclude-checks", "positive_data_acceptance",
        "--phases", "examples,coverage,fuzzing", "--max-examples", str(EXAMPLES),
        "--seed", SEED, "--generation-database", "none", "--no-color",
    ]  # fmt: skip
    run = subprocess.run(  # in tmp_path: schemathesis keeps a crash cache where it runs
        command, capture_output=True, text=True, timeout=1800, check=False, cwd=tmp_path
    )
    summary = run.stdout[run.stdout.rfind("SUMMARY") :]
    print(summary)
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-5000:]
    assert " generated, " in summary and "passed" in summary
