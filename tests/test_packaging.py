"""What pip and a CI log see: the distribution's metadata, the typing marker, FORCE_COLOR."""

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

import perfgoals

ROOT = Path(__file__).resolve().parent.parent


def test_metadata_license_classifiers_and_typing_marker():
    meta = metadata.metadata("perfgoals")
    assert meta["License-Expression"] == "MIT"
    assert (ROOT / "LICENSE").read_text("utf-8").startswith("MIT License")
    classifiers = meta.get_all("Classifier")
    assert "Typing :: Typed" in classifiers and "Programming Language :: Python :: 3.11" in classifiers
    assert "绩效目标表" in meta["Keywords"]
    assert (Path(perfgoals.__file__).parent / "py.typed").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "data"],
        ["summary", "data"],
        ["diff", "data/projects/01-第三方专项审计费.yaml", "data/projects/03-红十字会法、宣传读本等.yaml"],
    ],
)
def test_force_color_colours_a_pipe(args):
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    run = [sys.executable, "-m", "perfgoals", *args, "--lang", "en"]
    plain = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8")
    coloured = subprocess.run(
        run, cwd=ROOT, env={**env, "FORCE_COLOR": "1"}, capture_output=True, text=True, encoding="utf-8"
    )
    assert "\x1b[" not in plain.stdout and "\x1b[" in coloured.stdout
    assert plain.returncode == coloured.returncode


def test_shell_completion_completes_commands_and_options():
    def complete(words: str, index: int) -> list[str]:
        env = {**os.environ, "_PERFGOALS_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(index)}
        done = subprocess.run(
            [sys.executable, "-c", "from perfgoals.cli import main; main()"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        return done.stdout.split()

    assert complete("perfgoals val", 1) == ["validate"]
    assert complete("perfgoals validate --stat", 2) == ["--statistics"]
    assert (
        "--install-completion"
        in subprocess.run(
            [sys.executable, "-m", "perfgoals", "--help"], cwd=ROOT, capture_output=True, text=True
        ).stdout
    )
