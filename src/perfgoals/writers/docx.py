"""`render --format docx`: the document as a Word file laid out like the printed form.

A4 portrait, Part 1 in 仿宋_GB2312, each project table on its own page in 宋体, one table per
project (document.project_table: head block and indicator grid on one column grid) with a
border on every cell.  Word picks the Chinese face from `w:eastAsia`, not from the font
name python-docx sets, so every font is set through `_fonts`; the font table names a
fallback (仿宋, SimSun) for machines without the official faces.
"""

from __future__ import annotations

import io

from perfgoals.document import (
    LABEL_BREAKS,
    Document,
    ProjectView,
    Table,
    cn_number,
    indicator_phrase,
    project_table,
)
from perfgoals.extras import require
from perfgoals.writers import Options
from perfgoals.writers.package import reproducible

SONG = "宋体"
FANGSONG = "仿宋_GB2312"
LATIN = "Times New Roman"
PAGE_W, PAGE_H = 210, 297  # mm, A4 portrait
MARGIN_X, MARGIN_Y = 15, 18
TEXT_W = PAGE_W - 2 * MARGIN_X
# Faces Word substitutes when the official one is missing (w:altName in the font table).
FALLBACKS = {FANGSONG: "仿宋", SONG: "SimSun"}
CELL_PT = 10.5
CHAR_MM = CELL_PT * 25.4 / 72  # one Chinese character of 10.5 pt
CELL_MARGINS_MM = 2 * 1.9 + 1  # Word's default left and right cell margins, and a little air
# The label column holds 满意度指标 on one line (the form's share, 12 %, broke it: 满意度指/标); what it takes
# the other columns lose in proportion, a fraction of a millimetre each.
LABEL_MM = 5 * CHAR_MM + CELL_MARGINS_MM


