"""Shared fixtures: the shipped data, a CLI runner, a temporary git repository made from data/."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CASES = Path(__file__).resolve().parent / "fmt_cases"


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=True)
    return done.stdout


@pytest.fixture
def cli():
    from perfgoals.cli import app

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A git repository holding a copy of data/, committed; the working directory is its root."""
    shutil.copytree(DATA, tmp_path / "data")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "tables as printed")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def project_file(root: Path, number: str) -> Path:
    return next((root / "data" / "projects").glob(f"{number}-*.yaml"))
