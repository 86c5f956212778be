"""The validation cache: hits are byte-identical to a fresh run, and anything that could change a finding misses."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from perfgoals import cache as cache_mod
from perfgoals import validate as validate_mod
from perfgoals.validate import validate

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "data" / "projects").glob("*.yaml"))


def _all(report):
    return [(f.code, f.severity, f.path, f.line, f.column, f.message, f.hint, f.project) for f in report.findings]


@pytest.fixture
def repo(in_tmp):
    """A data repository: .git at its root, the seed data (with its 9 warnings) and a duplicated code."""
    (in_tmp / ".git").mkdir()
    projects = in_tmp / "data" / "projects"
    projects.mkdir(parents=True)
    (in_tmp / "data" / "department.yaml").write_text((ROOT / "data/department.yaml").read_text("utf-8"), "utf-8")
    for p in SEEDS:
        (projects / p.name).write_text(p.read_text("utf-8"), "utf-8")
    (projects / "08-copy.yaml").write_text(SEEDS[0].read_text("utf-8"), "utf-8")  # PG601 across files
    return in_tmp


@pytest.fixture
def checks(monkeypatch):
    """Counts the files really loaded and checked (cache misses)."""
    seen: list[str] = []
    real = validate_mod._check_file

    def counting(run, job):
        seen.append(job.display)
        return real(run, job)

    monkeypatch.setattr(validate_mod, "_check_file", counting)
    return seen


def _cache_files(repo):
    return sorted((repo / ".perfgoals_cache").glob("validate-*.json"))


def test_second_run_is_all_hits_and_identical(repo, checks):
    fresh = validate(["data"], cache=True)
    assert len(checks) == 9 and len(_cache_files(repo)) == 1
    assert {f.code for f in fresh.findings} >= {"PG401", "PG601"}
    checks.clear()
    again = validate(["data"], cache=True)
    assert checks == []  # nothing parsed, no per-file rule run
    assert _all(again) == _all(fresh)
    assert _all(again) == _all(validate(["data"]))  # and both equal a run without the cache


def test_changed_content_misses_only_that_file(repo, checks):
    validate(["data"], cache=True)
    checks.clear()
    target = repo / "data" / "projects" / "03-红十字会法、宣传读本等.yaml"
    target.write_text(target.read_text("utf-8").replace("≥95%", "≥120%"), "utf-8")
    report = validate(["data"], cache=True)
    assert checks == ["data/projects/03-红十字会法、宣传读本等.yaml"]
    assert any(f.code == "PG402" for f in report.findings)
    assert _all(report) == _all(validate(["data"]))


def test_same_bytes_new_mtime_is_a_hit(repo, checks):
    validate(["data"], cache=True)
    checks.clear()
    target = repo / "data" / "projects" / "01-第三方专项审计费.yaml"
    target.write_text(target.read_text("utf-8"), "utf-8")  # touched, not changed
    validate(["data"], cache=True)
    assert checks == []


def test_configuration_change_invalidates(repo, checks):
    before = validate(["data"], cache=True)
    checks.clear()
    (repo / "perfgoals.yaml").write_text("rules: {PG603: off}\nsatisfaction_floor: 95\n", "utf-8")
    after = validate(["data"], cache=True)
    assert len(checks) == 9
    assert "PG603" in {f.code for f in before.findings} and "PG603" not in {f.code for f in after.findings}
    assert _all(after) == _all(validate(["data"]))


def test_language_is_part_of_the_key(repo, checks):
    validate(["data"], cache=True, lang="en")
    checks.clear()
    zh = validate(["data"], cache=True, lang="zh")
    assert len(checks) == 9
    assert _all(zh) == _all(validate(["data"], lang="zh"))
    assert any("数量指标" in f.message for f in zh.findings)


@pytest.mark.parametrize(
    "garbage",
    [b"", b'{"format": 1, "entr', b"\x00\xff binary", b"[1, 2, 3]", b'{"format": 1, "namespace": "x", "entries": []}'],
)
def test_corrupt_cache_file_is_ignored_and_rebuilt(repo, checks, garbage):
    fresh = validate(["data"], cache=True)
    [cache_file] = _cache_files(repo)
    cache_file.write_bytes(garbage)
    checks.clear()
    report = validate(["data"], cache=True)
    assert len(checks) == 9 and _all(report) == _all(fresh)
    assert json.loads(cache_file.read_text("utf-8"))["format"] == cache_mod.FORMAT  # rewritten whole
    checks.clear()
    validate(["data"], cache=True)
    assert checks == []


@pytest.mark.parametrize(
    "field, damage",
    [
        ("f", [["PG999"]]),
        ("f", [["PG601", "error", 1e400, 1, "m", "", None]]),
        ("p", "2,x;;;"),
        ("p", [[2, 1]]),
        ("p", "9" * 5000 + ",1,,;;;"),
        ("i", [2023]),
        ("q", [12]),
        ("q", {"x": "line"}),
    ],
)
def test_damaged_entry_is_a_miss(repo, checks, field, damage):
    fresh = validate(["data"], cache=True)
    [cache_file] = _cache_files(repo)
    data = json.loads(cache_file.read_text("utf-8"))
    for entry in data["entries"].values():
        entry[field] = damage  # wrong shape
    cache_file.write_text(json.dumps(data), "utf-8")
    checks.clear()
    assert _all(validate(["data"], cache=True)) == _all(fresh)
    assert len(checks) == 9


def test_hits_really_come_from_the_cache_and_no_cache_ignores_it(repo):
    from typer.testing import CliRunner

    from perfgoals.cli import app

    runner = CliRunner()
    first = runner.invoke(app, ["validate", "data", "--format", "json"])
    [cache_file] = _cache_files(repo)
    data = json.loads(cache_file.read_text("utf-8"))
    for entry in data["entries"].values():
        for finding in entry["f"]:
            finding[4] = "FROM THE CACHE"
    cache_file.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    cached = json.loads(runner.invoke(app, ["validate", "data", "--format", "json"]).output)
    assert {f["message"] for f in cached["findings"] if f["code"] != "PG601"} == {"FROM THE CACHE"}
    fresh = runner.invoke(app, ["validate", "data", "--format", "json", "--no-cache"])
    assert fresh.output == first.output


def test_no_cache_writes_nothing(repo):
    from typer.testing import CliRunner

    from perfgoals.cli import app

    CliRunner().invoke(app, ["validate", "data", "--no-cache"])
    assert not (repo / ".perfgoals_cache").exists()


def test_cache_location(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    assert cache_mod.locate(["a/b/c"]) == tmp_path / ".perfgoals_cache"  # nothing marks a repository: cwd
    (tmp_path / "a" / ".git").mkdir()
    assert cache_mod.locate(["a/b/c"]) == tmp_path / "a" / ".perfgoals_cache"
    (tmp_path / "a" / "b" / "perfgoals.yaml").write_text("framework: mof2015\n", "utf-8")
    assert cache_mod.locate(["a/b/c/x.yaml", "a/b/c"]) == tmp_path / "a" / "b" / ".perfgoals_cache"
    assert cache_mod.locate(["a/b/c", "a"]) == tmp_path / "a" / ".perfgoals_cache"  # the common folder


def test_cache_folder_is_ignored_by_git(repo):
    validate(["data"], cache=True)
    assert (repo / ".perfgoals_cache" / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"


def test_read_only_cache_folder_costs_only_speed(repo, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache_mod, "write_bytes", refuse)
    assert _all(validate(["data"], cache=True)) == _all(validate(["data"]))


def test_concurrent_runs_leave_a_valid_cache(repo):
    # Several processes writing at once: each replaces the file atomically, so whichever wins, it is whole.
    projects = repo / "data" / "projects"
    for i in range(30):
        text = SEEDS[i % len(SEEDS)].read_text("utf-8").replace("code: 1302", f"code: X{i:02d}")
        (projects / f"extra-{i:02d}.yaml").write_text(text, "utf-8")
    cmd = [sys.executable, "-m", "perfgoals", "validate", "data", "--format", "json"]
    procs = [
        subprocess.Popen(
            cmd + (["--lang", "zh"] if i % 2 else []), cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for i in range(6)
    ]
    outputs = [p.communicate() for p in procs]
    assert all(p.returncode in (0, 1) for p in procs), [o[1] for o in outputs]
    assert all(b"Traceback" not in err for _, err in outputs)
    for cache_file in _cache_files(repo):
        assert json.loads(cache_file.read_text("utf-8"))["format"] == cache_mod.FORMAT
    assert not list((repo / ".perfgoals_cache").glob(".tmp-*"))  # no temporary file left behind
    fresh = subprocess.run(cmd + ["--no-cache"], cwd=repo, capture_output=True)
    cached = subprocess.run(cmd, cwd=repo, capture_output=True)
    assert cached.stdout == fresh.stdout == outputs[0][0]


# --- content hashes remembered by file status --------------------------------------------------------


@pytest.fixture
def reads(monkeypatch):
    """Counts the files whose bytes the run read (to hash or to check them)."""
    seen: list[str] = []
    real = validate_mod.source.read_bytes

    def counting(path, *args, **kwargs):
        seen.append(str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(validate_mod.source, "read_bytes", counting)
    return seen


@pytest.fixture
def settled(monkeypatch):
    """Files count as settled at once (the tests cannot wait two seconds for them to age)."""
    monkeypatch.setattr(cache_mod, "RACY_NS", 0)
    time.sleep(0.02)  # past the file system's clock tick of the files just written


def test_unchanged_status_is_not_even_read(repo, settled, reads, checks):
    fresh = validate(["data"], cache=True)
    reads.clear()
    checks.clear()
    assert _all(validate(["data"], cache=True)) == _all(fresh)
    assert reads == [] and checks == []


def test_edit_with_restored_size_and_mtime_is_caught(repo, settled, reads, checks):
    """cp -p, unzip and rsync -t restore modification times: the change time still moves."""
    validate(["data"], cache=True)
    target = repo / "data" / "projects" / "01-第三方专项审计费.yaml"
    st = target.stat()
    text = target.read_text("utf-8")
    edited = text.replace("≥90%", "≥95%", 1)
    assert edited != text and len(edited.encode()) == len(text.encode())
    time.sleep(0.02)
    target.write_text(edited, "utf-8")
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert target.stat().st_mtime_ns == st.st_mtime_ns and target.stat().st_size == st.st_size
    checks.clear()
    report = validate(["data"], cache=True)
    assert checks == ["data/projects/01-第三方专项审计费.yaml"]
    assert _all(report) == _all(validate(["data"]))


def test_recently_changed_files_are_always_read(repo, reads, checks):
    """A file hashed within RACY_NS of its last change is not remembered: it is read (not checked) again."""
    validate(["data"], cache=True)
    reads.clear()
    checks.clear()
    validate(["data"], cache=True)
    assert len(reads) == 9 and checks == []


def test_damaged_memo_is_ignored(repo, settled, reads, checks):
    fresh = validate(["data"], cache=True)
    [cache_file] = _cache_files(repo)
    data = json.loads(cache_file.read_text("utf-8"))
    assert len(data["memo"]) == 9
    data["memo"] = {path: [1, 2] for path in data["memo"]}
    cache_file.write_text(json.dumps(data), "utf-8")
    reads.clear()
    checks.clear()
    assert _all(validate(["data"], cache=True)) == _all(fresh)
    assert len(reads) == 9 and checks == []


def test_where_ctime_is_not_the_change_time_every_file_is_read(repo, settled, reads, checks, monkeypatch):
    monkeypatch.setattr(cache_mod, "STATUS_TRUSTED", False)  # Windows: st_ctime is the creation time
    validate(["data"], cache=True)
    reads.clear()
    checks.clear()
    validate(["data"], cache=True)
    assert len(reads) == 9 and checks == []


def test_a_file_changed_during_the_run_is_cached_under_the_bytes_checked(repo, settled, monkeypatch):
    """Known by its status, not cached under the new settings, then edited before it is checked: what the
    check saw must not be stored under the old content's hash (it would come back when the edit is undone)."""
    validate(["data"], cache=True)
    [cache_file] = _cache_files(repo)
    data = json.loads(cache_file.read_text("utf-8"))
    data["entries"] = {}  # as after a change of configuration: the memo still knows every file
    cache_file.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    target = repo / "data" / "projects" / SEEDS[2].name  # not 01: 08-copy.yaml has 01's bytes
    original = target.read_bytes()
    real = cache_mod.Cache.content_of

    def edit_after_lookup(self, path, limits):
        answer = real(self, path, limits)
        if path.endswith(SEEDS[2].name):
            target.write_bytes(original + b"bogus_field: 1\n")
        return answer

    monkeypatch.setattr(cache_mod.Cache, "content_of", edit_after_lookup)
    validate(["data"], cache=True)
    monkeypatch.setattr(cache_mod.Cache, "content_of", real)
    target.write_bytes(original)
    assert _all(validate(["data"], cache=True)) == _all(validate(["data"]))


