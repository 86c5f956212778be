"""PG4xx: each target value fits what its category measures."""

import datetime as dt
import re
from functools import lru_cache

from perfgoals.findings import Severity
from perfgoals.i18n import T
from perfgoals.rules.base import Hit, example, rule
from perfgoals.targets import (
    EQ,
    GE,
    GT,
    LE,
    LT,
    TIME_UNITS,
    Date,
    Period,
    Qualitative,
    Quantity,
    RelativeChange,
    format_quantity,
    normalize,
    unfinished,
)

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
    # Seen in tests/real/sources (02, 07, 09, 13, 14, 18, 50): the phrase is named in the message, so the
    # longer phrases come before the words they contain.
    "有所提升",
    "有所改善",
    "有所增加",
    "有所减轻",
    "有所下降",
    "明显改善",
    "明显增强",
    "显著增强",
    "显著改善",
    "巩固提高",
    "持续保障",
    "有力保障",
    "正面支撑",
    "进一步",
    "长期",
    "长远",
    # A direction or a degree alone: how much?
    "提高",
    "提升",
    "改善",
    "增强",
    "增加",
    "减轻",
    "减少",
    "降低",
    "明显",
    "显著",
    "持续",
    "稳步",
    "有所",
)


@lru_cache(maxsize=8192)  # names repeat across files; pure functions of the text
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


# The categories whose rates are shares of a whole (合格率, 及时率, 满意度): no result lies above 100%.
_BOUNDED = ("quality", "timeliness", "satisfaction")


@rule(
    code="PG402",
    name="percent-range",
    severity=Severity.ERROR,
    summary=T(
        "质量、时效或满意度指标的百分比不可能达到：小于 0、大于 100，或“>100%”",
        "a 质量/时效/满意度 percentage no result can meet: below 0, above 100, or >100%",
    ),
    message={
        "": T("指标“{name}”的指标值 {target} 不在 0–100% 之间", "'{name}': {target} is outside 0–100%"),
        "strict": T(
            "指标“{name}”的指标值 {target} 要求超过 100%，比率做不到",
            "'{name}': {target} asks for more than 100%, which no rate can reach",
        ),
    },
    hint={
        "": T(
            "百分比在 0 到 100 之间；检查是否多写了一位数。",
            "A percentage lies between 0 and 100; check for an extra digit.",
        ),
        "strict": T(
            "全部完成写 100%；允许少量未完成时写可以达到的下限，如 ≥95%。",
            "Write 100% for all of it, or a floor that can be met, such as ≥95%.",
        ),
    },
    explanation=T(
        "合格率、及时率、满意度等比率是部分占全部的比例，不可能超过 100% 或低于 0%，这样的值通常是录入错误；"
        "“>100%”要求超过全部，任何结果都达不到。",
        "Rates such as pass rates, timeliness and satisfaction are a share of a whole: they cannot exceed 100% or "
        "fall below 0%, so such a value is a typing slip; '>100%' asks for more than the whole, which no result meets.",
    ),
    bad=example("服务对象满意度指标", "{name: 服务对象满意度, target: ≥900%}", "满意度指标"),
    good=example("服务对象满意度指标", "{name: 服务对象满意度, target: ≥90%}", "满意度指标"),
)
def check_percent_range(project, ctx):
    for path, ind in ctx.indicators_of(project, *_BOUNDED):
        p = ind.parsed
        if not (isinstance(p, Quantity) and p.is_percent):
            continue
        if not 0 <= p.value <= 100:
            yield Hit(path + ("target",), {"name": ind.name, "target": ind.target})
        elif p.comparator == GT and p.value == 100:
            yield Hit(path + ("target",), {"name": ind.name, "target": ind.target}, "strict")


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
    # A period target (全年, 本年度, 2023年度) is wrong only where it misses the year or the project's period entirely:
    # a cross-year project's 全年 overlaps its period without lying inside it.
    return p.end < start or p.start > end


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
            "写成完成日期（≤2023 年 12 月 31 日）、时长（≤30 天）或比率（及时率 ≥95%）。",
            "Write the date it is done by (≤2023 年 12 月 31 日), a duration (≤30 天) or a rate (及时率 ≥95%).",
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
        if _is_timeliness(p) or unfinished(ind.target):  # an unfilled template cell is PG304's
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
            if not unfinished(ind.target):  # an unfilled template cell is PG304's
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
        if isinstance(ind.parsed, Qualitative) and not unfinished(ind.target):  # an unfilled cell is PG304's
            word = next((w for w in VAGUE if w in ind.target), None)
            params = {"name": ind.name, "target": ind.target, "word": word or ""}
            yield Hit(path + ("target",), params, "vague" if word else "qualitative")


