"""`perfgoals import FILE.xlsx`: workbooks → one canonical YAML project file per sheet.

Reads perfgoals' own layout and the common hand-made one by their labels, not by cell
positions: a header row with 一级指标 / 二级指标 / 三级指标 / 指标值 starts the indicator
grid (category cells merged or left blank below their first row); above it, each label
(项目编码, 预算数, 资金支出计划 …) takes the value to its right or, for the spend plan's
months, below it; the title area gives the name, the year and 单位：万元 or 元.

Nothing is dropped silently: a cell that fits nowhere is reported with its address
(`Sheet1!C14`) and kept as a comment at the top of the file written for its sheet; a
notes row (备注、注、填表说明 …) is kept the same way.  Values are read as Excel shows
them: a number's decimals come from its number format (0.9 formatted `0.00` is 0.90, an
exact Decimal), percentages from `%` formats, date cells become dates, and numbers
typed as text stay exactly as typed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from perfgoals.errors import UserError
from perfgoals.i18n import T

# --- labels --------------------------------------------------------------------------------------


def norm(text: str) -> str:
    """A label as compared: no spaces or colons, half-width parentheses; a configured alias (import_labels)
    read as the label it stands for."""
    n = squeeze(text)
    return _ALIASES.get().get(n, n)


def squeeze(text: str) -> str:
    return re.sub(r"[\s:：*＊]", "", text).replace("（", "(").replace("）", ")")


# perfgoals.yaml's import_labels in force while a workbook is read (normalised alias → normalised label)
_ALIASES: ContextVar[dict[str, str]] = ContextVar("import_labels", default={})


LABELS: dict[str, str] = {}
for _field, _names in {
    "code": "项目编码 项目代码",
    "name": "项目名称",
    "unit_code": "单位编码 单位代码 预算单位编码",
    "unit_name": "单位名称 预算单位 预算单位名称",
    "authority": "主管部门及代码 主管部门 项目主管部门 业务主管部门",
    "implementer": "实施单位 项目实施单位",
    "attribute": "项目属性",
    "long_term_goal": "中长期目标 中期目标 长期目标",
    "budget_period": "中期资金总额",
    "year": "预算年度 年度",
    "total": "预算数 预算总额 年度预算数 年度资金总额 资金总额 项目总额 预算金额",
    "fiscal": "其中:财政资金 财政资金 其中:财政拨款 财政拨款",
    "other": "其他资金 其中:其他资金",
    "purpose": "资金用途 项目资金用途",
    "period": "实施期 项目实施期 项目期 项目实施期限",
    "goal": "绩效目标 年度绩效目标 年度目标 总体目标 项目绩效目标",
    "group": "预算规模及资金用途 预算规模 项目资金",
    "spend": "资金支出计划(%) 资金支出计划 支出计划 资金支出进度 资金支出进度计划",
}.items():
    for _name in _names.split():
        LABELS[norm(_name)] = _field

HEADERS: dict[str, str] = {}
for _field, _names in {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标 三级指标名称 指标名称",
    "description": "绩效指标描述 指标描述 指标说明 指标解释",
    "target": "指标值 目标值 年度指标值 指标值(目标值) 绩效指标值",
    "basis": "指标值确定依据 确定依据 指标值依据 依据",
    "per": "单价对应的数量指标",
    "note": "备注",
    # 一体化 systems' import templates (and perfgoals' fill-in workbook) split 指标值 in three columns
    "comparator": "计算符号 运算符号",
    "measure": "计量单位 度量单位",
}.items():
    for _name in _names.split():
        HEADERS[norm(_name)] = _field

SUMMARY_TITLE = "绩效目标汇总"  # writers/xlsx.py's summary sheet
# A1 of the fill-in workbook's sheet of instructions and drop-down lists (perfgoals.fillin): skipped, where a
# hand-made sheet of notes is listed cell by cell as not imported.
INSTRUCTIONS = "填表说明（perfgoals 填报模板）"
_NOTE_START = re.compile(
    r"^(注|备注|说明|填表说明|填报说明|填表人|填报人|审核人|制表人|联系人|联系电话|单位负责人|财务负责人)"
)
_MONTH = re.compile(r"^(\d{1,2})\s*月(?:底|末|份)?\s*[:：]?\s*(.*)$")
_MONTHS_IN_TEXT = re.compile(r"(\d{1,2})\s*月(?:底|末|份)?\s*[:：]?\s*([-+]?\d+(?:\.\d+)?\s*[%％]?)")
_MONEY_UNIT = re.compile(r"(?:金额)?单位[:：]?[(（]?(万元|元)[)）]?")
_UNIT_LINE = re.compile(r"^(\d{3,})\s+(\S.*)$", re.S)
_MONEY_UNIT_AT_END = re.compile(r"(?:金额)?单位\s*[:：]\s*[(（]?(万元|元)[)）]?$")
_OWN_UNIT_LINE = re.compile(r"^(\S+)\s+(\S.*)$", re.S)  # `code name` beside 单位：万元, as render writes it
_UNIT_LABEL = re.compile(r"^\s*(?:预算|主管|编报)?单位(?:名称)?\s*[:：]\s*")
_ZERO_PADDED = re.compile(r"0{2,}")
_LABEL_UNIT = re.compile(r"^(.*?)\((万元|元)\)$")
_YEAR = re.compile(r"((?:19|20|21)\d{2})\s*年")
_YEAR_LINE = re.compile(r"[（(]?\s*((?:19|20|21)\d{2})\s*年度?\s*[）)]?")
_TITLE_SUFFIX = re.compile(r"(项目支出)?绩效目标(申报|批复)?表$")


# Where a labelled field sits in the project's data (the others sit at their own name).
ORIGIN: dict[str, tuple] = {
    "unit_code": ("unit", "code"),
    "unit_name": ("unit", "name"),
    "total": ("budget", "total"),
    "fiscal": ("budget", "fiscal"),
    "other": ("budget", "other"),
    "spend": ("spend_plan",),
    "group": ("budget",),
}


def label_of(text: str) -> tuple[str | None, str | None, str | None]:
    """(field, inline value, money unit) when `text` is a known label, e.g. `预算数（万元）` or `项目名称：X`."""
    n = norm(text)
    unit = None
    m = _LABEL_UNIT.match(n)
    if m and norm(m.group(1)) in LABELS:  # 预算数（万元）, or an alias's 项目预算（万元）
        n, unit = norm(m.group(1)), m.group(2)
    if n in LABELS:
        return LABELS[n], None, unit
    if re.search(r"[:：]", text):
        head, rest = re.split(r"[:：]", text, maxsplit=1)
        if norm(head) in LABELS and rest.strip():
            return LABELS[norm(head)], rest.strip(), None
    return None, None, None


# --- cells as Excel shows them ----------------------------------------------------------------------


def format_places(fmt: str) -> int | None:
    """Decimals a number format shows (`0.00` → 2, `0%` → 0); None for General."""
    section = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", (fmt or "General").split(";")[0])
    if "General" in section or not re.search(r"[0#?]", section):
        return None
    m = re.search(r"[0#?]\.([0#?]*)", section)
    return len(m.group(1)) if m else 0


def number_decimal(value: int | float, fmt: str, percent: bool = False) -> Decimal:
    """The number Excel shows: binary float noise dropped (15 significant digits, Excel's own precision)
    and the format's decimals applied; a percentage format gives percent units (0.3 → 30)."""
    d = Decimal(value) if isinstance(value, int) else Decimal(format(value, ".15g"))
    if percent:
        d = d * 100
    places = format_places(fmt)
    if places is not None:
        d = _quantized(d, Decimal(1).scaleb(-places))
    elif d.is_finite() and d == d.to_integral_value() and "E" in str(d).upper():
        d = _quantized(d, Decimal(1))
    return d


def _quantized(d: Decimal, step: Decimal) -> Decimal:
    """d to step's decimals, with room for every digit (1e28 overflowed the default 28); an infinite or
    absurdly large number is left as it is, for validate to name."""
    import decimal

    if not d.is_finite() or abs(d.adjusted()) > 400:
        return d
    with decimal.localcontext() as ctx:
        ctx.prec = 1000
        return d.quantize(step)


def date_text(value: dt.date, fmt: str) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if "年" in fmt:
        return f"{value.year}年{value.month}月{value.day}日"
    sep = "/" if "/" in fmt else "." if "." in fmt.replace("0.0", "") else "-"
    return f"{value.year}{sep}{value.month:02d}{sep}{value.day:02d}"


@dataclass
class XCell:
    row: int
    col: int
    row2: int
    col2: int
    value: Any
    fmt: str
    address: str

    @property
    def is_percent(self) -> bool:
        return "%" in re.sub(r'"[^"]*"', "", self.fmt or "")

    @property
    def text(self) -> str:
        v = self.value
        if v is None:
            return ""
        if isinstance(v, str):
            return v.replace("\r\n", "\n").replace("\r", "\n").strip()
        if isinstance(v, bool):
            return "TRUE" if v else "FALSE"
        if isinstance(v, (dt.date, dt.datetime)):
            return date_text(v, self.fmt)
        if isinstance(v, dt.time):
            return v.isoformat()
        if isinstance(v, (int, float)):
            from perfgoals.targets import format_number

            d = number_decimal(v, self.fmt, self.is_percent)
            if _ZERO_PADDED.fullmatch(self.fmt) and d == d.to_integral_value() and d >= 0:
                return str(int(d)).zfill(len(self.fmt))  # a code shown as 044001: Excel keeps the number 44001
            return f"{format_number(d)}%" if self.is_percent else format_number(d)
        return str(v)


@dataclass
class Problem:
    sheet: str
    address: str
    text: str
    kind: str  # unplaced | note | skipped (on a sheet without a table) | digits (a code Excel cut short)

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.address}"


