"""`perfgoals validate BOOK.xlsx`: a workbook checked as it is, each finding at its cell (issue 13)."""

from __future__ import annotations

import shutil
import json
from pathlib import Path

import pytest

from conftest import DATA

openpyxl = pytest.importorskip("openpyxl")


def _perfgoals(*args: str):
    from typer.testing import CliRunner

    from perfgoals.cli import app

    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def source_layout(path: Path) -> None:
    """The source document's form typed by hand: the unit line in one cell, labels to the left, the spend plan
    as months over values, merged 一级 cells.  Three mistakes: 预算数 ≠ 财政资金 (C4), the plan ends at 90% (G7),
    a satisfaction of 100% (D13)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "博爱周"
    ws["A1"] = "2023年度项目支出绩效目标表"
    ws.merge_cells("A1:F1")
    ws["A2"] = "644001 唐山市红十字会本级 单位：万元"
    ws["A3"], ws["B3"], ws["D3"], ws["E3"] = "项目编码", "13020023P00700000001A", "项目名称", "红十字博爱周宣传"
    ws["A4"], ws["B4"], ws["C4"], ws["D4"], ws["E4"], ws["F4"] = (
        "预算规模及资金用途",
        "预算数",
        12.5,
        "其中：财政资金",
        10,
        "其他资金",
    )
    ws["B5"] = "印制宣传品，租用场地"
    ws.merge_cells("A4:A5")
    ws["A6"] = "资金支出计划（%）"
    ws.merge_cells("A6:A7")
    ws["B6"], ws["D6"], ws["G6"] = "3月底", "6月底", "12月底"
    ws["B7"], ws["D7"], ws["G7"] = "30%", "60%", "90%"
    ws["A8"], ws["B8"] = "绩效目标", "开展博爱周宣传，扩大红十字会影响力。"
    ws.merge_cells("B8:F8")
    for i, h in enumerate(["一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"]):
        ws.cell(9, i + 1, h)
    rows = [
        ("产出指标", "数量指标", "发放宣传品", "≥2000 份", "工作计划"),
        (None, "质量指标", "宣传品合格率", "≥95%", "工作计划"),
        (None, "时效指标", "完成时限", "2023年5月8日", "工作计划"),
        ("效益指标", "社会效益指标", "群众知晓红十字会", "保障群众知情权", "工作计划"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "100%", "工作计划"),
    ]
    for r, row in enumerate(rows, 10):
        for c, v in enumerate(row, 1):
            if v is not None:
                ws.cell(r, c, v)
    ws.merge_cells("A10:A12")
    wb.save(path)


def national_layout(path: Path) -> None:
    """The national 项目支出绩效目标申报表 (财预〔2015〕88号, profile mof2015) typed by hand: the year under the
    title, 主管部门及代码 / 实施单位 / 项目属性 / 项目期, 年度资金总额 under 项目资金, 年度目标, a four-column grid.
    Two mistakes: 年度资金总额 ≠ 财政拨款 (C6), a deadline in the next year (D13)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "青山区教育局"
    ws["A1"] = "项目支出绩效目标申报表"
    ws.merge_cells("A1:E1")
    ws["A2"] = "（2020年度）"
    ws.merge_cells("A2:E2")
    ws["A3"], ws["B3"] = "项目名称", "农村义务教育薄弱学校改造补助资金"
    ws["C3"], ws["D3"] = "项目编码", "42010720P0001"
    ws["A4"], ws["B4"], ws["C4"], ws["D4"] = "主管部门及代码", "[077]青山区教育局", "实施单位", "化工区学校"
    ws["A5"], ws["B5"], ws["C5"], ws["D5"] = "项目属性", "延续", "项目期", "2020.01-2020.12"
    ws["A6"] = "项目资金（万元）"
    ws.merge_cells("A6:A8")
    ws["B6"], ws["C6"] = "年度资金总额", 16
    ws["B7"], ws["C7"] = "其中：财政拨款", 15
    ws["B8"] = "其他资金"
    ws["A9"], ws["B9"] = "年度目标", "全面改善农村义务教育薄弱学校办学条件。"
    ws.merge_cells("B9:E9")
    for i, h in enumerate(["一级指标", "二级指标", "三级指标", "指标值"]):
        ws.cell(10, i + 1, h)
    rows = [
        ("产出指标", "数量指标", "改造学校数量", "≥3所"),
        (None, "质量指标", "校舍维修改造质量合格率", "100%"),
        (None, "时效指标", "完成时限", "2021年12月31日"),
        (None, "成本指标", "建设项目成本", "≤16万元"),
        ("效益指标", "社会效益指标", "义务教育均衡发展", "保障适龄儿童就近入学"),
        ("满意度指标", "服务对象满意度指标", "学生家长满意度", "≥90%"),
    ]
    for r, row in enumerate(rows, 11):
        for c, v in enumerate(row, 1):
            if v is not None:
                ws.cell(r, c, v)
    ws.merge_cells("A11:A14")
    wb.save(path)