# --- summary and render: models from the cache ------------------------------------------------------

MODEL_FOLDERS = ["data", *sorted(p.parent.name for p in (ROOT / "tests/real").glob("*/perfgoals.yaml"))]


@pytest.mark.parametrize("folder", MODEL_FOLDERS)
def test_summary_and_render_from_the_cache_are_a_fresh_run(folder, tmp_path, monkeypatch, cli):
    """The stored models (pydantic's JSON, read back) give the very document and summary of a fresh run:
    the source document's data and every real table of the corpus (all provinces' profiles)."""
    import shutil

    source = ROOT / folder if folder == "data" else ROOT / "tests/real" / folder
    shutil.copytree(source, tmp_path / "t", ignore=shutil.ignore_patterns(".perfgoals_cache"))
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    commands = [
        ("summary", "t", "-f", "json"),
        ("summary", "t"),
        ("render", "t", "--allow-errors", "-f", "md"),
        ("render", "t", "--allow-errors", "-f", "html"),
    ]
    fresh = [cli(*c, "--no-cache", "--lang", "zh") for c in commands]
    assert not Path("t/.perfgoals_cache").exists()  # the data root: t holds perfgoals.yaml
    for run in ("cold", "warm"):
        loaded: list[str] = []
        real = validate_mod._check_file
        monkeypatch.setattr(validate_mod, "_check_file", lambda r, job: loaded.append(job.path) or real(r, job))
        cached = [cli(*c, "--lang", "zh") for c in commands]
        monkeypatch.undo()
        monkeypatch.chdir(tmp_path)
        for a, b in zip(fresh, cached):
            assert (a.exit_code, a.stdout, a.stderr) == (b.exit_code, b.stdout, b.stderr)
        if run == "warm":
            assert loaded == [], "a warm run checked files again"
    assert list(Path("t/.perfgoals_cache").glob("models-*.json"))


