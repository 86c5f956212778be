"""Importing into a folder that already holds the projects: each project file is updated in place.

A project is matched by its code, so a file keeps its name wherever its sheet sits in the workbook.
What the workbook says replaces what the file said, value by value, on the file's own ruamel round-trip
tree (as `fmt` reads it): comments, key order, quoting and the layout of everything unchanged stay as
they were; a new key goes after the key that precedes it in the canonical layout. A project whose
meaning did not change is not written at all (same bytes, same mtime). The result is read back by
perfgoals' own loader and must mean what the workbook says, else nothing is written.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from perfgoals import source, workspace
from perfgoals.errors import UserError
from perfgoals.i18n import T


def existing_projects(folder: Path) -> dict[str, Path]:
    """code → file of the project files already under folder (files that do not read are left out)."""
    if not folder.is_dir():
        return {}
    found: dict[str, Path] = {}
    for f in workspace.discover([folder])[0]:
        if f.kind != "project":
            continue
        try:
            data = source.parse(source.decode(workspace.read_bytes(f.path))).data
        except (source.SourceError, OSError):
            continue
        code = data.get("code") if isinstance(data, dict) else None
        if isinstance(code, str) and code.strip():
            found.setdefault(code.strip(), Path(f.path))
    return found


def carried_over(result: Any, path: Path) -> dict[str, Any]:
    """The sheet's data, with what its grid has no column for taken from the file (Word's printed form has
    no 单价对应的数量指标 column: a `per` there is not said, not removed). Indicators are matched by
    category and name."""
    missing = [f for f in ("description", "basis", "per", "note") if f not in result.columns]
    data = result.data
    try:
        old = source.parse(source.decode(workspace.read_bytes(path))).data
    except (source.SourceError, OSError):
        return data
    old_groups = old.get("indicators") if isinstance(old, dict) else None
    if not missing or not isinstance(old_groups, dict):
        return data
    for level1, groups in (data.get("indicators") or {}).items():
        for level2, items in groups.items():
            olds = (old_groups.get(level1) or {}).get(level2) if isinstance(old_groups.get(level1), dict) else None
            by_name = {o.get("name"): o for o in olds or [] if isinstance(o, dict)}
            for item in items:
                found = by_name.get(item.get("name"), {})
                item.update({f: found[f] for f in missing if f not in item and found.get(f) is not None})
    return data


# --- meaning -----------------------------------------------------------------------------------------


def meaning(value: Any) -> Any:
    """What a value says: absent and null are the same, money_unit 万元 is the default, an indicator's
    description equal to its name is the name (the importer leaves it out). Decimals compare by value."""
    if isinstance(value, dict):
        out = {k: meaning(v) for k, v in value.items() if v is not None}
        if out.get("money_unit") == "万元":
            del out["money_unit"]
        if "description" in out and out["description"] == out.get("name"):
            del out["description"]
        return out
    if isinstance(value, list):
        return [meaning(v) for v in value]
    return value


# --- merging the workbook's values into the file's tree ---------------------------------------------


def _merged(node: Any, old: Any, new_node: Any, new: Any) -> Any:
    """The node to keep at one place: the file's own when it means the same, else updated or replaced."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if meaning(old) == meaning(new):
        return node
    if isinstance(node, CommentedMap) and isinstance(new_node, CommentedMap) and len(node) == len(old or ()):
        _merge_map(node, old, new_node, new)
        return node
    if isinstance(node, CommentedSeq) and isinstance(new_node, CommentedSeq) and isinstance(old, list):
        _merge_seq(node, old, new_node, new)
        return node
    return new_node


def _merge_map(node, old: dict, new_node, new: dict) -> None:
    # The tree's keys (ruamel's) and the reading's keys (perfgoals') come from the same text, in its order.
    old_keys = dict(zip(node, old))
    new_keys = dict(zip(new_node, new))
    by_plain = {plain: key for key, plain in old_keys.items()}
    for key, plain in old_keys.items():
        if plain not in new and meaning({**new, plain: old[plain]}) != meaning(new):
            del node[key]  # the workbook no longer has it (a default the importer leaves out stays)
    previous = None
    for key, plain in new_keys.items():
        if plain in by_plain and by_plain[plain] in node:
            at = by_plain[plain]
            node[at] = _merged(node[at], old[plain], new_node[key], new[plain])
            previous = at
            continue
        keys = list(node)
        node.insert(keys.index(previous) + 1 if previous in keys else 0, key, new_node[key])
        previous = key


