"""The command line: parses arguments and wires library parts together, nothing more.

Imports of the library happen inside the commands so that `--help` and
`--version` stay fast.
"""

import gc
import os
import sys
from enum import Enum
from typing import List, Optional

# A command lives for seconds and keeps most of what it builds.  At the collector's default pace (a
# pass every 700 new objects) a warm run over 10,000 files spent a third of its time re-scanning
# results that can never be garbage; cycles are rare here, so collect them rarely.
gc.set_threshold(50_000, 20, 100)
# perfgoals uses no pydantic plugin (observability hooks); looking for them scans the entry points of
# every installed distribution, a few milliseconds of every pre-commit run.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer  # noqa: E402

from perfgoals import __version__, reporters  # noqa: E402  (tables of names: nothing heavy)


class _Group(typer.core.TyperGroup):
    """The one place a UserError (a problem the user can fix, raised anywhere in the library) is told:
    `perfgoals: <message>` on stderr in the user's language, and its exit code."""

    def parse_args(self, ctx, args):
        ctx.meta["perfgoals.argv"] = list(args)
        # click's and typer's own texts (usage errors, the help page) in the language of --lang, else the
        # user's: the Chinese catalogue of perfgoals.locale, installed before click parses or prints anything
        from perfgoals.locale import install, translate_help

        lang = _argv_lang(args)
        install(lang)
        if lang == "zh":
            translate_help(self)  # perfgoals' own help texts too (perfgoals.locale.help_zh)
        return super().parse_args(ctx, args)

    def invoke(self, ctx):
        from perfgoals.errors import UserError

        try:
            return super().invoke(ctx)
        except UserError as exc:
            text = exc.text(_argv_lang(ctx.meta.get("perfgoals.argv")))
            print(f"perfgoals: {_visible(text)}", file=sys.stderr)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_Group,
    name="perfgoals",
    help="Check, render and diff budget performance target tables (绩效目标表) kept as YAML.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Lang(str, Enum):
    zh = "zh"
    en = "en"


# The formats are the writers' tables (perfgoals.writers names them as strings: reading it is cheap).
from perfgoals import writers  # noqa: E402

DocFormat = Enum("DocFormat", {name: name for name in writers.DOCUMENT}, type=str)
SummaryFormat = Enum("SummaryFormat", {name: name for name in writers.SUMMARY}, type=str)


def _choices(name: str, table: dict) -> type[Enum]:
    """--format's choices: the names of an output table (so a new format is a module and one table line)."""
    return Enum(name, {key: key for key in table}, type=str)


ReportFormat = _choices("ReportFormat", reporters.VALIDATE)
DiffFormat = _choices("DiffFormat", reporters.DIFF)
RulesFormat = _choices("RulesFormat", {"text": None, "json": None})


