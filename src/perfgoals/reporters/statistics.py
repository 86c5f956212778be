"""`validate --statistics`: the number of findings per rule, most first (as ruff's --statistics)."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, TextIO

from perfgoals.rules import load_all

if TYPE_CHECKING:
    from perfgoals.report import Report


def rows(result: Report) -> list[dict]:
    registry = load_all()
    counts = Counter(f.code for f in result.findings)
    severities = {f.code: f.severity.value for f in result.findings}
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [
        {"code": code, "name": registry[code].name, "severity": severities[code], "count": n} for code, n in ordered
    ]


def text(result: Report, out: TextIO, lang: str) -> None:
    table = rows(result)
    width = max((len(str(r["count"])) for r in table), default=1)
    for r in table:
        out.write(f"{r['count']:>{width}}  {r['code']}  {r['name']}\n")


def as_json(result: Report, out: TextIO, lang: str) -> None:
    json.dump({"version": 1, "statistics": rows(result)}, out, ensure_ascii=False, indent=2)
    out.write("\n")
