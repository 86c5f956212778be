"""Reporters for `perfgoals diff`: text (rich, ↑ ↓ marks), md (merge-request comment, CI job summary), json.

Loosened targets come first and stand out in every format: reviewers look for those first.
"""

from __future__ import annotations

import json
import re
from typing import TextIO

from perfgoals.diff import CHANGED, COMPARATOR, DOWN, LOOSENED, TIGHTENED, UNIT, UP, Change, DiffResult, ProjectDiff
from perfgoals.i18n import T
from perfgoals.model import FIELD_LABELS
from perfgoals.targets import Date, Quantity, parse_target

KINDS = {
    "project_added": T("新增项目", "project added"),
    "project_removed": T("删除项目", "project removed"),
    "file_renamed": T("文件改名", "file renamed"),
    "indicator_added": T("新增指标", "indicator added"),
    "indicator_removed": T("删除指标", "indicator removed"),
    "indicator_moved": T("指标移到其他类别", "indicator moved to another category"),
    "budget": T("预算", "budget"),
    "spend": T("资金支出计划", "spend plan"),
    "target": T("指标值", "target"),
    "text": T("文字", "text"),
}
DIRECTIONS = {
    TIGHTENED: T("从严", "tightened"),
    LOOSENED: T("放宽", "loosened"),
    COMPARATOR: T("比较符改变", "comparator changed"),
    UNIT: T("单位改变", "unit changed"),
    CHANGED: T("改变", "changed"),
    UP: T("增加", "up"),
    DOWN: T("减少", "down"),
}
WORDS = {
    "title": T("perfgoals diff：{old} → {new}", "perfgoals diff: {old} → {new}"),
    "none": T("没有差异。", "No differences."),
    "loosened": T("放宽的指标值（{n}）", "Loosened targets ({n})"),
    "summary": T(
        "{projects} 个项目有变化，共 {changes} 处；其中 {loosened} 个指标值放宽",
        "{projects} projects changed, {changes} changes; {loosened} targets loosened",
    ),
    "problems": T("无法比较的文件（{n}）", "Files that could not be compared ({n})"),
    "head": T("| | 内容 | 原值 | 新值 | 变化 |", "| | what | old | new | change |"),
}


def mark(change: Change) -> str:
    """+ − → for structure, ↑ ↓ for a value that went up or down, ~ otherwise."""
    if change.kind in ("project_added", "indicator_added"):
        return "+"
    if change.kind in ("project_removed", "indicator_removed"):
        return "−"
    if change.kind in ("file_renamed", "indicator_moved"):
        return "→"
    if change.direction in (UP, DOWN):
        return "↑" if change.direction == UP else "↓"
    if change.kind == "target" and change.old is not None and change.new is not None:
        a, b = parse_target(change.old), parse_target(change.new)
        if isinstance(a, Quantity) and isinstance(b, Quantity) and (a.comparator, a.per) == (b.comparator, b.per):
            va, vb = (a.in_yuan(), b.in_yuan()) if a.is_money and b.is_money else (a.value, b.value)
            if a.unit == b.unit or (a.is_money and b.is_money):
                return "↑" if vb > va else "↓"
        if isinstance(a, Date) and isinstance(b, Date) and a.yearless == b.yearless and a.date != b.date:
            return "↑" if b.date > a.date else "↓"
    return "~"


def _what(change: Change, lang: str) -> str:
    if change.kind == "file_renamed":
        return KINDS[change.kind](lang)
    if change.kind in ("budget", "text") and "/" not in change.where:
        # budget.total → 预算数: the Chinese label people know from the printed table
        label = FIELD_LABELS.get(change.where.rsplit(".", 1)[-1])
        if label:
            return f"{label} {change.where}"
    return f"{KINDS[change.kind](lang)} {change.where}"


def _change_text(change: Change, lang: str) -> str:
    parts = []
    if change.delta:
        parts.append(change.delta)
    if change.direction and change.kind == "target":
        parts.append(DIRECTIONS[change.direction](lang))
    return " ".join(parts)


def _ordered(result: DiffResult) -> list[ProjectDiff]:
    # Projects with a loosened target first, then the rest in the order found.
    return sorted(result.projects, key=lambda p: not any(c.loosened for c in p.changes))


# --- text ------------------------------------------------------------------------------------


