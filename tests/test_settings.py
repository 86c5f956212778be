"""Every command sees the same settings for the same file: the nearest perfgoals.yaml, read by the workspace.

One folder's perfgoals.yaml chooses a province's framework file (the 2021 layout, where 成本指标 is a 一级
category, with the province's own name 控制指标 for 经济成本指标), keeps targets as typed (`fmt_targets: keep`)
and makes PG406 (a qualitative 产出 target) an error.  Each command is run on the same
file with and without that perfgoals.yaml, and must behave by it: new, validate, render, summary, fmt, diff
and import.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import git

SETTINGS = "framework: province.yaml\nfmt_targets: keep\nrules: {PG406: error}\n"
FRAMEWORK = (Path(__file__).resolve().parent.parent / "src/perfgoals/frameworks/mof2021.yaml").read_text(
    "utf-8"
).replace("name: mof2021", "name: province") + "  控制指标: 经济成本指标\n"

# A correct table under the 2021 layout, but for one qualitative 质量 target (PG406) and a target typed
# `>= 90 %` (which fmt would write ≥90% unless told to keep it).
PROJECT = """\
year: 2024
unit: {code: "644001", name: 唐山市红十字会本级}
code: 13020024P000000001
name: 应急救护培训
budget: {total: 10, fiscal: 10, other: 0}
purpose: 用于应急救护培训
spend_plan: {3: 30%, 6: 60%, 10: 80%, 12: 100%}
goal: 开展应急救护培训。
indicators:
  产出指标:
    数量指标:
      - {name: 培训人数, target: ≥500 人次, basis: 工作计划}
    质量指标:
      - {name: 培训质量, target: 质量良好, basis: 工作计划}
    时效指标:
      - {name: 完成时限, target: 2024 年 12 月 31 日, basis: 工作计划}
  成本指标:
    控制指标:
      - {name: 培训总成本, target: 5万元, basis: 工作计划}
  效益指标:
    社会效益指标:
      - {name: 普及救护知识, target: ≥500 人次, basis: 工作计划}
  满意度指标:
    服务对象满意度指标:
      - {name: 服务对象满意度, target: ">= 90 %", basis: 工作计划}
