"""`render --format xlsx`: one worksheet per project in the official layout, and a summary sheet.

Money and percentages are numeric cells whose number format shows the decimals as written
(0.90 → 0.9 formatted `0.00`; 30% → 0.3 formatted `0%`), so Excel can add them up and the
importer gets the written text back from value and format.  A figure with more than 15
significant digits cannot live in an Excel number and is written as text.  What the printed
form has no place for (the budget year, a unit cost's `per`, an indicator's `note`) sits in
labelled cells to the right of the table, outside the print area.
"""

from __future__ import annotations

import io
import re
import unicodedata
from decimal import Decimal

from perfgoals.document import (
    HEAD,
    LABEL_BREAKS,
    UNIT_NOTE,
    WEIGHTED_NOTE,
    Cell,
    Document,
    ProjectView,
    Summary,
    Table,
    indicator_extras,
    project_table,
    summary_table,
)
from perfgoals.extras import require
from perfgoals.writers import Options
from perfgoals.writers.package import reproducible

FONT = "宋体"
TABLE_WIDTH = 92  # Excel column-width units (about one digit each) across the table: 180 mm on A4
TITLE_ROWS = 2  # the title and the unit line above the table
SUMMARY_TITLE = "绩效目标汇总"  # the importer skips the sheet whose A1 says this
EXCEL_DIGITS = 15
LABEL_FIT = 1.3  # display columns (a Chinese character is two) of 10.5 pt text one Excel width unit holds
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _a4(ws, area: str, orientation: str) -> None:
    """Print area on A4, one page wide and as many pages long as it takes."""
    ws.print_area = area
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = orientation
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def number_format(value: Decimal, percent: bool = False) -> str:
    n = places(value)
    fmt = "0" + ("." + "0" * n if n else "")
    return fmt + "%" if percent else fmt


def fits_excel(value: Decimal) -> bool:
    return len(value.as_tuple().digits) <= EXCEL_DIGITS


