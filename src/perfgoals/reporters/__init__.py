"""Reporters turn a result into text, JSON or CI annotations; one table per kind of result.

Every reporter of a table has the same signature: (result, out: TextIO, lang: str) -> None.
To add a format: a module here with that function, and one line in its table.  The
command line offers exactly the names in these tables.
"""

from __future__ import annotations

from typing import Callable, TextIO

from perfgoals.registry import resolve

# `perfgoals validate --format`: a Report.
VALIDATE = {
    "text": "perfgoals.reporters.text:report",
    "json": "perfgoals.reporters.json:report",
    "github": "perfgoals.reporters.github:report",
    "sarif": "perfgoals.reporters.sarif:report",
    "gitlab": "perfgoals.reporters.gitlab:report",
}
# `perfgoals diff --format`: a DiffResult.
DIFF = {
    "text": "perfgoals.reporters.diff:text",
    "md": "perfgoals.reporters.diff:md",
    "json": "perfgoals.reporters.diff:as_json",
}

# `perfgoals validate --statistics`: a Report, counted per rule (text for every other --format).
STATISTICS = {
    "text": "perfgoals.reporters.statistics:text",
    "json": "perfgoals.reporters.statistics:as_json",
}

Reporter = Callable[[object, TextIO, str], None]


def default_format() -> str:
    """validate's format when none is asked for: GitHub annotations in a GitHub Actions job, as ruff does."""
    import os

    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def get(name: str, table: dict[str, str] = VALIDATE) -> Reporter:
    return resolve(table[name])
