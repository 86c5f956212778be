"""The bad-input corpus: every case gives its exact findings and exit code, never a traceback."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from perfgoals.cli import app

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text("utf-8"))
SEED = (Path(__file__).resolve().parent.parent / "data/projects/03-红十字会法、宣传读本等.yaml").read_text("utf-8")
runner = CliRunner()


def run(*args: str) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["validate", "--lang", "en", "--format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    findings = json.loads(result.stdout)["findings"]
    return result.exit_code, [f"{f['code']} {f['line']}:{f['column']} {f['message']}" for f in findings]


def test_corpus_is_complete():
    files = {p.name for p in CORPUS.iterdir() if p.name not in ("expected.yaml", "perfgoals.yaml") and p.name[0] != "."}
    assert files == set(EXPECTED), files ^ set(EXPECTED)
    assert len(files) + len(GENERATED) >= 40


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_case(name, monkeypatch):
    monkeypatch.chdir(CORPUS)
    code, findings = run(name)
    assert (code, findings) == (EXPECTED[name]["exit"], EXPECTED[name]["findings"])


# --- cases made at test time ------------------------------------------------------------


def ten_megabytes(tmp: Path) -> Path:
    p = tmp / "huge.yaml"
    with open(p, "w", encoding="utf-8") as fh:
        fh.write(SEED)
        fh.write("note: |\n")
        line = "  " + "很长的说明文字" * 20 + "\n"
        for _ in range(10 * 1024 * 1024 // len(line.encode("utf-8")) + 1):
            fh.write(line)
    return p


def ten_thousand_indicators(tmp: Path) -> Path:
    p = tmp / "many.yaml"
    extra = "".join(f"      - {{name: 指标{i}, target: ≥{i} 人次}}\n" for i in range(10_000))
    p.write_text(SEED.replace("    质量指标:\n", extra + "    质量指标:\n", 1), "utf-8")
    return p


def thousand_deep(tmp: Path) -> Path:
    p = tmp / "deep.yaml"
    p.write_text("".join("  " * i + f"k{i}:\n" for i in range(1000)) + "  " * 1000 + "end\n", "utf-8")
    return p


def symlink_loop(tmp: Path) -> Path:
    (tmp / "loop.yaml").symlink_to(tmp / "loop.yaml")
    return tmp / "loop.yaml"


def folder_loop(tmp: Path) -> Path:
    (tmp / "p.yaml").write_text(SEED, "utf-8")
    (tmp / "again").symlink_to(tmp)
    return tmp


def no_yaml_folder(tmp: Path) -> Path:
    (tmp / "readme.txt").write_text("nothing here", "utf-8")
    return tmp


def missing_path(tmp: Path) -> Path:
    return tmp / "does-not-exist"


def folder_named_yaml(tmp: Path) -> Path:
    (tmp / "project.yaml").mkdir()
    return tmp / "project.yaml"


GENERATED = {
    ten_megabytes: (1, ["PG004 1:1 the file is too large ({size} bytes, limit 2097152)"]),
    ten_thousand_indicators: (0, []),
    thousand_deep: (1, ["PG004 33:65 nesting is too deep (limit 32 levels)"]),
    symlink_loop: (2, ["PG000 1:1 cannot read the file: Too many levels of symbolic links"]),
    folder_loop: (0, []),
    no_yaml_folder: (2, ["PG000 1:1 the folder holds no YAML files (*.yaml, *.yml)"]),
    missing_path: (2, ["PG000 1:1 the path does not exist"]),
    folder_named_yaml: (2, ["PG000 1:1 the folder holds no YAML files (*.yaml, *.yml)"]),
}


@pytest.mark.parametrize("make", list(GENERATED), ids=lambda f: f.__name__)
def test_generated_case(make, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = make(tmp_path)
    size = path.stat().st_size if path.is_file() else 0
    code, findings = run(str(path))
    want_code, want = GENERATED[make]
    assert (code, findings) == (want_code, [w.format(size=size) for w in want])


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    p = tmp_path / "locked.yaml"
    p.write_text(SEED, "utf-8")
    p.chmod(0)
    assert run(str(p)) == (2, ["PG000 1:1 no permission to read this file"])


@pytest.mark.parametrize("make", [ten_megabytes, thousand_deep], ids=lambda f: f.__name__)
def test_hostile_files_stay_small_in_memory(make, tmp_path):
    """Peak memory of a whole `perfgoals validate` process on the file, measured by the OS."""
    path = make(tmp_path)
    probe = (
        "import resource, subprocess, sys;"
        "subprocess.run([sys.executable, '-m', 'perfgoals', 'validate', sys.argv[1]], capture_output=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    peak_kb = int(
        subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True).stdout
    )
    assert peak_kb < 200 * 1024


def test_alias_bomb_stays_small_in_memory():
    probe = (
        "import resource, subprocess, sys;"
        "r = subprocess.run([sys.executable, '-m', 'perfgoals', 'validate', sys.argv[1]], capture_output=True);"
        "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(CORPUS / "billion-laughs.yaml")], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[0] == "1" and int(out[1]) < 200 * 1024


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_command_survives_the_corpus(name, tmp_path, monkeypatch):
    """fmt, render, summary, show and diff on each bad file: a clear outcome, never an exception."""
    monkeypatch.chdir(tmp_path)
    copy = tmp_path / name
    copy.write_bytes((CORPUS / name).read_bytes())
    before = copy.read_bytes()
    seed = tmp_path / "seed.yaml"
    seed.write_text(SEED, "utf-8")
    for args in (
        ["fmt", "--check", name],
        ["render", name, "--allow-errors"],
        ["summary", name],
        ["show", "--flat", name],
        ["diff", "seed.yaml", name],
    ):
        result = runner.invoke(app, [*args, "--lang", "en"])
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        assert result.exit_code in (0, 1, 2), (args, result.exit_code)
    assert copy.read_bytes() == before  # --check and the readers never write
