"""perfgoals render: what a reviewer sees in the HTML and what a wiki shows from the Markdown."""

from __future__ import annotations

import io
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import DATA, REPO
from htmltable import read, squash
from perfgoals import render
from perfgoals.writers import templating

# The seven tables as printed in the source document (seeds/000_…): title, code, budget figures
# as printed (其他资金 is an empty cell throughout), purpose, spend plan and goal.
SEED = [
    (
        "1.第三方专项审计费绩效目标表",
        "13020023P00707510213P",
        "第三方专项审计费",
        "0.90",
        "审计 2022 年红十字会捐赠账户。",
        ["30%", "60%", "80%", "100%"],
        "按照红十字会公开透明要求，审计 2022 年红十字会捐赠账户",
    ),
    (
        "2.高校大学生应急救护初级培训绩效目标表",
        "13020023P000T0010002X",
        "高校大学生应急救护初级培训",
        "6.73",
        "高校应急救护初级培训",
        ["0%", "20%", "50%", "100%"],
        "培训高校救护师资 120 名，救护员 1000 名。",
    ),
    (
        "3.红十字会法、宣传读本等绩效目标表",
        "13020023P00683710280R",
        "红十字会法、宣传读本等",
        "0.45",
        "用于印刷红十字会法、宣传读本等",
        ["20%", "60%", "80%", "100%"],
        "宣传红十字会法，提高红十字会影响力。",
    ),
    (
        "4.红十字会网站和微信公众号维护绩效目标表",
        "13020023P00683310333U",
        "红十字会网站和微信公众号维护",
        "24.10",
        "用于维护唐山市红十字会网站及微信公众号，网站改版及运维安全。",
        ["30%", "50%", "80%", "100%"],
        "保障网站安全",
    ),
    (
        "5.全市基层建设工作推进暨核心能力培训会绩效目标表",
        "13020023P00683110220G",
        "全市基层建设工作推进暨核心能力培训会",
        "0.50",
        "召开全市基层建设工作推进会",
        ["30%", "60%", "80%", "100%"],
        "提升全市红十字系统工作，促进红十字事业高质量发展。",
    ),
    (
        "6.应急救护培训绩效目标表",
        "13020023P006831102214",
        "应急救护培训",
        "25.00",
        "应急救护培训",
        ["10%", "40%", "80%", "100%"],
        "培训救护员 4000 人，普及培训 6000 人。",
    ),
    (
        "7.医疗救助援助启动资金绩效目标表",
        "13020023P00712110016W",
        "医疗救助援助启动资金",
        "200.00",
        "疑难重症医疗援助专项基金，用于救助疑难重症医疗援助体系认定的困难群众。",
        ["10%", "30%", "60%", "100%"],
        "按照疑难重症医疗援助体系建设工作指挥部要求，对疑难重症医疗援助体系认定的困难群众予以人道救助。",
    ),
]
CHECKPOINTS = ["3 月底", "6 月底", "10 月底", "12 月底"]
GRID_HEAD = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
PROJECT_FILES = sorted((DATA / "projects").glob("*.yaml"))


def render_text(path, fmt="html", **kw) -> str:
    out, err = io.StringIO(), io.StringIO()
    code = render.run(str(path), fmt, None, kw.get("templates"), kw.get("allow_errors", False), "en", out, err)
    assert code == 0, err.getvalue()
    return out.getvalue()


def cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "perfgoals", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def indicator_rows(project_file: Path) -> list[list[str]]:
    """The grid rows a reader expects, straight from the YAML (not through perfgoals' model)."""
    data = yaml.safe_load(project_file.read_text(encoding="utf-8"))
    rows = []
    for level1, group in data["indicators"].items():
        for level2, items in group.items():
            for item in items:
                rows.append(
                    [
                        level1,
                        level2,
                        item["name"],
                        item.get("description") or item["name"],
                        str(item["target"]),
                        item.get("basis") or "",
                    ]
                )
    return rows


@pytest.fixture(scope="module")
def document_html() -> str:
    return render_text("data")


