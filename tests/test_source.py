"""The loader: broken, foreign and hostile files each give one clear finding, never an exception."""

import os
from pathlib import Path

import pytest

from perfgoals import source
from perfgoals.validate import validate

SEED = Path(__file__).resolve().parent.parent / "data" / "projects" / "03-红十字会法、宣传读本等.yaml"


def findings(tmp_path, name: str, content: bytes | str, backend="libyaml"):
    p = tmp_path / name
    p.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    report = validate([str(p)], backend=backend)
    return [(f.code, f.line, f.column, f.message) for f in report.findings], report


BROKEN = [
    # (name, content, code, line, column, words in the message)
    ("unclosed-quote", 'year: 2023\ncode: "abc\nname: x\n', "PG001", 2, 7, "quote is never closed"),
    ("tab-indent", "year: 2023\nunit:\n\tcode: x\n", "PG001", 3, 1, "tab"),
    ("stray-colon", "year: 2023\ngoal: 目标: 说明\n", "PG001", 2, 9, "stray colon"),
    ("bad-indentation", "year: 2023\nunit:\n    code: x\n  name: y\n", "PG001", 4, 3, "indentation"),
    ("duplicate-key", "year: 2023\ncode: A\nyear: 2024\n", "PG001", 3, 1, "appears twice (first on line 1)"),
    ("two-documents", "year: 2023\n---\nyear: 2024\n", "PG001", 2, 1, "several YAML documents"),
    ("list-root", "- a\n- b\n", "PG002", 1, 1, "not a list"),
    ("scalar-root", "just text\n", "PG002", 1, 1, "not text"),
    ("empty", "", "PG002", 1, 1, "empty"),
    ("only-comments", "# nothing here\n# at all\n", "PG002", 1, 1, "empty"),
    ("alias", "a: &x 1\nb: *x\n", "PG004", 1, 4, "anchor &x"),
    ("python-tag", "year: !!python/object:os.system echo\n", "PG004", 1, 7, "tag"),
    ("custom-tag", "year: !mine 2023\n", "PG004", 1, 7, "tag"),
    ("complex-key", "? [a, b]\n: 1\n", "PG001", 1, 3, "plain text"),
]