_DIGIT = re.compile(r"\d")


@rule(
    code="PG407",
    name="vague-benefit",
    severity=Severity.WARNING,
    summary=T(
        "效益指标的指标值只有方向或程度（提高、明显、长期），没有可衡量的水平",
        "a 效益 target that gives a direction or a degree (提高, 明显, 长期) but no level to measure",
    ),
    message=T(
        "效益指标“{name}”的指标值“{target}”只有方向或程度（“{word}”），没有写要达到什么水平",
        "benefit indicator '{name}': '{target}' gives a direction or a degree ('{word}') but no level to reach",
    ),
    hint=T(
        "能量化的写数值（如 受益人数 ≥500 人、较上年提高 5 个百分点）；确实无法量化的，写成能判断是否做到的具体描述"
        "（如 保障群众知情权）。",
        "Where it can be counted, give the number (受益人数 ≥500 人, 较上年提高5个百分点); where it cannot, describe a "
        "state one can check was reached (保障群众知情权).",
    ),
    explanation=T(
        "财预〔2015〕88号要求绩效指标细化、量化，确实无法量化的才用可分级的定性描述；财预〔2020〕10号评价“绩效指标明确性”，"
        "要求指标值清晰、可衡量。效益指标可以是定性的，但“有所提升”“明显改善”“长期”“进一步…”只说了方向或程度，"
        "没有说达到什么水平，评价时无法判断是否完成。把这类值退回是审核的惯常做法（docs/DOMAIN.md“审核退回”；"
        "tests/real/sources 中 02、06、07、09、13、14 的审核意见），不是某个文件的条文。具体的定性描述"
        "（保障群众知情权、学会运用）和写了数字的描述不报告；产出指标的同类问题见 PG406。",
        "财预〔2015〕88号 asks for specific, quantified targets, with a graded qualitative description only where a "
        "number is impossible; 财预〔2020〕10号 grades 绩效指标明确性, clear and measurable values. A 效益 target may be "
        "qualitative, but 有所提升, 明显改善, 长期 or 进一步… give a direction or a degree and no level, so the evaluation "
        "cannot tell whether it was met. Sending such values back is reviewers' practice (docs/DOMAIN.md; the "
        "findings on tables 02, 06, 07, 09, 13 and 14 in tests/real/sources), not a provision of a document. A concrete "
        "description (保障群众知情权, 学会运用) and a description with a number are not reported; PG406 is the same "
        "check for 产出.",
    ),
    bad=example("可持续影响指标", "{name: 对群众文化需求的可持续影响, target: 长期}", "效益指标"),
    good=example("社会效益指标", "{name: 保障工作开展, target: 保障群众知情权}", "效益指标"),
)
def check_vague_benefit(project, ctx):
    for path, ind in ctx.indicators_of(project, "benefit"):
        # A number in the sentence is a level even where the parser reads none (提高5个百分点以上，力争…).
        if not isinstance(ind.parsed, Qualitative) or _DIGIT.search(ind.target) or unfinished(ind.target):
            continue
        word = next((w for w in VAGUE if w in ind.target), None)
        if word:
            yield Hit(path + ("target",), {"name": ind.name, "target": ind.target, "word": word})


# A rate of growth may pass 100% (产值增长率 ≥120%); a share of a whole (完成率, 覆盖率) may not.
_GROWTH_NAME = re.compile(r"增长|增幅|增速|增加|提高|提升|上升|倍")


