"""JSON Schema from the models: committed, current, and accepted by a real validator on every data file."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest

from conftest import DATA, ROOT
from perfgoals import source

SCHEMA = ROOT / "schema"


def as_json(value):
    """What an editor's YAML extension sees: mapping keys as strings."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def validator(kind: str):
    schema = json.loads((SCHEMA / f"{kind}.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", sorted(DATA.rglob("*.yaml")), ids=lambda p: p.name)
def test_schema_accepts_every_data_file(path):
    kind = {"department.yaml": "department", "perfgoals.yaml": "config"}.get(path.name, "project")
    data = as_json(source.parse(source.read_text(path)).data)
    errors = [e.message for e in validator(kind).iter_errors(data)]
    assert errors == []


def test_schema_rejects_a_misspelled_key():
    path = next((DATA / "projects").glob("01-*"))
    data = as_json(source.parse(source.read_text(path)).data)
    data["spend_pan"] = data.pop("spend_plan")
    messages = [e.message for e in validator("project").iter_errors(data)]
    assert any("'spend_pan' was unexpected" in m for m in messages)
    data["gaol"] = data.pop("goal")  # the common core: goal is required, the spend plan is not
    messages = [e.message for e in validator("project").iter_errors(data)]
    assert any("'goal' is a required property" in m for m in messages)
    assert not any("'spend_plan' is a required property" in m for m in messages)
    indicator = data["indicators"]["产出指标"]["数量指标"][0]
    indicator["taget"] = indicator.pop("target")
    assert any("'taget' was unexpected" in e.message for e in validator("project").iter_errors(data))


def test_schema_has_chinese_titles():
    schema = json.loads((SCHEMA / "project.schema.json").read_text("utf-8"))
    assert schema["title"] == "项目支出绩效目标表"
    assert schema["properties"]["spend_plan"]["title"] == "资金支出计划（%）"
    assert schema["$defs"]["Indicator"]["properties"]["target"]["title"] == "指标值"


def test_committed_schema_is_current(cli):
    result = cli("schema", "--check", "-o", str(SCHEMA))
    assert result.exit_code == 0, result.stderr


def test_check_fails_when_stale_and_write_fixes_it(tmp_path, cli):
    folder = tmp_path / "schema"
    shutil.copytree(SCHEMA, folder)
    path = folder / "project.schema.json"
    path.write_text(path.read_text("utf-8").replace("预算年度", "年度"), "utf-8")
    stale = cli("schema", "--check", "-o", str(folder), "--lang", "en")
    assert stale.exit_code == 1 and "project.schema.json: stale" in stale.stderr
    assert cli("schema", "-o", str(folder)).exit_code == 0
    assert cli("schema", "--check", "-o", str(folder)).exit_code == 0
    (folder / "department.schema.json").unlink()
    missing = cli("schema", "--check", "-o", str(folder), "--lang", "en")
    assert missing.exit_code == 1 and "department.schema.json: missing" in missing.stderr


def test_the_schema_requires_what_the_configured_profile_requires(in_tmp, cli):
    (in_tmp / "perfgoals.yaml").write_text("profile: tangshan\n", "utf-8")
    assert cli("schema", "-o", "schema").exit_code == 0
    required = json.loads((in_tmp / "schema" / "project.schema.json").read_text("utf-8"))["required"]
    assert "purpose" in required and "spend_plan" in required
    assert cli("schema", "-o", "schema", "--check").exit_code == 0
    (in_tmp / "perfgoals.yaml").write_text("profile: mof2015\n", "utf-8")
    assert cli("schema", "-o", "schema", "--check").exit_code == 1  # stale: the form changed
    cli("schema", "-o", "schema")
    required = json.loads((in_tmp / "schema" / "project.schema.json").read_text("utf-8"))["required"]
    assert "purpose" not in required and "spend_plan" not in required


def _draft07(kind: str):
    schema = json.loads((SCHEMA / f"{kind}.draft-07.schema.json").read_text("utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize("path", sorted(DATA.rglob("*.yaml")), ids=lambda p: p.name)
def test_the_draft07_schema_accepts_every_data_file_and_catches_a_typo(path):
    """For editors that read only draft-07: the same checks, nested definitions included."""
    kind = {"department.yaml": "department", "perfgoals.yaml": "config"}.get(path.name, "project")
    data = as_json(source.parse(source.read_text(path)).data)
    assert [e.message for e in _draft07(kind).iter_errors(data)] == []
    if kind == "project":
        indicator = data["indicators"]["产出指标"]["数量指标"][0]
        indicator["taget"] = indicator.pop("target")  # inside a $ref: the reference must resolve
        assert any("'taget' was unexpected" in e.message for e in _draft07(kind).iter_errors(data))


def test_every_schema_has_a_stable_id(cli, tmp_path):
    ids = {}
    for path in sorted(SCHEMA.glob("*.json")):
        ids[path.name] = json.loads(path.read_text("utf-8"))["$id"]
    assert ids["project.schema.json"] == "urn:perfgoals:schema:project:2020-12"
    assert ids["project.draft-07.schema.json"] == "urn:perfgoals:schema:project:draft-07"
    assert len(set(ids.values())) == len(ids) == 6
    # a profile that requires more is another schema, with another id
    (tmp_path / "perfgoals.yaml").write_text("profile: tangshan\n", "utf-8")
    assert cli("schema", "-o", str(tmp_path / "schema")).exit_code == 0
    written = json.loads((tmp_path / "schema" / "project.schema.json").read_text("utf-8"))
    assert written["$id"] == "urn:perfgoals:schema:project:profile:tangshan:2020-12"
