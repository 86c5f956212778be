"""Suppression comments (`# perfgoals: ignore[…]`), per_file_ignores, and PG901 for a suppression that
suppresses nothing, as a user meets them: through `perfgoals validate` and `perfgoals fmt`."""

import json
from pathlib import Path

from conftest import project_file as _project_file


def project_file(data: Path, number: str) -> Path:
    return _project_file(data.parent, number)


def _edit(path: Path, line: int, before: str | None = None, after: str | None = None) -> None:
    """Put a comment line before line `line` (1-based), or a trailing comment after it."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    if after is not None:
        lines[line - 1] = lines[line - 1].rstrip("\n") + "  " + after + "\n"
    if before is not None:
        lines.insert(line - 1, before + "\n")
    path.write_text("".join(lines), "utf-8")


def suppress_the_nine(root: Path) -> None:
    """The source document's nine deserved warnings, each suppressed with its reason (every form)."""
    p02, p04, p05 = (project_file(root, n) for n in ("02", "04", "05"))
    p06 = project_file(root, "06")
    # a trailing comment on the finding's line, by code and by name
    _edit(p02, 12, after="# perfgoals: ignore[rate-as-quantity]  原表把出勤率列在数量指标下，照录")
    _edit(p04, 12, after="# perfgoals: ignore[PG406]  原表如此：维护安全")
    _edit(p05, 14, after="# perfgoals: ignore[PG406]  原表如此：会议圆满完成")
    # a comment line before the finding's line, with its reason on the line above it
    _edit(p02, 8, before="# 原表的目标写了培训人数，指标没有对应：照录\n# perfgoals: ignore[PG603]")
    # the file-level form, several rules at once
    _edit(p06, 1, before="# perfgoals: ignore-file[PG603, PG401]  原表如此：目标中的人数、数量指标下的出勤率")
    # per_file_ignores in perfgoals.yaml
    config = root / "perfgoals.yaml"
    config.write_text(
        config.read_text("utf-8")
        + "per_file_ignores:\n  # 原表把预算完成率列在成本指标下\n  projects/07-*.yaml: [PG503]\n",
        "utf-8",
    )


def test_strict_passes_when_every_warning_carries_a_suppression(data_copy, cli):
    suppress_the_nine(data_copy)
    result = cli("validate", str(data_copy), "--strict", "--no-cache")
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("8 files, 0 errors, 0 warnings, 9 suppressed — no problems found")
    # the same from the cache, and in JSON
    cli("validate", str(data_copy))
    result = cli("validate", str(data_copy), "--strict", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["warnings"], report["suppressed"], report["findings"]) == (0, 9, [])
    assert "suppressed_findings" not in report


def test_shipped_data_keeps_its_warnings_visible(cli):
    result = cli("validate", "data", "--strict")
    assert result.exit_code == 1
    assert result.output.strip().endswith("8 files, 0 errors, 9 warnings")


def test_show_suppressed_lists_them(data_copy, cli):
    suppress_the_nine(data_copy)
    result = cli("validate", str(data_copy), "--show-suppressed", "--no-cache")
    assert result.exit_code == 0
    assert "Suppressed findings (9):" in result.output
    assert result.output.count("PG603") == 4 and result.output.count("PG401") == 2
    report = json.loads(cli("validate", str(data_copy), "--show-suppressed", "-f", "json").output)
    shown = sorted((Path(f["path"]).name[:2], f["code"]) for f in report["suppressed_findings"])
    assert shown == sorted(
        [("02", "PG401"), ("02", "PG603"), ("02", "PG603"), ("04", "PG406"), ("05", "PG406")]
        + [("06", "PG401"), ("06", "PG603"), ("06", "PG603"), ("07", "PG503")]
    )


def test_a_suppression_that_suppresses_nothing_is_reported(data_copy, cli):
    p03 = project_file(data_copy, "03")  # a table without findings
    _edit(p03, 8, after="# perfgoals: ignore[PG603, goal-number-without-indicator]")
    _edit(p03, 1, before="# perfgoals: ignore-file[PG999]")
    _edit(project_file(data_copy, "04"), 12, after="# perfgoals: ignore[PG406, PG401]")  # PG406 used, PG401 not
    result = cli("validate", str(data_copy), "--format", "json", "--no-cache")
    report = json.loads(result.output)
    unused = [(Path(f["path"]).name[:2], f["line"], f["message"]) for f in report["findings"] if f["code"] == "PG901"]
    assert unused == [
        ("03", 1, "PG999 in the suppression is not a rule code or name"),
        ("03", 9, "the suppression of PG603 suppresses nothing here"),
        ("03", 9, "the suppression of goal-number-without-indicator suppresses nothing here"),
        ("04", 12, "the suppression of PG401 suppresses nothing here"),
    ]
    assert report["suppressed"] == 1 and report["warnings"] == 8 + 4
    # like any rule, PG901 can be turned off
    config = data_copy / "perfgoals.yaml"
    config.write_text(config.read_text("utf-8") + "rules: {PG901: off}\n", "utf-8")
    report = json.loads(cli("validate", str(data_copy), "--format", "json").output)
    assert not [f for f in report["findings"] if f["code"] == "PG901"]


def test_per_file_ignores_with_an_unknown_rule_is_a_settings_error(data_copy, cli):
    config = data_copy / "perfgoals.yaml"
    config.write_text(config.read_text("utf-8") + "per_file_ignores:\n  '*.yaml': [PG603, no-such-rule]\n", "utf-8")
    result = cli("validate", str(data_copy), "--no-cache")
    assert result.exit_code == 1
    assert "PG002" in result.output and "no rule no-such-rule" in result.output
    assert "PG603" not in result.output.split("PG002")[0]  # the known one still applies: 4 suppressed
    assert "4 suppressed" in result.output


def test_fmt_keeps_suppressions_where_they_are(data_copy, cli):
    suppress_the_nine(data_copy)
    p02 = project_file(data_copy, "02")
    # a layout fmt changes, so that fmt really rewrites the file around the comments
    p02.write_text(p02.read_text("utf-8").replace("year: 2023", "year:   2023"), "utf-8")
    before = p02.read_text("utf-8")
    result = cli("fmt", str(data_copy))
    assert result.exit_code == 0, result.output
    after = p02.read_text("utf-8")
    assert after != before and after == before.replace("year:   2023", "year: 2023")
    assert cli("validate", str(data_copy), "--strict", "--no-cache").exit_code == 0
