"""What every writer sees: the official document (绩效目标表) and the department summary, ready to lay out.

Python prepares everything here (formatted money, rowspans, numbering, the one column grid
of a table, the summary's totals and weighted spend), so that a writer only lays it out and a
province can override a Jinja template without re-implementing the arithmetic.  Nothing here
imports a writer, a template engine or an office library.
"""

from __future__ import annotations

import dataclasses

import math
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from perfgoals.findings import Severity
from perfgoals.i18n import T
from perfgoals.model import Department, Project
from perfgoals.targets import format_number

if TYPE_CHECKING:
    from perfgoals.report import Report

GRID_HEAD = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")
UNIT = "万元"  # the summary's money unit: projects kept in 元 are converted exactly
CENT = Decimal("0.01")


# --- numbers as printed ----------------------------------------------------------------------


def money(value: Decimal) -> str:
    """A figure as written in the data: 0.90 stays 0.90."""
    return format_number(value)


def money_places(value: Decimal | None, places: int) -> str:
    """A figure with `places` decimals, so that a column lines up (0.9 → 0.90); None is an empty cell."""
    if value is None:
        return ""
    return format_number(value.quantize(Decimal(1).scaleb(-places))) if places else format_number(value)


def other_money(value: Decimal) -> str:
    # The official form leaves 其他资金 empty when there is none; `other: 0` prints as that empty cell.
    return "" if value == 0 else format_number(value)


def percent(value: Decimal | None) -> str:
    return "" if value is None else f"{format_number(value)}%"


CHECKPOINT = T("{month} 月底", "end of month {month}")


def checkpoint_label(month: int, lang: str = "zh") -> str:
    """The form is Chinese whatever the user's language; the summary follows the user's."""
    return CHECKPOINT(lang).format(month=month)


_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (section numbers of the document)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[ones] if ones else "")


def indicator_phrase(name: str, target: str) -> str:
    """Part 1 writes an indicator as one phrase: `培训救护员 5000 人次`, `圆梦助学救助不少于 400 人`."""
    target = target.strip()
    gap = " " if re.match(r"[0-9A-Za-z≥≤<>=＜＞＝+-]", target) else ""
    return f"{name}{gap}{target}"


# --- the official form ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GridRow:
    level1: str
    level1_span: int  # rows the 一级 cell covers; 0 when the cell above covers this row
    level2: str
    level2_span: int
    name: str
    description: str
    target: str
    basis: str


@dataclass(frozen=True)
class Checkpoint:
    month: int
    label: str  # "3 月底"
    value: str  # "30%"


@dataclass(frozen=True)
class ProjectView:
    number: int | None
    title: str
    path: str
    unit_code: str
    unit_name: str
    money_unit: str
    code: str
    name: str
    total: str
    fiscal: str
    other: str
    purpose: str
    period: str | None
    goal: str
    checkpoints: list[Checkpoint]
    # Head fields some forms print and the source document's does not (主管部门, 实施单位, 项目属性,
    # 中期资金总额, 中长期目标): (label, text) rows after the project's name, only where the file has them.
    extra: list[tuple[str, str]]
    rows: list[GridRow]
    # The head table's value area has `cols` equal columns so that thirds, sixths and one
    # cell per checkpoint all line up (lcm of 6 and the number of checkpoints).
    cols: int
    model: Project = field(repr=False)
    errors: int = 0  # rendered with --allow-errors: the errors validate found in this table's file

    @property
    def unchecked(self) -> str:
        """The line that marks a table rendered with errors ("" when it has none); the form is Chinese."""
        return unchecked_line(self.errors)


def unchecked_line(errors: int) -> str:
    return f"未通过校验：本表有 {errors} 个错误（perfgoals validate 列出每一个）" if errors else ""


def grid_rows(project: Project) -> list[GridRow]:
    rows: list[GridRow] = []
    for level1, group in project.indicators.items():
        # An empty group still gets a row, so that nothing written in the file disappears.
        spans2 = [(level2, items) for level2, items in group.items()] or [("", [])]
        span1 = sum(max(len(items), 1) for _, items in spans2)
        first1 = True
        for level2, items in spans2:
            span2 = max(len(items), 1)
            for i, ind in enumerate(items or [None]):
                rows.append(
                    GridRow(
                        level1,
                        span1 if first1 else 0,
                        level2,
                        span2 if i == 0 else 0,
                        ind.name if ind else "",
                        ind.shown_description if ind else "",
                        ind.target if ind else "",
                        (ind.basis or "") if ind else "",
                    )
                )
                first1 = False
    return rows


