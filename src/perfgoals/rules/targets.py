"""PG4xx: each target value fits what its category measures."""

import datetime as dt
import re

from perfgoals.findings import Severity
from perfgoals.i18n import T
from perfgoals.rules.base import Hit, example, rule
from perfgoals.targets import LE, LT, TIME_UNITS, Date, Period, Qualitative, Quantity, RelativeChange

_RATE_NAME = re.compile(r"(率|比例|比率|占比)$")
_TRAILING_BRACKETS = re.compile(r"\s*[（(][^（()）]*[）)]\s*$")
VAGUE = (
    "稳步提高",
    "稳步提升",
    "持续改善",
    "持续提升",
    "不断提高",
    "不断提升",
    "进一步提高",
    "进一步提升",
    "逐步提高",
    "逐步提升",
    "明显提高",
    "明显提升",
    "有效提高",
    "有效提升",
    "显著提高",
    "显著提升",
    "及时",
    "较好",
    "良好",
    "有所提高",
)


def _is_rate_name(name: str) -> bool:
    return bool(_RATE_NAME.search(_TRAILING_BRACKETS.sub("", name)))


def _is_rate(p) -> bool:
    """A percentage, or a change measured in % or 个百分点 (同比增长10%): a rate either way."""
    if isinstance(p, RelativeChange):
        return p.amount.is_percent or p.unit == "个百分点"
    return isinstance(p, Quantity) and p.is_percent


@rule(
    code="PG401",
    name="rate-as-quantity",
    severity=Severity.WARNING,
    summary=T("数量指标的指标值是比率", "a 数量指标 whose target is a rate"),
    message=T(
        "数量指标“{name}”的指标值 {target} 是比率，不是数量", "数量指标 '{name}' has a rate ({target}), not a quantity"
    ),
    hint=T(
        "数量指标应写计划完成的数量（如 培训 1000 人次）；出勤率、合格率等比率放到质量指标。",
        "A 数量指标 states how many (e.g. 1000 人次 trained); rates such as attendance belong under 质量指标.",
    ),
    explanation=T(
        "财预〔2015〕88号：数量指标反映计划提供的产品或服务数量。docs/DOMAIN.md“审核退回”一节：数量指标写成比率"
        "（出勤率、覆盖率、比例）是常见的退回原因。",
        "财预〔2015〕88号: a 数量指标 is the planned quantity of goods or services. Rates under 数量指标 (出勤率, 覆盖率, "
        "比例) are a common reason for sending a table back (docs/DOMAIN.md).",
    ),
    bad=example("数量指标", "{name: 培训出勤率, target: ≥90%}"),
    good=example("数量指标", "{name: 培训人数, target: ≥1000 人次}"),
)
def check_rate_as_quantity(project, ctx):
    for path, ind in ctx.indicators_of(project, "quantity"):
        if _is_rate(ind.parsed) or _is_rate_name(ind.name):
            yield Hit(path + ("target",), {"name": ind.name, "target": ind.target})


@rule(
    code="PG402",
    name="percent-range",
    severity=Severity.ERROR,
    summary=T("质量或满意度指标的百分比小于 0 或大于 100", "a percentage target below 0 or above 100 in 质量/满意度"),
    message=T("指标“{name}”的指标值 {target} 不在 0–100% 之间", "'{name}': {target} is outside 0–100%"),
    hint=T(
        "百分比在 0 到 100 之间；检查是否多写了一位数。",
        "A percentage lies between 0 and 100; check for an extra digit.",
    ),
    explanation=T(
        "合格率、满意度等比率不可能超过 100% 或低于 0%，这样的值通常是录入错误。",
        "Rates such as pass rates and satisfaction cannot exceed 100% or fall below 0%; such a value is a typing slip.",
    ),
    bad=example("服务对象满意度指标", "{name: 服务对象满意度, target: ≥900%}", "满意度指标"),
    good=example("服务对象满意度指标", "{name: 服务对象满意度, target: ≥90%}", "满意度指标"),
)
def check_percent_range(project, ctx):
    for path, ind in ctx.indicators_of(project, "quality", "satisfaction"):
        p = ind.parsed
        if isinstance(p, Quantity) and p.is_percent and not 0 <= p.value <= 100:
            yield Hit(path + ("target",), {"name": ind.name, "target": ind.target})


