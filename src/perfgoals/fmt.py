"""`perfgoals fmt`: one canonical layout, every comment kept, meaning unchanged.

The layout: known keys in the format's order (the model's field order), unknown
keys after them as written; two-space indentation; indicator records and the
small records (unit, budget, spend_plan) in flow style when short, block style when
long or when they hold comments; everything else in block style.  Target values
get their comparator and spacing normalised (`>= 90 %` → `≥90%`); dates and
qualitative text are left exactly as written.

Safety, in this order: ruamel.yaml round-trip (comments are kept by the loader);
the result is re-parsed by the independent libyaml reader and its facts compared
with the original's (a target may only change its spelling, never its parsed
comparator, number or unit); every comment of the original must be found in the
result; only then is the file replaced, atomically, keeping its mode.
"""

from __future__ import annotations

import contextvars
import io
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Container, Iterator

from perfgoals import canonical, flat, source, workspace
from perfgoals.atomic import write_bytes
from perfgoals.i18n import T
from perfgoals.targets import Quantity, meaning, parse_target

FLOW_LIMIT = 120  # characters of a record written as {…}; longer records are written in block style
_SMALL_RECORDS = ("unit", "budget", "spend_plan")


# --- targets ----------------------------------------------------------------------------

_COMPARATORS = {
    ">=": "≥",
    "≥": "≥",
    "≧": "≥",
    "⩾": "≥",
    "＞＝": "≥",
    "<=": "≤",
    "≤": "≤",
    "≦": "≤",
    "⩽": "≤",
    "＜＝": "≤",
    ">": ">",
    "＞": ">",
    "<": "<",
    "＜": "<",
    "==": "=",
    "=": "=",
    "＝": "=",
    "═": "=",
    "〓": "=",
}
_TARGET = re.compile(
    r"\s*(?P<comp>>=|<=|==|＞＝|＜＝|[≥≧⩾≤≦⩽><=＞＜＝═〓])?\s*"
    r"(?P<num>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"(?P<space>\s*)(?P<unit>[^\s\d].*?)?\s*"
)
_ATTACHED_UNITS = ("%", "％", "‰")


def normalize_target(text: str) -> str:
    """`>= 90 %` → `≥90%`, `≤ 6.73 万元` → `≤6.73 万元`, `═100%` → `=100%`, `<= 85 元/平方米` → `≤85 元/平方米`;
    anything else (dates, words, `不少于 400 人`, `较上年提高5个百分点`, `1:1.5`, `是`) unchanged.

    The number and the unit are kept as written (`0.90` stays `0.90`, `3万人次` never becomes 30000人次,
    `百分比` stays a word); a unit keeps one space before it when it had any, except % which always
    attaches.  The result must parse to a quantity of the same meaning (comparator, value, unit, per,
    multiplier).
    """
    m = _TARGET.fullmatch(text)
    if not m:
        return text
    comp = _COMPARATORS[m["comp"]] if m["comp"] else ""
    unit = m["unit"] or ""
    unit = "%" if unit == "％" else unit
    space = "" if not unit or unit in _ATTACHED_UNITS or not m["space"] else " "
    new = f"{comp}{m['num']}{space}{unit}"
    return new if same_target(text, new) else text


def same_target(old: str, new: str) -> bool:
    if old == new:
        return True
    a, b = parse_target(old), parse_target(new)
    return isinstance(a, Quantity) and isinstance(b, Quantity) and meaning(a) == meaning(b)


# --- comments, found independently of ruamel ----------------------------------------------


def comments(text: str) -> Counter:
    """Every comment of a YAML text (stripped), found from libyaml's scalar positions, not from ruamel."""
    spans = _scalar_spans(text)
    inside = bytearray(len(text) + 1)
    for start, end in spans:
        inside[start:end] = b"\x01" * (end - start)
    found: Counter = Counter()
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#" and not inside[i] and (i == 0 or text[i - 1] in " \t\r\n"):
            end = text.find("\n", i)
            end = n if end < 0 else end
            found[text[i:end].rstrip()] += 1
            i = end
        i += 1
    return found


def _scalar_spans(text: str) -> list[tuple[int, int]]:
    """Where each scalar is, from the parser source.parse trusts for this text (libyaml, else ruamel)."""
    import yaml

    if not source.PARSERS_DIFFER.search(text):
        try:
            loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
            events = yaml.parse(text, Loader=loader)
            return [(e.start_mark.index, e.end_mark.index) for e in events if isinstance(e, yaml.ScalarEvent)]
        except yaml.YAMLError:
            pass
    from ruamel.yaml.events import ScalarEvent

    return [(e.start_mark.index, e.end_mark.index) for e in source.BACKENDS["ruamel"](text) if type(e) is ScalarEvent]


