"""Every command against the floor of loading its input, and against a baseline install, in one run.

    python benchmarks/commands.py --n 2000                                  # this install alone
    python benchmarks/commands.py --n 2000 --baseline /path/to/venv/bin/perfgoals
    python benchmarks/commands.py --n 20 --repeat 1                         # a smoke run

Each case is a fresh process timed by wall clock; the cases of a round run one after the other
(floor, then each command of this install and of the baseline), so a busy neighbour slows a round alike,
and every ratio is the median of the per-round ratios (see run.py).  The tree is the benchmark
generator's, formatted once with `perfgoals fmt` so that `fmt --check` measures the common case: a tree
that is already canonical.  cold = no .perfgoals_cache and no replay record (both removed before the run);
warm = the cache and the replay record (perfgoals.replay) the cold run of the same command and install left;
warm, no replay = that cache alone, as when one file changed.  Installs keep their caches apart (the namespace holds the tool's
fingerprint), so a baseline run never answers from this install's cache.
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import FLOOR, Case, _tool, machine, measure, paired, replay_records  # noqa: E402

# (name, arguments after `perfgoals`, warm: also measure a second run on the cache and the replay record the first
# left, and a third on the cache alone)
COMMANDS = [
    ("validate", ["validate", "large"], True),
    ("validate --jobs 1", ["validate", "large", "--jobs", "1", "--no-cache"], False),
    # fmt remembers the files it found formatted; summary and render take models and findings from validate's
    # cache (an install without that: its second run is a cold run again)
    ("fmt --check", ["fmt", "--check", "large"], True),
    ("summary", ["summary", "large"], True),
    ("render html", ["render", "large", "--allow-errors", "-o", "out/document.html"], True),
]


def cases_for(label: str, perfgoals: str, work: Path, only: set[str] | None) -> dict[str, Case]:
    cache = work / ".perfgoals_cache"
    drop_replays = replay_records(work)

    def drop() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        drop_replays()

    out: dict[str, Case] = {}
    for name, args, warm in COMMANDS:
        if only and name not in only:
            continue
        out[f"{label} {name}"] = Case(f"{label} {name}", [perfgoals, *args], work, before=drop, memory=False)
        if warm:
            out[f"{label} {name} warm"] = Case(f"{label} {name} warm", [perfgoals, *args], work, memory=False)
            out[f"{label} {name} warm, no replay"] = Case(
                f"{label} {name} warm, no replay", [perfgoals, *args], work, before=drop_replays, memory=False
            )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="generated files")
    parser.add_argument("--repeat", type=int, default=5, help="rounds")
    parser.add_argument("--baseline", help="the perfgoals executable of the install to compare with")
    parser.add_argument("--only", action="append", help="only this command (validate, fmt --check, ...)")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--results", type=Path, help="also write the report (Markdown) here")
    args = parser.parse_args(argv)

    perfgoals = _tool("perfgoals")
    import perfgoals as pkg

    # As run.py: an editable install under PYTHONDONTWRITEBYTECODE would recompile changed modules on every run,
    # which an install from a wheel (the baseline) never does.
    compileall.compile_dir(Path(pkg.__file__).parent, quiet=1)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="perfgoals-cmds-"))
    work.mkdir(parents=True, exist_ok=True)
    (work / "perfgoals.yaml").write_text("framework: mof2015\n", "utf-8")
    files = generate(work / "large", args.n)
    subprocess.run([perfgoals, "fmt", "large"], cwd=work, capture_output=True)  # canonical: fmt --check's case
    names = "\n".join(str(p.relative_to(work)) for p in files)
    floor = Case("floor", [sys.executable, "-c", FLOOR], work, stdin=names, memory=False)
    only = set(args.only) if args.only else None
    new = cases_for("new", perfgoals, work, only)
    base = cases_for("base", args.baseline, work, only) if args.baseline else {}
    print(f"perfgoals commands benchmark: {args.n} files, {args.repeat} rounds; {machine()}", file=sys.stderr)
    # A round: the floor, then each command of this install followed by the baseline's same command, each
    # second (warm) run right after the cold run of its own install that left its cache.
    order = [floor]
    for name, _, _ in COMMANDS:
        for label, cases in (("new", new), ("base", base)):
            keys = (f"{label} {name}", f"{label} {name} warm", f"{label} {name} warm, no replay")
            order += [cases[k] for k in keys if k in cases]
    measure(order, args.repeat)

    rows = []
    for key, case in new.items():
        name = key.removeprefix("new ")
        row = [name, f"{paired(case, floor):.2f}"]
        if base:
            other = base["base " + name]
            row += [f"{paired(other, floor):.2f}", f"{paired(case, other):.2f}"]
        if " warm" in name:
            cold = new[key.split(" warm")[0]]
            row.append(f"{paired(case, cold):.3f}")
        else:
            row.append("")
        row.append(f"{case.median * 1000:.0f}")
        rows.append(row)
    head = ["case", "new ÷ floor"] + (["base ÷ floor", "new ÷ base"] if base else []) + ["warm ÷ cold", "new ms"]
    lines = [
        f"{args.n} generated files, {args.repeat} rounds, floor {floor.median * 1000:.0f} ms (median); {machine()}",
        "",
        "| " + " | ".join(head) + " |",
        "|---|" + "---:|" * (len(head) - 1),
        *["| " + " | ".join(r) + " |" for r in rows],
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.results:
        args.results.write_text(text, "utf-8")
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
