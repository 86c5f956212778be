"""The target value language, as people write it in these tables.

A target is parsed into one of these kinds; each keeps the original string (`text`) for display, and
parsing never raises:

- Quantity: `≥90%`, `≤0.9 万元`, `1500 册`, `=100百分比`, `3万人次` (30,000 人次), and unit prices
  `85元/平方米`, `≤3.5万元/公里` (money per unit: `per` holds what follows the slash);
- Date: `2023 年 12 月 31 日`, `2023年6月底前`, and year-less deadlines `12月底前`, `年底前`, `年内`,
  `第三季度末`, `6月30日前`, which the rules resolve against the budget year (`resolve`);
- Period: `2023.07-2024.01`, `2021年1月-12月`, `1月-12月` (year-less), a bare year `2024年`;
- RelativeChange: `较上年提高5个百分点`, `同比增长10%`;
- Ratio: `1:1.5`;  YesNo: `是`, `否`, `有`, `无`;
- Qualitative: anything else (`学会运用`, `稳步提高`, `较上年下降` without an amount).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

GE, LE, GT, LT, EQ = "≥", "≤", ">", "<", "="
UP, DOWN = "up", "down"

# Longest first: `不少于` must win over `少于`.  `═` and `〓` are `=` in some provinces' system exports
# (`＝` is made `=` by NFKC already).
_PREFIXES: list[tuple[str, str]] = sorted(
    [
        (">=", GE),
        ("≥", GE),
        ("≧", GE),
        ("⩾", GE),
        ("不少于", GE),
        ("不低于", GE),
        ("不小于", GE),
        ("至少", GE),
        ("大于等于", GE),
        ("大于或等于", GE),
        ("高于或等于", GE),
        ("<=", LE),
        ("≤", LE),
        ("≦", LE),
        ("⩽", LE),
        ("不超过", LE),
        ("不高于", LE),
        ("不多于", LE),
        ("不大于", LE),
        ("至多", LE),
        ("小于等于", LE),
        ("小于或等于", LE),
        ("低于或等于", LE),
        (">", GT),
        ("大于", GT),
        ("高于", GT),
        ("超过", GT),
        ("多于", GT),
        ("<", LT),
        ("小于", LT),
        ("低于", LT),
        ("少于", LT),
        ("==", EQ),
        ("=", EQ),
        ("═", EQ),
        ("〓", EQ),
        ("等于", EQ),
    ],
    key=lambda p: -len(p[0]),
)
# `内` last: `以内` must win.  `30个工作日内` is ≤30 个工作日.
_SUFFIXES: list[tuple[str, str]] = [
    ("及以上", GE),
    ("以上", GE),
    ("及以下", LE),
    ("以下", LE),
    ("以内", LE),
    ("内", LE),
]
_DEADLINE_SUFFIXES = ("之前", "以前", "前")
_DEADLINE_PREFIXES = ("截止到", "截至到", "截止", "截至")
# Words after a value that add nothing to it: `100%完成`, `12月底到位`, `2025年6月30日前完成`.
_TRAILING_VERBS = ("完成", "到位", "完工", "竣工", "办结", "结束", "拨付", "支付", "发放")

MONEY_UNITS: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10_000),
    "万": Decimal(10_000),
    "百万元": Decimal(1_000_000),
    "亿元": Decimal(100_000_000),
    "亿": Decimal(100_000_000),
}
TIME_UNITS = {"天", "日", "个工作日", "工作日", "周", "个月", "月", "年", "小时", "分钟", "季度", "个季度"}
# 万/亿/千 before a unit that is not money scale the number (`3万人次` is 30,000 人次), as powers of ten.
MULTIPLIERS: dict[str, int] = {"万": 4, "亿": 8, "千": 3}
# …except where 千 is part of the unit itself: 千米, 千克, 千瓦(时), 千伏, 千帕, 千卡, 千焦, 千赫, 千字节.
_KILO_UNITS = ("米", "克", "瓦", "伏", "帕", "卡", "焦", "赫", "字节")
# `百分比` is the word for %; `比例` is not: its scale is not written (0.97 in one table, 97 in another).
_PERCENT_WORDS = ("百分比",)

_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_UNIT = re.compile(r"[^\d,.，。；;：:、!！?？()（）\[\]【】/]{0,8}")
_PER = re.compile(r"[^\d,，。；;：:、!！?？()（）\[\]【】]{1,8}")  # may hold `.`, `·`, `/`: 人.每天, 人/年

_YMD = re.compile(r"(\d{4})(?:年(\d{1,2})月(\d{1,2})日?|[.\-/](\d{1,2})[.\-/](\d{1,2}))")
_YM = re.compile(r"(\d{4})(?:年(\d{1,2})月(?:底|末|份)?|[.\-/](\d{1,2}))")
_MD = re.compile(r"(\d{1,2})月(\d{1,2})[日号]")
_M = re.compile(r"(\d{1,2})月(底|末|份)?")
_YEAR_TWICE = re.compile(r"(\d{4}年)年(?=[底末终内])")
_YEAR = re.compile(r"(\d{4}|本|当|全)?年(度)?(底|末|终|内)?")
_QUARTER = re.compile(r"(?:(\d{4})年)?第?([一二三四1-4])季度(末|底|内)?")
_HALF = re.compile(r"(?:(\d{4})年)?([上下])半年(末|底|内)?")
_PERIOD_SEP = re.compile(r"[-~～—–至到]+")
_YYYYMM = re.compile(r"((?:19|20|21)\d{2})(0[1-9]|1[0-2])")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_CHANGE = re.compile(
    r"(?P<base>(?:较|比)(?:上年同期|上年度|上一年度|上一年|上年|去年同期|去年|同期|\d{4}年度?)|同比|环比)?"
    r"(?P<verb>提高|提升|增长|增加|增幅|上升|下降|降低|减少|缩短|缩减|压缩)(?P<rest>.+)"
)
_UP_VERBS = ("提高", "提升", "增长", "增加", "增幅", "上升")
_RATIO = re.compile(r"\d+(?:\.\d+)?(?:[:∶]\d+(?:\.\d+)?){1,2}")
_YES_NO = {"是": True, "有": True, "否": False, "无": False, "没有": False}

# A year-less date is held in this leap year (so that 2月29日 parses) until `resolve` gives it its year.
_ANY_YEAR = 2000


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with a comparator and a unit.

    `value` is the number as meant: `3万人次` has value 30000, unit 人次, multiplier 万 (printed as
    written, never as 30000人次).  A unit price has `per`: `85元/平方米` is unit 元, per 平方米.
    `is_money` says the unit is money, for a total and a unit price alike (a unit price is money: PG503);
    `in_yuan()` is then the amount in 元, per one `per` for a unit price; `is_unit_price` tells them apart,
    so that a price is never compared with a whole budget (PG501) but multiplied by its quantity (PG502).
    """

    comparator: str  # one of ≥ ≤ > < = or "" for the value itself
    value: Decimal
    unit: str
    text: str
    per: str = ""  # after the slash: 平方米 in 元/平方米, 人·月 in 元/人·月
    multiplier: str = ""  # 万, 亿 or 千 as written before the unit

    @property
    def is_percent(self) -> bool:
        return self.unit == "%" and not self.per

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY_UNITS

    @property
    def is_unit_price(self) -> bool:
        return self.is_money and bool(self.per)

    @property
    def number(self) -> Decimal:
        """The number as written: 3 for `3万人次`."""
        return self.value.scaleb(-MULTIPLIERS[self.multiplier]) if self.multiplier else self.value

    @property
    def written_unit(self) -> str:
        return self.multiplier + self.unit + (f"/{self.per}" if self.per else "")

    def in_yuan(self) -> Decimal | None:
        factor = MONEY_UNITS.get(self.unit)
        return None if factor is None else self.value * factor

    def canonical(self) -> str:
        return format_quantity(self.comparator, self.number, self.written_unit)


