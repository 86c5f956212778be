"""Where settings come from: perfgoals.yaml or pyproject.toml's [tool.perfgoals], --config, a nested
settings file extending its parent, and `perfgoals config` showing what is in force."""

import json
from pathlib import Path

import pytest


def _codes(cli, *args: str) -> list[str]:
    result = cli("validate", *args, "--format", "json", "--no-cache")
    assert result.exit_code in (0, 1), result.output
    return sorted(f["code"] for f in json.loads(result.output)["findings"])


NINE = ["PG401"] * 2 + ["PG406"] * 2 + ["PG503"] + ["PG603"] * 4


@pytest.fixture
def pyproject_data(data_copy: Path) -> Path:
    """data/ whose settings are in the repository's pyproject.toml instead of data/perfgoals.yaml."""
    (data_copy / "perfgoals.yaml").unlink()
    (data_copy.parent / "pyproject.toml").write_text(
        '[project]\nname = "tables"\n\n[tool.perfgoals]\nprofile = "tangshan"\nfmt_targets = "keep"\n'
        'extend-select = ["PG4"]\nignore = ["PG603"]\n\n[tool.perfgoals.rules]\nPG503 = "off"\n',
        "utf-8",
    )
    return data_copy


def test_pyproject_tool_table_instead_of_perfgoals_yaml(pyproject_data, cli):
    assert _codes(cli, str(pyproject_data)) == ["PG401"] * 2 + ["PG406"] * 2
    shown = json.loads(cli("config", str(pyproject_data), "-f", "json").output)
    assert [Path(s["path"]).name for s in shown["sources"]] == ["pyproject.toml"]
    # the tangshan profile turns PG506 off (its form's own cost row restates the budget)
    assert shown["settings"]["profile"] == "tangshan"
    assert shown["settings"]["rules"] == {"PG503": "off", "PG506": "off"}
    assert shown["rules_off"] == ["PG503", "PG506", "PG603"]


def test_a_pyproject_without_the_table_is_not_a_settings_file(pyproject_data, cli):
    (pyproject_data.parent / "pyproject.toml").write_text('[project]\nname = "perfgoals-tables"\n', "utf-8")
    # no settings: the common core, where the 按总成本控制 rows restating the budget are PG506's (tangshan's are not)
    assert _codes(cli, str(pyproject_data)) == sorted(NINE + ["PG506"] * 5)
    assert json.loads(cli("config", str(pyproject_data), "-f", "json").output)["sources"] == []


def test_a_mistake_in_the_pyproject_table_is_reported_there(pyproject_data, cli):
    pyproject = pyproject_data.parent / "pyproject.toml"
    pyproject.write_text(pyproject.read_text("utf-8") + 'PG999 = "off"\n', "utf-8")
    result = cli("validate", str(pyproject_data), "--no-cache")
    assert result.exit_code == 1
    assert "pyproject.toml" in result.output and "PG002" in result.output and "rules.PG999" in result.output
    assert "PG603" not in result.output  # the rest of the table still applies


def test_config_option_names_one_settings_file(data_copy, cli, tmp_path):
    other = tmp_path / "ci-settings.yaml"
    other.write_text("profile: tangshan\nselect: [consistency]\n", "utf-8")
    assert _codes(cli, str(data_copy), "--config", str(other)) == ["PG603"] * 4
    shown = json.loads(cli("config", str(data_copy), "--config", str(other), "-f", "json").output)
    assert [Path(s["path"]).name for s in shown["sources"]] == ["ci-settings.yaml"]
    result = cli("validate", str(data_copy), "--config", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2 and "no such settings file" in result.output


def test_a_nested_settings_file_extends_its_parent(data_copy, cli):
    parent = data_copy / "perfgoals.yaml"
    parent.write_text(
        parent.read_text("utf-8")
        + "rules: {PG401: off}\nper_file_ignores: {'projects/07-*.yaml': [PG503]}\nexclude: [projects/05-*.yaml]\n",
        "utf-8",
    )
    child = data_copy / "projects" / "perfgoals.yaml"
    child.write_text("ignore: [PG603]\nrules: {PG406: error}\n", "utf-8")
    result = json.loads(cli("validate", str(data_copy), "-f", "json", "--no-cache").output)
    # the parent's rules, patterns (relative to the parent's folder) and exclude, the child's ignore and level
    assert [(Path(f["path"]).name[:2], f["code"], f["severity"]) for f in result["findings"]] == [
        ("04", "PG406", "error")
    ]
    assert result["files"] == 7 and result["suppressed"] == 1
    shown = json.loads(cli("config", str(data_copy / "projects"), "-f", "json").output)
    assert [s["path"] for s in shown["sources"]] == [str(parent), str(child)]
    assert shown["settings"]["profile"] == "tangshan"
    assert shown["settings"]["rules"] == {"PG506": "off", "PG401": "off", "PG406": "error"}  # PG506: tangshan's
    # extend: false stands alone (no profile: the common core, where PG506 is on)
    child.write_text("extend: false\nignore: [PG603]\n", "utf-8")
    assert _codes(cli, str(data_copy)) == ["PG401"] * 2 + ["PG406"] * 2 + ["PG503"] + ["PG506"] * 5
    assert len(json.loads(cli("config", str(data_copy / "projects"), "-f", "json").output)["sources"]) == 1


def test_config_text(cli):
    result = cli("config")
    assert result.exit_code == 0
    assert result.output.splitlines()[:3] == [
        "settings files (outermost first):",
        "  data/perfgoals.yaml",
        "    profile: tangshan",
    ]
    assert "settings in force:\n  extend: true\n  profile: tangshan\n" in result.output
    assert result.output.endswith("rules off: PG506\n")  # the tangshan profile's
    zh = cli("config", "--lang", "zh").output
    assert zh.startswith("设置来源（外层在前）：") or zh.startswith("设置来源（外层在前）:")


def test_a_path_in_a_parent_settings_file_is_relative_to_that_file(data_copy, cli):
    framework = Path(__file__).resolve().parent.parent / "src" / "perfgoals" / "frameworks" / "mof2015.yaml"
    (data_copy / "province.yaml").write_text(framework.read_text("utf-8"), "utf-8")
    parent = data_copy / "perfgoals.yaml"
    parent.write_text(parent.read_text("utf-8").replace("framework: mof2015", "framework: province.yaml"), "utf-8")
    (data_copy / "projects" / "perfgoals.yaml").write_text("ignore: [PG603]\n", "utf-8")
    result = json.loads(cli("validate", str(data_copy), "-f", "json", "--no-cache").output)
    assert result["errors"] == 0 and result["files"] == 8  # the framework file is not read as a project
    assert sorted(f["code"] for f in result["findings"]) == ["PG401"] * 2 + ["PG406"] * 2 + ["PG503"]
    shown = json.loads(cli("config", str(data_copy / "projects"), "-f", "json").output)
    assert shown["settings"]["framework"] == str(data_copy / "province.yaml")
