"""`perfgoals validate BOOK.xlsx`: check a workbook as it is, each finding at the cell it is about.

Each sheet is read by the importer into the project data it would write (nothing is written), that
data is checked like any project file, and every finding is carried back from the line and column of
the project text to the cell its value came from (`Sheet1!E12`): the importer records the cell of every
value it places.  `--annotate OUT.xlsx` writes a copy of the workbook with those cells filled (red for
an error, yellow for a warning) and the messages as cell comments, for an officer who never opens a
terminal.
"""

from __future__ import annotations

import dataclasses
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from perfgoals import inputs, source
from perfgoals.errors import UserError
from perfgoals.findings import Finding, Severity
from perfgoals.i18n import T
from perfgoals.importer import SheetResult, comments, configured_labels, label_aliases, read_workbook
from perfgoals.report import Report

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et")  # the old formats through LibreOffice, when it is installed
WORD = (".docx", ".doc", ".wps")


def is_workbook(path: str) -> bool:
    """A workbook or a Word document: checked through the importer, not as YAML."""
    return Path(path).suffix.lower() in SUFFIXES + WORD


OLD_FORMATS = {".xls": "xlsx", ".et": "xlsx", ".doc": "docx", ".wps": "docx"}  # converted by LibreOffice


def read_any(path: str | Path, lang: str = "en", year: int | None = None) -> list[SheetResult]:
    """A workbook's sheets, or a Word document's 绩效目标表 (perfgoals.wordtables); an old .xls/.et/.doc is
    converted by LibreOffice first when it is installed (else the reader says to save it as .xlsx/.docx)."""
    import tempfile

    suffix = Path(path).suffix.lower()
    soffice = _soffice() if suffix in OLD_FORMATS and _is_ole2(path) else None
    if soffice is None:
        return _read(path, lang, year)
    with tempfile.TemporaryDirectory(prefix="perfgoals-convert-") as folder:
        converted = _convert(soffice, Path(path), OLD_FORMATS[suffix], Path(folder))
        return _read(converted, lang, year)


def _read(path: str | Path, lang: str, year: int | None) -> list[SheetResult]:
    if Path(path).suffix.lower() in WORD:
        from perfgoals.wordtables import read_document

        return read_document(path, lang, year)
    return read_workbook(path, lang, year)


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the header of every old Office file (.xls, .et, .doc)


def _is_ole2(path: str | Path) -> bool:
    """An old Office file, which LibreOffice converts; anything else (a renamed .xlsx, a broken file) is read as
    it is, and its reader says what is wrong with it."""
    try:
        with open(path, "rb") as f:
            return f.read(8) == OLE2
    except OSError:
        return False


def _soffice() -> str | None:
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert(soffice: str, path: Path, to: str, folder: Path) -> Path:
    """path converted to the format `to` in folder, by LibreOffice (its own profile, so a running instance
    does not stand in the way)."""
    import subprocess

    command = [soffice, "--headless", f"-env:UserInstallation={(folder / 'profile').as_uri()}"]
    command += ["--convert-to", to, "--outdir", str(folder), str(path)]
    try:
        subprocess.run(command, capture_output=True, timeout=300)
    except (OSError, subprocess.SubprocessError):
        pass
    converted = folder / f"{path.stem}.{to}"
    if not converted.is_file():
        raise UserError(
            T(
                f"LibreOffice 无法转换 {path}：请在 Excel、WPS 或 Word 中另存为 .{to} 后再试",
                f"LibreOffice could not convert {path}: save it as .{to} in Excel, WPS or Word, then try again",
            )
        )
    return converted


@dataclass
class Sheet:
    book: str
    index: int
    result: SheetResult
    doc: source.Document

    def cell_of(self, line: int, column: int) -> str:
        """The cell whose value stands at line:column of the sheet's project text (or of its nearest
        enclosing value that came from a cell: a missing field points at its table's title)."""
        root = self.doc.positions.get(())
        if root is not None and (root.line, root.column) == (line, column):
            return self.result.origins.get((), "A1")  # a missing field is shown at the mapping's start
        best: tuple | None = None
        for path, pos in self.doc.positions.items():
            for at in ((pos.line, pos.column), (pos.key_line, pos.key_column)):
                if at[0] == line and at[1] is not None and at[1] <= column:
                    rank = (at[1], len(path))
                    if best is None or rank > best[0]:
                        best = (rank, path)
        path = best[1] if best is not None else ()
        origins = self.result.origins
        while path and path not in origins:
            path = path[:-1]
        return origins.get(path, "A1")


