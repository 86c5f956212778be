"""`perfgoals new --format xlsx`: the form as a workbook ready to fill in, that `perfgoals import` reads back.

The labels are locked (sheet protection without a password: the form cannot be broken by accident, and anyone
can lift it under 审阅 → 撤销工作表保护); the cells to fill are unlocked, with number formats and input checks on
money (a number ≥ 0, two decimals) and the spend plan (a percentage 0–100 %).  一级 and 二级 are drop-down lists
of the configured framework; 计算符号, 指标值 and 计量单位 sit in three columns, as the provincial 一体化 systems'
import templates keep them (the importer joins them back: ≥ | 1500 | 册 → ≥1500册).  A 填表说明 sheet says how
to fill it and holds the lists.  Export → fill in → import → validate is one loop (tests/test_fillin.py).
"""

from __future__ import annotations

import io
from pathlib import Path

from perfgoals.errors import UserError
from perfgoals.i18n import T

SHEET = "绩效目标表"
HELP_SHEET = "填表说明"  # the importer skips it
GRID = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "计算符号", "指标值", "计量单位", "指标值确定依据", "备注")
WIDTHS = (16, 16, 22, 22, 9, 12, 10, 16, 14)
COMPARATORS = ("≥", "≤", "=", ">", "<")
ROWS = 24  # indicator rows to fill in
HELP = (
    "1. 只在白色单元格中填写；灰色的标签已锁定（审阅 → 撤销工作表保护 可解除，无需密码）。",
    "2. 金额以“单位”所示为准（万元），保留两位小数；其他资金为 0 时可不填。",
    "3. 资金支出计划填每个时点的累计支出比例，最后一个时点应为 100%。",
    "4. 一级指标、二级指标从下拉列表中选择；同一类别的后续行可以留空，沿用上一行。",
    "5. 指标值分三栏：计算符号（≥ ≤ = > <，可不填）、数值、计量单位（如 册、%、万元），导入时合并为“≥1500册”。",
    "   日期、文字等不是数值的指标值，直接写在“指标值”一栏。",
    "6. 填好后检查：perfgoals validate 本文件.xlsx（问题定位到单元格；--annotate 另存一份标出问题的副本）。",
    "7. 导入为项目文件：perfgoals import 本文件.xlsx -o data/projects/",
)


def create_workbook(code: str | None, name: str | None, year: int | None, output: str) -> None:
    """Write the fill-in workbook to output (never over an existing file)."""
    from perfgoals.atomic import write_bytes
    from perfgoals.extras import require
    from perfgoals.new import find_unit
    from perfgoals.workspace import settings_for

    openpyxl = require("openpyxl")
    target = Path(output)
    if target.exists():
        raise UserError(T(f"{output} 已存在，不会覆盖", f"{output} exists; it is not overwritten"))
    if not target.parent.is_dir():
        raise UserError(T(f"文件夹 {target.parent} 不存在", f"no such folder: {target.parent}"))
    settings = settings_for(target)
    found = find_unit(target.parent.resolve())
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    lists = _help_sheet(wb, settings.framework)
    values = {
        "year": year or (found[2] if found else None),
        "unit_code": found[0] if found else None,
        "unit_name": found[1] if found else None,
        "code": code,
        "name": name,
    }
    purpose = "purpose" in (settings.profile.fields if settings.profile is not None else ["purpose"])
    _Form(openpyxl, ws, lists).write(values, list(settings.config.checkpoints), purpose)
    buffer = io.BytesIO()
    wb.save(buffer)
    from perfgoals.writers.package import reproducible

    write_bytes(target, reproducible(buffer.getvalue()))


def _help_sheet(wb, framework) -> dict[str, str]:
    """The instructions, and the drop-down lists in columns to their right; returns each list's range."""
    from openpyxl.styles import Font

    from perfgoals.importer import INSTRUCTIONS

    ws = wb.create_sheet(HELP_SHEET)
    ws["A1"] = INSTRUCTIONS  # the importer knows this sheet by it
    ws["A1"].font = Font(name="宋体", bold=True, size=14, charset=134)
    for i, line in enumerate(HELP, 3):
        ws.cell(i, 1, line)
    ws.column_dimensions["A"].width = 100
    level1 = framework.level1
    level2 = list(dict.fromkeys(c for top in level1 for c in framework.level2(top)))
    columns = {"一级指标": level1, "二级指标": level2, "计算符号": list(COMPARATORS)}
    ranges = {}
    for j, (title, items) in enumerate(columns.items(), 8):
        letter = chr(64 + j)
        ws.cell(1, j, title)
        for i, item in enumerate(items, 2):
            ws.cell(i, j, item)
        ranges[title] = f"'{HELP_SHEET}'!${letter}$2:${letter}${len(items) + 1}"
    return ranges


