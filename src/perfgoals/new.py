"""`perfgoals new`: a project file to fill in.

Every category the framework requires is there, each with one indicator whose
name and target are empty.  Empty and missing values are exactly what validate's
own rules reject (PG002 `不能为空`, a number that is missing), so the file fails
validation until a person has filled it in; nothing here is special-cased.
Each field carries a Chinese comment taken from the model, and the first line
points editors at the JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from perfgoals import source
from perfgoals.errors import UserError
from perfgoals.frameworks import Framework
from perfgoals.i18n import T
from perfgoals.model import Budget, Indicator, Project
from perfgoals.profile import Profile
from perfgoals.workspace import DEPARTMENT_NAMES, read_bytes, settings_for

# What each kind of 二级指标 measures and an example record, for the comment on the category.
_KIND_HELP = {
    "quantity": ("计划提供的产品或服务数量", "{{name: 印刷数量, target: ≥1500 册}}"),
    "quality": ("产品或服务达到的标准、水平", "{{name: 印刷合格率, target: ≥95%}}"),
    "timeliness": ("完成的时限或及时程度", "{{name: 完成时限, target: {year} 年 12 月 31 日}}"),
    "cost": ("单位成本或总成本（金额，不能超过预算）", "{{name: 按总成本控制, target: ≤0.9 万元}}"),
    "benefit": ("项目带来的效益；能量化的写数值", "{{name: 保障工作开展, target: 保障群众知情权}}"),
    "satisfaction": ("服务对象满意度（百分比）", "{{name: 服务对象满意度, target: ≥90%}}"),
    "other": ("", ""),
}
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`~][^:#\[\]{},\n]*")


def _scalar(text: str) -> str:
    """A value as YAML: plain when it reads back as the same text, double-quoted otherwise."""
    if text and _PLAIN.fullmatch(text) and text == text.strip() and _reads_as_text(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _reads_as_text(text: str) -> bool:
    try:
        return source.resolve_plain(text) == text
    except source.LongNumber:  # a long run of digits: quoted, it is text
        return False


def _help(model, field: str) -> str:
    info = model.model_fields[field]
    return "：".join(x for x in (info.title, info.description) if x)


def find_unit(folder: Path) -> tuple[str, str, int | None] | None:
    """Unit code, name and year from department.yaml in the folder or one above it, if there is one."""
    for candidate in (folder / DEPARTMENT_NAMES[0], folder.parent / DEPARTMENT_NAMES[0]):
        if not candidate.is_file():
            continue
        try:
            data = source.parse(source.decode(read_bytes(candidate))).data
        except source.SourceError:
            continue
        unit = data.get("unit") if isinstance(data, dict) else None
        if isinstance(unit, dict) and isinstance(unit.get("code"), str) and isinstance(unit.get("name"), str):
            year = data.get("year")
            return unit["code"], unit["name"], year if isinstance(year, int) else None
    return None


# The optional head fields as a new file writes them: (text, comment).  A field the form requires is a line to
# fill in; one the form prints but does not require is the same line commented out.
_HEAD = {
    "authority": ('authority: ""', "主管部门及代码，照表中所写"),
    "implementer": ('implementer: ""', "实施单位"),
    "attribute": ('attribute: ""', "项目属性：新增、延续、常年等"),
    "purpose": ('purpose: ""', "资金用途"),
    "period": ('period: ""', "实施期（项目期），跨年度项目填写，如 2024.01-2026.12"),
    "budget_period": ("budget_period: {total: , fiscal: , other: 0}", "中期资金总额（跨年度项目整个实施期）"),
    "spend_plan": ("spend_plan: {3: , 6: , 10: , 12: 100%}", "资金支出计划（%）：各月底累计支出占预算的百分比"),
    "long_term_goal": ('long_term_goal: ""', "中长期目标（跨年度项目）"),
}


def scaffold(
    code: str,
    name: str,
    year: int | None,
    framework: Framework,
    schema_line: str,
    unit: tuple[str, str] | None = None,
    profile: Profile | None = None,
) -> str:
    year = year or dt.date.today().year + 1  # tables are drawn up in the autumn for the next budget year
    unit_code, unit_name = unit or ("", "")
    w = 40  # display column of the comments, so they line up
    lines = [
        schema_line,
        '# 项目支出绩效目标表。把每个 "" 和空着的数字填好；perfgoals validate 会指出还没填的地方。',
        "# 不需要的二级指标可以删除；需要时按同样的写法添加。",
    ]

    def row(text: str, comment: str) -> None:
        from rich.cells import cell_len

        pad = " " * max(w - cell_len(text), 0)
        lines.append(f"{text}{pad}  # {comment}" if comment else text)

    row(f"year: {year}", _help(Project, "year"))
    row(
        f"unit: {{code: {json.dumps(unit_code, ensure_ascii=False)}, name: {_scalar(unit_name)}}}",
        "预算单位：单位编码（用引号括起来）和单位名称",
    )
    row(f"code: {json.dumps(code, ensure_ascii=False)}", _help(Project, "code"))
    row(f"name: {_scalar(name)}", _help(Project, "name"))
    row(
        "budget: {total: , fiscal: , other: 0}",
        f"{Project.model_fields['budget'].title}（万元）：预算数 = 财政资金 + 其他资金；{Budget.model_fields['other'].description}",
    )
    row("money_unit: 万元", "金额单位：万元 或 元")
    fields = profile.fields if profile is not None else []
    for field in _HEAD:  # in the model's order, which is the printed form's
        if field in fields or profile is not None and field in profile.required:
            text, comment = _HEAD[field]
            row(text if profile is not None and field in profile.required else f"# {text}", comment)
    row('goal: ""', f"{_help(Project, 'goal')}：做什么、做多少、达到什么效果")
    lines.append("# 每个三级指标写成 {name: 三级指标, target: 指标值, basis: 指标值确定依据}。")
    lines.append(f"# {_help(Indicator, 'target')}")
    lines.append(f"# {_help(Indicator, 'basis')}")
    row("indicators:", _help(Project, "indicators"))
    current = None
    for level1, level2, kind in framework.scaffold():
        if level1 != current:
            lines.append(f"  {level1}:")
            current = level1
        meaning, example = _KIND_HELP.get(kind, ("", ""))
        comment = "；".join(x for x in (meaning, ("例如 " + example.format(year=year)) if example else "") if x)
        row(f"    {level2}:", comment)
        row('      - {name: "", target: "", basis: ""}', "填写三级指标名称、指标值和确定依据")
    return "\n".join(lines) + "\n"


def create(code: str, name: str, year: int | None, output: str | None) -> str:
    """The new file's text, scaffolded for the framework configured where it will live; written to output
    (never over an existing file) when one is given."""
    from perfgoals.schema import schema_line

    target = Path(output) if output else None
    if target is not None and target.exists():
        raise UserError(T(f"{output} 已存在，不会覆盖", f"{output} exists; it is not overwritten"))
    if target is not None and not target.parent.is_dir():
        raise UserError(T(f"文件夹 {target.parent} 不存在", f"no such folder: {target.parent}"))
    folder = target.parent if target is not None else Path.cwd()
    found = find_unit(folder.resolve())
    settings = settings_for(target if target is not None else folder / "new.yaml")
    text = scaffold(
        code,
        name,
        year or (found[2] if found else None),
        settings.framework,
        schema_line(target, "project", _repo_root(folder)),
        found[:2] if found else None,
        settings.profile,
    )
    if target is not None:
        from perfgoals.atomic import write_bytes

        write_bytes(target, text.encode("utf-8"))
    return text


def _repo_root(folder: Path) -> Path:
    """The git work tree holding folder (the schema files live at its top), else the current folder."""
    import subprocess

    try:
        done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True)
    except OSError:
        return Path.cwd()
    return Path(done.stdout.strip()) if done.returncode == 0 else Path.cwd()
