"""The structure docs/ARCHITECTURE.md describes, checked: the layers, no import circle, short functions.

Every `import` counts, at the top of a module or inside a function (an import inside a function is
still a dependency: it only hides a circle until the function runs).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "perfgoals"

# Lowest first, as in docs/ARCHITECTURE.md.  A module may import its own layer and the layers below.
# An entry ending in "." covers a package and everything in it.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "foundation",
        (
            "perfgoals",
            "perfgoals.i18n",
            "perfgoals.errors",
            "perfgoals.findings",
            "perfgoals.atomic",
            "perfgoals.registry",
            "perfgoals.extras",
            "perfgoals.pool",
            "perfgoals.inputs",
            "perfgoals.locale",
            "perfgoals.locale.",
        ),
    ),
    (
        "reading",
        (
            "perfgoals.yamldata",
            "perfgoals.blockreader",
            "perfgoals.source",
            "perfgoals.targets",
            "perfgoals.directives",
        ),
    ),
    ("model", ("perfgoals.model", "perfgoals.config", "perfgoals.frameworks", "perfgoals.profile")),
    ("input", ("perfgoals.load", "perfgoals.workspace", "perfgoals.cache")),
    ("rules", ("perfgoals.rules", "perfgoals.rules.", "perfgoals.selection")),
    ("results", ("perfgoals.report", "perfgoals.validate", "perfgoals.diff", "perfgoals.suppress")),
    ("views", ("perfgoals.document", "perfgoals.flat", "perfgoals.yamlout", "perfgoals.canonical", "perfgoals.schema")),
    (
        "writers",
        ("perfgoals.writers", "perfgoals.writers.", "perfgoals.reporters", "perfgoals.reporters.", "perfgoals.explain"),
    ),
    (
        "commands",
        (
            "perfgoals.render",
            "perfgoals.effective",
            "perfgoals.lsp",
            "perfgoals.watch",
            "perfgoals.api",
            "perfgoals.summary",
            "perfgoals.fmt",
            "perfgoals.new",
            "perfgoals.fillin",
            "perfgoals.importer",
            "perfgoals.reimport",
            "perfgoals.workbook",
            "perfgoals.wordtables",
            "perfgoals.commands",
            "perfgoals.commands.",
            "perfgoals.cli",
            "perfgoals.__main__",
            "perfgoals.replay",
        ),
    ),
]
# The functions of the core path (and everything else) stay short enough to read at a glance.
MAX_FUNCTION_LINES = 60


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The perfgoals modules that `name` imports anywhere in its code."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            targets = [f"{base}.{a.name}" for a in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    if isinstance(path, Path) and path.name != "__init__.py":
        found.discard(package)  # `from perfgoals.x import y` names the package only on the way to y
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(name: str) -> int | None:
    for index, (_, members) in enumerate(LAYERS):
        if any(name == m or (m.endswith(".") and name.startswith(m)) for m in members):
            return index
    return None


def test_every_module_has_a_layer():
    assert [m for m in sorted(MODULES) if _layer(m) is None] == []


def test_no_module_imports_a_layer_above_its_own():
    upward = [
        f"{m} ({LAYERS[_layer(m)][0]}) imports {d} ({LAYERS[_layer(d)][0]})"
        for m, deps in sorted(GRAPH.items())
        for d in sorted(deps)
        if _layer(d) > _layer(m)
    ]
    assert upward == []


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return found


def test_no_import_circle():
    assert _cycles() == []


def test_the_cycle_check_finds_a_circle():
    GRAPH["perfgoals.i18n"].add("perfgoals.cli")  # cli imports i18n: a circle
    try:
        assert any("perfgoals.cli" in c and "perfgoals.i18n" in c for c in _cycles())
    finally:
        GRAPH["perfgoals.i18n"].discard("perfgoals.cli")


@pytest.mark.parametrize("name", sorted(MODULES))
def test_functions_are_short(name):
    long = []
    for node in ast.walk(ast.parse(MODULES[name].read_text("utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines = node.end_lineno - node.lineno + 1
            if lines > MAX_FUNCTION_LINES:
                long.append(f"{node.name}: {lines} lines")
    assert long == []
