"""`perfgoals summary`: the department's figures at a glance.

One row a project (budget, spend plan, indicator count, findings), a total row, and
the budget-weighted cumulative spend of the whole department at each checkpoint.
All money is Decimal and in 万元 (projects kept in 元 are converted exactly).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TextIO

from perfgoals.findings import Severity
from perfgoals.i18n import T
from perfgoals.targets import format_number
from perfgoals.validate import Report

UNIT = "万元"
CENT = Decimal("0.01")


@dataclass
class Row:
    path: str
    code: str | None
    name: str | None
    total: Decimal | None  # 万元; None when the file could not be read into a project
    fiscal: Decimal | None
    other: Decimal | None
    spend: dict[int, Decimal]
    indicators: int | None
    errors: int
    warnings: int


@dataclass
class Summary:
    rows: list[Row]
    checkpoints: list[int]
    total: Decimal
    fiscal: Decimal
    other: Decimal
    weighted: dict[int, Decimal]  # percent, rounded to 0.01
    indicators: int
    errors: int
    warnings: int
    unit_name: str | None = None


def _wan(value: Decimal, money_unit: str) -> Decimal:
    return value if money_unit == "万元" else value.scaleb(-4).normalize()


def cumulative_at(plan: dict[int, Decimal], month: int) -> Decimal:
    """The share spent by the end of `month`: the latest checkpoint at or before it, else 0.

    A project without a checkpoint in some month has spent at least what its
    previous checkpoint says, and the plan promises nothing more.
    """
    best: Decimal = Decimal(0)
    for m in sorted(plan):
        if m <= month:
            best = plan[m]
    return best


def summarize(report: Report) -> Summary:
    rows: list[Row] = []
    for loaded in report.projects:
        findings = report.findings_for(loaded.path)
        errors = sum(f.severity is Severity.ERROR for f in findings)
        warnings = sum(f.severity is Severity.WARNING for f in findings)
        p = loaded.model
        if p is None:
            data = loaded.doc.data if loaded.doc is not None and isinstance(loaded.doc.data, dict) else {}
            name = data.get("name")
            rows.append(Row(loaded.path, loaded.project_code, name if isinstance(name, str) else None,
                            None, None, None, {}, None, errors, warnings))
            continue
        rows.append(Row(
            loaded.path, p.code, p.name, _wan(p.budget.total, p.money_unit), _wan(p.budget.fiscal, p.money_unit),
            _wan(p.budget.other, p.money_unit), dict(sorted(p.spend_plan.items())),
            sum(1 for _ in p.iter_indicators()), errors, warnings,
        ))
    counted = [r for r in rows if r.total is not None]
    checkpoints = sorted({m for r in counted for m in r.spend})
    total = sum((r.total for r in counted), Decimal(0))
    weighted: dict[int, Decimal] = {}
    if total > 0:
        for m in checkpoints:
            spent = sum((r.total * cumulative_at(r.spend, m) for r in counted), Decimal(0))
            weighted[m] = (spent / total).quantize(CENT, ROUND_HALF_UP)
    unit_name = None
    if report.department is not None and report.department.model is not None:
        unit_name = report.department.model.unit.name
    elif report.projects and report.projects[0].model is not None:
        unit_name = report.projects[0].model.unit.name
    return Summary(
        rows=rows, checkpoints=checkpoints, total=total,
        fiscal=sum((r.fiscal for r in counted), Decimal(0)), other=sum((r.other for r in counted), Decimal(0)),
        weighted=weighted, indicators=sum(r.indicators or 0 for r in counted),
        errors=report.errors, warnings=report.warnings, unit_name=unit_name,
    )


# --- formatting shared by every output ---------------------------------------------------

HEAD = {
    "code": T("项目编码", "code"), "name": T("项目名称", "project"), "total": T("预算数", "budget"),
    "fiscal": T("财政资金", "fiscal"), "other": T("其他资金", "other"), "indicators": T("指标数", "indicators"),
    "errors": T("错误", "errors"), "warnings": T("警告", "warnings"), "sum": T("合计", "total"),
}
WEIGHTED = T("按预算加权的累计支出进度", "budget-weighted cumulative spend")
WEIGHTED_NOTE = T("合计行的各月底列为按预算加权的全部门累计支出进度",
                  "the total row's checkpoint columns are the department's budget-weighted cumulative spend")
UNIT_NOTE = T(f"金额单位：{UNIT}", f"money in {UNIT}")


def checkpoint_label(month: int, lang: str) -> str:
    return f"{month} 月底" if lang == "zh" else f"end of month {month}"


def _places(s: Summary) -> int:
    # Every money column shows as many decimals as the most precise figure (0.90 → 2, so 0 → 0.00).
    values = [s.total, s.fiscal, s.other] + [v for r in s.rows for v in (r.total, r.fiscal, r.other) if v is not None]
    return max([-v.as_tuple().exponent for v in values if v.as_tuple().exponent < 0] or [0])


def money(value: Decimal | None, places: int) -> str:
    if value is None:
        return ""
    return format_number(value.quantize(Decimal(1).scaleb(-places))) if places else format_number(value)


def pct(value: Decimal | None) -> str:
    return "" if value is None else f"{format_number(value)}%"


def table(s: Summary, lang: str) -> tuple[list[str], list[list[str]], list[str]]:
    """Header, one row a project, and the total row: the same cells in every format."""
    places = _places(s)
    head = [HEAD["code"](lang), HEAD["name"](lang), HEAD["total"](lang), HEAD["fiscal"](lang), HEAD["other"](lang),
            *(checkpoint_label(m, lang) for m in s.checkpoints),
            HEAD["indicators"](lang), HEAD["errors"](lang), HEAD["warnings"](lang)]
    body = []
    for r in s.rows:
        body.append([r.code or "", r.name or r.path, money(r.total, places), money(r.fiscal, places),
                     money(r.other, places), *(pct(r.spend.get(m)) for m in s.checkpoints),
                     "" if r.indicators is None else str(r.indicators), str(r.errors), str(r.warnings)])
    total = ["", HEAD["sum"](lang), money(s.total, places), money(s.fiscal, places), money(s.other, places),
             *(pct(s.weighted.get(m)) for m in s.checkpoints), str(s.indicators), str(s.errors), str(s.warnings)]
    return head, body, total


def curve_line(s: Summary, lang: str) -> str:
    sep = "，" if lang == "zh" else ", "
    colon = "：" if lang == "zh" else ": "
    return WEIGHTED(lang) + colon + sep.join(f"{checkpoint_label(m, lang)} {pct(v)}" for m, v in s.weighted.items())


# --- outputs -------------------------------------------------------------------------------


def as_dict(s: Summary) -> dict[str, Any]:
    """JSON-ready: money and percentages as exact decimal strings, never floats."""
    def amounts(total, fiscal, other):
        return None if total is None else {"total": format_number(total), "fiscal": format_number(fiscal),
                                           "other": format_number(other)}
    return {
        "version": 1,
        "unit": s.unit_name,
        "money_unit": UNIT,
        "checkpoints": s.checkpoints,
        "projects": [{
            "path": r.path, "code": r.code, "name": r.name, "budget": amounts(r.total, r.fiscal, r.other),
            "spend_plan": {str(m): format_number(v) for m, v in r.spend.items()},
            "indicators": r.indicators, "errors": r.errors, "warnings": r.warnings,
        } for r in s.rows],
        "total": {**amounts(s.total, s.fiscal, s.other), "indicators": s.indicators},
        "weighted_spend": {str(m): format_number(v) for m, v in s.weighted.items()},
        "errors": s.errors,
        "warnings": s.warnings,
    }


def write_text(s: Summary, out: TextIO, lang: str) -> None:
    from rich.console import Console
    from rich.table import Table

    head, body, total = table(s, lang)
    numeric = set(range(2, len(head)))
    t = Table(title=f"{s.unit_name or ''} {UNIT_NOTE(lang)}".strip(), show_lines=False, highlight=False)
    for i, h in enumerate(head):
        t.add_column(h, justify="right" if i in numeric else "left", overflow="fold")
    for i, row in enumerate(body):
        t.add_row(*row, end_section=i == len(body) - 1)
    t.add_row(*total, style="bold")
    width = None if out.isatty() else 200
    console = Console(file=out, highlight=False, soft_wrap=False, emoji=False, width=width)
    console.print(t)
    if s.weighted:
        console.print(curve_line(s, lang), markup=False)
        console.print(f"({WEIGHTED_NOTE(lang)})", style="dim", markup=False)


def write_md(s: Summary, out: TextIO, lang: str) -> None:
    from perfgoals.render import md_cell

    head, body, total = table(s, lang)
    align = ["---", "---"] + ["---:"] * (len(head) - 2)
    lines = [f"{UNIT_NOTE(lang)}", "", "| " + " | ".join(md_cell(h) for h in head) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in body]
    lines.append("| " + " | ".join(f"**{md_cell(c)}**" if c else "" for c in total) + " |")
    if s.weighted:
        lines += ["", md_cell(curve_line(s, lang)), "", f"*{md_cell(WEIGHTED_NOTE(lang))}*"]
    out.write("\n".join(lines) + "\n")


@dataclass(frozen=True)
class Chart:
    """An inline SVG line chart of cumulative spend (months 0–12 across, 0–100% up)."""
    width: int = 720
    height: int = 340
    left: int = 56
    right: int = 24
    top: int = 20
    bottom: int = 48

    def x(self, month: int | Decimal) -> str:
        return _coord(self.left + Decimal(month) / 12 * (self.width - self.left - self.right))

    def y(self, percent: Decimal) -> str:
        clamped = min(max(Decimal(percent), Decimal(0)), Decimal(100))
        return _coord(self.top + (1 - clamped / 100) * (self.height - self.top - self.bottom))

    def points(self, plan: dict[int, Decimal]) -> str:
        pts = [(0, Decimal(0))] + sorted(plan.items())
        return " ".join(f"{self.x(m)},{self.y(v)}" for m, v in pts)


def _coord(value: Decimal) -> str:
    return format_number(value.quantize(Decimal("0.1"), ROUND_HALF_UP))


def write_html(s: Summary, out: TextIO, lang: str) -> None:
    from perfgoals.render import environment, render_template

    head, body, total = table(s, lang)
    env = environment("html", None, lang)
    text = render_template(
        env, "summary.html.j2", lang, summary=s, head=head, body=body, total=total, chart=Chart(),
        curve=curve_line(s, lang) if s.weighted else "", labels={
            "title": T("绩效目标汇总", "Performance targets summary")(lang), "unit": UNIT_NOTE(lang),
            "weighted": WEIGHTED(lang), "note": WEIGHTED_NOTE(lang)},
        checkpoint_label=lambda m: checkpoint_label(m, lang), pct=pct, page_lang=lang,
    )
    out.write(text)


WRITERS = {"text": write_text, "md": write_md, "html": write_html}


def run(path: str, fmt: str, lang: str, out: TextIO, err: TextIO) -> int:
    from perfgoals import reporters
    from perfgoals.render import RenderError, emit
    from perfgoals.validate import EXIT_USAGE, validate

    report = validate([path], lang=lang)
    if report.unreadable:
        reporters.get("text")(report, err, lang)
        return EXIT_USAGE
    if not report.projects:
        err.write(T(f"perfgoals: {path} 中没有项目文件\n", f"perfgoals: no project files in {path}\n")(lang))
        return EXIT_USAGE
    s = summarize(report)
    if fmt == "json":
        emit(json.dumps(as_dict(s), ensure_ascii=False, indent=2) + "\n", out)
    elif fmt == "text":
        write_text(s, out, lang)
    else:
        import io

        buffer = io.StringIO()
        try:
            WRITERS[fmt](s, buffer, lang)
        except RenderError as exc:
            err.write(f"perfgoals: {exc}\n")
            return EXIT_USAGE
        emit(buffer.getvalue(), out)
    missing = [r.path for r in s.rows if r.total is None]
    if missing:
        files = "1 project file" if len(missing) == 1 else f"{len(missing)} project files"
        err.write(T(f"perfgoals：{len(missing)} 个项目文件有格式错误或无法读取，未计入合计（perfgoals validate 查看详情）\n",
                    f"perfgoals: {files} could not be read or had form errors, and are left out of the totals "
                    f"(perfgoals validate shows why)\n")(lang))
    return report.exit_code()
