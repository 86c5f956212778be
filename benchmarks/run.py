"""perfgoals against its floor and its peers, side by side in one run; prints ratios.

    python benchmarks/run.py                      # the full run: 7 seed files, 10,000 generated files
    python benchmarks/run.py --n 20 --repeat 1    # a smoke run (what the test suite does)
    python benchmarks/run.py --results benchmarks/RESULTS.md

Needs yamllint and check-jsonschema on PATH (pip install '.[bench]').  Every case
is a fresh process, timed by wall clock; the cases of one comparison are run in
turns (A B A B ...) so that a busy neighbour slows them alike, and a ratio is the
median of the per-round ratios.  Peak memory is measured in one extra run of each case: the
summed resident memory of the process and all its children, sampled every 10 ms.

Cases
- seed: `perfgoals validate data` (8 files) against `yamllint data` (the same 8) and
  check-jsonschema with `perfgoals schema`'s project schema on the 7
  project files (the department file has another schema).
- large: N generated files.  cold = no .perfgoals_cache (removed before each run),
  both cores; warm = the cache left by a cold run; floor = one process reading
  every file and calling yaml.compose(text, Loader=CSafeLoader), libyaml's own
  composition with line marks, which any checker of these files has to beat;
  check-jsonschema on the same project files.
- start-up: `perfgoals --version` against `python -c "import typer"`.
- render: `perfgoals render` of 1,000 generated projects, only when the installed
  perfgoals has a render command.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

FLOOR = """
import sys, yaml
for name in sys.stdin.read().splitlines():
    with open(name, encoding="utf-8") as fh:
        text = fh.read()
    try:
        yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        pass
