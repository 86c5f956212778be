"""The reader's data: rule codes, limits, positions, problems, and YAML 1.2 core scalars made from their text.

Both readers of a YAML text build these: the events builder (perfgoals.source) and the line reader
(perfgoals.blockreader); perfgoals.source re-exports every name, which is where the rest of the code finds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from perfgoals.findings import Hit


# The reader's rule codes, declared here once; their texts live in rules/syntax.py.
UNREADABLE = "PG000"
INVALID_YAML = "PG001"
SCHEMA = "PG002"
ENCODING = "PG003"
UNSAFE = "PG004"


# No table's figure needs more: a longer number is refused as PG004 before anything formats it (a
# `1e999999999` written out in full is a gigabyte; Python refuses int() of more than 4,300 digits).
MAX_NUMBER_DIGITS = 100
MAX_NUMBER_EXPONENT = 400


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = 2 * 1024 * 1024
    max_depth: int = 32
    max_events: int = 200_000


DEFAULT_LIMITS = Limits()


class Pos(NamedTuple):
    """Where a key and its value are.  A tuple: build() makes ~150 a file with tuple.__new__, half a dataclass's cost."""

    line: int  # 1-based, of the value
    column: int  # 1-based, in characters
    key_line: int | None = None
    key_column: int | None = None
    raw: str | None = None  # source text of a plain scalar
    style: str | None = None  # None for plain scalars and block collections


_new_tuple = tuple.__new__


@dataclass(slots=True)
class Problem:
    """Something wrong with the file itself, before any rule runs."""

    code: str
    variant: str
    line: int = 1
    column: int = 1
    params: dict[str, Any] = field(default_factory=dict)

    def as_hit(self) -> tuple[str, Hit]:
        """(rule code, hit): how the loader records it, like any rule's report."""
        return self.code, Hit((), dict(self.params), self.variant, line=self.line, column=self.column)


class SourceError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.variant)
        self.problem = problem


@dataclass(slots=True)
class Document:
    data: Any
    positions: dict[tuple, Pos]

    def locate(self, path: tuple, key: bool = False) -> tuple[int, int]:
        """Line and column for a path; walks up to the nearest recorded ancestor."""
        p = tuple(path)
        while p:
            pos = self.positions.get(p)
            if pos is not None:
                if key and pos.key_line is not None:
                    return pos.key_line, pos.key_column  # type: ignore[return-value]
                return pos.line, pos.column
            p = p[:-1]
            key = True  # a missing child is best shown at its parent's key
        root = self.positions.get(())
        return (root.line, root.column) if root else (1, 1)


# --- scalars: YAML 1.2 core schema, numbers from their text -------------------------

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
# One pattern for every YAML 1.2 core number: a value that starts with a digit but is no number
# (`100%`, `2023 年 12 月 31 日`) fails one match instead of six.
_NUMBER = re.compile(
    r"(?P<int>[-+]?[0-9]+)|0o(?P<oct>[0-7]+)|0x(?P<hex>[0-9a-fA-F]+)"
    r"|(?P<float>[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)"
    r"|(?P<inf>[-+]?\.(?:inf|Inf|INF))|(?P<nan>\.(?:nan|NaN|NAN))"
)


# Most values are Chinese text: anything else starts with one of these characters.
_SPECIAL_START = frozenset("0123456789+-.~nNtTfF")
_NUMBER_START = frozenset("0123456789+-.")
_WORDS: dict[str, Any] = {**dict.fromkeys(_NULL), **dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)}


class LongNumber(ValueError):
    """A number beyond MAX_NUMBER_DIGITS or MAX_NUMBER_EXPONENT (the reader makes it a PG004 at its place)."""


def resolve_plain(text: str) -> Any:
    if text and text[0] not in _SPECIAL_START:
        return text
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if text[0] not in _NUMBER_START:  # `name`, `target`, `fiscal`: keys that start like null/true/false
        return text
    m = _NUMBER.fullmatch(text)
    if m is None:
        return text
    kind = m.lastgroup
    if kind in ("int", "oct", "hex") and len(text) > MAX_NUMBER_DIGITS + 2:
        raise LongNumber(text)
    if kind == "int":
        return int(text)
    if kind == "oct":
        return int(text[2:], 8)
    if kind == "hex":
        return int(text[2:], 16)
    if kind == "float":
        try:
            value = Decimal(text)
        except InvalidOperation:  # an exponent beyond what Decimal holds (`1e` and 3,000 digits)
            raise LongNumber(text) from None
        if len(value.as_tuple().digits) > MAX_NUMBER_DIGITS or abs(value.adjusted()) > MAX_NUMBER_EXPONENT:
            raise LongNumber(text)
        return value
    if kind == "inf":
        return Decimal("-Infinity") if text.startswith("-") else Decimal("Infinity")
    return Decimal("NaN")


def _resolve_at(text: str, line: int, column: int) -> Any:
    """resolve_plain for a scalar at (line, column): a number too long to be a figure is PG004 there."""
    try:
        return resolve_plain(text)
    except LongNumber:
        limit = {"digits": MAX_NUMBER_DIGITS, "exponent": MAX_NUMBER_EXPONENT}
        raise SourceError(Problem(UNSAFE, "long_number", line, column, limit)) from None