@pytest.fixture(scope="module")
def document_md() -> str:
    return render_text("data", "md")


# --- HTML: every value in its cell -------------------------------------------------------------


def test_every_table_value_is_in_its_cell(document_html):
    page = read(document_html)
    assert page.scripts == 0
    projects = [s for s in page.sections if "project" in s.classes]
    assert len(projects) == len(SEED) == len(PROJECT_FILES)
    for section, seed, project_file in zip(projects, SEED, PROJECT_FILES):
        title, code, name, budget, purpose, plan, goal = seed
        assert section.headings[0] == ("h2", title)
        assert "644001 唐山市红十字会本级" in section.text and "单位：万元" in section.text
        head, grid = section.tables
        rows = head.logical()
        assert rows[0] == ["项目编码", code, "项目名称", name]
        assert rows[1] == ["预算规模及资金用途", "预算数", budget, "其中：财政资金", budget, "其他资金", ""]
        assert rows[2] == ["预算规模及资金用途", purpose]
        assert rows[3] == ["资金支出计划（%）", *CHECKPOINTS]
        assert rows[4] == ["资金支出计划（%）", *plan]
        assert rows[5] == ["绩效目标", goal]
        assert len(rows) == 6
        # The grid: its header row repeats on every printed page (thead), then one row per indicator.
        assert grid.head_rows == 1
        logical = grid.logical()
        assert logical[0] == GRID_HEAD
        assert logical[1:] == indicator_rows(project_file)


def test_level_cells_are_merged_as_in_the_printed_form(document_html):
    page = read(document_html)
    first = next(s for s in page.sections if s.ident == "project-1")
    grid = first.tables[1].grid()[1:]
    # 产出指标 covers its four rows with one cell; each 二级 cell covers one row here.
    assert len({id(row[0]) for row in grid[:4]}) == 1 and grid[0][0].rowspan == 4
    assert grid[4][0] is not grid[3][0]
    assert len({id(row[1]) for row in grid[:4]}) == 4


def test_part1_from_department_yaml(document_html):
    dept = yaml.safe_load((DATA / "department.yaml").read_text(encoding="utf-8"))
    page = read(document_html)
    part1 = next(s for s in page.sections if s.ident == "part1")
    assert [h for _, h in part1.headings[:2]] == ["第一部分 部门整体绩效目标", "一、总体绩效目标"]
    text = squash(part1.text)
    assert squash(dept["overall_goal"]) in text
    order = [text.index("二、分项绩效目标"), text.index("三、工作保障措施")]
    assert order == sorted(order)
    numerals = "一二三四"
    for i, sub in enumerate(dept["sub_goals"]):
        start = text.index(f"（{numerals[i]}）{sub['name']}")
        end = text.index(f"（{numerals[i + 1]}）") if i + 1 < len(dept["sub_goals"]) else order[1]
        block = text[start:end]
        assert f"绩效目标：{sub['goal']}" in block
        for ind in sub["indicators"]:
            assert ind["name"] in block and ind["target"] in block
    # Spacing as printed: a number after a name gets a space, a Chinese phrase does not.
    assert "培训救护员 5000 人次。" in text and "博爱送万家全年不少于 1100 个家庭；" in text
    for i, item in enumerate(dept["safeguards"]):
        assert f"（{numerals[i]}）{item['title']}" in text and item["text"] in text
    part2 = next(s for s in page.sections if s.ident == "part2")
    assert part2.headings == [("h1", "第二部分 预算项目绩效目标")]


