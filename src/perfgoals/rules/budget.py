"""PG1xx: the budget adds up."""

from perfgoals.findings import Severity
from perfgoals.i18n import T
from perfgoals.rules.base import Hit, rule


@rule(
    code="PG101",
    name="budget-sum",
    severity=Severity.ERROR,
    summary=T("预算数不等于财政资金与其他资金之和", "budget.total is not fiscal + other"),
    message={
        "": T(
            "预算数 {total} 不等于 财政资金 {fiscal} + 其他资金 {other} = {sum}",
            "budget total {total} is not fiscal {fiscal} + other {other} = {sum}",
        ),
        "period": T(
            "中期资金总额 {total} 不等于 财政拨款 {fiscal} + 其他资金 {other} = {sum}",
            "the whole period's total {total} is not fiscal {fiscal} + other {other} = {sum}",
        ),
    },
    hint=T("核对三个金额：预算数 = 财政资金 + 其他资金。", "Check the three amounts: total = fiscal + other."),
    explanation=T(
        "预算规模中，预算数应等于“其中：财政资金”与“其他资金”之和。docs/DOMAIN.md“审核退回”一节：预算数字对不上是财政部门"
        "退回绩效目标表的常见原因。",
        "In 预算规模, the total must equal fiscal plus other funds. Budget figures that do not add up are a common "
        "reason for a table to be sent back (docs/DOMAIN.md, 'What reviewers send back').",
    ),
    bad="budget: {total: 0.90, fiscal: 0.80, other: 0}",
    good="budget: {total: 0.90, fiscal: 0.80, other: 0.10}",
)
def check_sum(project, ctx):
    # the year's budget, and a multi-year project's whole-period money (中期资金总额) where the form has it
    for key, b, variant in (("budget", project.budget, ""), ("budget_period", project.budget_period, "period")):
        if b is not None and b.total != b.fiscal + b.other:
            params = {"total": b.total, "fiscal": b.fiscal, "other": b.other, "sum": b.fiscal + b.other}
            yield Hit((key, "total"), params, variant)


@rule(
    code="PG102",
    name="budget-sign",
    severity=Severity.ERROR,
    summary=T("预算金额为负数，或预算数为零", "a budget amount is negative, or the total is zero"),
    message={
        "negative": T("{label} {value} 是负数", "{label} {value} is negative"),
        "zero": T("预算数为 0", "the budget total is zero"),
    },
    hint={
        "negative": T(
            "金额不能为负；没有其他资金时写 0。", "Amounts cannot be negative; write 0 when there are no other funds."
        ),
        "zero": T(
            "填写项目的预算数；没有预算的项目不需要绩效目标表。",
            "Fill in the project's budget; a project without money needs no target table.",
        ),
    },
    explanation=T(
        "绩效目标与预算一同批复（中发〔2018〕34号），没有预算金额或金额为负的表无法与预算对应。",
        "Targets are approved together with the budget (中发〔2018〕34号); a table with no money, or negative money, "
        "matches no budget.",
    ),
    bad="budget: {total: 0, fiscal: 0, other: 0}",
    good="budget: {total: 0.45, fiscal: 0.45, other: 0}",
)
def check_sign(project, ctx):
    b = project.budget
    for field, label in (("total", "预算数"), ("fiscal", "财政资金"), ("other", "其他资金")):
        value = getattr(b, field)
        if value < 0:
            yield Hit(("budget", field), {"label": label, "value": value}, "negative")
    if b.total == 0:
        yield Hit(("budget", "total"), {}, "zero")