@rule(
    code="PG408",
    name="rate-over-100",
    severity=Severity.WARNING,
    summary=T(
        "比率的指标值是“≥100%”，或超过 100%（质量、时效、满意度之外的类别）",
        "a rate whose target is ≥100%, or above 100% (in categories other than 质量, 时效, 满意度)",
    ),
    message={
        "floor": T(
            "指标“{name}”的指标值 {target} 是“不低于 100%”：比率最高就是 100%，这个下限只能恰好达到",
            "'{name}': {target} is a floor of 100%, the most a rate can be, so it can only be met exactly",
        ),
        "above": T("指标“{name}”的指标值 {target} 超过 100%", "'{name}': {target} is above 100%"),
    },
    hint={
        "floor": T(
            "要求全部完成就写 100%（或 =100%）；允许少量未完成就写可以达到的下限，如 ≥95%。",
            "Write 100% (or =100%) for all of it, or a floor that can be met, such as ≥95%.",
        ),
        "above": T(
            "完成率、覆盖率等比率最高 100%：检查是否多写了一位数，或把“≥”写成了“>”；增长率等可以超过 100% 的比率，"
            "请在名称中写明（如 产值增长率）。",
            "Shares such as completion or coverage stop at 100%: check for an extra digit or a '>' meant as '≥'; "
            "name a rate that may pass 100% for what it is (产值增长率).",
        ),
    },
    explanation=T(
        "比率是部分占全部的比例，最高 100%。“≥100%”写的是下限，却没有任何结果能高于它，意思只能是 100%；审核时会要求"
        "改写（tests/real/sources 01、04、53 的审核意见：完成及时率 ≥100%）。质量、时效、满意度指标中超过 100% 的值是错误"
        "（PG402）；数量、效益指标中超过 100% 的比率在这里报告为警告。名称表明是增长（增长、增幅、提高、倍）的比率可以超过"
        " 100%，不报告；成本指标中的比率由 PG503 报告，满意度 100% 见 PG409。这条规则依据审核实践，不是某个文件的条文。",
        "A rate is a share of a whole and stops at 100%. '≥100%' sets a floor no result can pass, so it can only mean "
        "100%; reviewers ask for it to be rewritten (the findings on tables 01, 04 and 53 in tests/real/sources: "
        "完成及时率 ≥100%). Above 100% in 质量, 时效 or 满意度 is an error (PG402); in 数量 and 效益 it is a warning "
        "here. A rate whose name says it is growth (增长, 增幅, 提高, 倍) may pass 100% and is not reported; rates "
        "under 成本 are PG503's, a satisfaction of 100% is PG409's. This rests on reviewers' practice, not on a "
        "provision of a document.",
    ),
    bad=example("时效指标", "{name: 项目完成及时率, target: ≥100%}"),
    good=example("时效指标", "{name: 项目完成及时率, target: 100%}"),
)
def check_rate_over_100(project, ctx):
    unbounded = {id(ind) for _, ind in ctx.indicators_of(project, "quantity", "benefit")}
    for path, ind in ctx.indicators_of(project, "quantity", "quality", "timeliness", "benefit"):
        p = ind.parsed
        if not (isinstance(p, Quantity) and p.is_percent) or _GROWTH_NAME.search(ind.name):
            continue
        params = {"name": ind.name, "target": ind.target}
        over = p.value > 100 or (p.comparator == GT and p.value == 100)
        if p.comparator == GE and p.value == 100:
            yield Hit(path + ("target",), params, "floor")
        elif over and id(ind) in unbounded and p.comparator not in (LE, LT):
            yield Hit(path + ("target",), params, "above")


@rule(
    code="PG409",
    name="satisfaction-100",
    severity=Severity.WARNING,
    summary=T("满意度指标的目标是 100%", "a 满意度 target of 100%"),
    message=T(
        "满意度指标“{name}”的指标值 {target} 要求每一位服务对象都满意",
        "satisfaction '{name}': {target} asks every single respondent to be satisfied",
    ),
    hint=T(
        "满意度调查中总有人不满意，100% 实际达不到，审核时会退回；通常写 ≥90% 或 ≥95%。",
        "A survey always finds someone dissatisfied, so 100% cannot be met and is sent back; ≥90% or ≥95% is usual.",
    ),
    explanation=T(
        "满意度目标写成 100%（100%、=100%、≥100%）意味着不能有一个人不满意，实际无法达到，审核时作为不切实际的目标退回"
        "（tests/real/sources 14 的审核意见：社会满意度 100%）。实际表格中满意度几乎都是 ≥85%–95%"
        "（docs/DOMAIN.md“Values seen in real tables”）。这条规则依据审核实践，不是某个文件的条文；本地另有要求时，"
        "可在 perfgoals.yaml 的 rules 中关闭（PG409: off）。",
        "A satisfaction target of 100% (100%, =100%, ≥100%) allows not one dissatisfied respondent; it cannot be met "
        "and reviewers send it back as unrealistic (the findings on table 14 in tests/real/sources: 社会满意度 100%). "
        "Real tables almost always set ≥85–95% (docs/DOMAIN.md). This rests on reviewers' practice, not on a "
        "provision of a document; turn it off in perfgoals.yaml (rules: {PG409: off}) where the local rule differs.",
    ),
    bad=example("服务对象满意度指标", "{name: 社会满意度, target: 100%}", "满意度指标"),
    good=example("服务对象满意度指标", "{name: 受益群众满意度, target: ≥90%}", "满意度指标"),
)
def check_satisfaction_100(project, ctx):
    for path, ind in ctx.indicators_of(project, "satisfaction"):
        p = ind.parsed
        if isinstance(p, Quantity) and p.is_percent and p.value == 100 and p.comparator in ("", EQ, GE):
            yield Hit(path + ("target",), {"name": ind.name, "target": ind.target})


