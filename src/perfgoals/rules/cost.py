"""PG5xx: cost indicators are money and stay within the budget."""

import re
from decimal import Decimal

from perfgoals.findings import Severity
from perfgoals.i18n import T
from perfgoals.rules.base import Hit, example, rule
from perfgoals.targets import MONEY_UNITS, Quantity, format_number, unfinished

_YUAN = MONEY_UNITS  # 元 per unit: budgets are in 万元 or 元, caps in any money unit


def budget_in_yuan(project) -> Decimal:
    return project.budget.total * _YUAN[project.money_unit]


def _in_budget_unit(project, yuan: Decimal) -> str:
    return f"{format_number((yuan / _YUAN[project.money_unit]).normalize())} {project.money_unit}"


def _money(ind) -> Quantity | None:
    """A money target: a total (`≤25 万元`) or a unit price (`≤85 元/平方米`)."""
    p = ind.parsed
    return p if isinstance(p, Quantity) and p.is_money else None


# A price per pupil a year (元/生/年, 元/人·年) in a one-year table is a price per pupil: 生 and 名 count 人.
_PER_YEAR = re.compile(r"[/·.](?:年|每年)$")
_SAME_COUNT = {"生": "人", "学生": "人", "名": "人", "人次": "人次"}


def _per_unit(per: str) -> str:
    bare = _PER_YEAR.sub("", per)
    return _SAME_COUNT.get(bare, bare)


def _priced(project, ctx, per: str) -> list:
    """The 数量指标 whose unit is what a unit price is per: 平方米 for `元/平方米`, 亩 for `0.5万亩`, 人 for
    `780元/生/年`."""
    want = _per_unit(per)
    found = []
    for _, ind in ctx.indicators_of(project, "quantity"):
        q = ind.parsed
        if isinstance(q, Quantity) and _per_unit(q.unit + (f"/{q.per}" if q.per else "")) == want:
            found.append(ind)
    return found


def _rounding(price: Quantity) -> Decimal:
    """Half a unit in the last written digit, in 元: a printed 82.47 may be 82.468 rounded."""
    return Decimal(5).scaleb(price.value.as_tuple().exponent - 1) * _YUAN[price.unit]


_COST = T(
    "成本指标反映预算资金的成本（单位成本或总成本），应以金额表示，且不能超过预算（财预〔2021〕101号：成本指标的值不应超过"
    "预算）。docs/DOMAIN.md“审核退回”：成本指标超出预算、或不是金额（成本控制率 100%）会被退回。",
    "A cost indicator states the unit or total cost in money and must not exceed the budget (财预〔2021〕101号). "
    "A cost above the budget, or one that is not money (成本控制率 100%), is sent back (docs/DOMAIN.md).",
)


@rule(
    code="PG501",
    name="cost-above-budget",
    severity=Severity.ERROR,
    summary=T("成本指标的金额上限超过预算", "a money cap in a 成本 indicator above the budget"),
    message=T(
        "成本指标“{name}”的金额 {target}（= {amount}）超过预算数 {total} {money_unit}",
        "cost '{name}': {target} (= {amount}) exceeds the budget of {total} {money_unit}",
    ),
    hint=T(
        "成本上限不能超过预算数；检查单位（元、万元）是否写错。",
        "A cost cap cannot exceed the budget; check 元 against 万元.",
    ),
    explanation=_COST,
    bad="budget: {total: 0.90, fiscal: 0.90, other: 0}\n"
    + example("成本指标", "{name: 按总成本控制, target: ≤9 万元}"),
    good="budget: {total: 0.90, fiscal: 0.90, other: 0}\n"
    + example("成本指标", "{name: 按总成本控制, target: ≤0.9 万元}"),
)
def check_cap(project, ctx):
    total = budget_in_yuan(project)
    for path, ind in ctx.indicators_of(project, "cost"):
        money = _money(ind)
        if money is None or ind.per is not None or money.is_unit_price:
            continue  # a unit price is multiplied by its quantity (PG502), never compared with the budget
        if money.in_yuan() > total:
            yield Hit(
                path + ("target",),
                {
                    "name": ind.name,
                    "target": ind.target,
                    "amount": _in_budget_unit(project, money.in_yuan()),
                    "total": project.budget.total,
                    "money_unit": project.money_unit,
                },
            )


