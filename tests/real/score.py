"""The real-table corpus scored: perfgoals' findings on tests/real against their judgements (judged.yaml) and the
reviewer's defects (defects.yaml).

    python tests/real/score.py          # runs perfgoals on every folder, prints the table (Markdown) and the measures

tests/test_real.py uses the same functions.  Measures:
  precision          findings judged right / findings judged (right or wrong; those about a part of the table the
                     excerpt cut are left out, and counted apart)
  recall             reviewer defects that have a rule code and were found / reviewer defects
  catalogue recall   reviewer defects that have a rule code and were found / reviewer defects that have a rule code
A defect is found when a finding judged right names it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PROFILES = ("core", "mof2015", "mof2021", "sichuan", "anhui", "gansu")


def corpus_files() -> list[str]:
    """Every transcribed table, as `profile/stem`."""
    return sorted(
        f"{p.parent.name}/{p.stem}"
        for folder in PROFILES
        for p in (HERE / folder).glob("*.yaml")
        if p.name != "perfgoals.yaml"
    )


def load_defects() -> dict:
    return yaml.safe_load((HERE / "defects.yaml").read_text("utf-8"))


def load_judged() -> dict:
    return yaml.safe_load((HERE / "judged.yaml").read_text("utf-8"))


def key(finding: dict) -> tuple:
    """What identifies a finding for the comparison: the message's wording may change, this may not."""
    return (finding["code"], finding["line"], finding["column"], finding["severity"])


def run_folder(profile: str) -> dict[str, list[dict]]:
    """`perfgoals validate tests/real/<profile>` through the installed entry point, findings by file."""
    folder = f"tests/real/{profile}"
    cmd = [sys.executable, "-m", "perfgoals", "validate", folder, "--format", "json", "--no-cache", "--lang", "en"]
    env = {**os.environ, "PERFGOALS_LANG": "en"}
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, encoding="utf-8", env=env, check=False)
    if done.returncode not in (0, 1):  # 2: usage error, unreadable path, internal error
        raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stderr}")
    found: dict[str, list[dict]] = {}
    for f in json.loads(done.stdout)["findings"]:
        name = f["path"].removeprefix("tests/real/").removesuffix(".yaml")
        found.setdefault(name, []).append(f)
    return found


def run_all() -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for profile in PROFILES:
        found.update(run_folder(profile))
    return found


@dataclass
class Row:
    name: str
    made: int = 0  # findings
    right: int = 0
    wrong: int = 0
    unjudged: int = 0  # about a part the excerpt cut
    wrong_errors: int = 0
    defects: int = 0  # the reviewer's (found_later ones apart)
    coded: int = 0  # of those, with a rule code
    found: int = 0  # of those with a rule code, found
    found_uncoded: int = 0  # found although no rule was expected to
    later: int = 0  # found_later defects


def found_defects(judged: dict) -> set[tuple[str, int]]:
    return {(name, f["defect"]) for name, fs in judged.items() for f in fs or [] if f["right"] is True}


def score(judged: dict, defects: dict) -> list[Row]:
    found = found_defects(judged)
    rows = []
    for name in sorted(judged):
        row = Row(name)
        for f in judged[name] or []:
            row.made += 1
            if f["right"] is True:
                row.right += 1
            elif f["right"] is False:
                row.wrong += 1
                row.wrong_errors += f["severity"] == "error"
            else:
                row.unjudged += 1
        for d in defects[name]["defects"]:
            if d.get("found_later"):
                row.later += 1
                continue
            row.defects += 1
            hit = (name, d["id"]) in found
            if d["rule"]:
                row.coded += 1
                row.found += hit
            else:
                row.found_uncoded += hit
        rows.append(row)
    return rows


def total(rows: list[Row]) -> Row:
    out = Row("total")
    for r in rows:
        for field in vars(out):
            if field != "name":
                setattr(out, field, getattr(out, field) + getattr(r, field))
    return out


def measures(t: Row) -> dict[str, Fraction]:
    return {
        "precision": Fraction(t.right, t.right + t.wrong),
        "recall": Fraction(t.found, t.defects),
        "catalogue recall": Fraction(t.found, t.coded),
    }


def uncovered(judged: dict, defects: dict) -> Counter:
    """Reviewer defects no rule covers and nothing found, by kind: the checks perfgoals lacks."""
    found = found_defects(judged)
    return Counter(
        d["kind"]
        for name, entry in defects.items()
        for d in entry["defects"]
        if not d["rule"] and not d.get("found_later") and (name, d["id"]) not in found
    )


def table(rows: list[Row]) -> str:
    head = "| file | findings | right | wrong | cut | defects | with rule | found | found, no rule expected |"
    lines = [head, "|---|" + "---:|" * 8]
    for r in [*rows, total(rows)]:
        name = f"**{r.name}**" if r.name == "total" else r.name
        cells = (r.made, r.right, r.wrong, r.unjudged, r.defects, r.coded, r.found, r.found_uncoded)
        lines.append(f"| {name} | " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def report(judged: dict, defects: dict) -> str:
    rows = score(judged, defects)
    t = total(rows)
    m = measures(t)
    out = [table(rows), ""]
    out.append(
        f"- precision {float(m['precision']):.1%}: {t.right} right of {t.right + t.wrong} judged"
        f" ({t.unjudged} more are about parts the excerpt cut)"
    )
    out.append(f"- recall {float(m['recall']):.1%}: {t.found} of {t.defects} reviewer defects found")
    out.append(f"- catalogue recall {float(m['catalogue recall']):.1%}: {t.found} of the {t.coded} with a rule code")
    out.append(f"- wrong findings that are errors: {t.wrong_errors}")
    out.append(
        f"- found later: {t.later} real defects the reviewer did not list, found and judged right"
        " (defects.yaml `found_later`; counted in precision, not in recall)"
    )
    kinds = ", ".join(f"{k} {n}" for k, n in uncovered(judged, defects).most_common())
    out.append(f"- reviewer defects no rule covers, by kind: {kinds}")
    return "\n".join(out)


def main() -> int:
    judged, defects = load_judged(), load_defects()
    found = run_all()
    changed = [n for n in corpus_files() if sorted(map(key, found.get(n, []))) != sorted(map(key, judged.get(n) or []))]
    if changed:
        print("findings differ from judged.yaml (judge them again) in: " + ", ".join(changed), file=sys.stderr)
    print(report(judged, defects))
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
