"""`perfgoals validate` and `perfgoals rules` as a user runs them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfgoals.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

# What the source document deserves: warnings only (issue 2's list), no errors.
SEED_WARNINGS = sorted(
    [
        ("02-高校大学生应急救护初级培训.yaml", "PG401"),  # 培训出勤率（%）under 数量指标
        ("02-高校大学生应急救护初级培训.yaml", "PG603"),  # 120 名 in the goal
        ("02-高校大学生应急救护初级培训.yaml", "PG603"),  # 1000 名 in the goal
        ("04-红十字会网站和微信公众号维护.yaml", "PG406"),  # 维护安全
        ("05-全市基层建设工作推进暨核心能力培训会.yaml", "PG406"),  # 会议达到预期，圆满完成
        ("06-应急救护培训.yaml", "PG401"),
        ("06-应急救护培训.yaml", "PG603"),  # 4000 人
        ("06-应急救护培训.yaml", "PG603"),  # 6000 人
        ("07-医疗救助援助启动资金.yaml", "PG503"),  # 全年预算资金完成率 ≥90% as a cost
    ]
)


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_seed_data_validates_with_exactly_the_expected_warnings(at_root):
    result = runner.invoke(app, ["validate", "data", "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert set(out) == {"version", "files", "errors", "warnings", "findings"}
    assert (out["version"], out["files"], out["errors"], out["warnings"]) == (1, 8, 0, 9)
    got = sorted((Path(f["path"]).name, f["code"]) for f in out["findings"])
    assert got == SEED_WARNINGS
    first = out["findings"][0]
    assert set(first) == {"code", "severity", "path", "line", "column", "project", "message", "hint"}
    assert first["path"].startswith("data/projects/") and first["severity"] == "warning"
    assert first["project"] == "13020023P000T0010002X"


def test_default_path_is_data(at_root):
    result = runner.invoke(app, ["validate", "--format", "json"])
    assert json.loads(result.output)["files"] == 8


def test_strict_makes_warnings_fail(at_root):
    assert runner.invoke(app, ["validate", "data", "--strict"]).exit_code == 1


def test_text_report_shows_the_line_and_a_hint(at_root):
    result = runner.invoke(app, ["validate", "data/projects/06-应急救护培训.yaml", "--lang", "zh"])
    assert result.exit_code == 0
    assert "data/projects/06-应急救护培训.yaml" in result.output
    assert "12:77  警告  PG401  数量指标“培训出勤率（%）”的指标值 ≥90% 是比率，不是数量" in result.output
    assert "│       - {name: 培训出勤率（%）" in result.output
    assert "提示: 数量指标应写计划完成的数量" in result.output
    assert result.output.rstrip().endswith("1 个文件, 0 个错误, 3 个警告")


def test_github_annotations(at_root):
    result = runner.invoke(app, ["validate", "data/projects/07-医疗救助援助启动资金.yaml", "--format", "github"])
    assert result.output.startswith(
        "::warning file=data/projects/07-医疗救助援助启动资金.yaml,line=18,col=35,title=PG503::PG503 "
    )


def test_errors_exit_1_and_missing_path_exit_2(in_tmp):
    (in_tmp / "p.yaml").write_text("year: 2023\n", "utf-8")
    assert runner.invoke(app, ["validate", "p.yaml"]).exit_code == 1
    result = runner.invoke(app, ["validate", "nowhere"])
    assert result.exit_code == 2 and "the path does not exist" in result.output


def test_bad_option_is_usage_exit_2(at_root):
    assert runner.invoke(app, ["validate", "--format", "xml"]).exit_code == 2


def test_rules_catalogue_and_explanation():
    result = runner.invoke(app, ["rules", "--lang", "en"])
    for code in ("PG001", "PG101", "PG302", "PG401", "PG503", "PG603"):
        assert code in result.output
    result = runner.invoke(app, ["rules", "pg401", "--lang", "zh"])
    assert result.exit_code == 0
    assert "PG401 rate-as-quantity" in result.output
    assert "会报告的写法" in result.output and "正确的写法" in result.output
    assert "{name: 培训出勤率, target: ≥90%}" in result.output
    assert "DOMAIN.md" in result.output
    assert runner.invoke(app, ["rules", "PG999"]).exit_code == 2


def test_config_can_switch_a_rule_off_or_raise_it(in_tmp):
    seed = (ROOT / "data/projects/07-医疗救助援助启动资金.yaml").read_text("utf-8")
    (in_tmp / "p.yaml").write_text(seed, "utf-8")
    assert runner.invoke(app, ["validate", "p.yaml"]).exit_code == 0
    (in_tmp / "perfgoals.yaml").write_text("rules: {PG503: error}\n", "utf-8")
    result = runner.invoke(app, ["validate", "p.yaml", "--format", "json"])
    assert result.exit_code == 1 and json.loads(result.output)["findings"][0]["severity"] == "error"
    (in_tmp / "perfgoals.yaml").write_text("rules: {PG503: off}\n", "utf-8")
    assert json.loads(runner.invoke(app, ["validate", "p.yaml", "--format", "json"]).output)["findings"] == []


def test_broken_config_is_reported_in_it(in_tmp):
    (in_tmp / "perfgoals.yaml").write_text("framework: mof2099\nrules: {PG999: off}\nchekpoints: [3]\n", "utf-8")
    (in_tmp / "p.yaml").write_text((ROOT / "data/projects/01-第三方专项审计费.yaml").read_text("utf-8"), "utf-8")
    out = json.loads(runner.invoke(app, ["validate", "p.yaml", "--format", "json"]).output)
    got = [(f["path"], f["code"], f["line"]) for f in out["findings"]]
    assert ("perfgoals.yaml", "PG002", 3) in got  # chekpoints: unknown field
    assert ("perfgoals.yaml", "PG002", 2) in got  # no rule PG999
    assert ("perfgoals.yaml", "PG002", 1) in got  # no framework mof2099


def test_mof2021_framework(in_tmp):
    (in_tmp / "perfgoals.yaml").write_text("framework: mof2021\n", "utf-8")
    seed = (ROOT / "data/projects/01-第三方专项审计费.yaml").read_text("utf-8")
    (in_tmp / "p.yaml").write_text(seed, "utf-8")
    out = json.loads(runner.invoke(app, ["validate", "p.yaml", "--format", "json"]).output)
    found = sorted((f["code"], f["severity"]) for f in out["findings"])
    # 成本指标 under 产出指标 (the 2015 layout) is read as 2021's 一级 成本指标: a warning that says so, and the cost
    # counts as the required 成本 category (no PG302); outside the tangshan profile its 按总成本控制 row, equal to the
    # budget, is PG506's restated budget (the tangshan form asks for that row, so its profile turns PG506 off)
    assert found == [("PG301", "warning"), ("PG506", "warning")]
    assert "checked as '经济成本指标'" in out["findings"][0]["message"]


def test_internal_error_is_one_line_and_exit_2(monkeypatch, at_root, capsys):
    from perfgoals import cli

    def boom(*a, **k):
        raise RuntimeError("rule exploded")

    monkeypatch.setattr("perfgoals.validate.validate", boom)
    monkeypatch.setattr(sys, "argv", ["perfgoals", "validate", "data"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.strip() == "perfgoals: internal error: RuntimeError: rule exploded (run again with --debug for details)"


def test_installed_console_script_runs(at_root):
    exe = Path(sys.executable).with_name("perfgoals")
    result = subprocess.run([str(exe), "validate", "data"], capture_output=True, text=True)
    assert result.returncode == 0 and "0 errors, 9 warnings" in result.stdout
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback(monkeypatch, at_root, capsys):
    from perfgoals import cli

    def boom(*a, **k):
        raise RuntimeError("rule exploded")

    monkeypatch.setattr("perfgoals.validate.validate", boom)
    monkeypatch.setattr(sys, "argv", ["perfgoals", "--debug", "validate", "data"])
    with pytest.raises(SystemExit):
        cli.main()
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "rule exploded" in err


def test_unknown_framework_says_what_to_write(in_tmp):
    (in_tmp / "perfgoals.yaml").write_text("framework: mof2099\n", "utf-8")
    (in_tmp / "p.yaml").write_text((ROOT / "data/projects/01-第三方专项审计费.yaml").read_text("utf-8"), "utf-8")
    out = json.loads(runner.invoke(app, ["validate", "p.yaml", "--format", "json", "--lang", "zh"]).output)
    [f] = [f for f in out["findings"] if f["path"] == "perfgoals.yaml"]
    assert (f["code"], f["line"], f["column"]) == ("PG002", 1, 12)
    assert "未知的指标框架“mof2099”：可写 mof2015、mof2021，或省级框架文件的路径" in f["message"]


def test_a_province_framework_file_beside_the_tables_is_not_a_project(in_tmp):
    fw = (ROOT / "src/perfgoals/frameworks/mof2015.yaml").read_text("utf-8").replace("name: mof2015", "name: hebei")
    (in_tmp / "hebei.yaml").write_text(fw, "utf-8")
    (in_tmp / "perfgoals.yaml").write_text("framework: hebei.yaml\n", "utf-8")
    (in_tmp / "p.yaml").write_text((ROOT / "data/projects/01-第三方专项审计费.yaml").read_text("utf-8"), "utf-8")
    out = json.loads(runner.invoke(app, ["validate", ".", "--format", "json", "--no-cache"]).output)
    assert (out["files"], out["errors"]) == (1, 0)


USAGE_ERRORS = [
    (
        ["validate", "--format", "xml", "data"],
        "perfgoals validate：--format / -f 的值无效：“xml”不是可选的值（可选：text、json、github、sarif、gitlab）",
    ),
    (["validate", "--bogus"], "perfgoals validate：没有选项 --bogus（是不是 --jobs？）"),
    (["valdate"], "perfgoals：没有命令“valdate”"),  # newer click adds "，是不是 validate？"
    (["validate", "--jobs", "-1", "data"], "perfgoals validate：--jobs / -j 的值无效：应大于或等于 0"),
    (["validate", "--jobs", "x", "data"], "perfgoals validate：--jobs / -j 的值无效：应为整数"),
    (["validate", "--format"], "perfgoals：选项 --format 后面要写一个值"),
    (["show"], "perfgoals show：缺少参数 FILE"),
]


@pytest.mark.parametrize("args, said", USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_usage_errors_are_told_in_chinese_with_where_to_look(monkeypatch, at_root, capsys, args, said):
    from perfgoals import cli

    monkeypatch.setenv("PERFGOALS_LANG", "zh")
    monkeypatch.setattr(sys, "argv", ["perfgoals", *args])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 2
    first, second = capsys.readouterr().err.strip().split("\n")
    assert first == said or (args == ["valdate"] and first == said + "，是不是 validate？")
    assert second.startswith("运行 perfgoals") and second.endswith("--help 查看用法和选项。")


def test_usage_errors_in_english_are_clicks_own(monkeypatch, at_root, capsys):
    from perfgoals import cli

    monkeypatch.setenv("PERFGOALS_LANG", "en")
    monkeypatch.setattr(sys, "argv", ["perfgoals", "validate", "--format", "xml", "data"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "Usage: perfgoals validate" in err and "'xml' is not one of 'text', 'json', 'github'" in err


@pytest.mark.parametrize(
    "args, code",
    [
        (["validate", "data"], 0),
        (["validate", "tests/corpus"], 1),
        (["validate", "nothere"], 2),
        (["--version"], 0),
        (["rules", "PG401"], 0),
    ],
)
def test_entry_point_exit_codes(monkeypatch, at_root, capsys, args, code):
    from perfgoals import cli

    monkeypatch.setattr(sys, "argv", ["perfgoals", *args])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert (exit_info.value.code or 0) == code


@pytest.mark.parametrize("encoding", ["gbk", "cp936", "cp1252"])
def test_every_stream_is_utf8_whatever_the_code_page(encoding, tmp_path):
    """Issue 13: with PYTHONIOENCODING=gbk/cp936/cp1252 (Chinese or Western Windows), diff died on ⚠, validate and
    show on Chinese, and show --flat / --format json wrote GBK bytes (invalid JSON, mojibake in git)."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PERFGOALS_LANG": "zh"}
    seed = str(ROOT / "data/projects/01-第三方专项审计费.yaml")
    changed = tmp_path / "changed.yaml"
    changed.write_text(Path(seed).read_text("utf-8").replace("≥90%", "≥80%"), "utf-8")
    for args in (
        ["show", "--flat", seed],
        ["validate", "data", "--format", "json", "--no-cache"],
        ["validate", "data", "--no-cache"],
        ["diff", seed, str(changed)],
    ):
        done = subprocess.run([sys.executable, "-m", "perfgoals", *args], cwd=ROOT, env=env, capture_output=True)
        assert done.returncode in (0, 1), (args, done.stderr)
        out = done.stdout.decode("utf-8")  # raises if not UTF-8
        assert "Traceback" not in done.stderr.decode("utf-8")
        if "--format" in args:
            json.loads(out)
        if args[0] == "diff":
            assert "⚠" in out and "放宽" in out
