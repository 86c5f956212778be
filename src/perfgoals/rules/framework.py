"""PG3xx: the indicator grid follows the framework (一级 → 二级 → 三级)."""

import difflib

from perfgoals.findings import Severity
from perfgoals.i18n import T
from perfgoals.rules.base import Hit, rule

_FRAMEWORK = T(
    "指标体系来自所选框架（perfgoals.yaml 的 framework）：默认 mof2015，即财预〔2015〕88号的三级指标体系——"
    "产出指标（数量、质量、时效、成本）、效益指标（经济、社会、生态、可持续影响）、满意度指标（服务对象满意度）；"
    "mof2021 为财预〔2021〕101号，成本指标升为一级。见 docs/DOMAIN.md“The documents”。",
    "Categories come from the chosen framework (framework in perfgoals.yaml): by default mof2015, the three-level "
    "system of 财预〔2015〕88号 — 产出指标 (数量, 质量, 时效, 成本), 效益指标 (经济, 社会, 生态, 可持续影响), "
    "满意度指标 (服务对象满意度); mof2021 (财预〔2021〕101号) makes 成本指标 a first-level category. See docs/DOMAIN.md.",
)


def _did_you_mean(guess):
    return T(f"是不是“{guess}”？", f"Did you mean '{guess}'? ") if guess else ""


def _suggest(name, options):
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.5)
    return close[0] if close else None


@rule(
    code="PG301",
    name="unknown-category",
    severity=Severity.ERROR,
    summary=T(
        "未知的一级/二级指标，或二级指标放在了错误的一级指标下（能看出所指类别时为警告）",
        "unknown 一级/二级 category, or a 二级 under the wrong 一级 (a warning where the meant category is clear)",
    ),
    message={
        "level1": T("“{name}”不是{framework}框架中的一级指标", "'{name}' is not a first-level category of {framework}"),
        "level2": T("“{name}”不是“{parent}”下的二级指标", "'{name}' is not a second-level category under '{parent}'"),
        "misplaced": T(
            "二级指标“{name}”应放在“{home}”下，而不是“{parent}”下；按“{home}”检查",
            "'{name}' belongs under '{home}', not under '{parent}'; checked as '{home}'",
        ),
        "guessed": T(
            "“{name}”不是{framework}框架中的名称，按“{treated}”检查",
            "'{name}' is not a category name of {framework}; checked as '{treated}'",
        ),
    },
    hint={
        "level1": T("{suggestion}一级指标可以是：{options}", "{suggestion}First-level categories: {options}"),
        "level2": T("{suggestion}“{parent}”下的二级指标可以是：{options}", "{suggestion}Under '{parent}': {options}"),
        "misplaced": T("把这一组指标移到“{home}”下。", "Move this group under '{home}'."),
        "guessed": T(
            "若本省表样就用这个名称，在 perfgoals.yaml 所选框架的 aliases 中登记它；否则改为“{treated}”。",
            "If your province's form uses this name, add it to the framework's aliases; else write '{treated}'.",
        ),
    },
    explanation=T(
        _FRAMEWORK.zh
        + "各省表样对类别的写法不一（“产出数量指标”“社会效益目标”、二级重复一级的名称、满意度放在效益下）："
        "能明确看出所指类别的，报告警告并按该类别继续检查指标值；看不出的才是错误。",
        _FRAMEWORK.en
        + " Provinces' forms name categories their own way (产出数量指标, 社会效益目标, a 二级 repeating its "
        "一级, satisfaction under 效益): where the meant category is clear this is a warning and the values are checked "
        "as that category; only a name that places nothing is an error.",
    ),
    bad="indicators:\n  产出指标:\n    办公经费指标:\n      - {name: 保障工作开展, target: 保障群众知情权}",
    good="indicators:\n  效益指标:\n    社会效益指标:\n      - {name: 保障工作开展, target: 保障群众知情权}",
)
def check_categories(project, ctx):
    fw = ctx.framework
    for level1, group in project.indicators.items():
        found = {level2: fw.classify(level1, level2) for level2 in group}
        l1 = fw.canonical(level1, 1)
        if l1 not in fw.level1:
            treated = {c.level1 for c in found.values() if c is not None}
            if not treated:
                guess = _suggest(level1, fw.level1)
                yield Hit(
                    ("indicators", level1),
                    {
                        "name": level1,
                        "framework": fw.name,
                        "options": "、".join(fw.level1),
                        "suggestion": _did_you_mean(guess),
                    },
                    "level1",
                    key=True,
                )
                continue
            if len(treated) == 1 and l1 not in fw.home:
                yield _guessed(("indicators", level1), level1, treated.pop(), fw)
        for level2, cat in found.items():
            yield from _level2(level1, level2, cat, fw)


def _level2(level1: str, level2: str, cat, fw):
    where = ("indicators", level1, level2)
    l1, l2 = fw.canonical(level1, 1), fw.canonical(level2, 2)
    if cat is None:
        options = fw.level2(l1) if l1 in fw.level1 else []
        guess = _suggest(level2, options)
        yield Hit(
            where,
            {"name": level2, "parent": level1, "options": "、".join(options), "suggestion": _did_you_mean(guess)},
            "level2",
            key=True,
        )
    elif cat.guessed and l2 in fw.home and l1 in fw.level1 and fw.home[l2] != l1:
        yield Hit(
            where,
            {"name": level2, "parent": level1, "home": fw.home[l2]},
            "misplaced",
            severity=Severity.WARNING,
            key=True,
        )
    elif cat.guessed and l2 != cat.level2:
        yield _guessed(where, level2, cat.level2 if cat.level2 != cat.level1 else cat.level1, fw)


