"""Suppression comments in a table file, as ruff's `# noqa`: read from the text, never from the data.

    goal: 培训 120 名  # perfgoals: ignore[PG603]  -- the same line
    # perfgoals: ignore[PG401, rate-as-quantity]    -- a comment line: the next line that is not a comment
    # perfgoals: ignore-file[PG603]                 -- the whole file

Codes or rule names, comma-separated; without brackets every rule.  Whatever follows the closing bracket
(a reason, `# 原表如此`) is the reader's.  perfgoals.suppress applies them to the findings.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_DIRECTIVE = re.compile(r"(?:^|(?<=\s))#\s*perfgoals:\s*(ignore-file|ignore)\b(?:\s*\[([^\]\n]*)\])?")


class Directive(NamedTuple):
    line: int  # where the comment is, 1-based
    column: int  # of its `#`, 1-based
    target: int  # the line it applies to; 0 for the whole file
    items: tuple[str, ...]  # codes or names as written; empty for every rule


def parse(text: str) -> tuple[Directive, ...]:
    """Every directive in text (cheap when there is none: one substring test)."""
    if "perfgoals:" not in text:
        return ()
    lines = text.splitlines()
    found: list[Directive] = []
    for number, line in enumerate(lines, 1):
        if "perfgoals:" not in line:
            continue
        for m in _DIRECTIVE.finditer(line):
            items = tuple(i.strip() for i in (m.group(2) or "").split(",") if i.strip())
            if m.group(1) == "ignore-file":
                target = 0
            elif line[: m.start()].strip():
                target = number  # after a value: that line
            else:
                target = _next_content_line(lines, number)
            found.append(Directive(number, m.start() + 1, target, items))
    return tuple(found)


def _next_content_line(lines: list[str], number: int) -> int:
    """The first line after `number` (1-based) that is neither blank nor only a comment."""
    for following in range(number, len(lines)):
        stripped = lines[following].strip()
        if stripped and not stripped.startswith("#"):
            return following + 1
    return number
