"""Loading one file: text → data with positions → model, with every problem as a Hit.

Like beancount's loader, this returns what it could build *and* what went wrong;
it never raises for bad input.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from perfgoals import source
from perfgoals.directives import Directive
from perfgoals.directives import parse as parse_directives
from perfgoals.i18n import T, TYPE_NAMES
from perfgoals.model import FIELD_LABELS, Department, Project, partial_project
from perfgoals.findings import Hit

KIND_MODELS: dict[str, type[BaseModel]] = {"project": Project, "department": Department}


@dataclass(frozen=True, slots=True)
class Identity:
    """What the cross-file rules compare: enough to check a file whose model was not kept (cache, worker)."""

    year: int
    unit_code: str
    unit_name: str
    code: str | None  # the project code; None for a department file


@dataclass(frozen=True, slots=True)
class Figures:
    """What `perfgoals summary` shows of a project besides its code and name: kept by a light file (and the
    cache), so that the summary of unchanged files, or of files checked in worker processes, needs no model."""

    total: Decimal  # in money_unit, as the model holds them
    fiscal: Decimal
    other: Decimal
    money_unit: str
    spend: tuple[tuple[int, Decimal], ...]  # the spend plan, by month
    indicators: int

    @classmethod
    def of(cls, project: Project) -> "Figures":
        b = project.budget
        plan = tuple(sorted((project.spend_plan or {}).items()))
        return cls(b.total, b.fiscal, b.other, project.money_unit, plan, _count(project))

    def text(self) -> str:
        """One line, as the cache keeps it (read back only by summary): `75.00;75.00;0;万元;3=27,12=100;15`."""
        plan = ",".join(f"{m}={v}" for m, v in self.spend)
        return f"{self.total};{self.fiscal};{self.other};{self.money_unit};{plan};{self.indicators}"

    @staticmethod
    def text_of(project: Project) -> str:
        """Figures.of(project).text() without the object: every checked file's cache entry has it."""
        b, plan = project.budget, project.spend_plan
        spend = ",".join(f"{m}={plan[m]}" for m in sorted(plan)) if plan else ""
        return f"{b.total};{b.fiscal};{b.other};{project.money_unit};{spend};{_count(project)}"

    @classmethod
    def parse(cls, text: str) -> "Figures":
        """Figures from text(); the caller has checked its shape (FIGURES_TEXT)."""
        total, fiscal, other, unit, plan, count = text.split(";")
        spend = tuple((int(m), Decimal(v)) for m, v in (p.split("=") for p in plan.split(",") if p))
        return cls(Decimal(total), Decimal(fiscal), Decimal(other), unit, spend, int(count))


def _count(project: Project) -> int:
    """The project's indicators (a model's lists hold no gaps; a partial project's are never counted here)."""
    return sum(len(items) for group in project.indicators.values() for items in group.values())


# Every text str(Decimal) gives a finite number (the models refuse infinities and NaN), any month the model takes
# (found by review: a bound of 20 digits or two-digit months made the pool's own answers unreadable); bounded
# only below what int() and Decimal() read quickly.
_FIGURE = r"-?[0-9]{1,4000}(?:\.[0-9]{1,4000})?(?:E[-+]?[0-9]{1,9})?"
_MONTH = r"-?[0-9]{1,4000}"
FIGURES_TEXT = re.compile(
    rf"(?:{_FIGURE};){{3}}(?:万元|元);(?:(?:{_MONTH}={_FIGURE},)*{_MONTH}={_FIGURE})?;[0-9]{{1,9}}"
)


# The only positions a light file keeps: where cross-file findings point.
IDENTITY_PATHS = ((), ("code",), ("year",), ("unit",))


