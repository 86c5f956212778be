"""`perfgoals import` into a folder that already holds the projects: each file is updated in place by code."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA
from perfgoals.cli import app

openpyxl = pytest.importorskip("openpyxl")

PAST = 1_600_000_000_000_000_000  # an mtime (ns) far from now: a file rewritten would lose it


def _perfgoals(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _cell(ws, value):
    return next(c for row in ws.iter_rows() for c in row if c.value == value)


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of the shipped projects; one renamed, commented and with its keys in the writer's own order."""
    shutil.copy(DATA / "perfgoals.yaml", tmp_path)
    projects = tmp_path / "projects"
    shutil.copytree(DATA / "projects", projects)
    audit = projects / "01-第三方专项审计费.yaml"
    text = audit.read_text("utf-8")
    text = "# 2023 年审计项目：财务科维护\n" + text.replace("year: 2023\n", "").replace(
        "name: 第三方专项审计费\n", "name: 第三方专项审计费  # 与批复一致\nyear: 2023\n"
    )
    text = text.replace("  满意度指标:\n", "  # 满意度按问卷\n  满意度指标:\n")
    (projects / "审计.yaml").write_text(text, "utf-8")
    audit.unlink()
    for path in projects.iterdir():
        os.utime(path, ns=(PAST, PAST))
    return projects


def test_an_unchanged_workbook_leaves_every_file_as_it_was(folder, tmp_path):
    book = tmp_path / "t.xlsx"
    assert _perfgoals("render", str(DATA), "-o", str(book)).exit_code == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = _perfgoals("import", str(book), "-o", str(folder), "--lang", "en")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # no new file, not one byte changed
    assert all(p.stat().st_mtime_ns == PAST for p in folder.iterdir())
    assert result.stderr.count("unchanged, file left as it was") == 7
    assert f"sheet “1.第三方专项审计费” → {folder / '审计.yaml'}: unchanged" in result.stderr
    assert "7 files, 0 errors, 9 warnings" in result.stdout


def test_a_changed_workbook_updates_its_file_in_place_and_says_what_changed(folder, tmp_path):
    book = tmp_path / "t.xlsx"
    assert _perfgoals("render", str(DATA), "-o", str(book)).exit_code == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["1.第三方专项审计费"]
    satisfaction = _cell(ws, "服务对象满意度")
    target = next(c for c in ws[satisfaction.row] if c.value in ("≥90%", 0.9))
    assert target.value == "≥90%"
    target.value = "≥80%"
    _cell(ws, "保障群众知情权").value = "保障群众知情权和监督权"
    wb.save(book)
    result = _perfgoals("import", str(book), "-o", str(folder), "--lang", "en")
    assert result.exit_code == 0, result.stdout + result.stderr
    audit = folder / "审计.yaml"
    text = audit.read_text("utf-8")
    assert text.startswith("# 2023 年审计项目：财务科维护\n")  # comments kept, where they were
    assert "name: 第三方专项审计费  # 与批复一致\nyear: 2023\n" in text  # the file's key order kept
    assert "  # 满意度按问卷\n  满意度指标:\n" in text
    assert "      - {name: 服务对象满意度, target: ≥80%, basis: 工作计划}\n" in text
    assert "target: 保障群众知情权和监督权" in text
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["审计.yaml"] + [p.name for p in (DATA / "projects").glob("*.yaml") if not p.name.startswith("01-")]
    )
    assert audit.stat().st_mtime_ns != PAST
    assert [p.name for p in folder.iterdir() if p.stat().st_mtime_ns != PAST] == ["审计.yaml"]
    out = result.stdout
    assert "⚠ Loosened targets (1)" in out  # as `perfgoals diff` says it
    assert "满意度指标/服务对象满意度指标/服务对象满意度.target: ≥90% → ≥80%" in out
    assert "效益指标/社会效益指标/保障工作开展.target: 保障群众知情权 → 保障群众知情权和监督权" in out
    assert "1 projects changed, 2 changes; 1 targets loosened" in out
    assert f"→ {audit}: updated in place (6 indicators" in result.stderr
    assert result.stderr.count("unchanged, file left as it was") == 6
    again = _perfgoals("import", str(book), "-o", str(folder), "--lang", "en")  # imported twice: nothing to do
    assert again.stderr.count("unchanged, file left as it was") == 7 and audit.read_text("utf-8") == text


def test_what_the_workbook_no_longer_has_goes_and_what_it_adds_comes(folder, tmp_path):
    book = tmp_path / "t.xlsx"
    assert _perfgoals("render", str(DATA), "-o", str(book)).exit_code == 0
    audit = folder / "审计.yaml"
    text = audit.read_text("utf-8").replace("purpose:", "implementer: 财务科  # 临时\npurpose:")
    text = text.replace(
        "      - {name: 完成率, target: 100%, basis: 工作计划}\n",
        "      - {name: 完成率, target: 100%, basis: 工作计划}\n      - {name: 报告份数, target: 2份}\n",
    )
    audit.write_text(text.replace("budget: {total: 0.90, fiscal: 0.90, other: 0}", "budget: {total: 1, fiscal: 1}"))
    result = _perfgoals("import", str(book), "-o", str(folder), "--lang", "en")
    assert result.exit_code == 0, result.stdout + result.stderr
    after = audit.read_text("utf-8")
    assert "implementer" not in after and "报告份数" not in after
    assert "budget: {total: 0.90, fiscal: 0.90, other: 0}\n" in after
    assert after.startswith("# 2023 年审计项目：财务科维护\n") and "# 满意度按问卷" in after
    out = result.stdout
    assert "− indicator removed 产出指标/质量指标/报告份数: 2份 → ∅" in out
    assert "~ 实施单位 implementer: 财务科 → ∅" in out
    assert "↓ 预算数 budget.total: 1 万元 → 0.90 万元  (-0.10)" in out


def test_a_word_file_leaves_what_its_form_has_no_column_for(folder, tmp_path):
    """The printed form has no 单价对应的数量指标 column: importing it again keeps the file's `per`."""
    doc = tmp_path / "t.docx"
    assert _perfgoals("render", str(DATA), "-o", str(doc)).exit_code == 0
    books = folder / "03-红十字会法、宣传读本等.yaml"
    assert ", per: 印刷数量" in books.read_text("utf-8")
    result = _perfgoals("import", str(doc), "-o", str(folder), "--lang", "en")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stderr.count("unchanged, file left as it was") == 7
    assert all(p.stat().st_mtime_ns == PAST for p in folder.iterdir())
    fresh = _perfgoals("import", str(doc), "-o", str(tmp_path / "new"))  # a new file has no `per` to keep
    assert ", per: " not in (tmp_path / "new" / "13020023P00683710280R-红十字会法、宣传读本等.yaml").read_text("utf-8")
    assert fresh.exit_code == 0