@dataclass(frozen=True, slots=True)
class Date:
    date: dt.date  # for a month: its last day; a year-less date holds it in a placeholder year
    month_only: bool
    comparator: str
    text: str
    yearless: bool = False  # `12月底前`, `年底前`: in the budget year, see resolve()

    def resolve(self, year: int) -> Date:
        """The date in `year` when none was written (2月29日 becomes the 28th in a common year)."""
        if not self.yearless:
            return self
        return dataclasses.replace(self, date=_in_year(self.date, year, self.month_only), yearless=False)


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date
    text: str
    yearless: bool = False  # `1月-12月`

    def resolve(self, year: int) -> Period:
        if not self.yearless:
            return self
        end_of_month = self.end.day == calendar.monthrange(self.end.year, self.end.month)[1]
        return dataclasses.replace(
            self, start=_in_year(self.start, year, False), end=_in_year(self.end, year, end_of_month), yearless=False
        )


@dataclass(frozen=True, slots=True)
class RelativeChange:
    """`较上年提高5个百分点`: a change against a baseline (上年, 同比, 2022年, or none written)."""

    direction: str  # UP or DOWN
    baseline: str  # as written without 较/比: 上年, 同比, 2022年; "" when none
    amount: Quantity  # 5 个百分点; its comparator from `不低于5%` or `5%以上`
    text: str

    @property
    def comparator(self) -> str:
        return self.amount.comparator

    @property
    def value(self) -> Decimal:
        return self.amount.value

    @property
    def unit(self) -> str:
        return self.amount.unit