_SHARE_NAME = re.compile(r"(率|比例|比率|占比|满意度|满意率|满意程度)$")
_NOT_A_SHARE = ("频率", "功率", "效率")  # 巡查频率 ≥2 is a count per period


@lru_cache(maxsize=8192)  # names repeat across files; pure functions of the text
def _is_share_name(name: str) -> bool:
    """A name that says its value is a percentage: 成活率, 覆盖率, 满意度, or a % written in it (出勤率（%）)."""
    if "%" in normalize(name):
        return True
    bare = _TRAILING_BRACKETS.sub("", name).strip()
    return bool(_SHARE_NAME.search(bare)) and not bare.endswith(_NOT_A_SHARE)


@rule(
    code="PG410",
    name="rate-without-percent",
    severity=Severity.WARNING,
    summary=T("比率的指标值没有写 %（≥85、≥0.97比例）", "a rate whose target has no % (≥85, ≥0.97比例)"),
    message={
        "bare": T("指标“{name}”是比率，指标值 {target} 却没有写“%”", "'{name}' is a rate, but {target} has no %"),
        "word": T(
            "指标“{name}”的指标值 {target} 以“比例”为单位，看不出是小数还是百分数",
            "'{name}': {target} is in 比例, which does not say whether it is a fraction or a percentage",
        ),
    },
    hint=T("写成百分数：{suggestion}。", "Write a percentage: {suggestion}."),
    explanation=T(
        "比率写成百分数，指标值才明确：“≥85”可能是 85%，也可能是 85 个；“≥0.97比例”和“≥97比例”在实际表格中都出现过。"
        "审核时会指出没有写 %（tests/real/sources 13、52 的审核意见）。名称以“率”“比例”“满意度”结尾（频率、功率、效率除外），"
        "或名称中写了“%”的，视为比率；没有 % 的值，PG402、PG408 这些检查比率的规则也无法检查。满意度、时效、成本指标中"
        "没有 % 的值已由 PG405、PG404、PG503 报告。这条规则依据审核实践，不是某个文件的条文。",
        "A rate is clear only as a percentage: '≥85' may be 85% or 85 of something, and both '≥0.97比例' and "
        "'≥97比例' are seen in real tables. Reviewers point out the missing % (the findings on tables 13 and 52 in "
        "tests/real/sources). A name ending in 率, 比例 or 满意度 (but not 频率, 功率, 效率), or holding a %, is a "
        "rate; without its % the rules on rates (PG402, PG408) cannot check it either. Under 满意度, 时效 and 成本 "
        "such values are reported by PG405, PG404 and PG503. This rests on reviewers' practice, not on a provision of "
        "a document.",
    ),
    bad=example("质量指标", "{name: 苗木成活率, target: ≥85}"),
    good=example("质量指标", "{name: 苗木成活率, target: ≥85%}"),
)
def check_rate_without_percent(project, ctx):
    for path, ind in ctx.indicators_of(project, "quantity", "quality", "benefit"):
        p = ind.parsed
        if not isinstance(p, Quantity) or p.per:
            continue
        if p.unit == "比例":
            variant = "word"
        elif p.unit == "" and _is_share_name(ind.name):
            variant = "bare"
        else:
            continue
        value = (p.value * 100).normalize() if p.value <= 1 else p.value  # 0.97 is a fraction, 97 a percentage
        params = {"name": ind.name, "target": ind.target, "suggestion": format_quantity(p.comparator, value, "%")}
        yield Hit(path + ("target",), params, variant)


# Inputs under 数量指标: people on the payroll and trips (tests/real/sources 51, 62).  编制 alone is also the
# verb "to draw up" (编制规划 1 部, an output), so only its head-count forms.
_INPUT_WORDS = tuple("在职 在编 编制内 编外 编制人数 核定编制 退休 遗属 聘用 临聘 出差 差旅".split())
# …unless the indicator counts a service to them (慰问退休人员 200 人次 is an output).
_SERVICE_WORDS = tuple("培训 慰问 救助 走访 体检 服务 帮扶 受益 参训 受训 看望 表彰".split())


