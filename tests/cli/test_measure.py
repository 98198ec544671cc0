"""``backbridge measure``: rate activities, read the trends."""

from __future__ import annotations

import json


def test_measure_rates_and_reads(cli) -> None:  # type: ignore[no-untyped-def]
    first = cli("measure")
    assert first.exit_code == 0, first.output
    assert "Time to rate your activities" in first.stdout
    rated = cli("measure", "--rate", "putting on socks=4", "--rate", "walking=5",
                "--rate", "lifting the shopping=3")  # fmt: skip
    assert rated.exit_code == 0, rated.output
    assert "Average: 4.0 out of 10." in rated.stdout
    document = json.loads(cli("measure", "--json").stdout)
    assert [a["score"] for a in document["function_scores"][0]["activities"]] == [4, 5, 3]
    assert document["due"] is None and document["pain"] is None


def test_a_bad_rating_is_one_line(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("measure", "--rate", "socks")
    assert result.exit_code == 2 and "write it as 'putting on socks=4'" in result.stderr
    two = cli("measure", "--rate", "a=1", "--rate", "b=2")
    assert two.exit_code == 2 and "name 3 to 5 activities" in two.stderr
    assert json.loads(cli("measure", "--json").stdout)["function_scores"] == []
