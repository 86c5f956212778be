"""The HTML printed to PDF by headless Chromium: every table on its own A4 page, nothing cut, real glyphs.

Without a CJK font a browser draws every Chinese character as an empty box and
reports nothing, so on CI (CI=true) a missing browser, pdftotext or Chinese font is a
failure, not a skip.  `.ci/run` installs chromium, poppler-utils and fonts-wqy-microhei.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import DATA
from test_render import SEED, indicator_rows, render_text, PROJECT_FILES

ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
A4_WIDTH_PT = 595.3
MARGIN_PT = 15 / 25.4 * 72  # the print stylesheet's left and right margin


def _require(ok: bool, what: str) -> None:
    if ok:
        return
    if ON_CI:
        pytest.fail(f"{what} is required on CI (.ci/run installs it)")
    pytest.skip(f"{what} not installed (required when CI=true)")


def _chromium() -> str | None:
    return next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


def _has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    return bool(subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip())


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    browser = _chromium()
    _require(browser is not None, "chromium")
    _require(shutil.which("pdftotext") is not None and shutil.which("pdfinfo") is not None, "poppler-utils (pdftotext)")
    _require(_has_cjk_font(), "a Chinese font (fc-list :lang=zh is empty; install fonts-wqy-microhei)")
    folder = tmp_path_factory.mktemp("print")
    html = folder / "targets.html"
    html.write_text(render_text("data"), encoding="utf-8")
    out = folder / "targets.pdf"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={folder / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            html.as_uri(),
        ],
        capture_output=True,
        timeout=120,
    )
    assert out.exists() and out.stat().st_size > 0, "chromium wrote no PDF"
    return out


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.slow
def test_each_table_prints_on_its_own_page(pdf):
    pages = page_count(pdf)
    texts = [page_text(pdf, n) for n in range(1, pages + 1)]
    # Part 2's title page, then one page per table: the last 1 + 7 pages.
    part2 = next(i for i, t in enumerate(texts) if squeeze(t) == "第二部分预算项目绩效目标")
    assert pages == part2 + 1 + len(SEED)
    assert part2 >= 1  # Part 1 before it
    for seed, project_file, text in zip(SEED, PROJECT_FILES, texts[part2 + 1 :]):
        title, code, name, budget, purpose, plan, goal = seed
        flat = squeeze(text)
        assert flat.startswith(squeeze(title)), f"{title} does not start its page"
        for value in [
            "644001唐山市红十字会本级",
            "单位：万元",
            code,
            name,
            budget,
            purpose,
            *plan,
            goal,
            "一级指标",
            "指标值确定依据",
        ]:
            assert squeeze(value) in flat, f"{value!r} missing from the printed {title}"
        for row in indicator_rows(project_file):
            for cell in row:
                assert squeeze(cell) in flat, f"{cell!r} missing from the printed {title}"


@pytest.mark.slow
def test_part1_prints_in_full(pdf):
    dept = yaml.safe_load((DATA / "department.yaml").read_text(encoding="utf-8"))
    pages = page_count(pdf)
    texts = [page_text(pdf, n) for n in range(1, pages + 1)]
    part2 = next(i for i, t in enumerate(texts) if squeeze(t) == "第二部分预算项目绩效目标")
    flat = squeeze("".join(texts[:part2]))
    assert flat.startswith("第一部分部门整体绩效目标一、总体绩效目标")
    assert squeeze(dept["overall_goal"]) in flat
    for sub in dept["sub_goals"]:
        assert squeeze(sub["goal"]) in flat
        for ind in sub["indicators"]:
            assert squeeze(ind["name"] + ind["target"]) in flat
    for item in dept["safeguards"]:
        assert squeeze(item["title"]) in flat and squeeze(item["text"]) in flat


@pytest.mark.slow
def test_nothing_is_cut_at_the_right_edge(pdf):
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    widths = {float(w) for w in re.findall(r'<page width="([\d.]+)"', bbox)}
    assert widths and all(abs(w - A4_WIDTH_PT) < 1 for w in widths), widths  # A4 portrait
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox))
    assert right <= A4_WIDTH_PT - MARGIN_PT + 1, f"text reaches {right:.1f} pt of {A4_WIDTH_PT} pt"