@dataclass
class SheetResult:
    sheet: str
    data: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)
    skipped: str | None = None  # why the sheet holds no project (summary sheet, no table)
    origins: dict[tuple, str] = field(default_factory=dict)  # path in data → the cell it came from (`E12`)
    columns: set[str] = field(default_factory=set)  # the grid's columns (name, target, per …): what it can say

    @property
    def unplaced(self) -> list[Problem]:
        return [p for p in self.problems if p.kind == "unplaced"]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.kind == "note"]

    @property
    def indicators(self) -> int:
        groups = (self.data or {}).get("indicators") or {}
        return sum(len(items) for g in groups.values() for items in g.values())


# --- one sheet ------------------------------------------------------------------------------------

INDICATOR_FIELDS = ("name", "description", "target", "basis", "per", "note")  # in the file's order


def _notes_row(row: list[XCell], roles: list[tuple[int, int, str]], role_at) -> bool:
    """A notes row starts with 注/备注/填表人 …, in a cell merged across the grid or alone in its row."""
    first = row[0]
    role_end = next((c2 for c1, c2, _ in roles if c1 <= first.col <= c2), first.col)
    return (
        bool(_NOTE_START.match(first.text))
        and role_at(first.col) in (None, "level1")
        and (first.col2 > role_end or len(row) == 1 and bool(re.search(r"[:：]", first.text)))
    )


