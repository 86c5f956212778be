"""PG3xx: the indicator grid follows the framework (一级 → 二级 → 三级)."""

import difflib
import re

from perfgoals.findings import Severity
from perfgoals.frameworks import clean_name
from perfgoals.i18n import T
from perfgoals.rules.base import Hit, example, rule
from perfgoals.targets import is_bare_unit, normalize, template_blank

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
            "若本省表样就用这个名称，在表样文件（perfgoals.yaml 的 profile）的 aliases 中登记它；否则改为“{treated}”。",
            "If your province's form uses this name, add it to the aliases of its profile file (profile in perfgoals.yaml); else write '{treated}'.",
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
    elif cat.guessed and l2 != cat.level2 and not (l2 in fw.level1 and clean_name(level1) in _WRAPPERS):
        yield _guessed(where, level2, cat.level2 if cat.level2 != cat.level1 else cat.level1, fw)


# A 一级 that holds the 一级 categories as its 二级, as the NDRC's 中央预算内投资 form prints 实施效果指标 → 产出指标,
# 效益指标 (tests/real/sources 54): the form's own structure, read as the categories it holds, without a warning.
_WRAPPERS = ("实施效果指标",)


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
                # a guessed category counts as the one it is checked as; under a blank or unknown 一级 (PG301's
                # error), a 二级 such as 服务对象满意度指标 still says which category is there
                cat = fw.classify(level1, level2) or fw.by_level2(level2)
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
    summary=T(
        "一个项目中有两个同名的指标（同一类别中，或在两个类别中，如产出和效益）",
        "two indicators with the same name in one project (in one category, or in two, such as 产出 and 效益)",
    ),
    message={
        "": T(
            "三级指标“{name}”重复（第一次在第 {first_line} 行）",
            "indicator '{name}' appears twice (first on line {first_line})",
        ),
        "category": T(
            "三级指标“{name}”既在“{first_category}”下（第 {first_line} 行），又在“{category}”下",
            "indicator '{name}' is under '{first_category}' (line {first_line}) and again under '{category}'",
        ),
        "level1": T(
            "三级指标“{name}”既算作“{first_category}”（第 {first_line} 行），又算作“{category}”",
            "indicator '{name}' counts as '{first_category}' (line {first_line}) and again as '{category}'",
        ),
    },
    hint={
        "": T("合并这两个指标，或改用能区分它们的名称。", "Merge them, or give them names that tell them apart."),
        "category": T(
            "一个指标只放在一个类别：删掉放错的那个；两处要说的不是一回事时，改写成两个不同名称的指标"
            "（如 数量“印刷数量”、质量“印刷合格率”）。",
            "An indicator belongs to one category: drop the misplaced one, or, where the two say different things, "
            "make them two indicators with different names (数量 印刷数量, 质量 印刷合格率).",
        ),
        "level1": T(
            "同一项成果只能算一次：产出写做了什么、做了多少（如 培训人数），效益写因此带来的变化（如 持证上岗率），"
            "满意度写服务对象的评价。保留一处，另一处改写成不同名称的指标，或删除。",
            "One result counts once: 产出 says what was done and how much (培训人数), 效益 the change it brings "
            "(持证上岗率), 满意度 what those served think. Keep one; rewrite the other under another name, or drop it.",
        ),
    },
    explanation=T(
        "三级指标名称在一个项目内唯一：评价、比较两个版本（perfgoals diff）和单价指标的 per 都靠名称找到指标。"
        "同一个指标出现在两个一级类别中（产出和效益）时，同一项成果被计了两次，评价时也得两次分"
        "（财预〔2020〕10号的默认权重：产出 50、效益 30）；三级指标体系中每个三级指标只属于一个二级指标（财预〔2015〕88号）。",
        "Indicator names are unique within a project: evaluation, diffs between drafts and a unit cost's per all "
        "find an indicator by its name. The same indicator under two first-level categories (产出 and 效益) counts one "
        "result twice and scores it twice (财预〔2020〕10号's default weights: 产出 50, 效益 30); in the three-level "
        "system each 三级 indicator belongs to one 二级 category (财预〔2015〕88号).",
    ),
    bad="indicators:\n  产出指标:\n    数量指标:\n      - {name: 印刷数量, target: ≥1500 册}\n"
    "      - {name: 印刷数量, target: ≥2000 册}",
    good="indicators:\n  产出指标:\n    数量指标:\n      - {name: 印刷数量, target: ≥1500 册}",
)
def check_duplicates(project, ctx):
    seen: dict[str, tuple] = {}
    for level1, level2, index, indicator in project.iter_indicators():
        path = ("indicators", level1, level2, index, "name")
        if not any(ch.isalpha() for ch in indicator.name):
            continue  # no name at all (0, -, …): a template's row, not one indicator counted twice
        first = seen.get(indicator.name)
        if first is None:
            seen[indicator.name] = path
            continue
        params = {
            "name": indicator.name,
            "first_line": ctx.doc.locate(first)[0] if ctx.doc else 0,
            "first_category": f"{first[1]}/{first[2]}",
            "category": f"{level1}/{level2}",
        }
        was, now = _checked_as(ctx, first[1], first[2]), _checked_as(ctx, level1, level2)
        if was[0] != now[0]:  # one result counted twice: as an output and as a benefit, say
            params.update(first_category=first[1], category=level1)
            yield Hit(path, params, "level1")
        else:
            yield Hit(path, params, "category" if was != now else "")