def test_a_cache_filled_by_validate_answers_the_next_summary(repo, cli, monkeypatch):
    """summary needs of each project only its figures (load.Figures), which the cache entries keep: after a
    validate, it checks no file again, stores no models and prints what a fresh run prints."""
    assert cli("validate", "data").exit_code == 1
    checked: list[str] = []
    real = validate_mod._check_file
    monkeypatch.setattr(validate_mod, "_check_file", lambda r, job: checked.append(job.path) or real(r, job))
    for fmt in ("json", "text", "md"):
        fresh = cli("summary", "data", "-f", fmt, "--no-cache")
        checked.clear()
        assert cli("summary", "data", "-f", fmt).stdout == fresh.stdout
        assert checked == []
    assert not list(Path(".perfgoals_cache").glob("models-*.json"))


def test_damaged_figures_in_the_cache_are_checked_afresh(repo, cli):
    first = cli("summary", "data", "-f", "json", "--no-cache")
    assert cli("summary", "data", "-f", "json").stdout == first.stdout
    store = next(Path(".perfgoals_cache").glob("validate-*.json"))
    data = json.loads(store.read_text("utf-8"))
    for bad in ("x;1;0;万元;;3", "1;1;0;美元;;3", "1;1;0;万元;3=;4", ["1", "1", "0", "万元", [], 3], 7):
        for entry in data["entries"].values():
            if "g" in entry:
                entry["g"] = bad
        store.write_text(json.dumps(data), "utf-8")
        assert cli("summary", "data", "-f", "json").stdout == first.stdout


