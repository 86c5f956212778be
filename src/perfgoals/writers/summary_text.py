"""`summary --format text`: the summary as a table for the console (rich), with the weighted spend line."""

from __future__ import annotations

import io
import os
import re

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
    s, lang = doc.summary, options.lang
    head, body, total = summary_table(s, lang)
    # Names from the files: what a terminal would act on is shown escaped, in either drawing.
    head, total = [visible(str(c)) for c in head], [visible(str(c)) for c in total]
    body = [[visible(str(c)) for c in row] for row in body]
    title = visible(f"{s.unit_name or ''} {UNIT_NOTE(lang)}".strip())
    after = [curve_line(s, lang), f"({WEIGHTED_NOTE(lang)})"] if s.weighted else []
    if not options.terminal and options.width is not None and not _styled():
        plain = _plain(title, head, body, total, after, options.width, options.encoding)
        if plain is not None:
            return plain.encode("utf-8")
    return _rich(title, head, body, total, s, options)


def _rich(title: str, head: list[str], body: list[list[str]], total: list[str], s, options: Options) -> bytes:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    shown = escape  # names from the files: made visible in generate, no markup here
    lang = options.lang
    numeric = set(range(2, len(head)))
    t = Table(title=shown(title), show_lines=False, highlight=False)
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


# --- the same table without rich, for a pipe or a file ------------------------------------------

# Environment variables that make rich style (or size) output that is not a terminal.
_RICH_ENV = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES")
# What rich would read as markup, or draw otherwise than as written: left to rich.
_NOT_PLAIN = re.compile(r"[\[\x00-\x1f\x7f]")


def _styled() -> bool:
    return any(os.environ.get(name) for name in _RICH_ENV)


def _plain(
    title: str, head: list[str], body: list[list[str]], total: list[str], after: list[str], width: int, encoding: str
) -> str | None:
    """What rich draws for this table when nothing is styled and everything fits in `width` columns (rich's
    HEAVY_HEAD box, one space of padding, numbers right-aligned, the title centred); None when rich must draw
    it: a table wider than the width (rich folds its cells), markup-like text, or an encoding without boxes.
    rich draws ~50 µs a cell, 20 s for a summary of 10,000 projects."""
    if encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
        return None
    from rich.cells import cell_len

    rows = [head, *body, total]
    if any(_NOT_PLAIN.search(cell) for row in rows for cell in row) or any(
        _NOT_PLAIN.search(t) for t in (title, *after)
    ):
        return None
    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(head))]
    table_width = sum(widths) + 3 * len(widths) + 1
    if table_width > width:
        widths = _collapse(widths, table_width - width, rows, cell_len)
        if widths is None:
            return None
        table_width = width
    if cell_len(title) > table_width or any(cell_len(t) > width for t in after):
        return None
    numeric = range(2, len(head))

    def line(row: list[str], bar: str) -> str:
        parts = [_fold(cell, widths[i], cell_len) for i, cell in enumerate(row)]
        out = []
        for n in range(max(len(p) for p in parts)):
            cells = []
            for i, part in enumerate(parts):
                cell = part[n] if n < len(part) else ""
                pad = " " * (widths[i] - cell_len(cell))
                cells.append(f" {pad}{cell} " if i in numeric else f" {cell}{pad} ")
            out.append(bar + bar.join(cells) + bar)
        return "\n".join(out)

    def rule(left: str, fill: str, cross: str, right: str) -> str:
        return left + cross.join(fill * (w + 2) for w in widths) + right

    gap = table_width - cell_len(title)
    out = [" " * (gap // 2) + title + " " * (gap - gap // 2)] if title else []
    out += [rule("┏", "━", "┳", "┓"), line(head, "┃"), rule("┡", "━", "╇", "┩")]
    out += [line(row, "│") for row in body]
    if body:
        out.append(rule("├", "─", "┼", "┤"))
    out += [line(total, "│"), rule("└", "─", "┴", "┘"), *after]
    return "\n".join(out) + "\n"


def _collapse(widths: list[int], excess: int, rows: list[list[str]], cell_len) -> list[int] | None:
    """rich's narrowing of a table too wide, in the one case drawn here: the widest column alone is narrowed
    (by no more than it is wider than the next), and each cell it folds has no space (rich folds such a cell
    at the width; with spaces it wraps at words)."""
    widest = max(widths)
    if widths.count(widest) != 1 or widest - sorted(widths)[-2] < excess:
        return None
    at = widths.index(widest)
    new = [w - excess if i == at else w for i, w in enumerate(widths)]
    if any(cell_len(row[at]) > new[at] and any(ch.isspace() for ch in row[at]) for row in rows):
        return None
    return new


def _fold(text: str, width: int, cell_len) -> list[str]:
    """The lines of a cell folded at `width` columns (a wide character that does not fit starts the next)."""
    if cell_len(text) <= width:
        return [text]
    lines, line, used = [], "", 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width and line:
            lines.append(line)
            line, used = "", 0
        line, used = line + ch, used + w
    lines.append(line)
    return lines
