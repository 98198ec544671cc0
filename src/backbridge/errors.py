"""Errors a person can cause, each carrying one line that says what was wrong and what to do.

Interfaces catch :class:`BackbridgeError` and render ``str(error)``: the CLI as one line on
stderr with a non-zero exit, the API as a 4xx JSON body. Anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations


class BackbridgeError(Exception):
    """Base for every error caused by input, data files or the environment, not by a bug."""

    exit_code = 1


class InvalidInput(BackbridgeError):
    """A value given by the user is out of range or refers to something that does not exist."""

    exit_code = 2


class NotFound(InvalidInput):
    """A slug, id or file named by the user does not exist."""


class DataFileError(BackbridgeError):
    """A data file (catalogue YAML, backup JSON) is malformed or inconsistent."""

    exit_code = 3

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))
