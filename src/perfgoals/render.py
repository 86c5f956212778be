"""`perfgoals render`: validate, build the document, hand it to the format's writer, write the result.

The document (perfgoals.document) and the formats (perfgoals.writers, one module each) live
elsewhere; this is the command alone.  Problems the user can fix that a writer finds (a template,
a missing font or engine, a missing extra) are UserErrors, told by the command line.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from perfgoals import inputs, reporters, writers
from perfgoals.document import Document, build_document, summarize
from perfgoals.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UserError
from perfgoals.extras import require
from perfgoals.findings import Severity
from perfgoals.i18n import T
from perfgoals.report import Report
from perfgoals.validate import validate


# What a file name's suffix says the format is.
SUFFIXES = {"html": "html", "htm": "html", "md": "md", "markdown": "md", "docx": "docx", "xlsx": "xlsx", "pdf": "pdf"}


def choose_format(fmt: str | None, output: str | None) -> str:
    """--format, else what -o's suffix says, else html.  A suffix that says another format than --format is a
    usage error: `-o x.docx` with HTML in it would open as a broken Word file."""
    suffix = SUFFIXES.get(Path(output).suffix.lower().lstrip(".")) if output else None
    if fmt is None:
        return suffix or "html"
    if suffix is not None and suffix != fmt:
        raise UserError(
            T(
                f"--format {fmt} 与输出文件 {output} 的扩展名不符：去掉 --format，或把文件名改为 .{fmt}",
                f"--format {fmt} does not match the output file {output}: drop --format, or name the file .{fmt}",
            )
        )
    return fmt


def run(
    path: str,
    fmt: str | None,
    output: str | None,
    templates: str | None,
    allow_errors: bool,
    lang: str,
    out: Any,
    err: Any,
    fillable: bool = False,
    cache: bool = False,
) -> int:
    """Validate PATH, then render it; returns the exit code.  Findings and notes go to `err`.
    fillable: the workbook to fill in (perfgoals.fillin), filled with the projects, instead of the printed form.
    cache: take unchanged files' findings and models from .perfgoals_cache/ (perfgoals.cache)."""
    fmt = choose_format(fmt, output)
    if fillable and fmt != "xlsx":
        raise UserError(T("--fillable 只用于 --format xlsx", "--fillable is for --format xlsx"))
    if fillable:
        inputs.refuse("the workbook to fill in")  # perfgoals.replay: not worked out from its inputs alone
    writer = writers.DOCUMENT[fmt]
    if writer.binary and output is None:
        raise UserError(
            T(
                f"--format {fmt} 生成二进制文件，请用 -o 指定输出文件（如 -o build/targets.{fmt}）",
                f"--format {fmt} writes a binary file: give it one with -o (e.g. -o build/targets.{fmt})",
            )
        )
    if writer.needs is not None:
        require(writer.needs)  # before any work: a missing extra is a UserError naming the pip command
    report = validate([path], lang=lang, jobs=0, cache=cache)  # 0: a pool for a large set
    doc = _document(report, Path(path).is_file(), allow_errors, lang, err)
    if isinstance(doc, int):
        return doc
    if fillable:
        from perfgoals.fillin import document_workbook

        data = document_workbook([view.model for view in doc.projects], path)
    else:
        data = writer.load()(doc, options_for(out, lang, templates))
    if output is None:
        emit(data, out, writer.console)
        return EXIT_OK
    try:
        write_file(output, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        err.write(T(f"perfgoals: 无法写入 {output}：{reason}\n", f"perfgoals: cannot write {output}: {reason}\n")(lang))
        return EXIT_USAGE
    part1 = T("部门整体绩效目标和 ", "Part 1 and ")(lang) if doc.department is not None and writer.part1 else ""
    tables, warnings = TABLES.count(len(doc.projects))(lang), WARNINGS.count(report.warnings)(lang)
    if report.errors:  # --allow-errors: the closing line counts them too, as the document shows them
        warnings = f"{UNCHECKED.count(report.errors)(lang)}{warnings}"
    err.write(WROTE(lang).format(output=output, part1=part1, tables=tables, warnings=warnings))
    return EXIT_OK


TABLES = T("{n} 张项目表", "{n} project table", "{n} project tables")
WARNINGS = T("{n} 个警告", "{n} warning", "{n} warnings")
UNCHECKED = T("未通过校验：{n} 个错误，", "NOT VALID: {n} error, ", "NOT VALID: {n} errors, ")
WROTE = T(
    "perfgoals: 已写入 {output}（{part1}{tables}，{warnings}）\n",
    "perfgoals: wrote {output} ({part1}{tables}, {warnings})\n",
)


def _document(report: Report, single: bool, allow_errors: bool, lang: str, err: Any) -> Document | int:
    """The document of what validated (or, with --allow-errors, of what could be read), else the exit code."""
    if report.unreadable:
        reporters.get("text")(report, err, lang)
        return EXIT_USAGE
    if report.errors:
        reporters.get("text")(report, err, lang)
        if not allow_errors:
            err.write(
                T(
                    f"perfgoals: 有 {report.errors} 个错误，未生成文档（--allow-errors 可强制生成）\n",
                    f"perfgoals: {report.errors} errors, nothing rendered (--allow-errors renders anyway)\n",
                )(lang)
            )
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
    # A folder's document carries its summary (the workbook's summary sheet); one project file has none.
    summary = summarize(report) if report.projects and not single else None
    errors: dict[str, int] = {}
    for f in report.findings:
        if f.severity is Severity.ERROR:
            errors[f.path] = errors.get(f.path, 0) + 1
    return build_document(department, projects, single, summary, errors)


def options_for(out: Any, lang: str, templates: str | None = None) -> writers.Options:
    """The writer's options for output to `out`: console text is drawn for a terminal (styles, its width)
    or for a pipe, in the stream's encoding."""
    isatty = getattr(out, "isatty", None)
    return writers.Options(
        lang=lang,
        templates=templates,
        terminal=bool(isatty and isatty()),
        encoding=getattr(out, "encoding", None) or "utf-8",
    )


def emit(data: bytes, out: Any, console: bool = False) -> None:
    """A writer's output on standard output.  Documents get UTF-8 whatever the console's code page, so
    `> file.html` matches the charset; console text goes in the stream's own encoding."""
    if console:
        _show(data.decode("utf-8"), out)
        return
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(data)
        buffer.flush()
    else:
        out.write(data.decode("utf-8"))


def _show(text: str, out: Any) -> None:
    isatty = getattr(out, "isatty", None)
    if not (isatty and isatty()):
        out.write(text)
        return
    # On a terminal through rich, which turns the styles into what this console understands
    # (the console API on Windows consoles without ANSI support).
    from rich.console import Console
    from rich.text import Text

    body = text.removesuffix("\n")  # rich versions differ on whether from_ansi keeps a final newline
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    console.print(Text.from_ansi(body), end="\n" if body != text else "")


def write_file(path: str | os.PathLike, data: bytes) -> None:
    """-o: atomically (perfgoals.atomic), creating the folder when needed."""
    import hashlib

    from perfgoals import inputs
    from perfgoals.atomic import write_bytes

    write_bytes(path, data, make_parents=True)
    inputs.output(path, hashlib.sha256(data).hexdigest())