class SheetReader:
    def __init__(self, ws, formulas) -> None:
        self.ws = ws
        self.title = ws.title
        self.cells: dict[tuple[int, int], XCell] = {}
        self.covered: dict[tuple[int, int], tuple[int, int]] = {}
        self.consumed: set[tuple[int, int]] = set()
        self.problems: list[Problem] = []
        self.origins: dict[tuple, str] = {}  # path in the data → address of the cell it was read from
        spans = {}
        for rng in ws.merged_cells.ranges:
            spans[(rng.min_row, rng.min_col)] = (rng.max_row, rng.max_col)
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if (r, c) != (rng.min_row, rng.min_col):
                        self.covered[(r, c)] = (rng.min_row, rng.min_col)
        for cell in _existing_cells(ws):
            key = (cell.row, cell.column)
            if key in self.covered or cell.value is None:
                # A formula Excel never calculated has no value to read: report it, never drop it.
                raw = formulas[self.title].cell(*key).value if formulas is not None else None
                if key not in self.covered and isinstance(raw, str) and raw.startswith("="):
                    self.problems.append(
                        Problem(
                            self.title,
                            cell.coordinate,
                            f"{raw} (公式没有计算结果 / formula without a computed value)",
                            "unplaced",
                        )
                    )
                continue
            if isinstance(cell.value, str) and not cell.value.strip():
                continue
            r2, c2 = spans.get(key, key)
            self.cells[key] = XCell(
                cell.row, cell.column, r2, c2, cell.value, cell.number_format or "General", cell.coordinate
            )

    # helpers
    def row_cells(self, r: int) -> list[XCell]:
        return _by_row(self).get(r, [])

    def right_of(self, cell: XCell) -> XCell | None:
        candidates = [c for c in self.row_cells(cell.row) if c.col > cell.col2 and (c.row, c.col) not in self.consumed]
        return candidates[0] if candidates else None

    def beside_money_unit(self, cell: XCell) -> bool:
        return any(_MONEY_UNIT.fullmatch(re.sub(r"\s", "", c.text)) for c in self.row_cells(cell.row) if c is not cell)

    def take(self, cell: XCell) -> XCell:
        self.consumed.add((cell.row, cell.col))
        return cell

    def header_row(self) -> int | None:
        for r in sorted({row for row, _ in self.cells}):
            names = {HEADERS.get(norm(c.text)) for c in self.row_cells(r)}
            if "level1" in names and ("name" in names or "target" in names):
                return r
        return None

    # the whole sheet
    def read(self, default_year: int | None) -> SheetResult:
        result = SheetResult(self.title)
        first = self.cells.get((1, 1))
        if first is not None and norm(first.text) == SUMMARY_TITLE:
            result.skipped = "summary"
            return result
        if first is not None and norm(first.text) == norm(INSTRUCTIONS):  # the fill-in workbook's own (its lists)
            result.skipped = "instructions"
            return result
        header = self.header_row()
        data: dict[str, Any] = {}
        top_rows = header if header is not None else max((r for r, _ in self.cells), default=0) + 1
        self.read_top(data, top_rows)
        if header is None and not any(k in data for k in ("code", "name")):
            # Not a table (instructions, a chart's data …): each cell is still listed, as not imported.
            result.skipped = "no-table"
            result.problems = self.problems + [
                Problem(self.title, c.address, c.text, "skipped") for _, c in sorted(self.cells.items())
            ]
            return result
        indicators: dict[str, dict[str, list[dict[str, Any]]]] = {}
        if header is not None:
            self.read_grid(header, indicators)
        result.data = self.assemble(data, indicators, default_year)
        result.origins = self.final_origins(result.data)
        result.columns = getattr(self, "columns", set())
        for key, cell in sorted(self.cells.items()):
            if key not in self.consumed:
                self.problems.append(Problem(self.title, cell.address, cell.text, "unplaced"))
        result.problems = sorted(self.problems, key=lambda p: _address_key(p.address))
        return result

    def read_top(self, data: dict[str, Any], top_rows: int) -> None:
        groups: list[XCell] = []
        title: XCell | None = None
        for (r, c), cell in sorted(self.cells.items()):
            if r >= top_rows or (r, c) in self.consumed:
                continue
            text = cell.text
            fieldname, inline, unit = label_of(text)
            if fieldname is None:
                if title is None and (
                    "绩效目标" in text and text.endswith("表") or r == 1 and cell.col2 - cell.col >= 2
                ):
                    title = self.take(cell)
                    self.read_title(text, data)
                    self.origins[("_title",)] = cell.address
                    continue
                self.read_unlabelled(cell, data)
                continue
            self.take(cell)
            path = ORIGIN.get(fieldname, (fieldname,))
            self.origins.setdefault(path, cell.address)
            self.origins.setdefault(path[:1], cell.address)  # budget, unit: a missing amount points at its label
            if unit:
                data["money_unit"] = unit
                self.origins[("money_unit",)] = cell.address
            if fieldname == "group":
                groups.append(cell)
                continue
            if fieldname == "spend":
                data["spend_plan"] = self.read_spend(cell)
                continue
            if inline is not None:
                self.store(data, fieldname, inline, None)
                continue
            value = self.right_of(cell)
            if value is not None and label_of(value.text)[0] is None and value.row == cell.row:
                self.store(data, fieldname, value.text, self.take(value))
                self.origins[ORIGIN.get(fieldname, (fieldname,))] = value.address
            elif fieldname == "other":
                data.setdefault("budget", {})["other"] = Decimal(0)  # the form leaves 其他资金 empty for none
        for group in groups:
            if "资金用途" not in norm(group.text) or "purpose" in data:
                continue
            for r in range(group.row + 1, group.row2 + 1):
                rest = [
                    c
                    for c in self.row_cells(r)
                    if c.col > group.col2 and (c.row, c.col) not in self.consumed and label_of(c.text)[0] is None
                ]
                if rest:
                    data["purpose"] = self.take(rest[0]).text
                    self.origins[("purpose",)] = rest[0].address
                    break

    def read_unlabelled(self, cell: XCell, data: dict[str, Any]) -> None:
        """A cell of the title area without a label: the year line, 单位：万元, or the unit line."""
        text = cell.text
        if text.startswith("未通过校验"):  # render --allow-errors marks the sheet: nothing of the project
            self.take(cell)
            return
        year = _YEAR_LINE.fullmatch(text)
        if year and "_title_year" not in data and "year" not in data:
            data["_title_year"] = int(year.group(1))  # the national form's `（2020年度）` under its title
            self.origins[("year",)] = self.take(cell).address
            return
        m = _MONEY_UNIT.fullmatch(re.sub(r"\s", "", text))
        if m:
            data["money_unit"] = m.group(1)
            self.origins[("money_unit",)] = self.take(cell).address
            return
        if "unit" not in data:
            self.read_unit_line(cell, data)

    def read_unit_line(self, cell: XCell, data: dict[str, Any]) -> None:
        """`644001 唐山市红十字会本级`, perhaps after 单位： (the label is not the code) or with the money unit at its
        end, as the printed form has it in one line: 单位：元 is not part of the unit's name (left there, 9,000 元
        would be read as 9,000 万元)."""
        text = _UNIT_LABEL.sub("", cell.text, count=1).rstrip()
        money = _MONEY_UNIT_AT_END.search(text) if "单位" in text else None
        m = _UNIT_LINE.match(text[: money.start()] if money else text) or (
            self.beside_money_unit(cell) and _OWN_UNIT_LINE.match(text)
        )
        if m:
            data["unit"] = {"code": m.group(1), "name": m.group(2).strip()}
            if money:
                data["money_unit"] = money.group(1)
                self.origins[("money_unit",)] = cell.address
            for path in (("unit",), ("unit", "code"), ("unit", "name")):
                self.origins[path] = cell.address
            self.take(cell)

    def read_title(self, text: str, data: dict[str, Any]) -> None:
        year = _YEAR.search(text)
        if year:
            data.setdefault("_title_year", int(year.group(1)))
        name = re.sub(r"^\s*\d+\s*[.、．]\s*", "", text.strip())
        name = re.sub(r"^((?:19|20|21)\d{2})\s*年度?", "", name).strip()
        name = _TITLE_SUFFIX.sub("", name).strip()
        if name:
            data["_title_name"] = name

    def store(self, data: dict[str, Any], fieldname: str, text: str, cell: XCell | None) -> None:
        if fieldname in ("code", "unit_code") and cell is not None and lost_digits(cell.value):
            self.problems.append(Problem(self.title, cell.address, text, "digits"))
        if fieldname in ("total", "fiscal", "other"):
            data.setdefault("budget", {})[fieldname] = self.money(cell) if cell is not None else text
        elif fieldname in ("unit_code", "unit_name"):
            data.setdefault("unit", {})[fieldname[5:]] = text
        elif fieldname == "year":
            data["year"] = year_value(cell.value if cell is not None else text)
        elif fieldname == "budget_period":
            data[fieldname] = budget_period(text)
        else:
            data[fieldname] = text

    def money(self, cell: XCell) -> Decimal | str:
        v = cell.value
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return number_decimal(v, cell.fmt)
        return cell.text  # typed as text: kept exactly as typed

    def percent(self, cell: XCell) -> Decimal | str:
        v = cell.value
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return number_decimal(v, cell.fmt, cell.is_percent)
        return cell.text

    def read_spend(self, label: XCell) -> dict[int, Any]:
        plan: dict[int, Any] = {}
        plan_origins = self.origins
        rows = range(label.row, label.row2 + 1)
        for r in rows:
            for cell in self.row_cells(r):
                if cell.col <= label.col2 or (cell.row, cell.col) in self.consumed:
                    continue
                many = _MONTHS_IN_TEXT.findall(cell.text)
                if len(many) >= 2:  # `3月底30%，6月底60%，…` in one cell
                    self.take(cell)
                    for month, value in many:
                        plan[int(month)] = value.replace(" ", "").replace("％", "%")
                        plan_origins[("spend_plan", int(month))] = cell.address
                    continue
                m = _MONTH.match(cell.text)
                if not m or not 1 <= int(m.group(1)) <= 12:
                    continue
                self.take(cell)
                month = int(m.group(1))
                plan_origins[("spend_plan", month)] = cell.address
                if m.group(2):
                    plan[month] = m.group(2).strip()
                    continue
                value = self.right_of(cell)
                if value is not None and not _MONTH.match(value.text) and label_of(value.text)[0] is None:
                    plan[month] = self.percent(self.take(value))
                    plan_origins[("spend_plan", month)] = value.address
                    continue
                below = self.cells.get((cell.row2 + 1, cell.col))
                if below is not None and (below.row, below.col) not in self.consumed:
                    plan[month] = self.percent(self.take(below))
                    plan_origins[("spend_plan", month)] = below.address
        return plan

    def header_roles(self, header: int) -> tuple[list[tuple[int, int, str]], int]:
        """(first column, last column, role) of each header cell perfgoals knows, and the header's last row."""
        roles: list[tuple[int, int, str]] = []
        header_end = header
        for cell in self.row_cells(header):
            role = HEADERS.get(norm(cell.text))
            if role is None:
                continue  # reported as unplaced, with its column's cells
            self.take(cell)
            self.origins.setdefault(("indicators",), cell.address)
            roles.append((cell.col, cell.col2, role))
            header_end = max(header_end, cell.row2)
        return roles, header_end

    def read_grid(self, header: int, indicators: dict) -> None:
        roles, header_end = self.header_roles(header)
        self.columns = {role for _, _, role in roles}

        def role_at(col: int) -> str | None:
            return next((role for c1, c2, role in roles if c1 <= col <= c2), None)

        level1: str | None = None
        level2: str | None = None
        in_notes = False
        last_row = max((r for r, _ in self.cells), default=header_end)
        for r in range(header_end + 1, last_row + 1):
            row = [c for c in self.row_cells(r) if (c.row, c.col) not in self.consumed]
            if not row:
                continue
            note_like = _notes_row(row, roles, role_at)
            if note_like or in_notes:
                in_notes = in_notes or note_like
                if note_like:
                    for cell in row:
                        self.problems.append(Problem(self.title, cell.address, cell.text, "note"))
                        self.take(cell)
                continue  # after the notes, anything else is reported as unplaced
            values: dict[str, XCell] = {}
            for cell in row:
                role = role_at(cell.col)
                if role is not None and role not in values:
                    values[role] = cell
            if "level1" in values:
                level1 = self.take(values["level1"]).text
                level2 = None
                self.origins.setdefault(("indicators", level1), values["level1"].address)
            if "level2" in values:
                level2 = self.take(values["level2"]).text
            elif level2 is None and level1 is not None and "level1" in values:
                level2 = ""
            if level1 is None:
                continue  # no category yet: its cells stay unplaced and are reported
            group = indicators.setdefault(level1, {})
            where = values.get("level2") or values.get("level1") or row[0]
            self.origins.setdefault(("indicators", level1, level2 or ""), where.address)
            item = self.indicator(values)
            if item is not None:
                items = group.setdefault(level2 or "", [])
                at = ("indicators", level1, level2 or "", len(items))
                self.origins[at] = (values.get("name") or row[0]).address
                for key in INDICATOR_FIELDS:
                    if key in values:
                        self.origins[(*at, key)] = values[key].address
                items.append(item)
            elif "level2" in values or level2:
                group.setdefault(level2 or "", [])

    def indicator(self, values: dict[str, XCell]) -> dict[str, Any] | None:
        """The indicator a grid row holds (its cells taken), or None for a row with only categories."""
        fields = {k: values[k] for k in INDICATOR_FIELDS if k in values}
        if not fields:
            return None
        for cell in fields.values():
            self.take(cell)
        item: dict[str, Any] = {k: cell.text for k, cell in fields.items()}
        if "comparator" in values or "measure" in values:  # ≥ | 1500 | 册 → ≥1500册 (≥ | | 册 stays visible: ≥册)
            comparator, measure = (self.take(values[k]).text if k in values else "" for k in ("comparator", "measure"))
            item["target"] = f"{comparator}{item.get('target', '')}{measure}"
        item.setdefault("name", "")
        item.setdefault("target", "")
        if item.get("description") == item["name"]:
            del item["description"]  # the canonical file omits a description equal to the name
        return item

    def final_origins(self, out: dict[str, Any]) -> dict[tuple, str]:
        """The cell of each path in the assembled data; the title gives the name and year it supplied,
        the sheet's first cell stands for the whole table."""
        origins = {k: v for k, v in self.origins.items() if k[0] != "_title"}
        title = self.origins.get(("_title",))
        if title is not None:
            for key in ("name", "year"):
                if key in out:
                    origins.setdefault((key,), title)
        if out.get("unit") and ("implementer",) in origins:
            origins.setdefault(("unit",), origins[("implementer",)])
            origins.setdefault(("unit", "name"), origins[("implementer",)])
        first = min(self.cells.values(), key=lambda c: (c.row, c.col), default=None)
        origins[()] = title or (first.address if first is not None else "A1")
        return origins

    def assemble(self, data: dict[str, Any], indicators: dict, default_year: int | None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        year = data.get("year", data.get("_title_year", default_year))
        if year is not None:
            out["year"] = year
        if "unit" in data:
            out["unit"] = data["unit"]
        for key in ("code", "name"):
            if key in data:
                out[key] = data[key]
        if "name" not in out and "_title_name" in data:
            out["name"] = data["_title_name"]
        if "budget" in data:
            out["budget"] = data["budget"]
        out["money_unit"] = data.get("money_unit", "万元")
        if "unit" not in out and "implementer" in data:
            out["unit"] = {"name": data["implementer"]}  # a form with only 实施单位 names the unit there
        for key in (
            "authority",
            "implementer",
            "attribute",
            "purpose",
            "period",
            "budget_period",
            "spend_plan",
            "long_term_goal",
            "goal",
        ):
            if key in data:
                out[key] = data[key]
        out["indicators"] = indicators
        return out


_BUDGET_PERIOD = re.compile(
    r"^([\d,.]+)\s*(?:[（(]\s*其中[:：]?\s*财政拨款\s*([\d,.]+)\s*[,，]\s*其他资金\s*([\d,.]+)\s*[）)])?$"
)


def budget_period(text: str) -> dict[str, Any] | str:
    """中期资金总额 as the document writes it, `300（其中：财政拨款 280，其他资金 20）`, or the text as it is
    (validate then says what is wrong with it)."""
    m = _BUDGET_PERIOD.match(text.strip())
    if not m:
        return text
    total, fiscal, other = (g.replace(",", "") if g else None for g in m.groups())
    try:
        return {"total": Decimal(total), "fiscal": Decimal(fiscal or total), "other": Decimal(other or 0)}
    except ArithmeticError:  # `1.2.3`: kept as written, for validate to name
        return text


def lost_digits(value: Any) -> bool:
    """A code Excel kept as a number of 16 digits or more: Excel stores 15 significant digits, so the rest
    were zeroed when it was typed (a 20-digit project code typed into a General cell)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or abs(value) < 10**15:
        return False
    if isinstance(value, float):
        return True
    return str(abs(value))[15:].strip("0") == ""  # a program can write an exact big int; Excel cannot


def year_value(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    m = re.fullmatch(r"((?:19|20|21)\d{2})\s*年?度?", text)
    return int(m.group(1)) if m else text


def _address_key(address: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", address)
    if not m:
        return (0, 0)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


# --- the workbook ---------------------------------------------------------------------------------


def configured_labels(*paths: str | Path) -> dict[str, str]:
    """import_labels of the settings in force for each path (a later path's over an earlier's): the
    workbook's own folder, and for import the folder the projects go to."""
    from perfgoals.workspace import Workspace

    settings = Workspace()
    found: dict[str, str] = {}
    for path in paths:
        config = settings.settings_for(os.path.abspath(path)).config
        found.update(config.import_labels)
    return found


@contextmanager
def label_aliases(aliases: dict[str, str]):
    """Read a province's own labels as the ones they stand for while the block runs; an alias for a label
    perfgoals does not know is a usage error (it would silently read nothing)."""
    table: dict[str, str] = {}
    for alias, label in aliases.items():
        known = squeeze(label)
        if known not in LABELS and known not in HEADERS:
            raise UserError(
                T(
                    f"perfgoals.yaml 的 import_labels：“{alias}: {label}”中的“{label}”不是 perfgoals 认识的标签"
                    f"（如 项目名称、项目编码、预算数、资金用途、绩效目标、一级指标、三级指标、指标值）",
                    f"perfgoals.yaml import_labels: “{alias}: {label}”: “{label}” is not a label perfgoals knows "
                    f"(e.g. 项目名称, 项目编码, 预算数, 资金用途, 绩效目标, 一级指标, 三级指标, 指标值)",
                )
            )
        table[squeeze(alias)] = known
    token = _ALIASES.set(table)
    try:
        yield
    finally:
        _ALIASES.reset(token)


def read_workbook(path: str | Path, lang: str = "en", default_year: int | None = None) -> list[SheetResult]:
    from perfgoals.extras import require

    openpyxl = require("openpyxl")
    has_formulas = check_package(path)  # before openpyxl reads a byte: the bounds below
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
        formulas = openpyxl.load_workbook(path, data_only=False) if has_formulas else None
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        suffix = Path(path).suffix.lower()
        old = suffix in (".xls", ".et", ".wps")
        hint = T(
            "（旧版 .xls 请先在 Excel 中另存为 .xlsx）" if old else "",
            " (save an old .xls as .xlsx in Excel first)" if old else "",
        )
        raise UserError(
            T(
                f"无法读取 {path}：不是 .xlsx 工作簿{hint.zh}（{type(exc).__name__}）",
                f"cannot read {path}: not an .xlsx workbook{hint.en} ({type(exc).__name__})",
            )
        ) from None
    return [SheetReader(ws, formulas).read(default_year) for ws in wb.worksheets]


# --- bounds: a workbook is checked as a zip before openpyxl reads it -----------------------------
# A real form is a few hundred cells: these leave room for 100,000 indicator rows and stop the 7 KB file
# whose one merged range A30:XFD1048576 made openpyxl build 17 billion cells, and the zip bomb.

MAX_WORKBOOK_BYTES = 32 * 1024 * 1024  # the .xlsx file itself
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # all its parts, uncompressed, as the zip's directory declares them
MAX_PARTS = 10_000
MAX_SHEET_CELLS = 1_000_000  # cells written in one sheet
MAX_MERGED_CELLS = 1_000_000  # cells covered by one sheet's merged ranges
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?"')
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _too_big(path: str | Path, what: T) -> UserError:
    return UserError(
        T(
            f"无法导入 {path}：{what.zh}，超出导入的安全限制；绩效目标表不会这么大",
            f"cannot import {path}: {what.en}, beyond import's safety limits; no target table is this large",
        )
    )


def check_package(path: str | Path) -> bool:
    """Raise UserError for a workbook beyond the bounds above; True when a sheet holds formulas.  Not a zip:
    openpyxl's own refusal says so.  The zip's declared sizes bound what is decompressed: zipfile stops
    at them (a part that inflates further fails its CRC check)."""
    import zipfile

    try:
        size = Path(path).stat().st_size
        book = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, ValueError):
        return True
    with book:
        parts = book.infolist()
        unpacked = sum(p.file_size for p in parts)
        if size > MAX_WORKBOOK_BYTES or len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
            raise _too_big(path, T(f"解压后 {unpacked:,} 字节", f"{unpacked:,} bytes unpacked in {len(parts):,} parts"))
        sheets = [p for p in parts if p.filename.startswith("xl/worksheets/") and p.filename.endswith(".xml")]
        return any([_check_sheet(path, book, part) for part in sheets])


