"""Interrupted writes leave the old file intact: a full disk, a killed process, a refused folder.

Checked on the two commands that replace users' files, `fmt` and `render -o`, and on the writer itself.
"""

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA
from perfgoals import atomic
from perfgoals.cli import app

runner = CliRunner()
MESSY = (
    (DATA / "projects" / "03-红十字会法、宣传读本等.yaml")
    .read_text("utf-8")
    .replace("target: ≥95%", 'target: ">= 95 %"')
    .replace("year: 2023\n", "# 2023 年度\nyear:    2023\n")
)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def messy(tmp_path) -> Path:
    p = tmp_path / "p.yaml"
    p.write_text(MESSY, "utf-8")
    return p


def test_fmt_on_a_full_disk_keeps_the_old_file(messy, monkeypatch):
    monkeypatch.setattr(atomic.os, "fsync", _disk_full)
    result = runner.invoke(app, ["fmt", str(messy)])
    assert result.exit_code == 2
    assert "No space left on device" in result.output and "Traceback" not in result.output
    assert messy.read_text("utf-8") == MESSY and _leftovers(messy.parent) == []


def test_fmt_with_a_refused_folder_keeps_the_old_file(messy, monkeypatch):
    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refused)
    result = runner.invoke(app, ["fmt", str(messy)])
    assert result.exit_code == 2 and "Permission denied" in result.output
    assert messy.read_text("utf-8") == MESSY


def test_render_on_a_full_disk_keeps_the_old_document(tmp_path, monkeypatch):
    out = tmp_path / "targets.html"
    out.write_text("the reviewed version", "utf-8")
    monkeypatch.setattr(atomic.os, "fsync", _disk_full)
    result = runner.invoke(app, ["render", "data", "--format", "html", "-o", str(out)])
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert out.read_text("utf-8") == "the reviewed version" and _leftovers(tmp_path) == []


def test_render_interrupted_at_the_rename_keeps_the_old_document(tmp_path, monkeypatch):
    out = tmp_path / "targets.md"
    out.write_text("the reviewed version", "utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_text(out, "new text")
    assert out.read_text("utf-8") == "the reviewed version" and _leftovers(tmp_path) == []


@pytest.mark.parametrize("command", [["fmt"], ["render", "--format", "md", "-o"]], ids=["fmt", "render"])
def test_a_killed_process_leaves_the_old_file(tmp_path, command):
    """A real process, killed with SIGKILL while its new file is half written."""
    target = tmp_path / ("p.yaml" if command == ["fmt"] else "out.md")
    original = MESSY if command == ["fmt"] else "the reviewed version"
    target.write_text(original, "utf-8")
    marker = tmp_path / "writing"
    script = (
        "import os, sys, time, pathlib\n"
        "from perfgoals import atomic\n"
        "real = atomic.os.fsync\n"
        "def stall(fd):\n"
        "    os.write(fd, b'half')\n"
        f"    pathlib.Path({str(marker)!r}).touch()\n"
        "    time.sleep(60)\n"
        "atomic.os.fsync = stall\n"
        "from perfgoals.cli import main\n"
        "sys.argv = ['perfgoals'] + sys.argv[1:]\n"
        "main()\n"
    )
    args = [*command, str(target)] if command == ["fmt"] else ["render", str(DATA), "--format", "md", "-o", str(target)]
    proc = subprocess.Popen([sys.executable, "-c", script, *args], cwd=DATA.parent)
    deadline = time.monotonic() + 60
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the writer never started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert target.read_text("utf-8") == original
