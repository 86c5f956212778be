"""Name → implementation tables (output formats, reporters) whose entries are "module:function" strings,
so that a table can be read (for --format choices, --help) without importing what it names."""

from __future__ import annotations

import importlib
from typing import Any


def resolve(spec: str) -> Any:
    """The object a "package.module:name" string names, imported now."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)