def _fonts(rpr, east_asia: str, latin: str = LATIN) -> None:
    """Set the run or style fonts, East Asian included; theme fonts would override them, so drop those."""
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        style = rpr.find(qn("w:rStyle"))  # rFonts comes right after rStyle, before everything else
        rpr.insert(0 if style is None else 1, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _style(doc, name: str, east_asia: str, size: float, bold: bool = False) -> None:
    from docx.shared import Pt, RGBColor

    style = doc.styles[name]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _fonts(style.element.get_or_add_rPr(), east_asia)


def _font_table(doc) -> None:
    """Declare the Chinese faces with a GB2312 charset and an alternative name Word falls back to."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    part = next((rel.target_part for rel in doc.part.rels.values() if rel.reltype == RT.FONT_TABLE), None)
    if part is None:
        return
    root = parse_xml(part.blob)
    for name, alt in FALLBACKS.items():
        if any(f.get(qn("w:name")) == name for f in root.findall(qn("w:font"))):
            continue
        root.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
                f'<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
            )
        )
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _para(
    container,
    text: str = "",
    size: float | None = None,
    bold: bool = False,
    align: str | None = None,
    indent: bool = False,
    east_asia: str | None = None,
    before: float = 0,
    after: float = 0,
    page_break: bool = False,
):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if page_break:
        fmt.page_break_before = True
    if bold:
        fmt.keep_with_next = True  # a heading never stands alone at the foot of a page
    if indent:
        fmt.first_line_indent = Pt(2 * (size or 12))  # two characters, as Chinese paragraphs are set
    if align:
        fmt.alignment = {
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[align]
    for i, line in enumerate(str(text).strip().split("\n") if text else []):
        if i:
            p.add_run().add_break()
        run = p.add_run(line.strip())
        if size:
            run.font.size = Pt(size)
        run.font.bold = bold or None
        if east_asia:
            _fonts(run._r.get_or_add_rPr(), east_asia)
    return p


# Word rejects (as "unreadable content") property elements out of the schema's order; these follow them.
_AFTER = {
    "w:tblBorders": ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"),
    "w:tblLayout": ("w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"),
    "w:tcBorders": ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"),
}


def _child(parent, tag: str):
    """The parent's `tag` child, created in its schema position when missing."""
    from docx.oxml.ns import qn

    found = parent.find(qn(tag))
    if found is not None:
        return found
    child = parent.makeelement(qn(tag), {})
    for successor in _AFTER.get(tag, ()):
        anchor = parent.find(qn(successor))
        if anchor is not None:
            anchor.addprevious(child)
            return child
    parent.append(child)
    return child


def _borders(element, tag: str) -> None:
    """Single 0.5 pt black lines on every edge (table level and cell level, so merged cells keep them)."""
    from docx.oxml.ns import qn

    borders = _child(element, tag)
    edges = ("top", "left", "bottom", "right") + (("insideH", "insideV") if tag == "w:tblBorders" else ())
    for edge in edges:
        e = borders.find(qn(f"w:{edge}"))
        if e is None:
            e = borders.makeelement(qn(f"w:{edge}"), {})
            borders.append(e)
        e.set(qn("w:val"), "single")
        e.set(qn("w:sz"), "4")
        e.set(qn("w:space"), "0")
        e.set(qn("w:color"), "000000")


def _project(doc, view: ProjectView, first: bool) -> None:
    from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    _para(doc, view.title, size=15, bold=True, align="center", after=6, page_break=not first, east_asia=SONG)
    if view.errors:
        mark = _para(doc, view.unchecked, size=10.5, bold=True, align="center", after=2, east_asia=SONG)
        mark.runs[0].font.color.rgb = RGBColor(0xCC, 0, 0)
    unit = _para(doc, "", size=10.5, after=2)
    unit.paragraph_format.keep_with_next = True  # the title and the unit line stay with the table
    unit.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_W), WD_TAB_ALIGNMENT.RIGHT)
    run = unit.add_run(f"{view.unit_code} {view.unit_name}\t单位：{view.money_unit}")
    run.font.size = Pt(10.5)

    layout: Table = project_table(view)
    # Two tables on one column grid, as the HTML has: Word repeats only rows at the top of a table, so the
    # indicator grid starts its own, with its header row repeated on every page it runs onto.
    _table(doc, layout, 0, layout.header_row)
    # Without a paragraph between them Word would join the two tables; a hidden one takes no room.
    gap = _para(doc, "", after=0)
    gap.paragraph_format.line_spacing = Pt(1)
    gap.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    ppr = gap._p.get_or_add_pPr()
    snap = _element("w:snapToGrid")  # off the CJK line grid, which would give the line a full grid pitch
    snap.set(qn("w:val"), "0")
    ppr.insert(0, snap)
    mark = ppr.makeelement(qn("w:rPr"), {})
    mark.append(_element("w:vanish"))
    size = _element("w:sz")
    size.set(qn("w:val"), "2")  # 1 pt: what a renderer that shows hidden marks still gives the line
    mark.append(size)
    gap._p.get_or_add_pPr().append(mark)
    grid = _table(doc, layout, layout.header_row, layout.rows)
    grid.rows[0]._tr.get_or_add_trPr().append(_element("w:tblHeader"))


def _element(tag: str):
    from docx.oxml import OxmlElement

    return OxmlElement(tag)


