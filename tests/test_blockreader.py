"""The line reader (perfgoals.blockreader), source.parse's fast path: wherever it answers, its data and
positions are exactly those the events builder makes from libyaml's events; it answers for the files
perfgoals writes and people type; and it leaves everything else to libyaml."""

from pathlib import Path

import pytest

from perfgoals import blockreader, source

ROOT = Path(__file__).resolve().parent.parent


def events(text: str):
    """What libyaml's events give (source.parse without its fast path)."""
    try:
        return source._parse(text, "libyaml", source.DEFAULT_LIMITS)
    except source.SourceError as exc:
        return exc.problem


def same(a, b) -> bool:
    """Equal data (types too: 1, Decimal('1') and True differ), keys in the same order, equal positions."""
    return (
        isinstance(a, source.Document)
        and isinstance(b, source.Document)
        and repr(a.data) == repr(b.data)
        and list(a.positions.items()) == list(b.positions.items())
    )


ANSWERED = [
    "a: 1\n",
    "a:\nb: 2\n",  # an empty value: null, placed where libyaml places it
    "a:\n",
    "a:",
    "a: # a comment\n  b: 1\n",
    "a:\n- x\n- y\nb: 1\n",  # a list as deep as its key
    "a:\n  - x\n  -\n  - y\n",  # an empty item
    "a:\n  -\n    b: 1\n",
    "a:\n  - b: 1\n    c:\n  - d\n",
    "a:\n- b: 1\n  c: 2\n- d\n",
    "a: >-\n  one\n  two\n\nb: 1\n",  # folded, as fmt writes a long goal
    "a: >\n  one\n  two\n",
    "a: |\n  one\n  two\n",
    "a: |-\n  x\n",
    "a: 'it''s'\n",
    'a: "x y"\n',
    "k: ''\n",
    'k: ""\n',
    "a: 'x' # c\n",
    "a: '#x'\n",
    "a: x # c\n",
    "a: x#y\n",
    "a:   v   \n",
    "3: 20%\n10: 1\n",  # spend plan months: int keys
    "a: 1e5\nb: -5\nc: .5\nd: 0x1F\ne: 0o17\nf: 1.50\n",
    "a: ~\nb: null\nc: true\nd: False\n",
    "# head\na: 1\n# end",
    "a:\n  b:\n    c:\n      d: 1\n",
    "a: x\n-b: 1\n",
    "-1: a\n",
    "a:\n  \n  b: 1\n",
    "a: x\n\n\n",
    "\n\na: 1",
    "name: 开展活动次数\ntarget: ≥3750 次\nperiod: 2023.01-2023.12\nurl: http://x.cn/a\n",
    "a: 1\r\nb:\r\n  - {c: x, d: 'y'}\r\ng: >-\r\n  one\r\n  two\r\n",  # saved on Windows
    # one-line flow mappings, as fmt writes heads, budgets, spend plans and indicators
    'unit: {code: "644001", name: 唐山市红十字会本级}\n',
    "budget: {total: 0.45, fiscal: 0.45, other: 0}  # 万元\n",
    "spend_plan: {3: 20%, 6: 60%, 10: 80%, 12: 100%}\n",
    "i:\n  - {name: 印刷数量, target: ≥1500 册, basis: 工作计划}\n  - {name: 'a, b', target: \"{x}\", per: -5}\n",
    "a: {b: 1}\n",
    "a: {b: x y z , c: ~}\n",
    "fields: [authority, implementer, 'a, b', 3]  # a profile's list\n",
    "a:\n  - [x, y]\n",
    "经济效益指标: []\n生态效益指标: {}  # none\n",  # empty categories
    '"…": []\n"": 1\n\'it\'\'s\': x\n"3": y\n',  # quoted keys are text
]

