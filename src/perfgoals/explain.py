"""`perfgoals rules`: the catalogue, and one rule explained with examples (like `ruff rule`)."""

from __future__ import annotations

import json
from typing import TextIO

from perfgoals.i18n import T
from perfgoals.rules import load_all

_HEAD = (T("代码", "code"), T("名称", "name"), T("默认级别", "default"), T("说明", "summary"))
_LEVEL = {"error": T("错误", "error"), "warning": T("警告", "warning")}
_BAD = T("会报告的写法", "Fails")
_GOOD = T("正确的写法", "Passes")
_SEVERITY = T("默认级别", "Default severity")
_CONFIGURE = T(
    "在 perfgoals.yaml 中调整：rules: {{{code}: warning}} 或 {code}: off",
    "Configure in perfgoals.yaml: rules: {{{code}: warning}} or {code}: off",
)


def _rule_dict(rule, lang: str) -> dict:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "group": rule.group,
        "summary": rule.summary(lang),
        "explanation": rule.explanation(lang),
        "bad": rule.bad,
        "good": rule.good,
    }


# The shape of `perfgoals rules --format json`, as `version` in every JSON output (README: compatibility).
JSON_VERSION = 1


def rule_help(rule, lang: str) -> tuple[str, str]:
    """A rule's help as plain text and as Markdown: summary, explanation, the examples, how to configure it
    (SARIF's rule help; what `perfgoals rules CODE` prints)."""
    text = [f"{rule.code} {rule.name}: {rule.summary(lang)}", "", rule.explanation(lang), ""]
    markdown = [f"**{rule.code} {rule.name}**: {rule.summary(lang)}", "", rule.explanation(lang), ""]
    for title, example in ((_BAD, rule.bad), (_GOOD, rule.good)):
        if example:
            text += [f"{title(lang)}:", "", *("    " + ln for ln in example.splitlines()), ""]
            markdown += [f"{title(lang)}:", "", "```yaml", example, "```", ""]
    configure = _CONFIGURE(lang).format(code=rule.code)
    return "\n".join([*text, configure]), "\n".join([*markdown, configure])


def catalogue(out: TextIO, lang: str, fmt: str = "text") -> None:
    registry = load_all()
    if fmt == "json":
        rules = [_rule_dict(r, lang) for r in registry.values()]
        json.dump({"version": JSON_VERSION, "rules": rules}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*(head(lang) for head in _HEAD), box=None, pad_edge=False, show_edge=False)
    for r in registry.values():
        level = _LEVEL[r.severity.value](lang)
        if r.code == "PG302":
            level = f"{_LEVEL['error'](lang)} / {_LEVEL['warning'](lang)}"
        table.add_row(r.code, r.name, level, r.summary(lang))
    Console(file=out, highlight=False, soft_wrap=False, width=200 if not out.isatty() else None).print(table)


def explain(code: str, out: TextIO, lang: str, fmt: str = "text") -> bool:
    registry = load_all()
    rule = registry.get(code)
    if rule is None:
        return False
    if fmt == "json":
        json.dump({"version": JSON_VERSION, **_rule_dict(rule, lang)}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return True
    lines = [
        f"{rule.code} {rule.name}: {rule.summary(lang)}",
        "",
        f"{_SEVERITY(lang)}: {_LEVEL[rule.severity.value](lang)}",
        "",
        rule.explanation(lang),
        "",
    ]
    if rule.bad:
        lines += [f"{_BAD(lang)}:", "", *("    " + ln for ln in rule.bad.splitlines()), ""]
    if rule.good:
        lines += [f"{_GOOD(lang)}:", "", *("    " + ln for ln in rule.good.splitlines()), ""]
    lines.append(_CONFIGURE(lang).format(code=rule.code))
    out.write("\n".join(lines) + "\n")
    return True
