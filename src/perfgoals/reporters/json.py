"""`--format json`: the same data the library returns."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from perfgoals.report import Report


def report(result: Report, out: TextIO, lang: str) -> None:
    json.dump(result.as_dict(), out, ensure_ascii=False, indent=2)
    out.write("\n")
