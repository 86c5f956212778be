"""The benchmark's generator and script run (tiny N); speed itself is measured only by the benchmark."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402


def test_generator_is_deterministic_and_seed_shaped(tmp_path):
    a = generate(tmp_path / "a", 20)
    b = generate(tmp_path / "b", 20)
    assert [p.relative_to(tmp_path / "a") for p in a] == [p.relative_to(tmp_path / "b") for p in b]
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b))
    assert len({p.parent for p in a}) >= 2  # several departments
    sizes = [p.stat().st_size for p in a]
    assert 2000 < sum(sizes) / len(sizes) < 4000
    assert generate(tmp_path / "c", 20, seed=7)[0].read_bytes() != a[0].read_bytes()


@pytest.mark.skipif(
    not (shutil.which("yamllint") and shutil.which("check-jsonschema")),
    reason="the benchmark's peers are not installed (pip install '.[bench]')",
)
def test_benchmark_script_runs_and_prints_ratios(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--n",
            "20",
            "--repeat",
            "1",
            "--repeat-large",
            "1",
            "--repeat-peer",
            "1",
            "--workdir",
            str(tmp_path / "w"),
            "--results",
            str(tmp_path / "r.md"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = (tmp_path / "r.md").read_text("utf-8")
    for ratio in (
        "perfgoals validate / yamllint",
        "cold (2 cores) / libyaml compose floor",
        "warm (cache) / cold",
        "perfgoals --version / python -c 'import typer'",
    ):
        assert ratio in report
    assert "peak memory" in report


def test_commands_benchmark_runs_and_prints_ratios(tmp_path):
    perfgoals = shutil.which("perfgoals") or str(Path(sys.executable).with_name("perfgoals"))
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "commands.py"),
            "--n",
            "12",
            "--repeat",
            "1",
            "--only",
            "validate",
            "--only",
            "fmt --check",
            "--baseline",
            perfgoals,  # this install against itself: the columns are there
            "--workdir",
            str(tmp_path / "w"),
            "--results",
            str(tmp_path / "r.md"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = (tmp_path / "r.md").read_text("utf-8")
    assert "| case | new ÷ floor | base ÷ floor | new ÷ base | warm ÷ cold | new ms |" in report
    for case in ("| validate |", "| validate warm |", "| fmt --check |"):
        assert case in report


def test_diff_benchmark_builds_two_revisions_that_differ_and_runs(tmp_path):
    from diff_trees import build, main

    repo, old, new = build(tmp_path, 20)
    result = subprocess.run(
        [sys.executable, "-m", "perfgoals", "diff", "HEAD~1", "HEAD", "--format", "json"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    changed = json.loads(result.stdout)["projects"]
    assert result.returncode == 0 and changed and all(c["changes"] for c in changed)  # one file in ten
    assert len(list((old / "data").rglob("*.yaml"))) == len(list((new / "data").rglob("*.yaml"))) > 20
    assert main(["--n", "20", "--repeat", "1"]) == 0
