import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """Messages in tests are English unless a test asks for Chinese; no stray perfgoals.yaml from the cwd."""
    monkeypatch.setenv("PERFGOALS_LANG", "en")


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path