def _merge_seq(node, old: list, new_node, new: list) -> None:
    for i, item in enumerate(new):
        if i < len(node):
            node[i] = _merged(node[i], old[i], new_node[i], item)
        else:
            node.append(new_node[i])
    while len(node) > len(new):
        node.pop()


# --- one file ------------------------------------------------------------------------------------------


@dataclass
class Update:
    path: Path
    before: str  # the file's text
    after: str | None  # its new text, None when the project is unchanged
    bom: bool = False


def _header(text: str) -> list[str]:
    """The comment lines at the top of a text (the importer's notes on cells it could not place)."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines


def updated_text(before: str, imported: str) -> str | None:
    """`before` (a project file's text) saying what `imported` (the importer's canonical text) says, or None
    when it says that already. Raises ValueError when the merge would not mean what the workbook says."""
    from perfgoals.fmt import _yaml

    old, new = source.parse(before).data, source.parse(imported).data
    if meaning(old) == meaning(new):
        return None
    crlf = "\r\n" in before
    y = _yaml()
    root, new_root = y.load(before.replace("\r\n", "\n")), y.load(imported)
    root = _merged(root, old, new_root, new)
    buf = io.StringIO()
    y.dump(root, buf)
    after = buf.getvalue()
    fresh = [line for line in _header(imported) if line not in after.splitlines()]
    after = "".join(f"{line}\n" for line in fresh) + after
    if meaning(source.parse(after).data) != meaning(new):
        raise ValueError("the merged file does not read as the workbook")
    return after.replace("\n", "\r\n") if crlf else after


def plan_update(path: Path, imported: str) -> Update:
    raw = workspace.read_bytes(path)
    before = source.decode(raw)
    try:
        after = updated_text(before, imported)
    except (ValueError, source.SourceError) as exc:
        raise UserError(
            T(
                f"无法就地更新 {path}（{exc}）：未写入任何文件。这是 perfgoals 的缺陷，请报告；"
                f"可先把该文件移到别处再导入",
                f"cannot update {path} in place ({exc}): nothing written. This is a perfgoals bug; please report "
                f"it. Move the file elsewhere and import again",
            )
        ) from None
    return Update(path, before, after, raw.startswith(b"\xef\xbb\xbf"))


def write_update(update: Update) -> None:
    from perfgoals.atomic import write_bytes

    if update.after is not None:
        write_bytes(update.path, (b"\xef\xbb\xbf" if update.bom else b"") + update.after.encode("utf-8"))


# --- what changed, as `perfgoals diff` says it ----------------------------------------------------------

# Fields `perfgoals diff` does not compare; an import that changes them says so too.
_MORE_FIELDS = ("authority", "implementer", "attribute", "long_term_goal", "budget_period")


def report_changes(updates: list[Update], book: str, lang: str, out: TextIO) -> None:
    """The changes of the updated files (their old text → the new), by `perfgoals diff`'s text reporter."""
    from perfgoals.diff import Change, DiffResult, ProjectDiff, Side, compare
    from perfgoals.load import load_text
    from perfgoals.reporters.diff import text

    changed = [u for u in updates if u.after is not None]
    if not changed:
        return
    shown = workspace.display(changed[0].path.parent)
    result = DiffResult(shown, book)
    for u in changed:
        display = workspace.display(u.path)
        a, b = (load_text(t, display, "project") for t in (u.before, u.after))
        settings = workspace.Workspace().settings_for(os.path.abspath(u.path))
        found = compare(Side(shown, [a]), Side(book, [b]), settings.framework, lang)
        result.problems.extend(found.problems)
        pd = found.projects[0] if found.projects else None
        if a.model is None or b.model is None:
            continue
        more = [
            Change("text", name, _shown(getattr(a.model, name)), _shown(getattr(b.model, name)))
            for name in _MORE_FIELDS
            if getattr(a.model, name) != getattr(b.model, name)
        ]
        if more:
            pd = pd or ProjectDiff(b.model.code, b.model.name, display, display)
            pd.changes.extend(more)
        if pd is not None:
            result.projects.append(pd)
    text(result, out, lang)
    out.write("\n")  # then validate's report


def _shown(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if hasattr(value, "model_dump"):
        return ", ".join(f"{k}: {v}" for k, v in value.model_dump().items())
    return str(value)
