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
import re
from pathlib import Path

from perfgoals.errors import UserError
from perfgoals.i18n import T

SHEET = "绩效目标表"
HELP_SHEET = "填表说明"  # the importer skips it
GRID = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "计算符号", "指标值", "计量单位", "指标值确定依据", "备注")
WIDTHS = (16, 16, 22, 22, 9, 12, 10, 16, 14)
COMPARATORS = ("≥", "≤", "=", ">", "<")
ROWS = 24  # indicator rows to fill in
# The head fields a profile may print beyond the core, as the form labels them (purpose has its own row).
EXTRA_LABELS = {
    "authority": "主管部门及代码",
    "implementer": "实施单位",
    "attribute": "项目属性",
    "budget_period": "中期资金总额",
    "long_term_goal": "中长期目标",
    "period": "实施期",
}
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
    fields = list(settings.profile.fields) if settings.profile is not None else []
    values["extra"] = [(label, None) for field, label in EXTRA_LABELS.items() if field in fields]
    checkpoints = list(settings.config.checkpoints) if "spend_plan" in fields else []
    _Form(openpyxl, ws, lists).write(values, checkpoints, "purpose" in fields)
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

    def write(self, values: dict, checkpoints: list[int], purpose: bool, project=None) -> None:
        """The form, filled with project's values when one is given (render --fillable)."""
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
        row = 5
        for label, text in values.get("extra", []):  # the head fields the form prints beyond the core
            self.label(row, 1, label)
            self.blank(row, 2, text, end_col=last)
            row += 1
        row = self.budget(row, purpose, project)
        row = self.spend(row, checkpoints, project)
        self.label(row, 1, "绩效目标")
        self.blank(row, 2, project.goal if project is not None else None, end_col=last)
        ws.row_dimensions[row].height = 60
        self.grid(row + 1, project)
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

    def budget(self, row: int, purpose: bool, project=None) -> int:
        amounts = [None, None, None]
        if project is not None:
            amounts = [getattr(project.budget, k) for k in ("total", "fiscal", "other")]
            amounts[2] = None if str(amounts[2]) == "0" else amounts[2]  # the form leaves 其他资金 empty for none
        for col, text in ((1, "预算数"), (4, "其中：财政资金"), (7, "其他资金")):
            self.label(row, col, text)
        for col, amount in zip((2, 5, 8), amounts):
            self.blank(row, col, amount, fmt=_decimals(amount, "0.00"), end_col=col + 1)
        for ref in (f"B{row}", f"E{row}", f"H{row}"):
            self.check(
                ref, type="decimal", operator="greaterThanOrEqual", formula1="0", error="金额：大于或等于 0 的数"
            )
        if not purpose:
            return row + 1
        self.label(row + 1, 1, "资金用途")
        self.blank(row + 1, 2, project.purpose if project is not None else None, end_col=len(GRID))
        return row + 2

    def spend(self, row: int, checkpoints: list[int], project=None) -> int:
        plan = (project.spend_plan or {}) if project is not None else {}
        months = sorted(plan) or checkpoints
        if not months:
            return row  # a form without a spend plan
        step = 2 if len(months) <= 4 else 1  # up to 4 months two columns each, as the form prints them
        self.label(row, 1, "资金支出计划（%）", end_row=row + 1)
        for i, month in enumerate(months):
            col = 2 + step * i
            self.label(row, col, f"{month}月底", end_col=col + step - 1)
            share = plan.get(month)
            value = share / 100 if share is not None else None
            self.blank(row + 1, col, value, fmt=_decimals(share, "0", "%"), end_col=col + step - 1)
            self.check(
                self.ws.cell(row + 1, col).coordinate,
                type="decimal",
                operator="between",
                formula1="0",
                formula2="1",
                error="支出比例：0% 到 100%",
            )
        return row + 2

    def grid(self, header: int, project=None) -> None:
        rows = grid_rows(project) if project is not None else []
        per = any(r[-1] for r in rows)
        for col, text in enumerate(GRID + (("单价对应的数量指标",) if per else ()), 1):
            self.label(header, col, text)
        first, end = header + 1, header + max(ROWS, len(rows) + 4)
        for r in range(first, end + 1):
            values = rows[r - first] if r - first < len(rows) else (None,) * (len(GRID) + 1)
            for col in range(1, len(GRID) + 1 + per):
                self.blank(r, col, values[col - 1], fmt="General" if GRID[col - 1 : col] == ("指标值",) else "@")
        for title, col in (("一级指标", "A"), ("二级指标", "B"), ("计算符号", "E")):
            self.check(
                f"{col}{first}:{col}{end}", type="list", formula1=self.lists[title], error=f"{title}：从列表中选择"
            )


