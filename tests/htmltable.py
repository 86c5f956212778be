"""A small HTML reader for tests: sections, headings and tables as the reader sees them.

Tables are expanded into grids (rowspan and colspan fill every position they cover),
each position holding (text, cell id) so that tests can also tell merged cells apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"br", "col", "meta", "link", "img", "hr", "input", "circle", "line", "polyline"}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Cell:
    text: str
    tag: str
    rowspan: int
    colspan: int
    ident: int


@dataclass
class Table:
    classes: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    head_rows: int = 0  # rows inside <thead>

    def grid(self) -> list[list[Cell]]:
        out: list[list[Cell | None]] = []
        for r, row in enumerate(self.rows):
            while len(out) <= r:
                out.append([])
            col = 0
            for cell in row:
                while col < len(out[r]) and out[r][col] is not None:
                    col += 1
                for dr in range(cell.rowspan):
                    while len(out) <= r + dr:
                        out.append([])
                    line = out[r + dr]
                    while len(line) < col + cell.colspan:
                        line.append(None)
                    for dc in range(cell.colspan):
                        assert line[col + dc] is None, f"cells overlap at row {r + dr}"
                        line[col + dc] = cell
                col += cell.colspan
        return out  # type: ignore[return-value]

    def logical(self) -> list[list[str]]:
        """Each row as the reader reads it: one entry per cell, a merged cell repeated on every row it covers."""
        rows = []
        for line in self.grid():
            texts, last = [], None
            for cell in line:
                if cell is not last:
                    texts.append(cell.text if cell is not None else None)
                last = cell
            rows.append(texts)
        return rows


@dataclass
class Section:
    ident: str
    classes: list[str]
    text: str = ""
    tables: list[Table] = field(default_factory=list)
    headings: list[tuple[str, str]] = field(default_factory=list)  # (tag, text)


class Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[Section] = []
        self.scripts = 0
        self._stack: list[str] = []
        self._tables: list[Table] = []
        self._cell: Cell | None = None
        self._heading: list | None = None
        self._ids = 0
        self._in_thead = False
        self._skip = 0  # inside <style>/<title>

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag in ("style", "title"):
            self._skip += 1
        if tag == "section":
            self.sections.append(Section(a.get("id", ""), (a.get("class") or "").split()))
        elif tag == "table":
            t = Table((a.get("class") or "").split())
            self._tables.append(t)
            if self.sections:
                self.sections[-1].tables.append(t)
        elif tag == "thead":
            self._in_thead = True
        elif tag == "tr" and self._tables:
            self._tables[-1].rows.append([])
            if self._in_thead:
                self._tables[-1].head_rows += 1
        elif tag in ("td", "th") and self._tables:
            self._ids += 1
            self._cell = Cell("", tag, int(a.get("rowspan", 1)), int(a.get("colspan", 1)), self._ids)
            self._tables[-1].rows[-1].append(self._cell)
        elif tag in ("h1", "h2", "h3"):
            self._heading = [tag, ""]
        elif tag == "br":
            self._text("\n")
        if tag not in VOID:
            self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag in ("style", "title"):
            self._skip -= 1
        if tag == "table" and self._tables:
            self._tables.pop()
        elif tag == "thead":
            self._in_thead = False
        elif tag in ("td", "th") and self._cell is not None:
            self._cell.text = squash(self._cell.text)
            self._cell = None
        elif tag in ("h1", "h2", "h3") and self._heading is not None:
            if self.sections:
                self.sections[-1].headings.append((self._heading[0], squash(self._heading[1])))
            self._heading = None
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()

    def _text(self, data: str) -> None:
        if self._cell is not None:
            self._cell.text += data
        if self._heading is not None:
            self._heading[1] += data
        if self.sections:
            self.sections[-1].text += data

    def handle_data(self, data):
        if not self._skip:
            self._text(data)


def read(html: str) -> Reader:
    reader = Reader()
    reader.feed(html)
    reader.close()
    return reader
