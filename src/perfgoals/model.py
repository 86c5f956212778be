"""The project and department files as pydantic models.

The models check shape and types only (PG002); everything about meaning (sums,
frameworks, targets) is a rule.  Titles and descriptions are Chinese because they
are shown to the people who fill in the files (schema, editor completion).
"""

from __future__ import annotations

import copy
import re
from functools import cached_property
from decimal import Decimal
from typing import Annotated, Any, Iterator, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, StringConstraints, WithJsonSchema

from perfgoals.targets import Period, Quantity, Target, parse_target

MAX_MONEY = Decimal("1e12")


def _money(v: Any) -> Any:
    if isinstance(v, bool):
        raise ValueError("bool")
    if isinstance(v, str):
        s = v.strip().replace(",", "")
        if not re.fullmatch(r"[-+]?\d+(\.\d+)?", s):
            raise ValueError("money")
        return Decimal(s)
    return v


def _percent(v: Any) -> Any:
    if isinstance(v, bool):
        raise ValueError("bool")
    if isinstance(v, str):
        m = re.fullmatch(r"\s*([-+]?\d+(?:\.\d+)?)\s*[%％]?\s*", v)
        if not m:
            raise ValueError("percent")
        return Decimal(m.group(1))
    return v


def _period(v: Any) -> Any:
    if isinstance(v, str) and not _full_period(parse_target(v)) and not _is_length(v):
        raise ValueError("period")
    return v


# 项目期 as many forms print it: a length (1年, 3年, 18个月), 长期 for a standing project, or 全年 (the budget
# year), with no dates.
_STANDING = ("长期", "常年", "持续", "全年", "全年度", "本年度", "当年")


def _is_length(text: str) -> bool:
    if text.strip() in _STANDING:
        return True
    p = parse_target(text)
    return isinstance(p, Quantity) and not p.comparator and not p.per and p.unit in ("年", "个月", "月") and p.value > 0


def _full_period(p) -> bool:
    """A period with its years written (`2023.07-2024.01`, `2023年`): `1月-12月` says nothing without them."""
    return isinstance(p, Period) and not p.yearless


# The JSON Schema (editor completion, `perfgoals schema`) describes what a person may type in the
# YAML file, which is wider than the Python type: `0.45` or "0.45", `30%` or 30.
_MONEY_SCHEMA = {
    "anyOf": [
        {"type": "number", "minimum": -1e12, "maximum": 1e12},
        {"type": "string", "pattern": r"^\s*[-+]?[0-9][0-9,]*(\.[0-9]+)?\s*$"},
    ]
}
_PERCENT_SCHEMA = {
    "anyOf": [
        {"type": "number", "minimum": -1000, "maximum": 1000},
        {"type": "string", "pattern": r"^\s*[-+]?[0-9]+(\.[0-9]+)?\s*[%％]?\s*$"},
    ]
}


class _FreshSchema(WithJsonSchema):
    """A copy of the given schema each time: pydantic 2.7 writes a field's default into the very dict it was
    handed, so a default of one model (satisfaction_floor: 85) showed up in another's schema (spend_plan)."""

    def __get_pydantic_json_schema__(self, core_schema, handler):
        return copy.deepcopy(super().__get_pydantic_json_schema__(core_schema, handler))


Money = Annotated[
    Decimal,
    BeforeValidator(_money),
    Field(allow_inf_nan=False, decimal_places=6, ge=-MAX_MONEY, le=MAX_MONEY),
    _FreshSchema(_MONEY_SCHEMA),
]
Percent = Annotated[
    Decimal, BeforeValidator(_percent), Field(allow_inf_nan=False, ge=-1000, le=1000), _FreshSchema(_PERCENT_SCHEMA)
]
# Non-blank text; a number is accepted too (kept as its text), as the loader does.  The check is a
# pattern pydantic runs in Rust: a Python validator here was called ~60 times a file.
Text = Annotated[
    str,
    StringConstraints(pattern=r"[^\s\x1c-\x1f]"),  # blank as str.strip() sees it
    _FreshSchema({"type": ["string", "number"], "pattern": r"\S"}),
]
Year = Annotated[StrictInt, Field(ge=1990, le=2200, title="预算年度")]


class _Strict(BaseModel):
    # Numbers written where text is expected are kept as their text (a basis of `2022`).
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


class Unit(_Strict):
    model_config = ConfigDict(title="预算单位")
    code: Text = Field(
        title="单位编码", description='预算单位编码，用引号括起来，例如 "644001"', json_schema_extra={"type": "string"}
    )
    name: Text = Field(title="单位名称")