class _Form:
    def __init__(self, openpyxl, ws, lists: dict[str, str]) -> None:
        st = openpyxl.styles
        side = st.Side(style="thin", color="000000")
        self.st, self.ws, self.lists = st, ws, lists
        self.dv = openpyxl.worksheet.datavalidation.DataValidation
        self.border = st.Border(left=side, right=side, top=side, bottom=side)
        self.label_fill = st.PatternFill("solid", start_color="F2F2F2", end_color="F2F2F2")
        self.font = st.Font(name="宋体", size=10.5, charset=134)
        self.center = st.Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = st.Alignment(horizontal="left", vertical="center", wrap_text=True)

    def label(self, row: int, col: int, text: str, end_col: int | None = None, end_row: int | None = None) -> None:
        cell = self.ws.cell(row, col, text)
        cell.font, cell.alignment, cell.fill, cell.border = self.font, self.center, self.label_fill, self.border
        self._merge(row, col, end_row or row, end_col or col)

    def blank(self, row: int, col: int, value=None, end_col: int | None = None, fmt: str = "@") -> None:
        """A cell to fill in: unlocked, bordered, text unless a number format is given."""
        cell = self.ws.cell(row, col, value)
        cell.font, cell.alignment, cell.border, cell.number_format = self.font, self.left, self.border, fmt
        cell.protection = self.st.Protection(locked=False)
        self._merge(row, col, row, end_col or col)

    def _merge(self, row: int, col: int, end_row: int, end_col: int) -> None:
        if (end_row, end_col) != (row, col):
            for r in range(row, end_row + 1):
                for c in range(col, end_col + 1):
                    self.ws.cell(r, c).border = self.border
            self.ws.merge_cells(start_row=row, start_column=col, end_row=end_row, end_column=end_col)

    def check(self, ref: str, **kwargs) -> None:
        dv = self.dv(allow_blank=True, showErrorMessage=True, **kwargs)
        self.ws.add_data_validation(dv)
        dv.add(ref)

    def write(self, values: dict, checkpoints: list[int], purpose: bool) -> None:
        ws, last = self.ws, len(GRID)
        ws.cell(1, 1, "项目支出绩效目标表").font = self.st.Font(name="宋体", size=15, bold=True, charset=134)
        ws.cell(1, 1).alignment = self.center
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
        self.label(2, 1, "预算年度")
        self.blank(2, 2, values["year"], fmt="0")
        self.check("B2", type="whole", operator="between", formula1="2000", formula2="2100", error="年度：四位数字")
        ws.cell(2, last, "单位：万元").alignment = self.st.Alignment(horizontal="right")
        self.label(3, 1, "单位编码")
        self.blank(3, 2, values["unit_code"], end_col=3)
        self.label(3, 4, "单位名称")
        self.blank(3, 5, values["unit_name"], end_col=last)
        self.label(4, 1, "项目编码")
        self.blank(4, 2, values["code"], end_col=3)
        self.label(4, 4, "项目名称")
        self.blank(4, 5, values["name"], end_col=last)
        row = self.budget(5, purpose)
        row = self.spend(row, checkpoints)
        self.label(row, 1, "绩效目标")
        self.blank(row, 2, end_col=last)
        ws.row_dimensions[row].height = 60
        self.grid(row + 1)
        ws.protection.sheet = True  # no password: a guard against slips, lifted under 审阅 → 撤销工作表保护
        ws.protection.insertRows = ws.protection.deleteRows = False  # rows may still be added and removed
        ws.protection.formatColumns = ws.protection.formatRows = False
        for i, width in enumerate(WIDTHS, 1):
            ws.column_dimensions[chr(64 + i)].width = width
        ws.freeze_panes = f"A{row + 2}"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0  # one page wide, as long as it takes
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_area = f"A1:{chr(64 + last)}{row + 1 + ROWS}"

    def budget(self, row: int, purpose: bool) -> int:
        money = "0.00"
        for col, text in ((1, "预算数"), (4, "其中：财政资金"), (7, "其他资金")):
            self.label(row, col, text)
        self.blank(row, 2, fmt=money, end_col=3)
        self.blank(row, 5, fmt=money, end_col=6)
        self.blank(row, 8, fmt=money, end_col=9)
        for ref in (f"B{row}", f"E{row}", f"H{row}"):
            self.check(
                ref, type="decimal", operator="greaterThanOrEqual", formula1="0", error="金额：大于或等于 0 的数"
            )
        if not purpose:
            return row + 1
        self.label(row + 1, 1, "资金用途")
        self.blank(row + 1, 2, end_col=len(GRID))
        return row + 2

    def spend(self, row: int, checkpoints: list[int]) -> int:
        self.label(row, 1, "资金支出计划（%）", end_row=row + 1)
        for i, month in enumerate(checkpoints):
            col = 2 + 2 * i
            self.label(row, col, f"{month}月底", end_col=col + 1)
            self.blank(row + 1, col, fmt="0%", end_col=col + 1)
            self.check(
                self.ws.cell(row + 1, col).coordinate,
                type="decimal",
                operator="between",
                formula1="0",
                formula2="1",
                error="支出比例：0% 到 100%",
            )
        return row + 2

    def grid(self, header: int) -> None:
        for col, text in enumerate(GRID, 1):
            self.label(header, col, text)
        first, end = header + 1, header + ROWS
        for r in range(first, end + 1):
            for col in range(1, len(GRID) + 1):
                self.blank(r, col, fmt="General" if GRID[col - 1] == "指标值" else "@")
        for title, col in (("一级指标", "A"), ("二级指标", "B"), ("计算符号", "E")):
            self.check(
                f"{col}{first}:{col}{end}", type="list", formula1=self.lists[title], error=f"{title}：从列表中选择"
            )
