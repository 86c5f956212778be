"""Property-based tests: whatever the input, findings or a model — never an exception.

CI runs a few hundred examples per property; `pytest -m fuzz` runs the long campaign
(PERFGOALS_FUZZ_EXAMPLES, default 20,000 per property).
"""

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfgoals.load import load_text
from perfgoals.rules import load_all
from perfgoals.validate import validate

DATA = Path(__file__).resolve().parent.parent / "data"
SEEDS = [p.read_text("utf-8") for p in sorted((DATA / "projects").glob("*.yaml"))]
CODES = set(load_all())
SHORT = int(os.environ.get("PERFGOALS_CI_EXAMPLES", "200"))
LONG = int(os.environ.get("PERFGOALS_FUZZ_EXAMPLES", "20000"))


def _check(text: str, backend: str = "libyaml") -> None:
    loaded = load_text(text, "fuzz.yaml", "project", backend=backend)
    for code, hit in loaded.hits:
        assert code in CODES
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "fuzz.yaml"
        p.write_text(text, "utf-8", errors="surrogatepass") if "\ud800" not in text else p.write_bytes(
            text.encode("utf-8", "surrogatepass")
        )
        report = validate([str(p)], backend=backend)
    for f in report.findings:
        assert f.code in CODES and f.line >= 1 and f.column >= 1 and f.message


YAMLISH = st.lists(
    st.sampled_from(
        list("abc:{}[]-,'\"#&*!|>%@`?\n\t 0123456789.") + ["年", "万元", "≥", "：", "\r\n", "\ufeff", "\x00"]
    )
).map("".join)
VALUES = [
    "123",
    "[]",
    "{}",
    "~",
    "true",
    ".nan",
    ".inf",
    "'x'",
    "-1",
    "1e400",
    '""',
    "0x10",
    "!!int 3",
    "&a 1",
    "*a",
    "[1, 2",
    "{a: 1",
    "|\n  x",
    "≥90%",
    "2023.12.31",
    "中文",
    "-0",
    "\t",
    "1" * 40,
]


@st.composite
def mutated_seed(draw):
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 3))):
        lines = text.split("\n")
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "swap", "insert", "dup", "indent"]))
        if action == "drop":
            del lines[i]
        elif action == "swap" and ": " in lines[i]:
            key, _, _ = lines[i].partition(": ")
            lines[i] = f"{key}: {draw(st.sampled_from(VALUES))}"
        elif action == "insert":
            pos = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + draw(st.text(min_size=1, max_size=3)) + lines[i][pos:]
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "indent":
            lines[i] = " " * draw(st.integers(1, 5)) + lines[i]
        text = "\n".join(lines)
    return text


PROFILE = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=False)


@given(st.text())
@settings(max_examples=SHORT, **PROFILE)
def test_any_text_never_raises(text):
    _check(text)


@given(YAMLISH)
@settings(max_examples=SHORT, **PROFILE)
def test_yaml_like_text_never_raises_in_either_backend(text):
    _check(text, "libyaml")
    _check(text, "ruamel")


@given(mutated_seed())
@settings(max_examples=SHORT, **PROFILE)
def test_mutated_seed_projects_never_raise(text):
    _check(text)


@pytest.mark.fuzz
@given(st.one_of(st.text(), YAMLISH, mutated_seed()))
@settings(max_examples=LONG, **PROFILE)
def test_fuzz_campaign(text):
    _check(text)