@rule(
    code="PG411",
    name="input-as-output",
    severity=Severity.WARNING,
    summary=T(
        "数量指标写的是投入（金额、在职人员、出差），不是产出",
        "a 数量指标 that counts an input (money, staff on the payroll, trips), not an output",
    ),
    message={
        "money": T(
            "数量指标“{name}”的指标值 {target} 是金额：资金是投入，不是产出",
            "数量指标 '{name}': {target} is money, an input rather than an output",
        ),
        "staff": T(
            "数量指标“{name}”数的是投入（“{word}”），不是这笔钱提供的产品或服务",
            "数量指标 '{name}' counts an input ('{word}'), not what the money delivers",
        ),
    },
    hint={
        "money": T(
            "数量指标写用这笔钱完成了多少（如 建成 3 座、服务 3 万人次）；金额放到成本指标，行业收入等结果放到经济效益指标。",
            "State how much the money delivers (建成 3 座, 服务 3 万人次); put amounts under 成本指标 and results such "
            "as an industry's revenue under 经济效益指标.",
        ),
        "staff": T(
            "数量指标写提供了多少产品或服务（如 培训 1000 人次、巡查 200 次）；在职人数、编制、出差是投入，不是产出。",
            "State the goods or services delivered (培训 1000 人次, 巡查 200 次); staff on the payroll, posts and trips "
            "are inputs, not outputs.",
        ),
    },
    explanation=T(
        "财预〔2015〕88号：数量指标反映计划提供的产品或服务数量。docs/DOMAIN.md“审核退回”：把投入（资金本身）当作产出"
        "是常见的退回原因；tests/real/sources 中 51（出差人数）、58（会展业综合收入 ≥280亿元 列在数量指标）、62（保障在职"
        "职工人数）都被审核指出。金额按单位识别；人员、编制、出差按名称识别（在职、在编、退休、遗属、聘用、出差等），"
        "名称中有培训、慰问、救助等服务的，视为产出，不报告。",
        "财预〔2015〕88号: a 数量指标 is the planned quantity of goods or services. Inputs (the money itself) presented "
        "as outputs are a common reason for sending a table back (docs/DOMAIN.md); tables 51 (出差人数), 58 (会展业综合收入 "
        "≥280亿元 under 数量指标) and 62 (保障在职职工人数) in tests/real/sources were sent back for it. Money is "
        "recognised by its unit; staff, posts and trips by the name (在职, 在编, 退休, 遗属, 聘用, 出差 …), unless the "
        "name names a service to them (培训, 慰问, 救助 …).",
    ),
    bad=example("数量指标", "{name: 项目投入资金, target: 800万元}"),
    good=example("数量指标", "{name: 向新闻媒体投稿数, target: ≥30 篇}"),
)
def check_input_as_output(project, ctx):
    for path, ind in ctx.indicators_of(project, "quantity"):
        p = ind.parsed
        if isinstance(p, Quantity) and p.is_money:
            yield Hit(path + ("target",), {"name": ind.name, "target": ind.target}, "money")
            continue
        word = next((w for w in _INPUT_WORDS if w in ind.name), None)
        if word and not any(s in ind.name for s in _SERVICE_WORDS):
            yield Hit(path + ("name",), {"name": ind.name, "target": ind.target, "word": word}, "staff")


# What a name says it counts, by its last word, and the units that count it (户数 is counted in 户, not 人).
_COUNTED_IN = {
    "户数": ("户",),
    "人口数": ("人", "人次"),
    "人数": ("人", "名", "人次"),
    "人次": ("人次",),
    "批次": ("批次", "批"),
    "场次": ("场次", "场"),
}


_UNIT_IN_NAME = re.compile(r"[（(][^\d（()）]{1,4}[）)]\s*$")


@lru_cache(maxsize=8192)  # names repeat across files; pure functions of the text
def _bare_name(name: str) -> str:
    """The name without its trailing notes: `人口数(≥**户)` → `人口数`, `★补助数量` keeps its stars (PG304's)."""
    return _TRAILING_BRACKETS.sub("", normalize(name)).strip()


def _unit_mismatch(name: str, q: Quantity) -> tuple[str, dict] | None:
    bare = _bare_name(name)
    if q.written_unit == "人/次" and bare.endswith("人次"):
        return "slash", {}
    if _is_rate_name(name) and q.unit not in ("", "%", "比例", "个百分点") and not q.is_money:
        return "rate", {}
    for word, units in _COUNTED_IN.items():
        if bare.endswith(word):
            if q.unit and not q.is_money and q.unit not in units:
                return "count", {"counted": units[0]}
            return None
    return None