@dataclass
class LoadedFile:
    path: str  # as shown to the user
    kind: str  # project | department | config
    doc: source.Document | None = None
    model: Any = None
    hits: list[tuple[str, Hit]] = field(default_factory=list)  # (rule code, hit)
    ident: Identity | None = None  # kept by light(), when the model is gone
    partial: Any = None  # a PartialProject when the schema failed: the rules that can still run, run
    suppressions: tuple[Directive, ...] = ()  # its `# perfgoals: ignore[…]` comments (perfgoals.suppress)
    quoted: dict[int, str] | None = None  # the source lines its findings point at (findings.quoted_lines)
    kept_figures: Figures | str | None = None  # a light project's figures, its model gone (str: as cached)

    @property
    def figures(self) -> Figures | None:
        """The project's summary figures, from its model or as a light file kept them; None without a model."""
        if isinstance(self.model, Project):
            return Figures.of(self.model)
        if isinstance(self.kept_figures, str):  # read from the cache: parsed when summary first asks
            self.kept_figures = Figures.parse(self.kept_figures)
        return self.kept_figures

    @property
    def identity(self) -> Identity | None:
        m = self.model
        if m is None:
            return self.ident
        code = getattr(m, "code", None)
        return Identity(m.year, m.unit.code, m.unit.name, code if isinstance(code, str) else None)

    def light(self) -> "LoadedFile":
        """This file without its model and full position index: what a large run keeps in memory."""
        positions = {}
        if self.doc is not None:
            positions = {p: self.doc.positions[p] for p in IDENTITY_PATHS if p in self.doc.positions}
        doc = source.Document(self.head(), positions)
        return LoadedFile(
            self.path,
            self.kind,
            doc,
            None,
            [],
            self.identity,
            suppressions=self.suppressions,
            quoted=self.quoted,
            kept_figures=self.figures,
        )

    def head(self) -> dict[str, str]:
        """The code and name as written, what a light file keeps of its data (summary's row of a file with
        form errors shows them)."""
        data = self.doc.data if self.doc is not None and isinstance(self.doc.data, dict) else {}
        head = {k: data[k] for k in ("code", "name") if isinstance(data.get(k), str)}
        if self.model is not None:
            head.update({k: v for k in ("code", "name") if isinstance(v := getattr(self.model, k, None), str)})
        return head

    @property
    def project_code(self) -> str | None:
        if self.model is not None and isinstance(getattr(self.model, "code", None), str):
            return self.model.code
        if self.doc is not None and isinstance(self.doc.data, dict):
            code = self.doc.data.get("code")
            return code if isinstance(code, str) else None
        return None


def load_file(
    path: Path,
    display: str,
    kind: str,
    model: type[BaseModel] | None = None,
    backend: str = "libyaml",
    limits: source.Limits = source.DEFAULT_LIMITS,
) -> LoadedFile:
    try:
        data = source.read_bytes(path, limits)
    except source.SourceError as exc:
        loaded = LoadedFile(display, kind)
        loaded.hits.append(exc.problem.as_hit())
        return loaded
    return load_bytes(data, display, kind, model, backend, limits)


def load_bytes(
    data: bytes,
    display: str,
    kind: str,
    model: type[BaseModel] | None = None,
    backend: str = "libyaml",
    limits: source.Limits = source.DEFAULT_LIMITS,
) -> LoadedFile:
    loaded = LoadedFile(display, kind)
    try:
        source.check_size(len(data), limits)
        text = source.decode(data)
    except source.SourceError as exc:
        loaded.hits.append(exc.problem.as_hit())
        return loaded
    return load_text(text, display, kind, model, backend, limits, loaded)


def load_text(
    text: str,
    display: str,
    kind: str,
    model: type[BaseModel] | None = None,
    backend: str = "libyaml",
    limits: source.Limits = source.DEFAULT_LIMITS,
    loaded: LoadedFile | None = None,
) -> LoadedFile:
    loaded = loaded or LoadedFile(display, kind)
    model = model or KIND_MODELS[kind]
    loaded.suppressions = parse_directives(text)
    try:
        doc = source.parse(text, backend, limits)
    except source.SourceError as exc:
        loaded.hits.append(exc.problem.as_hit())
        return loaded
    loaded.doc = doc
    if not isinstance(doc.data, dict):
        loaded.hits.append((source.SCHEMA, Hit((), {"actual": _type_name(doc.data)}, "root_type")))
        return loaded
    data = dict(doc.data)
    for path in _CODES:
        _unquoted_code(data, path, doc, loaded)
    _month_keys(data, doc)
    try:
        loaded.model = model.model_validate(data)
    except ValidationError as exc:
        loaded.hits.extend((source.SCHEMA, hit) for hit in schema_hits(exc, model))
        if model is Project:
            loaded.partial = partial_project(data, exc.errors(include_url=False))
    return loaded


