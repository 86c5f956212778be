"""Every user-facing text exists in Chinese and English."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

LANGS = ("zh", "en")


@dataclass(frozen=True, slots=True)
class T:
    """A text in both languages.  A count of things takes a third part, the English for any number but
    one (Chinese has no plural): T("{n} 个文件", "{n} file", "{n} files").count(2)("en") == "2 files"."""

    zh: str
    en: str
    en_plural: str | None = None

    def __call__(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def count(self, n: int, **fields) -> T:
        """The text for n things, with {n} and the other fields filled in."""
        en = self.en if n == 1 or self.en_plural is None else self.en_plural
        return T(self.zh.format(n=n, **fields), en.format(n=n, **fields))


def argv_lang(argv: list[str]) -> str:
    """The language of a message told outside a command (arguments after the program's name): --lang as given,
    else the user's default."""
    lang = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return lang if lang in LANGS else default_lang()


def default_lang() -> str:
    """From PERFGOALS_LANG, then the locale variables, then (on Windows, where those are usually unset) the
    user's display language; English when nothing says Chinese."""
    explicit = os.environ.get("PERFGOALS_LANG", "")
    if explicit in LANGS:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    if sys.platform == "win32":
        langid = windows_ui_language()
        if langid is not None and langid & 0x3FF == LANG_CHINESE:
            return "zh"
    return "en"


LANG_CHINESE = 0x04  # the primary language of every Chinese LANGID (zh-CN 0x0804, zh-TW 0x0404, zh-HK 0x0C04 …)


def windows_ui_language() -> int | None:
    """The LANGID of the Windows user's display language (GetUserDefaultUILanguage), None elsewhere."""
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetUserDefaultUILanguage())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ImportError):
        return None


TYPE_NAMES = {
    "str": T("文本", "text"),
    "int": T("整数", "an integer"),
    "Decimal": T("数字", "a number"),
    "bool": T("布尔值（true/false）", "a boolean"),
    "NoneType": T("空值", "empty (null)"),
    "list": T("列表", "a list"),
    "dict": T("映射（键: 值）", "a mapping (key: value)"),
}


def type_name(value: object, lang: str) -> str:
    t = TYPE_NAMES.get(type(value).__name__)
    return t(lang) if t else type(value).__name__