@dataclass(frozen=True, slots=True)
class Ratio:
    comparator: str
    parts: tuple[Decimal, ...]  # 1:1.5 → (1, 1.5)
    text: str


@dataclass(frozen=True, slots=True)
class YesNo:
    value: bool  # 是/有 True, 否/无 False
    text: str


@dataclass(frozen=True, slots=True)
class Qualitative:
    text: str


Target = Quantity | Date | Period | RelativeChange | Ratio | YesNo | Qualitative


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


def meaning(target: Target) -> tuple:
    """What a target says, without how it is spelt: equal for `≤ 6.73 万元` and `≤6.73万元`."""
    if isinstance(target, Qualitative):
        return ("qualitative", normalize(target.text))
    values = tuple(
        meaning(v) if isinstance(v, Quantity) else v
        for v in (getattr(target, f.name) for f in dataclasses.fields(target) if f.name != "text")
    )
    return (describe(target),) + values


@lru_cache(maxsize=4096)
def parse_target(text: str) -> Target:
    original = text if isinstance(text, str) else str(text)
    s = normalize(original)
    if not s:
        return Qualitative(original)
    for parse in _PARSERS:
        found = parse(s, original)
        if found is not None:
            return found
    return Qualitative(original)


def _split_comparator(s: str) -> tuple[str, str]:
    for word, comp in _PREFIXES:
        if s.startswith(word):
            return comp, s[len(word) :]
    return "", s


def _strip_verb(s: str) -> str:
    for verb in _TRAILING_VERBS:
        if s.endswith(verb) and len(s) > len(verb):
            return s[: -len(verb)]
    return s


def _parse_yes_no(s: str, original: str) -> YesNo | None:
    answer = _YES_NO.get(s.rstrip("。."))
    return None if answer is None else YesNo(answer, original)


# --- quantities ---------------------------------------------------------------------------------