def _checked_as(ctx, level1: str, level2: str) -> tuple[str, str]:
    """The framework's 一级 and 二级 a category is checked as (产出 指标 is 产出指标), else as written."""
    cat = ctx.category(level1, level2)
    return (cat.level1, cat.level2) if cat is not None else (level1, level2)


_TOP_FIELDS = {
    "name": T("项目名称", "project name"),
    "purpose": T("资金用途", "purpose"),
    "goal": T("绩效目标", "goal"),
}
_INDICATOR_FIELDS = {
    "name": T("三级指标", "indicator name"),
    "description": T("绩效指标描述", "description"),
    "target": T("指标值", "target"),
    "basis": T("指标值确定依据", "basis"),
}
# A `-` or `…` in an optional field (description, basis) is a cell left empty, which the form allows.
_REQUIRED = ("name", "target")
# `指标3：` and nothing after it (NFKC made the colon ASCII): the template's numbering of an empty row.  With its
# words (指标1：新建保鲜库数量) the row is named; without the colon (指标3) it may be a name of its own.
_NUMBERING_ONLY = re.compile(r"指标[\d一二三四五六七八九十]+:")


@rule(
    code="PG304",
    name="template-placeholder",
    severity=Severity.ERROR,
    summary=T(
        "表中留有模板的占位符或空行（≥**人次、XX、……、只有编号的“指标3：”、只有单位的指标值）",
        "template placeholders or empty rows left in the table (≥**人次, XX, ……, a bare 指标3：, a unit without its "
        "number)",
    ),
    message={
        "mark": T("{where}中留有模板的占位符“{mark}”", "the {where} still holds the template's placeholder '{mark}'"),
        "blank": T(
            "{where}只有“{text}”：这是模板留下的空行", "the {where} is only '{text}': a template row left empty"
        ),
        "numbering": T(
            "三级指标“{text}”只有模板的编号，没有指标名称",
            "indicator '{text}' is the template's numbering, with no name",
        ),
        "unit": T(
            "指标“{name}”的指标值“{text}”只有单位或比较符号，没有数值",
            "'{name}': the target '{text}' is a unit or a comparator without its number",
        ),
    },
    hint={
        "mark": T(
            "把“{mark}”换成本项目的实际数值或内容；名称中“(≥**%)”这样的填写提示整段删掉，数值写在指标值中。",
            "Replace '{mark}' by this project's own figure or words; drop a fill-in note such as '(≥**%)' from a name "
            "and put the figure in the target.",
        ),
        "blank": T("填写这一项，或把整行删除。", "Fill it in, or delete the whole row."),
        "numbering": T("写出指标名称（如 新建保鲜库数量），或把这一行删除。", "Name the indicator, or delete the row."),
        "unit": T(
            "填上目标数值（如 ≥95%、≥3550 平方米），或把这一行删除。",
            "Write the number (≥95%, ≥3550 平方米), or delete the row.",
        ),
    },
    explanation=T(
        "绩效目标表要完整填写（财预〔2015〕88号审核“完整性”：表中内容没有缺漏，见 docs/DOMAIN.md“What a target review "
        "grades”）。模板里的占位符（≥**人次、XX、××）、模板留下的空行（……、只有编号的“指标3：”）和只有单位没有数值的"
        "指标值（公里、≧ %）说明表还没有填完，不能提交，因此是错误。实际表格中都出现过：tests/real/sources 53、52 的指标"
        "名称中留有“(≥**%)”，05、11 留有“…”行，60 的指标值只有“公里”“万亩”“≧ %”。空的指标值由 PG002 报告；"
        "有编号也有名称的“指标1：新建保鲜库数量”不报告。",
        "A target table is filled in completely (财预〔2015〕88号 grades 完整性: nothing missing from the form, see "
        "docs/DOMAIN.md). A template's placeholders (≥**人次, XX, ××), the rows it leaves empty (……, a bare 指标3：) "
        "and a target that is a unit without its number (公里, ≧ %) show the table is unfinished, so they are errors. "
        "All are seen in real tables: names keeping '(≥**%)' in tests/real/sources 52 and 53, '…' rows in 05 and 11, "
        "targets of only 公里, 万亩 or ≧ % in 60. An empty target is PG002's; a numbered name with its words "
        "(指标1：新建保鲜库数量) is not reported.",
    ),
    bad=example("质量指标", "{name: 苗木成活率(≥**%), target: ≥85%}"),
    good=example("质量指标", "{name: 苗木成活率, target: ≥85%}"),
)
def check_placeholders(project, ctx):
    # `/` or `-` in a head field the form does not require (资金用途 under most profiles) is a cell left empty
    required = {"name", "goal", *(ctx.profile.required if ctx.profile is not None else ())}
    for key, label in _TOP_FIELDS.items():
        text = getattr(project, key, None)
        found = template_blank(text) if isinstance(text, str) else None
        if found is not None and (found[0] == "mark" or key in required):
            yield _blank_hit((key,), text, found, label)
    for level1, level2, index, ind in project.iter_indicators():
        path = ("indicators", level1, level2, index)
        numbered = ind.name.startswith("指标") and _NUMBERING_ONLY.fullmatch(normalize(ind.name))
        if numbered:
            yield Hit(path + ("name",), {"text": ind.name}, "numbering")
        for key, label in _INDICATOR_FIELDS.items():
            text = getattr(ind, key)
            found = template_blank(text) if text is not None and not (key == "name" and numbered) else None
            if found is not None and (found[0] == "mark" or key in _REQUIRED):
                yield _blank_hit(path + (key,), text, found, _where(ind, key, label, found[0]))
        if is_bare_unit(ind.target):
            yield Hit(path + ("target",), {"name": ind.name, "text": ind.target}, "unit")


