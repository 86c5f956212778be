"""Writers turn a Document into the bytes of one output format; one table per kind of output.

Every writer is a module here with one function, `generate(doc: Document, options: Options) -> bytes`
(text formats give UTF-8).  To add a format: that module, and one line in its table.  The command
line offers exactly the names in these tables and reads them at start-up, so this module names
writers as "module:function" strings and imports nothing heavy.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from perfgoals.registry import resolve

if TYPE_CHECKING:
    from perfgoals.document import Document


@dataclass(frozen=True)
class Options:
    """What a writer may need besides the document."""

    lang: str = "en"  # the user's language (the summary's words; the form itself is always Chinese)
    templates: str | os.PathLike | None = None  # a folder searched before the built-in templates
    # Where console text goes (the summary's table): a terminal gets styles and its own width,
    # anything else `width` columns; box characters fall back to ASCII outside UTF-8.
    terminal: bool = False
    width: int | None = 200
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Writer:
    """A writer's "module:function" and what the command must know before calling it."""

    spec: str
    binary: bool = False  # a file, not text: the command needs -o
    needs: str | None = None  # an optional module (perfgoals.extras), checked before any work
    console: bool = False  # text for a terminal: shown through rich there (styles, old Windows consoles)
    part1: bool = True  # carries Part 1 (the department's prose); the workbook has only tables

    def load(self) -> Callable[[Document, Options], bytes]:
        return resolve(self.spec)


# `perfgoals render --format`: the official document.
DOCUMENT = {
    "html": Writer("perfgoals.writers.html:generate"),
    "md": Writer("perfgoals.writers.md:generate"),
    "docx": Writer("perfgoals.writers.docx:generate", binary=True, needs="docx"),
    "xlsx": Writer("perfgoals.writers.xlsx:generate", binary=True, needs="openpyxl", part1=False),
    "pdf": Writer("perfgoals.writers.pdf:generate", binary=True),  # WeasyPrint or Chromium: pdf.py tells
}
# `perfgoals summary --format`: a Document that carries its Summary.
SUMMARY = {
    "text": Writer("perfgoals.writers.summary_text:generate", console=True),
    "md": Writer("perfgoals.writers.summary_md:generate"),
    "html": Writer("perfgoals.writers.summary_html:generate"),
    "json": Writer("perfgoals.writers.summary_json:generate"),
}
