"""Reading a YAML file into plain data plus a position for every key and value.

The validation path never constructs Python objects through a YAML library: it
walks the parser's *events* and builds the data itself.  That gives us, in one
pass and with no recursion:

- a line and column for every key and value (rules and pydantic errors point there);
- numbers as ``int`` or ``Decimal`` made from the source text (money is never a float);
- duplicate keys, several documents, anchors, aliases and tags caught as findings
  instead of being silently merged or constructed;
- limits on size, nesting depth and event count, so a hostile file cannot hang us.

Two event sources give identical events: libyaml through PyYAML (fast, C) and
ruamel.yaml's pure-Python parser (the reference).  Both report character columns.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from decimal import Decimal
from typing import Any, Iterable, Iterator

from perfgoals import blockreader, inputs
from perfgoals.yamldata import (  # re-exported: the rest of the code finds the reader's data here
    _NUMBER_START,
    _WORDS,
    DEFAULT_LIMITS,
    ENCODING,
    INVALID_YAML,
    MAX_NUMBER_DIGITS,
    MAX_NUMBER_EXPONENT,
    SCHEMA,
    UNREADABLE,
    UNSAFE,
    Document,
    Limits,
    LongNumber,
    Pos,
    Problem,
    SourceError,
    _resolve_at,
    resolve_plain,
)

__all__ = [
    "DEFAULT_LIMITS",
    "ENCODING",
    "INVALID_YAML",
    "MAX_NUMBER_DIGITS",
    "MAX_NUMBER_EXPONENT",
    "SCHEMA",
    "UNREADABLE",
    "UNSAFE",
    "Document",
    "Limits",
    "LongNumber",
    "Pos",
    "Problem",
    "SourceError",
    "build",
    "decode",
    "parse",
    "read_bytes",
    "read_text",
    "resolve_plain",
]

_new_tuple = tuple.__new__


# --- reading bytes ------------------------------------------------------------------


def read_text(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> str:
    """The file's text, or a SourceError saying why it cannot be had."""
    return decode(read_bytes(path, limits))


_CHUNK = 1 << 16


def check_size(size: int, limits: Limits = DEFAULT_LIMITS) -> None:
    """A SourceError (PG004) for bytes over the size limit, however they were had (a file, a git blob)."""
    if size > limits.max_bytes:
        raise SourceError(Problem(UNSAFE, "too_large", params={"size": size, "limit": limits.max_bytes}))


