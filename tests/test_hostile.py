"""Hostile input, round two (issue 15): every command as hardened as `validate`.

Each test drives the real entry point (the CLI runner, or a `perfgoals` subprocess under a memory limit)
with an input an attacker would write, and asserts what the user sees and the exit code.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import DATA

PERFGOALS = [sys.executable, "-m", "perfgoals"]
MEMORY = 1024 * 1024 * 1024  # 1 GB of address space is far more than any of these inputs needs


def limited(*args: str, cwd: Path, memory: int = MEMORY, timeout: int = 300) -> subprocess.CompletedProcess:
    """`perfgoals *args` in a subprocess with a bound on its memory (RLIMIT_AS): a blow-up is a failure."""

    def bound() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*PERFGOALS, *args],
        cwd=cwd,
        capture_output=True,
        preexec_fn=bound,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
    )


def copy_data(target: Path) -> None:
    """data/ without a cache a local run may have left in it."""
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns(".perfgoals_cache"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def two_sides(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    copy_data(old)
    copy_data(new)
    return old, new


# --- 1. diff --format md cannot rewrite the comment it is posted as ---------------------------------

HOSTILE_NAME = '"满意度` <img src=x> **APPROVED** [link](http://e.example) <b>x</b>\\n\\n<!--"'


def test_diff_md_escapes_names_paths_and_cells(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    old, new = two_sides(tmp_path)
    for side, target in ((old, "≥90%"), (new, "≥80%")):  # the hostile indicator's target is loosened
        first = next((side / "projects").glob("01-*"))
        edit(first, "{name: 服务对象满意度, target: ≥90%", "{name: " + HOSTILE_NAME + ", target: " + target)
    edit(next((new / "projects").glob("02-*")), "total: 6.73, fiscal: 6.73", "total: 673, fiscal: 673")
    result = cli("diff", "--format", "md", "--lang", "en", "old", "new")
    assert result.exit_code == 0
    html = MarkdownIt("commonmark").enable("table").render(result.stdout)
    # Nothing the name carries becomes markup: no image, link, bold, comment, raw HTML ...
    for markup in ("<img", "<a ", "<strong>APPROVED", "<!--", "<b>"):
        assert markup not in html, (markup, result.stdout)
    # ... and the budget change after it is still there, in its table.
    assert html.count("<table>") == 2
    assert "673 万元" in html and "+666.27" in html


# --- 4. the cache: a symlinked folder is refused, only perfgoals' files are deleted, reads are bounded -----


def _validate_json(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return limited("validate", "--lang", "en", "--format", "json", *args, "data", cwd=cwd)


def _expected_findings(tmp_path: Path) -> str:
    return _validate_json(tmp_path, "--no-cache").stdout.decode()


def test_symlinked_cache_folder_is_neither_written_nor_cleaned(tmp_path):
    copy_data(tmp_path / "data")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    theirs = {f"validate-{i:032x}.json": f'{{"format":3,"theirs":{i}}}' for i in range(6)}
    for name, body in theirs.items():
        (outside / name).write_text(body)
    (tmp_path / "data" / ".perfgoals_cache").symlink_to(outside)
    expected = _expected_findings(tmp_path)
    for _ in range(2):
        run = _validate_json(tmp_path)
        assert (run.returncode, run.stdout.decode()) == (0, expected), run.stderr
    assert {p.name: p.read_text() for p in outside.iterdir()} == theirs


def test_cache_cleaning_deletes_only_files_perfgoals_wrote(tmp_path):
    copy_data(tmp_path / "data")
    cache = tmp_path / "data" / ".perfgoals_cache"
    cache.mkdir()
    kept = {"validate-notes.json": "my notes", f"validate-{'a' * 32}.json": "not a cache file"}
    ours = {
        f"validate-{i:032x}.json": f'{{"format":3,"namespace":"{i:032x}","entries":{{}},"memo":{{}}}}' for i in range(5)
    }
    for age, (name, body) in enumerate({**kept, **ours}.items()):
        (cache / name).write_text(body)
        os.utime(cache / name, (1_000_000 + age, 1_000_000 + age))  # older than this run's own file
    run = _validate_json(tmp_path)
    assert run.returncode == 0, run.stderr
    for name, body in kept.items():
        assert (cache / name).read_text() == body
    # Cleaning still works: this run's file and the three newest of ours stay.
    assert len([p for p in cache.glob("validate-*.json") if p.name not in kept]) == 4


@pytest.mark.parametrize("target", ["/dev/zero", "huge"])
def test_cache_file_read_is_bounded(tmp_path, target):
    copy_data(tmp_path / "data")
    expected = _expected_findings(tmp_path)
    assert _validate_json(tmp_path).returncode == 0  # writes the cache file
    [cache_file] = (tmp_path / "data" / ".perfgoals_cache").glob("validate-*.json")
    namespace = json.loads(cache_file.read_text())["namespace"]
    cache_file.unlink()
    if target == "huge":  # well-formed JSON, far beyond any real cache and the memory this run may use
        with open(cache_file, "w") as fh:
            fh.write('{"format":3,"namespace":' + json.dumps(namespace) + ',"entries":{"x":"')
            block = "x" * (1 << 20)
            for _ in range(300):
                fh.write(block)
            fh.write('"},"memo":{}}')
    else:
        cache_file.symlink_to(target)
    run = limited("validate", "--lang", "en", "--format", "json", "data", cwd=tmp_path, memory=MEMORY // 2)
    assert (run.returncode, run.stdout.decode()) == (0, expected), run.stderr


# --- 2. numbers no table holds: refused where they are, never formatted in full ---------------------

HUGE_NUMBERS = {
    "exponent": "1e999999999",
    "exponent beyond Decimal": "1e" + "9" * 3000,  # Decimal() itself refuses it (the commands campaign)
    "digits": "9" * 5000,
    "hex": "0x" + "f" * 5000,
}


@pytest.fixture(params=sorted(HUGE_NUMBERS))
def huge_number_folder(request, tmp_path) -> Path:
    copy_data(tmp_path / "data")
    edit(
        next((tmp_path / "data/projects").glob("02-*")),
        "total: 6.73, fiscal: 6.73",
        f"total: {HUGE_NUMBERS[request.param]}, fiscal: 6.73",
    )
    return tmp_path


@pytest.mark.parametrize(
    "command",
    [
        ("validate",),
        ("validate", "--format", "json"),
        ("show", "--flat"),
        ("fmt", "--check"),
        ("fmt",),
        ("summary",),
        ("render",),
        ("render", "--allow-errors"),
    ],
)
def test_huge_number_is_one_finding_not_a_crash(huge_number_folder, command):
    target = str(next((huge_number_folder / "data/projects").glob("02-*")).relative_to(huge_number_folder))
    run = limited(*command, target, cwd=huge_number_folder)
    out = run.stdout.decode() + run.stderr.decode()
    assert "internal error" not in out and "Traceback" not in out, out[-2000:]
    assert run.returncode in (0, 1), out[-2000:]
    assert len(out) < 100_000  # the number is never written out in full
    if command[0] in ("validate", "fmt"):
        assert "PG004" in out


def test_text_that_looks_like_a_huge_number_is_formatted_as_text(tmp_path, cli):
    """fmt asks, of every text, whether it would read back as a number if written plain: a quoted exponent
    beyond what Decimal holds was an internal error (found by the commands campaign)."""
    copy_data(tmp_path / "data")
    project = next((tmp_path / "data/projects").glob("02-*"))
    huge = "1e" + "9" * 3000
    edit(project, "\nname: ", f'\nremark: "{huge}"\nname: ')
    result = cli("fmt", "--check", "--lang", "en", str(project))
    assert result.exit_code in (0, 1), result.stderr[-500:]
    assert cli("fmt", "--lang", "en", str(project)).exit_code == 0
    assert f'"{huge}"' in project.read_text("utf-8")  # still text: quoted


def test_huge_number_does_not_abort_a_folder_run(huge_number_folder):
    run = limited("validate", "--lang", "en", "--format", "json", "data", cwd=huge_number_folder)
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    by_file = {f["path"] for f in report["findings"]}
    assert any("02-" in p for p in by_file) and len(by_file) > 1  # the other files' findings are all there
    assert [f["code"] for f in report["findings"] if "02-" in f["path"]] == ["PG004"]


# --- 7. one bounded reader: FIFOs and devices are refused with a finding, git blobs are bounded -------


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=cwd, check=True, capture_output=True
    )


@pytest.mark.parametrize(
    "command", [("validate",), ("fmt", "--check"), ("fmt",), ("summary",), ("render", "--allow-errors")]
)
def test_fifo_named_yaml_is_a_finding_not_a_hang(tmp_path, command):
    copy_data(tmp_path / "data")
    os.mkfifo(tmp_path / "data/projects/pipe.yaml")
    os.symlink("/dev/zero", tmp_path / "data/projects/zero.yaml")
    try:
        run = limited(*command, "--lang", "en", "data", cwd=tmp_path, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("perfgoals waited on a FIFO")
    out = run.stdout.decode() + run.stderr.decode()
    assert run.returncode == 2, out
    # the FIFO is not a regular file; the link to /dev/zero leads out of the repository: both named, neither read
    assert out.count("1:1  error  PG000  this is") == 2 and "internal error" not in out


def test_diff_refuses_devices_and_huge_blobs_without_reading_them(tmp_path):
    copy_data(tmp_path / "data")
    git(tmp_path, "init", "-q", "-b", "main")
    with open(tmp_path / "data/projects/huge.yaml", "wb") as fh:  # a blob far beyond the memory allowed
        fh.truncate(400 * 1024 * 1024)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "huge")
    (tmp_path / "data/projects/huge.yaml").unlink()
    os.symlink("/dev/zero", tmp_path / "data/projects/huge.yaml")  # and in the working tree, /dev/zero
    run = limited("diff", "--lang", "en", "HEAD", cwd=tmp_path, memory=256 * 1024 * 1024)
    out = run.stdout.decode() + run.stderr.decode()
    assert run.returncode == 2, out
    assert "HEAD:data/projects/huge.yaml:1:1  PG004  the file is too large (419430400 bytes" in out
    assert "working tree:data/projects/huge.yaml:1:1  PG000  this is a symbolic link to outside the repository" in out


def test_show_flat_of_an_unparsable_huge_file_is_bounded(tmp_path):
    (tmp_path / "big.yaml").write_text("[" * 10 + "x" * (5 * 1024 * 1024), "utf-8")
    run = limited("show", "--flat", "big.yaml", cwd=tmp_path)
    assert run.returncode == 0
    assert len(run.stdout) == 2 * 1024 * 1024  # the first max_bytes, as textconv shows it


# --- 5. fmt takes every file validate takes; the two readers agree -----------------------------------

SEED_03 = next((DATA / "projects").glob("03-*")).read_text("utf-8")
NAME_03 = "name: 红十字会法、宣传读本等"
# (what is written in place of the name line, what validate says, what the formatted file still holds)
READER_CASES = {
    "tab-quoted": ('name: "红十字会法\t宣传读本等"', [], "红十字会法\\t宣传读本等"),
    "tab-plain": ("name: 红十字会法\t宣传读本等", ["PG001 4:12"], None),
    "date-impossible": (NAME_03 + "\nnote: 2023-02-30", ["PG002 5:1"], "note: 2023-02-30"),
    "date-month-13": ("name: 2023-13-01", [], "name: 2023-13-01"),
    "merge-key": (NAME_03 + "\n<<: {a: 1}", ["PG002 5:1"], "<<:\n  a: 1"),
    "line-separator": ("name: 红十字会法\u2028宣传读本等", ["PG003 4:12"], None),
    "next-line": ('name: "红十字会法\x85宣传读本等"', ["PG003 4:13"], None),
    "yaml-1.1-yes": ("name: yes", [], "name: yes"),
    "21-digits": ("name: 红十字会法\nother_total: 0.123456789012345678901", ["PG002 5:1"], "0.123456789012345678901"),
}


@pytest.mark.parametrize("case", sorted(READER_CASES))
def test_fmt_takes_what_validate_takes(tmp_path, cli, monkeypatch, case):
    line, expected, kept = READER_CASES[case]
    monkeypatch.chdir(tmp_path)
    text = SEED_03.replace(NAME_03, line, 1)
    if case == "yaml-1.1-yes":
        text = "%YAML 1.1\n---\n" + text
    (tmp_path / "p.yaml").write_text(text, "utf-8")
    found = json.loads(cli("validate", "--lang", "en", "--format", "json", "p.yaml").stdout)["findings"]
    assert [f"{f['code']} {f['line']}:{f['column']}" for f in found if f["code"] < "PG1"] == expected
    result = cli("fmt", "--lang", "en", "p.yaml")
    assert "bug" not in result.stderr and result.exit_code in (0, 1), result.stderr
    if kept is None:  # refused by the reader: the same finding, the file untouched
        code, where = expected[0].split()
        assert result.exit_code == 1 and f"{where}  error  {code}" in result.stderr
        assert (tmp_path / "p.yaml").read_text("utf-8") == text
        return
    assert result.exit_code == 0
    after = (tmp_path / "p.yaml").read_text("utf-8")
    assert kept in after
    assert cli("fmt", "--check", "p.yaml").exit_code == 0  # settled in one pass


@pytest.mark.parametrize("case", sorted(READER_CASES))
def test_both_readers_agree_on_the_hostile_cases(tmp_path, case):
    from perfgoals.validate import validate

    (tmp_path / "p.yaml").write_text(SEED_03.replace(NAME_03, READER_CASES[case][0], 1), "utf-8")
    seen = [
        [(f.code, f.line, f.column, f.message) for f in validate([str(tmp_path / "p.yaml")], backend=b).findings]
        for b in ("libyaml", "ruamel")
    ]
    assert seen[0] == seen[1]


# --- 8. fmt edits in place: through links, never past permissions, keeping mode and owner ------------

UNFORMATTED = ("budget: {total: 0.90", "budget:   {total: 0.90")


def _unformatted_copy(tmp_path: Path) -> Path:
    copy_data(tmp_path / "data")
    p = next((tmp_path / "data/projects").glob("01-*"))
    edit(p, *UNFORMATTED)
    return p


def test_fmt_writes_through_a_symlink_to_its_target(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    real = _unformatted_copy(tmp_path)
    git(tmp_path, "init", "-q")  # the link's target is elsewhere in the repository (a link out of it is not read)
    elsewhere = tmp_path / "shared" / "p.yaml"
    elsewhere.parent.mkdir()
    real.rename(elsewhere)
    real.symlink_to(elsewhere)
    result = cli("fmt", "--lang", "en", "data")
    assert result.exit_code == 0, result.stderr
    assert real.is_symlink() and os.readlink(real) == str(elsewhere)
    assert UNFORMATTED[0] in elsewhere.read_text("utf-8")


def test_fmt_refuses_a_read_only_file(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = _unformatted_copy(tmp_path)
    before = p.read_bytes()
    p.chmod(0o444)
    result = cli("fmt", "--lang", "en", "data")
    assert result.exit_code == 2
    assert f"{p.relative_to(tmp_path)}: cannot write (the file is read-only); the file is unchanged" in result.stderr
    assert p.read_bytes() == before and p.stat().st_mode & 0o777 == 0o444


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file away needs root")
def test_fmt_keeps_owner_group_and_mode(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = _unformatted_copy(tmp_path)
    os.chown(p, 4321, 4322)
    p.chmod(0o640)
    result = cli("fmt", "--lang", "en", "data")
    assert result.exit_code == 0, result.stderr
    st = p.stat()
    assert (st.st_uid, st.st_gid, st.st_mode & 0o777) == (4321, 4322, 0o640)
    assert UNFORMATTED[0] in p.read_text("utf-8")


def test_fmt_removes_what_a_killed_fmt_left(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = _unformatted_copy(tmp_path)
    leftover = p.parent / f".{p.name}.k9x_2abc.tmp"
    leftover.write_text("half a file", "utf-8")
    others = [p.parent / ".notes.tmp", p.parent / ".other.yaml.abcdefgh.tmp"]
    for other in others:
        other.write_text("not ours", "utf-8")
    assert cli("fmt", "--lang", "en", "data").exit_code == 0
    assert not leftover.exists() and all(o.exists() for o in others)


# --- 9. control characters from a file never reach the terminal raw ----------------------------------

ESCAPES = "\\e[2J\\e]52;c;aGk=\\a\\u009b31m\\u202e"  # clear screen, write the clipboard, C1 CSI, RTL override
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


def _escaping_folder(tmp_path: Path, unknown_key: bool) -> None:
    copy_data(tmp_path / "data")
    p = next((tmp_path / "data/projects").glob("01-*"))
    extra = f'\n"x{ESCAPES}": 1' if unknown_key else ""  # PG002 quotes it; diff does not compare a broken file
    edit(p, "name: 第三方专项审计费", f'name: "第三方专项审计费{ESCAPES}"{extra}')
    edit(p, "{name: 服务对象满意度, target: ≥90%", f'{{name: "满意度{ESCAPES}", target: "≥90%{ESCAPES}"')
    copy_data(tmp_path / "old")


@pytest.mark.parametrize(
    "command",
    [
        ("validate", "data"),
        ("validate", "--format", "github", "data"),
        ("validate", "--format", "json", "data"),
        ("show", "--flat", "data/projects/01-第三方专项审计费.yaml"),
        ("summary", "data"),
        ("diff", "old", "data"),
        ("diff", "--format", "md", "old", "data"),
        ("diff", "--format", "json", "old", "data"),
    ],
)
def test_control_characters_are_shown_escaped(tmp_path, command):
    _escaping_folder(tmp_path, unknown_key=command[0] == "validate")
    run = limited(*command, "--lang", "en", cwd=tmp_path)
    out = (run.stdout + run.stderr).decode("utf-8")
    assert "internal error" not in out and run.returncode in (0, 1, 2), out
    assert not [c for c in RAW if c in out], out
    assert "\\x1b" in out or "\\u001b" in out  # shown, not dropped


# --- 10. findings quote only the file they are about ----------------------------------------------

SECRET = "API_TOKEN=s3cr3t-value"


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_findings_never_quote_another_file(tmp_path, fmt):
    (tmp_path / "secret.env").write_text(SECRET + "\nOTHER=1\n", "utf-8")
    copy_data(tmp_path / "repo" / "data")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path / "repo", check=True)
    config = tmp_path / "repo/data/perfgoals.yaml"
    edit(config, "framework: mof2015", "framework: ../../secret.env")
    (tmp_path / "repo/data/projects/leak.yaml").symlink_to(tmp_path / "secret.env")
    run = limited("validate", "--lang", "en", "--format", fmt, "data", cwd=tmp_path / "repo")
    out = (run.stdout + run.stderr).decode("utf-8")
    assert run.returncode in (1, 2), out
    assert "s3cr3t" not in out and "API_TOKEN" not in out, out
    assert "symbolic link to outside the repository" in out  # the link is named, not followed


# --- 11. user templates are sandboxed ---------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ lipsum.__globals__['os'].system('touch PWNED') }}",
    ],
)
def test_user_templates_cannot_run_code(tmp_path, payload):
    copy_data(tmp_path / "data")
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "project.md.j2").write_text(payload + "\n", "utf-8")
    run = limited("render", "--format", "md", "--templates", "t", "--lang", "en", "data", cwd=tmp_path)
    out = (run.stdout + run.stderr).decode("utf-8")
    assert run.returncode == 2 and "template error at" in out and "unsafe" in out, out
    assert not (tmp_path / "PWNED").exists()


def test_built_in_templates_render_the_same_in_the_sandbox(tmp_path, cli):
    (tmp_path / "t").mkdir()  # an empty --templates folder: every template is a built-in one
    for fmt in ("md", "html"):
        plain = cli("render", "--format", fmt, "--lang", "en", "data")
        sandboxed = cli("render", "--format", fmt, "--templates", str(tmp_path / "t"), "--lang", "en", "data")
        assert plain.exit_code == sandboxed.exit_code == 0 and plain.stdout == sandboxed.stdout


# --- 12. new makes only files that read back; fmt settles in one pass --------------------------------


@pytest.mark.parametrize(
    "bad", ["项目\r名称", "项目\u2028名称", "项目\u2029名称", "项目\x85名称", "项目\x1b[2J", "项目\t名称", " "]
)
@pytest.mark.parametrize("option", ["--name", "--code"])
def test_new_refuses_names_and_codes_that_make_a_broken_file(tmp_path, cli, monkeypatch, option, bad):
    monkeypatch.chdir(tmp_path)
    args = {"--name": "宣传读本", "--code": "13020023P00683710280R", option: bad}
    result = cli("new", "--lang", "en", "--code", args["--code"], "--name", args["--name"], "-o", "p.yaml")
    assert result.exit_code == 2 and f"perfgoals: {option} " in result.stderr, result.stderr
    assert not (tmp_path / "p.yaml").exists()


@pytest.mark.parametrize("name", ["perfgoals.yaml", "department.yaml", "notes.txt", "sub/perfgoals.yaml"])
def test_new_refuses_an_output_that_is_not_a_project_file(tmp_path, cli, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    result = cli("new", "--lang", "en", "--code", "13020023P00683710280R", "--name", "宣传读本", "-o", name)
    assert result.exit_code == 2 and "cannot be a project file" in result.stderr
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("name", ["宣传读本", "- 宣传: 读本 #1", "'引号'", "0x1F", "9" * 300, "yes", "2023-02-30"])
def test_new_file_reads_back_with_its_name(tmp_path, cli, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    result = cli("new", "--lang", "en", "--code", "13020023P00683710280R", "--name", name, "-o", "p.yaml")
    assert result.exit_code == 0, result.stderr
    found = json.loads(cli("validate", "--format", "json", "--lang", "en", "p.yaml").stdout)["findings"]
    assert not [f for f in found if f["code"] < "PG002"]  # it reads back: what is left is to fill it in
    from perfgoals.source import parse

    assert parse((tmp_path / "p.yaml").read_text("utf-8")).data["name"] == name


# --- 3. import: bounds checked on the zip before openpyxl reads it; rows read in one pass -------------


def _seed_workbook(tmp_path: Path) -> Path:
    out = tmp_path / "seed.xlsx"
    run = limited(
        "render", "--format", "xlsx", "-o", str(out), str(next((DATA / "projects").glob("03-*"))), cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    return out


def _rewrite_sheet(seed: Path, out: Path, change) -> Path:
    """A copy of the workbook whose first sheet's XML is change(xml) (written as a stream: it may be huge)."""
    import zipfile

    with zipfile.ZipFile(seed) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                with dst.open(item.filename, "w", force_zip64=True) as fh:
                    change(data, fh)
            else:
                dst.writestr(item, data)
    return out


