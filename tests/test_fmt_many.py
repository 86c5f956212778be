"""fmt over many files: worker processes give the answers of one process, and a formatted tree that did not
change is checked by hashing alone (fmt's memory in .perfgoals_cache/)."""

import os
import shutil
import sys
from pathlib import Path

import pytest

from perfgoals import fmt as fmt_mod
from perfgoals import pool, source

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402


@pytest.fixture(scope="module")
def unformatted(tmp_path_factory):
    """The benchmark generator's files as generated: most need formatting, some are invalid YAML."""
    folder = tmp_path_factory.mktemp("many")
    generate(folder / "set", pool.PARALLEL_MIN + 30)
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def _spy_pool(monkeypatch) -> list:
    used = []
    real = pool.context
    monkeypatch.setattr(pool, "context", lambda: used.append(True) or real())
    return used


def test_workers_give_the_answers_of_one_process(unformatted, tmp_path, monkeypatch, cli):
    one, two = tmp_path / "one", tmp_path / "two"
    shutil.copytree(unformatted, one)
    shutil.copytree(unformatted, two)
    monkeypatch.chdir(one)
    monkeypatch.setattr(pool, "context", lambda: pytest.fail("a pool with --jobs 1"))
    check_one = cli("fmt", "--check", "set", "--jobs", "1", "--lang", "en")
    diff_one = cli("fmt", "--diff", "set", "--jobs", "1", "--lang", "en")
    write_one = cli("fmt", "set", "--jobs", "1", "--lang", "en")
    monkeypatch.undo()
    used = _spy_pool(monkeypatch)
    monkeypatch.chdir(two)
    check_two = cli("fmt", "--check", "set", "--jobs", "2", "--lang", "en")
    diff_two = cli("fmt", "--diff", "set", "--jobs", "2", "--lang", "en")
    write_two = cli("fmt", "set", "--jobs", "2", "--lang", "en")
    assert used, "the pool was not used"
    for a, b in ((check_one, check_two), (diff_one, diff_two), (write_one, write_two)):
        assert (a.exit_code, a.stdout, a.stderr) == (b.exit_code, b.stdout, b.stderr)
    assert check_one.exit_code == 1 and "would reformat set/" in check_one.stderr
    assert diff_one.stdout.startswith("--- a/set/")
    assert "a stray colon" in write_one.stderr  # the invalid files are reported, from the workers too
    assert _tree(one / "set") == _tree(two / "set")  # the workers wrote the very same files


def test_a_formatted_tree_is_checked_by_hashing_alone(unformatted, tmp_path, monkeypatch, cli):
    shutil.copytree(unformatted, tmp_path / "t")
    monkeypatch.chdir(tmp_path / "t")
    cli("fmt", "set", "--jobs", "1")  # writes most files, and remembers what it wrote and what it left
    assert list(Path(".perfgoals_cache").glob("fmt-*.json"))
    read = []
    real = fmt_mod.format_text
    monkeypatch.setattr(fmt_mod, "format_text", lambda text, *a, **k: read.append(text) or real(text, *a, **k))
    first = cli("fmt", "--check", "set", "--jobs", "1", "--lang", "en")
    # only the files fmt cannot take (invalid YAML: never remembered) are read again
    assert read and len(read) < pool.PARALLEL_MIN / 4
    for text in read:
        with pytest.raises(source.SourceError):
            source.parse(text)
    read.clear()
    second = cli("fmt", "--check", "set", "--jobs", "1", "--lang", "en")
    assert (second.exit_code, second.stderr) == (first.exit_code, first.stderr)
    assert first.exit_code == 1 and "0 files would be reformatted" in first.stderr  # 1: the invalid files
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path / "t")
    shutil.rmtree(".perfgoals_cache")
    assert cli("fmt", "--check", "set", "--jobs", "1", "--lang", "en").stderr == first.stderr  # as read afresh
    # an edit is seen: the file's bytes are its key
    victim = next(p for p in sorted(Path("set").rglob("*.yaml")) if p.read_bytes().count(b"\n") > 20)
    victim.write_bytes(victim.read_bytes().replace(b"\nname: ", b"\nname:    ", 1))
    third = cli("fmt", "--check", "set", "--jobs", "1", "--lang", "en")
    assert third.exit_code == 1
    assert f"would reformat {victim.as_posix()}" in third.stderr


def test_the_memory_is_kept_per_target_setting(tmp_path, monkeypatch, cli):
    """A target fmt spells differently is formatted under `fmt_targets: normalize`, not under `keep`:
    what one setting remembered does not answer for the other."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "data", "data")
    cli("fmt", "data")
    project = next(Path("data").rglob("projects/*.yaml"))
    text = project.read_text("utf-8")
    target = next(line for line in text.splitlines() if "target: ≥" in line)
    project.write_text(text.replace(target, target.replace("target: ≥", "target: ≥ ", 1), 1), "utf-8")
    assert "fmt_targets: keep\n" in Path("data/perfgoals.yaml").read_text("utf-8")  # the shipped setting
    assert cli("fmt", "--check", "data").exit_code == 0  # kept as typed: formatted, and remembered
    assert cli("fmt", "--check", "data").exit_code == 0
    Path("data/perfgoals.yaml").write_text(
        Path("data/perfgoals.yaml").read_text("utf-8").replace("fmt_targets: keep\n", ""), "utf-8"
    )
    assert cli("fmt", "--check", "data", "--lang", "en").exit_code == 1  # ≥ is fmt's spelling


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_linked_cache_folder_is_not_used(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "data", "data")
    (tmp_path / "elsewhere").mkdir()
    Path(".git").mkdir()  # the data root: where .perfgoals_cache belongs
    os.symlink(tmp_path / "elsewhere", ".perfgoals_cache")
    cli("fmt", "data")
    assert cli("fmt", "--check", "data").exit_code == 0
    assert list((tmp_path / "elsewhere").iterdir()) == []