def extra_head(project: Project) -> list[tuple[str, str]]:
    """(label, text) of each optional head field the file has, in the form's order."""
    out: list[tuple[str, str]] = []
    for label, value in (
        ("主管部门及代码", project.authority),
        ("实施单位", project.implementer),
        ("项目属性", project.attribute),
    ):
        if value is not None:
            out.append((label, value))
    if project.budget_period is not None:
        b = project.budget_period
        out.append(
            (
                "中期资金总额",
                f"{money(b.total)}（其中：财政拨款 {money(b.fiscal)}，其他资金 {other_money(b.other) or 0}）",
            )
        )
    if project.long_term_goal is not None:
        out.append(("中长期目标", project.long_term_goal))
    return out


def project_view(project: Project, path: str, number: int | None) -> ProjectView:
    checkpoints = [
        Checkpoint(m, checkpoint_label(m), percent(v)) for m, v in sorted((project.spend_plan or {}).items())
    ]
    title = f"{project.name}绩效目标表"
    return ProjectView(
        number=number,
        title=f"{number}.{title}" if number is not None else title,
        path=path,
        unit_code=project.unit.code,
        unit_name=project.unit.name,
        money_unit=project.money_unit,
        code=project.code,
        name=project.name,
        total=money(project.budget.total),
        fiscal=money(project.budget.fiscal),
        other=other_money(project.budget.other),
        purpose=project.purpose or "",  # a form without 资金用途 prints the cell empty
        period=project.period,
        goal=project.goal,
        checkpoints=checkpoints,
        extra=extra_head(project),
        rows=grid_rows(project),
        cols=math.lcm(6, max(len(checkpoints), 1)),
        model=project,
    )


@dataclass(frozen=True)
class Document:
    """What a writer gets: the form (Part 1 and the project tables) and, where there is one, the summary.

    The summary command's document carries the summary alone."""

    department: Department | None = None
    projects: list[ProjectView] = field(default_factory=list)
    single: bool = False  # one project file: its table alone, without part headings
    summary: Summary | None = None  # a folder's figures (the workbook's summary sheet, `perfgoals summary`)

    @property
    def title(self) -> str:
        first = self.department or (self.projects[0].model if self.projects else None)
        if first is None:
            return "绩效目标"
        if self.single and self.projects:
            return self.projects[0].title
        return f"{first.unit.name} {first.year} 年预算绩效目标"


def build_document(
    department: Department | None,
    projects: list[tuple[Project, str]],
    single: bool,
    summary: Summary | None = None,
    errors: dict[str, int] | None = None,
) -> Document:
    """errors: the count of errors per file, for a document rendered anyway (`render --allow-errors`)."""
    views = [project_view(p, path, None if single else i) for i, (p, path) in enumerate(projects, 1)]
    if errors:
        views = [dataclasses.replace(v, errors=errors.get(v.path, 0)) for v in views]
    return Document(department, views, single, summary)


# --- a project table on one column grid (Word and Excel) -----------------------------------------
#
# The head block (a label column and `cols` equal value columns, as in the HTML) and the indicator
# grid (six columns) become one table with the same borders in Word and in Excel.  The grid's column
# edges are snapped to the head block's, so every cell is a whole number of columns.