LEFT_TO_LIBYAML = [
    "a: >\n  one",  # clipped text without a last line break
    "- a\n",  # a list at the top: PG002, libyaml's to say
    "a: 1\n  b: 2\n",  # a fault
    "a: b: c\n",
    "a: [ ]\n",
    '"a":b\n',
    '"a" : b\n',
    '"a\\tb": 1\n',
    '"a": 1\n"a": 2\n',
    "a: []x\n",
    "a: [[1]]\n",
    "a: [1,2]\n",
    "a: [1, {b: 2}]\n",
    "a: [1] x\n",
    "a: {b: {c: 1}}\n",  # nested
    "a: {b: 1,\n  c: 2}\n",  # over two lines
    "a: {b: 1,200.50}\n",  # the thousands comma: the events builder's finding
    "a: {b: 1}# c\n",
    "a: {b: 1} x\n",
    "a: {b: 1, b: 2}\n",
    "a: {b: http://x}\n",
    "a: {b}\n",
    "a: {b: 1, }\n",
    "a: 'x\n",  # an unclosed quote
    "a: 1\na: 2\n",  # a duplicate key: PG001 with both lines
    "a: &x 1\n",
    "a: !!str 1\n",
    "a: >-\n  x\n    y\n",  # a deeper line inside a folded text
    "a: >-\n  x\n\n  y\n",  # a blank line inside it
    "a: >-\n  x  \n",  # trailing spaces inside it
    "k: >-\n  a\n   \n",  # a blank line with more spaces than the text's indent: they are text (found by fuzzing)
    "a: |+\n  x\n",
    "a: >2\n   x\n",
    "a : 1\n",
    "a:b: 1\n",
    "a: - b\n",
    "? a\n: b\n",
    "a:\n    - x\n  b: 1\n",
    "a: 'x'y\n",
    "year: }\n",  # an indicator cannot start a plain text (found by the fuzz campaign)
    "year: ]\n",
    "- }\n",
    "k" * 1100 + ": 1\n",  # a key longer than YAML allows (found by the fuzz campaign)
    "a: {" + "k" * 1100 + ": 1}\n",
    'a: "tab\\there"\n',  # an escape
    "a: 1\rb: 2\r",  # a CR alone
    "a: 1\r\nb: 2\r",
    "a: 1\n---\nb: 2\n",
    "a: \x85x\n",
    "a: 1  # \x1f\n",  # a control character, even in a comment: libyaml refuses the text
    "k: 1" + "0" * 200 + "\n",  # too long a number: PG004, placed by libyaml's path
    "a: plain\n  continued\n",  # a value over two lines
    "",
    "# only a comment\n",
]


@pytest.mark.parametrize("text", ANSWERED)
def test_answers_exactly_as_the_events(text):
    doc = blockreader.read(text)
    assert doc is not None, text
    assert same(doc, events(text)), (doc, events(text))


def _parse(text: str):
    try:
        return source.parse(text)
    except source.SourceError as exc:
        return exc.problem


@pytest.mark.parametrize("text", LEFT_TO_LIBYAML)
def test_leaves_the_rest_to_libyaml(text, monkeypatch):
    assert blockreader.read(text) is None
    parsed = _parse(text)  # and source.parse answers exactly as it does without the line reader
    monkeypatch.setattr(blockreader, "read", lambda text, limits=None: None)
    before = _parse(text)
    assert same(parsed, before) or (isinstance(before, source.Problem) and parsed == before), (parsed, before)


def _project_files(folder: Path):
    return [p for p in sorted(folder.rglob("*.yaml")) if ".perfgoals_cache" not in p.parts]


def _read_alike(paths: list[Path]) -> int:
    """How many of these files the line reader answers for; each answer is the events' own."""
    answered = 0
    for path in paths:
        text = source.decode(path.read_bytes())
        doc = blockreader.read(text)
        if doc is not None:
            answered += 1
            assert same(doc, events(text)), path
    return answered


def test_every_project_of_data_and_of_the_real_tables_is_read_alike():
    files = _project_files(ROOT / "data") + _project_files(ROOT / "tests" / "real")
    # the files people write are its to read: all but the corpus's judged.yaml and defects.yaml, its own records
    assert _read_alike(files) >= len(files) - 2


def test_a_generated_set_is_read_alike(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    generate(tmp_path / "set", 200)
    projects = [p for p in _project_files(tmp_path / "set") if p.name != "department.yaml"]
    assert _read_alike(projects) >= 0.9 * len(projects)  # the few left hold a planted syntax error
