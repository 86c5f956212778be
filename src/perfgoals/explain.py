"""`perfgoals rules`: the catalogue, and one rule explained with examples (like `ruff rule`)."""

from __future__ import annotations

import json
from typing import TextIO

from perfgoals.rules import load_all

_HEAD = {"zh": ("代码", "名称", "默认级别", "说明"), "en": ("code", "name", "default", "summary")}
_LEVEL = {"zh": {"error": "错误", "warning": "警告"}, "en": {"error": "error", "warning": "warning"}}
_LABELS = {
    "zh": {"bad": "会报告的写法", "good": "正确的写法", "severity": "默认级别", "configure":
           "在 perfgoals.yaml 中调整：rules: {{{code}: warning}} 或 {code}: off"},
    "en": {"bad": "Fails", "good": "Passes", "severity": "Default severity", "configure":
           "Configure in perfgoals.yaml: rules: {{{code}: warning}} or {code}: off"},
}


def _rule_dict(rule, lang: str) -> dict:
    return {"code": rule.code, "name": rule.name, "severity": rule.severity.value, "summary": rule.summary(lang),
            "explanation": rule.explanation(lang), "bad": rule.bad, "good": rule.good}


def catalogue(out: TextIO, lang: str, fmt: str = "text") -> None:
    registry = load_all()
    if fmt == "json":
        json.dump([_rule_dict(r, lang) for r in registry.values()], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*_HEAD[lang], box=None, pad_edge=False, show_edge=False)
    for r in registry.values():
        level = _LEVEL[lang][r.severity.value]
        if r.code == "PG302":
            level = f"{_LEVEL[lang]['error']} / {_LEVEL[lang]['warning']}"
        table.add_row(r.code, r.name, level, r.summary(lang))
    Console(file=out, highlight=False, soft_wrap=False, width=200 if not out.isatty() else None).print(table)


def explain(code: str, out: TextIO, lang: str, fmt: str = "text") -> bool:
    registry = load_all()
    rule = registry.get(code)
    if rule is None:
        return False
    if fmt == "json":
        json.dump(_rule_dict(rule, lang), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return True
    labels = _LABELS[lang]
    lines = [f"{rule.code} {rule.name}: {rule.summary(lang)}", "",
             f"{labels['severity']}: {_LEVEL[lang][rule.severity.value]}", "", rule.explanation(lang), ""]
    if rule.bad:
        lines += [f"{labels['bad']}:", "", *("    " + l for l in rule.bad.splitlines()), ""]
    if rule.good:
        lines += [f"{labels['good']}:", "", *("    " + l for l in rule.good.splitlines()), ""]
    lines.append(labels["configure"].format(code=rule.code))
    out.write("\n".join(lines) + "\n")
    return True
