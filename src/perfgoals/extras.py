"""Optional dependencies (the `office`, `pdf`, `lsp` and `watch` extras): imported on demand, and a missing one is
a one-line message that names the pip command, never a traceback."""

from __future__ import annotations

import importlib
from types import ModuleType

from perfgoals.errors import UserError
from perfgoals.i18n import T

# module → (distribution, extra, what it is for)
EXTRAS = {
    "docx": ("python-docx", "office", T("Word（.docx）文件", "Word (.docx) files")),
    "openpyxl": ("openpyxl", "office", T("Excel（.xlsx）文件", "Excel (.xlsx) files")),
    "weasyprint": ("weasyprint", "pdf", T("PDF 文件", "PDF files")),
    "pygls": ("pygls", "lsp", T("语言服务器（perfgoals lsp）", "The language server (perfgoals lsp) and its features")),
    "watchfiles": (
        "watchfiles",
        "watch",
        T("监视文件变化（--watch）", "Watching for changes (--watch) and its re-runs"),
    ),
}


def missing(module: str) -> UserError:
    """The error for an optional dependency that is not installed."""
    dist, extra, what = EXTRAS[module]
    return UserError(
        T(
            f"处理{what.zh}需要 {dist}：pip install 'perfgoals[{extra}]'",
            f"{what.en} need {dist}: pip install 'perfgoals[{extra}]'",
        )
    )


def require(module: str) -> ModuleType:
    """The module, imported; a UserError naming the pip command when it is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise missing(module) from exc