LABEL_SHARE = Decimal("0.12")  # the label column's share of the width, as in style.css
# Where a label too long for its cell breaks, as printed forms break it: between words, never inside one
# (Word's and LibreOffice's own were 预算规模及/资金用/途, 指标值确定依/据, 资金支出计划（/%）); the
# writers break a form label only where it does not fit its cell, and never a value (a category is data).
LABEL_BREAKS = {
    "预算规模及资金用途": "预算规模及\n资金用途",
    "资金支出计划（%）": "资金支出\n计划（%）",
    "指标值确定依据": "指标值\n确定依据",
    "其中：财政资金": "其中：\n财政资金",
    "主管部门及代码": "主管部门\n及代码",
    "中期资金总额": "中期资金\n总额",
    "绩效指标描述": "绩效指标\n描述",
}
# The indicator grid's column edges as shares of the width (style.css: 12 12 17 25 17 17).
GRID_EDGES = (Decimal("0.12"), Decimal("0.24"), Decimal("0.41"), Decimal("0.66"), Decimal("0.83"))
GRID_FIELDS = ("level1", "level2", "name", "description", "target", "basis")


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    role: str = "value"  # label (a printed heading), value (centred), text (left-aligned prose)
    number: Decimal | None = None  # money or a percentage, for a spreadsheet's numeric cell
    kind: str = ""  # money | percent | code
    field: str = ""  # what the cell holds: code, total, spend:3, level1, name … (the importer reads labels)


@dataclass
class Table:
    widths: list[Decimal]  # share of the table width per grid column
    cells: list[Cell] = field(default_factory=list)
    rows: int = 0
    header_row: int = 0  # the 一级指标 … header
    grid_edges: list[int] = field(default_factory=list)  # the indicator grid's 7 column edges

    def add(self, *cells: Cell) -> None:
        self.cells.extend(cells)
        self.rows = max(self.rows, *(c.row + c.rowspan for c in cells))


def _edges(cols: int) -> list[int]:
    """The six grid columns' edges as head-column indices: 0, 1 (the label column), …, cols + 1."""
    value_width = (1 - LABEL_SHARE) / cols
    edges = [0, 1]
    for share in GRID_EDGES[1:]:
        nearest = 1 + round((share - LABEL_SHARE) / value_width)
        edges.append(max(nearest, edges[-1] + 1))
    edges.append(cols + 1)
    if edges[-2] >= edges[-1]:  # cannot happen for cols ≥ 6 (lcm with 6), kept as a guard
        raise ValueError(f"{cols} columns cannot hold the indicator grid")
    return edges


def project_table(view: ProjectView) -> Table:
    c = view.cols
    table = Table(widths=[LABEL_SHARE] + [(1 - LABEL_SHARE) / c] * c)
    r = _head_block(table, view)
    edges = _edges(c)
    table.grid_edges = edges
    table.header_row = r
    table.add(
        *(Cell(r, edges[i], head, colspan=edges[i + 1] - edges[i], role="label") for i, head in enumerate(GRID_HEAD))
    )
    r += 1
    for i, row in enumerate(view.rows):
        values = (row.level1, row.level2, row.name, row.description, row.target, row.basis)
        for j, (value, name) in enumerate(zip(values, GRID_FIELDS)):
            span = (row.level1_span, row.level2_span)[j] if j < 2 else 1
            if span == 0:
                continue  # covered by the merged cell above
            table.add(
                Cell(
                    r + i,
                    edges[j],
                    value,
                    rowspan=span,
                    colspan=edges[j + 1] - edges[j],
                    role="label" if j < 2 else "value",
                    field=name,
                )
            )
    return table


