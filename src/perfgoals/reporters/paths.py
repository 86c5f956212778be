"""Paths as CI systems want them: relative to the repository's root (the folder holding `.git`), wherever
perfgoals runs from, so that an annotation lands on the file (GitHub, GitLab, SARIF)."""

from __future__ import annotations

import os
from functools import lru_cache

from perfgoals import inputs


@lru_cache(maxsize=256)
def repo_root(folder: str) -> str | None:
    """The nearest folder at or above folder holding .git (a folder, or a file in a worktree)."""
    current = folder
    while True:
        found = os.path.exists(os.path.join(current, ".git"))
        inputs.marker(os.path.join(current, ".git"), found)
        if found:
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def repo_relative(path: str) -> str:
    """path (as shown: relative to the current folder, or absolute) relative to its repository's root, with
    /; outside a repository, as shown."""
    absolute = os.path.abspath(path)
    root = repo_root(os.path.dirname(absolute))
    if root is None:
        return path.replace(os.sep, "/")
    return os.path.relpath(absolute, root).replace(os.sep, "/")
