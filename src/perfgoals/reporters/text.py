"""The default report: grouped by file, each finding with the source line under it."""

from __future__ import annotations

import os
from functools import lru_cache
from itertools import groupby
from typing import TYPE_CHECKING, Callable, TextIO

from unicodedata import combining, east_asian_width

from perfgoals.findings import Severity, source_lines, visible
from perfgoals.i18n import T
from perfgoals.source import SourceError
from perfgoals.workspace import read_bytes

if TYPE_CHECKING:
    from perfgoals.report import Report

_SEVERITY = {Severity.ERROR: T("错误", "error"), Severity.WARNING: T("警告", "warning")}
_HINT = T("提示", "hint")
_FILES = T("{n} 个文件", "{n} file", "{n} files")
_ERRORS = T("{n} 个错误", "{n} error", "{n} errors")
_WARNINGS = T("{n} 个警告", "{n} warning", "{n} warnings")
_CLEAN = T("没有发现问题", "no problems found")
_SUPPRESSED = T("{n} 个已忽略", "{n} suppressed")
_SUPPRESSED_HEAD = T("已忽略的问题（{n}）：", "Suppressed findings ({n}):")


def _no_lines(n: int) -> None:
    return None


@lru_cache(maxsize=4096)  # the same source lines recur across a tree's files (a warm run prints thousands)
def cell_len(text: str) -> int:
    """Terminal columns of text: CJK and other wide characters take two (what the caret must skip)."""
    if text.isascii():
        return len(text)
    return sum(0 if combining(ch) else 2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def _source_lines(path: str) -> list[str]:
    try:
        data = read_bytes(path)  # a text-mode open per file cost a reviewer's run over 1,000 files 50 ms
    except SourceError:
        return []
    return source_lines(data)


def _lines_for(path: str, group: list, quotes: dict[str, dict[int, str]] | None) -> Callable[[int], str | None]:
    """The source line a finding points at: from the lines validate kept with the file's findings when they
    hold every line asked (a warm run then reads no file), else from the file."""
    quoted = quotes.get(path) if quotes else None
    if quoted is not None and all(f.line in quoted for f in group if f.line > 0):
        return quoted.get
    lines = _source_lines(path)
    return lambda n: lines[n - 1] if 0 < n <= len(lines) else None


def _writer(out: TextIO):
    """(styled, emit): rich only for a terminal (colours) or when FORCE_COLOR asks for colours (a CI log);
    into a file or a pipe the same text goes out directly, which is what a hook or a reviewer's redirected run gets, at a fraction of rich's cost."""
    if getattr(out, "isatty", lambda: False)() or os.environ.get("FORCE_COLOR"):  # FORCE_COLOR: CI logs
        from rich.console import Console
        from rich.markup import escape

        console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)

        def styled(style: str, text: str) -> str:
            return f"[{style}]{escape(text)}[/]" if style else escape(text)

        def emit(lines: list[str]) -> None:
            console.print("\n".join(lines))
    else:

        def styled(style: str, text: str) -> str:
            return text

        def emit(lines: list[str]) -> None:
            out.write("\n".join(lines) + "\n")

    return styled, emit


def findings(items, out: TextIO, lang: str, quotes: dict[str, dict[int, str]] | None = None) -> None:
    """Findings grouped by file, each with its source line and a caret; also used by fmt and diff.
    quotes: the source lines validate kept, by file (LoadedFile.quoted)."""
    styled, emit = _writer(out)
    # What every finding repeats, styled once (a warm run over a large tree prints tens of thousands).
    severity = {
        sev: (styled(style, _SEVERITY[sev](lang)), style)
        for sev, style in ((Severity.ERROR, "bold red"), (Severity.WARNING, "bold yellow"))
    }
    bar, hint_label = styled("dim", "│"), styled("cyan", _HINT(lang))
    for path, group in groupby(items, key=lambda f: f.path):
        group = list(group)
        line_at = _no_lines if group[0].cell is not None else _lines_for(path, group, quotes)  # a workbook: cells
        block = [styled("bold underline", visible(path))]
        for f in group:
            label, style = severity[f.severity]
            where = f.cell if f.cell is not None else f"{f.line}:{f.column}"
            block.append(f"  {where}  {label}  {styled('bold', f.code)}  {styled('', visible(f.message))}")
            # A line that did not decode (PG003) would only show mojibake; a file perfgoals did not read
            # (PG000: a link out of the repository, a device) is not quoted either.
            line = line_at(f.line) if f.code != "PG000" else None
            if line is not None and len(line) <= 300 and "\ufffd" not in line:
                src = visible(line.replace("\t", " "))
                block.append(f"      {bar} {styled('', src)}")
                pad = cell_len(src[: max(f.column - 1, 0)])
                block.append(f"      {bar} {' ' * pad}{styled(style, '^')}")
            if f.hint:
                block.append(f"      {hint_label}: {styled('', visible(f.hint))}")
        block.append("")
        emit(block)


def report(result: Report, out: TextIO, lang: str) -> None:
    quotes = {f.path: f.quoted for f in result.files if f.quoted}
    findings(result.findings, out, lang, quotes)
    if result.show_suppressed and result.suppressed:
        _writer(out)[1]([_SUPPRESSED_HEAD(lang).format(n=len(result.suppressed)), ""])
        findings(result.suppressed, out, lang, quotes)
    _writer(out)[1]([summary_line(result, lang)])


def summary_line(result: Report, lang: str) -> str:
    """`8 files, 0 errors, 9 warnings` (and the suppressed, when there are)."""
    files = len([f for f in result.files if f.kind != "config"])
    counts = [(_FILES, files), (_ERRORS, result.errors), (_WARNINGS, result.warnings)]
    if result.suppressed:
        counts.append((_SUPPRESSED, len(result.suppressed)))
    summary = ", ".join(t.count(n)(lang) for t, n in counts)
    if not result.findings:
        summary += f" — {_CLEAN(lang)}"
    return summary
