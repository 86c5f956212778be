"""The public library API: the names here are what a program may rely on (README, "As a library").

    from perfgoals.api import validate, load, render_document

    report = validate(["data"], lang="zh")        # a Report: files, findings, errors, warnings, as_dict()
    for f in report.findings:                     # Finding: code, severity, path, line, column, message, hint
        print(f.path, f.line, f.code, f.message)
    project = load("data/projects/01-….yaml")     # a LoadedFile: model (or None) and its problems
    html = render_document("data", "html")        # bytes of the official document

Every other module is internal and may change in any release.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from perfgoals import writers
from perfgoals.errors import UserError
from perfgoals.findings import Finding, Severity
from perfgoals.i18n import T
from perfgoals.load import LoadedFile, load_file
from perfgoals.render import _document
from perfgoals.report import Report
from perfgoals.validate import check_text, validate
from perfgoals.workspace import display, file_kind

__all__ = ["Finding", "LoadedFile", "Report", "Severity", "check_text", "load", "render_document", "validate"]


def load(path: str | os.PathLike, backend: str = "libyaml") -> LoadedFile:
    """One project or department file as its model (None when it does not validate) and its problems;
    never raises for bad input (the rules are `validate`'s)."""
    return load_file(Path(path), display(path), file_kind(path), backend=backend)


def render_document(
    path: str | os.PathLike = "data",
    fmt: str = "html",
    lang: str = "zh",
    templates: str | os.PathLike | None = None,
    allow_errors: bool = False,
) -> bytes:
    """The official document of a folder (Part 1 and every table) or of one project file, in a format of
    `perfgoals render` (html, md, docx, xlsx, pdf).  A UserError when the files have errors (unless
    allow_errors), when nothing can be rendered, or when the format's extra is not installed."""
    writer = writers.DOCUMENT[fmt]
    report = validate([path], lang=lang)
    told = io.StringIO()
    doc = _document(report, Path(path).is_file(), allow_errors, lang, told)
    if isinstance(doc, int):
        raise UserError(T(told.getvalue().strip(), told.getvalue().strip()), doc)
    return writer.load()(doc, writers.Options(lang=lang, templates=templates))