def _import(tmp_path: Path, book: Path) -> tuple[int, str]:
    run = limited("import", str(book), "-o", str(tmp_path / "out"), "--lang", "en", cwd=tmp_path)
    return run.returncode, (run.stdout + run.stderr).decode("utf-8")


def test_import_refuses_a_merged_range_over_the_whole_sheet(tmp_path):
    pytest.importorskip("openpyxl")

    def merge(xml: bytes, fh) -> None:
        head, _, tail = xml.rpartition(b"</mergeCells>")
        if not head:  # no merged cells yet: add the element after sheetData
            head, _, tail = xml.partition(b"</sheetData>")
            fh.write(head + b'</sheetData><mergeCells count="1"><mergeCell ref="A30:XFD1048576"/></mergeCells>' + tail)
            return
        fh.write(head + b'<mergeCell ref="A30:XFD1048576"/></mergeCells>' + tail)

    book = _rewrite_sheet(_seed_workbook(tmp_path), tmp_path / "merged.xlsx", merge)
    assert book.stat().st_size < 64 * 1024
    code, out = _import(tmp_path, book)
    assert code == 2 and "the merged range A30:XFD1048576 is too large" in out and "internal" not in out, out


def test_import_refuses_a_zip_bomb(tmp_path):
    pytest.importorskip("openpyxl")

    def pad(xml: bytes, fh) -> None:  # 400 MB of blanks inside the sheet: a few hundred KB zipped
        head, _, tail = xml.partition(b"<sheetData>")
        fh.write(head)
        block = b" " * (1 << 20)
        for _ in range(400):
            fh.write(block)
        fh.write(b"<sheetData>" + tail)

    book = _rewrite_sheet(_seed_workbook(tmp_path), tmp_path / "bomb.xlsx", pad)
    assert book.stat().st_size < 4 * 1024 * 1024
    code, out = _import(tmp_path, book)
    assert code == 2 and "bytes unpacked" in out and "internal" not in out, out