# --- the layout ---------------------------------------------------------------------------


def _split_token(token) -> tuple[str, str]:
    """A key's trailing comment token → (its end-of-line part, the full-line comments that follow it)."""
    if token is None:
        return "", ""
    value = token.value
    cut = value.find("\n")
    if cut < 0:
        return value, ""
    return value[: cut + 1], value[cut + 1 :]


def _reorder(cm, order: list[str], is_root: bool = False) -> None:
    """Put a CommentedMap's keys in order, moving full-line comments with the key they stand above."""
    keys = list(cm.keys())
    wanted = [k for k in order if k in cm] + [k for k in keys if k not in order]
    if wanted == keys:
        return
    from ruamel.yaml.tokens import CommentToken

    items = cm.ca.items
    eol: dict[Any, str] = {}
    above: dict[Any, str] = {}  # full-line comments written above a key
    tail = ""
    for i, key in enumerate(keys):
        entry = items.get(key)
        token = entry[2] if entry and len(entry) > 2 else None
        if token is not None and not isinstance(token, CommentToken):
            eol[key], rest = "", ""
        else:
            eol[key], rest = _split_token(token)
        if i + 1 < len(keys):
            above[keys[i + 1]] = rest
        else:
            tail = rest
    values = {k: cm[k] for k in keys}
    for key in keys:
        del cm[key]
    for key in wanted:
        cm[key] = values[key]
    from ruamel.yaml.error import CommentMark

    orphan = above.get(wanted[0], "")  # stood above a key that now comes first
    if orphan and is_root:
        if cm.ca.comment is None:
            cm.ca.comment = [None, None]
        if cm.ca.comment[1] is None:
            cm.ca.comment[1] = []
        cm.ca.comment[1].append(CommentToken(orphan, CommentMark(0), None))
        orphan = ""
    for i, key in enumerate(wanted):
        following = above.get(wanted[i + 1], "") if i + 1 < len(wanted) else tail
        if i == 0 and orphan:
            following = orphan + following  # inside a nested map: kept, one line lower
        own = eol.get(key, "")
        text = own + following if own or not following else "\n" + following
        entry = items.get(key)
        if not text:
            if entry and len(entry) > 2:
                entry[2] = None
            continue
        if entry is None:
            entry = items[key] = [None, None, None, None]
        if isinstance(entry[2], CommentToken):
            entry[2].value = text
        else:
            entry[2] = CommentToken(text, CommentMark(0), None)


def _has_comments(node) -> bool:
    ca = getattr(node, "ca", None)
    if ca is None:
        return False
    if ca.comment and any(ca.comment):
        return True
    if any(any(x is not None for x in entry) for entry in ca.items.values()):
        return True
    values = node.values() if hasattr(node, "values") and callable(node.values) else node
    return any(_has_comments(v) for v in values if hasattr(v, "ca"))


def _flow_length(node) -> int:
    if hasattr(node, "items") and callable(node.items):
        parts = [f"{k}: {v}" for k, v in node.items()]
    else:
        parts = [str(v) for v in node]
    return 2 + len(", ".join(parts))


def _flowable(node) -> bool:
    from ruamel.yaml.scalarstring import LiteralScalarString, FoldedScalarString

    values = list(node.values()) if hasattr(node, "values") and callable(node.values) else list(node)
    for v in values:
        if isinstance(v, (dict, list)) or isinstance(v, (LiteralScalarString, FoldedScalarString)):
            return False
        if isinstance(v, str) and ("\n" in v or "\r" in v) and not _LINES_IN_FLOW.get():
            return False
    if _flow_length(node) > FLOW_LIMIT:
        return False
    # A record already written {…} keeps its trailing comment there; a block record with comments on its
    # lines stays block, since a {…} record has nowhere to put them.
    return getattr(node, "_perfgoals_was_flow", False) or not _has_comments(node)


def _style(node, flow: bool) -> None:
    # An empty container has no block form: [] or {} it stays (as block, ruamel wrote a comment after it
    # between the key and the brackets, and the next key on the same line: 05 of tests/real)
    if hasattr(node, "fa") and (flow or len(node)):
        if flow:
            node.fa.set_flow_style()
        else:
            node.fa.set_block_style()