def _version(value: bool) -> None:
    if value:
        print(f"perfgoals {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """perfgoals: 绩效目标表 as checked YAML. Exit codes: 0 clean, 1 findings, 2 usage or unreadable input."""


def _lang(lang: Optional[Lang]) -> str:
    if lang is not None:
        return lang.value
    from perfgoals.i18n import default_lang

    return default_lang()


# validate's longer options, declared once here to keep the command readable.
_NO_CACHE = typer.Option(
    False,
    "--no-cache",
    help="Check every file afresh, neither reading nor writing .perfgoals_cache/ (nor repeating a recorded run).",
)
_JOBS = typer.Option(
    0,
    "--jobs",
    "-j",
    min=0,
    help="Processes that check files in parallel, used only when 200 files or more are not answered by the "
    "cache (fewer are checked in this process). 0, the default: one per core that no other program is "
    "using at the start; 1: never a second process.",
)
_ANNOTATE = typer.Option(
    None, "--annotate", help="For one .xlsx workbook: write a copy with the cells that have findings marked."
)
_SHOW_SUPPRESSED = typer.Option(
    False, "--show-suppressed", help="Also list the findings that `# perfgoals: ignore[…]` comments suppress."
)
_SELECT = typer.Option(
    None, "--select", help="Only these rules: codes, prefixes (PG4), names or families (targets), comma-separated."
)
_CONFIG = typer.Option(
    None, "--config", help="One settings file (perfgoals.yaml or pyproject.toml) instead of each file's nearest."
)


@app.command()
def validate(
    paths: List[str] = typer.Argument(None, help="Files or folders to check (default: data/)."),
    format: Optional[ReportFormat] = typer.Option(
        None, "--format", "-f", show_default="text", help="Output format (github when GITHUB_ACTIONS is set)."
    ),
    strict: bool = typer.Option(False, "--strict", help="Warnings also make the exit code 1."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Message language (default: from the locale)."),
    no_cache: bool = _NO_CACHE,
    jobs: int = _JOBS,
    annotate: Optional[str] = _ANNOTATE,
    show_suppressed: bool = _SHOW_SUPPRESSED,
    select: Optional[List[str]] = _SELECT,
    extend_select: List[str] = typer.Option([], "--extend-select", help="These rules as well."),
    ignore: List[str] = typer.Option([], "--ignore", help="Not these rules."),
    statistics: bool = typer.Option(False, "--statistics", help="Print the number of findings per rule instead."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings."),
    config: Optional[str] = _CONFIG,
    watch: bool = typer.Option(False, "--watch", "-w", help="Check again on every change; print what changed."),
) -> None:
    """Check project files, or .xlsx workbooks directly, and report every finding with file:line:column (a
    workbook's: Sheet!Cell), a rule code and a hint.

    Unchanged files are taken from .perfgoals_cache/ in the data repository (the nearest folder with
    perfgoals.yaml or .git, else the current one); --no-cache checks everything afresh.
    """
    from perfgoals.validate import validate as run
    from perfgoals.workbook import validate_paths

    gc.freeze()  # what is imported lives to the end: never scanned again, and shared with forked workers
    language = _lang(lang)
    chosen = _selection(select, extend_select, ignore)
    if watch:
        _watch(paths or ["data"], language, chosen, config)
    _replayable()
    with _progress_bar() as progress:
        result = validate_paths(
            paths or ["data"],
            annotate,
            language,
            lambda files: run(
                files,
                lang=language,
                jobs=jobs,
                cache=not no_cache,
                keep_models=False,
                progress=progress,
                selection=chosen,
                config=config,
            ),
            sys.stderr,
        )
    result.show_suppressed = show_suppressed
    _tell(result, format.value if format is not None else reporters.default_format(), statistics, language)
    code = result.exit_code(strict)
    raise typer.Exit(0 if exit_zero and code == 1 else code)


def _replayable() -> None:
    """This run's output follows from its arguments, environment and the files it reads: the entry point may
    keep it for an identical run over unchanged files (perfgoals.replay)."""
    from perfgoals import inputs

    inputs.allow()


def _tell(result, name: str, statistics: bool, language: str) -> None:
    """The findings in the chosen format, or their count per rule (--statistics)."""
    if statistics:
        table = reporters.STATISTICS
        reporters.get(name if name in table else "text", table)(result, sys.stdout, language)
    else:
        reporters.get(name)(result, sys.stdout, language)


def _watch(paths: List[str], language: str, chosen, config: Optional[str]) -> None:
    """validate --watch: text reports, until Ctrl+C."""
    from perfgoals import watch
    from perfgoals.validate import validate as run

    def check():
        return run(paths, lang=language, cache=True, keep_models=False, selection=chosen, config=config)

    watch.run(paths, check, sys.stdout, language)
    raise typer.Exit(0)


def _selection(select, extend_select, ignore):
    """The command line's rule selection; a selector that names no rule is a usage error."""
    from perfgoals.errors import UserError
    from perfgoals.i18n import T
    from perfgoals.selection import Layer, unknown

    layer = Layer.of(select, extend_select, ignore)
    bad = unknown(layer.selectors())
    if bad:
        names = ", ".join(bad)
        raise UserError(
            T(
                f"没有这样的规则：{names}（写规则代码、前缀如 PG4、名称或类别；perfgoals rules 列出全部规则）",
                f"no such rule: {names} (write a code, a prefix such as PG4, a name or a family; perfgoals rules lists them)",
            )
        )
    return layer


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

            from perfgoals import inputs

            inputs.refuse("a progress bar")  # drawn for the one who watched, not a part of the output

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
    format: RulesFormat = typer.Option(RulesFormat.text, "--format", "-f", help="text or json."),
) -> None:
    """List the rule catalogue, or explain one rule with a failing and a passing example."""
    from perfgoals import explain

    language = _lang(lang)
    if code is None:
        explain.catalogue(sys.stdout, language, format.value)
        return
    if not explain.explain(code.upper(), sys.stdout, language, format.value):
        from perfgoals.errors import UserError
        from perfgoals.i18n import T

        raise UserError(
            T(f"没有规则 {code}（perfgoals rules 列出全部规则）", f"no rule {code} (perfgoals rules lists them)")
        )


@app.command()
def lsp(
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Message language (default: from the locale)."),
) -> None:
    """Run the language server over stdio: findings as you type, rule explanations on hover, quick fixes."""
    from perfgoals.extras import require

    require("pygls")
    from perfgoals.lsp import serve

    serve(_lang(lang))


@app.command("config")
def config_(
    path: str = typer.Argument("data", help="A folder or file whose settings to show (default: data/)."),
    format: RulesFormat = typer.Option(RulesFormat.text, "--format", "-f", help="text or json."),
    config: Optional[str] = typer.Option(None, "--config", help="One settings file instead of the nearest."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language (default: from the locale)."),
) -> None:
    """Show the settings in force for a folder or file, and the settings files they come from."""
    from perfgoals.effective import run

    raise typer.Exit(run(path, format.value, config, _lang(lang), sys.stdout))


@app.command()
def render(
    path: str = typer.Argument("data", help="A data folder (the whole document) or one project file."),
    format: Optional[DocFormat] = typer.Option(
        None,
        "--format",
        "-f",
        help="html, md (GitHub Markdown), docx, xlsx or pdf (these three need -o). Default: the suffix of -o, else html.",
    ),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of stdout."),
    templates: Optional[str] = typer.Option(None, "--templates", help="A folder of templates searched first."),
    allow_errors: bool = typer.Option(False, "--allow-errors", help="Render even when validation finds errors."),
    fillable: bool = typer.Option(
        False, "--fillable", help="With xlsx: the workbook to fill in (drop-down lists, locked labels), filled."
    ),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Message language (default: from the locale)."),
    watch: bool = typer.Option(False, "--watch", "-w", help="Render again on every change (needs -o)."),
    no_cache: bool = _NO_CACHE,
) -> None:
    """Render the official document (Part 1 and every project table) as HTML, Markdown, Word, Excel or PDF."""
    from perfgoals.render import run

    fmt = format.value if format is not None else None
    language = _lang(lang)

    def once() -> int:
        return run(path, fmt, output, templates, allow_errors, language, sys.stdout, sys.stderr, fillable, not no_cache)

    if watch:
        from perfgoals import watch as watching

        watching.rerun(
            [path, *([templates] if templates else [])], once, sys.stderr, language, needs_output=output is not None
        )
        raise typer.Exit(0)
    _replayable()
    raise typer.Exit(once())


@app.command()
def summary(
    path: str = typer.Argument("data", help="A data folder or one project file."),
    format: SummaryFormat = typer.Option(SummaryFormat.text, "--format", "-f", help="text, md, html or json."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language (default: from the locale)."),
    no_cache: bool = _NO_CACHE,
) -> None:
    """One row a project (budget, spend plan, indicators, findings), totals and the weighted spend curve."""
    from perfgoals.summary import run

    _replayable()
    raise typer.Exit(run(path, format.value, _lang(lang), sys.stdout, sys.stderr, cache=not no_cache))


class _PathsAfterDashDash(typer.core.TyperCommand):
    """Keeps what follows `--` apart (click folds it into the positional arguments): OLD NEW -- PATHS."""

    def parse_args(self, ctx, args):
        if "--" in args:
            at = args.index("--")
            ctx.meta["perfgoals.paths"] = args[at + 1 :]
            args = args[:at]
        return super().parse_args(ctx, args)


@app.command(cls=_PathsAfterDashDash)
def diff(
    ctx: typer.Context,
    revisions: List[str] = typer.Argument(
        None,
        metavar="[OLD [NEW]] [-- PATHS]",
        help="Git revisions (default HEAD against the working tree; A..B accepted), or two files, or two folders.",
    ),
    format: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help="text, md (merge requests) or json."),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when there are differences."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Message language (default: from the locale)."),
) -> None:
    """Show what changed in budgets, spend plans, targets (tightened or loosened) and texts, project by project."""
    from perfgoals import diff as diffing

    language = _lang(lang)
    result = diffing.run(list(revisions or []), ctx.meta.get("perfgoals.paths"), language)
    reporters.get(format.value, reporters.DIFF)(result, sys.stdout, language)
    raise typer.Exit(result.exit_code(exit_code))


@app.command()
def show(
    file: str = typer.Argument(..., help="A project or department file."),
    flat: bool = typer.Option(False, "--flat", help="One line per fact, keyed by names (the git textconv view)."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Message language (default: from the locale)."),
) -> None:
    """Show a file's facts, one per line (`--flat`); a file that does not parse is shown as it is."""
    from pathlib import Path

    from perfgoals.errors import UserError
    from perfgoals.i18n import T

    if not flat:
        raise UserError(T("请选择视图：--flat（每行一个事实）", "choose a view: --flat (one line per fact)"))
    if not Path(file).is_file():
        raise UserError(T(f"找不到文件 {file}", f"no such file: {file}"))
    from perfgoals.flat import flat_text

    sys.stdout.write(flat_text(file))


@app.command("git-setup")
def git_setup(
    pattern: List[str] = typer.Option(["data/**/*.yaml"], "--pattern", help="Files git shows through perfgoals."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Message language (default: from the locale)."),
) -> None:
    """Make `git diff` and `git log -p` show table files as facts: writes .gitattributes and the local git config."""
    from pathlib import Path

    from perfgoals.flat import git_setup as setup
    from perfgoals.i18n import T

    language = _lang(lang)
    added, command = setup(Path.cwd(), pattern)
    for line in added:
        print(T(f".gitattributes 已添加：{line}", f".gitattributes: added {line}")(language))
    print(
        T(f"git config diff.perfgoals.textconv = {command}", f"git config diff.perfgoals.textconv = {command}")(
            language
        )
    )
    print(T("git config core.quotepath = false（中文文件名原样显示）", "git config core.quotepath = false")(language))


@app.command()
def fmt(
    paths: List[str] = typer.Argument(None, help="Files or folders (default: data/)."),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 when a file would change."),
    show_diff: bool = typer.Option(False, "--diff", help="Print what would change; write nothing."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Message language (default: from the locale)."),
    jobs: int = typer.Option(
        0,
        "--jobs",
        "-j",
        min=0,
        help="Processes that format files in parallel, used only for 200 files or more. 0, the default: one "
        "per core that no other program is using at the start; 1: never a second process.",
    ),
) -> None:
    """Rewrite files in the canonical layout, keeping every comment and the meaning."""
    from perfgoals.fmt import run

    if check or show_diff:  # writing, fmt also clears what a killed run left (never part of a record)
        _replayable()
    raise typer.Exit(run(paths or ["data"], check, show_diff, _lang(lang), sys.stdout, sys.stderr, jobs))


@app.command()
def new(
    ctx: typer.Context,
    code: Optional[str] = typer.Option(None, "--code", help="Project code (项目编码)."),
    name: Optional[str] = typer.Option(None, "--name", help="Project name (项目名称)."),
    year: Optional[int] = typer.Option(None, "--year", help="Budget year (default: department.yaml's, or next year)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="File to create (default: print it)."),
    format: Optional[str] = typer.Option(
        None, "--format", "-f", help="yaml, or xlsx: a workbook to fill in (needs -o). Default: the suffix of -o."
    ),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Message language (default: from the locale)."),
) -> None:
    """Start a project file: every required category, indicators to fill in, a Chinese comment on each field."""
    from perfgoals import new as scaffolding
    from perfgoals.errors import UserError
    from perfgoals.i18n import T

    language = _lang(lang)
    kind = format or ("xlsx" if output and output.lower().endswith(".xlsx") else "yaml")
    if kind not in ("yaml", "xlsx"):
        raise UserError(T(f"--format 只能是 yaml 或 xlsx，不是 {kind}", f"--format is yaml or xlsx, not {kind}"))
    if kind == "xlsx":
        from perfgoals.fillin import create_workbook

        if output is None:
            raise UserError(T("--format xlsx 需要 -o 指定工作簿文件", "--format xlsx needs -o, the workbook to write"))
        create_workbook(code, name, year, output)
        print(
            T(
                f"已创建 {output}；在 Excel 或 WPS 中填好后运行 perfgoals validate {output}",
                f"created {output}; fill it in with Excel or WPS, then run perfgoals validate {output}",
            )(language),
            file=sys.stderr,
        )
        return
    if code is None or name is None:  # required for a YAML file: click's own usage error, as before
        missing = sys.modules[typer.BadParameter.__module__].MissingParameter
        raise missing(ctx=ctx, param_hint="--code" if code is None else "--name", param_type="option")
    text = scaffolding.create(code, name, year, output)
    if output is None:
        sys.stdout.write(text)
        return
    print(
        T(
            f"已创建 {output}；填好后运行 perfgoals validate {output}",
            f"created {output}; fill it in, then run perfgoals validate {output}",
        )(language),
        file=sys.stderr,
    )


@app.command()
def schema(
    output: str = typer.Option("schema", "--output", "-o", help="Folder for the schema files."),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 when the files are missing or stale."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Message language (default: from the locale)."),
) -> None:
    """Write the JSON Schema of project and department files (for editor completion), or check it is current.

    The project schema requires what the form profile configured for that folder (perfgoals.yaml) requires."""
    from pathlib import Path

    from perfgoals import schema as schemas
    from perfgoals.errors import UserError
    from perfgoals.i18n import T

    from perfgoals.workspace import settings_for

    language = _lang(lang)
    folder = Path(output)
    # the form profile configured where the schema goes: its required head fields are required in the schema
    profile = settings_for(folder.resolve() / "x.yaml").profile
    if check:
        bad = schemas.stale(folder, profile)
        for path, why in bad:
            word = T("缺少", "missing") if why == "missing" else T("已过期", "stale")
            print(f"{path}: {word(language)}", file=sys.stderr)
        if bad:
            print(
                T(f"运行 perfgoals schema -o {output} 重新生成", f"run perfgoals schema -o {output} to regenerate")(
                    language
                ),
                file=sys.stderr,
            )
        raise typer.Exit(1 if bad else 0)
    if folder.exists() and not folder.is_dir():
        raise UserError(T(f"{output} 不是文件夹", f"{output} is not a folder"))
    for path in schemas.write(folder, profile):
        print(T(f"已写入 {path}", f"wrote {path}")(language))


@app.command("import")
def import_(
    path: str = typer.Argument(
        ..., help="An .xlsx workbook or a .docx document: perfgoals' own layout or a hand-made 绩效目标表."
    ),
    output: str = typer.Option("data/projects", "--output", "-o", help="Folder for the project files."),
    force: bool = typer.Option(
        False,
        "--force",
        help="Overwrite other files in the way (a project already there is updated in place by its code).",
    ),
    year: Optional[int] = typer.Option(None, "--year", help="Budget year for sheets that do not say it."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Message language (default: from the locale)."),
) -> None:
    """Read a workbook into one YAML project file per sheet, then validate what was written."""
    from perfgoals.importer import run
    from perfgoals.workbook import read_any

    raise typer.Exit(run(path, output, force, year, _lang(lang), sys.stdout, sys.stderr, read=read_any))


def main() -> None:
    """Console entry point: never a raw traceback (`--debug` shows one for an internal error)."""
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    _utf8_streams()
    from perfgoals.errors import EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_USAGE, FULL_ERRNOS, WRITE_FAILED
    from perfgoals.i18n import T

    try:
        # Not standalone: a usage error comes back here to be told in the user's language.
        code = app(standalone_mode=False, prog_name="perfgoals")
    except SystemExit:
        raise
    except typer.Abort:
        print(T("perfgoals：已中止", "perfgoals: aborted")(_argv_lang()), file=sys.stderr)
        sys.exit(EXIT_FINDINGS)
    except _CLICK_ERROR as exc:
        _show_usage_error(exc)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print(T("perfgoals：已中断", "perfgoals: interrupted")(_argv_lang()), file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # an internal bug: one line, exit 2
        if isinstance(exc, OSError) and exc.errno in FULL_ERRNOS:  # no room where the output goes: not a bug
            print(WRITE_FAILED(_argv_lang()).format(reason=exc.strerror or exc), file=sys.stderr)
            sys.exit(EXIT_USAGE)
        if debug:
            import traceback

            traceback.print_exc()
        what = _visible(f"{type(exc).__name__}: {exc}")
        print(
            T(
                f"perfgoals：内部错误：{what}（加 --debug 重新运行可看到详细信息；这是 perfgoals 的缺陷，请报告）",
                f"perfgoals: internal error: {what} (run again with --debug for details)",
            )(_argv_lang()),
            file=sys.stderr,
        )
        sys.exit(EXIT_USAGE)
    sys.exit(code if isinstance(code, int) else 0)


def _utf8_streams() -> None:
    """Every stream perfgoals writes is UTF-8: a pipe or a file (git's textconv, `> report.json`) gets UTF-8
    whatever the code page (GBK bytes are invalid JSON and mojibake in git); a console that cannot show a
    character (cp1252, or GBK and ⚠) shows an escape instead of dying with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding == "utf8" or reconfigure is None:
            continue
        try:
            if stream.isatty():
                reconfigure(errors="backslashreplace")
            else:
                reconfigure(encoding="utf-8")
        except (OSError, ValueError):  # a stream already written to, or closed: leave it
            pass


# click's ClickException, whether typer vendors click (0.26 and later) or uses it (0.18–0.25).
_CLICK_ERROR = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


def _argv_lang(argv: list[str] | None = None) -> str:
    """The language of a message told outside a command: --lang as given, else the user's default."""
    from perfgoals.i18n import argv_lang

    return argv_lang(sys.argv[1:] if argv is None else argv)


def _show_usage_error(exc) -> None:
    """click's own message in English; in Chinese, what is wrong and where to look (perfgoals.locale)."""
    if _argv_lang() != "zh" or type(exc).__name__ == "NoArgsIsHelpError":  # the help page: already in Chinese
        exc.show()
        return
    from perfgoals.locale import usage_error

    print(usage_error(exc), file=sys.stderr)


def _visible(text: str) -> str:
    """A message naming a file or quoting input: control characters shown, never acted on by the terminal."""
    from perfgoals.findings import visible

    return visible(text)