def check(
    books: list[str], lang: str, year: int | None = None, err: TextIO | None = None, unplaced: list | None = None
) -> Report:
    """Validate each workbook's sheets; findings carry `cell` and the row and column as line and column.
    unplaced: collects the cells the importer could not place (not checked), for the annotated copy."""
    from perfgoals.validate import validate_texts
    from perfgoals.yamlout import project_yaml

    inputs.refuse("a workbook")  # perfgoals.replay: its reader (and LibreOffice's converter) is not noted
    sheets: dict[str, Sheet] = {}
    texts = []
    for book in books:
        if not Path(book).is_file():
            raise UserError(T(f"找不到文件 {book}", f"no such file: {book}"))
        with label_aliases(configured_labels(book)):
            results = read_any(book, lang, year)
        if err is not None:
            _tell_unplaced(results, err, lang)
        if unplaced is not None:
            unplaced.extend(p for r in results for p in r.unplaced)
        for index, result in enumerate(results):
            if result.data is None:
                continue
            text = project_yaml(result.data, comments(result, Path(book).name))
            display = f"{book}!{result.sheet}"
            sheets[display] = Sheet(book, index, result, source.parse(text))
            texts.append((book, display, text.encode("utf-8")))
    if not texts:
        raise UserError(
            T(
                f"{'、'.join(books)} 中没有找到绩效目标表（需要含“一级指标”“三级指标”的表头行）",
                f"no performance target table in {', '.join(books)} (a header row with 一级指标 and 三级指标 is needed)",
            )
        )
    report = validate_texts(texts, lang)
    placed = [_at_cell(f, sheets.get(f.path)) for f in report.findings]
    report.findings = [f for _, f in sorted(placed, key=lambda p: p[0])]
    return report


def _at_cell(finding: Finding, sheet: Sheet | None) -> tuple[tuple, Finding]:
    """(sort key, the finding at its cell): sheets in the workbook's order, cells by row and column."""
    if sheet is None:  # a perfgoals.yaml's own finding: a file, with its line
        return (finding.path, -1, 0, finding.line, finding.column, finding.code), finding
    address = sheet.cell_of(finding.line, finding.column)
    if "!" in address:  # a place in a Word document, already named in full: 表2!第7行第3格 (row and cell)
        table, place = address.split("!", 1)
        numbers = [int(n) for n in re.findall(r"\d+", place)] + [0, 0]
        row, col = (0, numbers[0]) if place.startswith("上方") else (numbers[0], numbers[1])
        at = dataclasses.replace(finding, path=sheet.book, line=row, column=col, cell=address)
        return (sheet.book, sheet.index, int(re.sub(r"\D", "", table) or 0), row, col, finding.code), at
    row, col = _row_col(address)
    at = dataclasses.replace(
        finding, path=sheet.book, line=row, column=col, cell=f"{_sheet_ref(sheet.result.sheet)}!{address}"
    )
    return (sheet.book, sheet.index, 0, row, col, finding.code), at


def _sheet_ref(name: str) -> str:
    """A sheet's name as Excel writes it in a reference: quoted when it holds spaces or punctuation."""
    if name.replace("_", "").isalnum():
        return name
    return "'" + name.replace("'", "''") + "'"


def _unref(ref: str) -> str:
    return ref[1:-1].replace("''", "'") if ref.startswith("'") and ref.endswith("'") else ref


def _row_col(address: str) -> tuple[int, int]:
    letters = address.rstrip("0123456789")
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch.upper()) - 64
    return int(address[len(letters) :] or 1), col


def _tell_unplaced(results: list[SheetResult], err: TextIO, lang: str) -> None:
    """Cells the importer could not place are not checked: say so, with their addresses."""
    for result in results:
        for p in result.unplaced:
            err.write(
                T(
                    f"perfgoals: {p.where} 未能读取，没有检查：{p.text}\n",
                    f"perfgoals: {p.where} could not be placed and is not checked: {p.text}\n",
                )(lang)
            )


# --- the annotated copy ------------------------------------------------------------------------------