def _block(node) -> None:
    """Block style for a container and every container inside it (before records choose flow)."""
    if hasattr(node, "fa"):
        node._perfgoals_was_flow = bool(node.fa.flow_style())
    if isinstance(node, dict):
        _style(node, False)
        for v in node.values():
            _block(v)
    elif isinstance(node, list):
        _style(node, False)
        for v in node:
            _block(v)


def _record(node, kind: str, targets: bool = True) -> None:
    from ruamel.yaml.comments import CommentedMap

    if not isinstance(node, CommentedMap):
        return
    _reorder(node, flat._ORDER.get(kind, []))
    if targets and "target" in node and isinstance(node["target"], str):
        new = normalize_target(node["target"])
        if new != node["target"]:
            # Past CommentedMap.__setitem__, which would keep the old quoting style: a plain str is
            # quoted by the emitter only when it must be.
            super(CommentedMap, node).__setitem__("target", new)
    _style(node, _flowable(node))


def layout(root, kind: str, targets: bool = True) -> None:
    """Rewrite a loaded CommentedMap in place into the canonical layout (targets: normalise their spelling)."""
    from ruamel.yaml.comments import CommentedMap

    _block(root)
    _reorder(root, flat._ORDER[kind], is_root=True)
    for key in _SMALL_RECORDS:
        node = root.get(key)
        if isinstance(node, CommentedMap):
            if key != "spend_plan":
                _reorder(node, flat._ORDER.get(key, []))
            _style(node, _flowable(node))
    if kind == "project":
        grid = root.get("indicators")
        if isinstance(grid, dict):
            for group in grid.values():
                if isinstance(group, dict):
                    for items in group.values():
                        if isinstance(items, list):
                            for item in items:
                                _record(item, "indicator", targets)
    else:
        for sub in root.get("sub_goals") or []:
            if isinstance(sub, CommentedMap):
                _reorder(sub, flat._ORDER["sub_goal"])
                for item in sub.get("indicators") or []:
                    _record(item, "dept_indicator", targets)
        for item in root.get("safeguards") or []:
            if isinstance(item, CommentedMap):
                _reorder(item, flat._ORDER["safeguard"])
    _keep_item_comments(root)


def _keep_item_comments(node) -> None:
    """`- {…}  # note` made a block record: the note moves to the record's last line.  Left on the list
    item, ruamel writes it after the `-`, and the next run moves it again (fmt did not settle in one pass)."""
    if isinstance(node, dict):
        for value in node.values():
            _keep_item_comments(value)
        return
    if not isinstance(node, list):
        return
    items = getattr(getattr(node, "ca", None), "items", {})
    for i, item in enumerate(node):
        _keep_item_comments(item)
        entry = items.get(i)
        if not (isinstance(item, dict) and item and entry and entry[0] is not None and hasattr(item, "fa")):
            continue
        if item.fa.flow_style():
            continue
        last = list(item.keys())[-1]
        mine = item.ca.items.setdefault(last, [None, None, None, None])
        if mine[2] is None:
            mine[2], entry[0] = entry[0], None


# --- one file --------------------------------------------------------------------------------


class Refused(Exception):
    """Formatting would change what the file says, or lose a comment: nothing is written."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason)
        self.reason = reason  # "meaning" | "comments" | "layout"
        self.detail = detail


def _yaml():
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    _core_schema(y)
    y.preserve_quotes = True
    y.width = 100_000  # never fold long Chinese lines
    y.indent(mapping=2, sequence=4, offset=2)
    return y


class _Number(str):
    """A float-looking number kept as its text: ruamel's float is binary and loses the 17th digit."""


