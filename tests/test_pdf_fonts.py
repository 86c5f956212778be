"""PDF on machines without fontconfig (Windows, macOS): fonts from the platform's folders, a Song face first, a
PERFGOALS_CJK_FONT that names nothing is an error, and pages numbered as printed (issue 13)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import DATA
from perfgoals.writers import pdf

ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PROJECT = DATA / "projects" / "01-第三方专项审计费.yaml"


def _perfgoals(*args: str):
    from typer.testing import CliRunner

    from perfgoals.cli import app

    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _require(ok: bool, what: str) -> None:
    if not ok:
        if ON_CI:
            pytest.fail(f"{what} is required on CI (.ci/run installs it)")
        pytest.skip(f"{what} not installed")


def _engine_and_tools() -> None:
    _require(shutil.which("pdftotext") is not None and shutil.which("pdffonts") is not None, "poppler-utils")
    _require(pdf._weasyprint() is not None or pdf.chromium() is not None, "WeasyPrint or Chromium")


def test_without_fc_list_the_font_folder_is_searched(tmp_path, monkeypatch):
    """Issue 13: without fc-list (normal on Windows and macOS) render --format pdf refused: no Chinese font."""
    _engine_and_tools()
    real = pdf.system_cjk_fonts()
    _require(bool(real), "a Chinese font")
    folder = tmp_path / "Fonts" / "sub"
    folder.mkdir(parents=True)
    copy = folder / Path(real[0]).name.lower()
    shutil.copyfile(real[0], copy)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None if name == "fc-list" else shutil.which(name))
    monkeypatch.setattr(pdf, "font_folders", lambda: [tmp_path / "Fonts"])
    monkeypatch.delenv("PERFGOALS_CJK_FONT", raising=False)
    out = tmp_path / "p.pdf"
    result = _perfgoals("render", str(PROJECT), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "第三方专项审计费绩效目标表" in re.sub(r"\s+", "", text)
    assert "perfgoals-CJK" in fonts or pdf.chromium() is not None  # Chromium names embedded faces its own way


def test_a_song_face_comes_first(tmp_path, monkeypatch):
    for name in (
        "msyh.ttc",
        "wqy-microhei.ttc",
        "uming.ttc",
        "SimSun.ttc",
        "DejaVuSans.ttf",
        "NotoSansCJK-Regular.ttc",
    ):
        (tmp_path / name).write_bytes(b"")
    monkeypatch.setattr(pdf, "font_folders", lambda: [tmp_path, tmp_path / "missing"])
    monkeypatch.setattr(pdf, "_fc_fonts", lambda: [])
    names = [Path(p).name for p in pdf.system_cjk_fonts()]
    assert names == ["SimSun.ttc", "uming.ttc", "msyh.ttc", "NotoSansCJK-Regular.ttc", "wqy-microhei.ttc"]


@pytest.mark.parametrize(
    "platform, expected",
    [
        ("win32", [Path(r"D:\Win") / "Fonts", Path(r"C:\Users\a\AppData\Local") / "Microsoft" / "Windows" / "Fonts"]),
        ("darwin", [Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"), Path("/Library/Fonts")]),
        ("linux", [Path("/usr/share/fonts"), Path("/usr/local/share/fonts")]),
    ],
)
def test_each_platforms_font_folders(monkeypatch, platform, expected):
    monkeypatch.setattr(pdf.sys, "platform", platform)
    monkeypatch.setenv("WINDIR", r"D:\Win")
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\a\AppData\Local")
    folders = pdf.font_folders()
    assert folders[: len(expected)] == expected
    if platform == "darwin":
        assert folders[-1] == Path.home() / "Library" / "Fonts"


def test_a_font_variable_that_names_nothing_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PERFGOALS_CJK_FONT", str(tmp_path / "simsun.ttc"))
    out = tmp_path / "p.pdf"
    result = _perfgoals("render", str(PROJECT), "-o", str(out), "--lang", "zh")
    assert result.exit_code == 2 and not out.exists()
    assert f"PERFGOALS_CJK_FONT 指定的字体文件不存在：{tmp_path / 'simsun.ttc'}" in result.stderr


@pytest.mark.slow
def test_pages_are_numbered_as_printed(tmp_path):
    _engine_and_tools()
    _require(bool(pdf.system_cjk_fonts()), "a Chinese font")
    out = tmp_path / "d.pdf"
    result = _perfgoals("render", str(DATA), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    numbers = [int(n) for n in re.findall(r"—\s*(\d+)\s*—", text)]
    assert pages > 8 and numbers == list(range(1, pages + 1))