_FILL = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C"}  # Excel's own "bad" and "neutral" fills
_WORD = {Severity.ERROR: T("错误", "error"), Severity.WARNING: T("警告", "warning")}
_HINT = T("提示", "hint")


_UNPLACED_FILL = "DDEBF7"  # light blue: not wrong, but not checked either
_UNPLACED = T(
    "perfgoals 未能读取这个单元格：它不在表中任何一项的位置上，因此没有检查。请把它移到对应的栏目中，或删除。",
    "perfgoals could not place this cell, so it was not checked: move it where its item belongs, or delete it.",
)


def _mark(openpyxl, cell, color: str, text: str) -> None:
    cell.fill = openpyxl.styles.PatternFill("solid", start_color=color, end_color=color)
    comment = openpyxl.comments.Comment(text, "perfgoals")
    comment.width, comment.height = 360, 40 + 18 * text.count("\n") + len(text) // 2
    cell.comment = comment


def annotate(book: str, report: Report, output: str, lang: str, unplaced: list | None = None) -> int:
    """Write a copy of book with every cell that has a finding filled and commented (and the cells not placed,
    in light blue); the number of cells marked."""
    from perfgoals.atomic import write_bytes
    from perfgoals.extras import require

    openpyxl = require("openpyxl")
    if Path(output).resolve() == Path(book).resolve():
        raise UserError(
            T(
                f"--annotate 不能覆盖原工作簿 {book}：请另取一个文件名",
                f"--annotate must not replace the workbook {book}: give another file name",
            )
        )
    wb = openpyxl.load_workbook(book)  # formulas kept as formulas: the copy is the officer's own workbook
    marked: dict[str, list[Finding]] = {}
    for f in report.findings:
        if f.cell is not None and f.path == book:
            marked.setdefault(f.cell, []).append(f)
    for ref, findings in marked.items():
        sheet, address = ref.rsplit("!", 1)
        worst = Severity.ERROR if any(f.severity is Severity.ERROR for f in findings) else Severity.WARNING
        text = "\n\n".join(
            f"{_WORD[f.severity](lang)} {f.code}：{f.message}" + (f"\n{_HINT(lang)}：{f.hint}" if f.hint else "")
            for f in findings
        )
        _mark(openpyxl, wb[_unref(sheet)][address], _FILL[worst], text)
    for problem in unplaced or []:
        if f"{_sheet_ref(problem.sheet)}!{problem.address}" not in marked and problem.sheet in wb.sheetnames:
            _mark(openpyxl, wb[problem.sheet][problem.address], _UNPLACED_FILL, _UNPLACED(lang))
            marked[f"{_sheet_ref(problem.sheet)}!{problem.address}"] = []
    buffer = io.BytesIO()
    wb.save(buffer)
    try:
        write_bytes(Path(output), buffer.getvalue(), make_parents=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UserError(T(f"无法写入 {output}：{reason}", f"cannot write {output}: {reason}")) from None
    return len(marked)


def validate_paths(paths: list[str], annotate_to: str | None, lang: str, run_files, err: TextIO) -> Report:
    """`perfgoals validate PATHS`: YAML files and folders through run_files (the usual validation),
    workbooks through check(); one report.  annotate_to: the annotated copy of the one workbook."""
    books = [p for p in paths if is_workbook(p)]
    files = [p for p in paths if not is_workbook(p)]
    if annotate_to is not None and (len(books) != 1 or Path(books[0]).suffix.lower() not in (".xlsx", ".xlsm")):
        raise UserError(T("--annotate 需要正好一个 .xlsx 工作簿", "--annotate needs exactly one .xlsx workbook"))
    if not books:
        return run_files(files)
    unplaced: list = []
    report = check(books, lang, err=err, unplaced=unplaced)
    if files:
        other = run_files(files)
        report = Report(files=other.files + report.files, findings=other.findings + report.findings)
    if annotate_to is not None:
        cells = annotate(books[0], report, annotate_to, lang, unplaced)
        err.write(
            T(
                f"perfgoals: 已写入 {annotate_to}（{cells} 个单元格已标出，批注中是说明）\n",
                f"perfgoals: wrote {annotate_to} ({cells} cells marked, the messages are their comments)\n",
            )(lang)
        )
    return report
