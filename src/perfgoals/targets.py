"""The target value language: `≥90%`, `≤0.9 万元`, `2023 年 12 月 31 日`, `2023.07-2024.01`, `学会运用`.

A target is parsed into a Quantity, a Date, a Period or Qualitative text.  The
original string is kept for display; parsing never raises.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

GE, LE, GT, LT, EQ = "≥", "≤", ">", "<", "="

# Longest first: `不少于` must win over `少于`.
_PREFIXES: list[tuple[str, str]] = sorted(
    [
        (">=", GE), ("≥", GE), ("≧", GE), ("⩾", GE), ("不少于", GE), ("不低于", GE), ("不小于", GE),
        ("至少", GE), ("大于等于", GE), ("大于或等于", GE), ("高于或等于", GE),
        ("<=", LE), ("≤", LE), ("≦", LE), ("⩽", LE), ("不超过", LE), ("不高于", LE), ("不多于", LE),
        ("不大于", LE), ("至多", LE), ("小于等于", LE), ("小于或等于", LE), ("低于或等于", LE),
        (">", GT), ("大于", GT), ("高于", GT), ("超过", GT), ("多于", GT),
        ("<", LT), ("小于", LT), ("低于", LT), ("少于", LT),
        ("=", EQ), ("等于", EQ),
    ],
    key=lambda p: -len(p[0]),
)
_SUFFIXES: list[tuple[str, str]] = [("及以上", GE), ("以上", GE), ("及以下", LE), ("以下", LE), ("以内", LE)]
_DEADLINE_SUFFIXES = ("之前", "以前", "前")

MONEY_UNITS: dict[str, Decimal] = {
    "元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10_000), "万": Decimal(10_000),
    "百万元": Decimal(1_000_000), "亿元": Decimal(100_000_000), "亿": Decimal(100_000_000),
}
TIME_UNITS = {"天", "日", "个工作日", "工作日", "周", "个月", "月", "年", "小时", "分钟", "季度", "个季度"}

_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_UNIT = re.compile(r"[^\d,.，。；;：:、!！?？()（）\[\]【】]{0,8}")

_YMD = re.compile(r"(\d{4})(?:年(\d{1,2})月(\d{1,2})日?|[.\-/](\d{1,2})[.\-/](\d{1,2}))")
_YM = re.compile(r"(\d{4})(?:年(\d{1,2})月(?:底|末|份)?|[.\-/](\d{1,2}))")
_PERIOD_SEP = re.compile(r"[-~～—–至到]+")


@dataclass(frozen=True, slots=True)
class Quantity:
    comparator: str  # one of ≥ ≤ > < = or "" for the value itself
    value: Decimal
    unit: str
    text: str

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY_UNITS

    def in_yuan(self) -> Decimal | None:
        factor = MONEY_UNITS.get(self.unit)
        return None if factor is None else self.value * factor

    def canonical(self) -> str:
        return format_quantity(self.comparator, self.value, self.unit)


@dataclass(frozen=True, slots=True)
class Date:
    date: dt.date  # for a month: its last day
    month_only: bool
    comparator: str
    text: str


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date
    text: str


@dataclass(frozen=True, slots=True)
class Qualitative:
    text: str


Target = Quantity | Date | Period | Qualitative


def normalize(text: str) -> str:
    """Full-width forms to ASCII and every kind of space removed: spaces are insignificant."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace())


def format_number(value: Decimal) -> str:
    """A Decimal in plain notation, never `1E+3`; trailing zeros kept as written."""
    s = format(value, "f")
    return "0" + s[2:] if s.startswith("-0") and value == 0 else s


def format_quantity(comparator: str, value: Decimal, unit: str) -> str:
    return f"{comparator}{format_number(value)}{unit}"


@lru_cache(maxsize=4096)
def parse_target(text: str) -> Target:
    original = text if isinstance(text, str) else str(text)
    s = normalize(original)
    if not s:
        return Qualitative(original)
    return _parse_date_like(s, original) or _parse_quantity(s, original) or Qualitative(original)


def _split_comparator(s: str) -> tuple[str, str]:
    for word, comp in _PREFIXES:
        if s.startswith(word):
            return comp, s[len(word):]
    return "", s


def _parse_quantity(s: str, original: str) -> Quantity | None:
    comparator, rest = _split_comparator(s)
    for word, comp in _SUFFIXES:
        if rest.endswith(word):
            if comparator and comparator != comp:
                return None
            comparator, rest = comp, rest[: -len(word)]
            break
    m = _NUMBER.match(rest)
    if not m:
        return None
    unit = rest[m.end():]
    if not _UNIT.fullmatch(unit):
        return None
    try:
        value = Decimal(m.group().replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only numbers
        return None
    return Quantity(comparator, value, unit, original)


def _date(y: str, m: str, d: str | None) -> dt.date | None:
    year, month = int(y), int(m)
    if not (1900 <= year <= 2200 and 1 <= month <= 12):
        return None
    day = int(d) if d is not None else calendar.monthrange(year, month)[1]
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _one_date(s: str) -> tuple[dt.date, bool, dt.date] | None:
    """(last day, month_only, first day) for one date or month written in full."""
    m = _YMD.fullmatch(s)
    if m:
        y, m1, d1, m2, d2 = m.groups()
        d = _date(y, m1 or m2, d1 or d2)
        return (d, False, d) if d else None
    m = _YM.fullmatch(s)
    if m:
        y, m1, m2 = m.groups()
        last = _date(y, m1 or m2, None)
        return (last, True, last.replace(day=1)) if last else None
    return None


def _parse_date_like(s: str, original: str) -> Date | Period | None:
    comparator, rest = _split_comparator(s)
    if comparator in (GE, GT, EQ):
        return None if comparator != EQ else _parse_date_like(rest, original)
    for suffix in _DEADLINE_SUFFIXES:
        if rest.endswith(suffix):
            rest, comparator = rest[: -len(suffix)], LE
            break
    one = _one_date(rest)
    if one:
        return Date(one[0], one[1], comparator, original)
    if comparator:
        return None
    parts = _PERIOD_SEP.split(rest)
    if len(parts) == 2 and all(parts):
        a, b = _one_date(parts[0]), _one_date(parts[1])
        if a and b and a[2] <= b[0]:
            return Period(a[2], b[0], original)
    return None


def describe(target: Target) -> str:
    """A short English kind name, for debugging and JSON output."""
    return type(target).__name__.lower()