_MONTH = re.compile(r"\s*(\d{1,2})\s*月\s*(?:底|末)?\s*")


def _month_keys(data: dict, doc: source.Document) -> None:
    """spend_plan keys written as the form prints them (`3月`, `3 月底`) mean month 3; positions follow."""
    plan = data.get("spend_plan")
    if not isinstance(plan, dict) or not any(isinstance(k, str) for k in plan):
        return
    renamed = {}
    for key, value in plan.items():
        m = _MONTH.fullmatch(key) if isinstance(key, str) else None
        month = int(m.group(1)) if m else key
        if month in renamed or (m and month in plan):
            month = key  # 3 and 3月 both: leave it for the schema check to report
        renamed[month] = value
        if month != key:
            pos = doc.positions.get(("spend_plan", key))
            if pos is not None:
                doc.positions[("spend_plan", month)] = pos
    data["spend_plan"] = renamed


# Codes are text: an unquoted number would lose its leading zeros (077 → 77) or change (0x1F → 31, 12e3).
_CODES = {("code",): "项目编码", ("unit", "code"): "单位编码", ("authority",): "主管部门及代码"}


def _unquoted_code(data: dict, path: tuple, doc: source.Document, loaded: LoadedFile) -> None:
    """An unquoted numeric code is reported once, then read as its text so the other checks still run."""
    holder = data
    for part in path[:-1]:
        holder = holder.get(part) if isinstance(holder, dict) else None
    if not isinstance(holder, dict):
        return
    value = holder.get(path[-1])
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        pos = doc.positions.get(path)
        raw = pos.raw if pos is not None and pos.raw is not None else str(value)
        label = _CODES[path]
        loaded.hits.append(
            (
                source.SCHEMA,
                Hit(path, {"field": ".".join(path), "label": label, "raw": raw, "key": path[-1]}, "unquoted_code"),
            )
        )
        if len(path) == 2:
            data[path[0]] = {**holder, path[-1]: raw}
        else:
            data[path[0]] = raw


# --- pydantic errors → PG002 hits ------------------------------------------------------

_EXPECTED = {
    "string_type": TYPE_NAMES["str"],
    "int_type": TYPE_NAMES["int"],
    "int_parsing": TYPE_NAMES["int"],
    "int_from_float": TYPE_NAMES["int"],
    "decimal_type": TYPE_NAMES["Decimal"],
    "decimal_parsing": TYPE_NAMES["Decimal"],
    "dict_type": TYPE_NAMES["dict"],
    "model_type": TYPE_NAMES["dict"],
    "model_attributes_type": TYPE_NAMES["dict"],
    "list_type": TYPE_NAMES["list"],
    "bool_type": TYPE_NAMES["bool"],
}
# What a field looks like, for the hint under a wrong-type finding.
_EXAMPLES = {
    "year": "year: 2023",
    "unit": 'unit: {code: "644001", name: 唐山市红十字会本级}',
    "budget": "budget: {total: 0.45, fiscal: 0.45, other: 0}",
    "spend_plan": "spend_plan: {3: 30%, 6: 60%, 10: 80%, 12: 100%}",
    "indicators": "indicators:  →  产出指标:  →  数量指标:  →  - {name: 印刷数量, target: ≥1500 册}",
    "code": "code: 13020023P00683710280R",
}
_VALUE_ERRORS = {"blank": "blank", "percent": "percent", "money": "money", "bool": "type", "period": "period"}