def _check_sheet(path: str | Path, book, part) -> bool:
    try:
        xml = book.read(part)
    except Exception:  # a damaged part: openpyxl names the fault
        return True
    cells = len(_CELL.findall(xml))
    if cells > MAX_SHEET_CELLS:
        raise _too_big(path, T(f"{part.filename} 有 {cells:,} 个单元格", f"{part.filename} holds {cells:,} cells"))
    merged = 0
    for m in _MERGE.finditer(xml):
        c1, r1 = _column_number(m.group(1)), int(m.group(2))
        c2, r2 = (_column_number(m.group(3)), int(m.group(4))) if m.group(3) else (c1, r1)
        merged += (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)
        if merged > MAX_MERGED_CELLS:
            where = m.group(0).decode("ascii", "replace").split('"')[1]
            raise _too_big(path, T(f"合并单元格 {where} 过大", f"the merged range {where} is too large"))
    return _FORMULA.search(xml) is not None


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _existing_cells(ws) -> list:
    """The cells the sheet holds, in row order: iter_rows would make a cell for every gap of the used
    rectangle (A1 and XFD1048576 alone are 17 billion)."""
    cells = getattr(ws, "_cells", None)
    if not isinstance(cells, dict):  # another openpyxl: its own iteration
        return [cell for row in ws.iter_rows() for cell in row]
    return [cells[key] for key in sorted(cells)]


