"""`render --format pdf`: the HTML document printed to PDF.

WeasyPrint first (the `pdf` extra; it needs Pango on the system), headless Chromium where
WeasyPrint is missing.  Both exit 0 and draw an empty box for every Chinese character
when no font covers Chinese, so a Chinese font is found first (a font file named by
PERFGOALS_CJK_FONT, else the platform's font folders and fontconfig's `fc-list :lang=zh`,
a Song or Fangsong face first, as the printed form has) and its absence is an error that
says what to install.  Pages are numbered `— 1 —` at the foot, as the printed document is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from perfgoals import inputs
from perfgoals.document import Document
from perfgoals.errors import UserError
from perfgoals.i18n import T
from perfgoals.writers import Options, html

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
SAMPLE = "绩效目标表"


# Where each platform keeps fonts: fontconfig (fc-list) is rarely there on Windows and macOS.
def font_folders() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows"
        local = os.environ.get("LOCALAPPDATA")
        return [Path(windir) / "Fonts"] + ([Path(local) / "Microsoft" / "Windows" / "Fonts"] if local else [])
    if sys.platform == "darwin":
        return [
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            Path("/Library/Fonts"),
            home / "Library" / "Fonts",
        ]
    data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), data / "fonts", home / ".fonts"]


# Font files that cover Chinese, best first: the printed form is set in a Song (宋体) or Fangsong (仿宋)
# face, so those come first (Windows, macOS, Debian's AR PL UMing, Noto/Source Han Serif), then the sans
# faces every system has (微软雅黑, PingFang, Noto Sans CJK, WenQuanYi).
SONG_FILES = (
    "simsun.ttc",
    "simsun.ttf",
    "simfang.ttf",
    "songti.ttc",
    "stsong.ttf",
    "stfangso.ttf",
    "uming.ttc",
    "notoserifcjk-regular.ttc",
    "notoserifcjksc-regular.otf",
    "sourcehanserifsc-regular.otf",
    "sourcehanserif-regular.ttc",
)
OTHER_FILES = (
    "msyh.ttc",
    "msyh.ttf",
    "simhei.ttf",
    "pingfang.ttc",
    "hiragino sans gb.ttc",
    "stheiti medium.ttc",
    "notosanscjk-regular.ttc",
    "notosanscjksc-regular.otf",
    "sourcehansanssc-regular.otf",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "ukai.ttc",
    "droidsansfallbackfull.ttf",
)
_RANK = {name: i for i, name in enumerate(SONG_FILES + OTHER_FILES)}
_SERIF_WORDS = ("song", "sim", "ming", "fang", "serif")


def _folder_fonts(folders: list[Path], depth: int = 4) -> list[str]:
    """The known Chinese font files in the folders (and their subfolders, a few levels down)."""
    found: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        base = len(folder.parts)
        for root, dirs, files in os.walk(folder):
            if len(Path(root).parts) - base >= depth:
                dirs[:] = []
            found.extend(os.path.join(root, f) for f in files if f.lower() in _RANK)
    return found


def _fc_fonts() -> list[str]:
    fc = shutil.which("fc-list")
    if fc is None:
        return []
    try:
        out = subprocess.run([fc, ":lang=zh", "file"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.split(":")[0].strip() for line in out.splitlines() if line.strip()]


def _preference(path: str) -> tuple:
    name = os.path.basename(path).lower()
    serif = any(word in name for word in _SERIF_WORDS) and "sans" not in name
    return (_RANK.get(name, len(_RANK) + (0 if serif else 1)), path)


def system_cjk_fonts() -> list[str]:
    """Font files on this machine that cover Chinese, the official look (Song, Fangsong) first: those in the
    platform's font folders, and those fontconfig knows (`fc-list :lang=zh`) where it is installed."""
    return sorted(set(_folder_fonts(font_folders()) + _fc_fonts()), key=_preference)


def configured_cjk_font() -> str | None:
    """A font file named by PERFGOALS_CJK_FONT, for machines where no system font can be installed; a name
    that is not a file is an error, never ignored (the PDF would silently use another face)."""
    path = os.environ.get("PERFGOALS_CJK_FONT", "").strip()
    if not path:
        return None
    if not Path(path).is_file():
        raise UserError(
            T(
                f"PERFGOALS_CJK_FONT 指定的字体文件不存在：{path}（请改为一个存在的 .ttf/.ttc/.otf 文件，或删除该变量）",
                f"PERFGOALS_CJK_FONT names no font file: {path} (name an existing .ttf/.ttc/.otf file, or unset it)",
            )
        )
    return path


def cjk_font_css() -> str:
    """CSS that embeds a Chinese font (PERFGOALS_CJK_FONT, else the best the system has), or a UserError
    naming what to install."""
    configured = configured_cjk_font()
    fonts = [configured] if configured is not None else system_cjk_fonts()
    if not fonts:
        raise UserError(
            T(
                "找不到中文字体，PDF 中的汉字会成为空白方框：请安装一种中文字体（Debian/Ubuntu：apt-get install "
                "fonts-arphic-uming、fonts-noto-cjk 或 fonts-wqy-microhei），或用 PERFGOALS_CJK_FONT 指定一个中文字体文件",
                "no Chinese font found: every Chinese character would print as an empty box. Install one (Debian/"
                "Ubuntu: apt-get install fonts-arphic-uming, fonts-noto-cjk or fonts-wqy-microhei), or name a "
                "Chinese font file in PERFGOALS_CJK_FONT",
            )
        )
    uri = Path(fonts[0]).resolve().as_uri()
    return (
        f'@font-face {{ font-family: "perfgoals CJK"; src: url("{uri}"); }}\n'
        'html { font-family: "perfgoals CJK", var(--fonts); }\n'
    )


# Page numbers as the printed document has them, centred in the foot margin: — 1 —
PAGE_NUMBERS = (
    '@page { @bottom-center { content: "— " counter(page) " —"; font-family: "perfgoals CJK", serif;'
    " font-size: 10.5pt; } }\n"
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
    inputs.refuse("the system's fonts")  # perfgoals.replay: a font installed since changes the PDF
    page = page.replace("</style>", cjk_font_css() + PAGE_NUMBERS + "</style>", 1)
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
                    "--allow-file-access-from-files",  # the embedded font is a file:// URL too
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
