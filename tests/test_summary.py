"""perfgoals summary: the department's figures, checked against the source text of the data files."""

from __future__ import annotations

import io
import json
import re
from decimal import ROUND_HALF_UP, Decimal

from conftest import DATA
from htmltable import read
from perfgoals import document, summary
from perfgoals.writers import summary_html
from test_render import SEED, cli

PROJECT_FILES = sorted((DATA / "projects").glob("*.yaml"))


def budgets_from_source() -> list[Decimal]:
    """Each budget total as written in the YAML text (not through perfgoals' loader)."""
    out = []
    for path in PROJECT_FILES:
        m = re.search(r"budget: \{total: ([0-9.]+),", path.read_text(encoding="utf-8"))
        out.append(Decimal(m.group(1)))
    return out


def plans_from_source() -> list[dict[int, Decimal]]:
    out = []
    for path in PROJECT_FILES:
        m = re.search(r"spend_plan: \{(.*)\}", path.read_text(encoding="utf-8"))
        out.append({int(k): Decimal(v) for k, v in re.findall(r"(\d+): (\d+)%", m.group(1))})
    return out


def run(path="data", fmt="json", lang="en"):
    out, err = io.StringIO(), io.StringIO()
    code = summary.run(str(path), fmt, lang, out, err)
    return code, out.getvalue(), err.getvalue()


def test_json_totals_and_weighted_curve():
    code, out, err = run()
    assert code == 0 and err == ""
    data = json.loads(out)
    budgets = budgets_from_source()
    assert [b for b in budgets] == [Decimal(s[3]) for s in SEED]  # the data says what the source document says
    assert sum(budgets) == Decimal("257.68")
    assert data["total"] == {"total": "257.68", "fiscal": "257.68", "other": "0", "indicators": 42}
    assert data["money_unit"] == "万元" and data["unit"] == "唐山市红十字会本级"
    assert [p["budget"]["total"] for p in data["projects"]] == [s[3] for s in SEED]
    assert [p["code"] for p in data["projects"]] == [s[1] for s in SEED]
    assert data["checkpoints"] == [3, 6, 10, 12]
    # Weighted by budget: Σ budget × share / Σ budget, to 0.01 (e.g. March: 3024 / 257.68 = 11.7355…).
    plans = plans_from_source()
    expected = {}
    for m in (3, 6, 10, 12):
        share = sum(b * p[m] for b, p in zip(budgets, plans)) / sum(budgets)
        expected[str(m)] = str(share.quantize(Decimal("0.01"), ROUND_HALF_UP))
    assert data["weighted_spend"] == expected == {"3": "11.74", "6": "32.79", "10": "63.69", "12": "100.00"}
    assert data["warnings"] == 9 and data["errors"] == 0
    assert sum(p["warnings"] for p in data["projects"]) == 9
    # Exact decimal strings, never floats.
    assert not re.search(r'": \d+\.\d', out)


def test_text_shows_total_and_curve():
    code, out, _ = run(fmt="text", lang="zh")
    assert code == 0
    total_line = next(ln for ln in out.splitlines() if "合计" in ln)
    assert re.findall(r"[\d.]+%?", total_line) == [
        "257.68",
        "257.68",
        "0.00",
        "11.74%",
        "32.79%",
        "63.69%",
        "100.00%",
        "42",
        "0",
        "9",
    ]
    assert "按预算加权的累计支出进度：3 月底 11.74%，6 月底 32.79%，10 月底 63.69%，12 月底 100.00%" in out
    for s in SEED:
        assert s[1] in out and s[2] in out


def test_cli_text_in_english():
    result = cli("summary", "data", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "budget-weighted cumulative spend: end of month 3 11.74%" in result.stdout
    assert "257.68" in result.stdout


def test_markdown_and_html_golden(golden):
    _, md, _ = run(fmt="md", lang="zh")
    golden("summary.md", md)
    _, html, _ = run(fmt="html", lang="zh")
    golden("summary.html", html)
    _, js, _ = run(fmt="json")
    golden("summary.json", js)


def test_markdown_total_row():
    _, md, _ = run(fmt="md", lang="zh")
    rows = [ln for ln in md.splitlines() if ln.startswith("| ")]
    assert len(rows) == 2 + 7 + 1
    assert rows[-1] == (
        "|  | **合计** | **257.68** | **257.68** | **0.00** | **11.74%** | **32.79%** | **63.69%** "
        "| **100.00%** | **42** | **0** | **9** |"
    )


def test_html_has_inline_chart_and_no_script():
    _, html, _ = run(fmt="html", lang="zh")
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert html.count("<svg") == 1
    page = read(html)
    assert page.scripts == 0
    chart = summary_html.Chart()
    # The department curve goes through each weighted checkpoint.
    points = re.search(r'<polyline points="([^"]+)" fill="none" stroke="#c0392b"', html).group(1)
    assert points.split() == [f"{chart.x(0)},{chart.y(Decimal(0))}"] + [
        f"{chart.x(m)},{chart.y(Decimal(v))}" for m, v in ((3, "11.74"), (6, "32.79"), (10, "63.69"), (12, "100"))
    ]
    for label in ("11.74%", "32.79%", "63.69%", "100.00%", "3 月底", "12 月底"):
        assert f">{label}</text>" in html
    assert html.count("<polyline") == 1 + 7  # the department and each project, thin


def test_projects_in_yuan_are_converted(data_copy):
    path = data_copy / "projects" / "01-第三方专项审计费.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "budget: {total: 0.90, fiscal: 0.90, other: 0}", "money_unit: 元\nbudget: {total: 9000, fiscal: 9000, other: 0}"
    )
    path.write_text(text.replace("≤0.9 万元", "≤9000 元"), encoding="utf-8")
    code, out, err = run(data_copy)
    data = json.loads(out)
    assert data["projects"][0]["budget"]["total"] == "0.9"
    assert data["total"]["total"] == "257.68"
    assert data["weighted_spend"]["3"] == "11.74"


def test_unreadable_project_is_listed_and_left_out(data_copy):
    (data_copy / "projects" / "08-broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    code, out, err = run(data_copy)
    assert code == 1
    data = json.loads(out)
    broken = data["projects"][-1]
    assert broken["path"].endswith("08-broken.yaml") and broken["budget"] is None and broken["errors"] == 1
    assert data["total"]["total"] == "257.68"
    assert "1 project file could not be read or had form errors" in err


def test_checkpoints_missing_in_a_project_use_its_previous_checkpoint():
    plan = {6: Decimal(50), 12: Decimal(100)}
    assert [document.cumulative_at(plan, m) for m in (3, 6, 10, 12)] == [0, 50, 50, 100]


def test_single_project_file():
    code, out, _ = run(PROJECT_FILES[-1])
    data = json.loads(out)
    assert data["total"]["total"] == "200.00"
    assert data["weighted_spend"] == {"3": "10.00", "6": "30.00", "10": "60.00", "12": "100.00"}


def test_folder_without_projects(tmp_path):
    (tmp_path / "department.yaml").write_text((DATA / "department.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run(tmp_path, lang="zh")
    assert code == 2 and out == "" and "没有项目文件" in err