def _by_row(reader: "SheetReader") -> dict[int, list[XCell]]:
    """reader's cells by row, each row by column: built once (row_cells scanned every cell at each call,
    which made reading quadratic in the rows)."""
    index = reader.__dict__.get("_rows")
    if index is None:
        index = {}
        for (row, _), cell in sorted(reader.cells.items()):
            index.setdefault(row, []).append(cell)
        reader.__dict__["_rows"] = index
    return index


_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_RESERVED_NAME = re.compile(r"(CON|PRN|AUX|NUL|COM\d|LPT\d)(\..*)?", re.I)  # Windows' device names
NAME_BYTES = 200  # a file name's stem, in UTF-8 bytes: under the 255 of every file system, with room for `-2.yaml`


def safe_stem(text: str) -> str:
    """`text` as a file name on every system: no \\/:*?"<>| or control characters, no trailing dot or space
    (Windows drops them), not a device name, at most NAME_BYTES bytes (cut at a character)."""
    safe = _UNSAFE_NAME.sub("_", text).strip(" .")
    while len(safe.encode("utf-8")) > NAME_BYTES:
        safe = safe[:-1].rstrip(" .")
    return f"_{safe}" if _RESERVED_NAME.fullmatch(safe) else safe


def file_name(index: int, result: SheetResult) -> str:
    """`项目编码-项目名称.yaml`, as people find a project: by its code and name, not by its sheet's position."""
    data = result.data or {}
    parts = [str(data[k]).strip() for k in ("code", "name") if data.get(k) is not None and str(data[k]).strip()]
    return f"{safe_stem('-'.join(parts) or result.sheet) or f'sheet{index}'}.yaml"