def test_html_is_self_contained_and_printable(document_html):
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", document_html)
    assert "@import" not in document_html and "url(" not in document_html
    assert '<meta charset="utf-8">' in document_html
    assert "size: A4" in document_html and "table-header-group" in document_html
    assert "break-before: page" in document_html
    for family in ("SimSun", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei"):
        assert family in document_html


def test_single_project_file_renders_its_table_alone():
    html = render_text(PROJECT_FILES[0])
    page = read(html)
    assert [s.ident for s in page.sections] == ["project-1"]
    assert page.sections[0].headings[0] == ("h2", "第三方专项审计费绩效目标表")
    assert "第一部分" not in html and "第二部分" not in html


def test_rendering_is_deterministic(tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert cli("render", "data", "-o", str(a)).returncode == 0
    assert cli("render", "data", "-o", str(b)).returncode == 0
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() == render_text("data").encode("utf-8")


# --- golden files --------------------------------------------------------------------------------


def test_golden_html(golden, document_html):
    golden("document.html", document_html)


def test_golden_markdown(golden, document_md):
    golden("document.md", document_md)


# --- Markdown ------------------------------------------------------------------------------------


def md_cells(line: str) -> list[str]:
    """Split a GFM table row on unescaped pipes, as GitHub does."""
    assert line.startswith("| ") and line.endswith(" |"), line
    return [c.strip() for c in re.split(r"(?<!\\)\|", line[1:-1])]


def md_unescape(cell: str) -> str:
    return re.sub(r"\\([\\`*_\[\]<>|~#&])", r"\1", cell).replace("<br>", " ")


def test_markdown_tables_match_the_data(document_md):
    sections = document_md.split("\n## ")
    for seed, project_file in zip(SEED, PROJECT_FILES):
        title, code, name, budget, purpose, plan, goal = seed
        block = next(s for s in sections if md_unescape(s.splitlines()[0]) == title)
        lines = block.splitlines()
        assert "644001 唐山市红十字会本级　　单位：万元" in lines
        table = [md_cells(ln) for ln in lines if ln.startswith("| ")]
        assert table[0] == ["项目编码", "项目名称", "预算数", "其中：财政资金", "其他资金"]
        assert table[2] == [code, name, budget, budget, ""]
        assert table[3] == CHECKPOINTS and table[5] == plan
        assert f"**资金用途**：{purpose}" in lines and f"**绩效目标**：{goal}" in lines
        grid = table[6:]
        assert grid[0] == GRID_HEAD
        expected, previous = [], [None, None]
        for row in indicator_rows(project_file):
            shown = list(row)
            # A 一级/二级 cell repeated under the first is left blank.
            if row[0] == previous[0]:
                shown[0] = ""
                if row[1] == previous[1]:
                    shown[1] = ""
            previous = row[:2]
            expected.append(shown)
        assert [[md_unescape(c) for c in r] for r in grid[2:]] == expected


def test_markdown_headings_follow_the_document(document_md):
    headings = [ln for ln in document_md.splitlines() if ln.startswith("#")]
    assert headings[:3] == ["# 第一部分 部门整体绩效目标", "## 一、总体绩效目标", "## 二、分项绩效目标"]
    assert "# 第二部分 预算项目绩效目标" in headings
    assert (
        headings[-1] == "## 7\\.医疗救助援助启动资金绩效目标表" or headings[-1] == "## 7.医疗救助援助启动资金绩效目标表"
    )
    assert "\n\n\n" not in document_md and document_md.endswith("|\n")


def test_markdown_escapes_formula_characters(document_md):
    # 应急救护培训's description contains `*`, which would start emphasis.
    assert "培训出勤率=实际出勤学员数量/参加培训学员数量\\*100%" in document_md


# --- hostile text --------------------------------------------------------------------------------

HOSTILE_NAME = "<script>alert('x')</script> | 测试*项目*"


@pytest.fixture
def hostile(tmp_path) -> Path:
    text = (DATA / "projects" / "01-第三方专项审计费.yaml").read_text(encoding="utf-8")
    text = text.replace("name: 第三方专项审计费", f'name: "{HOSTILE_NAME}"')
    text = text.replace(
        "purpose: 审计 2022 年红十字会捐赠账户。", 'purpose: "a | b <img src=x onerror=alert(1)> [链接](http://x)"'
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_hostile_text_is_inert_in_html(hostile):
    html = render_text(hostile)
    assert "<script" not in html and "<img" not in html
    page = read(html)
    assert page.scripts == 0
    head = page.sections[0].tables[0].logical()
    assert head[0][3] == HOSTILE_NAME
    assert head[2][1] == "a | b <img src=x onerror=alert(1)> [链接](http://x)"
    assert page.sections[0].headings[0] == ("h2", f"{HOSTILE_NAME}绩效目标表")


def test_hostile_text_is_inert_in_markdown(hostile):
    md = render_text(hostile, "md")
    # No raw HTML tag and no link survive: every `<`, `[` and `]` is backslash-escaped.
    assert not re.search(r"(?<!\\)[<\[\]]", md)
    assert "\\<script\\>" in md
    row = next(ln for ln in md.splitlines() if ln.startswith("| 13020023P00707510213P"))
    cells = md_cells(row)
    assert len(cells) == 5  # the `|` in the name did not open a sixth column
    assert md_unescape(cells[1]) == HOSTILE_NAME


def test_markdown_paragraph_cannot_become_a_list_or_heading():
    assert templating.md_paragraph("1. 第一\n# 标题\n- 项") == "1\\. 第一\n\\# 标题\n\\- 项"
    assert templating.md_cell("a\nb|c") == "a<br>b\\|c"


# --- templates ------------------------------------------------------------------------------------


def test_user_template_overrides_one_and_keeps_the_rest(tmp_path):
    builtin = (templating.BUILTIN_TEMPLATES / "project.html.j2").read_text(encoding="utf-8")
    custom = builtin.replace(
        '<h2 class="table-title">{{ project.title }}</h2>', '<h2 class="table-title">河北省 {{ project.title }}</h2>'
    )
    assert custom != builtin
    (tmp_path / "project.html.j2").write_text(custom, encoding="utf-8")
    result = cli("render", "data", "--templates", str(tmp_path))
    assert result.returncode == 0, result.stderr
    page = read(result.stdout)
    titles = [s.headings[0][1] for s in page.sections if "project" in s.classes]
    assert titles == [f"河北省 {seed[0]}" for seed in SEED]
    # Part 1, the stylesheet and the grid macro still come from the built-in templates.
    assert "部门整体绩效目标" in result.stdout and "size: A4" in result.stdout
    assert all(s.tables[1].logical()[0] == GRID_HEAD for s in page.sections if "project" in s.classes)


def test_broken_template_is_one_clear_message(tmp_path):
    (tmp_path / "project.md.j2").write_text("## {{ project.title }}\n\n{% if %}\n", encoding="utf-8")
    result = cli("render", "data", "--format", "md", "--templates", str(tmp_path), "--lang", "en")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("perfgoals: template error at ") and "project.md.j2:3" in result.stderr
    assert result.stdout == ""


def test_undefined_name_in_template_names_the_line(tmp_path):
    (tmp_path / "project.md.j2").write_text("## {{ project.title }}\n{{ project.no_such_field }}\n", encoding="utf-8")
    result = cli("render", "data", "-f", "md", "--templates", str(tmp_path), "--lang", "zh")
    assert result.returncode == 2, result.stderr
    assert "模板错误" in result.stderr and "project.md.j2:2" in result.stderr and "no_such_field" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_templates_folder(tmp_path):
    result = cli("render", "data", "--templates", str(tmp_path / "nope"), "--lang", "en")
    assert result.returncode == 2
    assert result.stderr.strip() == f"perfgoals: templates folder not found: {tmp_path / 'nope'}"


# --- the command: errors, paths, writing ------------------------------------------------------------


def test_refuses_to_render_a_set_with_errors(data_copy, tmp_path):
    broken = data_copy / "projects" / "01-第三方专项审计费.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("fiscal: 0.90", "fiscal: 0.80"), encoding="utf-8")
    out = tmp_path / "out.html"
    result = cli("render", str(data_copy), "-o", str(out), "--lang", "en")
    assert result.returncode == 1
    assert not out.exists()
    validate = cli("validate", str(data_copy), "--lang", "en")
    # The findings are printed as validate prints them, then one line saying why nothing was written.
    assert result.stderr.startswith(validate.stdout)
    assert "--allow-errors" in result.stderr.splitlines()[-1]
    forced = cli("render", str(data_copy), "-o", str(out), "--allow-errors", "--lang", "en")
    assert forced.returncode == 0, forced.stderr
    assert "第三方专项审计费绩效目标表" in out.read_text(encoding="utf-8")


def test_allow_errors_leaves_out_a_file_that_cannot_be_read(data_copy):
    (data_copy / "projects" / "08-broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    result = cli("render", str(data_copy), "--allow-errors", "--lang", "en")
    assert result.returncode == 0
    assert "08-broken.yaml could not be read, left out" in result.stderr
    assert len([s for s in read(result.stdout).sections if "project" in s.classes]) == 7


@pytest.mark.parametrize("command", ["render", "summary"])
@pytest.mark.parametrize("lang, text", [("en", "the path does not exist"), ("zh", "路径不存在")])
def test_bad_path_is_a_clear_message(command, lang, text):
    result = cli(command, "no/such/folder", "--lang", lang)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert result.stderr.startswith("no/such/folder\n") and text in result.stderr


def test_output_is_written_atomically_and_keeps_its_mode(tmp_path):
    out = tmp_path / "build" / "targets.md"
    first = cli("render", "data", "-f", "md", "-o", str(out), "--lang", "en")
    assert first.returncode == 0, first.stderr
    assert "wrote" in first.stderr and first.stdout == ""
    os.chmod(out, 0o640)
    out.write_text("old", encoding="utf-8")
    assert cli("render", "data", "-f", "md", "-o", str(out)).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert out.read_text(encoding="utf-8") == render_text("data", "md")
    assert [p.name for p in out.parent.iterdir()] == ["targets.md"]  # no temporary file left behind


def test_unwritable_output_is_a_clear_message(tmp_path):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = cli("render", "data", "-o", str(folder), "--lang", "en")
    assert result.returncode == 2
    assert result.stderr.startswith(f"perfgoals: cannot write {folder}") and "Traceback" not in result.stderr


def test_validate_does_not_import_jinja():
    code = (
        "import sys\nfrom perfgoals.cli import app\nfrom typer.testing import CliRunner\n"
        "CliRunner().invoke(app, ['validate', 'data'])\nprint('jinja2' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


# --- an installed wheel ------------------------------------------------------------------------------


@pytest.mark.slow
def test_installed_wheel_renders_without_the_source_tree(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(REPO)],
        check=True,
        capture_output=True,
    )
    wheel = next(wheels.glob("perfgoals-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    # Dependencies come from this test run's environment; perfgoals itself only from the wheel.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    deps = [p for p in sys.path if p.endswith("site-packages")]
    Path(site, "_test_deps.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    work = tmp_path / "elsewhere"
    shutil.copytree(DATA, work / "data")
    result = subprocess.run(
        [str(python), "-m", "perfgoals", "render", "data", "-o", "out.html"],
        cwd=work,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stderr
    where = subprocess.run(
        [str(python), "-c", "import perfgoals; print(perfgoals.__file__)"], cwd=work, capture_output=True, text=True
    ).stdout
    assert where.startswith(site)
    html = (work / "out.html").read_text(encoding="utf-8")
    assert html == render_text("data").replace("\r\n", "\n")


# --- the Markdown as a wiki shows it (markdown-it-py, which rich already depends on) -------------------


def gfm(text: str) -> str:
    from markdown_it import MarkdownIt

    # html=True: raw HTML passes through as on GitHub, so escaping is what keeps it inert.
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(text)


def test_markdown_renders_as_tables_and_bold_labels(document_md):
    html = gfm(document_md)
    assert html.count("<table>") == 3 * len(SEED)
    # `**绩效目标：**通过` would stay literal (CommonMark flanking rules); labels close before the colon.
    assert "**" not in html
    assert html.count("<strong>绩效目标</strong>：") == 4 + len(SEED)


def test_hostile_markdown_renders_inert(hostile):
    html = gfm(render_text(hostile, "md"))
    page = read(f"<section>{html}</section>")
    assert page.scripts == 0 and "<img" not in html and "<a " not in html
    first = page.sections[0].tables[0].logical()
    assert first[1] == ["13020023P00707510213P", HOSTILE_NAME, "0.90", "0.90", ""]


def test_other_funds_print_when_present(data_copy):
    path = data_copy / "projects" / "01-第三方专项审计费.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("fiscal: 0.90, other: 0", "fiscal: 0.60, other: 0.30"),
        encoding="utf-8",
    )
    head = read(render_text(path)).sections[0].tables[0].logical()
    assert head[1] == ["预算规模及资金用途", "预算数", "0.90", "其中：财政资金", "0.60", "其他资金", "0.30"]


# Issue 5's hostile strings, in the name, the purpose, the goal and a target at once.
INJECTIONS = {
    "name": '"><img src=x onerror=alert(1)>',
    "purpose": "{{ 7*7 }} {% if true %}x{% endif %}",
    "goal": "&lt;script&gt; &amp; &#60;b&#62; **粗体** `代码`",
    "target": "<b>≥90%</b> | {{ config }}",
}


@pytest.fixture
def injected(tmp_path) -> Path:
    text = (DATA / "projects" / "03-红十字会法、宣传读本等.yaml").read_text(encoding="utf-8")
    text = text.replace("name: 红十字会法、宣传读本等", f"name: '{INJECTIONS['name']}'")
    text = text.replace("purpose: 用于印刷红十字会法、宣传读本等", f"purpose: '{INJECTIONS['purpose']}'")
    text = text.replace("goal: 宣传红十字会法，提高红十字会影响力。", f"goal: '{INJECTIONS['goal']}'")
    text = text.replace("target: 满足业务开展需要", f"target: '{INJECTIONS['target']}'")
    path = tmp_path / "injected.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_injections_render_inert_and_readable_in_html(injected):
    html = render_text(injected, allow_errors=True)
    assert "<img" not in html and "<b>" not in html and "49" not in html
    page = read(html)
    assert page.scripts == 0
    text = squash(" ".join(cell for table in page.sections[0].tables for row in table.logical() for cell in row))
    for value in INJECTIONS.values():
        assert squash(value) in text, value  # shown exactly as typed, entities and braces included


def test_injections_render_inert_and_readable_in_markdown(injected):
    md = render_text(injected, "md", allow_errors=True)
    assert "49" not in md and not re.search(r"(?<!\\)[<\[\]]", md)
    html = gfm(md)
    assert "<img" not in html and "<b>" not in html and "<strong>粗体</strong>" not in html
    page = read(f"<section>{html}</section>")
    shown = squash(
        " ".join(cell for table in page.sections[0].tables for row in table.logical() for cell in row)
        + " "
        + " ".join(page.sections[0].paragraphs if hasattr(page.sections[0], "paragraphs") else [])
    )
    for key in ("name", "target"):
        assert squash(INJECTIONS[key]) in shown, key


# One real table per shipped form profile (tests/real: transcribed as published), rendered as the form has it.
PROFILE_TABLES = {
    "tangshan": "data/projects/03-红十字会法、宣传读本等.yaml",
    "mof2015": "tests/real/mof2015/07_hubei_2020_education_infrastructure.yaml",
    "mof2021": "tests/real/mof2021/17_fujian_2025_flood_repair.yaml",
    "sichuan": "tests/real/sichuan/14_sichuan_2021_family_planning_aid.yaml",
    "anhui": "tests/real/anhui/12_anhui_2024_agri_product_testing.yaml",
    "gansu": "tests/real/gansu/50_gansu_2023_museum_free_opening.yaml",
    "core": "tests/real/core/03_hunan_2023_dust_suppression.yaml",
}


@pytest.mark.parametrize("profile", sorted(PROFILE_TABLES))
def test_each_profile_renders_its_form(profile, golden, cli):
    """Every head field the file has is printed, a form without a spend plan has no spend-plan row; the real
    tables' own defects do not stop the document (--allow-errors)."""
    result = cli("render", PROFILE_TABLES[profile], "--format", "md", "--allow-errors")
    assert result.exit_code == 0, result.stderr
    golden(f"profile-{profile}.md", result.stdout)
