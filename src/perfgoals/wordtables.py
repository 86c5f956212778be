"""Word documents (.docx) read as the importer reads workbooks: each 绩效目标表 in the document becomes a sheet.

The source document itself is a Word file: a title paragraph (`1.第三方专项审计费绩效目标表`), the unit line
(`644001 唐山市红十字会本级	单位：万元`) and the table laid out as the printed form, merged cells and all, perhaps
split in two tables (perfgoals' own Word output repeats the indicator grid's header as a table of its own).
Each such run of tables, with the paragraphs just above it, is laid out on an in-memory worksheet (merged
cells as merged ranges) and read by the importer's SheetReader, so Word and Excel are read by the same rules.
Every place is then named as Word shows it: `表2!第7行第3格` (the document's second table, row 7, its third
cell from the left, merged cells counted once) or `表2!上方第1段` for a paragraph above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfgoals.errors import UserError
from perfgoals.i18n import T
from perfgoals.importer import HEADERS, SheetReader, SheetResult, label_of, norm

HEAD_PARAGRAPHS = 3  # paragraphs above a table that can belong to it (title, year, unit line)
_TITLE = re.compile(r"绩效目标.*表$")


@dataclass
class Block:
    """A run of tables with nothing but empty paragraphs between them, and the paragraphs above it."""

    heads: list[str]
    tables: list[tuple[int, Any]] = field(default_factory=list)  # (number in the document, python-docx Table)

    @property
    def name(self) -> str:
        return f"表{self.tables[0][0]}"


def _body(document) -> list[tuple[str, Any]]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    items = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            items.append(("p", Paragraph(element, document)))
        elif tag == "tbl":
            items.append(("tbl", Table(element, document)))
    return items


def blocks(document) -> list[Block]:
    out: list[Block] = []
    pending: list[str] = []
    current: Block | None = None
    number = 0
    for kind, item in _body(document):
        if kind == "p":
            text = item.text.strip()
            if not text:
                continue  # an empty paragraph (perfgoals puts one between two tables) joins them
            if current is not None:
                out.append(current)
                current = None
            pending = (pending + [text])[-HEAD_PARAGRAPHS:]
            continue
        number += 1
        if current is None:
            titles = [i for i, t in enumerate(pending) if _TITLE.search(t.replace(" ", ""))]
            current = Block(pending[titles[-1] :] if titles else pending[-2:])
            pending = []
        current.tables.append((number, item))
    if current is not None:
        out.append(current)
    return [b for b in out if _is_form(b)]


def _is_form(block: Block) -> bool:
    """A table with a 绩效目标表's labels (not a table of contents or a signature block)."""
    for _, table in block.tables:
        for row in table.rows:
            for cell in row.cells:
                text = cell.text
                if norm(text) in HEADERS or label_of(text)[0] in ("code", "name", "total"):
                    return True
    return False


def fill(ws, block: Block) -> dict[str, str]:
    """Lay the block out on ws; returns each worksheet address's place in Word."""
    from openpyxl.utils import get_column_letter

    where: dict[str, str] = {}
    row = 1
    for i, text in enumerate(block.heads, 1):
        parts = [p for p in re.split(r"\t+|\s{3,}", text) if p.strip()]  # `code name<TAB>单位：万元`
        for col, part in enumerate(parts, 1):
            ws.cell(row, col, part.strip())
            where[f"{get_column_letter(col)}{row}"] = f"{block.name}!上方第{i}段"
        row += 1
    for number, table in block.tables:
        rows = [r.cells for r in table.rows]  # kept alive: a merged cell is the same element in every row it spans
        spans: dict[int, list] = {}
        for r, cells in enumerate(rows):
            visible = 0  # the cell's place in its row as Word shows it: merged cells count once
            for c, cell in enumerate(cells):
                key = id(cell._tc)
                if c == 0 or key != id(cells[c - 1]._tc):
                    visible += 1
                if key in spans:
                    span = spans[key]
                    span[2], span[3] = max(span[2], r), max(span[3], c)
                else:
                    spans[key] = [r, c, r, c, cell.text, visible]
        for r0, c0, r1, c1, text, visible in spans.values():
            top = row + r0
            ws.cell(top, c0 + 1, text.strip() or None)
            if (r1, c1) != (r0, c0):
                ws.merge_cells(start_row=top, start_column=c0 + 1, end_row=row + r1, end_column=c1 + 1)
            where[f"{get_column_letter(c0 + 1)}{top}"] = f"表{number}!第{r0 + 1}行第{visible}格"
        row += len(rows)
    return where


def read_document(path: str | Path, lang: str = "en", default_year: int | None = None) -> list[SheetResult]:
    """Each 绩效目标表 of a Word document as the importer's SheetResult, its places named as in Word."""
    from perfgoals.extras import require

    docx = require("docx")
    openpyxl = require("openpyxl")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a file that is not a .docx
        old = Path(path).suffix.lower() in (".doc", ".wps")
        hint = T(
            "（旧版 .doc 请先在 Word 中另存为 .docx）" if old else "", " (save a .doc as .docx first)" if old else ""
        )
        raise UserError(
            T(
                f"无法读取 {path}：不是 .docx 文档{hint.zh}（{type(exc).__name__}）",
                f"cannot read {path}: not a .docx document{hint.en} ({type(exc).__name__})",
            )
        ) from None
    if default_year is None:
        default_year = document_year(document)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    results = []
    for block in blocks(document):
        ws = wb.create_sheet(block.name)
        where = fill(ws, block)
        result = SheetReader(ws, None).read(default_year)
        results.append(_in_word(result, where))
    return results


_YEAR = re.compile(r"((?:19|20|21)\d{2})\s*年")


def document_year(document) -> int | None:
    """The year a document is for, when its title says it (`唐山市红十字会本级 2023 年预算绩效目标`, the title
    perfgoals gives its Word files, or the first lines of a hand-made one); a table's own year wins."""
    texts = [document.core_properties.title or ""]
    texts += [p.text for p in document.paragraphs[:5]]
    for text in texts:
        m = _YEAR.search(text)
        if m:
            return int(m.group(1))
    return None


def _in_word(result: SheetResult, where: dict[str, str]) -> SheetResult:
    """The result with every worksheet address replaced by its place in Word (`表2!第7行第3格`)."""
    result.origins = {path: where.get(address, address) for path, address in result.origins.items()}
    for problem in result.problems:
        place = where.get(problem.address)
        if place is not None:
            problem.sheet, _, problem.address = place.partition("!")
    return result