def _where(ind, key: str, label: T, variant: str) -> T:
    """Which text the finding is about: a name holding a mark is shown whole; a blank name has no name to show."""
    if key != "name":
        return T(f"指标“{ind.name}”的{label.zh}", f"{label.en} of '{ind.name}'")
    return T(f"三级指标“{ind.name}”", f"indicator name '{ind.name}'") if variant == "mark" else label


def _blank_hit(path: tuple, text: str, found: tuple[str, str], where: T) -> Hit:
    variant, shown = found
    if variant == "blank":
        return Hit(path, {"where": where, "text": shown}, "blank")
    # Point at the mark itself (a plain scalar's column moves; NFKC may have changed ＊＊, then at the text).
    return Hit(path, {"where": where, "mark": shown}, "mark", column_offset=max(text.find(shown), 0))


# The template's own notes, kept in category names: 数量指标 (必填硬性指标), 经济效益 指标 (选填).
_FILL_IN_NOTE = re.compile(r"[（(【\[]\s*(?:必填|选填|可选|必选)[^）)】\]]*[）)】\]]")
# The template's numbering before a real name: 指标1：新建保鲜库数量.
_NUMBERED_NAME = re.compile(r"\s*指标\s*[\d０-９一二三四五六七八九十]+\s*[:：]\s*(?=\S)")


