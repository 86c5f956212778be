"""Writing a project file in the canonical layout of `data/projects/*.yaml`.

A small emitter rather than a YAML library's dumper, because the layout is part of the
format users read and diff: one key a line, `unit`, `budget` and `spend_plan` as flow
mappings, each indicator as a one-line flow record, money exactly as written.  Every
scalar is written plain only when a YAML 1.1 parser (which turns `yes` into a boolean
and `1:30` into a number) and perfgoals' own loader (both backends) read it back as the
same text; otherwise it is double-quoted.  All-digit codes therefore always get their quotes.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import yaml

from perfgoals.targets import format_number

INDICATOR_KEYS = ("name", "description", "target", "per", "basis", "note")
_MONEY_TEXT = re.compile(r"[-+]?\d+(\.\d+)?")
_PERCENT_TEXT = re.compile(r"[-+]?\d+(\.\d+)?%")
# Characters YAML cannot hold unescaped, and line breaks that would fold.
_NEEDS_ESCAPE = re.compile('[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\n\t\\\\"]')


_SAFE_LOADER = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or "\n" in text or _NEEDS_ESCAPE.search(text):
        return False
    if flow and any(ch in text for ch in ",[]{}"):
        return False
    probe = f"{{k: {text}}}" if flow else f"k: {text}"
    try:
        loaded = yaml.load(probe, Loader=_SAFE_LOADER)  # libyaml's C loader: 40,000 scalars took 15 s in Python
    except (yaml.YAMLError, ValueError):  # ValueError: PyYAML's int() of over 4,300 digits
        return False
    if not (isinstance(loaded, dict) and loaded.get("k") == text and type(loaded.get("k")) is str):
        return False
    # perfgoals' own loader reads numbers as Decimals (1e3 too): it must see text as well.  Its two
    # backends give the same answer for every text (source.parse), so one reading is enough.
    from perfgoals import source

    try:
        data = source.parse(probe).data
    except source.SourceError:
        return False
    return isinstance(data, dict) and type(data.get("k")) is str and data.get("k") == text


def _quoted(text: str) -> str:
    def esc(m: re.Match) -> str:
        ch = m.group(0)
        return {"\n": "\\n", "\t": "\\t", "\\": "\\\\", '"': '\\"'}.get(ch) or f"\\u{ord(ch):04x}"

    return '"' + _NEEDS_ESCAPE.sub(esc, text) + '"'


def scalar(value: Any, flow: bool = False) -> str:
    """One scalar: Decimal/int as numbers; text plain when that reads back unchanged, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return text if _plain_ok(text, flow) else _quoted(text)


def money(value: Any) -> str:
    """Money as written: a Decimal, or the text the user typed (plain when it is a number, so it
    reads back as the same decimal; quoted otherwise, so `validate` reports it)."""
    if isinstance(value, str) and _MONEY_TEXT.fullmatch(value.strip()):
        return value.strip()
    return scalar(value, flow=True)


def percent(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{format_number(value)}%"
    if isinstance(value, str) and _PERCENT_TEXT.fullmatch(value.strip()):
        return value.strip()
    return scalar(value, flow=True)


def _flow(pairs: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"


def project_yaml(data: dict[str, Any], comments: list[str] | None = None) -> str:
    """The canonical text of one project.  `data` holds what the importer read: model field names,
    Decimals for money and percentages, or the text the user typed where it was not a number."""
    lines: list[str] = [f"# {c}" for line in (comments or []) for c in line.splitlines() or [""]]
    if "year" in data:
        lines.append(f"year: {scalar(data['year'])}")
    unit = data.get("unit") or {}
    if unit:
        lines.append("unit: " + _flow([(k, scalar(unit[k], flow=True)) for k in ("code", "name") if k in unit]))
    for key in ("code", "name"):
        if key in data:
            lines.append(f"{key}: {scalar(data[key])}")
    budget = data.get("budget") or {}
    if budget:
        lines.append("budget: " + _flow([(k, money(budget[k])) for k in ("total", "fiscal", "other") if k in budget]))
    if data.get("money_unit", "万元") != "万元":
        lines.append(f"money_unit: {scalar(data['money_unit'])}")
    for key in ("authority", "implementer", "attribute", "purpose", "period"):
        if data.get(key) is not None:
            lines.append(f"{key}: {scalar(data[key])}")
    if isinstance(data.get("budget_period"), str):  # as the sheet had it, for validate to name
        lines.append(f"budget_period: {scalar(data['budget_period'])}")
    elif data.get("budget_period"):
        period = data["budget_period"]
        lines.append(
            "budget_period: " + _flow([(k, money(period[k])) for k in ("total", "fiscal", "other") if k in period])
        )
    if data.get("spend_plan") is not None:
        plan = data["spend_plan"]
        lines.append("spend_plan: " + _flow([(str(m), percent(v)) for m, v in plan.items()]))
    for key in ("long_term_goal", "goal"):
        if data.get(key) is not None:
            lines.append(f"{key}: {scalar(data[key])}")
    lines.append("indicators:" + ("" if data.get("indicators") else " {}"))
    for level1, group in (data.get("indicators") or {}).items():
        lines.append(f"  {scalar(level1)}:" + ("" if group else " {}"))
        for level2, items in group.items():
            lines.append(f"    {scalar(level2)}:" + ("" if items else " []"))
            for item in items:
                pairs = [(k, scalar(item[k], flow=True)) for k in INDICATOR_KEYS if item.get(k) is not None]
                lines.append("      - " + _flow(pairs))
    return "\n".join(lines) + "\n"


def project_data(project: Any) -> dict[str, Any]:
    """A loaded Project as the dict project_yaml writes (used to write a model back out)."""
    return {
        "year": project.year,
        "unit": {"code": project.unit.code, "name": project.unit.name},
        "code": project.code,
        "name": project.name,
        "budget": {"total": project.budget.total, "fiscal": project.budget.fiscal, "other": project.budget.other},
        "money_unit": project.money_unit,
        "authority": project.authority,
        "implementer": project.implementer,
        "attribute": project.attribute,
        "purpose": project.purpose,
        "period": project.period,
        "budget_period": project.budget_period.model_dump() if project.budget_period is not None else None,
        "spend_plan": dict(project.spend_plan) if project.spend_plan is not None else None,
        "long_term_goal": project.long_term_goal,
        "goal": project.goal,
        "indicators": {
            l1: {l2: [i.model_dump(exclude_none=True) for i in items] for l2, items in group.items()}
            for l1, group in project.indicators.items()
        },
    }