@pytest.mark.parametrize("backend", ["libyaml", "ruamel"])
@pytest.mark.parametrize("name,content,code,line,column,words", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_file_gives_one_clear_finding(tmp_path, backend, name, content, code, line, column, words):
    got, report = findings(tmp_path, name + ".yaml", content, backend)
    assert len(got) == 1, got
    assert got[0][:3] == (code, line, column), got
    assert words in got[0][3]
    assert report.exit_code() == 1


def test_gbk_file_names_the_encoding_and_the_fix(tmp_path):
    got, report = findings(tmp_path, "gbk.yaml", SEED.read_text("utf-8").encode("gbk"))
    assert [g[:3] for g in got] == [("PG003", 2, 30)]  # the first Chinese character: 唐 of the unit name
    assert "GBK" in got[0][3]
    assert "iconv -f GB18030 -t UTF-8" in report.findings[0].hint


def test_gbk_in_chinese(tmp_path):
    p = tmp_path / "gbk.yaml"
    p.write_bytes(SEED.read_text("utf-8").encode("gb18030"))
    f = validate([str(p)], lang="zh").findings[0]
    assert f.message == "文件不是 UTF-8 编码，看起来是 GBK 编码"
    assert "另存为" in f.hint


def test_utf8_bom_and_crlf_are_accepted(tmp_path):
    text = SEED.read_text("utf-8").replace("\n", "\r\n")
    got, report = findings(tmp_path, "bom.yaml", b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert got == []


def test_utf16_is_named(tmp_path):
    got, _ = findings(tmp_path, "u16.yaml", SEED.read_text("utf-8").encode("utf-16"))
    assert [g[0] for g in got] == ["PG003"] and "UTF-16" in got[0][3]


def test_binary_file(tmp_path):
    got, _ = findings(tmp_path, "x.yaml", b"PK\x03\x04\x00\x00binary")
    assert [g[0] for g in got] == ["PG003"] and "binary" in got[0][3]


def test_missing_path_is_exit_2(tmp_path):
    report = validate([str(tmp_path / "nope")])
    assert [(f.code, f.message) for f in report.findings] == [("PG000", "the path does not exist")]
    assert report.exit_code() == 2


def test_folder_without_yaml_is_exit_2(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    report = validate([str(tmp_path)])
    assert [f.code for f in report.findings] == ["PG000"] and report.exit_code() == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path):
    p = tmp_path / "secret.yaml"
    p.write_text("year: 2023\n")
    p.chmod(0)
    report = validate([str(p)])
    assert [f.code for f in report.findings] == ["PG000"] and report.exit_code() == 2


def test_yml_and_upper_case_suffixes_are_found(tmp_path):
    (tmp_path / "a.yml").write_text(SEED.read_text("utf-8"), "utf-8")
    (tmp_path / "B.YAML").write_text(SEED.read_text("utf-8").replace("P00683710280R", "P00683710280S"), "utf-8")
    report = validate([str(tmp_path)])
    assert len(report.files) == 2 and report.findings == []


def test_symlink_loop_does_not_hang(tmp_path):
    (tmp_path / "p.yaml").write_text(SEED.read_text("utf-8"), "utf-8")
    os.symlink(tmp_path, tmp_path / "loop")
    os.symlink(tmp_path / "self.yaml", tmp_path / "self.yaml")
    report = validate([str(tmp_path)])
    assert [f.code for f in report.findings] == ["PG000"]  # self.yaml: a link to itself
    assert "self.yaml" in report.findings[0].path


def test_nesting_limit(tmp_path):
    deep = "a: " + "[" * 1000 + "]" * 1000 + "\n"
    got, _ = findings(tmp_path, "deep.yaml", deep)
    assert [g[0] for g in got] == ["PG004"] and "too deep" in got[0][3]


def test_size_limit(tmp_path):
    got, _ = findings(tmp_path, "big.yaml", "# " + "x" * (3 * 1024 * 1024) + "\n")
    assert [g[0] for g in got] == ["PG004"] and "too large" in got[0][3]


def test_numbers_are_decimal_from_their_text():
    doc = source.parse("a: 0.90\nb: 24.10\nc: 7\nd: '0.5'\ne: 1e400\nf: -0\n")
    from decimal import Decimal

    assert doc.data == {"a": Decimal("0.90"), "b": Decimal("24.10"), "c": 7, "d": "0.5", "e": Decimal("1e400"), "f": 0}
    assert str(doc.data["a"]) == "0.90"  # printed decimals kept
    assert not any(isinstance(v, float) for v in doc.data.values())


def test_positions_are_character_columns_in_both_backends():
    text = "b: {name: 印刷数量, target: ≥1500 册}\n"
    for backend in ("libyaml", "ruamel"):
        doc = source.parse(text, backend)
        assert doc.locate(("b", "target")) == (1, 25)
        assert doc.locate(("b", "target"), key=True) == (1, 17)


def test_fast_path_really_runs_in_c():
    assert source.c_parser_in_use()
    import yaml
    from yaml._yaml import CParser

    assert source.libyaml_loader() is yaml.CSafeLoader
    assert issubclass(source.libyaml_loader(), CParser)  # the Cython extension, not yaml.parser.Parser
    assert yaml.CSafeLoader.__module__ == "yaml.cyaml"


def test_c_parser_check_notices_the_python_fallback(monkeypatch):
    import yaml

    monkeypatch.setattr(source, "libyaml_loader", lambda: yaml.SafeLoader)
    assert not source.c_parser_in_use()


def test_permission_denied_is_a_clear_finding(tmp_path, monkeypatch):
    p = tmp_path / "locked.yaml"
    p.write_text("year: 2023\n")
    real_open = os.open

    def deny(path, *args, **kwargs):
        if str(path) == str(p):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("os.open", deny)
    report = validate([str(p)])
    assert [(f.code, f.message) for f in report.findings] == [("PG000", "no permission to read this file")]
    assert report.exit_code() == 2


def _all(report):
    return [(f.code, f.severity, f.path, f.line, f.column, f.message, f.hint, f.project) for f in report.findings]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_both_loading_paths_agree_on_every_file_of_data(lang, monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    files = sorted(Path("data").rglob("*.yaml"))
    assert len(files) == 9  # 7 projects, department.yaml, perfgoals.yaml
    for f in files:  # each file alone, then the whole folder (cross-file rules)
        assert _all(validate([str(f)], lang=lang, backend="libyaml")) == _all(
            validate([str(f)], lang=lang, backend="ruamel")
        )
    libyaml = validate(["data"], lang=lang, backend="libyaml")
    assert libyaml.findings and _all(libyaml) == _all(validate(["data"], lang=lang, backend="ruamel"))


def test_both_loading_paths_agree_on_a_generated_set(tmp_path, monkeypatch):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate

    generate(tmp_path / "set", 90)  # every planted defect, a syntax error among them
    monkeypatch.chdir(tmp_path)
    libyaml = validate(["set"], backend="libyaml")
    assert len({f.code for f in libyaml.findings}) >= 8
    assert _all(libyaml) == _all(validate(["set"], backend="ruamel"))


SLIPS = [
    # what people type in Chinese or Excel, and where the message must point (not where the parser gives up)
    ("target: ≥95%", "target: >=95%", "greater_sign", 14, 50, "≥90%"),
    ("goal: ", "goal：", "fullwidth_colon", 8, 5, "英文冒号"),
    ("    质量指标:", "\u3000\u3000质量指标:", "fullwidth_space", 13, 1, "半角空格"),
    (
        "budget: {total: 0.45, fiscal: 0.45, other: 0}",
        "budget: {total: 1,200.50, fiscal: 1200.50}",
        "thousands_comma",
        5,
        17,
        "千位逗号",
    ),
    ("target: ≤3 元", "target: ≤9,500元", "thousands_comma", 18, 56, "写成 ≤9500元）"),
    # full-width digits, as a Chinese input method in full-width mode types them
    (
        "budget: {total: 0.45, fiscal: 0.45, other: 0}",
        "budget: {total: 1,２００, fiscal: 1200}",
        "thousands_comma",
        5,
        17,
        "写成 1200）",
    ),
]


@pytest.mark.parametrize("old,new,variant,line,column,hint", SLIPS, ids=[f"{s[2]}-{i}" for i, s in enumerate(SLIPS)])
def test_typing_slips_are_named_where_they_are(tmp_path, old, new, variant, line, column, hint):
    p = tmp_path / "p.yaml"
    p.write_text(SEED.read_text("utf-8").replace(old, new, 1), "utf-8")
    [f] = validate([str(p)], lang="zh").findings
    assert (f.code, f.line, f.column) == ("PG001", line, column)
    assert hint in f.hint and "{" not in f.hint


@pytest.mark.parametrize("blank", ['" "', '"\\u3000"', '"\\x1c"', '"\\t\\x1f"'])
def test_text_that_strip_empties_is_blank(tmp_path, blank):
    """Text must not be blank as Python's str.strip() sees it (full-width space and separators included)."""
    p = tmp_path / "p.yaml"
    p.write_text(SEED.read_text("utf-8").replace("\nname: ", f"\nname: {blank} #", 1), "utf-8")
    [f] = validate([str(p)]).findings
    assert (f.code, f.line) == ("PG002", 4) and "empty" in f.message
