"""`render --format pdf`: the HTML document printed to PDF.

WeasyPrint first (the `pdf` extra; it needs Pango on the system), headless Chromium where
WeasyPrint is missing.  Both exit 0 and draw an empty box for every Chinese character
when no font covers Chinese, so a Chinese font is found first (a font file named by
PERFGOALS_CJK_FONT, else fontconfig's `fc-list :lang=zh`) and its absence is an error
that says what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from perfgoals.document import Document
from perfgoals.errors import UserError
from perfgoals.i18n import T
from perfgoals.writers import Options, html

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
SAMPLE = "绩效目标表"


def system_cjk_fonts() -> list[str]:
    """Font files fontconfig knows that cover Chinese (empty without fontconfig)."""
    fc = shutil.which("fc-list")
    if fc is None:
        return []
    try:
        out = subprocess.run([fc, ":lang=zh", "file"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.split(":")[0].strip() for line in out.splitlines() if line.strip()})


def configured_cjk_font() -> str | None:
    """A font file named by PERFGOALS_CJK_FONT, for machines where no system font can be installed."""
    path = os.environ.get("PERFGOALS_CJK_FONT", "").strip()
    return path if path and Path(path).is_file() else None


def cjk_font_css() -> str:
    """CSS that makes a Chinese font available, or a UserError naming what to install."""
    configured = configured_cjk_font()
    if configured is not None:
        uri = Path(configured).resolve().as_uri()
        return (
            f'@font-face {{ font-family: "perfgoals CJK"; src: url("{uri}"); }}\n'
            'html { font-family: "perfgoals CJK", var(--fonts); }\n'
        )
    if system_cjk_fonts():
        return ""
    raise UserError(
        T(
            "找不到中文字体，PDF 中的汉字会成为空白方框：请安装一种中文字体（Debian/Ubuntu：apt-get install "
            "fonts-wqy-microhei 或 fonts-noto-cjk），或用 PERFGOALS_CJK_FONT 指定一个中文字体文件",
            "no Chinese font found: every Chinese character would print as an empty box. Install one (Debian/Ubuntu: "
            "apt-get install fonts-wqy-microhei or fonts-noto-cjk), or name a Chinese font file in PERFGOALS_CJK_FONT",
        )
    )


def _weasyprint():
    try:
        import weasyprint  # noqa: F401  (imports Pango through cffi: OSError when the library is missing)
    except (ImportError, OSError):
        return None
    return weasyprint


def chromium() -> str | None:
    return next((shutil.which(n) for n in CHROMIUM_NAMES if shutil.which(n)), None)


def generate(doc: Document, options: Options) -> bytes:
    return print_html(html.text(doc, options))


def print_html(page: str, engine: str | None = None) -> bytes:
    """The page printed to PDF by `engine` (weasyprint, chromium), else by the first one installed."""
    extra_css = cjk_font_css()
    if extra_css:
        page = page.replace("</style>", extra_css + "</style>", 1)
    weasy = _weasyprint() if engine in (None, "weasyprint") else None
    if weasy is not None:
        return weasy.HTML(string=page, base_url=os.getcwd()).write_pdf()
    browser = chromium() if engine in (None, "chromium") else None
    if browser is not None:
        return _print_with_chromium(browser, page)
    raise UserError(
        T(
            "生成 PDF 需要 WeasyPrint（pip install 'perfgoals[pdf]'，并安装 Pango：apt-get install libpango-1.0-0 "
            "libpangoft2-1.0-0）或 Chromium（apt-get install chromium）",
            "PDF output needs WeasyPrint (pip install 'perfgoals[pdf]', with Pango: apt-get install libpango-1.0-0 "
            "libpangoft2-1.0-0) or Chromium (apt-get install chromium)",
        )
    )


def _print_with_chromium(browser: str, page: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="perfgoals-pdf-") as folder:
        source = Path(folder) / "document.html"
        source.write_text(page, encoding="utf-8")
        out = Path(folder) / "document.pdf"
        try:
            subprocess.run(
                [
                    browser,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    f"--user-data-dir={Path(folder) / 'profile'}",
                    "--no-pdf-header-footer",
                    f"--print-to-pdf={out}",
                    source.as_uri(),
                ],
                capture_output=True,
                timeout=180,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise UserError(T(f"Chromium 打印失败：{exc}", f"Chromium could not print: {exc}")) from None
        if not out.exists() or out.stat().st_size == 0:
            raise UserError(T("Chromium 没有生成 PDF", "Chromium wrote no PDF"))
        return out.read_bytes()