def unique_name(name: str, taken: set[str]) -> str:
    """Two sheets of one workbook that give the same name (the same project twice): the second gets `-2`."""
    stem, n = name.removesuffix(".yaml"), 2
    while name.casefold() in taken:  # Windows and macOS file names ignore case
        name, n = f"{stem}-{n}.yaml", n + 1
    taken.add(name.casefold())
    return name


def comments(result: SheetResult, source: str) -> list[str]:
    lines = []
    for p in result.problems:
        tag = {
            "note": "备注",
            "digits": "编码超过 15 位，Excel 已丢失其后几位，请核对 / digits lost by Excel, check it",
        }.get(p.kind, "未能放置 / not placed")
        lines.append(f"{tag} ({source} {p.where}): {p.text}")
    return lines


def run(path: str, output: str, force: bool, year: int | None, lang: str, out: TextIO, err: TextIO, read=None) -> int:
    """Read the workbook at path into one YAML file per sheet in output, then validate what was written.
    read: the reader of the file (default read_workbook; the command passes one that also reads Word)."""
    from perfgoals import reporters
    from perfgoals.validate import EXIT_FINDINGS, EXIT_OK, validate

    source = Path(path)
    if not source.is_file():
        raise UserError(T(f"找不到文件 {path}", f"no such file: {path}"))
    with label_aliases(configured_labels(source, Path(output) / "x.yaml")):
        results = (read or read_workbook)(source, lang, year)
    known = _known_projects(Path(output))
    planned = _plan(results, Path(output), force, known)
    if not planned:
        err.write(NO_TABLE(lang).format(path=path))
        for result in results:
            _report_problems(result, err, lang)
        return EXIT_FINDINGS
    updates = _plan_updates(planned, set(known.values()), source.name)
    written = [
        _update(result, target, updates[target], err, lang)
        if target in updates
        else _write(result, target, source.name, err, lang)
        for result, target in planned
    ]
    _report_updates(list(updates.values()), source.name, lang, out)
    unplaced = 0
    for result in results:
        if result.skipped:
            said = {"summary": SKIPPED_SUMMARY, "instructions": SKIPPED_INSTRUCTIONS}.get(result.skipped, SKIPPED)
            err.write(said(lang).format(sheet=result.sheet))
        unplaced += _report_problems(result, err, lang)
    report = validate(written, lang=lang)
    reporters.get("text")(report, out, lang)
    no_year = [r.sheet for r, _ in planned if "year" not in (r.data or {})]
    if no_year:
        sheets = "、".join(no_year)
        err.write(
            T(
                f"perfgoals: 工作表“{sheets}”没有写明预算年度：加上 --year（如 --year 2024）再导入一次（--force 覆盖刚写的文件）\n",
                f"perfgoals: sheet “{sheets}” does not say its budget year: import again with --year (e.g. --year 2024;"
                f" --force overwrites the files just written)\n",
            )(lang)
        )
    if unplaced:
        err.write(UNPLACED.count(unplaced)(lang))
    code = report.exit_code()
    return max(code, EXIT_FINDINGS) if unplaced and code == EXIT_OK else code