def _core_schema(y) -> None:
    """Resolve plain scalars exactly as perfgoals' reader does (YAML 1.2 core: null, bool, int, float,
    else text), whatever %YAML directive the file has: ruamel's round-trip resolver also makes dates
    (`2023-02-30` was an internal error), merge keys (`<<`) and 1.1 booleans (`yes`), so fmt read some
    files otherwise than validate.  Floats are kept as written (see _Number)."""
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver
    from ruamel.yaml.tag import Tag

    class CoreResolver(VersionedResolver):
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode and implicit[0]:
                return Tag(suffix=_CORE + _core_type(value))
            return super().resolve(kind, value, implicit)

    def compose_scalar_node(self: Any, anchor: Any) -> Any:
        # `!` (the non-specific tag) makes a scalar text, as perfgoals' reader says; ruamel resolved an empty
        # one (`year: !`) as null, so fmt wrote `year:` and refused its own result (found by the fmt campaign)
        nonspecific = str(self.parser.peek_event().ctag) == "!"
        node = base_composer.compose_scalar_node(self, anchor)
        if nonspecific:
            node.tag = Tag(suffix=_CORE + "str")
        return node

    base_composer = y.Composer
    y.Composer = type("CoreComposer", (base_composer,), {"compose_scalar_node": compose_scalar_node})
    y.Resolver = CoreResolver
    y.Constructor = type("CoreConstructor", (y.Constructor,), {})
    y.Constructor.add_constructor(_CORE + "float", lambda c, node: _Number(c.construct_scalar(node)))
    y.Representer = type("CoreRepresenter", (y.Representer,), {})
    y.Representer.add_representer(_Number, lambda r, data: r.represent_scalar(_CORE + "float", str(data)))


_CORE = "tag:yaml.org,2002:"


def _core_type(text: str) -> str:
    try:
        value = source.resolve_plain(text)
    except source.LongNumber:
        return "float"  # never plain: the reader refuses it
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    return "str" if isinstance(value, str) else "float"


def _meaning(data: Any) -> dict:
    """Facts with their types; a Quantity target by its parsed meaning, so only its spelling may change.
    Every other kind of target (dates, changes, ratios, yes/no, words) is never rewritten: its text must stay."""
    out = {}
    for key, value in flat.facts(data):
        if key.endswith(".target") and isinstance(value, str):
            p = parse_target(value)
            if isinstance(p, Quantity):
                out[key] = meaning(p)
                continue
        out[key] = (type(value).__name__, flat.show_value(value))
    return out


def format_text(text: str, kind: str | None = None, targets: bool = True) -> str:
    """The canonical layout of a YAML text (without BOM).  Raises source.SourceError for a file that
    cannot be read as a mapping, and Refused when the result would not mean the same."""
    doc = source.parse(text)  # the reference reading: same errors as validate
    if not isinstance(doc.data, dict):
        raise source.SourceError(source.Problem(source.SCHEMA, "root_type", params={"actual": type(doc.data).__name__}))
    kind = kind or workspace.data_kind(doc.data)
    # Most files of a formatted tree are canonical already: told from the reading above, without the round trip.
    if kind == "project" and canonical.matches(text, doc, normalize_target if targets else None, FLOW_LIMIT):
        return text
    try:
        return _laid_out(text, doc, kind, targets)
    except Refused as exc:
        if exc.reason != "meaning":
            raise
    token = _LINES_IN_FLOW.set(True)  # the one layout ruamel may write broken: try without it
    try:
        return _laid_out(text, doc, kind, targets)
    finally:
        _LINES_IN_FLOW.reset(token)


# ruamel's emitter can write a block record holding a line break ("d\n", "d\r") on one line after a {…} record
# with a comment (found by the fmt fuzz campaign); then such records are written {…} too, their text escaped.
_LINES_IN_FLOW: contextvars.ContextVar[bool] = contextvars.ContextVar("lines_in_flow", default=False)


def _laid_out(text: str, doc: source.Document, kind: str, targets: bool) -> str:
    crlf = "\r\n" in text
    # A lone CR is a line break to YAML as LF is (a comment ending in \r at the end of the file took two runs)
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    # Blank lines before the first line: ruamel keeps one of several, and the next run drops it (one pass).
    out = _round_trip(body, kind, targets).lstrip("\n")
    if out and not out.endswith("\n"):  # a last comment with no line break (ending in \r): the next run adds one
        out += "\n"
    if body.startswith("---") and not out.startswith("---"):
        out = "---\n" + out  # an explicit document start is the writer's choice; keep it
    if crlf:
        out = out.replace("\n", "\r\n")
    _verify(text, out, doc, kind)
    return out


def _round_trip(body: str, kind: str, targets: bool) -> str:
    """The laid-out text; a file the reader accepted but ruamel's round trip cannot take is refused, not a crash."""
    y = _yaml()
    try:
        root = y.load(body)
        layout(root, kind, targets)
        buf = io.StringIO()
        y.dump(root, buf)
    except Exception as exc:  # ruamel's YAMLError family, or a value its constructors refuse
        if not (source.is_yaml_error(exc) or isinstance(exc, (ValueError, TypeError))):
            raise
        raise Refused("layout", type(exc).__name__) from None
    return buf.getvalue()