def _found(result) -> set[tuple[str, str, str]]:
    return {(f["code"], f["severity"], f["cell"]) for f in json.loads(result.stdout)["findings"]}


def test_a_workbook_in_the_source_documents_layout_is_checked_at_its_cells(tmp_path):
    book = tmp_path / "博爱周.xlsx"
    source_layout(book)
    result = _perfgoals("validate", str(book), "--format", "json", "--lang", "en")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert _found(result) == {
        ("PG101", "error", "博爱周!C4"),  # 预算数 12.5 ≠ 10 + 0
        ("PG204", "warning", "博爱周!A6"),  # no 10月 checkpoint: the plan's label
        ("PG202", "error", "博爱周!G7"),  # the plan ends at 90%
        ("PG302", "warning", "博爱周!A10"),  # no 成本指标 under 产出指标
        ("PG409", "warning", "博爱周!D14"),  # a satisfaction of 100%
    }
    report = json.loads(result.stdout)
    assert all(f["path"] == str(book) for f in report["findings"])
    pg101 = next(f for f in report["findings"] if f["code"] == "PG101")
    assert (pg101["line"], pg101["column"]) == (4, 3)  # the row and column of C4
    text = _perfgoals("validate", str(book), "--lang", "zh")
    assert text.exit_code == 1
    assert f"{book}\n  博爱周!C4  错误  PG101  预算数" in text.stdout
    assert "│" not in text.stdout  # no "source line" read out of the zip file
    github = _perfgoals("validate", str(book), "--format", "github")
    assert f"::error file={book},title=PG101 博爱周!C4::博爱周!C4: PG101 " in github.stdout


def test_a_workbook_in_the_national_forms_layout_is_checked_with_its_profile(tmp_path):
    (tmp_path / "perfgoals.yaml").write_text("profile: mof2015\n", encoding="utf-8")
    book = tmp_path / "申报表.xlsx"
    national_layout(book)
    result = _perfgoals("validate", str(book), "--format", "json")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert _found(result) == {
        ("PG002", "error", "青山区教育局!D4"),  # the form has no 单位编码: the unit comes from 实施单位
        ("PG101", "error", "青山区教育局!C6"),  # 年度资金总额 16 ≠ 财政拨款 15
        ("PG403", "error", "青山区教育局!D13"),  # 2021年12月31日 is outside 2020.01-2020.12 (项目期, year from A2)
        ("PG506", "warning", "青山区教育局!D14"),  # ≤16万元 only restates the budget of 16
    }
    assert result.stderr == ""  # every cell was placed, so every cell was checked


def test_the_same_workbook_imports_without_loss(tmp_path):
    book = tmp_path / "申报表.xlsx"
    national_layout(book)
    result = _perfgoals("import", str(book), "-o", str(tmp_path / "p"))
    assert "not placed" not in result.stderr
    [path] = (tmp_path / "p").glob("*.yaml")
    text = path.read_text("utf-8")
    for line in ("year: 2020", "period: 2020.01-2020.12", 'authority: "[077]青山区教育局"', "attribute: 延续"):
        assert line in text