def _guessed(where: tuple, name: str, treated: str, fw) -> Hit:
    return Hit(
        where, {"name": name, "framework": fw.name, "treated": treated}, "guessed", severity=Severity.WARNING, key=True
    )


@rule(
    code="PG302",
    name="missing-category",
    severity=Severity.ERROR,
    summary=T(
        "必需的指标类别没有指标：产出、效益为错误，成本、满意度为警告",
        "a required category has no indicator: 产出 and 效益 are errors; 成本 and 满意度 warnings",
    ),
    message=T("没有“{category}”类的指标", "no indicator in '{category}'"),
    hint=T(
        "在 indicators 下添加“{category}”及至少一个三级指标。",
        "Add '{category}' with at least one indicator under indicators.",
    ),
    explanation=T(
        "中发〔2018〕34号要求绩效目标覆盖产出、成本、效益和服务对象满意度；财预〔2020〕10号的评价权重中产出 50、效益 30、"
        "满意度 10。因此缺少产出或效益指标是错误，缺少成本或满意度指标是警告（docs/DOMAIN.md）。",
        "中发〔2018〕34号 requires targets to cover outputs, cost, benefit and beneficiary satisfaction; 财预〔2020〕10号 "
        "weights outputs 50, benefit 30, satisfaction 10. So a missing 产出 or 效益 is an error, a missing 成本 or "
        "满意度 a warning (docs/DOMAIN.md).",
    ),
    bad="indicators:\n  产出指标:\n    数量指标:\n      - {name: 印刷数量, target: ≥1500 册}\n"
    "    成本指标:\n      - {name: 印刷费, target: ≤0.45 万元}\n"
    "  满意度指标:\n    服务对象满意度指标:\n      - {name: 服务对象满意度, target: ≥90%}",
    good="indicators:\n  产出指标:\n    数量指标:\n      - {name: 印刷数量, target: ≥1500 册}\n"
    "    成本指标:\n      - {name: 印刷费, target: ≤0.45 万元}\n"
    "  效益指标:\n    社会效益指标:\n      - {name: 保障工作开展, target: 保障群众知情权}\n"
    "  满意度指标:\n    服务对象满意度指标:\n      - {name: 服务对象满意度, target: ≥90%}",
)
def check_required(project, ctx):
    fw = ctx.framework
    counts: dict[tuple, int] = {}
    where: dict[str, str] = {}  # framework level1 -> the key written in the file
    for level1, group in project.indicators.items():  # counted per category, not per indicator
        for level2, items in group.items():
            if items:
                cat = fw.classify(level1, level2)  # a guessed category counts as the one it is checked as
                l1, l2 = (
                    (cat.level1, cat.level2) if cat is not None else (fw.canonical(level1, 1), fw.canonical(level2, 2))
                )
                where.setdefault(l1, level1)
                counts[(l1,)] = counts.get((l1,), 0) + len(items)
                counts[(l1, l2)] = counts.get((l1, l2), 0) + len(items)
    for path, level in fw.required():
        if counts.get(path):
            continue
        if len(path) == 2 and not counts.get(path[:1]):
            continue  # the whole first-level category is missing: reported once, for it
        at = ("indicators", where[path[0]]) if len(path) == 2 and path[0] in where else ("indicators",)
        yield Hit(at, {"category": path[-1]}, severity=Severity(level), key=True)


@rule(
    code="PG303",
    name="duplicate-indicator",
    severity=Severity.ERROR,
    summary=T("一个项目中有两个同名的指标", "two indicators with the same name in one project"),
    message=T(
        "三级指标“{name}”重复（第一次在第 {first_line} 行）",
        "indicator '{name}' appears twice (first on line {first_line})",
    ),
    hint=T("合并这两个指标，或改用能区分它们的名称。", "Merge them, or give them names that tell them apart."),
    explanation=T(
        "三级指标名称在一个项目内唯一：评价、比较两个版本（perfgoals diff）和单价指标的 per 都靠名称找到指标。",
        "Indicator names are unique within a project: evaluation, diffs between drafts and a unit cost's per all "
        "find an indicator by its name.",
    ),
    bad="indicators:\n  产出指标:\n    数量指标:\n      - {name: 印刷数量, target: ≥1500 册}\n"
    "      - {name: 印刷数量, target: ≥2000 册}",
    good="indicators:\n  产出指标:\n    数量指标:\n      - {name: 印刷数量, target: ≥1500 册}",
)
def check_duplicates(project, ctx):
    seen: dict[str, tuple] = {}
    for level1, level2, index, indicator in project.iter_indicators():
        path = ("indicators", level1, level2, index, "name")
        if indicator.name in seen:
            first_line = ctx.doc.locate(seen[indicator.name])[0] if ctx.doc else 0
            yield Hit(path, {"name": indicator.name, "first_line": first_line})
        else:
            seen[indicator.name] = path