class Budget(_Strict):
    model_config = ConfigDict(title="预算规模")
    total: Money = Field(title="预算数", description="项目预算总额，单位见 money_unit（默认万元）")
    fiscal: Money = Field(title="其中：财政资金")
    other: Money = Field(Decimal(0), title="其他资金", description="没有时写 0 或省略")


class Indicator(_Strict):
    # Field order is the table's column order and the order `perfgoals fmt` writes.
    model_config = ConfigDict(title="三级指标")
    name: Text = Field(title="三级指标", description="三级指标名称，在一个项目内唯一")
    description: Text | None = Field(None, title="绩效指标描述", description="与三级指标相同时可省略")
    target: Text = Field(
        title="指标值",
        description="如 ≥90%、≤0.9 万元、1500 册、2023 年 12 月 31 日；不能量化时写定性描述",
    )
    per: Text | None = Field(None, title="单价对应的数量指标", description="单位成本指标所乘的数量指标名称")
    basis: Text | None = Field(
        None, title="指标值确定依据", description="计划标准、行业标准、历史标准、其他标准或工作计划"
    )
    note: Text | None = Field(None, title="备注")

    @cached_property  # read ~130 times a file by the rules; models are not changed after loading
    def parsed(self) -> Target:
        return parse_target(self.target)

    @property
    def shown_description(self) -> str:
        return self.description if self.description is not None else self.name


Indicators = dict[str, dict[str, list[Indicator]]]


class Project(_Strict):
    model_config = ConfigDict(
        title="项目支出绩效目标表",
        json_schema_extra={"description": "一个预算项目的绩效目标表：预算、资金支出计划、绩效目标和三级绩效指标"},
    )
    year: Year
    unit: Unit = Field(title="预算单位")
    code: Text = Field(
        title="项目编码",
        description="用引号括起来的字符串；纯数字的编码必须加引号以免丢失前导零",
        json_schema_extra={"type": "string"},
    )
    name: Text = Field(title="项目名称")
    budget: Budget = Field(title="预算规模")
    money_unit: Literal["万元", "元"] = Field("万元", title="金额单位")
    # The head fields below `money_unit` are those some provinces' forms have and others lack: optional
    # here, required by the form profile that prints them (perfgoals.profile).
    authority: Text | None = Field(
        None, title="主管部门及代码", description="主管部门的编码和名称，照表中所写，如 [077]淮北市文化和旅游局"
    )
    implementer: Text | None = Field(None, title="实施单位")
    attribute: Text | None = Field(None, title="项目属性", description="新增、延续、常年、一次性等，照表中所写")
    purpose: Text | None = Field(None, title="资金用途")
    period: Annotated[Text, BeforeValidator(_period)] | None = Field(
        None,
        title="实施期",
        description="实施期（项目期）：起止时间如 2023.07-2024.01，或表中所写的期限如 1年、3年、长期",
    )
    budget_period: Budget | None = Field(
        None,
        title="中期资金总额",
        description="跨年度项目整个实施期的资金：{total: 总额, fiscal: 财政拨款, other: 其他资金}",
    )
    spend_plan: dict[int, Percent] | None = Field(
        None,
        title="资金支出计划（%）",
        description="各月底累计支出占预算的百分比，如 {3: 30%, 6: 60%, 10: 80%, 12: 100%}",
    )
    long_term_goal: Text | None = Field(None, title="中长期目标", description="跨年度项目整个实施期的目标")
    goal: Text = Field(title="绩效目标", description="年度绩效目标")
    indicators: Indicators = Field(title="绩效指标", description="一级指标 → 二级指标 → 三级指标列表")

    def iter_indicators(self) -> Iterator[tuple[str, str, int, Indicator]]:
        for level1, group in self.indicators.items():
            for level2, items in group.items():
                for index, indicator in enumerate(items):
                    if indicator is not None:  # (a partial project keeps a broken indicator's place as None)
                        yield level1, level2, index, indicator

    @property
    def period_range(self) -> Period | None:
        if self.period is None:
            return None
        parsed = parse_target(self.period)
        return parsed if _full_period(parsed) else None


class DepartmentIndicator(_Strict):
    model_config = ConfigDict(title="绩效指标")
    name: Text = Field(title="指标名称")
    target: Text = Field(title="指标值")
    note: Text | None = Field(None, title="备注")

    @property
    def parsed(self) -> Target:
        return parse_target(self.target)


