"""`summary --format text`: the summary as a table for the console (rich), with the weighted spend line."""

from __future__ import annotations

import io

from perfgoals.findings import visible
from perfgoals.document import UNIT_NOTE, WEIGHTED_NOTE, Document, curve_line, summary_table
from perfgoals.writers import Options


class _Screen(io.StringIO):
    """What rich draws into: it reads the encoding (ASCII boxes outside UTF-8) from its file."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


def generate(doc: Document, options: Options) -> bytes:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    def shown(text: str) -> str:  # names from the files: no markup, no terminal escapes
        return escape(visible(text))

    s, lang = doc.summary, options.lang
    head, body, total = summary_table(s, lang)
    numeric = set(range(2, len(head)))
    t = Table(title=shown(f"{s.unit_name or ''} {UNIT_NOTE(lang)}".strip()), show_lines=False, highlight=False)
    for i, h in enumerate(head):
        t.add_column(shown(h), justify="right" if i in numeric else "left", overflow="fold")
    for i, row in enumerate(body):
        t.add_row(*map(shown, row), end_section=i == len(body) - 1)
    t.add_row(*map(shown, total), style="bold")
    screen = _Screen(options.encoding)
    # A terminal: styles (force_terminal, as the buffer is no tty) and the terminal's width (width None).
    # Otherwise rich decides as for a pipe (FORCE_COLOR and the like still count).
    console = Console(
        file=screen,
        force_terminal=True if options.terminal else None,
        width=None if options.terminal else options.width,
        highlight=False,
        soft_wrap=False,
        emoji=False,
    )
    console.print(t)
    if s.weighted:
        console.print(curve_line(s, lang), markup=False)
        console.print(f"({WEIGHTED_NOTE(lang)})", style="dim", markup=False)
    return screen.getvalue().encode("utf-8")