"""


@pytest.fixture(params=["configured", "default"])
def folder(request, tmp_path, monkeypatch):
    """A data repository with one project file, with or without the perfgoals.yaml above."""
    (tmp_path / "data" / "projects").mkdir(parents=True)
    (tmp_path / "data" / "projects" / "01.yaml").write_text(PROJECT, "utf-8")
    if request.param == "configured":
        (tmp_path / "perfgoals.yaml").write_text(SETTINGS, "utf-8")
        (tmp_path / "province.yaml").write_text(FRAMEWORK, "utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "one table")
    monkeypatch.chdir(tmp_path)
    return request.param == "configured"


def test_validate(folder, cli):
    result = cli("validate", "data", "--format", "json", "--no-cache")
    findings = {(f["code"], f["severity"]) for f in json.loads(result.stdout)["findings"]}
    if folder:  # 成本指标 is a known 一级 category; PG406 is an error
        assert ("PG406", "error") in findings and not any(code == "PG301" for code, _ in findings)
        assert result.exit_code == 1
    else:  # under mof2015 成本指标 is no 一级 category, and PG406 is a warning
        assert ("PG301", "error") in findings and ("PG406", "warning") in findings


def test_new(folder, cli):
    result = cli("new", "--code", "P2", "--name", "新项目", "-o", "data/projects/02.yaml")
    assert result.exit_code == 0, result.stderr
    text = open("data/projects/02.yaml", encoding="utf-8").read()
    # the scaffold follows the framework in force: 成本指标 is a 一级 category in 2021, a 二级 in 2015
    assert ("\n  成本指标:\n    经济成本指标:" in text) == folder
    assert ("\n    成本指标:" in text) != folder


def test_render_and_summary(folder, cli):
    render = cli("render", "data/projects/01.yaml", "--format", "md")
    summary = cli("summary", "data", "--format", "json")
    assert render.exit_code == 1 and "nothing rendered" in render.stderr  # errors either way: PG406 or PG301
    row = json.loads(summary.stdout)["projects"][0]
    # configured: PG406 is the one error; by default PG301 is the error and PG406 one of the warnings
    assert (row["errors"], row["warnings"] >= 1) == ((1, False) if folder else (1, True))
    allowed = cli("render", "data/projects/01.yaml", "--format", "md", "--allow-errors")
    assert "| 成本指标 | 控制指标 | 培训总成本" in allowed.stdout


def test_fmt(folder, cli):
    result = cli("fmt", "--diff", "data")
    assert ("+      - {name: 服务对象满意度, target: ≥90%" in result.stdout) != folder


def test_diff(folder, cli):
    path = "data/projects/01.yaml"
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text.replace("target: 5万元", "target: 6万元"))
    change = json.loads(cli("diff", "--format", "json").stdout)["projects"][0]["changes"][0]
    assert change["where"].endswith("培训总成本.target")
    # a bare cost raised is loosened when 控制指标 is known as a cost category; otherwise only "up"
    assert change["direction"] == ("loosened" if folder else "up")


def test_import(folder, cli, tmp_path):
    pytest.importorskip("openpyxl")
    book = tmp_path / "book.xlsx"
    assert cli("render", "data", "--format", "xlsx", "-o", str(book), "--allow-errors").exit_code == 0
    shutil.rmtree("data")
    result = cli("import", str(book), "-o", "data/projects")
    assert "PG406" in result.stdout
    assert ("PG301" in result.stdout) != folder


def test_a_profile_file_beside_the_tables_is_data_not_a_project(tmp_path, monkeypatch, cli):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "本省表样.yaml").write_text(
        "name: 本省\nextends: mof2015\naliases: {项目完成指标: 产出指标}\n", "utf-8"
    )
    (tmp_path / "data" / "perfgoals.yaml").write_text("profile: 本省表样.yaml\n", "utf-8")
    (tmp_path / "data" / "01.yaml").write_text(PROJECT.replace("  产出指标:", "  项目完成指标:", 1), "utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "data", "--format", "json", "--no-cache")
    report = json.loads(result.stdout)
    assert report["files"] == 1 and not any(f["path"].endswith("本省表样.yaml") for f in report["findings"])
    assert not any(f["code"] == "PG301" and "项目完成指标" in f["message"] for f in report["findings"])


def test_naming_the_core_profile_is_the_same_as_naming_none(tmp_path, monkeypatch, cli):
    (tmp_path / "p.yaml").write_text(PROJECT.replace("  产出指标:", "  项目完成指标:", 1), "utf-8")
    monkeypatch.chdir(tmp_path)
    unnamed = json.loads(cli("validate", "p.yaml", "--format", "json", "--no-cache").stdout)["findings"]
    (tmp_path / "perfgoals.yaml").write_text("profile: core\n", "utf-8")
    named = json.loads(cli("validate", "p.yaml", "--format", "json", "--no-cache").stdout)["findings"]
    assert [(f["code"], f["line"]) for f in named] == [(f["code"], f["line"]) for f in unnamed]


def test_a_profile_extends_a_file_beside_it(tmp_path, monkeypatch, cli):
    """`extends:` in a profile file is relative to that file, as a reader of the file would expect."""
    (tmp_path / "forms").mkdir()
    (tmp_path / "forms" / "base.yaml").write_text("name: base\nextends: tangshan\n", "utf-8")
    (tmp_path / "forms" / "county.yaml").write_text("name: county\nextends: base.yaml\n", "utf-8")
    (tmp_path / "perfgoals.yaml").write_text("profile: forms/county.yaml\n", "utf-8")
    without_plan = "".join(line for line in PROJECT.splitlines(True) if not line.startswith("spend_plan"))
    (tmp_path / "p.yaml").write_text(without_plan, "utf-8")  # no spend plan: tangshan requires one
    monkeypatch.chdir(tmp_path)
    findings = json.loads(cli("validate", "p.yaml", "--format", "json", "--no-cache").stdout)["findings"]
    assert any(f["code"] == "PG002" and "spend_plan" in f["message"] for f in findings)
    assert not any(f["path"] == "perfgoals.yaml" for f in findings)


def test_a_broken_profile_file_is_reported_where_it_is_wrong(tmp_path, monkeypatch, cli):
    """Its own mistakes at their line in the profile file (not perfgoals.yaml:1), every one of them; the tables
    are still checked, under the common core."""
    (tmp_path / "本省表样.yaml").write_text("name: 本省\nextends: mof2015\nrequired: [purpos]\nrulez: {}\n", "utf-8")
    (tmp_path / "perfgoals.yaml").write_text("profile: 本省表样.yaml\n", "utf-8")
    (tmp_path / "01.yaml").write_text(PROJECT, "utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("validate", ".", "--format", "json", "--no-cache", "--lang", "zh")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    mine = [f for f in report["findings"] if f["path"] == "本省表样.yaml"]
    assert [(f["code"], f["line"], f["column"]) for f in mine] == [("PG002", 3, 12), ("PG002", 4, 1)]
    assert "必填字段" in mine[0]["message"] and "是不是 rules" in mine[1]["hint"]
    assert not any(f["path"] == "perfgoals.yaml" for f in report["findings"])
    assert any(f["path"] == "01.yaml" for f in report["findings"])  # the table is still checked
