"""Indicator frameworks: which 一级/二级 categories exist, what each measures, which are required.

Frameworks are data (YAML files in ``frameworks/``); a province can point ``framework:`` at its own file.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

Kind = Literal["quantity", "quality", "timeliness", "cost", "benefit", "satisfaction", "other"]
Required = Literal["error", "warning"]


class _Child(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Kind = "other"
    required: Required | None = None
    scaffold: bool = False  # put in a new file by `perfgoals new`


class _Top(BaseModel):
    model_config = ConfigDict(extra="forbid")
    required: Required | None = None
    children: dict[str, _Child]


class _FrameworkFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    title: str = ""
    categories: dict[str, _Top]
    aliases: dict[str, str] = {}


@dataclass(frozen=True)
class Category:
    level1: str
    level2: str
    kind: str


class Framework:
    def __init__(self, spec: _FrameworkFile):
        self.name = spec.name
        self.title = spec.title
        self.spec = spec
        self.aliases = dict(spec.aliases)
        # 二级 name -> the 一级 it belongs to, for "belongs under X" hints
        self.home: dict[str, str] = {c: top for top, t in spec.categories.items() for c in t.children}
        # Every rule classifies every indicator: ~15 lookups a file, from a handful of distinct pairs.
        self._classified: dict[tuple[str, str], Category | None] = {}

    @property
    def level1(self) -> list[str]:
        return list(self.spec.categories)

    def level2(self, level1: str) -> list[str]:
        return list(self.spec.categories[level1].children)

    def canonical(self, name: str) -> str:
        return self.aliases.get(name, name)

    def classify(self, level1: str, level2: str) -> Category | None:
        """The category of an indicator written under (level1, level2), or None when the framework has no such pair."""
        try:
            return self._classified[(level1, level2)]
        except KeyError:
            pass
        l1, l2 = self.canonical(level1), self.canonical(level2)
        top = self.spec.categories.get(l1)
        found = Category(l1, l2, top.children[l2].kind) if top is not None and l2 in top.children else None
        if len(self._classified) < 10_000:  # bounded: category names come from the files
            self._classified[(level1, level2)] = found
        return found

    def scaffold(self) -> list[tuple[str, str, str]]:
        """(一级, 二级, kind) for the categories a new file starts with: every required first-level category
        with its children marked scaffold or required (its first child when none is)."""
        out: list[tuple[str, str, str]] = []
        for l1, top in self.spec.categories.items():
            if not top.required and not any(c.required for c in top.children.values()):
                continue
            chosen = [(l2, c.kind) for l2, c in top.children.items() if c.scaffold or c.required]
            if not chosen and top.children:
                first = next(iter(top.children.items()))
                chosen = [(first[0], first[1].kind)]
            out.extend((l1, l2, kind) for l2, kind in chosen)
        return out

    def required(self) -> list[tuple[tuple[str, ...], str]]:
        out: list[tuple[tuple[str, ...], str]] = []
        for l1, top in self.spec.categories.items():
            if top.required:
                out.append(((l1,), top.required))
            for l2, child in top.children.items():
                if child.required:
                    out.append(((l1, l2), child.required))
        return out


BUILTIN = ("mof2015", "mof2021")
DEFAULT = "mof2015"  # when perfgoals.yaml names none (Config.framework's default)


def load_framework(name_or_path: str, base: Path | None = None) -> Framework:
    """A built-in framework by name, or a province's file by path (relative to base).

    Raises a UserError saying what to do."""
    from perfgoals import source
    from perfgoals.errors import UserError
    from perfgoals.i18n import T

    if name_or_path in BUILTIN:
        text = resources.files("perfgoals").joinpath("frameworks", f"{name_or_path}.yaml").read_text("utf-8")
        origin = name_or_path
    else:
        path = Path(name_or_path)
        if base is not None and not path.is_absolute():
            path = base / path
        origin = str(path)
        if not path.is_file():
            raise UserError(T(
                f"未知的指标框架“{name_or_path}”：可写 mof2015、mof2021，或省级框架文件的路径（找不到 {origin}）",
                f"unknown framework '{name_or_path}': use mof2015, mof2021 or the path of a framework file "
                f"({origin} does not exist)"))
        try:
            text = source.read_text(path)
        except source.SourceError:
            raise UserError(T(f"无法读取指标框架文件 {origin}（须为 UTF-8 文本）",
                                   f"cannot read the framework file {origin} (it must be UTF-8 text)")) from None
    try:
        data = source.parse(text).data
        return Framework(_FrameworkFile.model_validate(data))
    except source.SourceError as exc:
        where = f"{origin}:{exc.problem.line}:{exc.problem.column}"
        raise UserError(T(f"指标框架文件 {where} 不是有效的 YAML（可用 perfgoals validate {origin} 查看详情）",
                               f"the framework file {where} is not valid YAML")) from None
    except ValueError as exc:
        first = str(exc).splitlines()[1:3] if "\n" in str(exc) else [str(exc)]
        detail = "; ".join(line.strip() for line in first)
        raise UserError(T(f"指标框架文件 {origin} 的格式不对：{detail}（见 src/perfgoals/frameworks/mof2015.yaml 的写法）",
                               f"the framework file {origin} has the wrong shape: {detail} "
                               f"(see src/perfgoals/frameworks/mof2015.yaml)")) from None
