"""perfgoals show --flat and the git textconv driver: facts keyed by names, as git diff then shows them."""

from __future__ import annotations

from conftest import git, project_file
from perfgoals.flat import flat_text


def test_facts_are_keyed_by_names(cli):
    from conftest import DATA

    result = cli("show", "--flat", str(next((DATA / "projects").glob("03-*"))))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "产出指标/数量指标/印刷数量.target = ≥1500 册" in lines
    assert "产出指标/成本指标/印刷费.per = 印刷数量" in lines
    assert "budget.total = 0.45" in lines  # the number as written
    assert "spend_plan.3 = 20%" in lines
    assert "unit.code = 644001" in lines
    # The format's order, whatever the file's: year first, indicators last.
    assert lines[0] == "year = 2023" and lines[-1].startswith("满意度指标/")


def test_department_facts(cli):
    from conftest import DATA

    out = cli("show", "--flat", str(DATA / "department.yaml")).stdout
    assert "sub_goals/人道救助工作/博爱送万家全年.target = 不少于 1100 个家庭" in out.splitlines()


def test_order_does_not_depend_on_the_file(tmp_path):
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text("year: 2023\nname: x\nbudget: {total: 1, fiscal: 1}\n", "utf-8")
    b.write_text("budget: {fiscal: 1, total: 1}\nname: x\nyear: 2023\n", "utf-8")
    assert flat_text(a) == flat_text(b)


def test_broken_file_is_shown_raw(tmp_path, cli):
    broken = tmp_path / "broken.yaml"
    broken.write_text("year: 2023\nname: [unclosed\n", "utf-8")
    result = cli("show", "--flat", str(broken))
    assert result.exit_code == 0 and result.stdout == "year: 2023\nname: [unclosed\n"


def test_show_without_a_view_or_file_is_a_usage_error(cli, tmp_path):
    assert cli("show", str(tmp_path / "x.yaml"), "--flat").exit_code == 2
    result = cli("show", "--lang", "en", str(tmp_path))
    assert result.exit_code == 2 and "--flat" in result.stderr


def test_git_diff_through_the_textconv_driver(repo, cli):
    result = cli("git-setup", "--lang", "en")
    assert result.exit_code == 0
    assert (repo / ".gitattributes").read_text("utf-8") == "data/**/*.yaml diff=perfgoals\n"
    assert "show --flat" in git(repo, "config", "--local", "diff.perfgoals.textconv")
    # A second run adds nothing.
    cli("git-setup")
    assert (repo / ".gitattributes").read_text("utf-8").count("diff=perfgoals") == 1

    f = project_file(repo, "01")
    f.write_text(f.read_text("utf-8").replace("target: ≥90%, basis", "target: ≥95%, basis"), "utf-8")
    shown = git(repo, "diff")
    assert "-满意度指标/服务对象满意度指标/服务对象满意度.target = ≥90%" in shown
    assert "+满意度指标/服务对象满意度指标/服务对象满意度.target = ≥95%" in shown
    # Without the driver git shows the YAML line instead.
    plain = git(repo, "diff", "--no-textconv")
    assert "+      - {name: 服务对象满意度, target: ≥95%, basis: 工作计划}" in plain


def test_git_setup_outside_a_repository(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("git-setup", "--lang", "zh")
    assert result.exit_code == 2 and "不在 git 仓库中" in result.stderr


def _git_without(repo, path_dirs: str, *args: str) -> str:
    """git run from a shell where PATH holds only path_dirs (a GUI client, another terminal: no venv)."""
    import os
    import subprocess

    env = {**os.environ, "PATH": path_dirs}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=True).stdout


def test_the_textconv_survives_perfgoals_not_on_path(repo, cli):
    """Issue 13: with perfgoals off PATH `git diff` failed as a whole after git-setup."""
    import shutil
    from pathlib import Path

    assert cli("git-setup").exit_code == 0
    f = project_file(repo, "01")
    f.write_text(f.read_text("utf-8").replace("target: ≥90%, basis", "target: ≥95%, basis"), "utf-8")
    bare = ":".join(sorted({str(Path(shutil.which(t)).parent) for t in ("git", "sh", "cat")}))
    assert shutil.which("perfgoals", path=bare) is None
    shown = _git_without(repo, bare, "diff")
    assert "+满意度指标/服务对象满意度指标/服务对象满意度.target = ≥95%" in shown  # this interpreter, by its path
    # The interpreter gone too (the venv deleted): the file as it is, and git diff still works.
    command = git(repo, "config", "--local", "diff.perfgoals.textconv").strip()
    assert sys_python() in command
    git(repo, "config", "--local", "diff.perfgoals.textconv", command.replace(sys_python(), "/gone/python"))
    raw = _git_without(repo, bare, "diff")
    assert "+      - {name: 服务对象满意度, target: ≥95%, basis: 工作计划}" in raw


def sys_python() -> str:
    import sys
    from pathlib import Path

    return Path(sys.executable).as_posix()


def test_git_setup_shows_chinese_file_names_as_they_are(repo, cli):
    result = cli("git-setup", "--lang", "zh")
    assert "core.quotepath = false" in result.stdout
    assert git(repo, "config", "--local", "core.quotepath").strip() == "false"
    f = project_file(repo, "01")
    f.write_text(f.read_text("utf-8") + "# 注\n", "utf-8")
    assert "data/projects/01-第三方专项审计费.yaml" in git(repo, "diff", "--stat")