def read_bytes(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The file's bytes (the cache hashes them before anything is decoded), or a SourceError.

    Never more than the size limit is read, so a huge file is refused without being read whole; anything
    but a regular file (a FIFO, /dev/zero behind a link) is refused before it is read (PG000).
    os.open/os.read rather than open(): for 10,000 small files the buffered reader's set-up costs more
    than the reading (a warm run reads every file to hash it).
    """
    inputs.file(path)
    try:
        # O_NONBLOCK: opening a FIFO named *.yaml must not wait for a writer; it is then refused below.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        try:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):  # a folder, a FIFO, a device (/dev/zero), a socket
                raise SourceError(Problem(UNREADABLE, "directory" if stat.S_ISDIR(mode) else "not_regular"))
            chunks: list[bytes] = []
            total, limit = 0, limits.max_bytes
            while True:
                want = min(_CHUNK, limit + 1 - total)
                block = os.read(fd, want)
                if not block:
                    break
                chunks.append(block)
                total += len(block)
                if total > limit:
                    check_size(max(total, os.fstat(fd).st_size), limits)
                if len(block) < want:
                    break  # a regular file reads short only at its end: no second call to learn so
        finally:
            os.close(fd)
    except SourceError:
        raise
    except IsADirectoryError:
        raise SourceError(Problem(UNREADABLE, "directory")) from None
    except PermissionError:
        raise SourceError(Problem(UNREADABLE, "permission")) from None
    except OSError as exc:
        raise SourceError(Problem(UNREADABLE, "os", params={"reason": exc.strerror or str(exc)})) from None
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        raise SourceError(Problem(ENCODING, "utf16", params={"encoding": "UTF-16"}))
    if b"\x00" in data:
        line, col = _byte_position(data, data.index(b"\x00"))
        raise SourceError(Problem(ENCODING, "binary", line, col))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(data, exc.start)
        encoding = _guess_encoding(data)
        variant = "legacy" if encoding else "unknown"
        raise SourceError(Problem(ENCODING, variant, line, col, {"encoding": encoding or "?"})) from None
    # Control characters other than tab/newline are never part of a real table.
    m = _CONTROL.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        raise SourceError(Problem(ENCODING, "binary", line, col))
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _looks_utf16(data: bytes) -> bool:
    head = data[:200]
    return len(head) >= 4 and (head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4)


def _byte_position(data: bytes, index: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, index) + 1
    line = data.count(b"\n", 0, index) + 1
    col = len(data[line_start:index].decode("utf-8", errors="replace")) + 1
    return line, col


def _guess_encoding(data: bytes) -> str | None:
    for name, label in (("gbk", "GBK"), ("gb18030", "GB18030"), ("big5", "Big5")):
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return label
    return None


_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    None,
    "!",
    _CORE + "str",
    _CORE + "int",
    _CORE + "float",
    _CORE + "bool",
    _CORE + "null",
    _CORE + "map",
    _CORE + "seq",
}


def _scalar(ev) -> Any:
    tag = ev.tag
    if tag == "!":  # the non-specific tag: text, as YAML says (the parsers disagreed on an empty `!`)
        return ev.value
    if tag is None and ev.implicit[0] and not ev.style:
        return _resolve_at(ev.value, *_mark(ev))
    if tag is None or tag == "!" or tag == _CORE + "str":
        return ev.value
    value = _resolve_at(ev.value, *_mark(ev))
    wanted = {_CORE + "int": int, _CORE + "float": Decimal, _CORE + "bool": bool, _CORE + "null": type(None)}[tag]
    if wanted is Decimal and isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if not isinstance(value, wanted) or (wanted is int and isinstance(value, bool)):
        raise SourceError(Problem(INVALID_YAML, "bad_tag_value", *_mark(ev), {"tag": tag.rsplit(":", 1)[-1]}))
    return value


def _mark(ev) -> tuple[int, int]:
    return ev.start_mark.line + 1, ev.start_mark.column + 1


# --- events -> data ------------------------------------------------------------------

_MISSING = object()


class _Frame:
    __slots__ = ("container", "path", "key", "key_pos", "is_map", "flow", "last")

    def __init__(self, container, path, is_map, flow=False):
        self.container = container
        self.path = path
        self.is_map = is_map
        self.flow = flow
        self.key = _MISSING
        self.key_pos: tuple[int | None, int | None] = (None, None)
        self.last = None  # in a flow mapping: the last value's event, for the thousands-comma check


_THOUSANDS_TAIL = re.compile(r"\d{3}(?:[.\D]|$)")


# Event kinds by class name: both backends name their event classes alike.
_START_MAP, _START_SEQ, _SCALAR, _ALIAS, _END, _DOC_START, _OTHER = range(1, 8)  # never 0: see _kind
_KIND_BY_NAME = {
    "MappingStartEvent": _START_MAP,
    "SequenceStartEvent": _START_SEQ,
    "ScalarEvent": _SCALAR,
    "AliasEvent": _ALIAS,
    "MappingEndEvent": _END,
    "SequenceEndEvent": _END,
    "DocumentStartEvent": _DOC_START,
}
_kind_cache: dict[type, int] = {}


def _kind(cls: type) -> int:
    """An event class's kind, learnt once per class (build looks it up in _kind_cache first)."""
    kind = _kind_cache[cls] = _KIND_BY_NAME.get(cls.__name__, _OTHER)
    return kind


def _thousands_comma(last, ev, line: int, col: int) -> None:
    """`{total: 1,200.50}`: YAML splits at the comma; say so instead of reporting a key `200.50`."""
    if type(last).__name__ != "ScalarEvent" or last.style or ev.style:
        return
    text = last.value
    end = last.end_mark
    if (
        text
        and text[-1].isdigit()
        and (line, col) == (end.line + 1, end.column + 2)
        and _THOUSANDS_TAIL.match(ev.value)
    ):
        start = last.start_mark
        plain = unicodedata.normalize("NFKC", f"{text}{ev.value}")  # full-width digits as ASCII ones
        raise SourceError(
            Problem(
                INVALID_YAML,
                "thousands_comma",
                start.line + 1,
                start.column + 1,
                {"value": f"{text},{ev.value}", "plain": plain},
            )
        )


def _refuse(ev, kind: int, line: int, col: int) -> None:
    """What YAML can say but a table never needs: aliases and anchors (billion laughs), custom tags."""
    if kind == _ALIAS:
        raise SourceError(Problem(UNSAFE, "alias", line, col, {"name": ev.anchor}))
    if ev.anchor is not None:
        raise SourceError(Problem(UNSAFE, "anchor", line, col, {"name": ev.anchor}))
    raise SourceError(Problem(UNSAFE, "tag", line, col, {"tag": short_tag(ev.tag)}))


def _document_start(ev, kind: int, documents: int) -> int:
    """Documents counted so far, this one included (stream and document ends count nothing)."""
    if kind != _DOC_START:
        return documents
    if documents:
        raise SourceError(Problem(INVALID_YAML, "multiple_documents", *_mark(ev)))
    return documents + 1


def _key(ev, key: Any, parent: _Frame, positions: dict, line: int, col: int) -> None:
    """A key that may be wrong (build calls this only then): one the mapping has already, or the digits after
    a comma that YAML split a number at."""
    if parent.flow and parent.last is not None and ev.value[:1].isdigit():  # full-width digits too
        _thousands_comma(parent.last, ev, line, col)
    if key in parent.container:
        first = positions[parent.path + (key,)]
        raise SourceError(Problem(INVALID_YAML, "duplicate_key", line, col, {"key": key, "first_line": first.key_line}))


def _open(
    ev, kind: int, parent: _Frame | None, stack: list[_Frame], positions: dict, path: tuple, at: tuple, max_depth: int
) -> _Frame:
    """A mapping or list starts at `at` (line, column, key line, key column): its position, its place in the
    parent, and its frame, now on the stack."""
    if parent is not None and parent.is_map and parent.key is _MISSING:  # a mapping or list as a key
        raise SourceError(Problem(INVALID_YAML, "complex_key", at[0], at[1]))
    if len(stack) >= max_depth:
        raise SourceError(Problem(UNSAFE, "too_deep", at[0], at[1], {"limit": max_depth}))
    is_map = kind == _START_MAP
    value: Any = {} if is_map else []
    flow = bool(getattr(ev, "flow_style", None))
    positions[path] = _new_tuple(Pos, (*at, None, "flow" if flow else None))
    if parent is not None:
        if parent.is_map:
            parent.container[parent.key] = value
            parent.key = _MISSING
            parent.last = ev
        else:
            parent.container.append(value)
    frame = _Frame(value, path, is_map, flow)
    stack.append(frame)
    return frame


def build(events: Iterable, limits: Limits = DEFAULT_LIMITS) -> Document:
    # The hot loop (~300 events a file): locals, a class→kind cache, plain scalars inline, the rare in functions.
    positions: dict[tuple, Pos] = {}
    stack: list[_Frame] = []
    root, documents, parent = _MISSING, 0, None
    max_events, max_depth, kinds, allowed_tags = limits.max_events, limits.max_depth, _kind_cache, _ALLOWED_TAGS
    plain, number_start, words, new_tuple, missing = _resolve_at, _NUMBER_START, _WORDS, _new_tuple, _MISSING
    SCALAR, END, ALIAS = _SCALAR, _END, _ALIAS
    for count, ev in enumerate(events, 1):
        if count > max_events:
            raise SourceError(Problem(UNSAFE, "too_many_events", *_mark(ev), {"limit": max_events}))
        kind = kinds.get(type(ev)) or _kind(type(ev))
        if kind == END:
            stack.pop()
            parent = stack[-1] if stack else None
            continue
        if kind > END:  # document start (counted), stream and document ends (nothing to build)
            documents = _document_start(ev, kind, documents)
            continue
        mark = ev.start_mark
        line, col = mark.line + 1, mark.column + 1
        if kind == ALIAS or ev.anchor is not None or (tag := ev.tag) is not None and tag not in allowed_tags:
            _refuse(ev, kind, line, col)  # (an alias event has no tag: the walrus comes last)
        if kind == SCALAR:
            style = ev.style or None
            text = ev.value
            # _scalar's first branch, inline (words: null/true/false)
            if tag is None and style is None and ev.implicit[0]:
                value = plain(text, line, col) if text[:1] in number_start else words.get(text, text)
            else:
                value = _scalar(ev)
            if parent is not None and parent.key is missing and parent.is_map:
                if value in parent.container or parent.flow and text[:1].isdigit():
                    _key(ev, value, parent, positions, line, col)  # a duplicate, or `1,200.50` split at its comma
                parent.key, parent.key_pos = value, (line, col)
                continue
        if parent is None:
            path, key_line, key_col = (), None, None
        elif parent.is_map:
            path, (key_line, key_col) = parent.path + (parent.key,), parent.key_pos  # type: ignore[misc]
        else:
            path, key_line, key_col = parent.path + (len(parent.container),), None, None
        if kind != SCALAR:  # a mapping or a list starts: about one event in six
            parent = _open(ev, kind, parent, stack, positions, path, (line, col, key_line, key_col), max_depth)
            if root is missing:
                root = parent.container
            continue
        positions[path] = new_tuple(Pos, (line, col, key_line, key_col, text if style is None else None, style))
        if parent is None:
            root = value
        elif parent.is_map:
            parent.container[parent.key] = value
            parent.key = missing
            parent.last = ev  # read only in a flow mapping (the thousands-comma check)
        else:
            parent.container.append(value)
    if root is _MISSING:
        raise SourceError(Problem(SCHEMA, "empty"))
    return Document(root, positions)


# --- parsers -------------------------------------------------------------------------


def libyaml_loader() -> type:
    """PyYAML's loader on libyaml (CSafeLoader); its pure-Python SafeLoader only when libyaml is missing."""
    import yaml

    return getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


def _pyyaml_events(text: str) -> Iterator:
    loader = libyaml_loader()(text)
    # get_event directly rather than yaml.parse's generator, which wraps every event in two more calls
    return iter(loader.get_event, None)


def _ruamel_events(text: str) -> Iterator:
    from ruamel.yaml import YAML

    # typ="safe": events without the round-trip comment machinery, which fails on some comment layouts
    return YAML(typ="safe", pure=True).parse(text)


BACKENDS = {"libyaml": _pyyaml_events, "ruamel": _ruamel_events}


def c_parser_in_use() -> bool:
    """True when the fast path really runs in C (libyaml), not PyYAML's Python fallback."""
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        return False
    from yaml._yaml import CParser

    return issubclass(libyaml_loader(), CParser)


# Characters the two parsers read differently: libyaml accepts a tab inside a plain scalar and a BOM
# inside the text, ruamel does not.  A text holding one is read by the reference parser, whichever
# backend was asked for.  NEL, LS and PS (line breaks to YAML 1.1, characters to 1.2) are refused.
PARSERS_DIFFER = re.compile("[\t\ufeff]")
_SEPARATOR = re.compile("[\x85\u2028\u2029]")
# A tag followed at once by `,` `]` `}` (`{b: !!str, c: 1}`): libyaml ends the tag there, ruamel reads the comma
# into it; the reference's answer is taken (found by the fmt campaign).
_TAG_THEN_FLOW = re.compile(r"(?:^|[\s\[{,])![^\s,\[\]{}]*[,\]}]", re.M)
_ODD = re.compile("[\t\ufeff\x85\u2028\u2029]")
# A block scalar's header with a comment and no space before it (`key: |#`): YAML wants the space and ruamel says
# so, libyaml reads an empty text (found by the readers campaign).  Anywhere else the two patterns are text alike.
_HEADER_THEN_HASH = re.compile(r"[|>][-+0-9]{0,2}#")


def _text_position(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def parse(text: str, backend: str = "libyaml", limits: Limits = DEFAULT_LIMITS) -> Document:
    """The text's data and positions, or a SourceError.  Both backends give the same answer for every text:
    the fast one (libyaml) answers only for a text it reads without fault and without a character the
    parsers treat differently; anything else is the reference parser's (ruamel) to answer."""
    conflict = _merge_conflict(text)  # the parser's own message would only speak of indentation
    if conflict is not None:
        raise SourceError(conflict)
    odd = _ODD.search(text) is not None  # one scan for both questions below: most texts have neither
    separator = _SEPARATOR.search(text) if odd else None
    if separator is not None:  # a line break to YAML 1.1, a character to 1.2, invisible in an editor
        line, col = _text_position(text, separator.start())
        char = f"U+{ord(separator.group()):04X}"
        raise SourceError(Problem(ENCODING, "line_separator", line, col, {"char": char}))
    if (
        backend == "ruamel"
        or odd
        and PARSERS_DIFFER.search(text)
        or "!" in text
        and _TAG_THEN_FLOW.search(text)
        or _HEADER_THEN_HASH.search(text)
    ):
        return _parse(text, "ruamel", limits)
    if backend == "libyaml":  # block lines read without events: the same answer, when it is sure of one
        doc = blockreader.read(text, limits)
        if doc is not None:
            return doc
    try:
        return _parse(text, backend, limits)
    except SourceError:  # the two parsers word and place their faults differently: the reference's counts
        return _parse(text, "ruamel", limits)


def _parse(text: str, backend: str, limits: Limits) -> Document:
    try:
        return build(BACKENDS[backend](text), limits)
    except SourceError:
        raise
    except RecursionError:
        raise SourceError(Problem(UNSAFE, "too_deep", params={"limit": limits.max_depth})) from None
    except Exception as exc:  # both libraries' YAMLError families, whatever their base
        if not is_yaml_error(exc):
            raise
        raise SourceError(_syntax_problem(exc, text)) from None


def is_yaml_error(exc: Exception) -> bool:
    mod = type(exc).__module__
    return mod.startswith("yaml") or mod.startswith("ruamel.yaml")


def _syntax_problem(exc: Exception, text: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        line, col = mark.line + 1, mark.column + 1
    elif getattr(exc, "position", None) is not None:  # ReaderError
        index = exc.position  # type: ignore[attr-defined]
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
    else:
        line, col = 1, 1
    problem = str(getattr(exc, "problem", None) or exc).strip()
    context = str(getattr(exc, "context", None) or "")
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "maximum nesting depth" in problem:  # libyaml's own limit, met while scanning ahead
        return Problem(UNSAFE, "too_deep", line, col, {"limit": DEFAULT_LIMITS.max_depth})
    typo = _typing_slip(lines, line)
    if typo is not None:  # the parser blames the next line; the slip is a character people type in Chinese
        variant, line, col = typo
        return Problem(INVALID_YAML, variant, line, col, {"detail": _detail(problem)})
    at_tab = 0 < col <= len(here) and here[col - 1] == "\t"
    if "tab" in problem.lower() or at_tab:
        col = here.find("\t") + 1 if "\t" in here else col
        # a tab after the line's first character is inside a value (pasted from Excel), not indentation
        variant = "tab_in_text" if here[: col - 1].strip() else "tab"
    elif "end of stream" in problem and "quoted scalar" in context:
        variant = "unclosed_quote"
        opening = getattr(exc, "context_mark", None)  # where the quote was opened: what the user must fix
        if opening is not None:
            line, col = opening.line + 1, opening.column + 1
    elif "mapping values are not allowed" in problem:
        variant = "stray_colon"
    elif (
        "expected <block end>" in problem
        or "did not find expected key" in problem
        or "expected '-'" in problem
        or "could not find expected ':'" in problem
    ):
        variant = "indentation"
    elif "flow mapping" in context or "flow sequence" in context:
        variant = "unclosed_bracket"
        opening = getattr(exc, "context_mark", None)
        if opening is not None:
            line, col = opening.line + 1, opening.column + 1
    else:
        variant = "generic"
    return Problem(INVALID_YAML, variant, line, col, {"detail": _detail(problem)})


# The parser's own words, for the messages that have no variant of their own.
_PROBLEMS_ZH = {
    "did not find expected node content": "这里缺少值",
    "found character that cannot start any token": "这个字符不能作为值的开头（可给整个值加引号）",
    "did not find expected comment or line break": "值的后面多出了内容",
    "found unexpected end of stream": "文件意外结束",
    "did not find expected ',' or '}'": "缺少“,”或“}”",
    "did not find expected ',' or ']'": "缺少“,”或“]”",
    "found unknown escape character": "双引号中有无法识别的转义字符“\\”（可改用单引号）",
    "found undefined tag handle": "使用了未定义的标签",
    "mapping values are not allowed in this context": "这里不能有冒号",
    "could not find expected ':'": "缺少冒号“:”",
    "did not find expected key": "缺少键，或缩进不对",
    "found unexpected ':'": "多了一个冒号",
}


def _detail(problem: str):
    from perfgoals.i18n import T

    for english, chinese in _PROBLEMS_ZH.items():
        if problem.startswith(english):
            return T(chinese, problem)
    return T(problem, problem)


# A value that starts with `>` is a YAML folded-text marker, so `target: >=90%` (as typed in Excel) breaks.
_GREATER_VALUE = re.compile(r"(?:^|[{,]\s*|:\s+)(?P<at>>=?\s*[\d.])")
_FULLWIDTH_COLON = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w.]*\s*(?P<at>：)")


def _typing_slip(lines: list[str], line: int) -> tuple[str, int, int] | None:
    """(variant, line, column) of a typing slip on the reported line or the one above it, if any."""
    for number in (line, line - 1):
        if not 0 < number <= len(lines):
            continue
        text = lines[number - 1]
        m = _GREATER_VALUE.search(text)
        if m and ": " in text[: m.start("at")] + ": ":
            return "greater_sign", number, m.start("at") + 1
        m = _FULLWIDTH_COLON.search(text)
        if m:
            return "fullwidth_colon", number, m.start("at") + 1
    for number, text in enumerate(lines[:line], 1):  # a bad indent shows lines later: the first one
        indent = len(text) - len(text.lstrip(" \u3000"))
        if "\u3000" in text[:indent]:
            return "fullwidth_space", number, text.index("\u3000") + 1
    return None


_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(?: |$)", re.M)


def _merge_conflict(text: str) -> Problem | None:
    if "<<<<<<<" not in text and "=======" not in text and ">>>>>>>" not in text:
        return None  # (str methods first: the pattern, tried at every line, costs five times more)
    m = _CONFLICT.search(text)
    if m is None:
        return None
    return Problem(INVALID_YAML, "merge_conflict", text.count("\n", 0, m.start()) + 1, 1)


def short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
