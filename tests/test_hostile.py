"""Hostile input, round two (issue 15): every command as hardened as `validate`.

Each test drives the real entry point (the CLI runner, or a `perfgoals` subprocess under a memory limit)
with an input an attacker would write, and asserts what the user sees and the exit code.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

from markdown_it import MarkdownIt

from conftest import DATA

PERFGOALS = [sys.executable, "-m", "perfgoals"]
MEMORY = 1024 * 1024 * 1024  # 1 GB of address space is far more than any of these inputs needs


def limited(*args: str, cwd: Path, memory: int = MEMORY, stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    """`perfgoals *args` in a subprocess with a bound on its memory (RLIMIT_AS): a blow-up is a failure."""

    def bound() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*PERFGOALS, *args],
        cwd=cwd,
        capture_output=True,
        preexec_fn=bound,
        env=env,
        stdin=stdin,
        timeout=300,
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def two_sides(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(DATA, old)
    shutil.copytree(DATA, new)
    return old, new


# --- 1. diff --format md cannot rewrite the comment it is posted as ---------------------------------

HOSTILE_NAME = '"满意度` <img src=x> **APPROVED** [link](http://e.example) <b>x</b>\\n\\n<!--"'


def test_diff_md_escapes_names_paths_and_cells(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    old, new = two_sides(tmp_path)
    for side, target in ((old, "≥90%"), (new, "≥80%")):  # the hostile indicator's target is loosened
        first = next((side / "projects").glob("01-*"))
        edit(first, "{name: 服务对象满意度, target: ≥90%", "{name: " + HOSTILE_NAME + ", target: " + target)
    edit(next((new / "projects").glob("02-*")), "total: 6.73, fiscal: 6.73", "total: 673, fiscal: 673")
    result = cli("diff", "--format", "md", "--lang", "en", "old", "new")
    assert result.exit_code == 0
    html = MarkdownIt("commonmark").enable("table").render(result.stdout)
    # Nothing the name carries becomes markup: no image, link, bold, comment, raw HTML ...
    for markup in ("<img", "<a ", "<strong>APPROVED", "<!--", "<b>"):
        assert markup not in html, (markup, result.stdout)
    # ... and the budget change after it is still there, in its table.
    assert html.count("<table>") == 2
    assert "673 万元" in html and "+666.27" in html
