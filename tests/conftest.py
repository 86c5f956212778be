"""Shared fixtures: the shipped data, golden files (`pytest --update-golden` rewrites them), a CLI
runner, a temporary git repository made from data/."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = ROOT = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
CASES = Path(__file__).resolve().parent / "cases"
FMT_CASES = Path(__file__).resolve().parent / "fmt_cases"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/* from the current output instead of comparing.",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """golden(name, text): compare with tests/golden/name, or rewrite it under --update-golden."""
    update = request.config.getoption("--update-golden") or os.environ.get("PERFGOALS_UPDATE_GOLDEN") == "1"

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            return
        assert path.exists(), f"no golden file {path}; run pytest --update-golden once and review it"
        expected = path.read_text(encoding="utf-8")
        assert text == expected, f"{name} differs from the golden file (review, then pytest --update-golden)"

    return check


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (tests that add or change files use this, never data/ itself)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns(".perfgoals_cache"))  # as a fresh clone has it
    return target


@pytest.fixture(scope="session", autouse=True)
def _replay_records(tmp_path_factory: pytest.TempPathFactory) -> None:
    """perfgoals.replay keeps its records in the user's cache folder: the tests' go to one of their own."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))


@pytest.fixture(autouse=True)
def _run_from_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    # Paths in findings and documents are shown relative to the working folder; fix it.
    # Messages are English unless a test asks for Chinese, whatever the machine's locale.
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("PERFGOALS_LANG", "en")


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
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


def imported_name(path: Path) -> str:
    """The file `perfgoals import` names a project read from a workbook: `项目编码-项目名称.yaml`, from
    the code and name lines of the project file it was rendered from."""
    fields = dict(re.findall(r"^(code|name): (.*)$", path.read_text("utf-8"), re.M))
    return f"{fields['code'].strip(chr(34))}-{fields['name'].strip(chr(34))}.yaml"
