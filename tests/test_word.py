"""`perfgoals import` and `perfgoals validate` on Word documents laid out as the printed form (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, imported_name

docx = pytest.importorskip("docx")
pytest.importorskip("openpyxl")


def _perfgoals(*args: str):
    from typer.testing import CliRunner

    from perfgoals.cli import app

    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _merge(table, r0, c0, r1, c1, text=None):
    cell = table.cell(r0, c0).merge(table.cell(r1, c1))
    if text is not None:
        cell.text = text
    return cell


def source_document(path: Path) -> None:
    """The source document's form typed in Word: a title, the unit line with a tab, one table with merged cells.
    Mistakes: 预算数 12.5 ≠ 财政资金 10 (row 2, cell 3), the plan ends at 90% (row 5, cell 5)."""
    d = docx.Document()
    d.add_paragraph("唐山市红十字会本级 2023 年部门预算绩效目标")
    d.add_paragraph("第二部分 预算项目绩效目标")
    d.add_paragraph("1.红十字博爱周宣传绩效目标表")
    d.add_paragraph("644001 唐山市红十字会本级\t单位：万元")
    t = d.add_table(rows=13, cols=7)
    t.cell(0, 0).text = "项目编码"
    _merge(t, 0, 1, 0, 3, "13020023P00700000001A")
    t.cell(0, 4).text = "项目名称"
    _merge(t, 0, 5, 0, 6, "红十字博爱周宣传")
    _merge(t, 1, 0, 2, 0, "预算规模及资金用途")
    for c, text in enumerate(["预算数", "12.50", "其中：财政资金", "10", "其他资金", ""], 1):
        t.cell(1, c).text = text
    _merge(t, 2, 1, 2, 6, "印制宣传品，租用场地")
    _merge(t, 3, 0, 4, 0, "资金支出计划（%）")
    for c, (month, share) in enumerate([("3月底", "30%"), ("6月底", "60%"), ("10月底", "80%")], 1):
        t.cell(3, c).text, t.cell(4, c).text = month, share
    _merge(t, 3, 4, 3, 6, "12月底")
    _merge(t, 4, 4, 4, 6, "90%")
    t.cell(5, 0).text = "绩效目标"
    _merge(t, 5, 1, 5, 6, "开展博爱周宣传，扩大红十字会影响力。")
    for c, text in enumerate(["一级指标", "二级指标", "三级指标"]):
        t.cell(6, c).text = text
    _merge(t, 6, 3, 6, 4, "指标值")
    _merge(t, 6, 5, 6, 6, "指标值确定依据")
    rows = [
        ("数量指标", "发放宣传品", "≥2000 份"),
        ("质量指标", "宣传品合格率", "≥95%"),
        ("时效指标", "完成时限", "2023年5月8日"),
        ("成本指标", "按总成本控制", "≤12.5 万元"),
        ("社会效益指标", "群众知晓红十字会", "保障群众知情权"),
    ]
    for r, (level2, name, target) in enumerate(rows, 7):
        t.cell(r, 1).text, t.cell(r, 2).text = level2, name
        _merge(t, r, 3, r, 4, target)
        _merge(t, r, 5, r, 6, "工作计划")
    _merge(t, 7, 0, 10, 0, "产出指标")
    t.cell(11, 0).text = "效益指标"
    t.cell(12, 0).text, t.cell(12, 1).text, t.cell(12, 2).text = "满意度指标", "服务对象满意度指标", "服务对象满意度"
    _merge(t, 12, 3, 12, 4, "≥90%")
    _merge(t, 12, 5, 12, 6, "工作计划")
    d.add_paragraph("备注：")  # a paragraph after the table is not part of it
    d.save(path)


def test_a_word_document_in_the_source_layout_is_checked_at_its_cells(tmp_path):
    doc = tmp_path / "博爱周.docx"
    source_document(doc)
    result = _perfgoals("validate", str(doc), "--format", "json")
    assert result.exit_code == 1, result.stdout + result.stderr
    found = {(f["code"], f["cell"]) for f in json.loads(result.stdout)["findings"]}
    assert ("PG101", "表1!第2行第3格") in found  # 预算数 12.50 ≠ 10 + 0
    assert ("PG202", "表1!第5行第5格") in found  # the plan ends at 90%
    assert result.stderr == ""  # every cell placed
    text = _perfgoals("validate", str(doc), "--lang", "zh").stdout
    assert "  表1!第2行第3格  错误  PG101  预算数 12.50 不等于 财政资金 10" in text


def test_a_word_document_imports_without_loss(tmp_path):
    doc = tmp_path / "博爱周.docx"
    source_document(doc)
    result = _perfgoals("import", str(doc), "-o", str(tmp_path / "p"))
    assert "not placed" not in result.stderr, result.stderr
    [path] = (tmp_path / "p").glob("*.yaml")
    text = path.read_text("utf-8")
    for line in (
        "year: 2023",  # from the document's first line
        'unit: {code: "644001", name: 唐山市红十字会本级}',
        "code: 13020023P00700000001A",
        "name: 红十字博爱周宣传",
        "budget: {total: 12.50, fiscal: 10, other: 0}",
        "purpose: 印制宣传品，租用场地",
        "spend_plan: {3: 30%, 6: 60%, 10: 80%, 12: 90%}",
        "      - {name: 发放宣传品, target: ≥2000 份, basis: 工作计划}",
        "      - {name: 服务对象满意度, target: ≥90%, basis: 工作计划}",
    ):
        assert line in text, line
    assert "      - {name: 群众知晓红十字会, target: 保障群众知情权, basis: 工作计划}" in text.split("社会效益指标:")[1]


def test_perfgoals_own_word_file_comes_back(tmp_path):
    """render → Word → import gives back the shipped files, but for `per`, which the printed form has no place for."""
    out = tmp_path / "t.docx"
    assert _perfgoals("render", str(DATA), "-o", str(out)).exit_code == 0
    result = _perfgoals("import", str(out), "-o", str(tmp_path / "back"))
    assert result.exit_code == 0, result.stdout + result.stderr
    for original in sorted((DATA / "projects").glob("*.yaml")):
        back = (tmp_path / "back" / imported_name(original)).read_text("utf-8")
        expected = original.read_text("utf-8").replace(", per: 印刷数量", "")
        assert back == expected, original.name


def test_annotate_is_for_workbooks(tmp_path):
    doc = tmp_path / "d.docx"
    source_document(doc)
    result = _perfgoals("validate", str(doc), "--annotate", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 2 and "exactly one .xlsx workbook" in result.stderr


def test_a_file_that_is_not_a_word_document(tmp_path):
    doc = tmp_path / "x.docx"
    doc.write_text("not a zip", encoding="utf-8")
    result = _perfgoals("import", str(doc), "-o", str(tmp_path / "p"), "--lang", "zh")
    assert result.exit_code == 2 and "不是 .docx 文档" in result.stderr