def _head_block(table: Table, view: ProjectView) -> int:
    """The rows above the indicator grid (code … goal); returns the next free row."""
    c, p = view.cols, view.model
    s = c // 6
    table.add(
        Cell(0, 0, "项目编码", role="label"),
        Cell(0, 1, view.code, colspan=c // 3, kind="code", field="code"),
        Cell(0, 1 + c // 3, "项目名称", colspan=s, role="label"),
        Cell(0, 1 + c // 3 + s, view.name, colspan=c // 2, field="name"),
    )
    b = 1 + len(view.extra)  # the budget's row
    for i, (label, text) in enumerate(view.extra, 1):
        table.add(Cell(i, 0, label, role="label"), Cell(i, 1, text, colspan=c, role="text"))
    purpose = p.purpose is not None  # a form without 资金用途 has a budget row of its own
    table.add(
        Cell(b, 0, "预算规模及资金用途" if purpose else "预算规模", rowspan=2 if purpose else 1, role="label"),
        Cell(b, 1, "预算数", colspan=s, role="label"),
        Cell(b, 1 + s, view.total, colspan=s, number=p.budget.total, kind="money", field="total"),
        Cell(b, 1 + 2 * s, "其中：财政资金", colspan=s, role="label"),
        Cell(b, 1 + 3 * s, view.fiscal, colspan=s, number=p.budget.fiscal, kind="money", field="fiscal"),
        Cell(b, 1 + 4 * s, "其他资金", colspan=s, role="label"),
        Cell(b, 1 + 5 * s, view.other, colspan=s, number=p.budget.other, kind="money", field="other"),
    )
    if purpose:
        table.add(Cell(b + 1, 1, view.purpose, colspan=c, role="text", field="purpose"))
    r = b + 1 + purpose
    if view.period is not None:
        table.add(Cell(r, 0, "实施期", role="label"), Cell(r, 1, view.period, colspan=c, role="text", field="period"))
        r += 1
    n = len(view.checkpoints)
    if n:
        w = c // n
        table.add(Cell(r, 0, "资金支出计划（%）", rowspan=2, role="label"))
        for i, cp in enumerate(view.checkpoints):
            table.add(
                Cell(r, 1 + i * w, cp.label, colspan=w, role="label"),
                Cell(
                    r + 1,
                    1 + i * w,
                    cp.value,
                    colspan=w,
                    number=p.spend_plan[cp.month],
                    kind="percent",
                    field=f"spend:{cp.month}",
                ),
            )
        r += 2
    elif p.spend_plan is not None:  # written but empty: the row stays, empty (a form without one has none)
        table.add(Cell(r, 0, "资金支出计划（%）", role="label"), Cell(r, 1, "", colspan=c, field="spend"))
        r += 1
    table.add(Cell(r, 0, "绩效目标", role="label"), Cell(r, 1, view.goal, colspan=c, role="text", field="goal"))
    return r + 1


def indicator_extras(view: ProjectView) -> list[tuple[str | None, str | None]]:
    """(per, note) for each grid row, in grid_rows' order: not printed on the official form,
    but part of the data, so the spreadsheet keeps them beside the table."""
    out: list[tuple[str | None, str | None]] = []
    for group in view.model.indicators.values():
        for items in list(group.values()) or [[]]:
            out.extend((ind.per, ind.note) for ind in items)
            if not items:
                out.append((None, None))
    return out


# --- the department summary ---------------------------------------------------------------------
#
# One row a project (budget, spend plan, indicator count, findings), a total row, and the
# budget-weighted cumulative spend of the whole department at each checkpoint.  All money is
# Decimal and in 万元.


@dataclass
class Row:
    path: str
    code: str | None
    name: str | None
    total: Decimal | None  # 万元; None when the file could not be read into a project
    fiscal: Decimal | None
    other: Decimal | None
    spend: dict[int, Decimal]
    indicators: int | None
    errors: int
    warnings: int


@dataclass
class Summary:
    rows: list[Row]
    checkpoints: list[int]
    total: Decimal
    fiscal: Decimal
    other: Decimal
    weighted: dict[int, Decimal]  # percent, rounded to 0.01
    indicators: int
    errors: int
    warnings: int
    unit_name: str | None = None

    @property
    def places(self) -> int:
        """Every money column shows as many decimals as the most precise figure (0.90 → 2, so 0 → 0.00)."""
        values = [self.total, self.fiscal, self.other] + [
            v for r in self.rows for v in (r.total, r.fiscal, r.other) if v is not None
        ]
        return max([-v.as_tuple().exponent for v in values if v.as_tuple().exponent < 0] or [0])


def _wan(value: Decimal, money_unit: str) -> Decimal:
    return value if money_unit == "万元" else value.scaleb(-4).normalize()


def cumulative_at(plan: dict[int, Decimal], month: int) -> Decimal:
    """The share spent by the end of `month`: the latest checkpoint at or before it, else 0.

    A project without a checkpoint in some month has spent at least what its
    previous checkpoint says, and the plan promises nothing more.
    """
    best: Decimal = Decimal(0)
    for m in sorted(plan):
        if m <= month:
            best = plan[m]
    return best


def _summary_row(loaded, findings: list) -> Row:
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    fig = loaded.figures
    name = loaded.head().get("name")
    if fig is None:
        return Row(
            loaded.path,
            loaded.project_code,
            name if isinstance(name, str) else None,
            None,
            None,
            None,
            {},
            None,
            errors,
            warnings,
        )
    return Row(
        loaded.path,
        loaded.project_code,
        name if isinstance(name, str) else None,
        _wan(fig.total, fig.money_unit),
        _wan(fig.fiscal, fig.money_unit),
        _wan(fig.other, fig.money_unit),
        dict(fig.spend),
        fig.indicators,
        errors,
        warnings,
    )


def summarize(report: Report) -> Summary:
    by_path: dict[str, list] = {}  # once: a scan of every finding for each project was quadratic
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    rows = [_summary_row(loaded, by_path.get(loaded.path, [])) for loaded in report.projects]
    counted = [r for r in rows if r.total is not None]
    checkpoints = sorted({m for r in counted for m in r.spend})
    total = sum((r.total for r in counted), Decimal(0))
    weighted: dict[int, Decimal] = {}
    if total > 0:
        for m in checkpoints:
            spent = sum((r.total * cumulative_at(r.spend, m) for r in counted), Decimal(0))
            weighted[m] = (spent / total).quantize(CENT, ROUND_HALF_UP)
    unit_name = None
    for loaded in (report.department, *report.projects[:1]):
        ident = loaded.identity if loaded is not None else None
        if ident is not None:
            unit_name = ident.unit_name
            break
    return Summary(
        rows=rows,
        checkpoints=checkpoints,
        total=total,
        fiscal=sum((r.fiscal for r in counted), Decimal(0)),
        other=sum((r.other for r in counted), Decimal(0)),
        weighted=weighted,
        indicators=sum(r.indicators or 0 for r in counted),
        errors=report.errors,
        warnings=report.warnings,
        unit_name=unit_name,
    )


# The summary's words, the same in every form of it.
HEAD = {
    "code": T("项目编码", "code"),
    "name": T("项目名称", "project"),
    "total": T("预算数", "budget"),
    "fiscal": T("财政资金", "fiscal"),
    "other": T("其他资金", "other"),
    "indicators": T("指标数", "indicators"),
    "errors": T("错误", "errors"),
    "warnings": T("警告", "warnings"),
    "sum": T("合计", "total"),
}
WEIGHTED = T("按预算加权的累计支出进度", "budget-weighted cumulative spend")
WEIGHTED_NOTE = T(
    "合计行的各月底列为按预算加权的全部门累计支出进度",
    "the total row's checkpoint columns are the department's budget-weighted cumulative spend",
)
UNIT_NOTE = T(f"金额单位：{UNIT}", f"money in {UNIT}")


def summary_table(s: Summary, lang: str) -> tuple[list[str], list[list[str]], list[str]]:
    """Header, one row a project, and the total row: the same cells in every format."""
    places = s.places
    head = [
        HEAD["code"](lang),
        HEAD["name"](lang),
        HEAD["total"](lang),
        HEAD["fiscal"](lang),
        HEAD["other"](lang),
        *(checkpoint_label(m, lang) for m in s.checkpoints),
        HEAD["indicators"](lang),
        HEAD["errors"](lang),
        HEAD["warnings"](lang),
    ]
    body = []
    for r in s.rows:
        body.append(
            [
                r.code or "",
                r.name or r.path,
                money_places(r.total, places),
                money_places(r.fiscal, places),
                money_places(r.other, places),
                *(percent(r.spend.get(m)) for m in s.checkpoints),
                "" if r.indicators is None else str(r.indicators),
                str(r.errors),
                str(r.warnings),
            ]
        )
    total = [
        "",
        HEAD["sum"](lang),
        money_places(s.total, places),
        money_places(s.fiscal, places),
        money_places(s.other, places),
        *(percent(s.weighted.get(m)) for m in s.checkpoints),
        str(s.indicators),
        str(s.errors),
        str(s.warnings),
    ]
    return head, body, total


CURVE = T("{weighted}：{points}", "{weighted}: {points}")
CURVE_SEPARATOR = T("，", ", ")


def curve_line(s: Summary, lang: str) -> str:
    points = CURVE_SEPARATOR(lang).join(f"{checkpoint_label(m, lang)} {percent(v)}" for m, v in s.weighted.items())
    return CURVE(lang).format(weighted=WEIGHTED(lang), points=points)
