"""`perfgoals render`: the official document (Part 1 and the project tables) as HTML or Markdown.

Python prepares everything a template needs (formatted money, rowspans, numbering),
so the Jinja templates only lay it out and a province can override one of them
without re-implementing the arithmetic.  The user's --templates folder comes first
on the search path; the built-in templates ship inside the package.
"""

from __future__ import annotations

import math
import os
import re
import traceback
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from perfgoals.i18n import T
from perfgoals.model import Department, Project
from perfgoals.targets import format_number

FORMATS = ("html", "md")
# Binary formats, written by their own modules; they need -o and an optional extra.
BINARY_FORMATS = {"docx": "docx", "xlsx": "openpyxl", "pdf": None}
BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
GRID_HEAD = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")


class RenderError(Exception):
    """A problem the user can fix (a template, a path); shown as one line, exit 2."""


# --- what the templates see ----------------------------------------------------------


@dataclass(frozen=True)
class GridRow:
    level1: str
    level1_span: int  # rows the 一级 cell covers; 0 when the cell above covers this row
    level2: str
    level2_span: int
    name: str
    description: str
    target: str
    basis: str


@dataclass(frozen=True)
class Checkpoint:
    month: int
    label: str  # "3 月底"
    value: str  # "30%"


@dataclass(frozen=True)
class ProjectView:
    number: int | None
    title: str
    path: str
    unit_code: str
    unit_name: str
    money_unit: str
    code: str
    name: str
    total: str
    fiscal: str
    other: str
    purpose: str
    period: str | None
    goal: str
    checkpoints: list[Checkpoint]
    rows: list[GridRow]
    # The head table's value area has `cols` equal columns so that thirds, sixths and one
    # cell per checkpoint all line up (lcm of 6 and the number of checkpoints).
    cols: int
    model: Project = field(repr=False)


def money(value: Decimal) -> str:
    return format_number(value)


def other_money(value: Decimal) -> str:
    # The official form leaves 其他资金 empty when there is none; `other: 0` prints as that empty cell.
    return "" if value == 0 else format_number(value)


def percent(value: Decimal) -> str:
    return f"{format_number(value)}%"


def checkpoint_label(month: int) -> str:
    return f"{month} 月底"


def grid_rows(project: Project) -> list[GridRow]:
    rows: list[GridRow] = []
    for level1, group in project.indicators.items():
        # An empty group still gets a row, so that nothing written in the file disappears.
        spans2 = [(level2, items) for level2, items in group.items()] or [("", [])]
        span1 = sum(max(len(items), 1) for _, items in spans2)
        first1 = True
        for level2, items in spans2:
            span2 = max(len(items), 1)
            for i, ind in enumerate(items or [None]):
                rows.append(GridRow(
                    level1, span1 if first1 else 0, level2, span2 if i == 0 else 0,
                    ind.name if ind else "", ind.shown_description if ind else "",
                    ind.target if ind else "", (ind.basis or "") if ind else "",
                ))
                first1 = False
    return rows


def project_view(project: Project, path: str, number: int | None) -> ProjectView:
    checkpoints = [Checkpoint(m, checkpoint_label(m), percent(v)) for m, v in sorted(project.spend_plan.items())]
    title = f"{project.name}绩效目标表"
    return ProjectView(
        number=number, title=f"{number}.{title}" if number is not None else title, path=path,
        unit_code=project.unit.code, unit_name=project.unit.name, money_unit=project.money_unit,
        code=project.code, name=project.name, total=money(project.budget.total),
        fiscal=money(project.budget.fiscal), other=other_money(project.budget.other), purpose=project.purpose,
        period=project.period, goal=project.goal, checkpoints=checkpoints, rows=grid_rows(project),
        cols=math.lcm(6, max(len(checkpoints), 1)), model=project,
    )


_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (section numbers of the document)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[ones] if ones else "")


def indicator_phrase(name: str, target: str) -> str:
    """Part 1 writes an indicator as one phrase: `培训救护员 5000 人次`, `圆梦助学救助不少于 400 人`."""
    target = target.strip()
    gap = " " if re.match(r"[0-9A-Za-z≥≤<>=＜＞＝+-]", target) else ""
    return f"{name}{gap}{target}"


