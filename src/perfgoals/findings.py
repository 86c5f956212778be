"""The small types every part of perfgoals exchanges: a rule's `Hit` (where, in the file's data) and
the `Finding` it becomes (where, in the file's text, and what it says in the user's language)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

# What a terminal would act on rather than show: C0 controls but tab and line feed (ESC starts colour,
# screen-clearing and clipboard-writing sequences), DEL, C1 controls (U+009B is a CSI of its own), the
# line and paragraph separators, and the bidirectional overrides that reorder what is shown.
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escaped(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def json_text(data: Any) -> str:
    """JSON as perfgoals writes it (UTF-8 text, indented), with every character a terminal would act on
    written as a \\u escape: the same JSON to a parser, nothing raw on a screen (json leaves C1 and the
    bidirectional controls raw under ensure_ascii=False)."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSHOWABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _UNSHOWABLE.search(text) else text


def source_lines(data: bytes) -> list[str]:
    """A file's lines as the text report quotes them (a line that does not decode shows U+FFFD, and is then
    not quoted)."""
    return data.decode("utf-8-sig", errors="replace").splitlines()


def quoted_lines(data: bytes, findings: list) -> dict[int, str]:
    """The lines these findings point at, by number: what the text report shows under each, kept with the
    file's findings so that a warm run need not read the file again to show them."""
    lines = source_lines(data)
    return {f.line: lines[f.line - 1] for f in findings if 0 < f.line <= len(lines)}


def visible(text: str) -> str:
    """Text from a file made safe to print: what a terminal would act on is shown escaped (ESC as \\x1b)."""
    return _UNSHOWABLE.sub(_escaped, text) if _UNSHOWABLE.search(text) else text


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(slots=True)
class Hit:
    """A rule's or the reader's report: where (a path into the file's data) and the message parameters."""

    path: tuple
    params: dict[str, Any] = field(default_factory=dict)
    variant: str = ""
    severity: Severity | None = None  # overrides the rule's default (PG302's two levels)
    key: bool = False  # point at the key rather than the value
    column_offset: int = 0  # characters into a plain scalar (a number inside the goal text)
    line: int | None = None  # set by the loader for problems that have no path
    column: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    path: str
    line: int  # 1-based
    column: int  # 1-based, in characters
    message: str
    hint: str = ""
    project: str | None = None
    cell: str | None = None  # `Sheet1!E12` for a finding in a workbook (line and column are then its row and column)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["severity"] = self.severity.value
        if self.cell is None:
            del d["cell"]  # a YAML file's findings keep the shape they always had
        return d