@rule(
    code="PG412",
    name="unit-fits-name",
    severity=Severity.WARNING,
    summary=T("指标值的计量单位与指标名称不符", "a target whose unit is not what its name counts"),
    message={
        "count": T(
            "“{name}”数的是“{counted}”，指标值 {target} 却以“{unit}”计",
            "'{name}' counts {counted}, but its target {target} is in {unit}",
        ),
        "rate": T(
            "“{name}”是比率，指标值 {target} 却是以“{unit}”计的数量",
            "'{name}' is a rate, but its target {target} is a quantity in {unit}",
        ),
        "none": T(
            "数量指标“{name}”的指标值 {target} 没有计量单位", "数量指标 '{name}': {target} has no unit: {target} what?"
        ),
        "slash": T(
            "“{name}”的单位写成了“人/次”（每次多少人），应为“人次”",
            "'{name}': the unit is written '人/次' (people per time); a count of visits is 人次",
        ),
    },
    hint={
        "count": T(
            "改用“{counted}”计（或改名称，使它说明数的是什么）。",
            "Count it in {counted} (or rename it to say what it counts).",
        ),
        "rate": T(
            "写成百分比（如 ≥95%），或把名称改为它实际度量的量（如“检测时限”≤7 个工作日）。",
            "Write a percentage (≥95%), or name what it measures (检测时限 ≤7 个工作日).",
        ),
        "slash": T("写成 {suggestion}。", "Write {suggestion}."),
        "none": T(
            "写上数的是什么，如 {target} 人、{target} 个、{target} 公里。",
            "Say what is counted: {target} 人, {target} 个, {target} 公里.",
        ),
    },
    explanation=T(
        "指标值的计量单位应与指标名称所数的对象一致（财预〔2015〕88号：指标值应与指标名称相对应、可衡量）。户数以户计，人数以人计，"
        "人次不写作“人/次”，比率写百分比。tests/real/sources 04（户数以“人/次”计）、12（批次以“组”计，及时率写“≤7工作日”）、"
        "51（“人/次”）、53（人口数以“户”计）都被审核指出。这条规则依据评审实践，不是某个文件的明文规定。",
        "A target's unit must fit what the name counts (财预〔2015〕88号: the value matches the indicator and can be "
        "measured): households in 户, people in 人, visits in 人次 (not 人/次, which is people per time), a rate in %. "
        "Tables 04 (户数 in 人/次), 12 (批次 in 组, a 及时率 of ≤7工作日), 51 (人/次) and 53 (人口数 in 户) in "
        "tests/real/sources were sent back for it. The rule rests on reviewers' practice, not on a written provision.",
    ),
    bad=example("数量指标", "{name: 年度申请就学补助户数, target: ≥101 人/次}"),
    good=example("数量指标", "{name: 年度申请就学补助户数, target: ≥101 户}"),
)
def check_unit_fits_name(project, ctx):
    counts = {path for path, _ in ctx.indicators_of(project, "quantity")}
    for path, ind in ctx.indicators_of(project, "quantity", "quality", "timeliness", "benefit"):
        q = ind.parsed.amount if isinstance(ind.parsed, RelativeChange) else ind.parsed
        if not isinstance(q, Quantity):
            continue
        found = _unit_mismatch(ind.name, q)
        if found is None and path in counts and not q.unit and not q.per and not _is_share_name(ind.name):
            # a rate without its % is PG410's; a unit in the name (新造林面积(亩)) is the form's unit column
            found = None if _UNIT_IN_NAME.search(ind.name) else ("none", {})
        if found:
            variant, extra = found
            suggestion = format_quantity(q.comparator, q.number, (q.multiplier or "") + "人次")
            params = {"name": ind.name, "target": ind.target, "unit": q.written_unit, "suggestion": suggestion}
            yield Hit(path + ("target",), params | extra, variant)


# A name ending in a number and its unit (村组干部230人, 新建水泥路1条): the value written into the name.
_VALUE_AT_END = re.compile(r"(?<![\d.\-~—至到])(\d+(?:\.\d+)?)\s*([^\d\s年月日%℃]{1,2})$")
_COUNT_WORDS = set("个 人 户 条 座 所 家 台 套 处 项 次 批 场 名 村 间 辆 株 棵 亩 米 公里 千米 平米 平方米".split())