def _type_name(value: Any) -> T:
    return TYPE_NAMES.get(type(value).__name__, T(type(value).__name__, type(value).__name__))


def _field_name(path: tuple) -> str:
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool) and out and not out.endswith("spend_plan"):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(root)"


def _label(model: type[BaseModel], path: tuple) -> str:
    """The field's Chinese title, as the table prints it (项目编码, 单位编码, 三级指标 …)."""
    for end in range(len(path), 0, -1):
        if not isinstance(path[end - 1], str):
            continue
        owner = _model_at(model, path[: end - 1])
        field = owner.model_fields.get(path[end - 1]) if owner is not None else None
        if field is not None and field.title:
            return field.title
    return FIELD_LABELS.get(str(path[-1]), "") if path else ""


def schema_hits(exc: ValidationError, model: type[BaseModel]):
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        on_key = "[key]" in loc
        path = tuple(p for p in loc if p != "[key]")
        kind = err["type"]
        value = err.get("input")
        params: dict[str, Any] = {
            "field": _field_name(path),
            "label": _label(model, path),
            "detail": err["msg"],
            "value": value if isinstance(value, (str, int, Decimal)) else "",
        }
        if kind == "missing":
            params["field"] = str(path[-1])
            params["label"] = _label(model, path)
            yield Hit(path[:-1], params, "missing", key=True)
        elif kind == "extra_forbidden":
            allowed = _allowed_fields(model, path[:-1])
            guess = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.6)
            params["field"] = str(path[-1])
            params["allowed"] = ", ".join(allowed)
            params["suggestion"] = T(f"是不是 {guess[0]}？", f"Did you mean {guess[0]}? ") if guess else ""
            yield Hit(path, params, "unknown", key=True)
        elif kind in _EXPECTED:
            params["expected"] = _EXPECTED[kind]
            params["actual"] = _type_name(value)
            example = _EXAMPLES.get(path[-1] if path and isinstance(path[-1], str) else "")
            if on_key and path[:1] == ("spend_plan",):
                example = _EXAMPLES["spend_plan"]
            params["example"] = example or ""
            yield Hit(path, params, "type_example" if example else "type", key=on_key)
        elif kind == "string_pattern_mismatch":  # Text's non-blank pattern
            yield Hit(path, params, "blank", key=on_key)
        elif kind == "value_error":
            reason = str(err.get("ctx", {}).get("error", ""))
            variant = _VALUE_ERRORS.get(reason, "")
            if variant == "type":
                params["expected"] = TYPE_NAMES["Decimal"]
                params["actual"] = _type_name(value)
            yield Hit(path, params, variant, key=on_key)
        elif kind == "decimal_max_places":
            params["places"] = err.get("ctx", {}).get("decimal_places", 6)
            yield Hit(path, params, "places", key=on_key)
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than", "decimal_max_digits"):
            yield Hit(path, params, "range", key=on_key)
        elif kind == "finite_number":
            yield Hit(path, params, "finite", key=on_key)
        elif kind == "literal_error":
            expected = str(err.get("ctx", {}).get("expected", ""))
            params["expected"] = T(expected.replace("' or '", "'、'").replace("', '", "'、'"), expected)
            yield Hit(path, params, "choice", key=on_key)
        else:
            yield Hit(path, params, "", key=on_key)


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else tp
            if len(args) != 1:
                return tp
        else:
            return tp


def _allowed_fields(model: type[BaseModel], parts: tuple) -> list[str]:
    owner = _model_at(model, parts)
    return [name for name, f in owner.model_fields.items() if not f.exclude] if owner is not None else []


def _model_at(model: type[BaseModel], parts: tuple) -> type[BaseModel] | None:
    tp: Any = model
    for part in parts:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            f = tp.model_fields.get(part) if isinstance(part, str) else None
            if f is None:
                return None
            tp = f.annotation
        else:
            origin, args = typing.get_origin(tp), typing.get_args(tp)
            if origin is dict:
                tp = args[1]
            elif origin is list:
                tp = args[0]
            else:
                return None
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None
