"""`--format json`: the same data the library returns."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from perfgoals.findings import json_text

if TYPE_CHECKING:
    from perfgoals.report import Report


def report(result: Report, out: TextIO, lang: str) -> None:
    out.write(json_text(result.as_dict()) + "\n")
