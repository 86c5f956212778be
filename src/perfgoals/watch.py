"""`validate --watch`: check, then check again whenever a table or settings file changes (watchfiles), and
print only what changed: the findings that are new and those that are gone, then the summary line."""

from __future__ import annotations

import os
import time
from collections import Counter
from typing import Callable, Iterable, TextIO

from perfgoals.i18n import T
from perfgoals.report import Report
from perfgoals.reporters import text
from perfgoals.workspace import display

_WATCHING = T("正在监视 {paths} 的变化（Ctrl+C 结束）", "watching {paths} for changes (Ctrl+C to stop)")
_CHANGED = T("[{time}] 有变化：{files}", "[{time}] changed: {files}")
_NEW = T("新出现的问题（{n}）：", "new ({n}):")
_GONE = T("已消失的问题（{n}）：", "gone ({n}):")
_SAME = T("问题没有变化", "no change in the findings")
_WATCHED = (".yaml", ".yml", "pyproject.toml")


def _watched(change, path: str) -> bool:
    """Table and settings files; never the cache (written by every run) or a hidden folder's files."""
    parts = path.replace(os.sep, "/").split("/")
    return path.endswith(_WATCHED) and not any(p.startswith(".") for p in parts[:-1])


def _key(f) -> tuple:
    """A finding's identity across runs: not its line, so that a line added above it does not make it new."""
    return (f.path, f.code, f.message)


def run(paths: list[str], check: Callable[[], Report], out: TextIO, lang: str, changes: Iterable | None = None) -> None:
    """Check now and after every batch of changes (changes: watchfiles' iterator unless given, for tests)."""
    previous = check()
    text.report(previous, out, lang)
    out.write(_WATCHING(lang).format(paths=", ".join(paths)) + "\n")
    out.flush()
    if changes is None:
        import watchfiles

        changes = watchfiles.watch(*paths, watch_filter=_watched, debounce=400, raise_interrupt=True)
    for batch in changes:
        names = sorted({display(p) for _, p in batch})
        report = check()
        stamp = time.strftime("%H:%M:%S")
        out.write("\n" + _CHANGED(lang).format(time=stamp, files=", ".join(names)) + "\n")
        _differences(previous, report, out, lang)
        out.flush()
        previous = report


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