@rule(
    code="PG502",
    name="unit-cost-above-budget",
    severity=Severity.ERROR,
    summary=T("单位成本 × 对应数量超过预算", "unit cost × the quantity it is per above the budget"),
    message={
        "": T(
            "单位成本“{name}”{target} × “{per}”{quantity} = {amount}，超过预算数 {total} {money_unit}",
            "unit cost '{name}' {target} × '{per}' {quantity} = {amount}, above the budget of {total} {money_unit}",
        ),
        "missing": T(
            "单位成本“{name}”的 per 指向的指标“{per}”不存在",
            "unit cost '{name}': per names '{per}', which does not exist",
        ),
        "not_quantity": T(
            "单位成本“{name}”的 per 指向的指标“{per}”的指标值“{quantity}”不是数量",
            "unit cost '{name}': '{per}' has no quantity ('{quantity}')",
        ),
    },
    hint={
        "": T("降低单价或数量，或核对预算数。", "Lower the unit cost or the quantity, or check the budget."),
        "missing": T("per 写数量指标的三级指标名称，例如 per: 印刷数量。", "per names a 数量指标, e.g. per: 印刷数量."),
        "not_quantity": T(
            "per 指向的指标应有数量目标，如 ≥1500 册。", "The indicator named by per needs a quantity, e.g. ≥1500 册."
        ),
    },
    explanation=T(
        "单位成本指标（如 ≤3 元/册）用 per 指明所乘的数量指标；没有 per 时，单价（85元/平方米）乘以计量单位与“/”后相同的"
        "那个数量指标（23500平方米）。单价 × 数量不能超过预算：源文件项目 3 中 3 元 × 1500 册 = 0.45 万元，恰好等于预算。"
        "单价按印出的位数可能经过四舍五入，因此允许最后一位的半个单位：82.47 元/平方米 × 23500 平方米 = 193.8045 万元，"
        "不算超出 193.8 万元的预算（193.8 万元 ÷ 23500 = 82.468…）。",
        "A unit cost (≤3 元 a copy) names with per the 数量指标 it multiplies; without per, a unit price (85元/平方米) "
        "multiplies the one 数量指标 in the unit after its slash (23500平方米). Unit cost × quantity must fit the budget: "
        "in the source document's project 3, 3 元 × 1500 册 = 0.45 万元, exactly the budget. A printed price may be "
        "rounded, so half a unit in its last digit is allowed: 82.47 元/平方米 × 23500 平方米 = 193.8045 万元 is not "
        "above a budget of 193.8 万元 (193.8 万元 ÷ 23500 = 82.468…).",
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
        params = {
            "name": ind.name,
            "target": ind.target,
            "per": ind.per,
            "total": project.budget.total,
            "money_unit": project.money_unit,
        }
        other, problem = _multiplied(ind, project, ctx, by_name)
        if problem:
            params["quantity"] = other.target if other is not None else ""
            yield Hit(path + ("per",), params, problem)
            continue
        money = _money(ind)
        if other is None or money is None:
            continue  # PG503 says it is not money; PG504 that a unit price has nothing to multiply
        quantity = other.parsed
        # The price as printed may be rounded: 82.47 元/平方米 is 193.8 万元 ÷ 23,500 平方米 = 82.468….
        if (money.in_yuan() - _rounding(money)) * quantity.value > total:
            params.update(
                per=other.name, quantity=other.target, amount=_in_budget_unit(project, money.in_yuan() * quantity.value)
            )
            yield Hit(path + ("target",), params)


def has_gaps(project) -> bool:
    """An indicator PG002 reported is left out of a partial project: it may be the one a rule looks for."""
    return any(i is None for group in project.indicators.values() for items in group.values() for i in items)


def _multiplied(ind, project, ctx, by_name) -> tuple:
    """(the 数量指标 a cost multiplies, None) or (it, "missing"/"not_quantity") for a wrong `per`.  Without
    `per`, a unit price multiplies the one 数量指标 in the unit after its slash."""
    if ind.per is None:
        money = _money(ind)
        found = _priced(project, ctx, money.per) if money is not None and money.is_unit_price else []
        return (found[0] if len(found) == 1 else None), None
    other = by_name.get(ind.per)
    if other is None:
        return None, None if has_gaps(project) else "missing"
    if not isinstance(other.parsed, Quantity):
        return other, "not_quantity"
    return other, None


@rule(
    code="PG503",
    name="cost-not-money",
    severity=Severity.WARNING,
    summary=T("成本指标的指标值不是金额", "a 成本 indicator whose target is not money"),
    message=T("成本指标“{name}”的指标值“{target}”不是金额", "cost indicator '{name}': '{target}' is not money"),
    hint=T(
        "成本指标写金额上限，如 ≤25 万元 或单价 ≤3 元；预算执行率等放到其他类别。",
        "Write a money cap (≤25 万元) or a unit cost (≤3 元); budget execution rates belong elsewhere.",
    ),
    explanation=_COST,
    bad=example("成本指标", "{name: 全年预算资金完成率, target: ≥90%}"),
    good=example("成本指标", "{name: 按总成本控制, target: ≤200 万元}"),
)
def check_not_money(project, ctx):
    for path, ind in ctx.indicators_of(project, "cost"):
        if _money(ind) is None and not unfinished(ind.target):  # an unfilled template cell is PG304's
            yield Hit(path + ("target",), {"name": ind.name, "target": ind.target})


@rule(
    code="PG504",
    name="unit-price-without-quantity",
    severity=Severity.WARNING,
    summary=T("单价没有可相乘的数量指标", "a unit price with no quantity to multiply"),
    message={
        "": T(
            "成本指标“{name}”的单价 {target} 没有可相乘的数量：没有 per，也没有以“{unit}”计的数量指标",
            "unit price '{name}' {target} has nothing to multiply: no per, and no 数量指标 in {unit}",
        ),
        "several": T(
            "成本指标“{name}”的单价 {target} 可乘的以“{unit}”计的数量指标不止一个（{names}）",
            "unit price '{name}' {target} could multiply several 数量指标 in {unit} ({names})",
        ),
    },
    hint={
        "": T(
            "添加以“{unit}”计的数量指标，或用 per 指明单价所乘的数量指标，才能核对单价 × 数量是否超出预算。",
            "Add a 数量指标 in {unit}, or name with per the one the price multiplies, so that price × quantity "
            "can be checked against the budget.",
        ),
        "several": T(
            "用 per 指明单价所乘的数量指标，例如 per: {first}。",
            "Name the one it multiplies with per, e.g. per: {first}.",
        ),
    },
    explanation=T(
        "单价（如 85元/平方米）只有乘以数量才能与预算核对。这条规则依据的是评审实践，而不是文件的明文规定："
        "评审人员用单价 × 数量核对成本与预算是否相符（财预〔2015〕88号要求指标与资金相应匹配），表中找不到对应的数量时会退回，"
        "见 docs/DOMAIN.md“审核退回”。perfgoals 自动使用计量单位与单价“/”后相同的数量指标（PG502）；没有或不止一个时，请用 per 指明。",
        "A unit price (85元/平方米) can be checked against the budget only when multiplied by a quantity. The rule rests "
        "on reviewers' practice, not on a written provision: reviewers check price × quantity against the budget "
        "(财预〔2015〕88号 asks for targets matched to the money) and send a table back when it gives no quantity to "
        "multiply (docs/DOMAIN.md). PG502 multiplies by the 数量指标 in the unit after the slash; when there is none, "
        "or several, name it with per.",
    ),
    bad="budget: {total: 193.8, fiscal: 193.8, other: 0}\n"
    + example("成本指标", "{name: 场坪硬化单价, target: ≤82.47 元/平方米}"),
    good="budget: {total: 193.8, fiscal: 193.8, other: 0}\nindicators:\n  产出指标:\n    数量指标:\n"
    "      - {name: 场坪硬化面积, target: ≥23500 平方米}\n    成本指标:\n"
    "      - {name: 场坪硬化单价, target: ≤82.47 元/平方米}",
)
def check_unit_price_alone(project, ctx):
    for path, ind in ctx.indicators_of(project, "cost"):
        price = _money(ind)
        if ind.per is not None or price is None or not price.is_unit_price or not price.value:
            continue  # a price of 0 is PG505's: reported once
        found = _priced(project, ctx, price.per)
        if len(found) == 1 or not found and has_gaps(project):
            continue
        names = [other.name for other in found]
        yield Hit(
            path + ("target",),
            {
                "name": ind.name,
                "target": ind.target,
                "unit": price.per,
                "names": "、".join(names),
                "first": names[0] if names else "",
            },
            "several" if names else "",
        )


@rule(
    code="PG505",
    name="cost-floor",
    severity=Severity.WARNING,
    summary=T("成本指标设了下限（≥）或为零", "a 成本 target that sets a floor (≥) or is zero"),
    message={
        "floor": T(
            "成本指标“{name}”的指标值 {target} 是下限：成本应控制在上限以内",
            "cost indicator '{name}': {target} is a floor, but a cost is capped",
        ),
        "zero": T("成本指标“{name}”的指标值 {target} 为零", "cost indicator '{name}': {target} is a cost of nothing"),
    },
    hint={
        "floor": T("改写为上限，如 {suggestion}。", "Write a cap, such as {suggestion}."),
        "zero": T(
            "写出实际成本；以万元四舍五入成 0 的，改用元（如 ≤3000 元）。没有这项成本的，删去这一行。",
            "State the real cost; if rounding to 万元 made it 0, write it in 元 (≤3000 元). If there is no such "
            "cost, drop the row.",
        ),
    },
    explanation=T(
        "成本指标是对资金使用的控制（财预〔2021〕101号：成本指标的值不应超过预算），所以写“≤”上限；“≥”要求至少花多少，"
        "评价时无法说明节约。成本为 0 的行多是把小额按万元四舍五入的结果（tests/real/sources 51：出差单位成本 =0 万元/人）。"
        "这条规则依据评审实践（tests/real/sources 51、52、55 的审核意见），不是某个文件的明文规定。",
        "A cost indicator controls spending (财预〔2021〕101号: a cost must not exceed the budget), so it is a cap (≤); "
        "'≥' asks that at least so much be spent, and evaluation could never show a saving. A cost of 0 is mostly a "
        "small amount rounded to 万元 (tests/real/sources 51: 出差单位成本 =0 万元/人). The rule rests on reviewers' "
        "practice (the findings on tables 51, 52 and 55 in tests/real/sources), not on a written provision.",
    ),
    bad=example("成本指标", "{name: 防疫室建设单价, target: ≥1050 元/平方米}"),
    good=example("成本指标", "{name: 防疫室建设单价, target: ≤1050 元/平方米}"),
)
def check_cost_floor(project, ctx):
    for path, ind in ctx.indicators_of(project, "cost"):
        money = _money(ind)
        if money is None:
            continue
        if money.value == 0:
            yield Hit(path + ("target",), {"name": ind.name, "target": ind.target}, "zero")
        elif money.comparator in ("≥", ">"):
            capped = Quantity("≤", money.value, money.unit, "", money.per, money.multiplier)
            params = {"name": ind.name, "target": ind.target, "suggestion": capped.canonical()}
            yield Hit(path + ("target",), params, "floor")


@rule(
    code="PG506",
    name="cost-restates-budget",
    severity=Severity.WARNING,
    summary=T("成本指标只是重复了预算总额", "a 成本 target that only restates the budget"),
    message=T(
        "成本指标“{name}”的指标值 {target} 就是项目预算（{budget}）",
        "cost indicator '{name}': {target} is the project's budget ({budget}) again",
    ),
    hint=T(
        "写出单位成本（如 元/平方米、元/人·次）或分项成本，让评价能看出钱花得是否节约；预算总额表头已有。",
        "State a unit cost (元/平方米, 元/人·次) or the cost items, so that evaluation can tell whether the money was "
        "spent well; the budget is already in the table's head.",
    ),
    explanation=T(
        "成本指标应反映产出的成本（单位成本或分项成本，财预〔2015〕88号），与预算总额相同的成本指标什么也没有说明。"
        "这条规则依据评审实践（tests/real/sources 03、13、51、52、61 的审核意见：成本只是重复预算，应给出单位成本），"
        "不是某个文件的明文规定。",
        "A cost indicator states what the output costs, per unit or per item (财预〔2015〕88号); one equal to the whole "
        "budget says nothing the head of the table does not. The rule rests on reviewers' practice (the findings on "
        "tables 03, 13, 51, 52 and 61 in tests/real/sources: the cost restates the budget, give a unit cost), not on a "
        "written provision.",
    ),
    bad="budget: {total: 250, fiscal: 250, other: 0}\n"
    + example("成本指标", "{name: 控制在预算成本内, target: ≤250 万元}"),
    good="budget: {total: 250, fiscal: 250, other: 0}\n"
    + example("成本指标", "{name: 洒水车租赁单价, target: ≤2.5 万元/车·月}"),
)
def check_cost_restates_budget(project, ctx):
    if project.budget is None or not project.budget.total:
        return
    budget = budget_in_yuan(project)
    for path, ind in ctx.indicators_of(project, "cost"):
        money = _money(ind)
        if money is not None and not money.is_unit_price and money.in_yuan() == budget:
            params = {"name": ind.name, "target": ind.target, "budget": _in_budget_unit(project, budget)}
            yield Hit(path + ("target",), params)