def _verify(before: str, after: str, doc: source.Document, kind: str) -> None:
    try:
        new_doc = source.parse(after)
    except source.SourceError as exc:
        raise Refused("meaning", f"the result does not parse: {exc.problem.variant}") from None
    old_m, new_m = _meaning(doc.data), _meaning(new_doc.data)
    if old_m != new_m:
        changed = sorted(set(old_m.items()) ^ set(new_m.items()), key=str)[:3]
        raise Refused("meaning", "; ".join(f"{k}" for k, _ in changed))
    lost = comments(before) - comments(after)
    if lost:
        raise Refused("comments", "; ".join(list(lost)[:3]))


@dataclass
class Outcome:
    path: str
    changed: bool
    before: str = ""
    after: str = ""
    formatted: str | None = None  # the file's key in fmt's memory (cache.Formatted) when it is formatted


def format_file(
    path: Path, display: str, write: bool = True, targets: bool = True, known: Container[str] = ()
) -> Outcome:
    """Format one file; raises source.SourceError (unreadable, invalid YAML) or Refused.  known: the keys of
    files an earlier run found formatted (cache.Formatted): such a file is not read as YAML again."""
    from perfgoals.cache import Formatted

    raw = workspace.read_bytes(path)
    file_type = workspace.file_kind(path)
    key = Formatted.key(raw, file_type, targets)
    if key in known:
        return Outcome(display, False, formatted=key)
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = source.decode(raw)
    after = format_text(text, file_type if file_type != "config" else None, targets)
    if after == text:
        return Outcome(display, False, text, after, formatted=key)
    if not write:
        return Outcome(display, True, text, after)
    data = (b"\xef\xbb\xbf" if bom else b"") + after.encode("utf-8")
    write_bytes(path, data, strict=True)
    # what fmt writes is in its layout (it settles in one pass: fuzzed), so the next --check need not read it
    return Outcome(display, True, text, after, formatted=Formatted.key(data, file_type, targets))


# --- the command ------------------------------------------------------------------------------

_WORDS = {
    "unwritable": T(
        "{path}：无法写入（{detail}），原文件保持不变", "{path}: cannot write ({detail}); the file is unchanged"
    ),
    "done": T("已格式化 {path}", "reformatted {path}"),
    "would": T("需要格式化 {path}", "would reformat {path}"),
    "summary": T(
        "{n} 个文件已格式化，{same} 个文件不变",
        "{n} file reformatted, {same} unchanged",
        "{n} files reformatted, {same} unchanged",
    ),
    "summary_check": T(
        "{n} 个文件需要格式化，{same} 个文件不变",
        "{n} file would be reformatted, {same} unchanged",
        "{n} files would be reformatted, {same} unchanged",
    ),
    "meaning": T(
        "{path}：未写入——格式化后内容会改变（{detail}）。这是 perfgoals 的缺陷，请报告。",
        "{path}: not written: formatting would change what it says ({detail}). This is a perfgoals bug; "
        "please report it.",
    ),
    "layout": T(
        "{path}：未写入——fmt 无法排版这个文件（{detail}），原文件保持不变。这是 perfgoals 的缺陷，请报告。",
        "{path}: not written: fmt cannot lay this file out ({detail}); it is unchanged. This is a perfgoals bug; "
        "please report it.",
    ),
    "comments": T(
        "{path}：未格式化——注释 {detail} 所在的位置（{{…}} 或 [...] 之内、文件结束标记 ... 之后）排版后无法保留；"
        "把它移到单独的一行，再运行 perfgoals fmt",
        "{path}: not reformatted: the comment {detail} sits where the layout cannot keep it (inside {{…}} or [...], "
        "or after the end marker ...); move it to a line of its own, then run perfgoals fmt again",
    ),
}