@rule(
    code="PG413",
    name="value-in-name",
    severity=Severity.WARNING,
    summary=T("指标名称里写了指标值", "an indicator name that holds its value"),
    message=T(
        "指标名称“{name}”里写了数值“{value}”，指标值是 {target}",
        "the name '{name}' holds the value '{value}'; its target is {target}",
    ),
    hint=T(
        "名称只写数的是什么（如“{suggestion}”），数值写在指标值里；两个不同的量分成两个指标。",
        "Let the name say what is counted ('{suggestion}') and the target how much; two measures are two indicators.",
    ),
    explanation=T(
        "指标名称说明衡量什么，指标值说明达到多少（财预〔2015〕88号）。名称里写了数值，指标值再写一次（或写另一个量）时，"
        "评价时不知道该核对哪一个：tests/real/sources 15（“村组干部230人”≥230个）、57（“新建水泥路1条” 2km）都被审核指出。"
        "这条规则只看数量指标和质量指标，依据评审实践，不是某个文件的明文规定。",
        "The name says what is measured, the target how much (财预〔2015〕88号). A value in the name, with the target "
        "saying it again or giving another measure, leaves evaluation unsure what to check: tables 15 (村组干部230人, "
        "≥230个) and 57 (新建水泥路1条, 2km) in tests/real/sources were sent back for it. Only 数量指标 and 质量指标 "
        "are read; the rule rests on reviewers' practice, not on a written provision.",
    ),
    bad=example("数量指标", "{name: 新建水泥路1条, target: 2 公里}"),
    good=example("数量指标", "{name: 新建水泥路长度, target: 2 公里}"),
)
def check_value_in_name(project, ctx):
    for path, ind in ctx.indicators_of(project, "quantity", "quality"):
        bare = _bare_name(ind.name)
        m = _VALUE_AT_END.search(bare)
        if m and m[2] in _COUNT_WORDS and m.start() > 0:
            params = {"name": ind.name, "target": ind.target, "value": m[1] + m[2], "suggestion": bare[: m.start()]}
            yield Hit(path + ("name",), params)


# An aim (促进…发展, 维护社会稳定) given a percentage: no measure says what the percentage is of.
_AIM_VERBS = tuple("促进 推动 维护 保护 保障 提升 提高 改善 加强 助力 推进 带动 增强 巩固 实现 确保".split())
_MEASURE_WORDS = tuple("率 数 量 比 度 额 面积 人次 收入 指数 占 覆盖 感 水平 时间 天 金额 产值 规模".split())


@rule(
    code="PG414",
    name="aim-as-measure",
    severity=Severity.WARNING,
    summary=T("把目标口号当作指标，给了百分比", "an aim given a percentage, with nothing measured"),
    message=T(
        "“{name}”是一句目标，不是可以衡量的指标：{target} 是什么的百分比？",
        "'{name}' is an aim, not a measure: {target} of what?",
    ),
    hint=T(
        "写出可以衡量的量，如“村集体经济收入增长率 ≥5%”“受益群众人数 ≥500 人”；说不清的，删去这一行。",
        "Name something that can be measured (村集体经济收入增长率 ≥5%, 受益群众人数 ≥500 人), or drop the row.",
    ),
    explanation=T(
        "指标应细化、量化、可衡量（财预〔2015〕88号）。以“促进”“维护”“保护”等开头、没有说明衡量什么的名称配上百分比"
        "（“维护社会稳定 ≥95%”），分母不明，无法评价，审核时常被退回（tests/real/sources 14、15 的审核意见）。名称中有率、数、量、"
        "度、感等度量词的不报告。这条规则依据评审实践，不是某个文件的明文规定。",
        "Targets are to be specific, quantified and measurable (财预〔2015〕88号). A name that starts with an aim "
        "(促进, 维护, 保护 …) and names nothing measured, given a percentage (维护社会稳定 ≥95%), has no denominator and "
        "cannot be evaluated; reviewers send it back (the findings on tables 14 and 15 in tests/real/sources). Names "
        "holding a measure word (率, 数, 量, 度, 感 …) are not reported. The rule rests on reviewers' practice, not on "
        "a written provision.",
    ),
    bad=example("社会效益指标", "{name: 维护社会稳定, target: ≥95%}", "效益指标"),
    good=example("社会效益指标", "{name: 群众安全感, target: ≥95%}", "效益指标"),
)
def check_aim_as_measure(project, ctx):
    for path, ind in ctx.indicators_of(project, "quality", "benefit"):
        bare = _bare_name(ind.name)
        if not bare.startswith(_AIM_VERBS) or any(w in bare for w in _MEASURE_WORDS):
            continue
        if _is_rate(ind.parsed):
            yield Hit(path + ("name",), {"name": ind.name, "target": ind.target})


