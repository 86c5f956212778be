"""The modules' layering: no import circle (imports inside functions count), and the writers' registry
is what the command line offers, cheap to read and naming only writers that exist."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from perfgoals import writers

PACKAGE = Path(writers.__file__).resolve().parent.parent


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The perfgoals modules `name` imports anywhere in its code (functions and TYPE_CHECKING included)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                head = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(head + ([node.module] if node.module else []))
            # `from package import module` names the module; `from module import name` the module
            found.update(f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names)
    return {m for m in found if m in modules and m != name}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(v: str) -> list[str] | None:
        state[v] = 1
        path.append(v)
        for w in sorted(graph[v]):
            if state.get(w) == 1:
                return path[path.index(w):] + [w]
            if w not in state and (found := visit(w)):
                return found
        path.pop()
        state[v] = 2
        return None

    return next((c for v in sorted(graph) if v not in state and (c := visit(v))), None)


def test_no_import_circle():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert "perfgoals.document" in graph and graph["perfgoals.document"]
    assert _cycle(graph) is None, " → ".join(_cycle(graph))


def test_the_model_imports_no_writer_and_no_command():
    modules = _modules()
    for name in ("perfgoals.document", "perfgoals.writers"):
        imported = _imports(name, modules[name], modules)
        assert not {m for m in imported if m.startswith("perfgoals.writers.")}, name
        assert not imported & {"perfgoals.render", "perfgoals.summary", "perfgoals.cli"}, name


@pytest.mark.parametrize("table", [writers.DOCUMENT, writers.SUMMARY])
def test_every_writer_exists_with_the_one_signature(table):
    import inspect

    for name, writer in table.items():
        assert list(inspect.signature(writer.load()).parameters) == ["doc", "options"], name


def test_the_command_line_offers_the_registry():
    from perfgoals import cli

    assert [f.value for f in cli.DocFormat] == list(writers.DOCUMENT)
    assert [f.value for f in cli.SummaryFormat] == list(writers.SUMMARY)


def test_reading_the_registry_imports_nothing_heavy():
    code = "import json, sys, perfgoals.writers; print(json.dumps(sorted(sys.modules)))"
    loaded = set(json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                           check=True).stdout))
    assert not loaded & {"jinja2", "rich", "docx", "openpyxl", "pydantic", "perfgoals.document"}