class SubGoal(_Strict):
    model_config = ConfigDict(title="分项绩效目标")
    name: Text = Field(title="分项名称")
    goal: Text = Field(title="绩效目标")
    indicators: list[DepartmentIndicator] = Field([], title="绩效指标")


class Safeguard(_Strict):
    model_config = ConfigDict(title="工作保障措施")
    title: Text = Field(title="保障措施标题")
    text: Text = Field(title="保障措施内容")


class Department(_Strict):
    model_config = ConfigDict(
        title="部门整体绩效目标表",
        json_schema_extra={"description": "一个预算单位的部门整体绩效目标：总体目标、分项目标和保障措施"},
    )
    year: Year
    unit: Unit = Field(title="预算单位")
    overall_goal: Text = Field(title="总体绩效目标")
    sub_goals: list[SubGoal] = Field([], title="分项绩效目标")
    safeguards: list[Safeguard] = Field([], title="工作保障措施")


FIELD_LABELS = {
    "year": "预算年度",
    "unit": "预算单位",
    "code": "编码",
    "name": "名称",
    "budget": "预算规模",
    "total": "预算数",
    "fiscal": "财政资金",
    "other": "其他资金",
    "money_unit": "金额单位",
    "purpose": "资金用途",
    "authority": "主管部门及代码",
    "implementer": "实施单位",
    "attribute": "项目属性",
    "budget_period": "中期资金总额",
    "long_term_goal": "中长期目标",
    "period": "实施期",
    "spend_plan": "资金支出计划",
    "goal": "绩效目标",
    "indicators": "绩效指标",
    "target": "指标值",
    "description": "绩效指标描述",
    "basis": "指标值确定依据",
    "per": "单价对应的数量指标",
    "note": "备注",
    "overall_goal": "总体绩效目标",
    "sub_goals": "分项绩效目标",
    "safeguards": "工作保障措施",
    "title": "标题",
    "text": "内容",
}


class MissingField(Exception):
    """A rule asked for a field that did not pass the schema; that rule is skipped for this file."""


class PartialProject:
    """The fields of a project that passed the schema when others did not (PG002), so that the rules that
    need only those still report: one misspelt key must not hide a spend plan that decreases."""

    def __init__(self, values: dict[str, Any]):
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:
        raise MissingField(name)

    iter_indicators = Project.iter_indicators
    period_range = Project.period_range


_partial_model: type[BaseModel] | None = None


def partial_project(data: dict[str, Any], errors: list[dict]) -> PartialProject | None:
    """Re-validate `data` without the top-level fields that had errors; None when nothing usable is left."""
    from pydantic import ValidationError, create_model

    global _partial_model
    if _partial_model is None:
        # Every field optional: what is left out is left out, not an error; what is kept validated already.
        optional = {name: (f.annotation | None, None) for name, f in Project.model_fields.items() if f.is_required()}
        _partial_model = create_model("PartialProjectModel", __base__=Project, **optional)
    items = {tuple(e["loc"][1:4]) for e in errors if _in_one_indicator(e.get("loc") or ())}
    broken = {e["loc"][0] for e in errors if e.get("loc") and not _in_one_indicator(e["loc"])}
    kept = {k: v for k, v in data.items() if k not in broken}
    if items and "indicators" in kept:
        # One empty 指标值 must not hide every other indicator from the rules: the broken ones stand in as a
        # valid placeholder, then as None, so that every other indicator keeps its index (and its position).
        kept["indicators"] = {
            l1: {
                l2: [_PLACEHOLDER if (l1, l2, i) in items else item for i, item in enumerate(group_items)]
                for l2, group_items in group.items()
            }
            for l1, group in kept["indicators"].items()
        }
    try:
        model = _partial_model.model_validate(kept)
    except ValidationError:
        return None
    values = {
        name: getattr(model, name) for name, f in Project.model_fields.items() if name in kept or not f.is_required()
    }
    if items and "indicators" in values:
        values["indicators"] = {
            l1: {
                l2: [None if (l1, l2, i) in items else ind for i, ind in enumerate(inds)] for l2, inds in group.items()
            }
            for l1, group in values["indicators"].items()
        }
    return PartialProject(values) if values else None


_PLACEHOLDER = {"name": "-", "target": "-"}


def _in_one_indicator(loc: tuple) -> bool:
    """An error inside one indicator (indicators → 一级 → 二级 → index …), not in the grid's shape."""
    return len(loc) >= 4 and loc[0] == "indicators" and isinstance(loc[3], int)
