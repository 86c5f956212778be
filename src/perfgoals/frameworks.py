"""Indicator frameworks: which 一级/二级 categories exist, what each measures, which are required.

Frameworks are data (YAML files in ``frameworks/``); a province can point ``framework:`` at its own file.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from perfgoals import inputs
from perfgoals.i18n import T

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
    guessed: bool = False  # the file's names are not the framework's: read as these (PG301 says so, as a warning)


# Printed forms decorate category names: spaces from line breaks ("产出 指标"), notes in brackets
# ("数量指标（必填硬性指标）", "产出指标(40-50)分"), a star for a required column.
_DECORATION = re.compile(r"\s+|[（(][^）)]*[）)]分?|[*★]")
# What a category name says it is about, most specific first: "社会效益目标" is 社会效益, "产出数量指标" 数量.
_KEYWORDS = (
    "满意",
    "可持续",
    "生态环境成本",
    "经济成本",
    "社会成本",
    "生态",
    "经济",
    "社会",
    "数量",
    "质量",
    "时效",
    "成本",
    "效益",
    "产出",
)


# Category names in traditional characters, as mirror sites convert published pages (產出指標, 滿意度指標): the
# characters the frameworks' names use, folded to the simplified ones the forms print.
_SIMPLIFIED = str.maketrans("產標數質時經濟會態續響滿務對環護與個益効", "产标数质时经济会态续响满务对环护与个益效")


def clean_name(name: str) -> str:
    """A category name without what the printed form adds to it, in simplified characters."""
    return (_DECORATION.sub("", name) or name).translate(_SIMPLIFIED)


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

    def canonical(self, name: str, level: int = 0) -> str:
        """The framework's name for a category name as written.  At a known level a name the framework has there
        stays itself (满意度指标 is the 一级; a province's alias 满意度指标 → 服务对象满意度指标 is for its 二级)."""
        names = self.spec.categories if level == 1 else self.home if level == 2 else None
        if names is not None and name in names:
            return name
        name = self.aliases.get(name, name)
        if name in self.spec.categories or name in self.home:
            return name
        cleaned = clean_name(name)
        return self.aliases.get(cleaned, cleaned)

    def classify(self, level1: str, level2: str) -> Category | None:
        """The category of an indicator written under (level1, level2), or None when neither the names nor a
        clear guess (a keyword such as 数量 or 效益, or a near spelling) place it in the framework."""
        try:
            return self._classified[(level1, level2)]
        except KeyError:
            pass
        found = self._exact(level1, level2) or self._guess(level1, level2)
        if len(self._classified) < 10_000:  # bounded: category names come from the files
            self._classified[(level1, level2)] = found
        return found

    def _exact(self, level1: str, level2: str) -> Category | None:
        l1, l2 = self.canonical(level1, 1), self.canonical(level2, 2)
        top = self.spec.categories.get(l1)
        return Category(l1, l2, top.children[l2].kind) if top is not None and l2 in top.children else None

    def _guess(self, level1: str, level2: str) -> Category | None:
        if not level1.strip() or not level2.strip():
            return None  # a blank category name is no name: PG301 reports it as unknown
        l1, l2 = self.canonical(level1, 1), self.canonical(level2, 2)
        if l2 in self.spec.categories:  # a 一级 written as the 二级 (实施效果指标 → 产出指标; 效益指标 → 效益指标)
            return self._whole(l2)
        if l2 in self.home:  # a known 二级 under another 一级 (满意度 under 效益 in some provinces' forms)
            home = self.home[l2]
            return Category(home, l2, self.spec.categories[home].children[l2].kind, guessed=True)
        if l1 not in self.spec.categories:
            # a 二级 written as a 一级 (2021's 成本指标 under the 2015 framework), else a clear guess
            l1 = self.home.get(l1) or self._guess_name(l1, {name: None for name in self.level1})
            if l1 is None:  # an unknown 一级: the 二级 alone may still say what it is (产出数量指标 is 数量)
                return self.by_level2(l2)
        children = self.spec.categories[l1].children
        l2 = self._guess_name(l2, {name: child.kind for name, child in children.items()})
        if l2 is None:
            return self._whole(l1) if self.canonical(level2, 1) == l1 else None
        return Category(l1, l2, children[l2].kind, guessed=True)

    def by_level2(self, level2: str) -> Category | None:
        """The category a 二级 name alone places (产出数量指标: 产出/数量), wherever it is written."""
        if not level2.strip():
            return None
        l2 = self.canonical(level2, 2)
        everywhere = {name: child.kind for top in self.spec.categories.values() for name, child in top.children.items()}
        name = self._guess_name(l2, everywhere)
        return None if name is None else Category(self.home[name], name, everywhere[name], guessed=True)

    def _whole(self, l1: str) -> Category:
        """Indicators filed under a whole 一级 category: its 二级 when all of them measure one kind (效益: benefit),
        else the 一级 itself, of no particular kind (its kind-specific checks cannot run)."""
        children = self.spec.categories[l1].children
        kinds = {child.kind for child in children.values()}
        if len(kinds) == 1 and children:
            first = next((name for name, c in children.items() if c.scaffold), next(iter(children)))
            return Category(l1, first, children[first].kind, guessed=True)
        return Category(l1, l1, "other", guessed=True)

    def _guess_name(self, name: str, options: dict[str, str | None]) -> str | None:
        """The option a name clearly means: found by the name's first keyword (数量, 社会, 效益 …) in one option,
        or in several of one kind; else the one option within a small edit distance."""
        for word in _KEYWORDS:
            if word in name:
                matches = [o for o in options if word in o]
                if matches and (
                    len(matches) == 1
                    or None not in {options[m] for m in matches}
                    and len({options[m] for m in matches}) == 1
                ):
                    return matches[0]
                if matches:
                    break  # several of different kinds: not clear
        close = difflib.get_close_matches(name, list(options), n=2, cutoff=0.75)
        return close[0] if len(close) == 1 else None

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


def load_framework(name_or_path: str, base: Path | None = None, aliases: dict[str, str] | None = None) -> Framework:
    """A built-in framework by name, or a province's file by path (relative to base), with a form profile's
    category names added to its aliases.  Raises a UserError saying what to do."""
    spec = load_spec(_FrameworkFile, "frameworks", BUILTIN, name_or_path, base, WHAT, WHAT_FILE)
    if aliases:
        spec = spec.model_copy(update={"aliases": {**spec.aliases, **aliases}})
    return Framework(spec)


WHAT, WHAT_FILE = T("指标框架", "framework"), T("省级框架文件", "framework file")


def load_spec(
    model: type[BaseModel],
    folder: str,
    builtin: tuple[str, ...],
    name_or_path: str,
    base: Path | None,
    what: T,
    what_file: T,
) -> Any:
    """The YAML data file `name_or_path` as `model`: a built-in one (src/perfgoals/<folder>/<name>.yaml) by
    name, else a file by path (relative to base).  Any problem is a UserError that names the file."""
    from perfgoals import source
    from perfgoals.errors import UserError

    names = "、".join(builtin)
    if name_or_path in builtin:
        text = resources.files("perfgoals").joinpath(folder, f"{name_or_path}.yaml").read_text("utf-8")
        origin = name_or_path
    else:
        path = Path(name_or_path)
        if base is not None and not path.is_absolute():
            path = base / path
        origin = str(path)
        inputs.looked_for(path, path.is_file())
        if not path.is_file():
            raise UserError(
                T(
                    f"未知的{what.zh}“{name_or_path}”：可写 {names}，或{what_file.zh}的路径（找不到 {origin}）",
                    f"unknown {what.en} '{name_or_path}': use {', '.join(builtin)} or the path of a {what_file.en} "
                    f"({origin} does not exist)",
                )
            )
        try:
            text = source.read_text(path)
        except source.SourceError:
            raise UserError(
                T(
                    f"无法读取{what.zh}文件 {origin}（须为 UTF-8 文本）",
                    f"cannot read the {what.en} file {origin} (it must be UTF-8 text)",
                )
            ) from None
    try:
        return model.model_validate(source.parse(text).data)
    except source.SourceError as exc:
        where = f"{origin}:{exc.problem.line}:{exc.problem.column}"
        raise UserError(
            T(
                f"{what.zh}文件 {where} 不是有效的 YAML（可用 perfgoals validate {origin} 查看详情）",
                f"the {what.en} file {where} is not valid YAML",
            )
        ) from None
    except ValueError as exc:
        detail = _shape_detail(exc)
        example = f"src/perfgoals/{folder}/{builtin[0]}.yaml"
        raise UserError(
            T(
                f"{what.zh}文件 {origin} 的格式不对：{detail}（见 {example} 的写法）",
                f"the {what.en} file {origin} has the wrong shape: {detail} (see {example})",
            )
        ) from None


def _shape_detail(exc: ValueError) -> str:
    """What is wrong with a framework or profile file, never quoting its content: the file may be any
    file a perfgoals.yaml names (pydantic's own text carries an input_value with a piece of it)."""
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        errors = exc.errors(include_url=False, include_input=False, include_context=False)[:2]
        return "; ".join(f"{'.'.join(map(str, e['loc'])) or '(file)'}: {e['msg']}" for e in errors)
    return type(exc).__name__