@rule(
    code="PG415",
    name="rate-without-comparator",
    severity=Severity.WARNING,
    summary=T(
        "百分比的指标值没有比较符号（90%：是不低于还是不高于？）",
        "a percentage target with no comparator (90%: at least, or at most?)",
    ),
    message=T(
        "指标“{name}”的指标值 {target} 没有比较符号：是不低于 {value}%，还是不高于？",
        "'{name}': {target} has no comparator: at least {value}%, or at most?",
    ),
    hint=T(
        "要达到的比率写 ≥{value}%（合格率、满意度、完成率），要压低的写 ≤{value}%（发生率、逾期率），恰好等于才写 ={value}%。",
        "Write ≥{value}% for a rate to reach (合格率, 满意度, 完成率), ≤{value}% for one to keep down (发生率, "
        "逾期率), and ={value}% only for an exact share.",
    ),
    explanation=T(
        "指标值要明确（财预〔2020〕10号“绩效指标明确性”）：“90%”没有说明是下限还是上限，评价时无法判断 92% 或 88% 是否"
        "达标。审核时会要求补上比较符号（tests/real 56、76、81 的审核意见：百分比没有写 ≥ 或 =）。100% 和 0% 不报告"
        "（超不过、低不过，本身就明确）；成本指标中的百分比由 PG503 报告。这条规则依据审核实践，不是某个文件的条文。",
        "A target must be clear (财预〔2020〕10号, 绩效指标明确性): '90%' does not say whether it is a floor or a cap, "
        "so at evaluation nobody can tell whether 92% or 88% meets it. Reviewers ask for the comparator (the "
        "findings on tables 56, 76 and 81 in tests/real). 100% and 0% are not reported (nothing lies beyond them); "
        "percentages under 成本 are PG503's. This rests on reviewers' practice, not on a provision of a document.",
    ),
    bad=example("质量指标", "{name: 验收合格率, target: 95%}"),
    good=example("质量指标", "{name: 验收合格率, target: ≥95%}"),
)
def check_rate_without_comparator(project, ctx):
    for path, ind in ctx.indicators_of(project, "quantity", "quality", "timeliness", "benefit", "satisfaction"):
        p = ind.parsed
        if isinstance(p, Quantity) and not p.comparator and p.unit == "%" and not p.per and 0 < p.value < 100:
            yield Hit(path + ("target",), {"name": ind.name, "target": ind.target, "value": p.value})


# The project's whole time as a 时效 target (全年): said of a period, not of when the work is done.
_WHOLE_TIME = ("全年", "全年度", "本年度", "当年", "常年", "长期")


@rule(
    code="PG416",
    name="period-as-deadline",
    severity=Severity.WARNING,
    summary=T(
        "时效指标写的是实施期间（2023.07-2024.01、全年），不是完成时限",
        "a 时效 target that is a period (2023.07-2024.01, 全年), not a deadline",
    ),
    message=T(
        "时效指标“{name}”的指标值“{target}”是一段期间，不是完成时限：工作要在什么时候之前完成？",
        "'{name}': '{target}' is a period, not a deadline: by when is the work to be done?",
    ),
    hint=T(
        "写出完成时限（≤2023 年 12 月 31 日）或及时程度（≤5 个工作日、及时率 ≥95%）；项目的实施期间写在项目期（period）中。",
        "Write the date it is done by (≤2023 年 12 月 31 日) or how soon (≤5 个工作日, 及时率 ≥95%); the project's "
        "period belongs in 项目期 (period).",
    ),
    explanation=T(
        "时效指标反映完成的时限或及时程度（财预〔2015〕88号；docs/DOMAIN.md：deadline, timeliness）。一段期间"
        "（“2023.07-2024.01”“2021年1月-12月”“全年”）只说明项目做多久，评价时无法判断是否按时完成。实际表格的审核意见"
        "都指出了这一点（tests/real 03、14、83、84、85：a period, not a deadline）；项目期另有栏目。这条规则依据审核实践，"
        "不是某个文件的条文。",
        "A 时效指标 is a deadline or a timeliness (财预〔2015〕88号; docs/DOMAIN.md). A period (2023.07-2024.01, "
        "2021年1月-12月, 全年) only says how long the project runs, so nobody can tell at evaluation whether the work was "
        "done on time. The reviewers of real tables say so each time (tests/real 03, 14, 83, 84, 85); the form has a "
        "field of its own for the project's period. This rests on reviewers' practice, not on a provision of a "
        "document.",
    ),
    bad=example("时效指标", "{name: 服务周期, target: 2023.07-2024.01}"),
    good=example("时效指标", "{name: 完成时限, target: ≤2024 年 1 月 31 日}"),
)
def check_period_as_deadline(project, ctx):
    for path, ind in ctx.indicators_of(project, "timeliness"):
        if isinstance(ind.parsed, Period) or ind.target.strip() in _WHOLE_TIME:
            yield Hit(path + ("target",), {"name": ind.name, "target": ind.target})
