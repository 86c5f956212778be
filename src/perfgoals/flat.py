"""One line per fact, keyed by names: `产出指标/数量指标/印刷数量.target = ≥1500 册`.

This is the view git shows through a textconv driver (`perfgoals git-setup`), so a
diff reads as facts rather than YAML lines, and an indicator is found by its name,
never by its position in a list.  It is also `perfgoals fmt`'s meaning check: two
texts mean the same when their facts are the same.

Facts come from the plain data (not the model), so a file that parses but breaks
the schema still shows its facts; a file that does not parse is shown raw.
"""

from __future__ import annotations

import os
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from perfgoals import source
from perfgoals.errors import UserError
from perfgoals.i18n import T
from perfgoals.workspace import data_kind, read_bytes
from perfgoals.model import Budget, Department, DepartmentIndicator, Indicator, Project, Safeguard, SubGoal, Unit

Fact = tuple[str, Any]  # (key, value as read: str, int, Decimal, bool or None)

_ORDER: dict[str, list[str]] = {
    "project": list(Project.model_fields),
    "department": list(Department.model_fields),
    "unit": list(Unit.model_fields),
    "budget": list(Budget.model_fields),
    "indicator": list(Indicator.model_fields),
    "sub_goal": list(SubGoal.model_fields),
    "dept_indicator": list(DepartmentIndicator.model_fields),
    "safeguard": list(Safeguard.model_fields),
}
# Which record kind the items under a key are, for field order.
_CHILD = {"unit": "unit", "budget": "budget", "sub_goals": "sub_goal", "safeguards": "safeguard"}


def _ordered(mapping: dict, kind: str | None) -> list:
    known = _ORDER.get(kind or "", [])
    first = [k for k in known if k in mapping]
    return first + [k for k in mapping if k not in known]


def facts(data: Any, kind: str | None = None) -> list[Fact]:
    """Every fact of a file's data, in a stable order: known fields in the format's order, the rest as written."""
    if not isinstance(data, dict):
        return list(_generic("", data))
    kind = kind or data_kind(data)
    out: list[Fact] = []
    for key in _ordered(data, kind):
        value = data[key]
        name = str(key)
        if kind == "project" and key == "indicators" and _is_grid(value):
            out.extend(_grid(value))
        elif kind == "department" and key in ("sub_goals", "safeguards") and isinstance(value, list):
            out.extend(_named_list(name, value, _CHILD[key]))
        else:
            out.extend(_generic(name, value, _CHILD.get(key)))
    return out


def _is_grid(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(group, dict) and all(isinstance(items, list) for items in group.values()) for group in value.values()
    )


def _grid(grid: dict) -> Iterator[Fact]:
    for level1, group in grid.items():
        for level2, items in group.items():
            if not items:
                yield f"{level1}/{level2}", []
            yield from _named_list(f"{level1}/{level2}", items, "indicator", separator="/")


def _item_key(prefix: str, item: Any, index: int, seen: dict[str, int], separator: str) -> str:
    label = None
    if isinstance(item, dict):
        label = item.get("name", item.get("title"))
    if not isinstance(label, (str, int, Decimal)) or isinstance(label, bool):
        return f"{prefix}[{index}]"
    key = f"{prefix}{separator}{label}"
    seen[key] = seen.get(key, 0) + 1
    # A repeated name (an error validate reports) still gets its own line.
    return key if seen[key] == 1 else f"{key} ({seen[key]})"


def _named_list(prefix: str, items: list, kind: str, separator: str = "/") -> Iterator[Fact]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        key = _item_key(prefix, item, index, seen, separator)
        if not isinstance(item, dict):
            yield from _generic(key, item)
            continue
        label_field = "name" if "name" in item else ("title" if "title" in item else None)
        for field in _ordered(item, kind):
            if field == label_field and not key.endswith("]"):
                continue  # already in the key
            value = item[field]
            if kind == "sub_goal" and field == "indicators" and isinstance(value, list):
                yield from _named_list(key, value, "dept_indicator")
            else:
                yield from _generic(f"{key}.{field}", value)


