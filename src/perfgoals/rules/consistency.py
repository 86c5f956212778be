"""PG6xx: files agree with each other, and the goal's promises are carried by indicators."""

import re
from decimal import Decimal

from perfgoals.findings import Severity
from perfgoals.i18n import T
from perfgoals.rules.base import Hit, rule
from perfgoals.targets import MONEY_UNITS, Quantity, Ratio, RelativeChange, normalize


@rule(
    code="PG601",
    name="duplicate-code",
    severity=Severity.ERROR,
    scope="set",
    summary=T("两个文件的项目编码相同", "two files with the same project code"),
    message=T("项目编码 {code} 与 {other} 重复", "project code {code} is also used by {other}"),
    hint=T(
        "每个项目一个编码、一个文件；检查是否复制文件后忘了修改编码。",
        "One code, one file per project; check for a copied file whose code was not changed.",
    ),
    explanation=T(
        "项目编码标识预算项目，汇总、比较版本都按编码匹配项目，因此在一组文件中必须唯一。",
        "The code identifies the budget project; summaries and diffs match projects by code, so it must be unique.",
    ),
    bad="# a.yaml\ncode: 13020023P00707510213P\n# b.yaml\ncode: 13020023P00707510213P",
    good="# a.yaml\ncode: 13020023P00707510213P\n# b.yaml\ncode: 13020023P000T0010002X",
)
def check_duplicate_codes(files, ctx):
    first: dict[str, str] = {}
    for f in files:
        ident = f.identity  # not f.model: a file from the cache or a worker process keeps only this
        if f.kind != "project" or ident is None:
            continue
        code = ident.code
        if code in first:
            yield f, Hit(("code",), {"code": code, "other": first[code]})
        else:
            first[code] = f.path


@rule(
    code="PG602",
    name="inconsistent-unit",
    severity=Severity.ERROR,
    scope="set",
    summary=T("同一文件夹中的文件年度或单位不一致", "files in one folder disagree on year or unit"),
    message={
        "year": T(
            "预算年度 {value} 与 {other} 的 {expected} 不一致", "year {value} differs from {expected} in {other}"
        ),
        "unit": T(
            "预算单位 {value} 与 {other} 的 {expected} 不一致", "unit {value} differs from {expected} in {other}"
        ),
    },
    hint=T(
        "一个部门的一套绩效目标表属于同一年度、同一单位；把其他年度或单位的文件放到单独的文件夹。",
        "One department's tables share one year and unit; keep other years or units in their own folder.",
    ),
    explanation=T(
        "同一文件夹中的项目表与部门整体绩效目标一起提交，年度和单位必须一致。",
        "The tables in one folder are submitted together with the department's goals: year and unit must agree.",
    ),
    bad="# a.yaml\nyear: 2023\n# b.yaml\nyear: 2024",
    good="# a.yaml\nyear: 2023\n# b.yaml\nyear: 2023",
)
def check_consistent_unit(files, ctx):
    import os

    loaded = [f for f in files if f.identity is not None and f.kind in ("project", "department")]
    # The department file speaks for its folder and everything below it.
    departments = {os.path.dirname(f.path): f for f in loaded if f.kind == "department"}
    references: dict[str, object] = {}
    for f in loaded:
        folder = os.path.dirname(f.path)
        ref = None
        probe = folder
        while True:
            if probe in departments:
                ref = departments[probe]
                break
            parent = os.path.dirname(probe)
            if parent == probe:
                break
            probe = parent
        if ref is None:
            ref = references.setdefault(folder, f)
        if ref is f:
            continue
        m, r = f.identity, ref.identity
        if m.year != r.year:
            yield f, Hit(("year",), {"value": m.year, "expected": r.year, "other": ref.path}, "year")
        if (m.unit_code, m.unit_name) != (r.unit_code, r.unit_name):
            yield (
                f,
                Hit(
                    ("unit",),
                    {
                        "value": f"{m.unit_code} {m.unit_name}",
                        "expected": f"{r.unit_code} {r.unit_name}",
                        "other": ref.path,
                    },
                    "unit",
                ),
            )


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_UNIT_AFTER = re.compile(r"\s*([^\d\s，。；、,;:：]{1,3})")
_CLAUSE = "，。；、：,;:"
_NOT_A_PROMISE_AFTER = ("年", "月", "日", "%", "号", "周年", "届", "期", "版")


# Dates and periods in the goal, the numbers a 时效 indicator carries: 2023.07-2024.01, 2023-12-31, 2023/12/31,
# 1-12月, 1至12月 (2023年12月31日 and 12月底 are told by the word after each number).
_DATE_IN_GOAL = re.compile(
    r"(?<![\d.])(?:19|20)\d\d\s*[.\-/．－／]\s*(?P<month>\d{1,2})(?:\s*[.\-/．－／]\s*\d{1,2})?(?![\d.]|\s*[万亿千元%])"
    r"|(?<![\d.])\d{1,2}\s*(?:月\s*)?[-~～—–－至到]\s*\d{1,2}\s*月"
)
# A goal's own numbering: 目标1：, 任务2, (3), （4）, and 1、 2. 3) at the start of an item.
_LIST_MARKER = re.compile(
    r"(?:目标|指标|任务|措施)\s*\d+"
    r"|[（(]\s*\d+\s*[)）]"
    r"|(?:^|(?<=[\s，。；;,:：!！?？]))\d+\s*(?:[、．)）]|\.(?!\d))"
)


def _not_promises(goal: str) -> list[tuple[int, int]]:
    """Where the goal's dates, periods and item numbers lie: numbers there promise no quantity."""
    spans = [m.span() for m in _LIST_MARKER.finditer(goal)]
    for m in _DATE_IN_GOAL.finditer(goal):
        if m["month"] is None or 1 <= int(m["month"]) <= 12:
            spans.append(m.span())
    return spans


