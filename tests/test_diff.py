"""perfgoals diff on a temporary git repository made from data/: what a reviewer sees, in all three formats."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import DATA, git, project_file
from perfgoals.diff import CHANGED, COMPARATOR, LOOSENED, TIGHTENED, UNIT, target_direction

SATISFACTION = "满意度指标/服务对象满意度指标/服务对象满意度.target"


def edit(path, old, new):
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def run_all(cli, *args):
    """The diff in text, md and json; json parsed."""
    text = cli("diff", "--lang", "en", *args)
    md = cli("diff", "--format", "md", "--lang", "en", *args)
    js = cli("diff", "--format", "json", "--lang", "en", *args)
    return text, md, json.loads(js.stdout)


def changes(data, code):
    project = next(p for p in data["projects"] if p["code"] == code)
    return project["changes"]


def test_no_change_is_no_difference(repo, cli):
    text, md, data = run_all(cli)
    assert text.exit_code == 0 and "No differences." in text.stdout
    assert "No differences." in md.stdout
    assert data["projects"] == [] and data["summary"]["changes"] == 0
    assert cli("diff", "--exit-code").exit_code == 0


def test_satisfaction_raised_is_tightened(repo, cli):
    edit(project_file(repo, "01"), "target: ≥90%, basis", "target: ≥95%, basis")
    text, md, data = run_all(cli)
    assert f"↑ target {SATISFACTION}: ≥90% → ≥95%  (+5 tightened)" in text.stdout
    assert "Loosened" not in text.stdout
    assert f"| ↑ | target {SATISFACTION} | ≥90% | ≥95% | +5 tightened |" in md.stdout
    [change] = changes(data, "13020023P00707510213P")
    assert change == {
        "kind": "target",
        "where": SATISFACTION,
        "old": "≥90%",
        "new": "≥95%",
        "delta": "+5",
        "direction": "tightened",
        "mark": "↑",
    }
    assert cli("diff", "--exit-code").exit_code == 1


def test_budget_lowered_shows_old_new_and_delta(repo, cli):
    edit(project_file(repo, "06"), "budget: {total: 25.00, fiscal: 25.00", "budget: {total: 20.00, fiscal: 20.00")
    text, md, data = run_all(cli)
    assert "↓ 预算数 budget.total: 25.00 万元 → 20.00 万元  (-5.00)" in text.stdout
    assert "↓ 财政资金 budget.fiscal: 25.00 万元 → 20.00 万元  (-5.00)" in text.stdout
    assert "| ↓ | 预算数 budget.total | 25.00 万元 | 20.00 万元 | -5.00 |" in md.stdout
    got = {c["where"]: (c["old"], c["new"], c["delta"], c["direction"]) for c in changes(data, "13020023P006831102214")}
    assert got == {
        "budget.total": ("25.00 万元", "20.00 万元", "-5.00", "down"),
        "budget.fiscal": ("25.00 万元", "20.00 万元", "-5.00", "down"),
    }


def test_renamed_file_is_one_project_not_added_and_removed(repo, cli):
    old = project_file(repo, "03")
    git(repo, "mv", str(old.relative_to(repo)), "data/projects/03-宣传读本.yaml")
    text, md, data = run_all(cli)
    assert "file renamed: data/projects/03-红十字会法、宣传读本等.yaml → data/projects/03-宣传读本.yaml" in text.stdout
    assert "added" not in text.stdout and "removed" not in text.stdout
    assert (
        "| → | file renamed | data/projects/03-红十字会法、宣传读本等.yaml | data/projects/03-宣传读本.yaml |"
        in md.stdout
    )
    [project] = data["projects"]
    assert project["status"] == "changed" and [c["kind"] for c in project["changes"]] == ["file_renamed"]


def test_removed_indicator(repo, cli):
    edit(
        project_file(repo, "03"),
        "    质量指标:\n      - {name: 印刷质量, description: 印刷合格率, target: ≥95%, basis: 工作计划}\n",
        "",
    )
    text, md, data = run_all(cli)
    assert "− indicator removed 产出指标/质量指标/印刷质量: ≥95% → ∅" in text.stdout
    assert "| − | indicator removed 产出指标/质量指标/印刷质量 | ≥95% | ∅ |" in md.stdout
    [change] = changes(data, "13020023P00683710280R")
    assert (change["kind"], change["where"], change["old"]) == (
        "indicator_removed",
        "产出指标/质量指标/印刷质量",
        "≥95%",
    )


def test_all_four_changes_committed_compare_two_revisions(repo, cli):
    edit(project_file(repo, "01"), "target: ≥90%, basis", "target: ≥95%, basis")
    edit(project_file(repo, "06"), "budget: {total: 25.00, fiscal: 25.00", "budget: {total: 20.00, fiscal: 20.00")
    edit(
        project_file(repo, "03"),
        "    质量指标:\n      - {name: 印刷质量, description: 印刷合格率, target: ≥95%, basis: 工作计划}\n",
        "",
    )
    git(repo, "mv", str(project_file(repo, "03").relative_to(repo)), "data/projects/03-宣传读本.yaml")
    git(repo, "commit", "-qam", "draft 2")
    for args in (("HEAD~1..HEAD",), ("HEAD~1...HEAD",), ("HEAD~1", "HEAD"), ("HEAD~1",)):
        _, _, data = run_all(cli, *args)
        kinds = sorted(c["kind"] for p in data["projects"] for c in p["changes"])
        assert kinds == ["budget", "budget", "file_renamed", "indicator_removed", "target"], args
        assert data["old"] == ("HEAD~1 (merge-base)" if "..." in args[0] else "HEAD~1")
    # Nothing left between HEAD and the working tree.
    assert cli("diff", "--exit-code").exit_code == 0


def test_loosened_targets_are_highlighted_first(repo, cli):
    edit(project_file(repo, "06"), "target: ≤25 万元", "target: ≤30 万元")  # a cost cap raised
    edit(project_file(repo, "01"), "target: ≥90%, basis", "target: ≥85%, basis")  # a floor lowered
    text, md, data = run_all(cli)
    assert "⚠ Loosened targets (2)" in text.stdout
    assert "⚠ ↑ target 产出指标/成本指标/按总成本控制.target: ≤25 万元 → ≤30 万元  (+5 loosened)" in text.stdout
    assert "⚠ ↓ target " + SATISFACTION + ": ≥90% → ≥85%  (-5 loosened)" in text.stdout
    assert md.stdout.index("[!WARNING]") < md.stdout.index("####")
    assert "⚠️ **+5 loosened**" in md.stdout
    assert data["summary"]["loosened"] == 2


def test_comparator_and_unit_changes_are_shown_as_such(repo, cli):
    edit(project_file(repo, "03"), "target: ≥1500 册", "target: ≤1500 册")
    edit(project_file(repo, "03"), "target: ≤3 元", "target: ≤3 万元")
    _, _, data = run_all(cli)
    got = {c["where"]: c["direction"] for c in changes(data, "13020023P00683710280R")}
    assert got["产出指标/数量指标/印刷数量.target"] == "comparator"
    # 3 元 → 3 万元 is money in both: compared in 元, a cap raised
    assert got["产出指标/成本指标/印刷费.target"] == "loosened"


def test_spelling_only_change_is_not_a_difference(repo, cli):
    edit(project_file(repo, "01"), "target: ≥90%, basis", 'target: ">= 90 %", basis')
    assert cli("diff", "--exit-code").exit_code == 0


def test_spend_plan_goal_and_basis_changes(repo, cli):
    f = project_file(repo, "01")
    edit(f, "spend_plan: {3: 30%, 6: 60%", "spend_plan: {3: 20%, 6: 60%")
    edit(f, "goal: 按照红十字会公开透明要求", "goal: 依照红十字会公开透明要求")
    edit(f, "target: 100%, basis: 工作计划", "target: 100%, basis: 行业标准")
    _, md, data = run_all(cli)
    got = {c["where"]: (c["kind"], c["old"], c["new"], c["delta"]) for c in changes(data, "13020023P00707510213P")}
    assert got["spend_plan.3"] == ("spend", "30%", "20%", "-10")
    assert got["goal"][0] == "text" and got["goal"][2].startswith("依照")
    assert got["产出指标/质量指标/完成率.basis"] == ("text", "工作计划", "行业标准", None)


def test_added_and_removed_projects(repo, cli):
    shutil.copy(project_file(repo, "01"), repo / "data/projects/08-new.yaml")
    edit(repo / "data/projects/08-new.yaml", "code: 13020023P00707510213P", "code: 13020024P000000001")
    project_file(repo, "07").unlink()
    _, _, data = run_all(cli)
    status = {p["code"]: p["status"] for p in data["projects"]}
    assert status == {"13020024P000000001": "added", "13020023P00712110016W": "removed"}


def test_indicator_moved_between_categories(repo, cli):
    f = project_file(repo, "05")
    edit(
        f,
        "  效益指标:\n    社会效益指标:\n      - {name: 各项工作正常开展, target: ≥90%, basis: 工作计划}\n",
        "  效益指标:\n    可持续影响指标:\n      - {name: 各项工作正常开展, target: ≥90%, basis: 工作计划}\n",
    )
    _, _, data = run_all(cli)
    [change] = changes(data, "13020023P00683110220G")
    assert (change["kind"], change["old"], change["new"]) == (
        "indicator_moved",
        "效益指标/社会效益指标",
        "效益指标/可持续影响指标",
    )


def test_two_folders_and_two_files(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DATA, tmp_path / "old")
    shutil.copytree(DATA, tmp_path / "new")
    edit(next((tmp_path / "new/projects").glob("01-*")), "target: ≥90%, basis", "target: ≥95%, basis")
    for args in (
        ("old", "new"),
        (
            str(next((tmp_path / "old/projects").glob("01-*")).relative_to(tmp_path)),
            str(next((tmp_path / "new/projects").glob("01-*")).relative_to(tmp_path)),
        ),
    ):
        _, _, data = run_all(cli, *args)
        [change] = changes(data, "13020023P00707510213P")
        assert change["direction"] == "tightened"


def test_paths_after_double_dash_limit_the_comparison(repo, cli):
    edit(project_file(repo, "01"), "target: ≥90%, basis", "target: ≥95%, basis")
    edit(project_file(repo, "06"), "budget: {total: 25.00, fiscal: 25.00", "budget: {total: 20.00, fiscal: 20.00")
    one = str(project_file(repo, "06").relative_to(repo))
    _, _, data = run_all(cli, "HEAD", "--", one)
    assert [p["code"] for p in data["projects"]] == ["13020023P006831102214"]


def test_bad_revision_is_a_clear_message_and_exit_2(repo, cli):
    result = cli("diff", "nosuchrev", "--lang", "zh")
    assert result.exit_code == 2
    assert "“nosuchrev”不是这个仓库中的 git 修订版本" in result.stderr
    assert "Traceback" not in result.output
    assert cli("diff", "HEAD..nosuchrev").exit_code == 2


def test_outside_git_a_clear_message(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("diff", "--lang", "en")
    assert result.exit_code == 2 and "not inside a git repository" in result.stderr


def test_broken_yaml_reported_like_validate(repo, cli):
    f = project_file(repo, "01")
    f.write_text(f.read_text("utf-8").replace("year: 2023", "year: 2023\nyear: 2024"), "utf-8")
    result = cli("diff", "--lang", "en")
    assert result.exit_code == 2
    assert (
        "working tree:data/projects/01-第三方专项审计费.yaml:2:1  PG001  the key 'year' appears twice" in result.stdout
    )
    # Not mistaken for a removed project.
    assert "removed" not in result.stdout


@pytest.mark.parametrize(
    "old, new, kind, expected",
    [
        ("≥90%", "≥95%", "satisfaction", TIGHTENED),
        ("≥90%", "≥85%", "satisfaction", LOOSENED),
        ("≤0.9 万元", "≤1.2 万元", "cost", LOOSENED),
        ("≤0.9 万元", "≤0.5 万元", "cost", TIGHTENED),
        ("≤0.9 万元", "≤9000 元", "cost", None),  # the same cap in another unit
        ("≥1500 册", "≥1500 本", "quantity", UNIT),
        ("≥90%", ">90%", "quality", COMPARATOR),
        ("1次", "2次", "quantity", TIGHTENED),  # a bare count: more is more
        ("0.9万元", "1万元", "cost", LOOSENED),  # a bare cost: more is looser
        ("2023 年 12 月 31 日", "2023.06.30", "timeliness", TIGHTENED),
        ("2023.06.30", "2023 年 12 月 31 日", "timeliness", LOOSENED),
        ("2023 年 12 月 31 日", "2023.12.31", "timeliness", None),
        ("≤ 6.73 万元", "≤6.73万元", "cost", None),
        ("学会运用", "熟练运用", "benefit", "changed"),
    ],
)
def test_direction_knows_the_comparator(old, new, kind, expected):
    assert target_direction(old, new, kind) == expected


@pytest.mark.parametrize(
    "old, new, kind, expected",
    [
        ("3万人次", "30000人次", "quantity", None),  # the same number, written otherwise
        ("3万人次", "4万人次", "quantity", TIGHTENED),
        ("≤85元/平方米", "≤90元/平方米", "cost", LOOSENED),
        ("≤0.9万元/公里", "≤9000元/公里", "cost", None),
        ("≤85元/平方米", "≤85元/亩", "cost", UNIT),
        ("≤85元/平方米", "≤85元", "cost", UNIT),  # a unit price against a total
        ("=100百分比", "=100%", "quality", None),
        ("═100%", "=100%", "quality", None),
        ("12月底前", "11月底前", "timeliness", TIGHTENED),
        ("年内", "年底前", "timeliness", None),
        ("12月底前", "2023年12月31日前", "timeliness", CHANGED),  # the year is not known here
        ("2024年", "2024年度", "timeliness", None),
        ("1月-12月", "1月-11月", "timeliness", CHANGED),
        ("较上年提高5个百分点", "较上年提高8个百分点", "quality", TIGHTENED),
        ("同比下降5%", "同比下降3%", "benefit", LOOSENED),
        ("较上年提高5%", "较上年下降5%", "benefit", CHANGED),
        ("是", "否", "quality", CHANGED),
        ("1:1.5", "1：1.5", "benefit", None),
        ("1:1.5", "1:2", "benefit", CHANGED),
        ("否", "0起", "quality", CHANGED),
    ],
)
def test_direction_of_the_wider_value_language(old, new, kind, expected):
    assert target_direction(old, new, kind) == expected


@pytest.mark.parametrize(
    "old, new, arrow",
    [
        ("3万人次", "4万人次", "+1"),
        ("3万人次", "40000人次", "+10000"),
        ("≤85元/平方米", "≤82.47元/平方米", "-2.53"),
        ("较上年提高5个百分点", "较上年提高8个百分点", "+3"),
        ("≤85元/平方米", "≤85元", None),
    ],
)
def test_arrow_value_in_the_written_scale(old, new, arrow):
    from perfgoals.diff import _arrow_value

    assert _arrow_value(old, new) == arrow


def test_department_sub_goal_and_safeguard_changes(repo, cli):
    dept = repo / "data" / "department.yaml"
    edit(dept, "{name: 圆梦助学救助, target: 不少于 400 人}", "{name: 圆梦助学救助, target: 不少于 300 人}")
    edit(dept, "加强人员培训", "加强全体人员培训")
    text, md, data = run_all(cli)
    project = next(p for p in data["projects"] if p["new_path"] == "data/department.yaml")
    got = {(c["kind"], c["where"], c["direction"]) for c in project["changes"]}
    assert got == {
        ("target", "sub_goals/人道救助工作/圆梦助学救助.target", LOOSENED),
        ("text", "safeguards/加强宣传培训，提高综合业务能力。.text", None),
    }
    assert "不少于 400 人 → 不少于 300 人" in text.stdout and "不少于 300 人" in md.stdout


def test_missing_file_is_named(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text((DATA / "projects" / "01-第三方专项审计费.yaml").read_text("utf-8"), "utf-8")
    result = cli("diff", "--lang", "en", "a.yaml", "b.yaml")
    assert result.exit_code == 2 and "no such file: b.yaml" in result.stderr


def test_one_path_and_one_typo_names_the_typo(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d1").mkdir()
    result = cli("diff", "--lang", "en", "d1", "d2x")
    assert result.exit_code == 2 and "no such file or folder: d2x" in result.stderr