def _generic(key: str, value: Any, kind: str | None = None) -> Iterator[Fact]:
    if isinstance(value, dict):
        if not value:
            yield key, {}
        for k in _ordered(value, kind):
            yield from _generic(f"{key}.{k}" if key else str(k), value[k])
    elif isinstance(value, list):
        if not value:
            yield key, []
        for i, item in enumerate(value):
            yield from _generic(f"{key}[{i}]", item)
    else:
        yield key, value


def show_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, Decimal):
        from perfgoals.targets import format_number

        return format_number(value)
    if value == {}:
        return "{}"
    if value == []:
        return "[]"
    # One line per fact: line breaks inside a text are shown, not followed.
    return str(value).replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")


def render(fact_list: list[Fact]) -> str:
    return "".join(f"{key} = {show_value(value)}\n" for key, value in fact_list)


def flat_text(path: str | os.PathLike) -> str:
    """The facts of a file, or its raw text when it is not a readable YAML mapping (what git then shows)."""
    try:
        text = source.decode(read_bytes(path))
        doc = source.parse(text)
    except source.SourceError:
        return _raw(path)
    if not isinstance(doc.data, dict):
        return _raw(path)
    return render(facts(doc.data))


def _raw(path: str | os.PathLike) -> str:
    """The file's text as it is, within the size limit (a larger file: its first max_bytes)."""
    try:
        data = read_bytes(path)
    except source.SourceError as exc:
        if exc.problem.variant != "too_large":  # unreadable, or not a regular file: nothing to show
            return ""
        try:
            with open(path, "rb") as fh:  # a regular file: read_bytes checked it
                data = fh.read(source.DEFAULT_LIMITS.max_bytes)
        except OSError:
            return ""
    return data.decode("utf-8", errors="replace")


# --- git-setup -------------------------------------------------------------------------

ATTRIBUTES = ".gitattributes"
DRIVER = "perfgoals"


def textconv_command() -> str:
    """The textconv git runs with the file's path appended: this interpreter by its absolute path (a GUI
    client or another shell has no venv on PATH), else a `perfgoals` on PATH, else the file as it is (`cat`),
    so that `git diff` never fails as a whole when perfgoals cannot be found (a venv moved or deleted)."""
    import shlex
    import sys

    python = Path(sys.executable).as_posix()  # git's sh on Windows reads C:/…/python.exe
    script = '"$0" -m perfgoals show --flat "$1" 2>/dev/null || perfgoals show --flat "$1" 2>/dev/null || cat "$1"'
    return f"sh -c {shlex.quote(script)} {shlex.quote(python)}"


def git_setup(repo: Path, patterns: list[str]) -> tuple[list[str], str]:
    """Add `<pattern> diff=perfgoals` lines to .gitattributes and set diff.perfgoals.textconv in the local config.

    Returns the lines added (none when already there) and the textconv command set.
    """
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=repo, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        raise UserError(T("当前文件夹不在 git 仓库中", "not inside a git repository")) from None
    attributes = Path(top) / ATTRIBUTES
    existing = attributes.read_text("utf-8") if attributes.is_file() else ""
    present = {line.strip() for line in existing.splitlines()}
    added = [f"{p} diff={DRIVER}" for p in patterns if f"{p} diff={DRIVER}" not in present]
    if added:
        text = existing + ("" if not existing or existing.endswith("\n") else "\n") + "".join(a + "\n" for a in added)
        from perfgoals.atomic import write_bytes

        write_bytes(attributes, text.encode("utf-8"))
    command = textconv_command()
    subprocess.run(["git", "config", "--local", f"diff.{DRIVER}.textconv", command], cwd=top, check=True)
    # Chinese file names as they are (git's default writes "data/projects/\345\215\260…").
    subprocess.run(["git", "config", "--local", "core.quotepath", "false"], cwd=top, check=True)
    return added, command