def run(paths: list[str], check: bool, show_diff: bool, lang: str, out, err, jobs: int = 0) -> int:
    """Format files; 0 done or nothing to do, 1 a file would change (--check/--diff) or is invalid YAML,
    2 a file is unreadable or formatting was refused.  jobs: worker processes (0: the free cores), used
    only for PARALLEL_MIN files or more."""
    from perfgoals.cache import Formatted
    from perfgoals.reporters.text import findings as print_findings
    from perfgoals.report import problem_finding

    files, missing = workspace.discover(paths)
    bad = [problem_finding(m.problem, m.display, lang) for m in missing]
    status = 2 if bad else 0
    changed = same = 0
    write = not (check or show_diff)
    if write:
        _clean_leftovers(files)
    settings = workspace.Workspace()
    files = [f for f in files if f.kind != "config"]
    memory = Formatted.open(paths)
    # perfgoals.yaml's fmt_targets: `keep` leaves targets as typed (a faithful transcription)
    todo = [
        (f.path, f.display, settings.settings_for(f.path).config.fmt_targets != "keep", write, show_diff) for f in files
    ]
    for f, answer in zip(files, _format_all(todo, jobs, memory.known)):
        what = answer[0]
        if what == "done" and answer[1].formatted is not None:  # already formatted, or just written so
            memory.seen.add(answer[1].formatted)
        if what == "source":
            bad.append(problem_finding(answer[1], f.display, lang, f.kind))
            status = max(status, 2 if answer[1].code == source.UNREADABLE else 1)
        elif what == "refused":
            err.write(_WORDS[answer[1]](lang).format(path=f.display, detail=answer[2]) + "\n")
            status = max(status, 1 if answer[1] == "comments" else 2)  # a comment to move is the user's to fix
        elif what == "unwritable":  # the old file is intact: atomic writes replace it only when complete
            err.write(_WORDS["unwritable"](lang).format(path=f.display, detail=answer[1]) + "\n")
            status = 2
        elif not answer[1].changed:
            same += 1
        else:
            changed += 1
            _tell(answer[1], show_diff, write, lang, out, err)
            if not write:
                status = max(status, 1)
    memory.save()
    if bad:
        print_findings(bad, err, lang)
    err.write(_WORDS["summary" if write else "summary_check"].count(changed, same=same)(lang) + "\n")
    return status


def _format_all(todo: list[tuple], jobs: int, known: frozenset[str]) -> Iterator[tuple]:
    """Each file's answer (see _format_one), in order: in worker processes for a large set with free cores
    (files already known formatted cost a hash each: they do not count towards a pool)."""
    from perfgoals import pool

    global _known
    _known = known
    if not jobs and len(todo) >= pool.PARALLEL_MIN + len(known):
        jobs = pool.free_cores(pool.default_jobs())
    if jobs <= 1 or len(todo) < pool.PARALLEL_MIN:
        yield from map(_format_one, todo)
        return
    with pool.context().Pool(min(jobs, len(todo)), _init_worker, (known,)) as workers:
        yield from workers.imap(_format_one, todo, pool.chunk_size(len(todo), jobs))


_known: frozenset[str] = frozenset()  # fmt's memory in this process (a worker gets it from _init_worker)


def _init_worker(known: frozenset[str]) -> None:
    global _known
    _known = known


def _format_one(job: tuple) -> tuple:
    """("done", Outcome) | ("source", Problem) | ("refused", reason, detail) | ("unwritable", detail): plain
    values, so that a worker process can send them back."""
    path, display, targets, write, keep_texts = job
    try:
        outcome = format_file(Path(path), display, write=write, targets=targets, known=_known)
    except source.SourceError as exc:
        return ("source", exc.problem)
    except Refused as exc:
        return ("refused", exc.reason, exc.detail)
    except OSError as exc:
        return ("unwritable", exc.strerror or str(exc))
    if not keep_texts:  # only --diff prints them: the rest need not travel back from a worker
        outcome.before = outcome.after = ""
    return ("done", outcome)


def _clean_leftovers(files: list) -> None:
    """The temporary files a killed fmt left beside the files it formats (see atomic)."""
    from perfgoals.atomic import clean_leftovers

    folders: dict[Path, set[str]] = {}
    for f in files:
        real = Path(os.path.realpath(f.path))
        folders.setdefault(real.parent, set()).add(real.name)
    for folder, names in folders.items():
        clean_leftovers(folder, names)


def _tell(outcome: Outcome, show_diff: bool, write: bool, lang: str, out, err) -> None:
    """A changed file: its unified diff (--diff), or one line saying it was (or would be) reformatted."""
    if show_diff:
        import difflib

        out.writelines(
            difflib.unified_diff(
                outcome.before.splitlines(keepends=True),
                outcome.after.splitlines(keepends=True),
                f"a/{outcome.path}",
                f"b/{outcome.path}",
            )
        )
    else:
        err.write(_WORDS["done" if write else "would"](lang).format(path=outcome.path) + "\n")
