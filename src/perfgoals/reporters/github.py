"""`--format github`: GitHub Actions workflow commands, one annotation per finding; paths relative to the
repository's root, which is where GitHub looks for them, wherever perfgoals runs from.  `validate` chooses
this format itself when GITHUB_ACTIONS is set and --format is not given."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from perfgoals.reporters.paths import repo_relative

if TYPE_CHECKING:
    from perfgoals.report import Report


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def report(result: Report, out: TextIO, lang: str) -> None:
    for f in result.findings:
        text = f.message + (f" — {f.hint}" if f.hint else "")
        if f.cell is not None:  # a workbook: no text line to point at, the cell names the place
            out.write(
                f"::{f.severity.value} file={_escape_prop(f.path)},title={_escape_prop(f'{f.code} {f.cell}')}"
                f"::{_escape_data(f'{f.cell}: {f.code} {text}')}\n"
            )
            continue
        out.write(
            f"::{f.severity.value} file={_escape_prop(repo_relative(f.path))},line={f.line},col={f.column},"
            f"title={_escape_prop(f.code)}::{_escape_data(f'{f.code} {text}')}\n"
        )
