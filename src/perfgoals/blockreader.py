"""A line reader for the YAML that perfgoals writes and most people type: the fast path of source.parse.

Most project files are a tree of `key: value` lines, `- ` list items, comments, one-line `{…}` and `[…]`
records, and now and then a folded `>-` text.  For those, reading line by line with one regular expression a
line builds the same data and the same positions as libyaml's events (source.build) in about 0.6 of the time,
with no event objects.  Anything else — a `{…}` over several lines or nested, a value over several lines,
escapes, anchors, tags, a duplicate key, a syntax error, a document marker, a lone CR, a character libyaml
refuses — makes `read` return None, and the text is read by libyaml and, when needed, by the reference parser
as before.  So this reader never decides what is wrong with a file: it only answers, exactly, for texts it is
sure of.  tests/test_blockreader.py and the fuzz properties of tests/test_fuzz_commands.py check that it agrees
with the events builder wherever it answers.
"""

from __future__ import annotations

import re

from perfgoals.yamldata import _NUMBER_START, _WORDS, DEFAULT_LIMITS, Document, Limits, Pos, SourceError, _resolve_at

_new_tuple = tuple.__new__

# A line: indentation, a list dash, a plain or quoted key and its colon, the rest.  A key never holds `:` or `#` here
# (YAML allows `a:b` or `C#` in a key; such a text is left to libyaml).
_LINE = re.compile(
    r"( *)(?:(-)(?: +|$))?"
    r"(?:([^\s#'\"\-?:,\[\]{}&*!|>%@`][^:#]*?|-[^\s:#][^:#]*?|'(?:[^']|'')*'|\"[^\"\\]*\"):(?: +|$))?"
    r"(.*)"
)
# What the line reader never answers for: a character libyaml refuses (controls, C1, surrogates, U+FFFE/FFFF),
# a tab, a CR, a line separator, a BOM, a document marker.
_OUTSIDE = re.compile(r"[\x00-\x08\t\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_MARKERS = ("---", "...")
# A plain scalar may not start with these (a `-` followed by a non-space may: `-5`).
_NOT_PLAIN = frozenset("[]{}&*!%@`,?:|>#-\"'")  # YAML's indicators
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_DOUBLE = re.compile(r'"([^"\\]*)"')  # no escapes: a backslash is libyaml's to read
# A one-line flow mapping's entry: a plain key, a colon and a space, a one-line value, then `, ` or `}`.
# Plain texts hold no `:` or `#` here, and a comma is always followed by a space (`{total: 1,200.50}` is the
# events builder's to report); anything else is libyaml's.
# Greedy and ending on a non-space, the spaces after it possessive (` *+`): a lazy text followed by ` *` was
# quadratic on a long run of spaces (a 2 MB line of them would have taken hours).
_FLOW_PLAIN = r"(?:[^\s,\[\]{}#&*!|>'\"%@`:?\-]|-(?=[^\s,\[\]{}:#]))(?:[^,\[\]{}:#]*[^\s,\[\]{}:#])?"
_FLOW_ENTRY = re.compile(rf" *+({_FLOW_PLAIN}): ++('(?:[^']|'')*'|\"[^\"\\]*\"|{_FLOW_PLAIN}) *+(?:,(?= )|(\}}))")
# A one-line flow list's item: `[a, 'b c', 3]`.
_FLOW_ITEM = re.compile(rf" *+('(?:[^']|'')*'|\"[^\"\\]*\"|{_FLOW_PLAIN}) *+(?:,(?= )|(\]))")
_CLOSE = {"[": "]", "{": "}"}
# Block scalar headers read here: (style, what joins the lines, what ends the text).
_BLOCK = {">-": (">", " ", ""), ">": (">", " ", "\n"), "|-": ("|", "\n", ""), "|": ("|", "\n", "\n")}
# YAML allows an implicit key of at most 1,024 characters (libyaml reports a longer one as a stray colon).
_MAX_KEY = 1000
_MAX_DEPTH = 16  # far below source's limit: a deeper text is libyaml's, which reports the limit


class _Outside(Exception):
    """The text holds something this reader leaves to libyaml."""


class _Frame:
    __slots__ = ("indent", "container", "path", "is_map")

    def __init__(self, indent: int, container, path: tuple, is_map: bool) -> None:
        self.indent, self.container, self.path, self.is_map = indent, container, path, is_map


def read(text: str, limits: Limits = DEFAULT_LIMITS) -> Document | None:
    """The text's data and positions exactly as source.build gives them from libyaml's events, or None
    when the text holds anything but block mappings and lists, one-line `{…}` and `[…]`, and one-line (or
    folded) scalars."""
    if "\r" in text:  # a file saved on Windows: CRLF is one line break to YAML, and nothing else moves
        if text.count("\r") != text.count("\r\n"):
            return None  # a CR alone: libyaml's
        text = text.replace("\r\n", "\n")
    if _OUTSIDE.search(text) or text.startswith(_MARKERS) or "\n---" in text or "\n..." in text:
        return None  # (str methods: one regex with `^---` tried at every character costs three times more)
    lines = text.split("\n")
    if len(lines) > limits.max_events // 5:  # at most five events a line: the event limit is libyaml's to report
        return None
    try:
        return _Reader(lines).run()
    except (_Outside, SourceError):  # a fault is libyaml's to find, and word, and place
        return None


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.positions: dict[tuple, Pos] = {}
        self.stack: list[_Frame] = []
        # a key or dash with nothing after it: (frame, key or index, path, key line, key column, line, column)
        self.pending: tuple | None = None
        self.lineno = 0

    def run(self) -> Document:
        lines, match, stack, positions = self.lines, _LINE.match, self.stack, self.positions
        n = len(lines)
        while self.lineno < n:
            raw = lines[self.lineno]
            self.lineno += 1
            m = match(raw)
            indent_text, dash, key, rest = m.groups()
            if dash is None and key is None and (not rest or rest[0] == "#"):
                continue  # a blank line or a comment
            indent = len(indent_text)
            if self.pending is not None:
                self._settle(indent, dash is not None)
            frame = self._frame(indent, dash is not None)
            if dash is not None:
                frame = self._item(frame, m, key, rest)
                if frame is None:
                    continue
            elif not frame.is_map or key is None:
                raise _Outside
            self._key(frame, key, m.start(3) + 1, rest, m.start(4) + 1)
        if self.pending is not None:
            self._settle(-1, False)
        if not stack:
            raise _Outside  # nothing but comments: libyaml says the file is empty
        return Document(stack[0].container, positions)

    def _frame(self, indent: int, dash: bool) -> _Frame:
        """The open mapping or list this line belongs to; deeper ones it ends are closed."""
        stack = self.stack
        if not stack:
            if indent or dash:
                raise _Outside  # a list or an indented text at the top: libyaml's
            stack.append(_Frame(0, {}, (), True))
            self.positions[()] = _new_tuple(Pos, (self.lineno, 1, None, None, None, None))
        top = stack[-1]
        while indent < top.indent or (indent == top.indent and not top.is_map and not dash):
            stack.pop()  # (a list as deep as its key, `key:\n- a`, ends at the next key)
            if not stack:
                raise _Outside
            top = stack[-1]
        if indent != top.indent:
            raise _Outside  # deeper than the line above allows: a value over two lines, or a fault
        return top

    def _settle(self, indent: int, dash: bool) -> None:
        """What a `key:` (or `-`) with nothing after it holds: the block below it, or null."""
        frame, key, path, key_line, key_col, line, col = self.pending  # type: ignore[misc]
        self.pending = None
        if indent > frame.indent or (dash and indent == frame.indent and frame.is_map):
            if len(self.stack) >= _MAX_DEPTH:
                raise _Outside
            value: dict | list = [] if dash else {}
            self.positions[path] = _new_tuple(Pos, (self.lineno, indent + 1, key_line, key_col, None, None))
            self.stack.append(_Frame(indent, value, path, not dash))
        else:
            value = None  # type: ignore[assignment]
            self.positions[path] = _new_tuple(Pos, (line, col, key_line, key_col, "", None))
        if frame.is_map:
            frame.container[key] = value
        else:
            frame.container.append(value)

    def _item(self, seq: _Frame, m: re.Match, key: str | None, rest: str) -> _Frame | None:
        """A `- ` line: a scalar item (None returned), or the mapping it starts (returned, its first key to read)."""
        if seq.is_map:
            raise _Outside
        index = len(seq.container)
        path = seq.path + (index,)
        if key is None:
            col = m.start(4) + 1
            if rest[:1] in ("{", "["):
                seq.container.append(self._flow(rest, col, path, None, None))
                return None
            text = _cut_comment(rest)
            if not text:  # `-` alone: the block below, or null
                self.pending = (seq, index, path, None, None, self.lineno, m.end(2) + 1)
                return None
            value, raw, style = _scalar(text, self.lineno, col)
            self.positions[path] = _new_tuple(Pos, (self.lineno, col, None, None, raw, style))
            seq.container.append(value)
            return None
        if len(self.stack) >= _MAX_DEPTH:
            raise _Outside
        col = m.start(3)
        frame = _Frame(col, {}, path, True)
        seq.container.append(frame.container)
        self.positions[path] = _new_tuple(Pos, (self.lineno, col + 1, None, None, None, None))
        self.stack.append(frame)
        return frame

    def _key(self, frame: _Frame, text: str, key_col: int, rest: str, col: int) -> None:
        line = self.lineno
        if text[-1] == " " or len(text) > _MAX_KEY:
            raise _Outside  # `key :`, or a key too long for YAML
        first = text[0]
        if first == "'" or first == '"':  # `"…": []`, `"":` — a quoted key is text, as written
            key = text[1:-1].replace("''", "'") if first == "'" else text[1:-1]
        else:
            key = _resolve_at(text, line, key_col) if first in _NUMBER_START else _WORDS.get(text, text)
        container = frame.container
        if (type(key) is not str and type(key) is not int) or key in container:
            raise _Outside  # a duplicate (libyaml's to report), or a key that is null, a bool or a decimal
        path = frame.path + (key,)
        if rest[:1] in ("{", "["):
            container[key] = self._flow(rest, col, path, line, key_col)
            return
        value = _cut_comment(rest)
        if not value:
            container[key] = None  # holds the key's place in the mapping's order until _settle
            self.pending = (frame, key, path, line, key_col, line, key_col + len(text) + 1)
            return
        if value[0] in ">|":
            header = _BLOCK.get(value)
            if header is None:
                raise _Outside
            self.positions[path] = _new_tuple(Pos, (line, col, line, key_col, None, header[0]))
            container[key] = self._block(frame.indent, header)
            return
        value, raw, style = _scalar(value, line, col)
        self.positions[path] = _new_tuple(Pos, (line, col, line, key_col, raw, style))
        container[key] = value

    def _flow(self, text: str, col: int, path: tuple, key_line: int | None, key_col: int | None) -> dict | list:
        """`{name: 印刷数量, target: ≥1500 册}` on one line, as fmt writes an indicator or a budget; or `[a, b]`."""
        line, positions = self.lineno, self.positions
        positions[path] = _new_tuple(Pos, (line, col, key_line, key_col, None, "flow"))
        if text[1:2] in ("]", "}") and text[1] == _CLOSE[text[0]]:  # `[]`, `{}`: an empty category, say
            _after_flow(text[2:])
            return [] if text[0] == "[" else {}
        if text[0] == "[":
            items, at = _flow_list(text, line, col, path, positions)
            _after_flow(text[at:])
            return items
        data: dict = {}
        at, match, words, number_start, new_tuple = 1, _FLOW_ENTRY.match, _WORDS, _NUMBER_START, _new_tuple
        close = None
        while close is None:
            m = match(text, at)
            if m is None:
                raise _Outside  # not one of the shapes above: nested, over several lines, empty, a fault
            key_text, value_text, close = m.groups()
            if len(key_text) > _MAX_KEY:
                raise _Outside
            kc, vc = col + m.start(1), col + m.start(2)
            key = _resolve_at(key_text, line, kc) if key_text[0] in number_start else words.get(key_text, key_text)
            if (type(key) is not str and type(key) is not int) or key in data:
                raise _Outside
            first = value_text[0]  # the pattern has checked the shape: only the quotes are left to undo
            if first == "'":
                value, raw, style = value_text[1:-1].replace("''", "'"), None, "'"
            elif first == '"':
                value, raw, style = value_text[1:-1], None, '"'
            else:
                value = (
                    _resolve_at(value_text, line, vc) if first in number_start else words.get(value_text, value_text)
                )
                raw, style = value_text, None
            positions[path + (key,)] = new_tuple(Pos, (line, vc, line, kc, raw, style))
            data[key] = value
            at = m.end()
        _after_flow(text[at:])
        return data

    def _block(self, parent_indent: int, header: tuple[str, str, str]) -> str:
        """A `>-` or `|` text whose lines are all equally indented, with no blank line inside."""
        _, joiner, tail = header
        lines, n, i = self.lines, len(self.lines), self.lineno
        content: list[str] = []
        indent = None
        while i < n:
            raw = lines[i]
            text = raw.lstrip(" ")
            if not text:
                break
            here = len(raw) - len(text)
            if indent is None:
                if here <= parent_indent:
                    break
                indent = here
            if here < indent:
                break  # the text ends
            if here > indent or text[-1] == " ":
                raise _Outside  # a deeper line (kept as is by YAML), or trailing spaces
            content.append(text)
            i += 1
        if not content or (i == n and tail):  # clipped text at the end of a file with no last line break
            raise _Outside
        j = i
        while j < n and not lines[j].strip(" "):
            if len(lines[j]) > indent:  # spaces beyond the text's indent are text to YAML
                raise _Outside
            j += 1
        if j > i and j < n and len(lines[j]) - len(lines[j].lstrip(" ")) >= indent:
            raise _Outside  # a blank line inside the text
        self.lineno = i
        return joiner.join(content) + tail


def _flow_list(text: str, line: int, col: int, path: tuple, positions: dict) -> tuple[list, int]:
    """The items of `[a, 'b c', 3]` and where the text after its bracket starts."""
    items: list = []
    at, close = 1, None
    while close is None:
        m = _FLOW_ITEM.match(text, at)
        if m is None:
            raise _Outside  # empty, nested, over several lines, a fault
        item, close = m.groups()
        vc = col + m.start(1)
        value, raw, style = _scalar(item, line, vc)
        positions[path + (len(items),)] = _new_tuple(Pos, (line, vc, None, None, raw, style))
        items.append(value)
        at = m.end()
    return items, at


def _after_flow(tail: str) -> None:
    if tail.strip(" ") and not tail.lstrip(" ").startswith("#") or tail[:1] == "#":
        raise _Outside  # something after the bracket (a comment needs a space before it)


def _cut_comment(text: str) -> str:
    if text[:1] == "#":
        return ""
    at = text.find(" #")
    return (text if at < 0 else text[:at]).rstrip(" ")


def _scalar(text: str, line: int, col: int) -> tuple:
    """(value, plain text or None, style) of a one-line scalar."""
    first = text[0]
    if first == "'":
        m = _SINGLE.fullmatch(text)
        if m is None:
            raise _Outside
        return m.group(1).replace("''", "'"), None, "'"
    if first == '"':
        m = _DOUBLE.fullmatch(text)
        if m is None:
            raise _Outside
        return m.group(1), None, '"'
    if (first in _NOT_PLAIN and (first != "-" or text[1:2] in ("", " "))) or ": " in text or text[-1] == ":":
        raise _Outside  # an indicator, or a colon YAML would read as a key
    value = _resolve_at(text, line, col) if first in _NUMBER_START else _WORDS.get(text, text)
    return value, text, None
