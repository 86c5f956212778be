"""`perfgoals summary`: the department's figures at a glance, in the format's writer.

The figures (perfgoals.document: Summary, summarize) and their forms (perfgoals.writers:
summary_text, summary_md, summary_html, summary_json) live elsewhere; this is the command alone.
"""

from __future__ import annotations

from typing import Any, TextIO

from perfgoals import reporters, writers
from perfgoals.document import Document, summarize
from perfgoals.errors import EXIT_USAGE
from perfgoals.i18n import T
from perfgoals.render import emit
from perfgoals.validate import validate


def run(path: str, fmt: str, lang: str, out: TextIO, err: TextIO) -> int:
    writer = writers.SUMMARY[fmt]
    report = validate([path], lang=lang)
    if report.unreadable:
        reporters.get("text")(report, err, lang)
        return EXIT_USAGE
    if not report.projects:
        err.write(T(f"perfgoals: {path} 中没有项目文件\n", f"perfgoals: no project files in {path}\n")(lang))
        return EXIT_USAGE
    s = summarize(report)
    data = writer.load()(Document(summary=s), _options(out, lang))
    if writer.console:
        show(data, out)
    else:
        emit(data, out)
    missing = [r.path for r in s.rows if r.total is None]
    if missing:
        files = "1 project file" if len(missing) == 1 else f"{len(missing)} project files"
        err.write(T(f"perfgoals：{len(missing)} 个项目文件有格式错误或无法读取，未计入合计（perfgoals validate 查看详情）\n",
                    f"perfgoals: {files} could not be read or had form errors, and are left out of the totals "
                    f"(perfgoals validate shows why)\n")(lang))
    return report.exit_code()


def _options(out: Any, lang: str) -> writers.Options:
    """Console text is drawn for where it goes: a terminal (styles, its width) or a pipe, in its encoding."""
    isatty = getattr(out, "isatty", None)
    return writers.Options(lang=lang, terminal=bool(isatty and isatty()),
                           encoding=getattr(out, "encoding", None) or "utf-8")


def show(data: bytes, out: Any) -> None:
    """Console text in the stream's own encoding; on a terminal through rich, which turns the styles into
    what that console understands (the console API on Windows consoles without ANSI support)."""
    text = data.decode("utf-8")
    isatty = getattr(out, "isatty", None)
    if not (isatty and isatty()):
        out.write(text)
        return
    from rich.console import Console
    from rich.text import Text

    body = text.removesuffix("\n")  # rich versions differ on whether from_ansi keeps a final newline
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    console.print(Text.from_ansi(body), end="\n" if body != text else "")