def _decimals(value, blank: str, suffix: str = "") -> str:
    """A number format that shows value's decimals as written (0.90 → 0.00, 30 → 0%); `blank` for an empty cell."""
    if value is None:
        return blank + suffix
    exponent = value.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return ("0." + "0" * places if places else "0") + suffix


_SPLIT = re.compile(r"(≥|≤|=|>|<)?([0-9]+(?:\.[0-9]+)?)([^0-9.,\s][^\s]*)?")


def split_target(target: str) -> tuple[str | None, str, str | None]:
    """(计算符号, 指标值, 计量单位) when the three joined give the target back exactly (≥1500册), else the whole
    target as 指标值 (≥1500 册, 2023年12月31日, 保障群众知情权): the import must give back what was written."""
    m = _SPLIT.fullmatch(target)
    if m is None:
        return None, target, None
    return m.group(1), m.group(2), m.group(3)


def grid_rows(project) -> list[tuple]:
    """The grid's rows as the form holds them: a category written on its first row only, an empty category as
    a row of its own (the file keeps it)."""
    rows = []
    for level1, groups in project.indicators.items():
        first1 = True
        for level2, items in groups.items():
            for i, ind in enumerate(items or [None]):
                head = (level1 if first1 else None, level2 if i == 0 else None)
                first1 = False
                if ind is None:
                    rows.append(head + (None,) * 8)
                    continue
                comparator, value, measure = split_target(ind.target)
                rows.append(
                    head + (ind.name, ind.description, comparator, value, measure, ind.basis, ind.note, ind.per)
                )
        if first1:  # a 一级 with no 二级 at all
            rows.append((level1,) + (None,) * 9)
    return rows


def _extra(project, fields: list[str]) -> list[tuple[str, str | None]]:
    """The head rows beyond the core: those the project has, as the printed form words them (which the importer
    reads back: 中期资金总额 300（其中：…）), and those its profile prints, empty to fill in."""
    from perfgoals.document import extra_head

    present = dict(extra_head(project))
    if project.period is not None:
        present["实施期"] = project.period
    return [(label, present.get(label)) for field, label in EXTRA_LABELS.items() if field in fields or label in present]


def document_workbook(projects: list, path: str) -> bytes:
    """`render --format xlsx --fillable`: a fill-in sheet for each project, filled with its values."""
    from perfgoals.extras import require
    from perfgoals.writers.package import reproducible
    from perfgoals.writers.xlsx import _text_stays_text, sheet_title
    from perfgoals.workspace import settings_for

    openpyxl = require("openpyxl")
    settings = settings_for(Path(path) if Path(path).is_file() else Path(path) / "x.yaml")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    lists = _help_sheet(wb, settings.framework)
    fields = list(settings.profile.fields) if settings.profile is not None else []
    taken = {HELP_SHEET.lower()}
    for i, project in enumerate(projects):
        ws = wb.create_sheet(sheet_title(f"{i + 1}.{project.name}" if len(projects) > 1 else project.name, taken), i)
        values = {
            "year": project.year,
            "unit_code": project.unit.code,
            "unit_name": project.unit.name,
            "code": project.code,
            "name": project.name,
            "extra": _extra(project, fields),
        }
        purpose = project.purpose is not None or "purpose" in fields
        spend = project.spend_plan is not None or "spend_plan" in fields
        _Form(openpyxl, ws, lists).write(values, list(settings.config.checkpoints) if spend else [], purpose, project)
        if project.money_unit != "万元":
            ws.cell(2, len(GRID)).value = f"单位：{project.money_unit}"
    _text_stays_text(wb)  # a target such as =100% is text, never a formula
    buffer = io.BytesIO()
    wb.save(buffer)
    return reproducible(buffer.getvalue())
