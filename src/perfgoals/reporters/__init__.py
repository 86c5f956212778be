"""Reporters turn a validation Report into text, JSON or CI annotations; they are interchangeable."""

from __future__ import annotations

from typing import Callable, TextIO

from perfgoals.validate import Report

Reporter = Callable[[Report, TextIO, str], None]


def get(name: str) -> Reporter:
    if name == "json":
        from perfgoals.reporters.json import report
    elif name == "github":
        from perfgoals.reporters.github import report
    else:
        from perfgoals.reporters.text import report
    return report


FORMATS = ("text", "json", "github")
