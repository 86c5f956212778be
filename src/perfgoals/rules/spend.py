"""PG2xx: the spend plan (资金支出计划) is a cumulative curve that reaches 100%."""

from perfgoals.findings import Severity
from perfgoals.i18n import T
from perfgoals.model import MissingField
from perfgoals.rules.base import Hit, rule

_WHY = T(
    "资金支出计划填写截至各月底累计支出占预算的百分比。docs/DOMAIN.md“资金支出计划”一节：稳妥的检查是每个值在 0–100% 之间、"
    "逐月不减少、最后达到 100%。",
    "The spend plan gives the cumulative share of the budget spent by the end of each checkpoint month. docs/DOMAIN.md "
    "('The spend plan'): every value 0–100%, never decreasing, ending at 100%.",
)


def _plan(project) -> dict:
    """The spend plan; a form without one (most provinces' forms) leaves every PG2xx rule nothing to check."""
    plan = project.spend_plan
    if plan is None:
        raise MissingField("spend_plan")
    return plan


def _months(project):
    return sorted(m for m in _plan(project) if 1 <= m <= 12)


@rule(
    code="PG201",
    name="spend-decreasing",
    severity=Severity.ERROR,
    summary=T("资金支出计划在两个月份之间减少", "the spend plan decreases between checkpoints"),
    message=T(
        "{month} 月底的累计支出 {value}% 低于 {previous_month} 月底的 {previous}%",
        "{value}% by the end of month {month} is below {previous}% by month {previous_month}",
    ),
    hint=T(
        "支出计划是累计数，后面的月份不能小于前面的月份。", "The plan is cumulative: a later month cannot be lower."
    ),
    explanation=_WHY,
    bad="spend_plan: {3: 30%, 6: 20%, 10: 80%, 12: 100%}",
    good="spend_plan: {3: 20%, 6: 30%, 10: 80%, 12: 100%}",
)
def check_decreasing(project, ctx):
    previous = None
    for month in _months(project):
        value = _plan(project)[month]
        if previous is not None and value < previous[1]:
            yield Hit(
                ("spend_plan", month),
                {"month": month, "value": value, "previous_month": previous[0], "previous": previous[1]},
            )
        previous = (month, value)


@rule(
    code="PG202",
    name="spend-not-100",
    severity=Severity.ERROR,
    summary=T("资金支出计划最后没有达到 100%", "the spend plan does not end at 100%"),
    message={
        "": T(
            "资金支出计划在 {month} 月底为 {value}%，没有达到 100%",
            "the plan ends at {value}% (month {month}), not 100%",
        ),
        "empty": T("资金支出计划是空的", "the spend plan is empty"),
    },
    hint=T("最后一个月份（通常是 12 月底）应为 100%。", "The last checkpoint (usually month 12) should be 100%."),
    explanation=_WHY,
    bad="spend_plan: {3: 30%, 6: 60%, 10: 80%, 12: 90%}",
    good="spend_plan: {3: 30%, 6: 60%, 10: 80%, 12: 100%}",
)
def check_end(project, ctx):
    months = _months(project)
    if not _plan(project):
        yield Hit(("spend_plan",), {}, "empty", key=True)
    elif months and _plan(project)[months[-1]] != 100:
        yield Hit(("spend_plan", months[-1]), {"month": months[-1], "value": _plan(project)[months[-1]]})


@rule(
    code="PG203",
    name="spend-range",
    severity=Severity.ERROR,
    summary=T(
        "支出比例不在 0–100% 之间，或月份不在 1–12 之间", "a spend-plan value outside 0–100% or a month outside 1–12"
    ),
    message={
        "value": T("{month} 月底的支出比例 {value}% 不在 0–100% 之间", "{value}% for month {month} is outside 0–100%"),
        "month": T("月份 {month} 不在 1–12 之间", "month {month} is outside 1–12"),
    },
    hint={
        "value": T("填写 0 到 100 之间的累计百分比。", "Write a cumulative percentage from 0 to 100."),
        "month": T("键是月份数字，如 3 表示 3 月底。", "Keys are month numbers: 3 means the end of March."),
    },
    explanation=_WHY,
    bad="spend_plan: {3: 30%, 6: 60%, 10: 80%, 13: 100%}",
    good="spend_plan: {3: 30%, 6: 60%, 10: 80%, 12: 100%}",
)
def check_range(project, ctx):
    for month, value in _plan(project).items():
        if not 1 <= month <= 12:
            yield Hit(("spend_plan", month), {"month": month}, "month", key=True)
        elif not 0 <= value <= 100:
            yield Hit(("spend_plan", month), {"month": month, "value": value}, "value")


@rule(
    code="PG204",
    name="spend-checkpoints",
    severity=Severity.WARNING,
    summary=T("支出计划的月份与配置的月份不同", "spend-plan months differ from the configured checkpoints"),
    message=T(
        "支出计划的月份为 {months}，应为 {checkpoints}", "the plan's months are {months}, expected {checkpoints}"
    ),
    hint=T(
        "按表格要求填写这些月份：{checkpoints}（可在 perfgoals.yaml 的 checkpoints 中修改）。",
        "Fill in these months: {checkpoints} (configurable as checkpoints in perfgoals.yaml).",
    ),
    explanation=T(
        "各地表格规定了填写累计支出的月份；源文件所在省份为 3、6、10、12 月底。月份不一致的表无法与其他项目汇总。",
        "Each province fixes the checkpoint months (3, 6, 10 and 12 in the source document's); a plan with other "
        "months cannot be summed with the others.",
    ),
    bad="spend_plan: {6: 50%, 12: 100%}",
    good="spend_plan: {3: 30%, 6: 60%, 10: 80%, 12: 100%}",
)
def check_checkpoints(project, ctx):
    months = sorted(_plan(project))
    wanted = sorted(ctx.config.checkpoints)
    if _plan(project) and months != wanted:
        yield Hit(
            ("spend_plan",),
            {"months": "、".join(map(str, months)), "checkpoints": "、".join(map(str, wanted))},
            key=True,
        )
