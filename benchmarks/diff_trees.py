"""`perfgoals diff` between two git revisions of a large set, against loading both trees.

    python benchmarks/diff_trees.py                 # 2,000 generated files, 5 rounds
    python benchmarks/diff_trees.py --n 20 --repeat 1

A git repository holds N generated project files (benchmarks/generate.py; the few it breaks on purpose left
out, as diff would refuse them) at revision A; revision B changes a target in one file of ten.  Cases, each a fresh process, run in turns (see run.py):
- diff: `perfgoals diff A B --format json` (both trees read from git, compared);
- load: one process loading (parse + model) every file of both trees checked out in two folders, the work
  any diff of the two has to do; the target is diff / load ≤ 2;
- blob per process (context): `git show REV:PATH` once per file of both revisions, what diff did before it
  read blobs through one `git cat-file --batch`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import Case, measure, paired  # noqa: E402

LOAD = """
import os, sys
from pathlib import Path
from perfgoals.load import load_file
from perfgoals.workspace import file_kind
for top in sys.argv[1:]:
    for root, _, files in os.walk(top):
        for name in files:
            if name.endswith(".yaml"):
                path = os.path.join(root, name)
                load_file(Path(path), path, file_kind(path))
"""

SHOW_EACH = """
import subprocess, sys
for rev in sys.argv[1:]:
    names = subprocess.run(["git", "ls-tree", "-r", "-z", "--name-only", rev, "--", "data"],
                           capture_output=True, check=True).stdout.decode().split("\\0")
    for name in filter(None, names):
        subprocess.run(["git", "show", f"{rev}:{name}"], capture_output=True, check=True)
"""


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org"}
    env.update(GIT_COMMITTER_NAME="b", GIT_COMMITTER_EMAIL="b@example.org")
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def build(work: Path, n: int) -> tuple[Path, Path, Path]:
    """The repository (revisions A and B) and the two trees checked out beside it."""
    from perfgoals.load import load_file
    from perfgoals.workspace import file_kind

    repo, old, new = work / "repo", work / "a", work / "b"
    files = []
    for path in generate(repo / "data", n):  # the generator breaks some files on purpose: diff only reads whole ones
        if load_file(path, str(path), file_kind(path)).model is None:
            path.unlink()
        else:
            files.append(path)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "A")
    shutil.copytree(repo / "data", old / "data")
    for path in files[::10]:
        text = path.read_text("utf-8")
        path.write_text(text.replace("≥90%", "≥95%", 1).replace("≥85%", "≥80%", 1), "utf-8")
    git(repo, "commit", "-qam", "B")
    shutil.copytree(repo / "data", new / "data")
    return repo, old, new


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    perfgoals = shutil.which("perfgoals") or str(Path(sys.executable).with_name("perfgoals"))
    with tempfile.TemporaryDirectory(prefix="perfgoals-diff-") as tmp:
        repo, old, new = build(Path(tmp), args.n)
        diff = Case("diff", [perfgoals, "diff", "HEAD~1", "HEAD", "--format", "json"], repo, memory=False)
        load = Case("load", [sys.executable, "-c", LOAD, str(old / "data"), str(new / "data")], repo, memory=False)
        show = Case("show", [sys.executable, "-c", SHOW_EACH, "HEAD~1", "HEAD"], repo, memory=False)
        measure([diff, load, show], args.repeat)
        count = len(list((old / "data").rglob("*.yaml")))
        print(f"{count} files a revision ({args.n} generated, the unreadable ones left out), {args.repeat} rounds")
        print(f"  diff A B (one git cat-file --batch): {diff.median * 1000:8.0f} ms")
        print(f"  load both trees:                     {load.median * 1000:8.0f} ms")
        print(f"  git show per blob (the old reading): {show.median * 1000:8.0f} ms  (context)")
        ratio = paired(diff, load)
        print(f"diff / load = {ratio:.2f} (target ≤ 2.0: {'met' if ratio <= 2.0 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
