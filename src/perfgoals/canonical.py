"""Is a project file already in `perfgoals fmt`'s layout?  Decided from the libyaml reading alone.

`fmt` rewrites through a ruamel.yaml round trip, ~10 ms a file in pure Python, though nearly every file
of a formatted tree comes back unchanged.  This module writes the layout fmt would choose straight from
the reading every command makes anyway (`source.parse`: data, positions, each plain scalar's text) and
compares it with the file, byte for byte.  Equal means fmt has nothing to do; anything else, or anything
outside the small common shape below, is left to the round trip, which stays the authority.

Only what the round trip is known to write back unchanged is taken (tests/test_fmt.py checks the two
agree on every file of the corpora): a block mapping at the root in fmt's key order; unit, budget and
spend_plan as flow records; the indicator grid with each record in flow style when it fits in the flow
limit and in block style when it does not; plain scalars of safe characters that YAML 1.2 (ruamel) reads
as the same type, digits-only text in double quotes, `>-` text of one line; whole-line comments before
the first key and after the last line.  LF line ends, one at the end.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable

from perfgoals.flat import _ORDER
from perfgoals.source import Document

# Characters a plain scalar may hold here: printable, no YAML indicator that could change its style in a
# flow or block context, no comment start, no quote.  (ruamel quotes a plain scalar it cannot write plain.)
_UNSAFE = "\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ud800-\\udfff\\ufeff\\ufffe\\uffff\\U00010000-\\U0010ffff#,\\[\\]{}\"'\\\\:?`"
_SAFE_PLAIN = re.compile(f"[^ {_UNSAFE}&*!|>%@\\-][^{_UNSAFE}]*")
_ENDS_SAFELY = re.compile(r".*[^ ]")
_INT = re.compile(r"0|[1-9][0-9]{0,14}")
_DECIMAL = re.compile(r"(?:0|[1-9][0-9]{0,9})\.[0-9]{1,5}")
_QUOTED = re.compile(r"[0-9A-Za-z]+")
# First characters of the YAML 1.2 types other than text (numbers, booleans, null, timestamps, << and =).
_RESOLVED_START = frozenset("-+.0123456789tTfFnN~<=")
_SMALL = ("unit", "budget", "spend_plan")


class _Outside(Exception):
    """The file is outside the shape this module writes: the round trip decides."""


@lru_cache(maxsize=4096)
def _text_in_yaml12(text: str) -> bool:
    """ruamel (YAML 1.2) reads this plain scalar as text too (`2023.01-2023.12` yes, `2023-12-31` no)."""
    if text[0] not in _RESOLVED_START:
        return True
    from ruamel.yaml.nodes import ScalarNode

    return _resolver().resolve(ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"


@lru_cache(maxsize=1)
def _resolver():
    """One resolver for the run: making one sets up every implicit type again (a third of this module's time)."""
    from ruamel.yaml.resolver import VersionedResolver

    return VersionedResolver()


@lru_cache(maxsize=8192)
def _plain(value: str) -> bool | None:
    """True: fmt writes this text plain, as it is; False: only the round trip can tell; None: it is no plain
    text here.  Cached: tables repeat their names, targets and bases from file to file."""
    if not (_SAFE_PLAIN.fullmatch(value) and _ENDS_SAFELY.fullmatch(value)):
        return None
    return not (" #" in value or ": " in value or value.startswith(("---", "..."))) and _text_in_yaml12(value)


def _scalar(value: Any, pos: Any) -> tuple[str, str]:
    """(as written, as ruamel's str() shows it in fmt's flow-length sum) of a scalar value."""
    if isinstance(value, bool) or value is None:
        raise _Outside
    style = pos.style if pos is not None else None
    if isinstance(value, str):
        if style is None and pos.raw == value:
            plain = _plain(value)
            if plain:
                return value, value
            if plain is False:
                raise _Outside
        if style == '"' and _QUOTED.fullmatch(value):
            return f'"{value}"', value
        raise _Outside
    if style is not None or pos.raw is None:
        raise _Outside
    raw = pos.raw
    if isinstance(value, int) and _INT.fullmatch(raw):
        return raw, raw
    if not isinstance(value, int) and _DECIMAL.fullmatch(raw):
        return raw, str(float(raw))  # ruamel's ScalarFloat writes the digits as read, str() shows the float
    raise _Outside


def _ordered(mapping: dict, kind: str) -> None:
    known = _ORDER.get(kind, [])
    keys = list(mapping)
    if keys != [k for k in known if k in mapping] + [k for k in keys if k not in known]:
        raise _Outside  # fmt reorders it


def _key(key: Any) -> str:
    if isinstance(key, str):
        if _plain_key(key):
            return key
    elif isinstance(key, int) and not isinstance(key, bool) and 0 <= key < 10**6:
        return str(key)
    raise _Outside


@lru_cache(maxsize=1024)
def _plain_key(key: str) -> bool:
    return bool(_SAFE_PLAIN.fullmatch(key) and _ENDS_SAFELY.fullmatch(key) and " #" not in key and _text_in_yaml12(key))


def _record(node: Any, path: tuple, doc: Document, flow_limit: int) -> tuple[list[str], bool]:
    """A record's 'key: value' parts and whether fmt writes it in flow style."""
    if not isinstance(node, dict) or not node:
        raise _Outside
    parts, shown = [], []
    positions = doc.positions
    for key, value in node.items():
        if isinstance(value, (dict, list)):
            raise _Outside
        written, as_str = _scalar(value, positions.get(path + (key,)))
        parts.append(f"{_key(key)}: {written}")
        shown.append(f"{key}: {as_str}")
    return parts, 2 + len(", ".join(shown)) <= flow_limit


def _flow(node: Any, path: tuple, doc: Document, flow_limit: int) -> str:
    parts, flow = _record(node, path, doc, flow_limit)
    if not flow or doc.positions[path].style != "flow":
        raise _Outside
    return "{" + ", ".join(parts) + "}"


def _grid(grid: Any, doc: Document, normalize: Callable[[str], str] | None, flow_limit: int, tail: bool) -> list[str]:
    """The indicator grid's lines.  Comments after the file's last line belong to its last record (ruamel's
    reading), and fmt keeps a block record that has comments in block style: with `tail`, the last record
    stays as it is written when it is block."""
    if not isinstance(grid, dict) or not grid:
        raise _Outside
    records = []
    out: list[str] = []
    for level1, group in grid.items():
        if not isinstance(group, dict) or not group:
            raise _Outside
        out.append(f"  {_key(level1)}:")
        for level2, items in group.items():
            if not isinstance(items, list) or not items:
                raise _Outside
            out.append(f"    {_key(level2)}:")
            for index, item in enumerate(items):
                records.append(len(out))
                out.append((("indicators", level1, level2, index), item))  # type: ignore[arg-type]
    for n, at in enumerate(records):
        path, item = out[at]  # type: ignore[misc]
        if not isinstance(item, dict):
            raise _Outside
        _ordered(item, "indicator")
        target = item.get("target")
        if normalize is not None and isinstance(target, str) and normalize(target) != target:
            raise _Outside
        parts, flow = _record(item, path, doc, flow_limit)
        was_flow = doc.positions[path].style == "flow"
        if tail and n == len(records) - 1 and not was_flow:
            flow = False  # commented: block stays block
        if flow:
            out[at] = "      - {" + ", ".join(parts) + "}"
        else:
            out[at] = "\n".join(["      - " + parts[0], *("        " + part for part in parts[1:])])
    return "\n".join(out).split("\n")


def _body(doc: Document, normalize: Callable[[str], str] | None, flow_limit: int, commented: bool) -> list[str]:
    """The lines fmt writes; commented: comments follow the indicator grid (see _grid's tail)."""
    root = doc.data
    _ordered(root, "project")
    out: list[str] = []
    for key, value in root.items():
        name = _key(key)
        if key == "indicators":
            out.append("indicators:")
            out.extend(_grid(value, doc, normalize, flow_limit, commented))
        elif key in _SMALL and isinstance(value, dict):
            if key != "spend_plan":
                _ordered(value, key)
            out.append(f"{name}: {_flow(value, (key,), doc, flow_limit)}")
        elif isinstance(value, (dict, list)):
            raise _Outside
        elif isinstance(value, str) and doc.positions[(key,)].style == ">":
            if "\n" in value or not _SAFE_PLAIN.fullmatch(value) or not _ENDS_SAFELY.fullmatch(value):
                raise _Outside
            out.append(f"{name}: >-")
            out.append(f"  {value}")
        else:
            out.append(f"{name}: {_scalar(value, doc.positions.get((key,)))[0]}")
    return out


def matches(text: str, doc: Document, normalize: Callable[[str], str] | None, flow_limit: int) -> bool:
    """True when `text` is exactly what fmt would write for this project file (normalize: fmt's target
    spelling, None when targets are kept as typed); False when it is not, or when only the round trip can tell."""
    if "\r" in text or "\t" in text or not text.endswith("\n") or not isinstance(doc.data, dict) or not doc.data:
        return False
    lines = text.split("\n")[:-1]
    head = 0
    while head < len(lines) and lines[head].startswith("#"):
        head += 1
    tail = len(lines)
    while tail > head and lines[tail - 1].startswith("#"):
        tail -= 1
    # Comment lines between the grid and the next key (`# 填报人：…` under the table) are ruamel's last record's,
    # as those after the last line are: one such run is taken; comments anywhere else, the round trip's.
    body_lines = lines[head:tail]
    inside = [i for i, line in enumerate(body_lines) if line.startswith("#")]
    if inside and inside != list(range(inside[0], inside[-1] + 1)):
        return False
    comments = [body_lines[i] for i in inside]
    if any(line != line.rstrip() for line in lines[:head] + lines[tail:] + comments):
        return False
    after = inside[0] if inside else None
    if after is not None:
        body_lines = body_lines[:after] + body_lines[inside[-1] + 1 :]
    grid_last = "indicators" in doc.data and list(doc.data)[-1] == "indicators"
    try:
        body = _body(doc, normalize, flow_limit, (tail < len(lines) and grid_last) or after is not None)
    except _Outside:
        return False
    # right after the grid's last record (its lines, and only its, are indented six spaces or more; a `>-` text's
    # two: found by review), before the next key
    if after is not None and not (0 < after < len(body) and body[after - 1][:6] == " " * 6 and body[after][:1] != " "):
        return False  # a comment anywhere else is the round trip's
    return body == body_lines
