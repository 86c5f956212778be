"""fmt's fast path (perfgoals.canonical): a file it calls canonical is one the ruamel round trip gives back
unchanged, on every file of the corpora, on their formatted forms, and on random edits of formatted files."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from conftest import DATA, FMT_CASES
from perfgoals import canonical, fmt, source, workspace

ROOT = Path(__file__).resolve().parent
CORPUS = sorted(
    p
    for p in [
        *DATA.rglob("*.yaml"),
        *FMT_CASES.rglob("*.yaml"),
        *(ROOT / "cases").rglob("*.yaml"),
        *(ROOT / "real").rglob("*.yaml"),
    ]
    if workspace.file_kind(p) == "project"
)


def _round_trip(text: str, targets: bool, monkeypatch) -> str | None:
    """What fmt writes without its fast path (None: it refuses or cannot read the text)."""
    with monkeypatch.context() as m:
        m.setattr(canonical, "matches", lambda *a: False)
        try:
            return fmt.format_text(text, "project", targets)
        except (source.SourceError, fmt.Refused):
            return None


def _fast(text: str, targets: bool) -> bool:
    try:
        doc = source.parse(text)
    except source.SourceError:
        return False
    return canonical.matches(text, doc, fmt.normalize_target if targets else None, fmt.FLOW_LIMIT)


def _texts() -> list[str]:
    out = []
    for path in CORPUS:
        try:
            out.append(source.decode(path.read_bytes()))
        except source.SourceError:
            continue
    return out


def test_canonical_only_where_the_round_trip_changes_nothing(monkeypatch):
    told = 0
    for text in _texts():
        for targets in (True, False):
            if _fast(text, targets):
                told += 1
                assert _round_trip(text, targets, monkeypatch) == text
    assert told > 0


def test_formatted_files_are_told_canonical_without_the_round_trip(monkeypatch):
    formatted = {t for t in (_round_trip(text, True, monkeypatch) for text in _texts()) if t is not None}
    told = [t for t in formatted if _fast(t, True)]
    for text in told:
        assert _round_trip(text, True, monkeypatch) == text
    # the common shape, not every file: comments between keys or at a line's end are left to the round trip
    assert len(told) >= len(formatted) // 5


def test_the_seed_tables_are_told_canonical():
    # data/perfgoals.yaml keeps targets as printed (fmt_targets: keep)
    for path in sorted((DATA / "projects").glob("*.yaml")):
        assert _fast(path.read_text("utf-8"), False), path.name


_EDITS = [
    " ",
    ":",
    "#",
    '"',
    "'",
    "-",
    ",",
    "{",
    "}",
    "\u3000",
    "\t",
    "0",
    "e",
    ".",
    "yes",
    "~",
    "@",
    "%",
    "|",
    ">",
    ": ",
    " #",
    "\n",
    "\n#c",
    "\n  ",
    "?",
    "&a",
    "*",
    "[",
    "null",
    "2023-01-01",
    "0x1",
    "1_0",
    ".5",
    "1e3",
    "0.1234567890123456789",
    "\\",
    "\u2028",
    "\x85",
    "\ufeff",
    "true",
    "=",
    "<<",
    "007",
    "+1",
    "😀",
]


def test_random_edits_of_formatted_files(monkeypatch):
    rnd = random.Random(16)
    base = [t for t in (_round_trip(text, True, monkeypatch) for text in _texts()) if t is not None and _fast(t, True)]
    told = 0
    for _ in range(300):
        text = rnd.choice(base)
        at = rnd.randrange(len(text))
        text = text[:at] + rnd.choice(_EDITS) + text[at + rnd.choice((0, 0, 1, 3)) :]
        targets = rnd.random() < 0.8
        if _fast(text, targets):
            told += 1
            assert _round_trip(text, targets, monkeypatch) == text, repr(text)
    assert told > 0


def test_fmt_check_on_a_formatted_tree(tmp_path, cli):
    tree = tmp_path / "data"
    shutil.copytree(DATA, tree)
    shutil.copy(FMT_CASES / "mixed_styles.yaml", tree / "projects" / "zz-messy.yaml")
    result = cli("fmt", "--check", "--lang", "en", str(tree))
    assert result.exit_code == 1
    assert "would reformat" in result.stderr and "zz-messy.yaml" in result.stderr
    assert cli("fmt", "--lang", "en", str(tree)).exit_code == 0
    result = cli("fmt", "--check", "--lang", "en", str(tree))
    assert result.exit_code == 0, result.stderr
    assert "0 files would be reformatted" in result.stderr


def test_a_target_fmt_would_respell_is_not_canonical_unless_targets_are_kept(monkeypatch):
    text = (
        "year: 2023\ngoal: 培训\nindicators:\n  产出指标:\n    数量指标:\n      - {name: 培训人数, target: ≥ 90 人}\n"
    )
    assert not _fast(text, True)
    assert _round_trip(text, True, monkeypatch) != text
    assert _fast(text, False)  # fmt_targets: keep
    assert _round_trip(text, False, monkeypatch) == text


def test_a_comment_under_the_grid_is_told_as_the_round_trip_keeps_it(monkeypatch):
    """`# 填报人：…` between the table and the next key: ruamel gives it to the last record, which fmt then keeps in
    block style; the fast path tells such a file canonical only where the round trip gives it back unchanged."""
    head = "year: 2023\nname: 宣传\ngoal: 宣传\nindicators:\n  产出指标:\n    数量指标:\n"
    block = "      - name: 印刷数量\n        target: ≥1500 册\n"
    flow = "      - {name: 印刷数量, target: ≥1500 册}\n"
    for last, comment, after in [
        (block, "# 填报人：财务科\n", "remark: 延续性项目\n"),
        (flow, "# 填报人：财务科\n# 电话：0315-5229753\n", "remark: 延续性项目\n"),
        (block, "# 填报人：财务科\n", ""),
    ]:
        text = head + last + comment + after
        assert _round_trip(text, True, monkeypatch) == text
        assert _fast(text, True), text
    # under a folded text (indented too, but not the grid: found by review), the last record block: the round trip
    # writes that record {…}, so the file is not canonical
    folded = (
        "year: 2023\nname: 宣传\ngoal: >-\n  宣传\n# 填报人：财务科\nindicators:\n  产出指标:\n    数量指标:\n" + block
    )
    assert _round_trip(folded, True, monkeypatch) != folded
    assert not _fast(folded, True)
    # not right under the grid, or two runs of comments: the round trip decides
    for text in [
        "year: 2023\n# 备注\nname: 宣传\ngoal: 宣传\nindicators:\n  产出指标:\n    数量指标:\n" + flow,
        head + flow + "# a\nremark: 延续性项目\n# b\nperiod: 2023\n",
    ]:
        assert not _fast(text, True)
