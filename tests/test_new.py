"""perfgoals new: a file validate rejects until it is filled in, then accepts."""

from __future__ import annotations

import io
import shutil

import pytest

from ruamel.yaml import YAML

from conftest import DATA
from perfgoals.validate import validate

FILLED = {
    ("产出指标", "数量指标"): {"name": "印刷数量", "target": "≥1500 册", "basis": "计划标准"},
    ("产出指标", "质量指标"): {"name": "印刷合格率", "target": "≥95%", "basis": "行业标准"},
    ("产出指标", "时效指标"): {"name": "完成时限", "target": "2024 年 12 月 31 日", "basis": "计划标准"},
    ("产出指标", "成本指标"): {"name": "按总成本控制", "target": "≤0.4 万元", "basis": "计划标准"},
    ("效益指标", "社会效益指标"): {"name": "宣传覆盖面", "target": "≥1500 人次", "basis": "计划标准"},
    ("满意度指标", "服务对象满意度指标"): {"name": "服务对象满意度", "target": "≥90%", "basis": "历史标准"},
}


def test_new_file_is_rejected_until_filled_in(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    shutil.copy(DATA / "department.yaml", tmp_path / "data" / "department.yaml")
    shutil.copy(DATA / "perfgoals.yaml", tmp_path / "data" / "perfgoals.yaml")  # the source document's form
    out = tmp_path / "data" / "08-宣传册.yaml"
    result = cli(
        "new", "--code", "13020024P000000008", "--name", "宣传册印刷", "--year", "2024", "-o", str(out), "--lang", "en"
    )
    assert result.exit_code == 0, result.stderr
    text = out.read_text("utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/project.schema.json"
    # the unit comes from department.yaml next to it; every field has a Chinese comment
    assert 'unit: {code: "644001", name: 唐山市红十字会本级}' in text
    for key in ("year:", "unit:", "code:", "name:", "budget:", "purpose:", "spend_plan:", "goal:", "indicators:"):
        line = next(ln for ln in lines if ln.startswith(key))
        assert "  # " in line and any("\u4e00" <= ch <= "\u9fff" for ch in line.split("#", 1)[1]), line
    for level1, level2 in FILLED:
        assert f"    {level2}:" in text

    report = validate([out], lang="en")
    assert report.exit_code() == 1
    blank = [f for f in report.findings if f.code == "PG002"]
    assert len(blank) >= 6 * 3  # name, target and basis of every placeholder, plus budget and goal
    assert any("must not be empty" in f.message for f in blank)

    # Filled in as a person would, keeping the comments.
    yaml = YAML()
    yaml.preserve_quotes = True
    data = yaml.load(text)
    data["budget"]["total"] = data["budget"]["fiscal"] = 0.45
    for month, share in ((3, "20%"), (6, "60%"), (10, "80%")):
        data["spend_plan"][month] = share
    data["purpose"] = "印刷红十字会宣传册"
    data["goal"] = "印刷宣传册 1500 册，宣传红十字会法。"
    for (level1, level2), values in FILLED.items():
        data["indicators"][level1][level2][0].update(values)
    buf = io.StringIO()
    yaml.dump(data, buf)
    out.write_text(buf.getvalue(), "utf-8")
    clean = validate([out], lang="en")
    assert clean.findings == [], [f.message for f in clean.findings]
    assert "# yaml-language-server" in out.read_text("utf-8")


def test_new_prints_when_no_output_and_never_overwrites(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    printed = cli("new", "--code", "X1", "--name", "名称: 带冒号", "--year", "2025")
    assert printed.exit_code == 0
    assert 'name: "名称: 带冒号"' in printed.stdout and "year: 2025" in printed.stdout
    target = tmp_path / "a.yaml"
    target.write_text("keep", "utf-8")
    refused = cli("new", "--code", "X1", "--name", "n", "-o", str(target), "--lang", "zh")
    assert refused.exit_code == 2 and "已存在，不会覆盖" in refused.stderr
    assert target.read_text("utf-8") == "keep"


@pytest.mark.parametrize("profile", ["core", "tangshan", "mof2015", "mof2021", "sichuan", "anhui", "gansu"])
def test_new_scaffolds_each_profile_and_validate_accepts_it_filled_in(tmp_path, cli, monkeypatch, profile):
    """The head fields the form requires are lines to fill in, those it prints but does not require are shown
    commented out, the categories are the profile's framework's; filled in, the file is clean."""
    from perfgoals.profile import load_profile

    monkeypatch.chdir(tmp_path)
    (tmp_path / "perfgoals.yaml").write_text(f"profile: {profile}\n", "utf-8")
    result = cli("new", "--code", "P1", "--name", "宣传册印刷", "--year", "2024", "-o", "p.yaml")
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "p.yaml").read_text("utf-8")
    form = load_profile(profile)
    for field in ("authority", "implementer", "attribute", "purpose", "period", "budget_period", "spend_plan"):
        written, commented = f"\n{field}:" in text, f"\n# {field}:" in text
        assert written == (field in form.required) and commented == (field in form.fields and not written), field
    assert ("\n  成本指标:\n" in text) == (form.framework == "mof2021")
    data = YAML().load(text)
    data["unit"] = {"code": "644001", "name": "唐山市红十字会本级"}
    data["budget"]["total"] = data["budget"]["fiscal"] = 0.45
    if "spend_plan" in data:
        data["spend_plan"].update({3: "20%", 6: "60%", 10: "80%"})
    if "purpose" in data:
        data["purpose"] = "印刷红十字会宣传册"
    data["goal"] = "印刷宣传册 1500 册，宣传红十字会法。"
    for level1, group in data["indicators"].items():
        for level2, items in group.items():
            items[0].update(FILLED.get((level1, level2)) or FILLED_2021[(level1, level2)])
    buf = io.StringIO()
    YAML().dump(data, buf)
    (tmp_path / "p.yaml").write_text(buf.getvalue(), "utf-8")
    clean = validate(["p.yaml"], lang="en")
    assert [f.message for f in clean.findings] == []


FILLED_2021 = {("成本指标", "经济成本指标"): {"name": "按总成本控制", "target": "≤0.4 万元", "basis": "计划标准"}}
