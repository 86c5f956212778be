"""The Jinja set-up the HTML and Markdown writers share, and the escaping their templates use.

The user's --templates folder comes first on the search path; the built-in templates ship
inside the package.  Any fault in a template becomes a UserError naming the template and line.
With a --templates folder the environment is Jinja's SandboxedEnvironment: a template from a pull
request cannot reach Python's internals (`cycler.__init__.__globals__.os.popen` is a template error);
the built-in templates render the same in it.
"""

from __future__ import annotations

import os
import re
import traceback
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from perfgoals import inputs
from perfgoals.document import GRID_HEAD, cn_number, indicator_phrase
from perfgoals.errors import UserError
from perfgoals.i18n import T

BUILTIN_TEMPLATES = Path(__file__).parent.parent / "templates"

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


# What str.splitlines() breaks lines at: a text without any is one line (nearly every cell of a table).
_LINE_BREAK = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def html_lines(text: Any) -> Markup:
    """Escaped text whose line breaks stay line breaks in a cell."""
    text = str(text).strip()
    if _LINE_BREAK.search(text) is None:  # one line: the join below gives the same, ~3 times slower
        return escape(text)
    return Markup("<br>").join(escape(line) for line in text.splitlines())


# --- the Jinja environment -------------------------------------------------------------


def environment(fmt: str, templates: str | os.PathLike | None = None) -> jinja2.Environment:
    """The environment for `fmt` ("html" autoescapes, "md" does not), the user's folder first."""
    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        inputs.refuse("a templates folder")  # perfgoals.replay: Jinja reads it, the notes do not see what
        folder = Path(templates)
        if not folder.is_dir():
            raise UserError(T(f"模板文件夹不存在：{folder}", f"templates folder not found: {folder}"))
        loaders.append(jinja2.FileSystemLoader(str(folder), encoding="utf-8"))
    loaders.append(jinja2.FileSystemLoader(str(BUILTIN_TEMPLATES), encoding="utf-8"))
    if templates is not None:
        from jinja2.sandbox import SandboxedEnvironment

        kind: type[jinja2.Environment] = SandboxedEnvironment
    else:
        kind = jinja2.Environment
    env = kind(
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


def render_template(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render one template; any template fault becomes a UserError naming the template and line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise UserError(_template_message(where, exc.lineno, exc.message or str(exc))) from None
    except jinja2.TemplateNotFound as exc:
        raise UserError(T(f"找不到模板 {exc.name}", f"template {exc.name} not found")) from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        where, line = _template_frame(exc)
        raise UserError(_template_message(where or name, line, str(exc))) from None


def _template_message(where: str, line: int | None, detail: str) -> T:
    at = f"{where}:{line}" if line else where
    return T(f"模板错误 {at}：{detail}", f"template error at {at}: {detail}")


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    # Jinja rewrites tracebacks so that template frames carry the template's file and line.
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".j2", ".html", ".md")):
            return frame.filename, frame.lineno
    return None, None
