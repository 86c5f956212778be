"""click's and typer's own texts (usage errors, the help page) in the user's language.

perfgoals' own messages are T pairs (perfgoals.i18n).  What click and typer print themselves is
marked in their source for gettext (`from gettext import gettext as _`, `ngettext`), and the Chinese
for it is the catalogue in perfgoals.locale.zh, keyed by their English.

How the catalogue is installed: `install(lang)` points the names `_`, `gettext` and `ngettext` in
click's and typer's own modules, where they are the standard library's functions, at this module's
`_gettext` / `_ngettext`.  Those answer from the catalogue while the language is Chinese and call the
standard library's functions otherwise, so English stays exactly click's (and a gettext translation
installed for the whole process would still apply).  The alternative, a gettext translation for the
domain click uses, means the process-wide default domain ("messages", shared with any other library),
a compiled .mo file and the language taken from LANGUAGE/LC_MESSAGES; this way touches click and typer
only, needs no file, and the language can change between two invocations in one process (tests).

typer >= 0.26 carries its own copy of click with the gettext calls taken out, and words value errors
through pydantic: those texts arrive finished and in English, and `translate` matches them against
the catalogue's templates (zh.VERBATIM, zh.UNMARKED).  `usage_error` tells a usage error in Chinese.
"""

from __future__ import annotations

import gettext as _stdlib
import string
import sys

_lang = "en"


def install(lang: str) -> None:
    """From now on click and typer speak `lang` (zh or en).  Cheap; called for every invocation."""
    global _lang
    _lang = lang
    for name, module in list(sys.modules.items()):
        if module is None or not (name in ("click", "typer") or name.startswith(("click.", "typer."))):
            continue
        for attr, theirs, ours in _HOOKS:
            if getattr(module, attr, None) is theirs:
                setattr(module, attr, ours)


