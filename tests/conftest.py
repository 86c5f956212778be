"""Shared fixtures: the shipped data, golden files (`pytest --update-golden` rewrites them)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = ROOT = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
CASES = Path(__file__).resolve().parent / "cases"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite tests/golden/* from the current output instead of comparing.")


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
    shutil.copytree(DATA, target)
    return target


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