def _table(doc, layout: Table, first: int, stop: int):
    """The layout's rows first..stop-1 as one Word table with a border on every cell."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Mm

    ncols = len(layout.widths)
    table = doc.add_table(rows=stop - first, cols=ncols, style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    _child(tbl_pr, "w:tblLayout").set(qn("w:type"), "fixed")
    _borders(tbl_pr, "w:tblBorders")
    mm = column_widths(layout)
    widths = [Mm(w) for w in mm]
    for col, width in zip(table.columns, widths):
        col.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
        row._tr.get_or_add_trPr().append(_element("w:cantSplit"))  # a row never breaks across pages
    for spec in layout.cells:
        if not first <= spec.row < stop:
            continue
        cell = table.cell(spec.row - first, spec.col)
        if spec.rowspan > 1 or spec.colspan > 1:
            cell = cell.merge(table.cell(spec.row - first + spec.rowspan - 1, spec.col + spec.colspan - 1))
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        # A 21-character project code must stay on one line even where Times New Roman is replaced by a wider face.
        size = 9 if spec.kind == "code" and len(spec.text) > 16 else CELL_PT
        text = spec.text
        if spec.role == "label" and not fits(text, sum(mm[spec.col : spec.col + spec.colspan])):
            text = LABEL_BREAKS.get(text, text)
        _cell_text(cell.paragraphs[0], text, "left" if spec.role == "text" else "center", size)
    # Every w:tc, the continuations of vertical merges included (row.cells hides those).
    for tc in table._tbl.iter(qn("w:tc")):
        _borders(tc.get_or_add_tcPr(), "w:tcBorders")
    return table


def column_widths(layout: Table) -> list[float]:
    """Each column's width in mm: the label column at least LABEL_MM, the others sharing the rest as the
    layout shares it."""
    first = max(float(layout.widths[0]) * TEXT_W, LABEL_MM)
    rest = float(sum(layout.widths[1:]))
    return [first] + [float(w) / rest * (TEXT_W - first) for w in layout.widths[1:]]


def text_mm(line: str) -> float:
    """The width of a line of 10.5 pt text: a Chinese character a full em, anything else half."""
    import unicodedata

    return sum(CHAR_MM if unicodedata.east_asian_width(ch) in "WF" else CHAR_MM / 2 for ch in line)


def fits(text: str, width_mm: float) -> bool:
    return all(text_mm(line) + CELL_MARGINS_MM <= width_mm for line in text.split("\n"))


def _cell_text(p, text: str, align: str, size: float = CELL_PT) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT if align == "left" else WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(1)
    for i, line in enumerate(str(text).strip().split("\n") if text else []):
        if i:
            p.add_run().add_break()
        run = p.add_run(line.strip())
        run.font.size = Pt(size)
        _fonts(run._r.get_or_add_rPr(), SONG)


def _part1(doc, department) -> None:
    n = 0
    _para(doc, "第一部分", size=18, bold=True, align="center", east_asia=SONG)
    _para(doc, "部门整体绩效目标", size=18, bold=True, align="center", after=12, east_asia=SONG)
    n += 1
    _para(doc, f"{cn_number(n)}、总体绩效目标", size=14, bold=True, before=6, after=3, east_asia=SONG)
    _para(doc, department.overall_goal, indent=True, align="justify")
    if department.sub_goals:
        n += 1
        _para(doc, f"{cn_number(n)}、分项绩效目标", size=14, bold=True, before=6, after=3, east_asia=SONG)
        for i, sub in enumerate(department.sub_goals, 1):
            _para(doc, f"（{cn_number(i)}）{sub.name}", bold=True, before=3, east_asia=SONG)
            p = _para(doc, "", indent=True, align="justify")
            p.add_run("绩效目标：").bold = True
            p.add_run(sub.goal.strip())
            for j, ind in enumerate(sub.indicators):
                p = _para(doc, "", indent=True)
                # Later indicators line up under the first, as printed (five ideographic spaces).
                p.add_run("绩效指标：" if j == 0 else "\u3000" * 5).bold = j == 0 or None
                end = "。" if j == len(sub.indicators) - 1 else "；"
                p.add_run(indicator_phrase(ind.name, ind.target) + end)
    if department.safeguards:
        n += 1
        _para(doc, f"{cn_number(n)}、工作保障措施", size=14, bold=True, before=6, after=3, east_asia=SONG)
        for i, item in enumerate(department.safeguards, 1):
            _para(doc, f"（{cn_number(i)}）{item.title}", bold=True, before=3, east_asia=SONG)
            _para(doc, item.text, indent=True, align="justify")


def generate(doc: Document, options: Options) -> bytes:
    docx = require("docx")
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    word = docx.Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.left_margin = section.right_margin = Mm(MARGIN_X)
    section.top_margin = section.bottom_margin = Mm(MARGIN_Y)
    _style(word, "Normal", FANGSONG, 12)
    word.styles["Normal"].paragraph_format.line_spacing = 1.3
    word.styles["Normal"].paragraph_format.space_after = Pt(0)
    _style(word, "Table Grid", SONG, 10.5)
    word.styles["Table Grid"].paragraph_format.line_spacing = 1.0
    _font_table(word)
    word.core_properties.title = doc.title
    word.core_properties.author = "perfgoals"
    word.core_properties.language = "zh-CN"
    if doc.department is not None:
        _part1(word, doc.department)
    if doc.projects and not doc.single:
        _para(
            word,
            "第二部分",
            size=22,
            bold=True,
            align="center",
            before=220,
            page_break=doc.department is not None,
            east_asia=SONG,
        )
        _para(word, "预算项目绩效目标", size=22, bold=True, align="center", east_asia=SONG)
    for i, view in enumerate(doc.projects):
        _project(word, view, first=doc.single and i == 0)
    buffer = io.BytesIO()
    word.save(buffer)
    return reproducible(buffer.getvalue())