def test_a_damaged_model_store_is_checked_afresh(repo, cli):
    first = cli("render", "data", "-f", "md")
    store = next(Path(".perfgoals_cache").glob("models-*.json"))
    data = json.loads(store.read_text("utf-8"))
    data["models"] = {k: '{"year": "not a year"}' for k in data["models"]}
    store.write_text(json.dumps(data), "utf-8")
    assert cli("render", "data", "-f", "md").stdout == first.stdout
    store.write_text("{not json", "utf-8")
    assert cli("render", "data", "-f", "md").stdout == first.stdout


# --- the source lines the report quotes --------------------------------------------------------------


def test_a_warm_text_report_quotes_its_lines_without_reading_the_files(repo, settled, cli, monkeypatch):
    """The lines under each finding come from the cache: the warm run is the same text and reads nothing."""
    from perfgoals.reporters import text as text_reporter

    (repo / "data" / "projects" / "09-ignored.yaml").write_text(
        SEEDS[1].read_text("utf-8").replace("goal:", "# perfgoals: ignore[PG603]\ngoal:", 1), "utf-8"
    )
    fresh = cli("validate", "data", "--no-cache", "--show-suppressed")
    assert "│" in fresh.stdout and "PG601" in fresh.stdout  # lines quoted, a cross-file finding among them
    cold = cli("validate", "data", "--show-suppressed")
    read: list[str] = []
    real = text_reporter.read_bytes
    monkeypatch.setattr(text_reporter, "read_bytes", lambda path, *a: read.append(str(path)) or real(path, *a))
    warm = cli("validate", "data", "--show-suppressed")
    assert warm.stdout == cold.stdout == fresh.stdout
    # only files whose cross-file finding (PG601, added after the cache) points at a line no finding of their
    # own does are read, to quote that line
    assert len(read) < 3, read
