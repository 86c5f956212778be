"""Form profiles: which head fields a province's 绩效目标表 has and requires, its framework and the names it
gives categories, its thresholds and rule severities.

Profiles are data (YAML files in ``profiles/``), each citing the published tables it was checked against;
``profile:`` in perfgoals.yaml names a built-in one or a file, and a profile can extend another.  With no
profile configured the common core applies (``core``): only what every form has is required, and the
category names of every shipped profile are understood.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from perfgoals.frameworks import load_spec
from perfgoals.i18n import T
from perfgoals.model import Percent

# Head fields a form may have beyond what every form has (year, unit, code, name, budget, goal, indicators).
HeadField = Literal[
    "authority", "implementer", "attribute", "purpose", "period", "budget_period", "spend_plan", "long_term_goal"
]

BUILTIN = ("core", "tangshan", "mof2015", "mof2021", "sichuan", "anhui", "gansu")
DEFAULT = "core"
WHAT, WHAT_FILE = T("表样", "profile"), T("表样文件", "profile file")


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(title="表样名称")
    title: str = Field("", title="表样标题")
    extends: str | None = Field(
        None, title="继承的表样", description="the profile this one adds to (its fields, aliases and rules)"
    )
    framework: str | None = Field(None, title="指标框架")
    fields: list[HeadField] = Field(
        [], title="表头字段", description="the head fields the form prints, beyond the common core"
    )
    required: list[HeadField] = Field([], title="必填字段", description="the head fields it requires")
    aliases: dict[str, str] = Field({}, title="类别别名", description="the form's own names for categories")
    satisfaction_floor: Percent | None = Field(None, title="满意度下限")  # as perfgoals.yaml's: 85 or 85%, in range
    rules: dict[str, Literal["error", "warning", "off"]] = Field({}, title="规则级别")
    sources: list[str] = Field(
        [], title="依据的公开表", description="published tables this profile was checked against"
    )


def load_profile(name_or_path: str, base: Path | None = None, _seen: tuple[str, ...] = ()) -> Profile:
    """A built-in profile by name or a file by path (relative to base), with what it extends folded in.
    Raises a UserError saying what to do."""
    from perfgoals.errors import UserError

    profile = load_spec(Profile, "profiles", BUILTIN, name_or_path, base, WHAT, WHAT_FILE)
    if profile.extends is None:
        return profile
    if profile.extends in _seen:
        raise UserError(T(f"表样“{name_or_path}”的 extends 绕回了自身", f"profile '{name_or_path}' extends itself"))
    # a profile file's `extends` is relative to that file, not to perfgoals.yaml
    here = base if name_or_path in BUILTIN else (Path(name_or_path) if base is None else base / name_or_path).parent
    parent = load_profile(profile.extends, here, (*_seen, name_or_path))
    return Profile(
        name=profile.name,
        title=profile.title,
        framework=profile.framework or parent.framework,
        fields=list(dict.fromkeys([*parent.fields, *profile.fields])),
        required=list(dict.fromkeys([*parent.required, *profile.required])),
        aliases={**parent.aliases, **profile.aliases},
        satisfaction_floor=profile.satisfaction_floor
        if profile.satisfaction_floor is not None
        else parent.satisfaction_floor,
        rules={**parent.rules, **profile.rules},
        sources=profile.sources,  # the tables this profile itself was checked against
    )


@lru_cache(maxsize=1)
def every_alias() -> dict[str, str]:
    """The category names of every shipped profile: what the common core understands."""
    names: dict[str, str] = {}
    for name in BUILTIN:
        names.update(load_profile(name).aliases)
    return names
