"""`perfgoals validate --watch`: a real process watching a real folder; a change is checked and only what
changed is printed.  (Waits for output lines, never for a time: no timing is asserted.)"""

import os
import signal
import subprocess
import sys
import threading
from queue import Empty, Queue

import pytest

pytest.importorskip("watchfiles")

from perfgoals import watch  # noqa: E402
from perfgoals.report import Report  # noqa: E402
from perfgoals.validate import validate  # noqa: E402


def _lines(proc: subprocess.Popen) -> Queue:
    queue: Queue = Queue()

    def pump() -> None:
        for line in proc.stdout:
            queue.put(line)
        queue.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return queue


def _until(queue: Queue, marker: str, seen: list[str]) -> None:
    while True:
        try:
            line = queue.get(timeout=120)
        except Empty:
            pytest.fail("no output for two minutes:\n" + "".join(seen))
        if line is None:
            pytest.fail("the watcher ended:\n" + "".join(seen))
        seen.append(line)
        if marker in line:
            return


def test_watch_reports_what_changed(data_copy):
    env = {**os.environ, "PERFGOALS_LANG": "en", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "perfgoals", "validate", "--watch", str(data_copy)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        env=env,
    )
    try:
        queue, seen = _lines(proc), []
        _until(queue, "watching", seen)
        assert "8 files, 0 errors, 9 warnings" in "".join(seen)
        p03 = next((data_copy / "projects").glob("03-*.yaml"))
        changed = p03.read_text("utf-8").replace("target: ≥90%", "target: ≥80%")
        # "watching" is printed just before the watcher starts: write until a change is seen, so that a
        # write in between cannot be missed
        done = threading.Event()

        def edit() -> None:
            while not done.is_set():
                p03.write_text(changed, "utf-8")
                done.wait(2)

        threading.Thread(target=edit, daemon=True).start()
        seen.clear()
        _until(queue, "files,", seen)
        done.set()
        out = "".join(seen)
        assert "changed: " in out and "03-" in out
        assert "new (1):" in out and "PG405" in out and "gone" not in out
        assert "8 files, 0 errors, 10 warnings" in out
        assert "PG603" not in out  # the findings that did not change are not printed again
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
    assert proc.returncode == 130


def test_new_and_gone_findings_are_told_apart(data_copy, capsys):
    """The comparison itself, through watch.run with a given list of change batches."""
    p02 = next((data_copy / "projects").glob("02-*.yaml"))

    def check() -> Report:
        return validate([str(data_copy)], cache=False)

    def batches():
        text = p02.read_text("utf-8")
        p02.write_text(text.replace("培训高校救护师资 120 名，救护员 1000 名。", "培训高校救护师资和救护员。"), "utf-8")
        yield {(None, str(p02))}
        yield {(None, str(p02))}  # nothing changed in between

    watch.run([str(data_copy)], check, sys.stdout, "en", changes=batches())
    out = capsys.readouterr().out
    first, second = out.split("changed: ")[1:]
    assert "new (" not in first and "gone (2):" in first
    gone = first.split("gone (2):")[1].splitlines()[1:3]
    assert [line.split("  ")[2] for line in gone] == ["PG603", "PG603"]
    assert "8 files, 0 errors, 7 warnings" in first
    assert "no change in the findings" in second


def test_render_watch_writes_the_document_again(data_copy, tmp_path, cli):
    out = tmp_path / "targets.md"
    env = {**os.environ, "PERFGOALS_LANG": "en", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "perfgoals", "render", str(data_copy), "-o", str(out), "--watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        env=env,
    )
    try:
        queue, seen = _lines(proc), []
        _until(queue, "watching", seen)
        assert "wrote" in "".join(seen) and "红十字会法、宣传读本等" in out.read_text("utf-8")
        p03 = next((data_copy / "projects").glob("03-*.yaml"))
        renamed = p03.read_text("utf-8").replace("name: 红十字会法、宣传读本等", "name: 红十字会法宣传读本")
        done = threading.Event()

        def edit() -> None:
            while not done.is_set():
                p03.write_text(renamed, "utf-8")
                done.wait(2)

        threading.Thread(target=edit, daemon=True).start()
        seen.clear()
        _until(queue, "changed: ", seen)
        _until(queue, "wrote", seen)
        done.set()
        assert "红十字会法宣传读本" in out.read_text("utf-8")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
    assert proc.returncode == 130
    # without -o there is no file to write again
    result = cli("render", str(data_copy), "--watch")
    assert result.exit_code == 2 and "render --watch needs -o" in result.output