def _parse_quantity(s: str, original: str) -> Quantity | None:
    comparator, rest = _split_comparator(s)
    rest = _strip_verb(rest)
    for word, comp in _SUFFIXES:
        if rest.endswith(word):
            if comparator and comparator != comp:
                return None
            comparator, rest = comp, rest[: -len(word)]
            break
    m = _NUMBER.match(rest)
    if not m:
        return None
    unit, slash, per = rest[m.end() :].partition("/")
    if not _UNIT.fullmatch(unit) or (slash and not _PER.fullmatch(per)) or _is_year(m.group(), unit):
        return None
    try:
        value = Decimal(m.group().replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only numbers
        return None
    return _scaled(Quantity(comparator, value, "%" if unit in _PERCENT_WORDS else unit, original, per))


def _is_year(number: str, unit: str) -> bool:
    """`2024年前`, `≤2024年`: a year the date parser could not read, not a duration of 2024 years."""
    return unit.startswith("年") and len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2200


def _scaled(q: Quantity) -> Quantity | None:
    """`3万人次` → 30000 人次 with multiplier 万; money units (`250万`, `3万元`) keep their own factor."""
    unit = q.unit
    if q.is_money or len(unit) < 2 or unit[0] not in MULTIPLIERS:
        return q
    if unit[0] == "千" and unit[1:].startswith(_KILO_UNITS):
        return q
    try:
        value = q.value.scaleb(MULTIPLIERS[unit[0]])  # exact: the digits stay, the exponent moves
    except ArithmeticError:  # pragma: no cover - a number of a million digits
        return None
    return dataclasses.replace(q, value=value, unit=unit[1:], multiplier=unit[0])


def _parse_change(s: str, original: str) -> RelativeChange | None:
    """`较上年提高5个百分点`, `同比增长10%以上`; without an amount (`较上年下降`) it promises nothing checkable."""
    m = _CHANGE.fullmatch(s)
    if not m:
        return None
    amount = _parse_quantity(m["rest"], m["rest"])
    if amount is None:
        return None
    direction = UP if m["verb"] in _UP_VERBS else DOWN
    return RelativeChange(direction, (m["base"] or "").lstrip("较比"), amount, original)


def _parse_ratio(s: str, original: str) -> Ratio | None:
    comparator, rest = _split_comparator(s)
    if not _RATIO.fullmatch(rest):
        return None
    return Ratio(comparator, tuple(Decimal(p) for p in re.split(r"[:∶]", rest)), original)


# --- dates and periods --------------------------------------------------------------------------


class _Span(NamedTuple):
    """The days a date-like text covers: a day, a month, or a range; `within` for `年内` (a deadline)."""

    first: dt.date
    last: dt.date
    kind: str  # "day", "month" or "range"
    yearless: bool
    within: bool = False


def _in_year(d: dt.date, year: int, month_end: bool) -> dt.date:
    last = calendar.monthrange(year, d.month)[1]
    return dt.date(year, d.month, last if month_end else min(d.day, last))


def _date(y: str | int, m: str | int, d: str | int | None) -> dt.date | None:
    year, month = int(y), int(m)
    if not (1900 <= year <= 2200 and 1 <= month <= 12):
        return None
    day = int(d) if d is not None else calendar.monthrange(year, month)[1]
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_span(y: str | int | None, m: str | int, d: str | None) -> _Span | None:
    last = _date(y if y is not None else _ANY_YEAR, m, d)
    if last is None:
        return None
    return _Span(last, last, "day", y is None) if d else _Span(last.replace(day=1), last, "month", y is None)


def _end_word_span(year: str | None, first_month: int, last_month: int, word: str | None) -> _Span | None:
    """A year, quarter or half year: the range itself, its end (`末`, `底`) or `内` (a deadline at its end)."""
    yearless = not (year and year.isdigit())
    y = _ANY_YEAR if yearless else int(year)  # type: ignore[arg-type]
    if not 1900 <= y <= 2200:
        return None
    first = dt.date(y, first_month, 1)
    last = dt.date(y, last_month, calendar.monthrange(y, last_month)[1])
    if word == "内":
        return _Span(last, last, "day", yearless, within=True)
    if word:
        return _Span(last, last, "day", yearless)
    return _Span(first, last, "range", yearless)


def _year_span(s: str) -> _Span | None:
    m = _YEAR.fullmatch(s)
    if m and (m[1] or m[2] or m[3]):  # not `年` alone
        return _end_word_span(m[1], 1, 12, m[3])
    m = _QUARTER.fullmatch(s)
    if m:
        q = _QUARTERS[m[2]]
        return _end_word_span(m[1], 3 * q - 2, 3 * q, m[3])
    m = _HALF.fullmatch(s)
    if m:
        return _end_word_span(m[1], 1 if m[2] == "上" else 7, 6 if m[2] == "上" else 12, m[3])
    return None


def _span(s: str, bare_month: bool = False) -> _Span | None:
    """One date, month, quarter, half or year, with or without its year.  A bare `12月` is a duration
    (12 months) unless it is one end of a range (`1月-12月`)."""
    m = _YMD.fullmatch(s)
    if m:
        y, m1, d1, m2, d2 = m.groups()
        return _month_span(y, m1 or m2, d1 or d2)
    m = _YM.fullmatch(s)
    if m:
        return _month_span(m[1], m[2] or m[3], None)
    m = _MD.fullmatch(s)
    if m:
        return _month_span(None, m[1], m[2])
    m = _M.fullmatch(s)
    if m and (m[2] or bare_month):
        return _month_span(None, m[1], None)
    m = _YYYYMM.fullmatch(s) if bare_month else None  # 202001-202012: budget systems' export, in a range only
    if m:
        return _month_span(m[1], m[2], None)
    return _year_span(s)


def _with_year(span: _Span, year: int) -> _Span:
    return span._replace(
        first=_in_year(span.first, year, False), last=_in_year(span.last, year, span.kind != "day"), yearless=False
    )


def _range(s: str, original: str) -> Period | None:
    parts = _PERIOD_SEP.split(s)
    if len(parts) != 2 or not all(parts):
        return None
    a, b = _span(parts[0], True), _span(parts[1], True)
    if a is None or b is None or a.within or b.within:
        return None
    if a.yearless and not b.yearless:
        a = _with_year(a, b.last.year)
    elif b.yearless and not a.yearless:  # `2021年1月-12月`: the written year holds for both ends
        b = _with_year(b, a.first.year)
    if a.first > b.last:
        return None
    return Period(a.first, b.last, original, a.yearless)


def _parse_date_like(s: str, original: str) -> Date | Period | None:
    comparator, rest = _split_comparator(s)
    if comparator in (GE, GT):
        return None
    if comparator == EQ:
        return _parse_date_like(rest, original)
    for prefix in _DEADLINE_PREFIXES:
        if rest.startswith(prefix):
            rest, comparator = rest[len(prefix) :], LE
            break
    rest = _strip_verb(rest)
    for suffix in _DEADLINE_SUFFIXES:
        if rest.endswith(suffix):
            rest, comparator = rest[: -len(suffix)], LE
            break
    span = _span(_YEAR_TWICE.sub(r"\1", rest))  # 2025年年底: the year, then 年底 said again
    if span is not None and span.kind != "range":
        return Date(span.last, span.kind == "month", LE if span.within else comparator, original, span.yearless)
    if comparator:
        return None  # `2024年前`: before 2024, or by its end?  Not a date to check.
    if span is not None:
        return Period(span.first, span.last, original, span.yearless)
    return _range(rest, original)


# --- durations as they are said: 故障发生后一周内, 接到申请后5个工作日内, 两个月内, 半年内 ----------------------

# The event a response time runs from (故障发生后, 接到申请后): at most 15 characters of text before 后.
_AFTER_EVENT = re.compile(r"[^\d≤≥<>=]{1,15}?后(?=[\d一二两三四五六七八九十半])")
_SPOKEN = re.compile(r"(?P<num>[一二两三四五六七八九十半]{1,3})(?P<unit>个?(?:工作日|小时|天|日|周|星期|月|季度|年).*)")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _chinese_number(text: str) -> Decimal | None:
    """一 … 九十九 and 半; anything else (十十, 三半) is no number."""
    if text == "半":
        return Decimal("0.5")
    tens, ten, units = text.partition("十")
    if not ten:
        return Decimal(_CN_DIGITS[text]) if text in _CN_DIGITS else None
    if (tens and tens not in _CN_DIGITS) or (units and units not in _CN_DIGITS):
        return None
    return Decimal(_CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(units, 0))


def _parse_spoken_duration(s: str, original: str) -> Quantity | None:
    """A duration with its event or its number in words, read as the same duration in figures."""
    event = _AFTER_EVENT.match(s)
    rest = s[event.end() :] if event else s
    spoken = _SPOKEN.fullmatch(rest)
    if spoken:
        number = _chinese_number(spoken["num"])
        if number is None:
            return None
        rest = format_number(number) + spoken["unit"].replace("星期", "周")
    elif not event:
        return None
    found = _parse_quantity(rest, original)
    return found if found is not None and found.unit in TIME_UNITS else None


_PARSERS = (_parse_yes_no, _parse_date_like, _parse_change, _parse_ratio, _parse_quantity, _parse_spoken_duration)


# --- what an unfilled template leaves in a cell ---------------------------------------------------

# `≥**人次`, `(≥**%)`, `XX村`, `××`: the blanks of a template.  One `*` only after a comparator (`≥*%`);
# Latin X only as a run of its own (not the X of `X光`).
_PLACEHOLDER = re.compile(r"\*{2,}|[≥≤<>=]\*(?!\*)|(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])|×{2,}|○{2,}")
# Every character that is, or NFKC makes, one of the above: texts without any (nearly all) skip NFKC.
_PLACEHOLDER_CHARS = re.compile(r"[*＊XxＸｘⅩⅹ×○]")
# A cell holding only `…`, `……`, `-`, `—` or `/`: a template row nobody filled (full-width forms included).
_BLANK_CELL = re.compile(r"[\s.。·…‥\-—–_/~－／～]+")
# What a template prints where the number goes: `公里`, `万亩`, `≧ %`, `≥` alone.
_BARE_UNITS = frozenset(
    "个 人 人次 次 户 名 家 所 座 台 套 件 册 本 份 篇 条 处 项 场 场次 批 批次 期 天 日 月 年 小时 "
    "公里 千米 米 平方米 亩 公顷 吨 千克 公斤 辆 株 棵 头 只 元 万元 % 百分比".split()
)
_DIGIT = re.compile(r"\d")


def placeholder_mark(text: str) -> str | None:
    """The template blank left in a text (`**` of `≥**人次`, `XX`, `××`), or None."""
    if not _PLACEHOLDER_CHARS.search(text):
        return None
    m = _PLACEHOLDER.search(normalize(text))
    return m.group() if m else None


def is_blank_cell(text: str) -> bool:
    """Only dots, dashes or slashes: `…`, `……`, `-`, `/`."""
    return bool(_BLANK_CELL.fullmatch(text)) and not text.isspace()


@lru_cache(maxsize=4096)
def template_blank(text: str) -> tuple[str, str] | None:
    """("mark", `**`) for a placeholder in the text, ("blank", text) for a text of only `…` or `-`, else None.
    Cached: every name and target of every file is asked, and tables repeat their words."""
    mark = placeholder_mark(text)
    if mark is not None:
        return "mark", mark
    return ("blank", text) if is_blank_cell(text) else None


@lru_cache(maxsize=4096)
def is_bare_unit(text: str) -> bool:
    """A unit or a comparator without its number: `公里`, `万亩`, `≧ %`, `≥`."""
    if len(text) > 16 or _DIGIT.search(text):  # a number, or a sentence: not a bare unit
        return False
    comparator, rest = _split_comparator(normalize(text))
    if not rest:
        return bool(comparator)
    if len(rest) > 1 and rest[0] in MULTIPLIERS:  # 万亩, 万人次
        rest = rest[1:]
    return rest in _BARE_UNITS


def unfinished(text: str) -> bool:
    """A target a template left unfilled: the placeholder rule reports it, the rules on values do not."""
    return template_blank(text) is not None or is_bare_unit(text)


def describe(target: Target) -> str:
    """A short English kind name, for debugging and JSON output."""
    return {RelativeChange: "relative_change", YesNo: "yes_no"}.get(type(target)) or type(target).__name__.lower()
