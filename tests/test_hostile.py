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


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def two_sides(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(DATA, old)
    shutil.copytree(DATA, new)
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
    shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns(".perfgoals_cache"))
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
    shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns(".perfgoals_cache"))
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
    shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns(".perfgoals_cache"))
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

HUGE_NUMBERS = {"exponent": "1e999999999", "digits": "9" * 5000, "hex": "0x" + "f" * 5000}


@pytest.fixture(params=sorted(HUGE_NUMBERS))
def huge_number_folder(request, tmp_path) -> Path:
    shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns(".perfgoals_cache"))
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
    shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns(".perfgoals_cache"))
    os.mkfifo(tmp_path / "data/projects/pipe.yaml")
    os.symlink("/dev/zero", tmp_path / "data/projects/zero.yaml")
    try:
        run = limited(*command, "--lang", "en", "data", cwd=tmp_path, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("perfgoals waited on a FIFO")
    out = run.stdout.decode() + run.stderr.decode()
    assert run.returncode == 2, out
    assert out.count("this is not a regular file") == 2 and "internal error" not in out


def test_diff_refuses_devices_and_huge_blobs_without_reading_them(tmp_path):
    shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns(".perfgoals_cache"))
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
    assert "working tree:data/projects/huge.yaml:1:1  PG000  this is not a regular file" in out


def test_show_flat_of_an_unparsable_huge_file_is_bounded(tmp_path):
    (tmp_path / "big.yaml").write_text("[" * 10 + "x" * (5 * 1024 * 1024), "utf-8")
    run = limited("show", "--flat", "big.yaml", cwd=tmp_path)
    assert run.returncode == 0
    assert len(run.stdout) == 2 * 1024 * 1024  # the first max_bytes, as textconv shows it