@rule(
    code="PG305",
    name="template-notes",
    severity=Severity.WARNING,
    summary=T(
        "名称中留有模板的填写说明或编号（（必填）、指标1：）",
        "the template's fill-in notes or numbering left in names ((必填), 指标1：)",
    ),
    message={
        "note": T(
            "类别名称“{name}”中留有模板的填写说明“{note}”{more}",
            "the category name '{name}' keeps the template's note '{note}'{more}",
        ),
        "numbering": T(
            "三级指标“{name}”前留有模板的编号“{note}”", "indicator '{name}' keeps the template's numbering '{note}'"
        ),
    },
    hint={
        "note": T(
            "删去（必填）（选填）这样的说明，只留类别名称（如 数量指标）。",
            "Drop notes such as (必填) and (选填), keeping the category's name (数量指标).",
        ),
        "numbering": T("删去编号，只留指标名称（如 {bare}）。", "Drop the numbering and keep the name ({bare})."),
    },
    explanation=T(
        "模板中提示填表人的说明（“必填”“选填”）和行编号（“指标1：”）不是表的内容，提交前应删去。tests/real/sources 52 的"
        "类别名称留有“(必填硬性指标)”“(选填)”，59、60 的三级指标留有“指标1：”，都被审核指出。名称仍能识别，检查照常进行，"
        "所以只是警告；只有编号、没有名称的“指标3：”是 PG304 的错误。这条规则依据评审实践，不是某个文件的明文规定。",
        "A template's notes to whoever fills it in (必填, 选填) and its row numbering (指标1：) are not part of the table "
        "and are dropped before submission. Table 52 in tests/real/sources keeps '(必填硬性指标)' and '(选填)' in its "
        "category names, 59 and 60 keep '指标1：' before their indicator names; reviewers pointed them out. The names "
        "are still understood and checked, so it is a warning; a bare 指标3： with no name is PG304's error. The rule "
        "rests on reviewers' practice, not on a written provision.",
    ),
    bad=example("数量指标", "{name: 指标1：新建保鲜库数量, target: ≥2 座}"),
    good=example("数量指标", "{name: 新建保鲜库数量, target: ≥2 座}"),
)
def check_template_notes(project, ctx):
    noted = [
        (where, m[0])
        for level1, group in project.indicators.items()
        for where in [("indicators", level1)] + [("indicators", level1, level2) for level2 in group]
        if (m := _FILL_IN_NOTE.search(where[-1]))
    ]
    if noted:  # one finding for the form: the same notes run through every category name
        (where, note), more = noted[0], len(noted) - 1
        extra = T(f"（另有 {more} 个类别名称也是如此）", f" (and {more} more category names)") if more else ""
        yield Hit(where, {"name": where[-1], "note": note, "more": extra}, "note", key=True)
    for level1, level2, index, ind in project.iter_indicators():
        m = _NUMBERED_NAME.match(ind.name)
        if m:
            params = {"name": ind.name, "note": m[0].strip(), "bare": ind.name[m.end() :]}
            yield Hit(("indicators", level1, level2, index, "name"), params, "numbering")


@rule(
    code="PG306",
    name="empty-category",
    severity=Severity.WARNING,
    summary=T(
        "二级指标留空，既没有指标，也没有注明不适用", "a 二级 category left empty, with no indicator and no 不适用"
    ),
    message=T("二级指标“{name}”下没有任何指标", "the category '{name}' is left empty"),
    hint=T(
        "填写这一类的指标；本项目不涉及的，写一行 {{name: 不适用, target: 不适用}} 说明，或删去这一类。",
        "Add its indicators; if it does not apply to the project, say so with a row {{name: 不适用, target: 不适用}}, "
        "or remove the category.",
    ),
    explanation=T(
        "表中列出的二级指标应当填写，本项目不涉及的应注明“不适用”（审核人员据此判断是漏填还是不涉及）。tests/real/sources "
        "02、75、81 的审核意见都指出了留空的二级指标行。这条规则依据评审实践，不是某个文件的明文规定；缺少必填类别由 PG302 报告。",
        "A 二级 category the table lists is filled in, or marked 不适用 when the project has none (reviewers tell an "
        "omission from a category that does not apply by it). The findings on tables 02, 75 and 81 in tests/real/sources "
        "point out such empty rows. The rule rests on reviewers' practice, not on a written provision; a required "
        "category that is missing altogether is PG302's.",
    ),
    bad="indicators:\n  效益指标:\n    社会效益指标:\n      - {name: 受益群众人数, target: ≥500 人}\n    经济效益指标: []",
    good="indicators:\n  效益指标:\n    社会效益指标:\n      - {name: 受益群众人数, target: ≥500 人}\n"
    "    经济效益指标:\n      - {name: 不适用, target: 不适用}",
)
def check_empty_categories(project, ctx):
    for level1, group in project.indicators.items():
        for level2, items in group.items():
            if not items and level2.strip() and template_blank(level2) is None:
                yield Hit(("indicators", level1, level2), {"name": level2}, key=True)
