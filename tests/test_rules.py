"""Rule cases: small YAML files under tests/cases whose comments say what must be found.

On any line, `#! PG401@≥90%` expects a PG401 finding on that line at the column where `≥90%` starts
(`#! PG302:1` gives the column as a number; `/warning` or `/error` after the code also checks the
severity).  `#! quiet: PG401` anywhere says the file must produce no PG401 (`quiet: all`: nothing at
all).  A folder is one case (cross-file rules, a perfgoals.yaml).  Every case runs through both
loading paths, libyaml and ruamel, which must agree exactly.
"""

import re
from pathlib import Path

import pytest

from perfgoals.rules import load_all
from perfgoals.validate import validate

CASES = Path(__file__).parent / "cases"
MARK = re.compile(r"(PG\d{3})(?:/(error|warning))?(?:@(\S+)|:(\d+))")


def _case_roots():
    roots = []
    for p in sorted(CASES.iterdir()):
        if p.is_dir() or p.suffix == ".yaml":
            roots.append(p)
    return roots


def _expectations(root: Path):
    files = sorted(root.rglob("*.yaml")) if root.is_dir() else [root]
    expected, quiet = [], set()
    for f in files:
        for number, line in enumerate(f.read_text("utf-8").splitlines(), 1):
            if "#!" not in line:
                continue
            code_part, marks = line.split("#!", 1)
            m = re.match(r"\s*quiet:\s*(.+)", marks)
            if m:
                quiet.update(m.group(1).split())
                continue
            for code, severity, anchor, column in MARK.findall(marks):
                col = int(column) if column else code_part.index(anchor) + 1
                expected.append((code, f, number, col, severity or None))
    return expected, quiet


@pytest.mark.parametrize("backend", ["libyaml", "ruamel"])
@pytest.mark.parametrize("root", _case_roots(), ids=lambda p: p.name)
def test_case(root, backend, monkeypatch):
    monkeypatch.chdir(CASES)
    expected, quiet = _expectations(root)
    report = validate([root.name], backend=backend)
    codes = {e[0] for e in expected} | (quiet - {"all"})
    got = sorted((f.code, f.path, f.line, f.column) for f in report.findings if f.code in codes or "all" in quiet)
    want = sorted((c, str(p.relative_to(CASES)), line, col) for c, p, line, col, _ in expected)
    assert got == want, "\n".join(f"{f.path}:{f.line}:{f.column} {f.code} {f.message}" for f in report.findings)
    for code, p, line, col, severity in expected:
        if severity:
            match = [f for f in report.findings if (f.code, f.line, f.column) == (code, line, col)]
            assert match and match[0].severity.value == severity


def test_every_rule_has_a_firing_and_a_quiet_case():
    fired, quieted = set(), set()
    for root in _case_roots():
        expected, quiet = _expectations(root)
        fired |= {e[0] for e in expected}
        quieted |= quiet
    missing_fire = set(load_all()) - fired - {"PG000", "PG001", "PG003", "PG004"}  # tested in test_source.py
    assert not missing_fire, f"rules with no firing case: {sorted(missing_fire)}"
    rules_with_checks = {c for c, r in load_all().items() if r.check is not None}
    missing_quiet = rules_with_checks - quieted - {"PG601", "PG602"}  # quiet across every single-file case
    assert "all" in quieted
    assert not missing_quiet - fired, missing_quiet
