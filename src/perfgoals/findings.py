"""The small types every part of perfgoals exchanges: a rule's `Hit` (where, in the file's data) and
the `Finding` it becomes (where, in the file's text, and what it says in the user's language)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


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