@dataclass(frozen=True)
class Document:
    department: Department | None
    projects: list[ProjectView]
    single: bool  # one project file: its table alone, without part headings

    @property
    def title(self) -> str:
        first = self.department or (self.projects[0].model if self.projects else None)
        if first is None:
            return "绩效目标"
        if self.single and self.projects:
            return self.projects[0].title
        return f"{first.unit.name} {first.year} 年预算绩效目标"


def build_document(department: Department | None, projects: list[tuple[Project, str]], single: bool) -> Document:
    views = [project_view(p, path, None if single else i) for i, (p, path) in enumerate(projects, 1)]
    return Document(department, views, single)


# --- escaping --------------------------------------------------------------------------

# Characters that make Markdown (GFM) syntax anywhere in a line; `|` ends a table cell.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~#&])")
# Constructs that only count at the start of a line: lists, quotes, headings, setext underlines.
_MD_LINE_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+=])")


def md_inline(text: Any) -> str:
    return _MD_INLINE.sub(r"\\\1", str(text))


def _line_start(m: re.Match) -> str:
    if m.group(2) is not None:
        return f"{m.group(1)}{m.group(2)}\\{m.group(3)}"
    return f"{m.group(4)}\\{m.group(5)}"


def md_cell(text: Any) -> str:
    """One GFM table cell: escaped, on one line (a line break inside a cell is `<br>`)."""
    lines = [line.strip() for line in str(text).strip().splitlines()]
    return "<br>".join(md_inline(line) for line in lines)


def md_paragraph(text: Any) -> str:
    """Paragraph text: escaped, and a line that would start a list, quote or heading is defused."""
    lines = md_inline(str(text).strip()).split("\n")
    return "\n".join(_MD_LINE_START.sub(_line_start, line) for line in lines)


def html_lines(text: Any) -> Markup:
    """Escaped text whose line breaks stay line breaks in a cell."""
    return Markup("<br>").join(escape(line) for line in str(text).strip().splitlines())


# --- the Jinja environment -------------------------------------------------------------