@rule(
    code="PG403",
    name="deadline-outside-year",
    severity=Severity.ERROR,
    summary=T(
        "时效指标的日期不在预算年度内（或不在实施期内）", "a 时效 date outside the budget year (or outside period)"
    ),
    message={
        "year": T(
            "时效指标“{name}”的日期 {target} 不在预算年度 {year} 年内",
            "'{name}': {target} is outside the budget year {year}",
        ),
        "period": T(
            "时效指标“{name}”的日期 {target} 不在实施期 {period} 内",
            "'{name}': {target} is outside the period {period}",
        ),
    },
    hint=T(
        "检查年份；跨年度项目请填写 period（实施期），如 2023.07-2024.01。",
        "Check the year; for a project that crosses years set period, e.g. 2023.07-2024.01.",
    ),
    explanation=T(
        "绩效目标是预算年度的目标，完成时限应在该年度内；跨年度项目以实施期为准。docs/DOMAIN.md“审核退回”：时限超出预算年度会被退回。"
        "没有写年份的时限（12月底前、年底前、第三季度末、1月-12月）按预算年度读取；跨年度项目按实施期内的任一年份读取。",
        "Targets are for the budget year, so deadlines fall within it, or within the project's period when it crosses "
        "years. Deadlines outside the budget year are sent back (docs/DOMAIN.md). A deadline written without its "
        "year (12月底前, 年底前, 第三季度末, 1月-12月) is read in the budget year, or in any year of the period.",
    ),
    bad="year: 2023\n" + example("时效指标", "{name: 完成时限, target: 2022 年 12 月 31 日}"),
    good="year: 2023\n" + example("时效指标", "{name: 完成时限, target: 2023 年 12 月 31 日}"),
)
def check_deadline(project, ctx):
    period = project.period_range
    if period is not None:
        start, end, variant = period.start, period.end, "period"
    else:
        start, end, variant = dt.date(project.year, 1, 1), dt.date(project.year, 12, 31), "year"
    # A year-less `1月底前` is read in the budget year, or in any year of a period that crosses years.
    years = range(start.year, end.year + 1) if period is not None else (project.year,)
    for path, ind in ctx.indicators_of(project, "timeliness"):
        p = ind.parsed
        if isinstance(p, (Date, Period)) and all(_outside(p.resolve(y), start, end) for y in years):
            yield Hit(
                path + ("target",),
                {"name": ind.name, "target": ind.target, "year": project.year, "period": project.period or ""},
                variant,
            )


def _outside(p: Date | Period, start: dt.date, end: dt.date) -> bool:
    if isinstance(p, Date):
        first = p.date.replace(day=1) if p.month_only else p.date
        return p.date < start or first > end
    return p.start < start or p.end > end


def _excel_serial_date(value) -> dt.date | None:
    if value == value.to_integral_value() and 20_000 <= value <= 80_000:
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    return None


@rule(
    code="PG404",
    name="deadline-form",
    severity=Severity.WARNING,
    summary=T(
        "时效指标既不是日期、期间、时长，也不是比率",
        "a 时效 target that is neither a date, a period, a duration nor a rate",
    ),
    message={
        "": T(
            "时效指标“{name}”的指标值“{target}”不是日期、期间、时长或比率",
            "'{name}': '{target}' is not a date, a period, a duration or a rate",
        ),
        "serial": T(
            "时效指标“{name}”的指标值 {target} 像是 Excel 日期序列号（= {date}）",
            "'{name}': {target} looks like an Excel date serial number (= {date})",
        ),
    },
    hint={
        "": T(
            "写成日期（2023 年 12 月 31 日）、期间（2023.07-2024.01）、时长（30 天）或比率（及时率 100%）。",
            "Write a date (2023 年 12 月 31 日), a period (2023.07-2024.01), a duration (30 天) or a rate (100%).",
        ),
        "serial": T(
            "从 Excel 复制时日期变成了数字：改写为 {date_zh}。",
            "The date became a number when copied from Excel: write {date_zh}.",
        ),
    },
    explanation=T(
        "时效指标反映完成的时限或及时程度（财预〔2015〕88号），应是可检查的日期、期间、时长或及时率。从 Excel 粘贴时日期常变成"
        "序列号（如 44,561 即 2021 年 12 月 31 日），见 docs/DOMAIN.md“Values seen in real tables”。",
        "A 时效指标 is a deadline or timeliness (财预〔2015〕88号): a checkable date, period, duration or rate. Dates "
        "pasted from Excel often turn into serial numbers (44,561 is 2021-12-31), see docs/DOMAIN.md.",
    ),
    bad=example("时效指标", '{name: 完成时限, target: "44,561"}'),
    good=example("时效指标", "{name: 完成时限, target: 2023 年 12 月 31 日}"),
)
def check_deadline_form(project, ctx):
    for path, ind in ctx.indicators_of(project, "timeliness"):
        p = ind.parsed
        if _is_timeliness(p):
            continue
        serial = _excel_serial_date(p.value) if isinstance(p, Quantity) and p.unit == "" and not p.per else None
        if serial is not None:
            yield Hit(
                path + ("target",),
                {
                    "name": ind.name,
                    "target": ind.target,
                    "date": serial.isoformat(),
                    "date_zh": f"{serial.year} 年 {serial.month} 月 {serial.day} 日",
                },
                "serial",
            )
        else:
            yield Hit(path + ("target",), {"name": ind.name, "target": ind.target})


