"""Optional dependencies (the `office` and `pdf` extras): imported on demand, and a missing one is
a one-line message that names the pip command, never a traceback."""

from __future__ import annotations

import importlib
from types import ModuleType

from perfgoals.i18n import T

# module → (distribution, extra, what it is for)
EXTRAS = {
    "docx": ("python-docx", "office", T("Word（.docx）文件", "Word (.docx) files")),
    "openpyxl": ("openpyxl", "office", T("Excel（.xlsx）文件", "Excel (.xlsx) files")),
    "weasyprint": ("weasyprint", "pdf", T("PDF 文件", "PDF files")),
}


class MissingExtra(Exception):
    """An optional dependency is not installed; str() is the user-facing message."""

    def __init__(self, module: str, lang: str, detail: str = "") -> None:
        dist, extra, what = EXTRAS[module]
        message = T(
            f"处理{what(lang)}需要 {dist}：pip install 'perfgoals[{extra}]'",
            f"{what(lang)} need {dist}: pip install 'perfgoals[{extra}]'",
        )(lang)
        super().__init__(message + (f" ({detail})" if detail else ""))
        self.module = module
        self.extra = extra


def require(module: str, lang: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtra(module, lang) from exc
