"""The default report: grouped by file, each finding with the source line under it."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape

from perfgoals.findings import Severity
from perfgoals.validate import Report

_WORDS = {
    "zh": {"error": "错误", "warning": "警告", "hint": "提示", "files": "个文件", "errors": "个错误",
           "warnings": "个警告", "clean": "没有发现问题"},
    "en": {"error": "error", "warning": "warning", "hint": "hint", "files": "files", "errors": "errors",
           "warnings": "warnings", "clean": "no problems found", "files_1": "file", "errors_1": "error",
           "warnings_1": "warning"},
}


def _source_lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            return fh.read(4 * 1024 * 1024).splitlines()
    except OSError:
        return []


def findings(items, out: TextIO, lang: str) -> None:
    """Findings grouped by file, each with its source line and a caret; also used by fmt and diff."""
    words = _WORDS.get(lang, _WORDS["en"])
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    for path, group in groupby(items, key=lambda f: f.path):
        found = list(group)
        lines = _source_lines(path)
        console.print(f"[bold underline]{escape(path)}[/]")
        for f in found:
            style = "bold red" if f.severity is Severity.ERROR else "bold yellow"
            console.print(f"  {f.line}:{f.column}  [{style}]{words[f.severity.value]}[/]  [bold]{f.code}[/]  "
                          f"{escape(f.message)}")
            # A line that did not decode (PG003) would only show mojibake.
            if 0 < f.line <= len(lines) and len(lines[f.line - 1]) <= 300 and "\ufffd" not in lines[f.line - 1]:
                src = lines[f.line - 1].replace("\t", " ")
                console.print(f"      [dim]│[/] {escape(src)}")
                pad = cell_len(src[: max(f.column - 1, 0)])
                console.print(f"      [dim]│[/] {' ' * pad}[{style}]^[/]")
            if f.hint:
                console.print(f"      [cyan]{words['hint']}[/]: {escape(f.hint)}")
        console.print()


def report(result: Report, out: TextIO, lang: str) -> None:
    words = _WORDS.get(lang, _WORDS["en"])
    findings(result.findings, out, lang)
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    files = len([f for f in result.files if f.kind != "config"])

    def count(n: int, word: str) -> str:
        return f"{n} {words.get(word + '_1', words[word]) if n == 1 else words[word]}"

    summary = f"{count(files, 'files')}, {count(result.errors, 'errors')}, {count(result.warnings, 'warnings')}"
    if not result.findings:
        summary += f" — {words['clean']}"
    console.print(summary)
