"""`perfgoals new --format xlsx`: a workbook to fill in; filled, it validates at its cells and imports (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_office import exact  # a model with every Decimal as its exact text

openpyxl = pytest.importorskip("openpyxl")


def _perfgoals(*args: str):
    from typer.testing import CliRunner

    from perfgoals.cli import app

    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def template(tmp_path) -> Path:
    (tmp_path / "perfgoals.yaml").write_text("profile: tangshan\n", encoding="utf-8")
    book = tmp_path / "模板.xlsx"
    result = _perfgoals("new", "-o", str(book), "--year", "2023", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert f"已创建 {book}" in result.stderr
    return book


def _cell(ws, text: str):
    return next(c for row in ws.iter_rows() for c in row if c.value == text)


def _input(ws, label: str):
    """The cell to fill in right of a label (the first unlocked one)."""
    at = _cell(ws, label)
    return next(c for c in ws[at.row] if c.column > at.column and not c.protection.locked)


def test_the_template_locks_its_labels_and_checks_its_inputs(template):
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == ["绩效目标表", "填表说明"]
    ws = wb["绩效目标表"]
    assert ws.protection.sheet and not ws.protection.password  # no password: a guard against slips
    assert _cell(ws, "预算数").protection.locked
    total = _input(ws, "预算数")
    assert not total.protection.locked and total.number_format == "0.00"  # 预算数 to fill, two decimals
    header = _cell(ws, "一级指标").row
    assert [ws.cell(header, c).value for c in range(1, 10)] == [
        "一级指标", "二级指标", "三级指标", "绩效指标描述", "计算符号", "指标值", "计量单位", "指标值确定依据", "备注",
    ]  # fmt: skip
    checks = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    level1 = checks[f"A{header + 1}:A{header + 24}"]
    assert level1.type == "list" and level1.formula1 == "'填表说明'!$H$2:$H$4"
    assert [wb["填表说明"].cell(r, 8).value for r in (2, 3, 4)] == ["产出指标", "效益指标", "满意度指标"]
    assert checks[f"E{header + 1}:E{header + 24}"].formula1 == "'填表说明'!$J$2:$J$6"
    assert any(dv.type == "decimal" and dv.formula2 == "1" for dv in checks.values())  # the spend plan: 0–100 %
    assert _cell(ws, "资金用途") and _cell(ws, "实施期")  # the profile (tangshan) prints them


def fill(book: Path, *, fiscal: float = 12.5) -> int:
    """What an officer types; returns the header row."""
    wb = openpyxl.load_workbook(book)
    ws = wb["绩效目标表"]
    for label, value in (
        ("单位编码", "644001"),
        ("单位名称", "唐山市红十字会本级"),
        ("项目编码", "13020023P00700000001A"),
        ("项目名称", "红十字博爱周宣传"),
        ("预算数", 12.5),
        ("其中：财政资金", fiscal),
        ("资金用途", "印制宣传品，租用场地"),
        ("绩效目标", "开展博爱周宣传，扩大红十字会影响力。"),
    ):
        _input(ws, label).value = value
    plan = _cell(ws, "3月底").row + 1
    for col, share in zip("BDFH", (0.3, 0.6, 0.8, 1)):
        ws[f"{col}{plan}"] = share
    header = _cell(ws, "一级指标").row
    rows = [
        ("产出指标", "数量指标", "发放宣传品", None, "≥", 2000, "份", "工作计划"),
        (None, "质量指标", "宣传品合格率", None, "≥", 95, "%", "工作计划"),
        (None, "时效指标", "完成时限", None, None, "2023年5月8日", None, "工作计划"),
        (None, "成本指标", "按总成本控制", None, "≤", 12.5, "万元", "工作计划"),
        ("效益指标", "社会效益指标", "群众知晓红十字会", None, None, "保障群众知情权", None, "工作计划"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", None, "≥", 90, "%", "问卷调查"),
    ]
    for r, row in enumerate(rows, header + 1):
        for c, value in enumerate(row, 1):
            if value is not None:
                ws.cell(r, c, value)
    wb.save(book)
    return header


def test_a_filled_template_validates_and_imports(template, tmp_path):
    fill(template)
    result = _perfgoals("validate", str(template), "--format", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["errors"] == 0 and result.stderr == ""
    imported = _perfgoals("import", str(template), "-o", str(tmp_path / "p"))
    assert imported.exit_code == 0, imported.stdout + imported.stderr
    assert "not placed" not in imported.stderr and "not imported" not in imported.stderr
    [path] = (tmp_path / "p").glob("*.yaml")
    text = path.read_text("utf-8")
    for line in (
        "year: 2023",
        'unit: {code: "644001", name: 唐山市红十字会本级}',
        "budget: {total: 12.50, fiscal: 12.50, other: 0}",
        "spend_plan: {3: 30%, 6: 60%, 10: 80%, 12: 100%}",
        "      - {name: 发放宣传品, target: ≥2000份, basis: 工作计划}",  # ≥ | 2000 | 份 joined
        "      - {name: 宣传品合格率, target: ≥95%, basis: 工作计划}",
        "      - {name: 完成时限, target: 2023年5月8日, basis: 工作计划}",
        "      - {name: 按总成本控制, target: ≤12.5万元, basis: 工作计划}",
    ):
        assert line in text, line


def test_a_mistake_in_the_template_is_found_at_its_cell(template):
    header = fill(template, fiscal=10)
    wb = openpyxl.load_workbook(template)
    ws = wb["绩效目标表"]
    ws.cell(header + 3, 6).value = "2024年5月8日"  # outside the budget year
    wb.save(template)
    result = _perfgoals("validate", str(template), "--format", "json")
    found = {(f["code"], f["cell"]) for f in json.loads(result.stdout)["findings"]}
    total = _input(openpyxl.load_workbook(template)["绩效目标表"], "预算数").coordinate
    assert found == {("PG101", f"绩效目标表!{total}"), ("PG403", f"绩效目标表!F{header + 3}")}


def test_new_never_overwrites_and_yaml_needs_a_code(template, tmp_path):
    again = _perfgoals("new", "-o", str(template))
    assert again.exit_code == 2 and "exists" in again.stderr
    bare = _perfgoals("new", "--lang", "en")
    assert bare.exit_code == 2 and "Missing option --code" in bare.stderr  # a YAML file needs its code
    no_file = _perfgoals("new", "--format", "xlsx")
    assert no_file.exit_code == 2 and "needs -o" in no_file.stderr


def test_render_fillable_gives_the_data_back_byte_for_byte(tmp_path):
    """Export → fill in → import: the shipped files through the fill-in workbook come back unchanged."""
    from conftest import DATA, imported_name

    book = tmp_path / "填报.xlsx"
    result = _perfgoals("render", str(DATA), "--format", "xlsx", "--fillable", "-o", str(book))
    assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[-1] == "填表说明" and len(wb.sheetnames) == 8
    ws = wb.worksheets[0]
    assert ws.protection.sheet and _cell(ws, "计算符号")
    satisfaction = _cell(ws, "服务对象满意度")
    assert [ws.cell(satisfaction.row, c).value for c in (5, 6, 7)] == ["≥", "90", "%"]  # ≥90% in three columns
    back = _perfgoals("import", str(book), "-o", str(tmp_path / "back"))
    assert back.exit_code == 0, back.stdout + back.stderr
    for original in sorted((DATA / "projects").glob("*.yaml")):
        assert (tmp_path / "back" / imported_name(original)).read_bytes() == original.read_bytes(), original.name


@pytest.mark.parametrize("profile", ["mof2015", "mof2021", "anhui", "sichuan", "gansu", "core"])
def test_render_fillable_keeps_every_field_of_each_form(tmp_path, profile):
    """The real tables of every profile (optional head fields, empty categories, no spend plan) come back."""
    from conftest import REPO
    from perfgoals.load import load_file

    folder = REPO / "tests" / "real" / profile
    for table in sorted(folder.glob("[0-9]*.yaml"))[:2]:
        original = load_file(table, str(table), "project").model
        if original is None:
            continue
        book = tmp_path / f"{table.stem}.xlsx"
        result = _perfgoals("render", str(table), "--fillable", "-o", str(book), "--allow-errors")
        assert result.exit_code == 0, result.stderr
        _perfgoals("import", str(book), "-o", str(tmp_path / table.stem))
        [path] = (tmp_path / table.stem).glob("*.yaml")
        back = load_file(path, str(path), "project").model
        assert (
            back is not None
            and exact(back) == exact(original)
            or (
                # the printed form writes 中期资金总额's 其他资金 0.00 as 0 (as render --format xlsx does)
                exact(back) | {"budget_period": None} == exact(original) | {"budget_period": None}
            )
        ), table.name


def test_fillable_is_for_xlsx(tmp_path):
    from conftest import DATA

    result = _perfgoals("render", str(DATA), "--fillable", "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 2 and "--fillable is for --format xlsx" in result.stderr