def test_import_reads_only_the_cells_a_sheet_holds(tmp_path):
    pytest.importorskip("openpyxl")

    def far_cell(xml: bytes, fh) -> None:  # one more cell at the sheet's last row and column
        head, _, tail = xml.partition(b"</sheetData>")
        fh.write(
            head + b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>' + tail
        )

    book = _rewrite_sheet(_seed_workbook(tmp_path), tmp_path / "far.xlsx", far_cell)
    code, out = _import(tmp_path, book)
    assert code in (0, 1) and "internal" not in out, out
    assert "XFD1048576" in out  # reported as a cell that fits nowhere, not read as 17 billion cells


@pytest.mark.fuzz
def test_import_of_100000_indicator_rows_is_one_pass(tmp_path):
    """Under -m fuzz (it builds a 100,000-row workbook): reading rows was quadratic (16,000 rows took 30 s,
    100,000 were killed at 600 s); the subprocess's timeout is a bound on a hang, not a measurement."""
    openpyxl = pytest.importorskip("openpyxl")
    seed = _seed_workbook(tmp_path)
    wb = openpyxl.load_workbook(seed)
    ws = wb.worksheets[0]
    last = ws.max_row
    template = [c.value for c in ws[last]]
    for i in range(100_000):  # rows like the last one (its categories, target and basis), each a new indicator
        ws.append([f"指标{i}" if j in (3, 5) else v for j, v in enumerate(template)])
    big = tmp_path / "big.xlsx"
    wb.save(big)
    run = limited("import", str(big), "-o", str(tmp_path / "out"), "--lang", "en", cwd=tmp_path, memory=4 * MEMORY)
    assert run.returncode in (0, 1), run.stderr
    assert "指标99999" in next((tmp_path / "out").glob("*.yaml")).read_text("utf-8")


