"""The CI formats as CI systems read them: SARIF 2.1.0 checked against the official OASIS schema
(tests/schemas/sarif-schema-2.1.0.json, errata01), GitHub annotations chosen by GITHUB_ACTIONS and pointing at
repository paths from any folder, GitLab Code Quality, and the version of every JSON output."""

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from perfgoals.cli import app
from perfgoals.rules import load_all

from conftest import project_file

SARIF_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))


def _run(*args: str, env: dict | None = None):
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


def _sarif(*args: str) -> dict:
    result = _run("validate", *args, "--format", "sarif", "--no-cache")
    assert result.exit_code in (0, 1), result.output
    log = json.loads(result.output)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    return log


def test_sarif_is_valid_and_carries_the_catalogue():
    log = _sarif("data")
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(load_all())
    pg401 = next(r for r in rules if r["id"] == "PG401")
    assert pg401["name"] == "rate-as-quantity" and pg401["defaultConfiguration"]["level"] == "warning"
    assert load_all()["PG401"].explanation("en") in pg401["help"]["text"]
    assert "```yaml" in pg401["help"]["markdown"] and pg401["properties"]["tags"] == ["targets"]
    results = run["results"]
    assert len(results) == 9 and {r["level"] for r in results} == {"warning"}
    first = results[0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"] == "PG603"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "data/projects/02-高校大学生应急救护初级培训.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["region"] == {"startLine": 8, "startColumn": 16}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file:///")


def test_sarif_in_chinese_and_with_suppressions(data_copy):
    p02 = next((data_copy / "projects").glob("02-*.yaml"))
    lines = p02.read_text("utf-8").splitlines()
    lines[7] += "  # perfgoals: ignore[PG603]  原表如此"
    p02.write_text("\n".join(lines) + "\n", "utf-8")
    config = data_copy / "perfgoals.yaml"
    config.write_text(config.read_text("utf-8") + "per_file_ignores: {'projects/07-*.yaml': [PG503]}\n", "utf-8")
    log = _sarif(str(data_copy), "--lang", "zh")
    results = log["runs"][0]["results"]
    kinds = sorted(r["suppressions"][0]["kind"] for r in results if "suppressions" in r)
    assert kinds == ["external", "inSource", "inSource"]
    assert len(results) == 9
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["shortDescription"]["text"] == "文件无法读取"


def test_sarif_of_a_broken_file_is_valid(data_copy):
    (data_copy / "projects" / "broken.yaml").write_text("year: [2023\n", "utf-8")
    log = _sarif(str(data_copy))
    assert any(r["ruleId"] == "PG001" and r["level"] == "error" for r in log["runs"][0]["results"])


@pytest.fixture
def in_subfolder(repo, monkeypatch):
    """A git repository holding data/; the working folder is data/projects."""
    monkeypatch.chdir(repo / "data" / "projects")
    return repo


def test_github_format_is_chosen_in_github_actions_with_repository_paths(in_subfolder):
    result = _run("validate", ".", "--no-cache", env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 9
    assert lines[0].startswith(
        "::warning file=data/projects/02-高校大学生应急救护初级培训.yaml,line=8,col=16,title=PG603::"
    )
    # asked for explicitly, text is text; outside GitHub Actions, text is the default
    assert _run("validate", ".", "-f", "text", env={"GITHUB_ACTIONS": "true"}).output.startswith("02-")
    assert _run("validate", ".", env={"GITHUB_ACTIONS": ""}).output.startswith("02-")


def test_sarif_and_gitlab_paths_are_relative_to_the_repository_from_a_subfolder(in_subfolder):
    log = _sarif(".")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert "data/projects/07-医疗救助援助启动资金.yaml" in uris
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == in_subfolder.resolve().as_uri() + "/"
    issues = json.loads(_run("validate", "07-医疗救助援助启动资金.yaml", "-f", "gitlab").output)
    assert [i["location"]["path"] for i in issues] == ["data/projects/07-医疗救助援助启动资金.yaml"]


def test_gitlab_code_quality(cli, data_copy):
    project_file(data_copy.parent, "03").write_text("year: 2023\n", "utf-8")  # errors: missing fields
    result = cli("validate", str(data_copy), "-f", "gitlab", "--no-cache")
    assert result.exit_code == 1
    issues = json.loads(result.output)
    assert {i["severity"] for i in issues} == {"major", "minor"}
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    pg603 = [i for i in issues if i["check_name"] == "PG603"]
    assert len(pg603) == 4 and pg603[0]["location"]["positions"]["begin"] == {"line": 8, "column": 16}
    assert pg603[0]["description"].startswith("PG603 the goal promises")
    # the fingerprint does not move with the line: a comment added above keeps the issue the same
    p02 = project_file(data_copy.parent, "02")
    p02.write_text("# 备注\n" + p02.read_text("utf-8"), "utf-8")
    again = json.loads(cli("validate", str(data_copy), "-f", "gitlab", "--no-cache").output)
    assert [i["fingerprint"] for i in again if i["check_name"] == "PG603"] == [i["fingerprint"] for i in pg603]


def test_every_json_output_has_a_version(cli):
    assert json.loads(cli("rules", "--format", "json").output)["version"] == 1
    one = json.loads(cli("rules", "PG401", "--format", "json").output)
    assert one["version"] == 1 and one["code"] == "PG401" and one["group"] == "targets"
    assert json.loads(cli("validate", "data", "-f", "json").output)["version"] == 1
    assert json.loads(cli("validate", "data", "--statistics", "-f", "json").output)["version"] == 1
