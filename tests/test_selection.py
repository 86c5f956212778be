"""Rule selection (--select, --extend-select, --ignore and the same keys in perfgoals.yaml), --statistics,
--exit-zero and exclude:, through `perfgoals validate` as a user runs it."""

import json
from pathlib import Path

import pytest


def _codes(cli, *args: str) -> list[str]:
    result = cli("validate", *args, "--format", "json", "--no-cache")
    assert result.exit_code in (0, 1), result.output
    return sorted(f["code"] for f in json.loads(result.output)["findings"])


ALL_NINE = ["PG401"] * 2 + ["PG406"] * 2 + ["PG503"] + ["PG603"] * 4


@pytest.mark.parametrize(
    "args, expected",
    [
        ([], ALL_NINE),
        (["--select", "PG4"], ["PG401"] * 2 + ["PG406"] * 2),  # a prefix
        (["--select", "PG40"], ["PG401"] * 2 + ["PG406"] * 2),
        (["--select", "PG401"], ["PG401"] * 2),  # a code
        (["--select", "rate-as-quantity"], ["PG401"] * 2),  # a name
        (["--select", "cost,consistency"], ["PG503"] + ["PG603"] * 4),  # families, comma-separated
        (["--select", "cost", "--select", "consistency"], ["PG503"] + ["PG603"] * 4),  # or repeated
        (["--ignore", "PG6"], ["PG401"] * 2 + ["PG406"] * 2 + ["PG503"]),
        (["--select", "PG4", "--ignore", "PG401"], ["PG406"] * 2),  # the more specific wins
        (
            ["--ignore", "targets", "--select", "all", "--extend-select", "PG401"],
            ["PG401"] * 2 + ["PG503"] + ["PG603"] * 4,
        ),
        (["--select", "PG503", "--extend-select", "qualitative-output"], ["PG406"] * 2 + ["PG503"]),
    ],
)
def test_select_ignore_extend_select(cli, args, expected):
    assert _codes(cli, "data", *args) == expected


def test_the_same_keys_in_perfgoals_yaml_and_the_command_line_over_them(data_copy, cli):
    config = data_copy / "perfgoals.yaml"
    config.write_text(config.read_text("utf-8") + "select: [targets]\nignore: [PG406]\n", "utf-8")
    assert _codes(cli, str(data_copy)) == ["PG401"] * 2
    assert _codes(cli, str(data_copy), "--extend-select", "PG503") == ["PG401"] * 2 + ["PG503"]
    # --select replaces what perfgoals.yaml selected, its ignore included (as ruff)
    assert _codes(cli, str(data_copy), "--select", "PG406") == ["PG406"] * 2


def test_a_selection_never_hides_an_unreadable_or_broken_file(data_copy, cli):
    (data_copy / "projects" / "broken.yaml").write_text("year: [2023\n", "utf-8")
    result = cli("validate", str(data_copy), "--select", "PG4")
    assert result.exit_code == 1 and "PG001" in result.output
    result = cli("validate", "no-such-folder", "--ignore", "all")
    assert result.exit_code == 2 and "PG000" in result.output


def test_an_unknown_selector_is_a_usage_error(cli, data_copy):
    result = cli("validate", "data", "--select", "PG7,rate-as-quantity")
    assert result.exit_code == 2
    assert "no such rule: PG7" in result.output
    config = data_copy / "perfgoals.yaml"
    config.write_text(config.read_text("utf-8") + "ignore: [no-such-rule]\n", "utf-8")
    result = cli("validate", str(data_copy), "--no-cache")
    assert result.exit_code == 1
    assert "PG002" in result.output and "no rule no-such-rule" in result.output


def test_statistics(cli):
    result = cli("validate", "data", "--statistics")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "4  PG603  goal-number-without-indicator",
        "2  PG401  rate-as-quantity",
        "2  PG406  qualitative-output",
        "1  PG503  cost-not-money",
    ]
    data = json.loads(cli("validate", "data", "--statistics", "-f", "json", "--ignore", "PG6").output)
    assert data["version"] == 1
    assert [(r["code"], r["count"]) for r in data["statistics"]] == [("PG401", 2), ("PG406", 2), ("PG503", 1)]


def test_exit_zero(cli, data_copy):
    assert cli("validate", "data", "--strict").exit_code == 1
    assert cli("validate", "data", "--strict", "--exit-zero").exit_code == 0
    # an unreadable path is still exit 2
    assert cli("validate", "no-such-folder", "--exit-zero").exit_code == 2


def test_exclude_patterns_skip_files_in_a_walk_but_not_a_file_named(data_copy, cli):
    config = data_copy / "perfgoals.yaml"
    config.write_text(config.read_text("utf-8") + "exclude: ['projects/0[26]-*.yaml', drafts/]\n", "utf-8")
    drafts = data_copy / "drafts"
    drafts.mkdir()
    (drafts / "half-done.yaml").write_text("year: 2023\n", "utf-8")
    result = json.loads(cli("validate", str(data_copy), "-f", "json", "--no-cache").output)
    assert result["files"] == 6 and result["errors"] == 0
    assert sorted(Path(f["path"]).name[:2] for f in result["findings"]) == ["04", "05", "07"]
    named = next((data_copy / "projects").glob("02-*.yaml"))
    result = json.loads(cli("validate", str(named), "-f", "json", "--no-cache").output)
    assert result["files"] == 1 and result["warnings"] == 3
