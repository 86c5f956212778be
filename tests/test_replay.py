"""perfgoals.replay through the console script: a run over unchanged inputs prints exactly what it printed and
imports nothing of the command line; any change to what the run read, listed, looked for or wrote runs it.

Replay trusts a path's status only once it is RACY_NS (2 s) old, so every tree these tests use is copied once,
before any test, and left to settle; a test that changes a file works on a tree of its own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DATA

pytestmark = pytest.mark.skipif(os.name != "posix", reason="replay trusts file statuses on POSIX only")

SCRIPT = shutil.which("perfgoals") or str(Path(sys.executable).with_name("perfgoals"))
TREES = (
    "hit",
    "edit",
    "added",
    "settings",
    "output",
    "damaged",
    "racy",
    "usage",
    "pipe",
    "config",
    "link",
    "swap",
    "git",
)
TREES += ("closed", "gone", "badname", "mixed")


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("replay")
    made = {}
    for name in TREES:
        shutil.copytree(DATA, root / name / "data", ignore=shutil.ignore_patterns(".perfgoals_cache"))
        made[name] = root / name
    _prepare(made)
    time.sleep(2.2)  # older than RACY_NS when the first run starts
    return made


def _prepare(trees: dict[str, Path]) -> None:
    """What some tests need in place before the trees settle."""
    conf = trees["config"] / "conf"
    conf.mkdir()
    (conf / "pyproject.toml").write_text(
        '[tool.perfgoals]\nframework = "mof2015"\n[tool.perfgoals.rules]\nPG603 = "off"\n'
    )
    link = trees["link"]
    settings = (link / "data" / "perfgoals.yaml").read_text("utf-8")
    (link / "a.yaml").write_text(settings, "utf-8")
    (link / "b.yaml").write_text(settings + "rules:\n  PG603: off\n", "utf-8")
    (link / "settings.yaml").symlink_to("a.yaml")
    swap = trees["swap"] / "data" / "projects"
    (swap / "sub").mkdir()
    shutil.move(str(project(trees["swap"])), swap / "sub")
    (trees["gone"] / "here").mkdir()
    broken = project(trees["mixed"]).read_text("utf-8").replace("\ngoal:", "\nnot_a_goal:", 1)
    (trees["mixed"] / "data" / "projects" / "zz-broken.yaml").write_text(broken, "utf-8")
    bad = trees["badname"] / "data" / "projects"
    text = project(trees["badname"]).read_bytes().replace(b"\ncode:", b"\ncode: X1\nold_code:", 1)
    (bad / "x.yaml").write_bytes(text)
    os.rename(bad / "x.yaml", os.fsencode(bad) + b"/\xff\xfe.yaml")


class Run:
    def __init__(self, done: subprocess.CompletedProcess) -> None:
        self.code = done.returncode
        self.out = done.stdout
        lines = done.stderr.split(b"\n")
        # -X importtime writes to the stderr file itself, beside what perfgoals writes there
        self.err = b"\n".join(line for line in lines if not line.startswith(b"import time:"))
        self.imported = {
            line.rsplit(b"|", 1)[-1].strip().decode() for line in lines if line.startswith(b"import time:")
        }

    @property
    def replayed(self) -> bool:
        return "perfgoals.cli" not in self.imported


def perfgoals(cwd: Path, *args: str, **env: str) -> Run:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", SCRIPT, *args],
        cwd=cwd,
        capture_output=True,
        env={**os.environ, "PERFGOALS_LANG": "en", **env},
        timeout=300,
    )
    return Run(done)


def project(tree: Path) -> Path:
    return sorted((tree / "data" / "projects").glob("02-*.yaml"))[0]


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "data"),
        ("validate", "data", "--format", "json"),
        ("fmt", "--check", "data"),
        ("summary", "data"),
        ("render", "data", "-f", "md"),
        ("render", "data", "-o", "out/document.html"),
    ],
    ids=lambda a: " ".join(a),
)
def test_a_run_over_unchanged_files_is_replayed_byte_for_byte(trees, args):
    first = perfgoals(trees["hit"], *args)
    again = perfgoals(trees["hit"], *args)
    assert not first.replayed and again.replayed
    assert (again.code, again.out, again.err) == (first.code, first.out, first.err)
    assert first.out or first.err
    assert "pydantic" not in again.imported and "perfgoals.rules" not in again.imported


def test_stdout_and_stderr_into_one_file_interleave_as_they_did(trees):
    """`2>&1`: the replay makes the command's very writes and flushes, so a long stdout (buffered) and the lines
    on stderr (flushed at once) come out in the same order."""

    def combined(*args: str) -> bytes:
        done = subprocess.run(
            [sys.executable, SCRIPT, *args],
            cwd=trees["mixed"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PERFGOALS_LANG": "en"},
            timeout=300,
        )
        return done.stdout

    for args in (
        ("summary", "data"),
        ("summary", "data", "-f", "md"),
        ("render", "data", "-f", "md", "--allow-errors"),
    ):
        first = combined(*args)
        alone = perfgoals(trees["mixed"], *args)
        assert alone.replayed and alone.out and alone.err  # both streams written
        assert combined(*args) == first


def test_an_edited_file_is_checked_again(trees):
    tree = trees["edit"]
    before = perfgoals(tree, "validate", "data")
    path = project(tree)
    path.write_text(path.read_text("utf-8").replace("培训高校救护师资 120 名", "培训高校救护师资 150 名"), "utf-8")
    after = perfgoals(tree, "validate", "data")
    assert not after.replayed
    assert (
        b"'\xe5\x9f\xb9\xe8\xae\xad\xe9\xab\x98\xe6\xa0\xa1\xe6\x95\x91\xe6\x8a\xa4\xe5\xb8\x88\xe8\xb5\x84 150"
        in after.out
    )
    assert after.out != before.out
    assert after.out == perfgoals(tree, "validate", "data", "--no-cache").out


def test_a_file_added_to_a_folder_is_found(trees):
    tree = trees["added"]
    perfgoals(tree, "validate", "data")
    assert perfgoals(tree, "validate", "data").replayed
    shutil.copy(project(tree), tree / "data" / "projects" / "99-copy.yaml")  # the same code twice: PG501
    after = perfgoals(tree, "validate", "data")
    assert not after.replayed and after.code == 1
    assert b"99-copy.yaml" in after.out and b"9 files" in after.out


def test_a_settings_file_that_appears_is_read(trees):
    """perfgoals.yaml looked for in data/projects and not found: once there, it applies."""
    tree = trees["settings"]
    before = perfgoals(tree, "validate", "data")
    assert b"PG603" in before.out
    (tree / "data" / "projects" / "perfgoals.yaml").write_text("rules:\n  PG603: off\n", "utf-8")
    after = perfgoals(tree, "validate", "data")
    assert not after.replayed and b"PG603" not in after.out


def test_a_written_document_changed_since_is_written_again(trees):
    tree = trees["output"]
    args = ("render", "data", "-o", "out/document.html")
    perfgoals(tree, *args)
    written = (tree / "out" / "document.html").read_bytes()
    assert perfgoals(tree, *args).replayed
    (tree / "out" / "document.html").write_bytes(written + b"<!-- edited -->")
    again = perfgoals(tree, *args)
    assert not again.replayed and (tree / "out" / "document.html").read_bytes() == written
    (tree / "out" / "document.html").unlink()
    assert not perfgoals(tree, *args).replayed and (tree / "out" / "document.html").read_bytes() == written


def test_another_invocation_is_not_answered_by_a_record(trees):
    tree = trees["hit"]
    perfgoals(tree, "validate", "data")
    chinese = perfgoals(tree, "validate", "data", PERFGOALS_LANG="zh")
    assert not chinese.replayed and "个警告".encode() in chinese.out
    assert not perfgoals(tree, "validate", "data", "--no-cache").replayed
    assert not perfgoals(tree, "validate", "data", "--no-cache").replayed


def test_a_damaged_record_is_only_a_miss(trees):
    tree = trees["damaged"]
    first = perfgoals(tree, "validate", "data")
    records = Path(os.environ["XDG_CACHE_HOME"]) / "perfgoals" / "runs"
    newest = max(records.iterdir(), key=lambda p: p.stat().st_mtime_ns)
    newest.write_bytes(newest.read_bytes()[:-100])
    again = perfgoals(tree, "validate", "data")
    assert not again.replayed and (again.code, again.out) == (first.code, first.out)


def test_a_file_changed_just_before_the_run_is_not_trusted(trees):
    tree = trees["racy"]
    path = project(tree)
    path.write_bytes(path.read_bytes())  # same bytes, new status, within RACY_NS of the next run
    perfgoals(tree, "validate", "data")
    assert not perfgoals(tree, "validate", "data").replayed


def test_a_failed_run_is_not_recorded(trees):
    tree = trees["usage"]
    first = perfgoals(tree, "render", "data", "-f", "docx")  # a binary format needs -o: exit 2
    again = perfgoals(tree, "render", "data", "-f", "docx")
    assert first.code == again.code == 2 and not again.replayed


def test_a_run_whose_reader_went_away_is_not_recorded(trees):
    """`perfgoals validate | head`: the command stops writing when the pipe closes (exit 1, as click does); what
    it wrote is not the whole output, and a later run into a file must not be given it."""
    tree = trees["pipe"]
    reader_gone = subprocess.Popen(
        [sys.executable, SCRIPT, "validate", "data"],
        cwd=tree,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PERFGOALS_LANG": "en"},
    )
    reader_gone.stdout.close()
    assert reader_gone.wait(timeout=300) == 1
    assert b"Traceback" not in reader_gone.stderr.read()
    whole = perfgoals(tree, "validate", "data")
    assert not whole.replayed and whole.out == perfgoals(tree, "validate", "data", "--no-cache").out


def test_a_settings_file_named_by_config_is_watched(trees):
    tree = trees["config"]
    args = ("validate", "data", "--config", "conf/pyproject.toml")
    assert b"PG603" not in perfgoals(tree, *args).out
    assert perfgoals(tree, *args).replayed
    toml = tree / "conf" / "pyproject.toml"
    toml.write_text(toml.read_text().replace('"off"', '"error"'))
    after = perfgoals(tree, *args)
    assert not after.replayed and b"error  PG603" in after.out and after.code == 1


def test_a_settings_link_pointed_elsewhere_is_read_again(trees):
    tree = trees["link"]
    args = ("validate", "data", "--config", "settings.yaml")
    assert b"PG603" in perfgoals(tree, *args).out
    assert perfgoals(tree, *args).replayed
    (tree / "settings.yaml").unlink()
    (tree / "settings.yaml").symlink_to("b.yaml")
    after = perfgoals(tree, *args)
    assert not after.replayed and b"PG603" not in after.out


def test_a_folder_that_became_a_link_is_walked_as_a_link(trees):
    """A walk does not go into a link to a folder: swapping a folder for a link to it changes what is read."""
    tree = trees["swap"]
    before = perfgoals(tree, "validate", "data")
    assert b"8 files" in before.out and perfgoals(tree, "validate", "data").replayed
    shutil.move(str(tree / "data" / "projects" / "sub"), tree / "elsewhere")
    (tree / "data" / "projects" / "sub").symlink_to(tree / "elsewhere")
    after = perfgoals(tree, "validate", "data")
    assert not after.replayed and b"7 files" in after.out


def test_a_repository_that_appears_moves_ci_paths(trees):
    tree = trees["git"]
    project = tree / "data"
    args = ("validate", "data", "--format", "github")
    assert b"file=data/projects/" in perfgoals(tree, *args).out
    assert perfgoals(tree, *args).replayed
    (tree.parent / ".git").mkdir()
    try:
        after = perfgoals(tree, *args)
    finally:
        (tree.parent / ".git").rmdir()
    assert project.is_dir() and not after.replayed
    assert f"file={tree.name}/data/projects/".encode() in after.out


def test_a_closed_output_is_not_answered_from_a_record(trees):
    tree = trees["closed"]
    perfgoals(tree, "validate", "data")
    closed = subprocess.run(
        [sys.executable, SCRIPT, "validate", "data"], cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    fresh = subprocess.run(
        f"{sys.executable} {SCRIPT} validate data >&-", shell=True, cwd=tree, capture_output=True, timeout=300
    )
    assert closed.returncode == 0
    assert b"Traceback" not in fresh.stderr and fresh.returncode == 2


def test_a_current_folder_deleted_is_told_not_traced(trees):
    tree = trees["gone"]
    done = subprocess.run(
        f"cd here && rmdir ../here && {sys.executable} {SCRIPT} validate {tree / 'data'}",
        shell=True,
        cwd=tree,
        capture_output=True,
        timeout=300,
    )
    assert b"Traceback" not in done.stderr and done.returncode == 2


def test_a_file_name_that_is_not_utf8_is_cached_and_replayed(trees):
    tree = trees["badname"]
    first = perfgoals(tree, "validate", "data")
    assert first.code == 1 and b"internal error" not in first.err
    again = perfgoals(tree, "validate", "data")
    assert (again.code, again.out) == (first.code, first.out)


# --- every read is noted ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "data"),
        ("validate", "data", "--config", "extra/perfgoals.yaml", "--format", "github"),
        ("summary", "data"),
        ("render", "data", "-f", "md"),
        ("fmt", "--check", "data"),
    ],
    ids=lambda a: " ".join(a),
)
def test_every_file_a_run_reads_and_every_folder_it_lists_is_noted(tmp_path, monkeypatch, args):
    """Through Python's audit events, in the process: whatever the command opens to read or lists, outside
    Python's own files, is in the notes a record would keep (a read that is not noted is a replay that misses
    a change).  The settings here come from a chain of files: a profile and a framework of the user's."""
    from perfgoals import inputs, replay
    from perfgoals.__main__ import main

    tree = tmp_path / "tree"
    shutil.copytree(DATA, tree / "data", ignore=shutil.ignore_patterns(".perfgoals_cache"))
    (tree / "perfgoals.yaml").write_text("rules:\n  PG407: off\n", "utf-8")
    settings = tree / "data" / "perfgoals.yaml"
    settings.write_text(settings.read_text("utf-8") + "extend: true\n", "utf-8")
    (tree / "extra").mkdir()
    shutil.copy(settings, tree / "extra" / "perfgoals.yaml")
    monkeypatch.chdir(tree)
    monkeypatch.setattr(inputs, "settled", lambda st, before: True)  # the tree is new: trust it anyway
    monkeypatch.setattr(sys, "argv", ["perfgoals", *args])
    opened: list[str] = []
    listed: list[str] = []
    kept: list = []
    start = inputs.start
    monkeypatch.setattr(inputs, "start", lambda ns: kept.append(start(ns)) or kept[-1])

    def hook(event: str, info: tuple) -> None:
        if not kept or inputs.current is None:
            return
        if event == "open" and isinstance(info[0], (str, bytes, os.PathLike)):
            flags = info[2] if isinstance(info[2], int) else 0
            mode = info[1] if isinstance(info[1], str) else ""
            if not (flags & (os.O_WRONLY | os.O_RDWR)) and not any(c in mode for c in "wax+"):
                opened.append(os.fsdecode(info[0]))
        elif event in ("os.scandir", "os.listdir") and info and info[0] is not None:
            listed.append(os.fsdecode(info[0]))

    sys.addaudithook(hook)  # (hooks cannot be removed: it does nothing once this test's run has ended)
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code in (0, 1)
    notes = kept[-1]
    inputs.current = None
    python = tuple(os.path.realpath(p) for p in {sys.prefix, sys.base_prefix, os.path.dirname(inputs.__file__)})
    seen = {os.path.realpath(p) for p in notes.files}

    def ours(path: str) -> bool:
        real = os.path.realpath(path)
        return not real.startswith(python) and ".perfgoals_cache" not in real and not real.startswith("/proc/")

    assert any(p.endswith("perfgoals.yaml") for p in opened) and listed  # the hook sees the run's reads
    unnoted = [p for p in opened if ours(p) and os.path.realpath(p) not in seen]
    assert not unnoted, unnoted
    folders = {os.path.realpath(p) for p in notes.folders}
    assert not [p for p in listed if ours(p) and os.path.realpath(p) not in folders]
    assert notes.statuses() is not None and replay.COMMANDS >= {args[0]}