NO_TABLE = T(
    "perfgoals: {path} 中没有找到绩效目标表（需要含“一级指标”“三级指标”的表头行）\n",
    "perfgoals: no performance target table in {path} (a header row with 一级指标 and 三级指标 is needed)\n",
)
WROTE = T(
    "perfgoals: 工作表“{sheet}” → {target}（{n} 个三级指标）\n",
    "perfgoals: sheet “{sheet}” → {target} ({n} indicators)\n",
)
SKIPPED_SUMMARY = T(
    "perfgoals: 工作表“{sheet}”是汇总表，已跳过\n", "perfgoals: sheet “{sheet}” is the summary sheet, skipped\n"
)
SKIPPED_INSTRUCTIONS = T(
    "perfgoals: 工作表“{sheet}”是填表说明，已跳过\n", "perfgoals: sheet “{sheet}” holds the instructions, skipped\n"
)
SKIPPED = T(
    "perfgoals: 工作表“{sheet}”中没有绩效目标表，已跳过\n",
    "perfgoals: sheet “{sheet}” holds no performance target table, skipped\n",
)
UNPLACED = T(
    "perfgoals: {n} 个单元格需要检查（见上面的说明；已作为注释保留在文件开头）\n",
    "perfgoals: {n} cell needs checking (see above; kept as a comment at the top of the file)\n",
    "perfgoals: {n} cells need checking (see above; kept as comments at the top of the file)\n",
)