def _is_timeliness(p) -> bool:
    """A date or period (with or without its year), a duration, a rate, or a change in one of those
    (较上年缩短2个工作日, 及时率较上年提高5个百分点)."""
    if isinstance(p, (Date, Period)):
        return True
    q = p.amount if isinstance(p, RelativeChange) else p
    return isinstance(q, Quantity) and (_is_rate(p) or (q.unit in TIME_UNITS and not q.per))


@rule(
    code="PG405",
    name="satisfaction-floor",
    severity=Severity.WARNING,
    summary=T(
        "满意度指标低于满意度下限，或不是百分比", "a 满意度 target below the satisfaction floor, or not a percentage"
    ),
    message={
        "low": T(
            "满意度指标“{name}”的指标值 {target} 低于 {floor}%", "'{name}': {target} is below the floor of {floor}%"
        ),
        "form": T("满意度指标“{name}”的指标值“{target}”不是百分比", "'{name}': '{target}' is not a percentage"),
    },
    hint={
        "low": T(
            "满意度通常设为 ≥85%–95%；下限可在 perfgoals.yaml 的 satisfaction_floor 中修改。",
            "Satisfaction is usually ≥85–95%; the floor is satisfaction_floor in perfgoals.yaml.",
        ),
        "form": T("写成百分比，例如 ≥90%。", "Write a percentage, e.g. ≥90%."),
    },
    explanation=T(
        "服务对象满意度以百分比衡量，实际表格中几乎都是 ≥85%–95%（docs/DOMAIN.md“Values seen in real tables”）；"
        "过低的满意度目标会被评为目标设置偏低（财预〔2020〕10号“绩效目标合理性”）。",
        "Beneficiary satisfaction is a percentage, almost always ≥85–95% in real tables (docs/DOMAIN.md); a low one is "
        "graded as a target set too low (财预〔2020〕10号, 绩效目标合理性).",
    ),
    bad=example("服务对象满意度指标", "{name: 服务对象满意度, target: ≥60%}", "满意度指标"),
    good=example("服务对象满意度指标", "{name: 服务对象满意度, target: ≥90%}", "满意度指标"),
)
def check_satisfaction(project, ctx):
    floor = ctx.config.satisfaction_floor
    for path, ind in ctx.indicators_of(project, "satisfaction"):
        p = ind.parsed
        if not (isinstance(p, Quantity) and p.is_percent):
            yield Hit(path + ("target",), {"name": ind.name, "target": ind.target}, "form")
        elif p.value < floor and p.comparator not in (LE, LT) and 0 <= p.value:
            yield Hit(path + ("target",), {"name": ind.name, "target": ind.target, "floor": floor}, "low")


@rule(
    code="PG406",
    name="qualitative-output",
    severity=Severity.WARNING,
    summary=T("产出指标的指标值是定性描述或含糊的说法", "a 产出 indicator with a qualitative target, or a vague one"),
    message={
        "qualitative": T(
            "产出指标“{name}”的指标值“{target}”没有量化", "output indicator '{name}': '{target}' is not quantified"
        ),
        "vague": T(
            "产出指标“{name}”的指标值“{target}”含糊（“{word}”）",
            "output indicator '{name}': '{target}' is vague ('{word}')",
        ),
    },
    hint={
        "qualitative": T(
            "尽量量化（数量、比率、标准）；确实无法量化时，写成可分级判断的描述。",
            "Quantify where possible (a number, a rate, a standard); otherwise a graded, checkable description.",
        ),
        "vague": T(
            "把“{word}”换成可检查的数值，例如 合格率 ≥95%。", "Replace '{word}' by a checkable value, e.g. ≥95%."
        ),
    },
    explanation=T(
        "财预〔2015〕88号要求绩效指标细化、量化；无法量化的才用分级的定性描述。docs/DOMAIN.md“审核退回”：“稳步提高”“持续改善”"
        "“及时”等含糊的值会被退回。",
        "财预〔2015〕88号 asks for targets that are specific and quantified, with graded qualitative text only where a "
        "number is impossible. Vague values (稳步提高, 持续改善, 及时) are sent back (docs/DOMAIN.md).",
    ),
    bad=example("质量指标", "{name: 会议圆满完成, target: 圆满完成}"),
    good=example("质量指标", "{name: 会议完成率, target: 100%}"),
)
def check_qualitative(project, ctx):
    # Only text that parses as nothing checkable.  A yes/no (是, 否, 有, 无), a ratio (1:1.5) and a change with
    # its amount (较上年提高5个百分点) can each be checked at evaluation: the graded description 88号 accepts
    # where a number is impossible, in its simplest form.  A change without an amount (较上年下降) stays
    # qualitative, as vague as 稳步提高.
    for path, ind in ctx.indicators_of(project, "quantity", "quality"):
        if isinstance(ind.parsed, Qualitative):
            word = next((w for w in VAGUE if w in ind.target), None)
            params = {"name": ind.name, "target": ind.target, "word": word or ""}
            yield Hit(path + ("target",), params, "vague" if word else "qualitative")