_WRITER = """
import sys
from perfgoals import inputs, replay
argv = ["perfgoals", "validate", "nothing"]
code = replay.replayed(argv)
if code is not None:
    print("REPLAYED", file=open(sys.argv[1], "w"))
    sys.exit(code)
with replay.recording(argv):
    inputs.allow()
    sys.stdout.write("pending on stdout, ")  # held by its buffer until the exit flushes it
    sys.stderr.write("said at once on stderr\\n")  # line-buffered: written now
    sys.stdout.write("then the rest\\n")
    sys.exit(1)
"""


def test_a_replay_makes_the_same_writes_and_flushes(tmp_path):
    """Into one pipe, stderr's line comes before stdout's held text; a replay gives the very same bytes."""
    marker = tmp_path / "marker"
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as Python runs by default

    def run() -> tuple[int, bytes]:
        done = subprocess.run(
            [sys.executable, "-c", _WRITER, str(marker)],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=buffered,
        )
        return done.returncode, done.stdout

    first = run()
    assert first == (1, b"said at once on stderr\npending on stdout, then the rest\n")
    assert not marker.exists()
    assert run() == first and marker.read_text().strip() == "REPLAYED"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_told_in_the_users_language_replayed_or_not(trees):
    """`> report.txt` on a full disk: one line saying so, exit 2, whether the run is replayed or runs."""
    tree = trees["hit"]

    def into(device: str, *args: str) -> subprocess.CompletedProcess:
        with open(device, "wb") as out:
            return subprocess.run([sys.executable, SCRIPT, *args], cwd=tree, stdout=out, stderr=subprocess.PIPE)

    for args in (("validate", "data", "--lang", "zh"), ("validate", "data", "--no-cache", "--lang", "zh")):
        into("/dev/null", *args)  # a character device too: a record for the replay, when there is one
        done = into("/dev/full", *args)
        assert done.returncode == 2, args
        assert done.stderr.decode("utf-8") == "perfgoals：无法写出结果：No space left on device\n", args
