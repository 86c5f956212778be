"""`perfgoals diff`: what changed between two versions of a set of tables, by meaning.

Projects are matched by `code` (a renamed file is one project, not one removed and
one added), indicators by category and name.  A target change gets a direction that
knows its comparator: a `≥` floor raised is tightened, a `≤` cap raised is loosened;
a changed comparator or unit is reported as such.  The sides are git revisions (blobs
read through one `git cat-file --batch`), or two files, or two folders.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from perfgoals import workspace
from perfgoals.errors import UserError
from perfgoals.findings import Finding
from perfgoals.frameworks import Framework
from perfgoals.i18n import T
from perfgoals.load import LoadedFile, load_bytes, load_file
from perfgoals.source import DEFAULT_LIMITS, UNSAFE, Problem
from perfgoals.targets import (
    MONEY_UNITS,
    TIME_UNITS,
    Date,
    Period,
    Qualitative,
    Quantity,
    RelativeChange,
    format_number,
    meaning,
    normalize,
    parse_target,
)

WORKTREE = None  # a side that is the working tree rather than a revision

# Directions
TIGHTENED, LOOSENED, COMPARATOR, UNIT, CHANGED, UP, DOWN = (
    "tightened",
    "loosened",
    "comparator",
    "unit",
    "changed",
    "up",
    "down",
)


@dataclass
class Side:
    label: str
    files: list[LoadedFile] = field(default_factory=list)
    root: str | None = None  # for two folders or two files: paths are compared below it

    def relative(self, path: str) -> str:
        return os.path.relpath(path, self.root) if self.root else path


@dataclass
class Change:
    kind: str  # project_added project_removed file_renamed indicator_added indicator_removed indicator_moved
    #            budget spend target text
    where: str  # the fact's name, as in `perfgoals show --flat`
    old: str | None = None
    new: str | None = None
    delta: str | None = None  # new - old, for money and spend-plan percentages
    direction: str | None = None

    @property
    def loosened(self) -> bool:
        return self.direction == LOOSENED


@dataclass
class ProjectDiff:
    code: str
    name: str
    old_path: str | None
    new_path: str | None
    changes: list[Change] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.old_path is None:
            return "added"
        if self.new_path is None:
            return "removed"
        return "changed"


@dataclass
class DiffResult:
    old_label: str
    new_label: str
    projects: list[ProjectDiff] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)

    @property
    def changes(self) -> list[tuple[ProjectDiff, Change]]:
        return [(p, c) for p in self.projects for c in p.changes]

    @property
    def loosened(self) -> list[tuple[ProjectDiff, Change]]:
        return [(p, c) for p, c in self.changes if c.loosened]

    def exit_code(self, exit_on_change: bool) -> int:
        if self.problems:
            return 2
        return 1 if exit_on_change and self.projects else 0

    def as_dict(self) -> dict:
        counts: dict[str, int] = {}
        for _, c in self.changes:
            counts[c.direction or c.kind] = counts.get(c.direction or c.kind, 0) + 1
        return {
            "version": 1,
            "old": self.old_label,
            "new": self.new_label,
            "summary": {
                "projects": len(self.projects),
                "changes": len(self.changes),
                "loosened": len(self.loosened),
                "by_kind": counts,
            },
            "projects": [
                {
                    "code": p.code,
                    "name": p.name,
                    "status": p.status,
                    "old_path": p.old_path,
                    "new_path": p.new_path,
                    "changes": [asdict(c) for c in p.changes],
                }
                for p in self.projects
            ],
            "problems": [f.as_dict() for f in self.problems],
        }


# --- reading the two sides --------------------------------------------------------------


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True)
    except OSError:
        raise UserError(T("找不到 git 命令", "the git command is not available")) from None


def git_root(cwd: Path) -> Path:
    done = _git(["rev-parse", "--show-toplevel"], cwd)
    if done.returncode != 0:
        raise UserError(
            T(
                "当前文件夹不在 git 仓库中：比较两个文件或文件夹时，写出它们的路径",
                "not inside a git repository: to compare two files or folders, give their paths",
            )
        )
    return Path(done.stdout.decode("utf-8", "replace").strip())


def check_revision(rev: str, cwd: Path) -> None:
    done = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
    if done.returncode != 0:
        raise UserError(
            T(
                f"“{rev}”不是这个仓库中的 git 修订版本（提交、分支或标签）",
                f"'{rev}' is not a git revision (commit, branch or tag) of this repository",
            )
        )


def is_revision(rev: str, cwd: Path) -> bool:
    try:
        check_revision(rev, cwd)
    except UserError:
        return False
    return True


def read_revision(rev: str, paths: list[str], cwd: Path, label: str | None = None) -> Side:
    """Every project and department file under paths at a revision: the tree listed once, every blob read
    through one `git cat-file --batch` process (a `git show` per file cost 2.5 ms each: 10 s for 4,000)."""
    root = git_root(cwd)
    check_revision(rev, cwd)
    listed = _git(["ls-tree", "-r", "-z", "-l", "--full-name", rev, "--", *paths], cwd)
    if listed.returncode != 0:
        raise UserError(
            T(
                f"无法列出 {rev} 中的文件：{listed.stderr.decode('utf-8', 'replace').strip()}",
                f"cannot list the files of {rev}: {listed.stderr.decode('utf-8', 'replace').strip()}",
            )
        )
    side = Side(label or rev)
    slots: list[LoadedFile | None] = []  # in the listing's order; None until its blob is read
    wanted = []  # (slot, name, blob id) of the table files to read
    for name, oid, size in sorted(_listed_blobs(listed.stdout)):
        if not workspace.is_table_name(name):
            continue
        if size > DEFAULT_LIMITS.max_bytes:  # refused as PG004 without reading the blob
            loaded = LoadedFile(workspace.display(root / name, cwd), workspace.file_kind(name))
            loaded.hits.append(
                Problem(UNSAFE, "too_large", params={"size": size, "limit": DEFAULT_LIMITS.max_bytes}).as_hit()
            )
            slots.append(loaded)
            continue
        wanted.append((len(slots), name, oid))
        slots.append(None)
    for (slot, name, _), data in zip(wanted, _blobs([oid for _, _, oid in wanted], rev, cwd)):
        slots[slot] = load_bytes(data, workspace.display(root / name, cwd), workspace.file_kind(name))
    side.files.extend(f for f in slots if f is not None)
    return side


def _listed_blobs(listing: bytes) -> list[tuple[str, str, int]]:
    """(path, blob id, size) of each blob in `git ls-tree -r -z -l` output (submodules and other non-blobs
    skipped)."""
    found = []
    for entry in listing.decode("utf-8", "replace").split("\0"):
        meta, _, name = entry.partition("\t")
        fields = meta.split()
        if name and len(fields) == 4 and fields[1] == "blob" and fields[3].isdigit():
            found.append((name, fields[2], int(fields[3])))
    return found


def _blobs(oids: list[str], rev: str, cwd: Path) -> list[bytes]:
    """The contents of these blobs, in order, from one `git cat-file --batch`."""
    if not oids:
        return []
    try:
        done = subprocess.run(
            ["git", "cat-file", "--batch"], cwd=cwd, input=("\n".join(oids) + "\n").encode(), capture_output=True
        )
    except OSError:
        raise UserError(T("找不到 git 命令", "the git command is not available")) from None
    out, at, blobs = done.stdout, 0, []
    for oid in oids:
        end = out.find(b"\n", at)
        header = out[at:end].split() if end >= 0 else []
        if done.returncode != 0 or len(header) != 3 or header[1] != b"blob":
            raise UserError(T(f"无法读取 {rev} 中的对象 {oid}", f"cannot read object {oid} of {rev}"))
        size = int(header[2])
        blobs.append(out[end + 1 : end + 1 + size])
        at = end + 1 + size + 1  # the contents are followed by a newline
    return blobs


def read_paths(paths: Iterable[str], label: str) -> Side:
    """Project and department files under existing files or folders (missing ones are simply absent)."""
    side = Side(label)
    existing = [p for p in paths if Path(p).exists()]
    found, _ = workspace.discover(existing) if existing else ([], [])
    for f in found:
        if f.kind != "config":
            side.files.append(load_file(Path(f.path), f.display, f.kind))
    return side


# --- comparing ------------------------------------------------------------------------------


def _sense(comparator: str, kind: str | None, unit: str) -> int:
    """+1 when a higher value asks more of the project, -1 when a lower one does, 0 when unknown."""
    if comparator in ("≥", ">"):
        return 1
    if comparator in ("≤", "<"):
        return -1
    # A bare value: a cost or a duration is better lower; an amount, a rate or a count higher.
    if kind == "cost" or unit in TIME_UNITS and kind in ("timeliness", None):
        return -1
    if kind in ("quantity", "quality", "timeliness", "benefit", "satisfaction", "department"):
        return 1
    return 0


def target_direction(old: str, new: str, kind: str | None) -> str | None:
    """How a target changed, or None when it only changed its spelling."""
    a, b = parse_target(old), parse_target(new)
    if type(a) is not type(b):
        return CHANGED
    compare = _COMPARE.get(type(a))
    if compare is not None:
        return compare(a, b, kind)
    return None if meaning(a) == meaning(b) else CHANGED  # ratios, yes/no, words


def _quantity_direction(a: Quantity, b: Quantity, kind: str | None) -> str | None:
    if a.comparator != b.comparator:
        return COMPARATOR
    if a.per != b.per:  # 元/人 against 元/平方米, or a unit price against a total
        return UNIT
    if a.unit != b.unit:
        if not (a.is_money and b.is_money):
            return UNIT
        va, vb = a.in_yuan(), b.in_yuan()
    else:
        va, vb = a.value, b.value  # 3万人次 and 30000人次 alike
    if va == vb:
        return None
    sense = _sense(a.comparator, kind, a.unit)
    if sense == 0:
        return UP if vb > va else DOWN
    return TIGHTENED if (vb > va) == (sense > 0) else LOOSENED


def _date_direction(a: Date, b: Date, kind: str | None) -> str | None:
    if a.yearless != b.yearless:
        return CHANGED  # `12月底前` against `2023年12月31日`: the year is not known here
    if (a.date, a.month_only, a.comparator) == (b.date, b.month_only, b.comparator):
        return None
    if a.comparator != b.comparator:
        return COMPARATOR
    if a.date == b.date:
        return CHANGED
    return LOOSENED if b.date > a.date else TIGHTENED  # a later deadline asks less


def _period_direction(a: Period, b: Period, kind: str | None) -> str | None:
    return None if meaning(a) == meaning(b) else CHANGED


def _change_direction(a: RelativeChange, b: RelativeChange, kind: str | None) -> str | None:
    """`较上年提高5%` → `较上年提高8%` asks more, whether the change is up or down."""
    if (a.direction, a.baseline) != (b.direction, b.baseline):
        return CHANGED
    if a.comparator != b.comparator:
        return COMPARATOR
    if (a.unit, a.amount.per) != (b.unit, b.amount.per):
        return UNIT
    if a.value == b.value:
        return None
    more = b.value > a.value
    return TIGHTENED if more != (a.comparator in ("≤", "<")) else LOOSENED


def _qualitative_direction(a: Qualitative, b: Qualitative, kind: str | None) -> str | None:
    return None if normalize(a.text) == normalize(b.text) else CHANGED


_COMPARE = {
    Quantity: _quantity_direction,
    Date: _date_direction,
    Period: _period_direction,
    RelativeChange: _change_direction,
    Qualitative: _qualitative_direction,
}


def _arrow_value(old: str, new: str) -> str | None:
    """The difference of two numbers in the same unit, as written: `3万人次 → 4万人次` is +1."""
    a, b = parse_target(old), parse_target(new)
    if isinstance(a, RelativeChange) and isinstance(b, RelativeChange) and a.direction == b.direction:
        a, b = a.amount, b.amount
    if not (isinstance(a, Quantity) and isinstance(b, Quantity)):
        return None
    if (a.unit, a.per, a.comparator) != (b.unit, b.per, b.comparator):
        return None
    va, vb = (a.number, b.number) if a.multiplier == b.multiplier else (a.value, b.value)
    return format_number(vb - va) if vb < va else "+" + format_number(vb - va)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format_number(value)
    return str(value)


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + format_number(value)


def _field_changes(old, new, names, prefix: str = "") -> list[Change]:
    out: list[Change] = []
    for name in names:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            out.append(Change("text", prefix + name, _text(a), _text(b)))
    return out


def _project_changes(old, new, fw: Framework) -> list[Change]:
    out = _field_changes(old, new, ("name", "year", "period", "money_unit"))
    out += _field_changes(old.unit, new.unit, ("code", "name"), "unit.")
    # Budget amounts, compared in the new file's money unit.
    factor = MONEY_UNITS[old.money_unit] / MONEY_UNITS[new.money_unit]
    for name in ("total", "fiscal", "other"):
        a, b = getattr(old.budget, name), getattr(new.budget, name)
        a_new_unit = a * factor
        if a_new_unit != b:
            out.append(
                Change(
                    "budget",
                    f"budget.{name}",
                    f"{format_number(a)} {old.money_unit}",
                    f"{format_number(b)} {new.money_unit}",
                    _signed(b - a_new_unit),
                    UP if b > a_new_unit else DOWN,
                )
            )
    old_plan, new_plan = old.spend_plan or {}, new.spend_plan or {}
    for month in sorted(set(old_plan) | set(new_plan)):
        a, b = old_plan.get(month), new_plan.get(month)
        if a == b:
            continue
        delta = _signed(b - a) if a is not None and b is not None else None
        direction = (UP if b > a else DOWN) if a is not None and b is not None else None
        out.append(
            Change(
                "spend",
                f"spend_plan.{month}",
                None if a is None else f"{format_number(a)}%",
                None if b is None else f"{format_number(b)}%",
                delta,
                direction,
            )
        )
    for name in ("purpose", "goal"):
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            out.append(Change("text", name, a, b))
    out.extend(_indicator_changes(old, new, fw))
    return out


def _indicator_index(project, fw: Framework) -> dict[tuple[str, str, str], tuple[str, Any]]:
    """(canonical 一级, canonical 二级, name) → (the place as written, indicator)."""
    out = {}
    for level1, level2, _, ind in project.iter_indicators():
        key = (fw.canonical(level1, 1), fw.canonical(level2, 2), ind.name)
        out.setdefault(key, (f"{level1}/{level2}/{ind.name}", ind))
    return out


def _indicator_changes(old, new, fw: Framework) -> list[Change]:
    a, b = _indicator_index(old, fw), _indicator_index(new, fw)
    out: list[Change] = []
    removed = {k: v for k, v in a.items() if k not in b}
    added = {k: v for k, v in b.items() if k not in a}
    # An indicator whose name moved to another category is one indicator that moved.
    moved: dict[tuple, tuple] = {}
    for k_old in list(removed):
        match = [k for k in added if k[2] == k_old[2]]
        if len(match) == 1:
            moved[k_old] = match[0]
            del added[match[0]]
            del removed[k_old]
    for key in b:  # in the new file's order
        if key in a:
            out.extend(_one_indicator(b[key][0], a[key][1], b[key][1], key, fw))
    for k_old, k_new in moved.items():
        old_where, new_where = a[k_old][0], b[k_new][0]
        out.append(Change("indicator_moved", new_where, old_where.rsplit("/", 1)[0], new_where.rsplit("/", 1)[0]))
        out.extend(_one_indicator(new_where, a[k_old][1], b[k_new][1], k_new, fw))
    for key, (where, ind) in added.items():
        out.append(Change("indicator_added", where, None, ind.target))
    for key, (where, ind) in removed.items():
        out.append(Change("indicator_removed", where, ind.target, None))
    return out


def _one_indicator(where: str, old, new, key: tuple, fw: Framework) -> list[Change]:
    out: list[Change] = []
    if old.target != new.target:
        cat = fw.classify(key[0], key[1])
        direction = target_direction(old.target, new.target, cat.kind if cat else None)
        if direction is not None:
            out.append(
                Change(
                    "target", f"{where}.target", old.target, new.target, _arrow_value(old.target, new.target), direction
                )
            )
    for name in ("description", "basis", "per", "note"):
        x, y = getattr(old, name), getattr(new, name)
        if x != y:
            out.append(Change("text", f"{where}.{name}", x, y))
    return out


def _department_changes(old, new) -> list[Change]:
    out = _field_changes(old, new, ("year", "overall_goal"))
    out += _field_changes(old.unit, new.unit, ("code", "name"), "unit.")
    old_subs = {s.name: s for s in old.sub_goals}
    new_subs = {s.name: s for s in new.sub_goals}
    for name, sub in new_subs.items():
        where = f"sub_goals/{name}"
        if name not in old_subs:
            out.append(Change("indicator_added", where, None, sub.goal))
            continue
        before = old_subs[name]
        if before.goal != sub.goal:
            out.append(Change("text", f"{where}.goal", before.goal, sub.goal))
        a = {i.name: i for i in before.indicators}
        b = {i.name: i for i in sub.indicators}
        for iname, ind in b.items():
            if iname not in a:
                out.append(Change("indicator_added", f"{where}/{iname}", None, ind.target))
            elif a[iname].target != ind.target:
                direction = target_direction(a[iname].target, ind.target, "department")
                if direction is not None:
                    out.append(
                        Change(
                            "target",
                            f"{where}/{iname}.target",
                            a[iname].target,
                            ind.target,
                            _arrow_value(a[iname].target, ind.target),
                            direction,
                        )
                    )
        for iname, ind in a.items():
            if iname not in b:
                out.append(Change("indicator_removed", f"{where}/{iname}", ind.target, None))
    for name, sub in old_subs.items():
        if name not in new_subs:
            out.append(Change("indicator_removed", f"sub_goals/{name}", sub.goal, None))
    old_safe = {s.title: s.text for s in old.safeguards}
    new_safe = {s.title: s.text for s in new.safeguards}
    for title in list(new_safe) + [t for t in old_safe if t not in new_safe]:
        a, b = old_safe.get(title), new_safe.get(title)
        if a != b:
            out.append(Change("text", f"safeguards/{title}.text", a, b))
    return out


def compare(old: Side, new: Side, fw: Framework, lang: str = "en") -> DiffResult:
    result = DiffResult(old.label, new.label)
    for side in (old, new):
        result.problems.extend(_problems(side, lang))

    def index(side: Side) -> dict[str, LoadedFile]:
        out: dict[str, LoadedFile] = {}
        for f in side.files:
            if f.model is None:
                continue
            key = "department" if f.kind == "department" else f.model.code
            out.setdefault(key, f)
        return out

    a, b = index(old), index(new)
    # Projects whose file failed to load on either side are not reported as added or removed.
    broken = {f.project_code for s in (old, new) for f in s.files if f.model is None}
    broken_old = {old.relative(f.path) for f in old.files if f.model is None}
    broken_new = {new.relative(f.path) for f in new.files if f.model is None}
    keys = list(b) + [k for k in a if k not in b]
    for key in keys:
        fa, fb = a.get(key), b.get(key)
        if (fa is None or fb is None) and key in broken:
            continue
        if fb is None and old.relative(fa.path) in broken_new or fa is None and new.relative(fb.path) in broken_old:
            continue  # its file does not load on the other side: reported as a problem, not as added/removed
        model = (fb or fa).model
        name = model.name if key != "department" else model.unit.name
        pd = ProjectDiff(key, name, fa.path if fa else None, fb.path if fb else None)
        if fa is None:
            pd.changes.append(Change("project_added", fb.path, None, name))
        elif fb is None:
            pd.changes.append(Change("project_removed", fa.path, name, None))
        else:
            if old.relative(fa.path) != new.relative(fb.path):
                pd.changes.append(Change("file_renamed", fb.path, fa.path, fb.path))
            if key == "department":
                pd.changes.extend(_department_changes(fa.model, fb.model))
            else:
                pd.changes.extend(_project_changes(fa.model, fb.model, fw))
        if pd.changes:
            result.projects.append(pd)
    return result


def _problems(side: Side, lang: str) -> list[Finding]:
    """The findings that kept a file of this side from being compared, its path labelled with the side."""
    from perfgoals.report import file_findings

    out: list[Finding] = []
    for f in side.files:
        if f.model is not None:
            continue
        found: list[Finding] = []
        file_findings(found, f, f.hits, lang)
        if side.label:  # which version the broken file belongs to
            found = [dataclasses.replace(x, path=f"{side.label}:{x.path}") for x in found]
        out.extend(found)
    return out


# --- what the command line asks for ------------------------------------------------------------

WORKTREE_LABEL = T("工作区", "working tree")


def resolve(args: list[str], paths: list[str] | None, cwd: Path, lang: str) -> tuple[Side, Side]:
    """OLD/NEW as the user wrote them → the two sides.

    no argument: HEAD against the working tree; `REV`: REV against the working tree; `A..B` or `A B`
    (revisions): A against B; `FILE FILE` or `DIR DIR`: the two as they are on disk.
    """
    if len(args) > 2:
        raise UserError(
            T(
                "最多两个参数：旧版本和新版本（路径写在 -- 之后）",
                "at most two arguments, OLD and NEW (paths go after --)",
            )
        )
    scope = paths or ["data"]
    if len(args) == 2 and all(Path(a).exists() for a in args) and paths is None:
        a, b = (Path(x) for x in args)
        if a.is_dir() != b.is_dir():
            raise UserError(
                T("要比较的两个路径应同为文件或同为文件夹", "compare two files or two folders, not one of each")
            )
        old, new = read_paths([args[0]], args[0]), read_paths([args[1]], args[1])
        old.root, new.root = args
        return old, new
    for a in args:  # a YAML file name is never a revision: say the file is missing, not that git is
        if a.lower().endswith((".yaml", ".yml")) and not Path(a).exists():
            raise UserError(T(f"找不到文件 {a}", f"no such file: {a}"))
    if len(args) == 2 and paths is None and Path(args[0]).exists() != Path(args[1]).exists():
        missing = args[0] if not Path(args[0]).exists() else args[1]
        if not is_revision(missing, cwd):  # one path and one typo: name the typo
            raise UserError(T(f"找不到文件或文件夹 {missing}", f"no such file or folder: {missing}"))
    old_label = None
    if len(args) == 1 and ".." in args[0] and not Path(args[0]).exists():
        left, _, right = args[0].partition("...") if "..." in args[0] else args[0].partition("..")
        if "..." in args[0]:  # where B left A, as a merge request shows it
            old_label = f"{left or 'HEAD'} (merge-base)"
            left = _merge_base(left or "HEAD", right or "HEAD", cwd)
        args = [left or "HEAD", right or "HEAD"]
    if not args:
        args = ["HEAD"]
    for a in args:
        if not is_revision(a, cwd):
            git_root(cwd)  # the clearer message first, when there is no repository at all
            if Path(a).exists():
                raise UserError(
                    T(
                        f"“{a}”是路径而不是修订版本：写成 perfgoals diff -- {a}",
                        f"'{a}' is a path, not a revision: write perfgoals diff -- {a}",
                    )
                )
            check_revision(a, cwd)
    old = read_revision(args[0], scope, cwd, old_label)
    if len(args) == 2:
        new = read_revision(args[1], scope, cwd)
    else:
        git_root(cwd)
        new = read_paths(scope, WORKTREE_LABEL(lang))
    return old, new


def _merge_base(a: str, b: str, cwd: Path) -> str:
    for rev in (a, b):
        check_revision(rev, cwd)
    done = _git(["merge-base", a, b], cwd)
    if done.returncode != 0:
        raise UserError(T(f"{a} 与 {b} 没有共同的祖先", f"{a} and {b} have no common ancestor"))
    return done.stdout.decode().strip()


def run(args: list[str], paths: list[str] | None, lang: str, cwd: Path | None = None) -> DiffResult:
    """Compare as the command line asks; raises UserError for a bad revision or path."""
    cwd = cwd or Path.cwd()
    old, new = resolve(args, paths, cwd, lang)
    # One framework classifies both sides: the settings of the files compared (a broken perfgoals.yaml is
    # validate's to report; what is fine in it still applies).
    first = next((f.path for f in new.files + old.files), None)
    settings = workspace.Workspace().settings_for(os.path.join(cwd, first) if first else cwd / "data" / "x.yaml")
    return compare(old, new, settings.framework, lang)