def test_a_rendered_workbook_gives_the_findings_of_its_yaml_files(tmp_path):
    book = tmp_path / "targets.xlsx"
    shutil.copy(DATA / "perfgoals.yaml", tmp_path)  # the workbook is checked with the settings beside it
    assert _perfgoals("render", str(DATA), "-o", str(book)).exit_code == 0
    from_book = json.loads(_perfgoals("validate", str(book), "--format", "json").stdout)
    from_yaml = json.loads(_perfgoals("validate", str(DATA), "--format", "json").stdout)
    assert (from_book["errors"], from_book["warnings"]) == (from_yaml["errors"], from_yaml["warnings"]) == (0, 9)
    assert sorted(f["code"] for f in from_book["findings"]) == sorted(f["code"] for f in from_yaml["findings"])
    assert {f["message"] for f in from_book["findings"]} == {f["message"] for f in from_yaml["findings"]}
    # PG603 points at the goal, PG401 at the target column (I) of the form
    cells = {(f["code"], f["cell"].split("!")[1]) for f in from_book["findings"]}
    assert ("PG603", "B8") in cells and ("PG401", "I10") in cells


def test_annotate_writes_a_marked_copy_and_leaves_the_workbook_alone(tmp_path):
    book = tmp_path / "博爱周.xlsx"
    source_layout(book)
    before = book.read_bytes()
    marked = tmp_path / "out" / "博爱周-检查结果.xlsx"
    result = _perfgoals("validate", str(book), "--annotate", str(marked), "--lang", "zh")
    assert result.exit_code == 1
    assert f"已写入 {marked}（5 个单元格已标出" in result.stderr
    assert book.read_bytes() == before
    ws = openpyxl.load_workbook(marked)["博爱周"]
    assert ws["C4"].fill.start_color.rgb.endswith("FFC7CE")  # an error: red
    assert ws["D14"].fill.start_color.rgb.endswith("FFEB9C")  # a warning: yellow
    assert ws["C4"].comment.text.startswith("错误 PG101：预算数") and "提示：" in ws["C4"].comment.text
    assert ws["C4"].comment.author == "perfgoals"
    assert ws["B3"].comment is None and ws["B3"].fill.fill_type is None
    assert ws["C4"].value == 12.5  # the values are the officer's own


def test_annotate_needs_one_workbook_and_never_replaces_it(tmp_path):
    book = tmp_path / "b.xlsx"
    source_layout(book)
    same = _perfgoals("validate", str(book), "--annotate", str(book))
    assert same.exit_code == 2 and "must not replace the workbook" in same.stderr
    none = _perfgoals("validate", str(DATA), "--annotate", str(tmp_path / "x.xlsx"))
    assert none.exit_code == 2 and "exactly one .xlsx workbook" in none.stderr


