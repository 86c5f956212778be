"""The official 绩效目标表 as a grid of cells, shared by the Word and Excel writers.

render.ProjectView already holds the formatted figures, the rowspans of the merged 一级/二级
cells and the numbering; this module only places them on one column grid so that the head
block (a label column and `cols` equal value columns, as in the HTML) and the indicator grid
(six columns) become one table with the same borders in Word and in Excel.  The grid's
column edges are snapped to the head block's, so every cell is a whole number of columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from perfgoals.render import GRID_HEAD, ProjectView

LABEL_SHARE = Decimal("0.12")  # the label column's share of the width, as in style.css
# The indicator grid's column edges as shares of the width (style.css: 12 12 17 25 17 17).
GRID_EDGES = (Decimal("0.12"), Decimal("0.24"), Decimal("0.41"), Decimal("0.66"), Decimal("0.83"))


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
    p = view.model
    table = Table(widths=[LABEL_SHARE] + [(1 - LABEL_SHARE) / c] * c)
    r = 0
    table.add(Cell(r, 0, "项目编码", role="label"),
              Cell(r, 1, view.code, colspan=c // 3, kind="code", field="code"),
              Cell(r, 1 + c // 3, "项目名称", colspan=c // 6, role="label"),
              Cell(r, 1 + c // 3 + c // 6, view.name, colspan=c // 2, field="name"))
    r += 1
    s = c // 6
    table.add(Cell(r, 0, "预算规模及资金用途", rowspan=2, role="label"),
              Cell(r, 1, "预算数", colspan=s, role="label"),
              Cell(r, 1 + s, view.total, colspan=s, number=p.budget.total, kind="money", field="total"),
              Cell(r, 1 + 2 * s, "其中：财政资金", colspan=s, role="label"),
              Cell(r, 1 + 3 * s, view.fiscal, colspan=s, number=p.budget.fiscal, kind="money", field="fiscal"),
              Cell(r, 1 + 4 * s, "其他资金", colspan=s, role="label"),
              Cell(r, 1 + 5 * s, view.other, colspan=s, number=p.budget.other, kind="money", field="other"))
    r += 1
    table.add(Cell(r, 1, view.purpose, colspan=c, role="text", field="purpose"))
    r += 1
    if view.period is not None:
        table.add(Cell(r, 0, "实施期", role="label"), Cell(r, 1, view.period, colspan=c, role="text", field="period"))
        r += 1
    n = len(view.checkpoints)
    if n:
        w = c // n
        table.add(Cell(r, 0, "资金支出计划（%）", rowspan=2, role="label"))
        for i, cp in enumerate(view.checkpoints):
            table.add(Cell(r, 1 + i * w, cp.label, colspan=w, role="label"),
                      Cell(r + 1, 1 + i * w, cp.value, colspan=w, number=p.spend_plan[cp.month], kind="percent",
                           field=f"spend:{cp.month}"))
        r += 2
    else:
        table.add(Cell(r, 0, "资金支出计划（%）", role="label"), Cell(r, 1, "", colspan=c, field="spend"))
        r += 1
    table.add(Cell(r, 0, "绩效目标", role="label"), Cell(r, 1, view.goal, colspan=c, role="text", field="goal"))
    r += 1
    edges = _edges(c)
    table.grid_edges = edges
    table.header_row = r
    table.add(*(Cell(r, edges[i], head, colspan=edges[i + 1] - edges[i], role="label")
                for i, head in enumerate(GRID_HEAD)))
    r += 1
    fields = ("level1", "level2", "name", "description", "target", "basis")
    for i, row in enumerate(view.rows):
        values = (row.level1, row.level2, row.name, row.description, row.target, row.basis)
        for j, (value, name) in enumerate(zip(values, fields)):
            span = (row.level1_span, row.level2_span)[j] if j < 2 else 1
            if span == 0:
                continue  # covered by the merged cell above
            table.add(Cell(r + i, edges[j], value, rowspan=span, colspan=edges[j + 1] - edges[j],
                           role="label" if j < 2 else "value", field=name))
    return table


def indicator_extras(view: ProjectView) -> list[tuple[str | None, str | None]]:
    """(per, note) for each grid row, in render.grid_rows' order: not printed on the official form,
    but part of the data, so the spreadsheet keeps them beside the table."""
    out: list[tuple[str | None, str | None]] = []
    for group in view.model.indicators.values():
        for items in list(group.values()) or [[]]:
            out.extend((ind.per, ind.note) for ind in items)
            if not items:
                out.append((None, None))
    return out
