"""Every rule's examples (shown by `perfgoals rules CODE`) really fail and pass."""

from pathlib import Path

import pytest

from perfgoals import source
from perfgoals.rules import load_all
from perfgoals.validate import validate

BASE = (Path(__file__).parent / "cases" / "base-clean.yaml").read_text("utf-8")
EXAMPLE_RULES = [r for r in load_all().values() if r.scope == "project" and r.bad]


def _overlay(fragment: str) -> str:
    """The base project with the example's top-level keys replaced."""
    keys = list(source.parse(fragment).data)
    kept = [block for block in _blocks(BASE) if block.split(":", 1)[0] not in keys]
    return "".join(kept) + fragment + "\n"


def _blocks(text: str) -> list[str]:
    blocks: list[str] = []
    for line in text.splitlines(keepends=True):
        if line.startswith("#"):
            continue
        if line[:1].strip():
            blocks.append(line)
        else:
            blocks[-1] += line
    return blocks


@pytest.mark.parametrize("rule", EXAMPLE_RULES, ids=lambda r: r.code)
def test_bad_example_fires_and_good_example_does_not(rule, tmp_path):
    for kind, fragment in (("bad", rule.bad), ("good", rule.good)):
        p = tmp_path / f"{kind}.yaml"
        p.write_text(_overlay(fragment), "utf-8")
        codes = [f.code for f in validate([str(p)]).findings]
        assert not {"PG001", "PG002"} - {rule.code} & set(codes), (kind, codes)  # the example is valid YAML
        assert (rule.code in codes) == (kind == "bad"), (kind, codes, p.read_text("utf-8"))