def test_a_workbook_and_yaml_files_in_one_run(tmp_path):
    book = tmp_path / "b.xlsx"
    source_layout(book)
    result = _perfgoals("validate", str(DATA / "projects"), str(book), "--format", "json")
    report = json.loads(result.stdout)
    assert report["files"] == 8 and report["errors"] == 2
    assert all(("cell" in f) == f["path"].endswith(".xlsx") for f in report["findings"])


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    """Issue 13: a name `=HYPERLINK("x","y")` was written as a formula; `+`, `-` and `@` begin formulas in
    Excel and WPS when the cell is edited.  Stored as strings with the quote prefix, and imported back as typed."""
    from perfgoals.load import load_file

    text = (DATA / "projects" / "03-红十字会法、宣传读本等.yaml").read_text("utf-8")
    text = text.replace("name: 红十字会法、宣传读本等", 'name: "=HYPERLINK(\\"x\\",\\"y\\")"', 1)
    text = text.replace("{name: 印刷数量,", '{name: "+印刷数量", description: "@印刷", note: "-1",', 1)
    text = text.replace("per: 印刷数量", 'per: "+印刷数量"')
    project = tmp_path / "p.yaml"
    project.write_text(text, encoding="utf-8")
    book = tmp_path / "p.xlsx"
    assert _perfgoals("render", str(project), "-o", str(book)).exit_code == 0
    ws = openpyxl.load_workbook(book).worksheets[0]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for value in ('=HYPERLINK("x","y")', "+印刷数量", "@印刷", "-1"):
        assert cells[value].data_type == "s" and cells[value].quotePrefix, value
    import zipfile

    with zipfile.ZipFile(book) as z:
        assert all(b"<f>" not in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    result = _perfgoals("import", str(book), "-o", str(tmp_path / "back"))
    assert result.exit_code == 0, result.stdout + result.stderr
    [back] = (tmp_path / "back").glob("*.yaml")
    original, again = (load_file(p, str(p), "project").model for p in (project, back))
    assert again.name == '=HYPERLINK("x","y")'
    assert again.model_dump() == original.model_dump()


def test_a_sheet_without_a_year_asks_for_year(tmp_path):
    book = tmp_path / "b.xlsx"
    source_layout(book)
    wb = openpyxl.load_workbook(book)
    wb.active["A1"] = "红十字博爱周宣传绩效目标表"  # the title no longer says 2023年度
    wb.save(book)
    result = _perfgoals("import", str(book), "-o", str(tmp_path / "p"), "--lang", "zh")
    assert "工作表“博爱周”没有写明预算年度：加上 --year（如 --year 2024）再导入一次" in result.stderr
    again = _perfgoals("import", str(book), "-o", str(tmp_path / "p"), "--year", "2023", "--force")
    assert "--year" not in again.stderr and "year: 2023" in next((tmp_path / "p").glob("*.yaml")).read_text("utf-8")


@pytest.mark.slow
def test_an_old_xls_workbook_is_read_through_libreoffice(tmp_path):
    import os
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("LibreOffice is required on CI")
        pytest.skip("LibreOffice not installed")
    book = tmp_path / "博爱周.xlsx"
    source_layout(book)
    profile = (tmp_path / "lo").as_uri()
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation={profile}", "--convert-to", "xls", "--outdir", str(tmp_path / "old"), str(book)],
        capture_output=True,
        timeout=300,
        check=True,
    )  # fmt: skip
    old = tmp_path / "old" / "博爱周.xls"
    result = _perfgoals("validate", str(old), "--format", "json")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert {f["cell"] for f in json.loads(result.stdout)["findings"] if f["code"] == "PG101"} == {"博爱周!C4"}
    imported = _perfgoals("import", str(old), "-o", str(tmp_path / "p"))
    assert "year: 2023" in next((tmp_path / "p").glob("*.yaml")).read_text("utf-8"), imported.stderr


def test_an_old_xls_without_libreoffice_says_what_to_do(tmp_path, monkeypatch):
    from perfgoals import workbook

    monkeypatch.setattr(workbook, "_soffice", lambda: None)
    old = tmp_path / "b.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)  # an OLE2 header: an old Excel file
    result = _perfgoals("validate", str(old), "--lang", "zh")
    assert result.exit_code == 2 and "旧版 .xls 请先在 Excel 中另存为 .xlsx" in result.stderr


def test_annotate_marks_the_cells_it_could_not_place(tmp_path):
    """A cell the importer cannot place is not checked: the officer sees it in the marked copy, in light blue."""
    book = tmp_path / "b.xlsx"
    source_layout(book)
    wb = openpyxl.load_workbook(book)
    wb.active["H3"] = "联系人：张三"  # beside the head block, belonging to no item
    wb.save(book)
    marked = tmp_path / "marked.xlsx"
    result = _perfgoals("validate", str(book), "--annotate", str(marked), "--lang", "zh")
    assert "博爱周!H3 未能读取，没有检查：联系人：张三" in result.stderr
    cell = openpyxl.load_workbook(marked)["博爱周"]["H3"]
    assert cell.fill.start_color.rgb.endswith("DDEBF7") and "没有检查" in cell.comment.text