def _gettext(message: str) -> str:
    return gettext(message) if _lang == "zh" else _stdlib.gettext(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return ngettext(singular, plural, n) if _lang == "zh" else _stdlib.ngettext(singular, plural, n)


# (name in click's and typer's modules, what it is there, what it becomes)
_HOOKS = (
    ("_", _stdlib.gettext, _gettext),
    ("gettext", _stdlib.gettext, _gettext),
    ("ngettext", _stdlib.ngettext, _ngettext),
)


# --- the Chinese ----------------------------------------------------------------------------------


def gettext(message: str) -> str:
    """The Chinese of one of click's or typer's messages (the message itself if the catalogue lacks it)."""
    from perfgoals.locale.zh import MESSAGES

    found = MESSAGES.get(message)
    return _Text(found) if found is not None else message


def ngettext(singular: str, plural: str, n: int) -> str:
    from perfgoals.locale.zh import PLURALS

    found = PLURALS.get((singular, plural))
    if found is None:
        return singular if n == 1 else plural
    return _Text(found if isinstance(found, str) else found[0] if n == 1 else found[1])


class _Text(str):
    """A msgstr: click fills it in with .format(); the fields it words for English are put into Chinese."""

    def format(self, *args, **kwargs) -> str:
        return _FORMATTER.vformat(self, args, kwargs)


def _names(text: str) -> str:
    """ "'text', 'json'" → "text、json"; "'--format' / '-f'" → "--format / -f": click quotes names."""

    def bare(item: str) -> str:
        return item[1:-1] if len(item) > 1 and item[0] == item[-1] and item[0] in "'\"" else item

    return " / ".join("、".join(bare(i) for i in part.split(", ")) for part in text.split(" / "))


_COMPARE = {">=": "大于或等于", ">": "大于", "<=": "小于或等于", "<": "小于"}
_MIRROR = {"<=": ">=", "<": ">"}


def _range(text: str) -> str:
    """click's `x>=0`, `x<10`, `0<=x<=9` in words: 大于或等于 0, 小于 10, 大于或等于 0 且小于或等于 9
    (anything else as it is)."""
    low, x, high = text.partition("x")
    words = []
    if low:
        bound = low.rstrip("<=")
        words.append((_MIRROR.get(low[len(bound) :]), bound))
    if high:
        op = high[:2] if high[1:2] == "=" else high[:1]
        words.append((op, high[len(op) :]))
    if not x or not words or any(_COMPARE.get(op) is None or not bound for op, bound in words):
        return text
    return " 且".join(f"{_COMPARE[op]} {bound}" for op, bound in words)


_TYPES = {"integer": "整数", "integer range": "整数", "float": "数字", "float range": "数字"}

# Fields click fills in already worded for English readers, put into Chinese before they are used.
_FIELDS = {
    "param_hint": _names,
    "choice": _names,
    "choices": _names,
    "possibility": _names,
    "possibilities": _names,
    "suggestions": _names,
    "range": _range,
    "number_type": lambda text: _TYPES.get(text, text),
}


class _Formatter(string.Formatter):
    def get_value(self, key, args, kwargs):
        value = super().get_value(key, args, kwargs)
        clean = _FIELDS.get(key) if isinstance(key, str) else None
        return clean(str(value)) if clean else value


_FORMATTER = _Formatter()


# --- texts that arrive finished ---------------------------------------------------------------------

_QUOTED = r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\S+"""
_patterns: list | None = None


def _compile():
    """Each template of zh.VERBATIM and zh.UNMARKED as a pattern, the most specific (most words) first."""
    import re

    from perfgoals.locale.zh import MESSAGES, PLURALS, UNMARKED, VERBATIM

    chinese = dict(MESSAGES)
    for (one, other), text in PLURALS.items():
        chinese[one], chinese[other] = (text, text) if isinstance(text, str) else text
    table = {template: chinese[template] for template in VERBATIM} | UNMARKED
    compiled = []
    for template, text in table.items():
        parts, quoted = [], set()
        for literal, field, _spec, conversion in string.Formatter().parse(template):
            parts.append(re.escape(literal))
            if field is not None:
                parts.append(f"(?P<{field}>{_QUOTED if conversion == 'r' else '.+?'})")
                if conversion == "r":
                    quoted.add(field)
        words = sum(len(literal) for literal, *_ in string.Formatter().parse(template))
        compiled.append((words, re.compile("".join(parts), re.S), quoted, _Text(text)))
    compiled.sort(key=lambda c: -c[0])
    return [c[1:] for c in compiled]


def translate(text: str) -> str:
    """A finished English text from typer's copy of click or from pydantic, in Chinese when a template
    of the catalogue matches it (a nested message, `{message}` or `{error}`, is translated in turn);
    anything else, Chinese already or unknown, unchanged."""
    global _patterns
    if _patterns is None:
        _patterns = _compile()
    for pattern, quoted, chinese in _patterns:
        if m := pattern.fullmatch(text):
            fields = {name: _unquote(value) if name in quoted else value for name, value in m.groupdict().items()}
            for nested in ("message", "error"):
                if nested in fields:
                    fields[nested] = translate(fields[nested])
            return chinese.format(**fields)
    return text


def _unquote(value: str) -> str:
    import ast

    try:
        return str(ast.literal_eval(value))
    except (ValueError, SyntaxError):
        return value


# --- a usage error in Chinese -----------------------------------------------------------------------


def usage_error(exc) -> str:
    """`<command>：<what is wrong>` and, under it, where to look.

    Where click words a message through gettext, its own format_message() is already Chinese; texts
    from typer's copy of click go through `translate`.  Four are put together from the exception's
    fields instead, as perfgoals always has: a missing parameter and a bad value name the parameter
    bare (click writes `'FILE'`, typer's copy `'file'`; typer 0.2x with click 8.2 adds `(env var:
    'None')`), and click appends its guesses for an unknown option or command after a space, worded
    alike for both, where the Chinese sets them apart: （是不是 --jobs？）, ，是不是 validate？.
    """
    from perfgoals.locale.zh import UNMARKED

    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "perfgoals"
    kind = type(exc).__name__
    guesses = ", ".join(getattr(exc, "possibilities", None) or [])
    if kind == "NoSuchOption":
        detail = gettext("No such option: {name}").format(name=exc.option_name)
        if guesses:
            detail += ngettext(
                "Did you mean {possibility}?", "(Possible options: {possibilities})", len(exc.possibilities)
            ).format(possibility=guesses, possibilities=guesses)
    elif kind == "NoSuchCommand":  # click >= 8.4 keeps the guesses apart from the message
        detail = gettext("No such command {name!r}.").format(name=exc.command_name)
        if guesses:
            detail = _Text(UNMARKED["{message}. Did you mean {suggestions}?"]).format(
                message=detail, suggestions=guesses
            )
    elif kind == "MissingParameter":
        param = getattr(exc, "param", None)
        if (param.param_type_name if param is not None else exc.param_type) == "argument":
            detail = f"{gettext('Missing argument')} {_param_name(exc).upper()}"
        else:
            detail = f"{gettext('Missing option')} {_param_name(exc)}"
    elif kind == "BadParameter":
        message, name = translate(exc.message), _param_name(exc)
        if name:
            detail = gettext("Invalid value for {param_hint}: {message}").format(param_hint=name, message=message)
        else:
            detail = gettext("Invalid value: {message}").format(message=message)
    else:
        detail = translate(exc.format_message())
    help_hint = gettext("Try '{command} {option}' for help.").format(command=command, option="--help")
    return f"{command}：{detail}\n{help_hint}"


def _param_name(exc) -> str:
    param = getattr(exc, "param", None)
    if param is not None and getattr(param, "opts", None) and param.param_type_name == "option":
        return " / ".join(param.opts)
    if param is not None and param.name:
        return param.name
    hint = getattr(exc, "param_hint", None) or ""
    return hint if isinstance(hint, str) else " / ".join(hint)


# --- perfgoals' own help texts ----------------------------------------------------------------------


def help_key(text: str | None) -> str:
    return " ".join((text or "").split())


def translate_help(group) -> None:
    """The help page in Chinese: each command's description and each option's help from
    perfgoals.locale.help_zh (click builds the command objects afresh for every invocation)."""
    from perfgoals.locale.help_zh import HELP

    def zh(text):
        return HELP.get(help_key(text), text) if text else text

    for command in [group, *getattr(group, "commands", {}).values()]:
        command.help = zh(command.help)
        if getattr(command, "short_help", None):
            command.short_help = zh(command.short_help)
        for param in command.params:
            if getattr(param, "help", None):
                param.help = zh(param.help)
        command.get_help_option = _help_option_zh(command.get_help_option, zh)


def _help_option_zh(get_help_option, zh):
    """click makes --help's own option when the page is drawn: its help in Chinese too."""

    def wrapped(ctx):
        option = get_help_option(ctx)
        if option is not None and option.help:
            option.help = zh(option.help)
        return option

    return wrapped