def _plan(
    results: list[SheetResult], folder: Path, force: bool, known: dict[str, Path] | None = None
) -> list[tuple[SheetResult, Path]]:
    """The file each sheet with a table goes to: the file already holding its project's code (updated in
    place), else a new one; nothing is written over another existing file without --force."""
    planned: list[tuple[SheetResult, Path]] = []
    unclaimed = dict(known or {})
    taken: set[str] = {p.name.casefold() for p in unclaimed.values()}
    for result in results:
        if result.data is not None:
            same = unclaimed.pop(str(result.data.get("code", "")).strip(), None)  # one sheet per file
            planned.append((result, same or folder / unique_name(file_name(len(planned) + 1, result), taken)))
    updating = set((known or {}).values())
    existing = ", ".join(str(p) for _, p in planned if p.exists() and p not in updating)
    if existing and not force:
        raise UserError(
            T(
                f"文件已存在，未写入任何文件（--force 覆盖）：{existing}",
                f"files exist, nothing written (--force overwrites): {existing}",
            )
        )
    return planned


def _known_projects(folder: Path) -> dict[str, Path]:
    from perfgoals.reimport import existing_projects

    return existing_projects(folder)


def _plan_updates(planned: list[tuple[SheetResult, Path]], known: set[Path], book: str) -> dict[Path, Any]:
    """The new text of each existing file a sheet updates, worked out before anything is written."""
    from perfgoals.reimport import plan_update
    from perfgoals.yamlout import project_yaml

    from perfgoals.reimport import carried_over

    return {
        target: plan_update(target, project_yaml(carried_over(result, target), comments(result, book)))
        for result, target in planned
        if target in known
    }


def _update(result: SheetResult, target: Path, update: Any, err: TextIO, lang: str) -> str:
    from perfgoals.reimport import write_update

    try:
        write_update(update)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UserError(T(f"无法写入 {target}：{reason}", f"cannot write {target}: {reason}")) from None
    said = UPDATED if update.after is not None else UNCHANGED
    err.write(said(lang).format(sheet=result.sheet, target=target, n=result.indicators))
    return str(target)


def _report_updates(updates: list[Any], book: str, lang: str, out: TextIO) -> None:
    from perfgoals.reimport import report_changes

    report_changes(updates, book, lang, out)


UPDATED = T(
    "perfgoals: 工作表“{sheet}” → {target}：已就地更新（{n} 个三级指标；注释和顺序保留，改动见下）\n",
    "perfgoals: sheet “{sheet}” → {target}: updated in place ({n} indicators; comments and order kept, "
    "changes below)\n",
)
UNCHANGED = T(
    "perfgoals: 工作表“{sheet}” → {target}：没有变化，文件未改动\n",
    "perfgoals: sheet “{sheet}” → {target}: unchanged, file left as it was\n",
)


def _write(result: SheetResult, target: Path, book: str, err: TextIO, lang: str) -> str:
    from perfgoals.atomic import write_bytes
    from perfgoals.yamlout import project_yaml

    try:
        write_bytes(target, project_yaml(result.data, comments(result, book)).encode("utf-8"), make_parents=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UserError(T(f"无法写入 {target}：{reason}", f"cannot write {target}: {reason}")) from None
    err.write(WROTE(lang).format(sheet=result.sheet, target=target, n=result.indicators))
    return str(target)


def _report_problems(result: SheetResult, err: TextIO, lang: str) -> int:
    for p in result.notes:
        err.write(
            T(f"  {p.where}  备注，作为注释保留：{p.text}\n", f"  {p.where}  note, kept as a comment: {p.text}\n")(lang)
        )
    for p in result.problems:
        if p.kind == "skipped":
            err.write(
                T(
                    f"  {p.where}  未导入（该工作表没有表格）：{p.text}\n",
                    f"  {p.where}  not imported (no table on this sheet): {p.text}\n",
                )(lang)
            )
    for p in result.unplaced:
        err.write(T(f"  {p.where}  未能放置：{p.text}\n", f"  {p.where}  not placed: {p.text}\n")(lang))
    cut = [p for p in result.problems if p.kind == "digits"]
    for p in cut:
        err.write(
            T(
                f"  {p.where}  编码 {p.text} 在 Excel 中是数字：Excel 只保留 15 位有效数字，后面几位已变成 0。"
                f"请在 Excel 中把该单元格设为“文本”后重新输入编码，或直接在导入的 YAML 文件中改正\n",
                f"  {p.where}  the code {p.text} is a number in Excel, which keeps 15 significant digits: the "
                f"last digits became 0. Format the cell as Text in Excel and type the code again, or correct it "
                f"in the imported YAML file\n",
            )(lang)
        )
    return len(result.unplaced) + len(cut)