# The state of things described, not promised: 户籍人口76户174人, 常住户26户, 现有床位120张, 辖11个乡镇.
_STATISTIC_WORDS = ("户籍", "常住", "现有", "现状", "辖")
_SENTENCE = "，。；,;"


def _describes(goal: str, start: int) -> bool:
    """The number counts what exists (a statistic) or the places just listed (A、B、C 3 个林场), so promises nothing."""
    clause = goal[max(goal.rfind(p, 0, start) for p in _SENTENCE) + 1 : start]
    if any(word in clause for word in _STATISTIC_WORDS):
        return True
    return clause.count("、") >= 2 and normalize(goal[start : start + 12]).lstrip("0123456789.").startswith("个")


def _money_pairs(amounts: list[Decimal]) -> set[Decimal]:
    """A sum promised in the goal may be split over two cost rows (70000元/年 + 25000元/年 = 9.5万元/年)."""
    sums = {a + b for i, a in enumerate(amounts) for b in amounts[i + 1 :]}
    return sums | {x / 10_000 for x in sums}


def _numbers(target) -> tuple:
    """The numbers a target carries, as meant and as written: `3万人次` carries 30000 and 3."""
    if isinstance(target, RelativeChange):
        target = target.amount
    if isinstance(target, Quantity):
        return target.value, target.number
    return target.parts if isinstance(target, Ratio) else ()


_MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}


def _budget_figures(project) -> set[Decimal]:
    """The budget's amounts in the project's money unit and in 元 and 万元."""
    budget = getattr(project, "budget", None)
    if budget is None:
        return set()
    to_yuan = Decimal(10_000) if project.money_unit == "万元" else Decimal(1)
    out: set[Decimal] = set()
    for amount in (budget.total, budget.fiscal, budget.other):
        if amount:
            out.update((amount, amount * to_yuan, amount * to_yuan / 10_000))
    return out


def _carried(project) -> set[Decimal]:
    """The numbers the indicators carry, and the budget's figures: the goal restating its budget (投资500万元,
    约50万) states money the cost indicators answer for, not a promise."""
    carried: set[Decimal] = set()
    amounts = []  # in 元
    for _, _, _, ind in project.iter_indicators():
        parsed = ind.parsed
        carried.update(_numbers(parsed))
        if isinstance(parsed, Quantity) and parsed.unit in MONEY_UNITS:
            amounts.append(parsed.value * MONEY_UNITS[parsed.unit])
    carried.update(_budget_figures(project))
    carried.update(_money_pairs(amounts))
    return carried


@rule(
    code="PG603",
    name="goal-number-without-indicator",
    severity=Severity.WARNING,
    summary=T("绩效目标中的数字没有对应的指标", "a number in the goal that no indicator's target carries"),
    message=T(
        "绩效目标中的“{context}”（{number}）没有对应的指标",
        "the goal promises '{context}' ({number}) but no indicator carries it",
    ),
    hint=T(
        "为这个数字添加一个数量指标（如 ≥{number} {unit}），或在目标中删去它。",
        "Add a 数量指标 with this number (e.g. ≥{number} {unit}), or drop it from the goal.",
    ),
    explanation=T(
        "绩效目标中承诺的数量应在指标中体现，才能在评价时检查（财预〔2020〕10号“绩效指标明确性”）。docs/DOMAIN.md“审核退回”："
        "目标中写了数字而没有指标承载会被退回。年份、日期和百分比不计。",
        "A number promised in the goal must be carried by an indicator to be checked at evaluation (财预〔2020〕10号, "
        "绩效指标明确性). docs/DOMAIN.md lists numbers promised in the goal that no indicator carries among the things "
        "reviewers send back. Years, dates and percentages are not counted.",
    ),
    bad="goal: 培训救护员 4000 人。\nindicators:\n  产出指标:\n    数量指标:\n      - {name: 培训出勤率, target: ≥90%}",
    good="goal: 培训救护员 4000 人。\nindicators:\n  产出指标:\n    数量指标:\n      - {name: 培训救护员人数, target: ≥4000 人}",
)
def check_goal_numbers(project, ctx):
    carried: set[Decimal] | None = None  # worked out for the first number that could be a promise
    goal = project.goal
    ignored = _not_promises(goal)
    for m in _NUMBER.finditer(goal):
        after = normalize(goal[m.end() : m.end() + 3])
        if after.startswith(_NOT_A_PROMISE_AFTER) or any(a <= m.start() < b for a, b in ignored):
            continue
        before = goal[max(0, m.start() - 1) : m.start()]
        if before in (".", "第") or goal[m.end() : m.end() + 1] == "." or (before.isascii() and before.isalpha()):
            continue  # 1.5's 5, 第3, 3.5's 3, and codes or grades: C25, GB50203
        if _describes(goal, m.start()):
            continue
        value = Decimal(m.group())
        if len(m.group()) == 4 and 1900 <= value <= 2100:
            continue
        if carried is None:
            carried = _carried(project)
        if value in carried or _MULTIPLIERS.get(after[:1], 0) * value in carried:  # 8万亩 carried as 80000
            continue
        left = max(goal.rfind(p, 0, m.start()) for p in _CLAUSE) + 1
        ends = [i for i in (goal.find(p, m.end()) for p in _CLAUSE) if i != -1]
        context = goal[left : min(ends) if ends else len(goal)].strip()
        unit = _UNIT_AFTER.match(goal, m.end())
        yield Hit(
            ("goal",),
            {"number": m.group(), "context": context, "unit": unit.group(1) if unit else ""},
            column_offset=m.start(),
        )
