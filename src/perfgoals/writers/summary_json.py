"""`summary --format json`: the summary for scripts; money and percentages as exact decimal strings."""

from __future__ import annotations

import json
from typing import Any

from perfgoals.document import UNIT, Document, Summary
from perfgoals.targets import format_number
from perfgoals.writers import Options


def as_dict(s: Summary) -> dict[str, Any]:
    """JSON-ready: money and percentages as exact decimal strings, never floats."""

    def amounts(total, fiscal, other):
        return (
            None
            if total is None
            else {"total": format_number(total), "fiscal": format_number(fiscal), "other": format_number(other)}
        )

    return {
        "version": 1,
        "unit": s.unit_name,
        "money_unit": UNIT,
        "checkpoints": s.checkpoints,
        "projects": [
            {
                "path": r.path,
                "code": r.code,
                "name": r.name,
                "budget": amounts(r.total, r.fiscal, r.other),
                "spend_plan": {str(m): format_number(v) for m, v in r.spend.items()},
                "indicators": r.indicators,
                "errors": r.errors,
                "warnings": r.warnings,
            }
            for r in s.rows
        ],
        "total": {**amounts(s.total, s.fiscal, s.other), "indicators": s.indicators},
        "weighted_spend": {str(m): format_number(v) for m, v in s.weighted.items()},
        "errors": s.errors,
        "warnings": s.warnings,
    }


def generate(doc: Document, options: Options) -> bytes:
    return (json.dumps(as_dict(doc.summary), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
