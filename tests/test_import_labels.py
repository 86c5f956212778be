"""perfgoals.yaml's import_labels: a province's own head and column labels read as the ones they stand for."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from perfgoals.cli import app

openpyxl = pytest.importorskip("openpyxl")


def _perfgoals(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def province_layout(path) -> None:
    """A province's form: 项目支出名称 / 项目支出编码 / 项目预算 for the head, 指标目标值 for the targets."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "博爱周"
    ws["A1"] = "2023年度项目支出绩效目标表"
    ws.merge_cells("A1:E1")
    ws["A2"], ws["B2"], ws["C2"], ws["D2"] = "单位名称", "唐山市红十字会本级", "单位编码", "644001"
    ws["E2"] = "单位：万元"
    ws["A3"], ws["B3"], ws["C3"], ws["D3"] = "项目支出名称", "红十字博爱周宣传", "项目支出编码", "13020023P00700000001A"
    ws["A4"], ws["B4"], ws["C4"], ws["D4"] = "项目预算（万元）", 12.5, "其中：财政资金", 12.5
    ws["A5"], ws["B5"] = "年度绩效目标", "开展博爱周宣传"
    for i, h in enumerate(["一级指标", "二级指标", "三级指标", "指标目标值", "指标值确定依据"], 1):
        ws.cell(6, i, h)
    ws.append(["产出指标", "数量指标", "发放宣传品", "≥2000 份", "工作计划"])
    ws.append(["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "工作计划"])
    wb.save(path)


LABELS = (
    "import_labels:\n  项目支出名称: 项目名称\n  项目支出编码: 项目编码\n  项目预算: 预算数\n  指标目标值: 指标值\n"
)


def test_a_provinces_own_labels_are_read_when_configured(tmp_path):
    book = tmp_path / "省表.xlsx"
    province_layout(book)
    plain = _perfgoals("import", str(book), "-o", str(tmp_path / "plain"), "--lang", "en")
    assert "博爱周!A3  not placed: 项目支出名称" in plain.stderr  # without the setting: reported, not guessed
    (tmp_path / "perfgoals.yaml").write_text(LABELS, "utf-8")
    result = _perfgoals("import", str(book), "-o", str(tmp_path / "p"), "--lang", "en")
    assert "not placed" not in result.stderr, result.stderr
    path = tmp_path / "p" / "13020023P00700000001A-红十字博爱周宣传.yaml"
    text = path.read_text("utf-8")
    for line in (
        "name: 红十字博爱周宣传",
        "budget: {total: 12.5, fiscal: 12.5}",
        "      - {name: 发放宣传品, target: ≥2000 份, basis: 工作计划}",
    ):
        assert line in text, line
    checked = _perfgoals("validate", str(book), "--format", "json")  # validate reads the workbook the same way
    assert checked.stderr == "", checked.stderr  # every cell placed
    findings = json.loads(checked.stdout)["findings"]
    assert {f["project"] for f in findings} == {"13020023P00700000001A"}  # its code read through the alias
    # only the form's own gaps: no 效益指标 (A6), no 成本指标 under 产出指标 (A7)
    assert {(f["code"], f["cell"]) for f in findings} == {("PG302", "博爱周!A6"), ("PG302", "博爱周!A7")}


def test_an_alias_for_an_unknown_label_is_a_usage_error(tmp_path):
    book = tmp_path / "省表.xlsx"
    province_layout(book)
    (tmp_path / "perfgoals.yaml").write_text("import_labels: {项目支出名称: 项目的名字}\n", "utf-8")
    result = _perfgoals("import", str(book), "-o", str(tmp_path / "p"), "--lang", "en")
    assert result.exit_code == 2
    assert "import_labels: “项目支出名称: 项目的名字”: “项目的名字” is not a label perfgoals knows" in result.stderr
    assert not (tmp_path / "p").exists()


def test_an_inner_settings_file_adds_to_the_outer_ones_labels(tmp_path):
    (tmp_path / "perfgoals.yaml").write_text(
        "import_labels: {项目支出名称: 项目名称, 项目支出编码: 项目编码}\n", "utf-8"
    )
    inner = tmp_path / "省"
    inner.mkdir()
    (inner / "perfgoals.yaml").write_text("import_labels: {项目预算: 预算数, 指标目标值: 指标值}\n", "utf-8")
    book = inner / "省表.xlsx"
    province_layout(book)
    result = _perfgoals("import", str(book), "-o", str(inner / "p"), "--lang", "en")
    assert "not placed" not in result.stderr, result.stderr
    assert [p.name for p in (inner / "p").iterdir()] == ["13020023P00700000001A-红十字博爱周宣传.yaml"]