def environment(fmt: str, templates: str | os.PathLike | None = None, lang: str = "en") -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        folder = Path(templates)
        if not folder.is_dir():
            raise RenderError(T(f"模板文件夹不存在：{folder}", f"templates folder not found: {folder}")(lang))
        loaders.append(jinja2.FileSystemLoader(str(folder), encoding="utf-8"))
    loaders.append(jinja2.FileSystemLoader(str(BUILTIN_TEMPLATES), encoding="utf-8"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=fmt == "html",
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(md=md_cell, md_para=md_paragraph, lines=html_lines, cn=cn_number)
    env.globals.update(GRID_HEAD=GRID_HEAD, indicator_phrase=indicator_phrase)
    return env


def render_template(env: jinja2.Environment, name: str, lang: str, **context: Any) -> str:
    """Render one template; any template fault becomes a RenderError naming the template and line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise RenderError(_template_message(lang, where, exc.lineno, exc.message or str(exc))) from None
    except jinja2.TemplateNotFound as exc:
        raise RenderError(T(f"找不到模板 {exc.name}", f"template {exc.name} not found")(lang)) from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        where, line = _template_frame(exc)
        raise RenderError(_template_message(lang, where or name, line, str(exc))) from None


def _template_message(lang: str, where: str, line: int | None, detail: str) -> str:
    at = f"{where}:{line}" if line else where
    return T(f"模板错误 {at}：{detail}", f"template error at {at}: {detail}")(lang)


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    # Jinja rewrites tracebacks so that template frames carry the template's file and line.
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".j2", ".html", ".md")):
            return frame.filename, frame.lineno
    return None, None


def render_document(doc: Document, fmt: str, lang: str = "en", templates: str | os.PathLike | None = None) -> str:
    if fmt not in FORMATS:
        raise RenderError(T(f"不支持的格式 {fmt}", f"unknown format {fmt}")(lang))
    env = environment(fmt, templates, lang)
    text = render_template(env, f"document.{fmt}.j2", lang, doc=doc, department=doc.department,
                           projects=doc.projects)
    if fmt == "md":
        # Templates stay readable with generous blank lines; Markdown needs at most one.
        text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


# --- writing -----------------------------------------------------------------------------


def write_atomic(path: str | os.PathLike, content: str | bytes) -> None:
    """-o: atomically (perfgoals.atomic), creating the folder when needed; text is UTF-8."""
    from perfgoals.atomic import write_bytes

    write_bytes(path, content if isinstance(content, bytes) else content.encode("utf-8"), make_parents=True)


# --- the command -------------------------------------------------------------------------


def emit(text: str, out: Any) -> None:
    """Standard output gets UTF-8 whatever the console's code page, so `> file.html` matches the charset."""
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        out.write(text)


def run(path: str, fmt: str, output: str | None, templates: str | None, allow_errors: bool, lang: str,
        out: Any, err: Any) -> int:
    """Validate PATH, then render it; returns the exit code.  Findings and notes go to `err`."""
    from perfgoals import reporters
    from perfgoals.validate import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, validate

    if fmt in BINARY_FORMATS:
        problem = _binary_precheck(fmt, output, lang)
        if problem:
            err.write(f"perfgoals: {problem}\n")
            return EXIT_USAGE
    report = validate([path], lang=lang)
    if report.unreadable:
        reporters.get("text")(report, err, lang)
        return EXIT_USAGE
    if report.errors:
        reporters.get("text")(report, err, lang)
        if not allow_errors:
            err.write(T(f"perfgoals: 有 {report.errors} 个错误，未生成文档（--allow-errors 可强制生成）\n",
                        f"perfgoals: {report.errors} errors, nothing rendered (--allow-errors renders anyway)\n")(lang))
            return EXIT_FINDINGS
    department = report.department.model if report.department is not None else None
    projects = [(f.model, f.path) for f in report.projects if f.model is not None]
    skipped = [f.path for f in report.projects if f.model is None]
    if report.department is not None and department is None:
        skipped.insert(0, report.department.path)
    for p in skipped:
        err.write(T(f"perfgoals: {p} 无法读取，已跳过\n", f"perfgoals: {p} could not be read, left out\n")(lang))
    if department is None and not projects:
        err.write(T("perfgoals: 没有可生成的内容\n", "perfgoals: nothing to render\n")(lang))
        return EXIT_FINDINGS
    single = Path(path).is_file()
    doc = build_document(department, projects, single)
    try:
        text = export_binary(doc, fmt, report, lang, templates) if fmt in BINARY_FORMATS else \
            render_document(doc, fmt, lang, templates)
    except RenderError as exc:
        err.write(f"perfgoals: {exc}\n")
        return EXIT_USAGE
    if output is None:
        emit(text, out)
        return EXIT_OK
    try:
        write_atomic(output, text)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        err.write(T(f"perfgoals: 无法写入 {output}：{reason}\n", f"perfgoals: cannot write {output}: {reason}\n")(lang))
        return EXIT_USAGE
    # The workbook has no Part 1 (it is prose); every other format carries it.
    part1 = T("部门整体绩效目标和 ", "Part 1 and ")(lang) if department is not None and fmt != "xlsx" else ""
    err.write(T(f"perfgoals: 已写入 {output}（{part1}{len(projects)} 张项目表，{report.warnings} 个警告）\n",
                f"perfgoals: wrote {output} ({part1}{_count(len(projects), 'project table')}, "
                f"{_count(report.warnings, 'warning')})\n")(lang))
    return EXIT_OK


def _binary_precheck(fmt: str, output: str | None, lang: str) -> str | None:
    """Before any work: a binary format needs -o, and its optional dependency."""
    from perfgoals.errors import UserError
    from perfgoals.extras import require

    if output is None:
        return T(f"--format {fmt} 生成二进制文件，请用 -o 指定输出文件（如 -o build/targets.{fmt}）",
                 f"--format {fmt} writes a binary file: give it one with -o (e.g. -o build/targets.{fmt})")(lang)
    module = BINARY_FORMATS[fmt]
    if module is not None:
        try:
            require(module)
        except UserError as exc:
            return exc.text(lang)
    return None


def export_binary(doc: Document, fmt: str, report: Any, lang: str, templates: str | None) -> bytes:
    """The .docx, .xlsx or .pdf of the document; problems the user can fix are RenderErrors."""
    if fmt == "docx":
        from perfgoals import export_docx

        return export_docx.build(doc, lang)
    if fmt == "xlsx":
        from perfgoals import export_xlsx
        from perfgoals.summary import summarize

        return export_xlsx.build(doc, summarize(report) if report.projects and not doc.single else None, lang)
    from perfgoals import export_pdf

    return export_pdf.build(render_document(doc, "html", lang, templates), lang)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