"""


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(found).exists():
        sys.exit(f"benchmark: {name} is not installed (pip install '.[bench]')")
    return found


def replay_records(work: Path):
    """Give every run of this benchmark a replay folder of its own (perfgoals.replay keeps its records in
    $XDG_CACHE_HOME) and return what drops it: a cold run has neither the cache nor a record to replay."""
    folder = work / ".user-cache"
    os.environ["XDG_CACHE_HOME"] = str(folder)

    def drop() -> None:
        shutil.rmtree(folder, ignore_errors=True)

    return drop


class Case:
    def __init__(
        self,
        name: str,
        argv: list[str],
        cwd: Path,
        before=None,
        stdin: str | None = None,
        warm_up: bool = True,
        memory: bool = True,
    ):
        self.name, self.argv, self.cwd, self.before, self.stdin = name, argv, cwd, before, stdin
        self.warm_up, self.memory = warm_up, memory
        self.times: list[float] = []
        self.peak_mb = 0.0

    def run(self, sample_memory: bool = False) -> None:
        if self.before is not None:
            self.before()
        start = time.perf_counter()
        proc = subprocess.Popen(
            self.argv,
            cwd=self.cwd,
            stdin=subprocess.PIPE if self.stdin else subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        sampler = _MemorySampler(proc.pid) if sample_memory else None
        _, err = proc.communicate(self.stdin)
        elapsed = time.perf_counter() - start
        if sampler is not None:
            self.peak_mb = sampler.stop()
        if proc.returncode not in (0, 1):  # 1 is "findings": the generated set has some on purpose
            sys.exit(f"benchmark: {' '.join(self.argv)} failed ({proc.returncode}):\n{err[-2000:]}")
        if not sample_memory:
            self.times.append(elapsed)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


class _MemorySampler:
    """Peak of the summed RSS of a process tree (a pool's workers count too), read from /proc."""

    def __init__(self, pid: int):
        self.pid, self.peak, self.running = pid, 0, True
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _tree(self) -> list[int]:
        pids, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            try:
                for tid in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{tid}/children") as fh:
                        todo.extend(int(c) for c in fh.read().split())
            except OSError:
                pass
        return pids

    def _loop(self) -> None:
        while self.running:
            total = 0
            for pid in self._tree():
                try:
                    with open(f"/proc/{pid}/statm") as fh:
                        total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
                except (OSError, IndexError, ValueError):
                    pass
            self.peak = max(self.peak, total)
            time.sleep(0.01)

    def stop(self) -> float:
        self.running = False
        self.thread.join()
        return self.peak / 2**20


def paired(a: Case, b: Case) -> float:
    """Median over rounds of a's time / b's time in the same round: a busy neighbour slows both alike,
    so the ratio is steadier than a ratio of medians taken at different moments."""
    return statistics.median(x / y for x, y in zip(a.times, b.times))


def measure(cases: list[Case], repeat: int) -> None:
    for case in cases:  # one untimed run each: the OS file cache warm for everybody
        if case.warm_up:
            case.run()
    for case in cases:
        case.times.clear()
    for _ in range(repeat):
        for case in cases:
            case.run()
    if sys.platform.startswith("linux"):
        for case in cases:
            if case.memory:
                case.run(sample_memory=True)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    mem = ""
    try:
        kb = int(
            next(ln for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")).split()[1]
        )
        mem = f", {kb / 2**20:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    load = f", load average {os.getloadavg()[0]:.2f} at start" if hasattr(os, "getloadavg") else ""
    return (
        f"{cpu}, {cores} cores{mem}; {platform.system()} {platform.release()}; Python {platform.python_version()}{load}"
    )


def versions() -> str:
    out = []
    for tool in ("perfgoals", "yamllint", "check-jsonschema"):
        try:
            v = subprocess.run([_tool(tool), "--version"], capture_output=True, text=True).stdout.strip()
        except OSError:
            v = "?"
        out.append(v.splitlines()[0] if v else tool)
    import yaml

    out.append(f"PyYAML {yaml.__version__} (libyaml {'yes' if yaml.__with_libyaml__ else 'NO'})")
    return "; ".join(out)


def has_render(perfgoals: str) -> bool:
    return subprocess.run([perfgoals, "render", "--help"], capture_output=True).returncode == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="perfgoals benchmark: ratios against the floor and peers")
    parser.add_argument("--n", type=int, default=10_000, help="generated files for the large case")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each small case")
    parser.add_argument("--repeat-large", type=int, default=5, help="timed runs of each large case")
    parser.add_argument("--repeat-peer", type=int, default=2, help="timed runs of check-jsonschema on the large set")
    parser.add_argument("--render-n", type=int, default=1000)
    parser.add_argument("--workdir", type=Path, help="where the generated files go (default: a temporary folder)")
    parser.add_argument("--results", type=Path, help="also write the report (Markdown) to this file")
    args = parser.parse_args(argv)

    perfgoals, yamllint, cjs = _tool("perfgoals"), _tool("yamllint"), _tool("check-jsonschema")
    import perfgoals as pkg

    # What `pip install .` does; an editable install under PYTHONDONTWRITEBYTECODE would recompile on every run.
    compileall.compile_dir(Path(pkg.__file__).parent, quiet=1)

    work = args.workdir or Path(tempfile.mkdtemp(prefix="perfgoals-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    # check-jsonschema gets what `perfgoals schema` writes for editors and CI.
    subprocess.run([_tool("perfgoals"), "schema", "-o", str(work)], check=True, capture_output=True)
    schema = work / "project.schema.json"
    env_note = f"generated into {work}"

    large = work / "large"
    files = generate(large, args.n)
    names = [str(p.relative_to(work)) for p in files]
    size = sum(p.stat().st_size for p in files) / len(files) / 1024
    lines = sum(p.read_text("utf-8").count("\n") for p in files) / len(files)
    cache_dir = work / ".perfgoals_cache"

    drop_replays = replay_records(work)

    def drop_cache() -> None:
        shutil.rmtree(cache_dir, ignore_errors=True)
        drop_replays()

    (work / "perfgoals.yaml").write_text("framework: mof2015\n", "utf-8")  # the cache lives in work/
    seed_projects = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "data" / "projects").glob("*.yaml"))
    seed = [
        Case("perfgoals validate data", [perfgoals, "validate", "data", "--no-cache"], ROOT),
        Case("yamllint data", [yamllint, "data"], ROOT),
        Case("check-jsonschema (7 projects)", [cjs, "--schemafile", str(schema), *seed_projects], ROOT),
        # What any typer 0.29 command with options imports before perfgoals' own code runs (typer coerces
        # parameters through pydantic): the part of the seed time perfgoals cannot remove.
        Case(
            "imports: typer + pydantic + PyYAML",
            [sys.executable, "-c", "import typer._adapters, pydantic.main, yaml"],
            ROOT,
        ),
    ]
    startup = [
        Case("perfgoals --version", [perfgoals, "--version"], ROOT),
        Case("python -c 'import typer'", [sys.executable, "-c", "import typer"], ROOT),
    ]
    cold = Case("validate cold (2 cores)", [perfgoals, "validate", "large"], work, before=drop_cache)
    warm = Case("validate warm (cache)", [perfgoals, "validate", "large"], work)
    # the per-file cache alone, as when one file changed (its record of the whole run no longer holds)
    warm_files = Case("validate warm, no replay", [perfgoals, "validate", "large"], work, before=drop_replays)
    serial = Case("validate cold, --jobs 1", [perfgoals, "validate", "large", "--jobs", "1", "--no-cache"], work)
    floor = Case("floor: libyaml compose", [sys.executable, "-c", FLOOR], work, stdin="\n".join(names))
    # ~18 ms a file: the slowest case by far, so no warm-up or memory run (the others warmed the file cache)
    cj_large = Case("check-jsonschema", [cjs, "--schemafile", str(schema), *names], work, warm_up=False, memory=False)

    print(f"perfgoals benchmark — {dt.date.today().isoformat()}", file=sys.stderr)
    print(f"  {machine()}", file=sys.stderr)
    print(f"  seed case ({args.repeat} runs each)...", file=sys.stderr)
    measure(seed, args.repeat)
    print(f"  start-up ({args.repeat * 4} runs each)...", file=sys.stderr)
    measure(startup, args.repeat * 4)
    print(f"  {args.n} files ({args.repeat_large} runs each)...", file=sys.stderr)
    # Each warm run follows the cold run that left its cache (and its replay record), in the same round as the
    # floor; then the same without the record.
    measure([cold, warm, warm_files, floor, serial], args.repeat_large)
    measure([cj_large], args.repeat_peer)

    render_note = "not measured: this perfgoals has no `render` command yet"
    render_rows: list[tuple[str, float, str]] = []
    if has_render(perfgoals):
        rdir = work / "render"
        generate(rdir, args.render_n)
        out_dir = work / "rendered"
        render = Case(
            f"render {args.render_n}",
            [perfgoals, "render", "render", "--allow-errors", "-o", str(out_dir / "document.html")],
            work,
            before=lambda: shutil.rmtree(out_dir, ignore_errors=True),
        )
        rvalidate = Case(f"validate {args.render_n}", [perfgoals, "validate", "render", "--no-cache"], work)
        measure([render, rvalidate], args.repeat)
        render_rows.append(
            (
                f"render of {args.render_n} projects / validate of the same",
                render.median / rvalidate.median,
                "informative",
            )
        )
        render_note = f"render measured ({render.median * 1000:.0f} ms median)"

    ratios: list[tuple[str, float, str]] = [
        ("seed: perfgoals validate / yamllint", paired(seed[0], seed[1]), "≤ 1.0"),
        ("seed: perfgoals validate / check-jsonschema", paired(seed[0], seed[2]), "≤ 0.6"),
        ("seed: imports typer + pydantic + PyYAML alone / yamllint", paired(seed[3], seed[1]), "informative"),
        (f"{args.n}: cold (2 cores) / libyaml compose floor", paired(cold, floor), "≤ 1.5"),
        (f"{args.n}: cold (2 cores) / check-jsonschema", cold.median / cj_large.median, "≤ 0.2"),
        (f"{args.n}: warm (cache) / cold", paired(warm, cold), "≤ 0.1"),
        (f"{args.n}: warm, no replay (the cache alone) / cold", paired(warm_files, cold), "informative"),
        (f"{args.n}: cold --jobs 1 / libyaml compose floor", paired(serial, floor), "informative"),
        ("start-up: perfgoals --version / python -c 'import typer'", paired(startup[0], startup[1]), "≤ 1.3"),
        *render_rows,
    ]
    memory = [(c.name, c.peak_mb) for c in (cold, warm, warm_files, serial, floor, *seed) if c.memory]

    def verdict(value: float, limit: str) -> str:
        if not limit.startswith("≤"):
            return ""
        return "yes" if value <= float(limit[1:]) else "NO"

    out = [
        "# perfgoals benchmark results",
        "",
        f"- Date: {dt.datetime.now().astimezone().isoformat(timespec='minutes')}",
        f"- Machine: {machine()}",
        f"- Tools: {versions()}",
        f"- Large set: {args.n} generated files (mean {size:.1f} KB, {lines:.0f} lines), {env_note}",
        f"- Runs: {args.repeat} (small cases) / {args.repeat_large} (large cases) / {args.repeat_peer} "
        f"(check-jsonschema on the large set), cases interleaved; a ratio of cases run in the same rounds is the "
        f"median of the per-round ratios, else the ratio of the medians",
        f"- Render: {render_note}",
        "",
        "| ratio | value | target | met |",
        "|---|---:|---:|:---:|",
        *[f"| {name} | {value:.3f} | {limit} | {verdict(value, limit)} |" for name, value, limit in ratios],
        "",
        "| peak memory (process tree) | MB | target |",
        "|---|---:|---:|",
        *[f"| {name} | {mb:.0f} | {'≤ 300' if name.startswith('validate cold (2') else ''} |" for name, mb in memory],
        "",
        "Medians behind the ratios (context only; the ratios are the result):",
        "",
        *[
            f"- {c.name}: {c.median * 1000:.0f} ms"
            for c in (*seed, *startup, cold, warm, warm_files, serial, floor, cj_large)
        ],
    ]
    text = "\n".join(out) + "\n"
    print(text)
    if args.results:
        args.results.write_text(text, "utf-8")
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
