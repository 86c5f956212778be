"""The command line: parses arguments and wires library parts together, nothing more.

Imports of the library happen inside the commands so that `--help` and
`--version` stay fast.
"""

from __future__ import annotations

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
    no_cache: bool = typer.Option(False, "--no-cache",
                                  help="Check every file afresh, neither reading nor writing .perfgoals_cache/."),
    jobs: int = typer.Option(0, "--jobs", "-j", min=0,
                             help="Worker processes for large sets (default 0: one per core; 1: none)."),
) -> None:
    """Check project files and report every finding with file:line:column, a rule code and a hint.

    Unchanged files are taken from .perfgoals_cache/ in the data repository (the nearest folder with
    perfgoals.yaml or .git, else the current one); --no-cache checks everything afresh.
    """
    from perfgoals import reporters
    from perfgoals.validate import validate as run

    language = _lang(lang)
    with _progress_bar() as progress:
        result = run(paths or ["data"], lang=language, jobs=jobs, cache=not no_cache, keep_models=False,
                     progress=progress)
    reporters.get(format.value)(result, sys.stdout, language)
    raise typer.Exit(result.exit_code(strict))


# A progress bar only where someone watches it, and only when the wait is long enough to need one.
PROGRESS_MIN = 500


class _progress_bar:
    """A context manager giving validate() a progress callback that draws a rich bar on stderr."""

    def __enter__(self):
        self.bar = None
        return self.update if sys.stderr.isatty() else None

    def update(self, done: int, total: int) -> None:
        if total - done < PROGRESS_MIN and self.bar is None:
            return  # small sets, and runs almost entirely answered by the cache, finish before a bar helps
        if self.bar is None:
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("perfgoals validate", total=total)
        self.bar.update(self.task, completed=done)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


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


def main() -> None:
    """Console entry point: never a raw traceback (`--debug` shows one for an internal error)."""
    import os

    # Plugin discovery reads every installed distribution's entry points at the first model; perfgoals uses
    # no pydantic plugin, and a pre-commit hook pays that scan on every commit.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
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
