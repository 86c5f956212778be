"""The settings model of `perfgoals.yaml`: framework, spend-plan checkpoints, satisfaction floor, per-rule
severities.  perfgoals.workspace finds and reads the file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from perfgoals.model import Percent


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    extend: bool = Field(
        True,
        title="继承上级设置",
        description="true（默认）：上级文件夹的 perfgoals.yaml（或 pyproject.toml 的 [tool.perfgoals]）中的设置也适用，"
        "本文件的设置优先；false：只用本文件",
    )
    profile: str | None = Field(
        None,
        title="表样",
        description="本地绩效目标表的表样：core、tangshan、mof2015、mof2021、sichuan、anhui、gansu，或表样文件的路径；"
        "不写时为通用核心",
    )
    framework: str = Field(
        "mof2015", title="指标框架", description="mof2015、mof2021，或省级框架文件的路径；不写时用表样所定的框架"
    )
    checkpoints: list[int] = Field([3, 6, 10, 12], title="资金支出计划的月份")
    satisfaction_floor: Percent = Field(Decimal(85), title="满意度指标的最低值（%）")
    fmt_targets: Literal["normalize", "keep"] = Field(
        "normalize",
        title="fmt 是否规范指标值写法",
        description="normalize：>= 90 % 写成 ≥90%；keep：保持原样（如照录的印刷文件）",
    )
    rules: dict[str, Literal["error", "warning", "off"]] = Field({}, title="规则级别", description="如 PG401: off")
    select: list[str] | None = Field(
        None,
        title="只运行这些规则",
        description="规则代码、前缀（PG4）、名称或类别（syntax、budget、spend、framework、targets、cost、"
        "consistency、suppression、all）；不写时为全部规则",
    )
    extend_select: list[str] = Field([], title="另外运行的规则", description="写法同 select，加在 select 之上")
    ignore: list[str] = Field([], title="不运行的规则", description="写法同 select")
    exclude: list[str] = Field(
        [],
        title="不检查的文件",
        description="路径模式（gitignore 写法，相对于 perfgoals.yaml 所在文件夹），如 drafts/；"
        "在命令行上直接写出的文件仍会检查",
    )
    per_file_ignores: dict[str, list[str]] = Field(
        {},
        title="按路径忽略的规则",
        description="路径模式（gitignore 写法，相对于 perfgoals.yaml 所在文件夹）→ 规则代码或名称，"
        "如 projects/02-*.yaml: [PG603]",
    )

    import_labels: dict[str, str] = Field(
        {},
        title="导入时认作的标签",
        description="本地表样自己的标签 → perfgoals 认识的标签，import 和 validate 读 .xlsx/.docx 时使用，"
        "如 项目支出名称: 项目名称、绩效指标值: 指标值",
    )

    # Where the file was found; relative framework paths are resolved from here.  Not a setting.
    _base: Path | None = PrivateAttr(None)
