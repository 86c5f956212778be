"""PG5xx: cost indicators are money and stay within the budget."""

from decimal import Decimal

from perfgoals.findings import Severity
from perfgoals.i18n import T
from perfgoals.rules.base import Hit, example, rule
from perfgoals.targets import MONEY_UNITS, Quantity, format_number

_YUAN = MONEY_UNITS  # 元 per unit: budgets are in 万元 or 元, caps in any money unit


def budget_in_yuan(project) -> Decimal:
    return project.budget.total * _YUAN[project.money_unit]


def _in_budget_unit(project, yuan: Decimal) -> str:
    return f"{format_number((yuan / _YUAN[project.money_unit]).normalize())} {project.money_unit}"


def _money(ind) -> Quantity | None:
    p = ind.parsed
    return p if isinstance(p, Quantity) and p.is_money else None


_COST = T(
    "成本指标反映预算资金的成本（单位成本或总成本），应以金额表示，且不能超过预算（财预〔2021〕101号：成本指标的值不应超过"
    "预算）。docs/DOMAIN.md“审核退回”：成本指标超出预算、或不是金额（成本控制率 100%）会被退回。",
    "A cost indicator states the unit or total cost in money and must not exceed the budget (财预〔2021〕101号). "
    "A cost above the budget, or one that is not money (成本控制率 100%), is sent back (docs/DOMAIN.md).",
)


@rule(
    code="PG501", name="cost-above-budget", severity=Severity.ERROR,
    summary=T("成本指标的金额上限超过预算", "a money cap in a 成本 indicator above the budget"),
    message=T("成本指标“{name}”的金额 {target}（= {amount}）超过预算数 {total} {money_unit}",
              "cost '{name}': {target} (= {amount}) exceeds the budget of {total} {money_unit}"),
    hint=T("成本上限不能超过预算数；检查单位（元、万元）是否写错。", "A cost cap cannot exceed the budget; check 元 against 万元."),
    explanation=_COST,
    bad="budget: {total: 0.90, fiscal: 0.90, other: 0}\n" + example("成本指标", "{name: 按总成本控制, target: ≤9 万元}"),
    good="budget: {total: 0.90, fiscal: 0.90, other: 0}\n" + example("成本指标", "{name: 按总成本控制, target: ≤0.9 万元}"),
)
def check_cap(project, ctx):
    total = budget_in_yuan(project)
    for path, ind in ctx.indicators_of(project, "cost"):
        money = _money(ind)
        if money is None or ind.per is not None:
            continue
        if money.in_yuan() > total:
            yield Hit(path + ("target",), {"name": ind.name, "target": ind.target,
                                            "amount": _in_budget_unit(project, money.in_yuan()),
                                            "total": project.budget.total, "money_unit": project.money_unit})


@rule(
    code="PG502", name="unit-cost-above-budget", severity=Severity.ERROR,
    summary=T("单位成本 × 对应数量超过预算", "unit cost × the quantity it is per above the budget"),
    message={
        "": T("单位成本“{name}”{target} × “{per}”{quantity} = {amount}，超过预算数 {total} {money_unit}",
              "unit cost '{name}' {target} × '{per}' {quantity} = {amount}, above the budget of {total} {money_unit}"),
        "missing": T("单位成本“{name}”的 per 指向的指标“{per}”不存在", "unit cost '{name}': per names '{per}', which does not exist"),
        "not_quantity": T("单位成本“{name}”的 per 指向的指标“{per}”的指标值“{quantity}”不是数量",
                          "unit cost '{name}': '{per}' has no quantity ('{quantity}')"),
    },
    hint={
        "": T("降低单价或数量，或核对预算数。", "Lower the unit cost or the quantity, or check the budget."),
        "missing": T("per 写数量指标的三级指标名称，例如 per: 印刷数量。", "per names a 数量指标, e.g. per: 印刷数量."),
        "not_quantity": T("per 指向的指标应有数量目标，如 ≥1500 册。", "The indicator named by per needs a quantity, e.g. ≥1500 册."),
    },
    explanation=T(
        "单位成本指标（如 ≤3 元/册）用 per 指明所乘的数量指标。单价 × 数量不能超过预算：源文件项目 3 中 3 元 × 1500 册 "
        "= 0.45 万元，恰好等于预算。", 
        "A unit cost (≤3 元 a copy) names with per the 数量指标 it multiplies. Unit cost × quantity must fit the budget: "
        "in the source document's project 3, 3 元 × 1500 册 = 0.45 万元, exactly the budget.",
    ),
    bad="budget: {total: 0.45, fiscal: 0.45, other: 0}\nindicators:\n  产出指标:\n    数量指标:\n"
        "      - {name: 印刷数量, target: ≥2000 册}\n    成本指标:\n      - {name: 印刷费, target: ≤3 元, per: 印刷数量}",
    good="budget: {total: 0.45, fiscal: 0.45, other: 0}\nindicators:\n  产出指标:\n    数量指标:\n"
         "      - {name: 印刷数量, target: ≥1500 册}\n    成本指标:\n      - {name: 印刷费, target: ≤3 元, per: 印刷数量}",
)
def check_unit_cost(project, ctx):
    by_name = {ind.name: ind for _, _, _, ind in project.iter_indicators()}
    total = budget_in_yuan(project)
    for path, ind in ctx.indicators_of(project, "cost"):
        if ind.per is None:
            continue
        params = {"name": ind.name, "target": ind.target, "per": ind.per, "total": project.budget.total,
                  "money_unit": project.money_unit}
        other = by_name.get(ind.per)
        if other is None:
            yield Hit(path + ("per",), params, "missing")
            continue
        quantity = other.parsed
        params["quantity"] = other.target
        if not isinstance(quantity, Quantity):
            yield Hit(path + ("per",), params, "not_quantity")
            continue
        money = _money(ind)
        if money is None:
            continue  # PG503 says it is not money
        amount = money.in_yuan() * quantity.value
        if amount > total:
            params["amount"] = _in_budget_unit(project, amount)
            yield Hit(path + ("target",), params)


@rule(
    code="PG503", name="cost-not-money", severity=Severity.WARNING,
    summary=T("成本指标的指标值不是金额", "a 成本 indicator whose target is not money"),
    message=T("成本指标“{name}”的指标值“{target}”不是金额", "cost indicator '{name}': '{target}' is not money"),
    hint=T("成本指标写金额上限，如 ≤25 万元 或单价 ≤3 元；预算执行率等放到其他类别。",
           "Write a money cap (≤25 万元) or a unit cost (≤3 元); budget execution rates belong elsewhere."),
    explanation=_COST,
    bad=example("成本指标", "{name: 全年预算资金完成率, target: ≥90%}"),
    good=example("成本指标", "{name: 按总成本控制, target: ≤200 万元}"),
)
def check_not_money(project, ctx):
    for path, ind in ctx.indicators_of(project, "cost"):
        if _money(ind) is None:
            yield Hit(path + ("target",), {"name": ind.name, "target": ind.target})