def display_width(text: str) -> int:
    """Columns of text: a Chinese character is two, as Excel measures it."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet_title(name: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("_", name).strip("'") or "Sheet"
    title, n = base[:31], 2
    while title.lower() in taken:
        suffix = f"({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


class _Styles:
    def __init__(self, openpyxl) -> None:
        st = openpyxl.styles
        side = st.Side(style="thin", color="000000")
        self.border = st.Border(left=side, right=side, top=side, bottom=side)
        # charset 134 (GB2312) lets Excel pick a Chinese face when 宋体 itself is missing.
        self.font = st.Font(name=FONT, size=10.5, charset=134)
        self.bold = st.Font(name=FONT, size=10.5, bold=True, charset=134)
        self.title = st.Font(name=FONT, size=15, bold=True, charset=134)
        self.note = st.Font(name=FONT, size=9, italic=True, color="808080", charset=134)
        self.alarm = st.Font(name=FONT, size=10.5, bold=True, color="CC0000", charset=134)
        self.center = st.Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = st.Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.right = st.Alignment(horizontal="right", vertical="center")


def _put(ws, row: int, col: int, cell: Cell, s: _Styles, width: float = 0) -> None:
    target = ws.cell(row=row, column=col)
    if cell.number is not None and fits_excel(cell.number):
        if cell.kind == "percent":
            target.value = cell.number / 100
            target.number_format = number_format(cell.number, percent=True)
        else:
            target.value = cell.number
            fmt = number_format(cell.number)
            # The official form leaves 其他资金 empty when it is zero: a format that hides zero keeps the number.
            target.number_format = f"{fmt};-{fmt};;@" if cell.field == "other" else fmt
    elif cell.number is not None:
        target.value = cell.text
        target.number_format = "@"
    else:
        text = cell.text
        if cell.role == "label" and display_width(text) > LABEL_FIT * width:
            text = LABEL_BREAKS.get(text, text)  # 资金支出/计划（%）, not 资金支出计划（/%）
        target.value = text if text != "" else None
        if cell.kind == "code" or (cell.text and cell.role != "label"):
            target.number_format = "@"  # text stays text: codes keep leading zeros, `1-2` stays `1-2`
    target.font = s.font
    target.border = s.border
    target.alignment = s.left if cell.role == "text" else s.center


def _row_heights(table: Table, widths: list[float]) -> list[float]:
    line = 14.5  # points per line of 10.5 pt text
    heights = [20.0] * table.rows
    spanned: list[tuple[Cell, float]] = []
    for cell in table.cells:
        width = sum(widths[cell.col : cell.col + cell.colspan]) - 1.5
        lines = sum(max(1, -(-display_width(part) // max(int(width), 1))) for part in (cell.text or " ").split("\n"))
        need = lines * line + 6
        if cell.rowspan == 1:
            heights[cell.row] = max(heights[cell.row], need)
        else:
            spanned.append((cell, need))
    for cell, need in spanned:  # a merged cell gets what it lacks on its last row
        have = sum(heights[cell.row : cell.row + cell.rowspan])
        if have < need:
            heights[cell.row + cell.rowspan - 1] += need - have
    return heights


def write_project(wb, view: ProjectView, title: str, s: _Styles) -> None:
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    table = project_table(view)
    ncols = len(table.widths)
    widths = [float(w * TABLE_WIDTH) for w in table.widths]
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = round(w, 2)
    last = get_column_letter(ncols)
    ws.cell(1, 1, view.title).font = s.title
    ws.cell(1, 1).alignment = s.center
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 32
    half = max(1, ncols // 2)
    ws.cell(2, 1, f"{view.unit_code} {view.unit_name}").font = s.font
    ws.cell(2, 1).alignment = s.left
    ws.cell(2, 1).number_format = "@"
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=half)
    ws.cell(2, half + 1, f"单位：{view.money_unit}").font = s.font
    ws.cell(2, half + 1).alignment = s.right
    ws.merge_cells(start_row=2, start_column=half + 1, end_row=2, end_column=ncols)
    ws.row_dimensions[2].height = 20
    for cell in table.cells:
        row, col = cell.row + 1 + TITLE_ROWS, cell.col + 1
        _put(ws, row, col, cell, s, sum(widths[cell.col : cell.col + cell.colspan]))
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(
                start_row=row, start_column=col, end_row=row + cell.rowspan - 1, end_column=col + cell.colspan - 1
            )
    for i, h in enumerate(_row_heights(table, widths)):
        ws.row_dimensions[i + 1 + TITLE_ROWS].height = round(h, 1)
    # Beyond the print area: the year and the columns the printed form has no place for.
    extra = ncols + 2
    ws.column_dimensions[get_column_letter(extra)].width = 20
    ws.column_dimensions[get_column_letter(extra + 1)].width = 20
    ws.cell(1, extra, "预算年度").font = s.note
    ws.cell(1, extra + 1, view.model.year).font = s.note
    if view.errors:  # rendered with --allow-errors: the sheet says so, beside its title and on its tab
        ws.cell(2, extra, view.unchecked).font = s.alarm
        ws.sheet_properties.tabColor = "CC0000"
    extras = indicator_extras(view)
    if any(per is not None or note is not None for per, note in extras):
        head = table.header_row + 1 + TITLE_ROWS
        for j, label in enumerate(("单价对应的数量指标", "备注")):
            ws.cell(head, extra + j, label).font = s.note
        for i, (per, note) in enumerate(extras):
            for j, value in enumerate((per, note)):
                if value is not None:
                    c = ws.cell(head + 1 + i, extra + j, value)
                    c.font, c.number_format = s.note, "@"
    end_row = table.rows + TITLE_ROWS
    _a4(ws, f"A1:{last}{end_row}", "portrait")
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = round(15 / 25.4, 2)
    ws.page_margins.top = ws.page_margins.bottom = round(18 / 25.4, 2)
    ws.sheet_view.showGridLines = False


def _money_cell(value: Decimal | None, places: int) -> tuple[Decimal | None, str]:
    """A summary figure as (number, format): `places` decimals, so that a column lines up."""
    if value is None:
        return None, "General"
    q = value.quantize(Decimal(1).scaleb(-places)) if places else value
    return q, number_format(q)


def _percent_cell(value: Decimal | None) -> tuple[Decimal | None, str]:
    return (None, "General") if value is None else (value / 100, number_format(value, percent=True))


def _summary_rows(summary: Summary) -> list[list[tuple[object, str]]]:
    """(value, number format) for each cell of the project rows and the total row."""
    places = summary.places

    def row_values(code, name, total, fiscal, other, spend, indicators, errors, warnings):
        return [
            (code, "@"),
            (name, "@"),
            _money_cell(total, places),
            _money_cell(fiscal, places),
            _money_cell(other, places),
            *(_percent_cell(spend.get(m)) for m in summary.checkpoints),
            (indicators, "0"),
            (errors, "0"),
            (warnings, "0"),
        ]

    rows = [
        row_values(r.code, r.name or r.path, r.total, r.fiscal, r.other, r.spend, r.indicators, r.errors, r.warnings)
        for r in summary.rows
    ]
    rows.append(
        row_values(
            None,
            HEAD["sum"]("zh"),
            summary.total,
            summary.fiscal,
            summary.other,
            summary.weighted,
            summary.indicators,
            summary.errors,
            summary.warnings,
        )
    )
    return rows


def write_summary(wb, summary: Summary, s: _Styles) -> None:
    """The figures of `perfgoals summary` as numbers: money in 万元, the spend plan as percentages."""
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet("汇总", 0)
    head, _, _ = summary_table(summary, "zh")
    ncols = len(head)
    last = get_column_letter(ncols)
    ws.cell(1, 1, SUMMARY_TITLE).font = s.title
    ws.cell(1, 1).alignment = s.center
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 32
    ws.cell(2, 1, f"{summary.unit_name or ''}  {UNIT_NOTE('zh')}".strip()).font = s.font
    ws.merge_cells(f"A2:{last}2")
    for j, h in enumerate(head, 1):
        c = ws.cell(3, j, h)
        c.font, c.border, c.alignment = s.bold, s.border, s.center
    rows = _summary_rows(summary)
    for i, values in enumerate(rows, 4):
        for j, (value, fmt) in enumerate(values, 1):
            c = ws.cell(i, j, value)
            c.number_format = fmt
            c.border = s.border
            c.font = s.bold if i == 3 + len(rows) else s.font
            c.alignment = s.left if j <= 2 else s.right
    note_row = 4 + len(rows)
    if summary.weighted:
        ws.cell(note_row, 1, WEIGHTED_NOTE("zh")).font = s.note
    widths = [24, 36] + [12] * 3 + [10] * len(summary.checkpoints) + [8, 8, 8]
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = "C4"
    _a4(ws, f"A1:{last}{note_row}", "landscape")


_FORMULA_START = ("=", "+", "-", "@")


def _text_stays_text(wb) -> None:
    """Text that begins like a formula (`=HYPERLINK(…)`, `+86…`, `-`, `@`) is stored as a string, never as a
    formula (openpyxl makes any string starting with `=` one), and marked with Excel's quote prefix so that
    editing the cell in Excel or WPS does not turn it into one either."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith(_FORMULA_START):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def generate(doc: Document, options: Options) -> bytes:
    """One sheet a project; a folder's document also gets the summary sheet, first."""
    openpyxl = require("openpyxl")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    s = _Styles(openpyxl)
    summary = doc.summary
    taken: set[str] = {"汇总"} if summary is not None else set()
    for view in doc.projects:
        name = f"{view.number}.{view.name}" if view.number is not None else view.name
        write_project(wb, view, sheet_title(name, taken), s)
    if summary is not None:
        write_summary(wb, summary, s)
    _text_stays_text(wb)
    wb.properties.title = doc.title
    wb.properties.creator = "perfgoals"
    buffer = io.BytesIO()
    wb.save(buffer)
    return reproducible(buffer.getvalue())