def text(result: DiffResult, out: TextIO, lang: str) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    console.print(f"[bold]{escape(WORDS['title'](lang).format(old=result.old_label, new=result.new_label))}[/]")
    _problems_text(result, console, lang)
    if not result.projects:
        console.print(WORDS["none"](lang))
        return
    loosened = result.loosened
    if loosened:
        console.print(f"\n[bold red]⚠ {escape(WORDS['loosened'](lang).format(n=len(loosened)))}[/]")
        for p, c in loosened:
            console.print(
                f"[bold red]  {mark(c)} {escape(p.name)}  {escape(c.where)}: "
                f"{escape(c.old or '')} → {escape(c.new or '')}[/]"
            )
    for p in _ordered(result):
        console.print()
        path = p.new_path or p.old_path
        console.print(f"[bold underline]{escape(p.code)} {escape(p.name)}[/] [dim]({escape(path or '')})[/]")
        for c in p.changes:
            line = f"{mark(c)} {_what(c, lang)}"
            if c.old is not None or c.new is not None:
                old = "∅" if c.old is None else c.old
                new = "∅" if c.new is None else c.new
                line += f": {_one_line(old)} → {_one_line(new)}"
            extra = _change_text(c, lang)
            if extra:
                line += f"  ({extra})"
            if c.loosened:
                console.print(f"  [bold red]⚠ {escape(line)}[/]")
            elif c.direction == TIGHTENED:
                console.print(f"  [green]{escape(line)}[/]")
            elif c.kind in ("project_removed", "indicator_removed"):
                console.print(f"  [yellow]{escape(line)}[/]")
            else:
                console.print(f"  {escape(line)}")
    console.print()
    console.print(
        WORDS["summary"](lang).format(
            projects=len(result.projects), changes=len(result.changes), loosened=len(loosened)
        )
    )


def _one_line(s: str) -> str:
    return s.replace("\r", "").replace("\n", "⏎")


def _problems_text(result: DiffResult, console, lang: str) -> None:
    from rich.markup import escape

    if not result.problems:
        return
    console.print(f"[bold red]{escape(WORDS['problems'](lang).format(n=len(result.problems)))}[/]")
    for f in result.problems:
        console.print(f"  {escape(f.path)}:{f.line}:{f.column}  [bold]{f.code}[/]  {escape(f.message)}")
        if f.hint:
            console.print(f"      {escape(f.hint)}")


# --- markdown --------------------------------------------------------------------------------


def _cell(s: str | None) -> str:
    """Text in a table cell or a list line: escaped as render's Markdown is, so a name cannot make markup."""
    from perfgoals.writers.templating import md_cell

    if s is None:
        return "∅"
    # `@` too: a name must not mention anyone in the merge request it is posted to.
    return md_cell(s).replace("@", "\\@") if s.strip() else "″″"


def _code(s: str) -> str:
    """A code span that no backtick or line break inside s can end (CommonMark: a longer fence, padded)."""
    s = _one_line(s)
    fence = "`" * (max((len(run) for run in re.findall("`+", s)), default=0) + 1)
    pad = " " if s.startswith("`") or s.endswith("`") or not s.strip() else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def md(result: DiffResult, out: TextIO, lang: str) -> None:
    w = out.write
    w(f"### {WORDS['title'](lang).format(old=_code(result.old_label), new=_code(result.new_label))}\n\n")
    if result.problems:
        w(f"> [!CAUTION]\n> **{WORDS['problems'](lang).format(n=len(result.problems))}**\n")
        for f in result.problems:
            w(f"> - {_code(f'{f.path}:{f.line}:{f.column}')} {f.code} {_cell(f.message)}\n")
        w("\n")
    if not result.projects:
        w(WORDS["none"](lang) + "\n")
        return
    loosened = result.loosened
    if loosened:
        w(f"> [!WARNING]\n> **{WORDS['loosened'](lang).format(n=len(loosened))}**\n")
        for p, c in loosened:
            w(f"> - {mark(c)} {_cell(p.name)} {_code(c.where)}: {_cell(c.old)} → {_cell(c.new)}\n")
        w("\n")
    w(
        WORDS["summary"](lang).format(
            projects=len(result.projects), changes=len(result.changes), loosened=len(loosened)
        )
        + "\n\n"
    )
    for p in _ordered(result):
        path = p.new_path or p.old_path
        w(f"#### {_cell(p.code)} {_cell(p.name)}\n\n{_code(path or '')}\n\n")
        w(WORDS["head"](lang) + "\n|:-:|---|---|---|---|\n")
        for c in p.changes:
            extra = _cell(_change_text(c, lang)) if _change_text(c, lang) else ""
            if c.loosened:
                extra = f"⚠️ **{extra}**"
            w(f"| {mark(c)} | {_cell(_what(c, lang))} | {_cell(c.old)} | {_cell(c.new)} | {extra} |\n")
        w("\n")


# --- json ------------------------------------------------------------------------------------


def as_json(result: DiffResult, out: TextIO, lang: str) -> None:
    data = result.as_dict()
    for project, pd in zip(data["projects"], result.projects):
        for change, c in zip(project["changes"], pd.changes):
            change["mark"] = mark(c)
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")
