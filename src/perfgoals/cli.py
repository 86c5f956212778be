"""The command line: parses arguments and wires library parts together, nothing more.

Imports of the library happen inside the commands so that `--help` and
`--version` stay fast.
"""


import sys
from enum import Enum
from typing import List, Optional

import typer

from perfgoals import __version__

app = typer.Typer(
    name="perfgoals",
    help="Check, render and diff budget performance target tables (绩效目标表) kept as YAML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class DocFormat(str, Enum):
    html = "html"
    md = "md"
    docx = "docx"
    xlsx = "xlsx"
    pdf = "pdf"


class SummaryFormat(str, Enum):
    text = "text"
    md = "md"
    html = "html"
    json = "json"


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


def _version(value: bool) -> None:
    if value:
        print(f"perfgoals {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """perfgoals: 绩效目标表 as checked YAML. Exit codes: 0 clean, 1 findings, 2 usage or unreadable input."""


def _lang(lang: Optional[Lang]) -> str:
    if lang is not None:
        return lang.value
    from perfgoals.i18n import default_lang

    return default_lang()


@app.command()
def validate(
    paths: List[str] = typer.Argument(None, help="Files or folders to check (default: data/)."),
    format: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f", help="Output format."),
    strict: bool = typer.Option(False, "--strict", help="Warnings also make the exit code 1."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Message language (default: from the locale)."),
) -> None:
    """Check project files and report every finding with file:line:column, a rule code and a hint."""
    from perfgoals import reporters
    from perfgoals.validate import validate as run

    language = _lang(lang)
    result = run(paths or ["data"], lang=language)
    reporters.get(format.value)(result, sys.stdout, language)
    raise typer.Exit(result.exit_code(strict))


@app.command()
def rules(
    code: Optional[str] = typer.Argument(None, help="A rule code, e.g. PG401, to explain it."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language (default: from the locale)."),
    format: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f", help="text or json."),
) -> None:
    """List the rule catalogue, or explain one rule with a failing and a passing example."""
    from perfgoals import explain

    language = _lang(lang)
    if code is None:
        explain.catalogue(sys.stdout, language, format.value)
        return
    if not explain.explain(code.upper(), sys.stdout, language, format.value):
        print(f"perfgoals: no rule {code} (perfgoals rules lists them)", file=sys.stderr)
        raise typer.Exit(2)


@app.command()
def render(
    path: str = typer.Argument("data", help="A data folder (the whole document) or one project file."),
    format: DocFormat = typer.Option(DocFormat.html, "--format", "-f",
                                     help="html, md (GitHub Markdown), docx, xlsx or pdf (these three need -o)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of stdout."),
    templates: Optional[str] = typer.Option(None, "--templates", help="A folder of templates searched first."),
    allow_errors: bool = typer.Option(False, "--allow-errors", help="Render even when validation finds errors."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Message language (default: from the locale)."),
) -> None:
    """Render the official document (Part 1 and every project table) as HTML, Markdown, Word, Excel or PDF."""
    from perfgoals.render import run

    raise typer.Exit(run(path, format.value, output, templates, allow_errors, _lang(lang), sys.stdout, sys.stderr))


@app.command()
def summary(
    path: str = typer.Argument("data", help="A data folder or one project file."),
    format: SummaryFormat = typer.Option(SummaryFormat.text, "--format", "-f", help="text, md, html or json."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language (default: from the locale)."),
) -> None:
    """One row a project (budget, spend plan, indicators, findings), totals and the weighted spend curve."""
    from perfgoals.summary import run

    raise typer.Exit(run(path, format.value, _lang(lang), sys.stdout, sys.stderr))


@app.command("import")
def import_(
    path: str = typer.Argument(..., help="An .xlsx workbook: perfgoals' own layout or a hand-made 绩效目标表."),
    output: str = typer.Option("data/projects", "--output", "-o", help="Folder for the project files."),
    force: bool = typer.Option(False, "--force", help="Overwrite project files that already exist."),
    year: Optional[int] = typer.Option(None, "--year", help="Budget year for sheets that do not say it."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Message language (default: from the locale)."),
) -> None:
    """Read a workbook into one YAML project file per sheet, then validate what was written."""
    from perfgoals.importer import run

    raise typer.Exit(run(path, output, force, year, _lang(lang), sys.stdout, sys.stderr))


def main() -> None:
    """Console entry point: never a raw traceback (`--debug` shows one for an internal error)."""
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        print("perfgoals: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # an internal bug: one line, exit 2
        if debug:
            import traceback

            traceback.print_exc()
        print(f"perfgoals: internal error: {type(exc).__name__}: {exc} (run again with --debug for details)",
              file=sys.stderr)
        sys.exit(2)
