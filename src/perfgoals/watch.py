"""`validate --watch` and `render --watch`: run again whenever a table, settings or template file changes
(watchfiles).  validate prints only what changed: the findings that are new and those that are gone, then
the summary line; render writes its file again and says so."""

from __future__ import annotations

import os
import time
from collections import Counter
from typing import Callable, Iterable, Iterator, TextIO

from perfgoals.errors import UserError
from perfgoals.extras import require
from perfgoals.i18n import T
from perfgoals.report import Report
from perfgoals.reporters import text
from perfgoals.workspace import display

_WATCHING = T("正在监视 {paths} 的变化（Ctrl+C 结束）", "watching {paths} for changes (Ctrl+C to stop)")
_CHANGED = T("[{time}] 有变化：{files}", "[{time}] changed: {files}")
_NEW = T("新出现的问题（{n}）：", "new ({n}):")
_GONE = T("已消失的问题（{n}）：", "gone ({n}):")
_SAME = T("问题没有变化", "no change in the findings")
_WATCHED = (".yaml", ".yml", "pyproject.toml", ".j2", ".css")
_NEEDS_OUTPUT = T(
    "render --watch 需要 -o：每次变化后重新写入这个文件",
    "render --watch needs -o: the file written again after every change",
)


def _watched(change, path: str) -> bool:
    """Table, settings and template files; never the cache (written by every run) or a hidden folder's."""
    parts = path.replace(os.sep, "/").split("/")
    return path.endswith(_WATCHED) and not any(p.startswith(".") for p in parts[:-1])


def _key(f) -> tuple:
    """A finding's identity across runs: not its line, so that a line added above it does not make it new."""
    return (f.path, f.code, f.message)


def _changes(paths: list[str]) -> Iterator[set]:
    watchfiles = require("watchfiles")
    return watchfiles.watch(*paths, watch_filter=_watched, debounce=400, raise_interrupt=True)


def _changed_line(batch: set, lang: str) -> str:
    names = sorted({display(p) for _, p in batch})
    return "\n" + _CHANGED(lang).format(time=time.strftime("%H:%M:%S"), files=", ".join(names)) + "\n"


def run(paths: list[str], check: Callable[[], Report], out: TextIO, lang: str, changes: Iterable | None = None) -> None:
    """Check now and after every batch of changes (changes: watchfiles' iterator unless given, for tests)."""
    if changes is None:
        require("watchfiles")  # before the first run: a missing extra is said at once
    previous = check()
    text.report(previous, out, lang)
    out.write(_WATCHING(lang).format(paths=", ".join(paths)) + "\n")
    out.flush()
    for batch in changes if changes is not None else _changes(paths):
        report = check()
        out.write(_changed_line(batch, lang))
        _differences(previous, report, out, lang)
        out.flush()
        previous = report


def rerun(paths: list[str], action: Callable[[], int], out: TextIO, lang: str, needs_output: bool = True) -> None:
    """render --watch: the action now and after every batch of changes; it tells its own result."""
    if not needs_output:
        raise UserError(_NEEDS_OUTPUT)
    require("watchfiles")
    action()
    out.write(_WATCHING(lang).format(paths=", ".join(paths)) + "\n")
    out.flush()
    for batch in _changes(paths):
        out.write(_changed_line(batch, lang))
        out.flush()
        action()
        out.flush()


def _differences(old: Report, new: Report, out: TextIO, lang: str) -> None:
    before, after = Counter(map(_key, old.findings)), Counter(map(_key, new.findings))
    added, gone = after - before, before - after
    gone_count = sum(gone.values())
    fresh = []
    for f in new.findings:  # the new ones in the report's order; of two alike, the later is the new one
        if added[_key(f)] > 0:
            added[_key(f)] -= 1
            fresh.append(f)
    if fresh:
        out.write(_NEW(lang).format(n=len(fresh)) + "\n")
        text.findings(fresh, out, lang)
    if gone:
        out.write(_GONE(lang).format(n=gone_count) + "\n")
        for (path, code, message), n in gone.items():
            out.write(f"  {path}  {code}  {message}" + (f" ×{n}" if n > 1 else "") + "\n")
    if not fresh and not gone:
        out.write(_SAME(lang) + "\n")
    out.write(text.summary_line(new, lang) + "\n")