def test_git_setup_refuses_a_fifo_gitattributes(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    os.mkfifo(tmp_path / ".gitattributes")
    try:
        run = limited("git-setup", "--lang", "en", cwd=tmp_path, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("git-setup waited on a FIFO")
    assert run.returncode == 2 and b"cannot read" in run.stderr, run.stderr


@pytest.mark.parametrize(
    "old, new",
    [
        ("budget: {total: 0.45, fiscal: 0.45, other: 0}", "budget: {total: 0.45, # 总额\n  fiscal: 0.45, other: 0}"),
        (
            "      - {name: 服务对象满意度, target: ≥90%, basis: 工作计划}\n",
            "      - {name: 服务对象满意度, target: ≥90%, basis: 工作计划}\n...\n# 总额\n",
        ),
    ],
)
def test_fmt_names_a_comment_it_cannot_keep_instead_of_claiming_a_bug(tmp_path, cli, monkeypatch, old, new):
    monkeypatch.chdir(tmp_path)
    p = tmp_path / "p.yaml"
    p.write_text(SEED_03.replace(old, new, 1), "utf-8")
    assert new in p.read_text("utf-8")
    result = cli("fmt", "--lang", "en", "p.yaml")
    assert result.exit_code == 1 and "bug" not in result.stderr
    assert "the comment # 总额 sits where the layout cannot keep it" in result.stderr, result.stderr
    assert p.read_text("utf-8") == SEED_03.replace(old, new, 1)


@pytest.mark.parametrize("line", ["budget: {total: 1", "purpose: [a", "unit: {code: x, name: y"])
def test_a_long_run_of_spaces_in_a_flow_line_is_read_in_one_pass(tmp_path, line):
    """The line reader's pattern for a `{…}` or `[…]` text was quadratic on a run of spaces (1.9 MB of them
    would have taken hours); the subprocess's timeout is a bound on a hang, not a measurement."""
    copy_data(tmp_path / "data")
    target = tmp_path / "data/projects/01-第三方专项审计费.yaml"
    text = target.read_text("utf-8")
    key = line.split(":")[0]
    start = text.index(f"\n{key}:") + 1
    end = text.index("\n", start)
    target.write_text(text[:start] + line + " " * 1_900_000 + "z" + text[end:], "utf-8")
    try:
        run = limited("validate", "--no-cache", "--lang", "en", "data", cwd=tmp_path, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("a run of spaces made the reader quadratic")
    out = run.stdout.decode() + run.stderr.decode()
    assert run.returncode == 1 and "PG001" in out and "internal error" not in out, out[-2000:]
