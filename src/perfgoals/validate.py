"""The validation core: find files, load them, run every registered rule, apply the configuration.

It knows rules only through the registry.  The CLI and other commands (render,
summary) call ``validate`` and get a Report with the models and the findings.
"""

from __future__ import annotations

import os
import string
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from perfgoals import rules as rules_pkg
from perfgoals import source
from perfgoals.config import CONFIG_NAME, Config, find_config
from perfgoals.findings import Finding, Severity
from perfgoals.frameworks import Framework, FrameworkError, load_framework
from perfgoals.i18n import T
from perfgoals.load import LoadedFile, load_file
from perfgoals.rules import Context, Hit, Rule
from perfgoals.targets import format_number

DEPARTMENT_NAME = "department.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@dataclass
class Report:
    files: list[LoadedFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    @property
    def unreadable(self) -> bool:
        return any(f.code == source.UNREADABLE for f in self.findings)

    def exit_code(self, strict: bool = False) -> int:
        if self.unreadable:
            return EXIT_USAGE
        if self.errors or (strict and self.warnings):
            return EXIT_FINDINGS
        return EXIT_OK

    @property
    def projects(self) -> list[LoadedFile]:
        return [f for f in self.files if f.kind == "project"]

    @property
    def department(self) -> LoadedFile | None:
        return next((f for f in self.files if f.kind == "department"), None)

    def findings_for(self, path: str) -> list[Finding]:
        return [f for f in self.findings if f.path == path]

    def as_dict(self) -> dict:
        return {"version": 1, "files": len([f for f in self.files if f.kind != "config"]), "errors": self.errors,
                "warnings": self.warnings, "findings": [f.as_dict() for f in self.findings]}


# --- discovery -----------------------------------------------------------------------


def _display(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        rel = str(path)
    shown = rel if not rel.startswith("..") else str(path)
    return shown.replace(os.sep, "/")


def file_kind(path: Path) -> str:
    name = path.name.lower()
    if name == CONFIG_NAME:
        return "config"
    if name in (DEPARTMENT_NAME, "department.yml"):
        return "department"
    return "project"


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    # os.walk does not follow symlinked folders, so a symlink loop cannot trap us.
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(YAML_SUFFIXES) and not name.startswith("."):
                found.append(Path(root) / name)
    return found


def discover(paths: Iterable[str | os.PathLike]) -> tuple[list[tuple[Path, str, str]], list[Finding]]:
    """(path, display, kind) for every file to read, and PG000 findings for paths that are not there."""
    out: list[tuple[Path, str, str]] = []
    problems: list[Finding] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files = _walk(p)
            if not files:
                problems.append(_path_problem(p, "no_files"))
        elif p.exists() or p.is_symlink():
            files = [p]
        else:
            problems.append(_path_problem(p, "missing"))
            continue
        for f in files:
            key = Path(os.path.abspath(f))
            if key not in seen:
                seen.add(key)
                out.append((f, _display(f), file_kind(f)))
    return out, problems


def _path_problem(p: Path, variant: str, lang: str = "en") -> Finding:
    # Rendered with a language later; keep the variant in the message slot for now.
    return Finding(source.UNREADABLE, Severity.ERROR, _display(p), 1, 1, variant)


# --- findings --------------------------------------------------------------------------


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _param(value: Any, lang: str) -> str:
    if isinstance(value, T):
        return value(lang)
    if isinstance(value, Decimal):
        # 1e400 stays 1E+400 rather than four hundred digits
        return format_number(value) if value.is_finite() and abs(value.adjusted()) < 16 else str(value)
    return str(value)


def make_finding(rule: Rule, hit: Hit, file: LoadedFile, lang: str, severity: Severity | None = None) -> Finding:
    if hit.line is not None:
        line, column = hit.line, hit.column or 1
    elif file.doc is not None:
        line, column = file.doc.locate(hit.path, key=hit.key)
        if hit.column_offset:
            pos = file.doc.positions.get(tuple(hit.path))
            if pos is not None and pos.raw is not None and "\n" not in pos.raw:
                column += hit.column_offset
    else:
        line, column = 1, 1
    params = _Params({k: _param(v, lang) for k, v in hit.params.items()})
    formatter = string.Formatter()
    message = formatter.vformat(rule.message(hit.variant, lang), (), params)
    hint = formatter.vformat(rule.hint(hit.variant, lang), (), params)
    return Finding(rule.code, severity or hit.severity or rule.severity, file.path, line, column, message, hint,
                   file.project_code)


# --- configuration ---------------------------------------------------------------------


@dataclass
class Settings:
    config: Config
    framework: Framework
    file: LoadedFile | None = None  # the perfgoals.yaml it came from, with its own problems


def _salvage(loaded: LoadedFile) -> Config:
    """The settings that are fine, when others in the file are broken: one typo must not hide the rest."""
    from pydantic import ValidationError

    data = loaded.doc.data if loaded.doc is not None and isinstance(loaded.doc.data, dict) else {}
    broken = {hit.path[0] for _, hit in loaded.hits if hit.path}
    try:
        return Config.model_validate({k: v for k, v in data.items() if k not in broken})
    except ValidationError:
        return Config()


def _load_settings(config_path: Path | None, backend: str) -> Settings:
    default_framework = load_framework("mof2015")
    if config_path is None:
        return Settings(Config(), default_framework)
    loaded = load_file(config_path, _display(config_path), "config", Config, backend)
    config = loaded.model if loaded.model is not None else _salvage(loaded)
    config = config.model_copy()
    config._base = config_path.parent
    registry = rules_pkg.load_all()
    for code in config.rules:
        if code not in registry:
            loaded.hits.append((source.SCHEMA, Hit(("rules", code), {"field": f"rules.{code}", "label": "",
                                                                      "detail": T("没有这条规则", "no such rule")},
                                                   key=True)))
    try:
        framework = load_framework(config.framework, config._base)
    except FrameworkError as exc:
        loaded.hits.append((source.SCHEMA, Hit(("framework",), {"field": "framework", "label": "指标框架",
                                                                 "detail": str(exc)})))
        framework = default_framework
    return Settings(config, framework, loaded)


# --- the run ---------------------------------------------------------------------------


def validate(
    paths: Iterable[str | os.PathLike] = ("data",),
    lang: str = "en",
    backend: str = "libyaml",
    limits: source.Limits = source.DEFAULT_LIMITS,
) -> Report:
    registry = rules_pkg.load_all()
    report = Report()
    targets, problems = discover(paths)
    for p in problems:
        rule = registry[p.code]
        report.findings.append(Finding(p.code, p.severity, p.path, 1, 1, rule.message(p.message, lang),
                                       rule.hint(p.message, lang)))

    settings_cache: dict[Path | None, Settings] = {}
    cwd_config = find_config(Path.cwd())

    def settings_for(path: Path) -> Settings:
        config_path = find_config(path.parent) or cwd_config
        if config_path not in settings_cache:
            settings_cache[config_path] = _load_settings(config_path, backend)
        return settings_cache[config_path]

    file_settings: list[tuple[LoadedFile, Settings]] = []
    for path, display, kind in targets:
        settings = settings_for(path)
        if kind == "config":
            continue  # read once, through settings_for, and reported below
        loaded = load_file(path, display, kind, backend=backend, limits=limits)
        report.files.append(loaded)
        file_settings.append((loaded, settings))

    for settings in settings_cache.values():
        if settings.file is not None:
            report.files.append(settings.file)
            _emit(report, settings.file, settings.file.hits, registry, settings.config, lang)

    for loaded, settings in file_settings:
        _emit(report, loaded, loaded.hits, registry, settings.config, lang)
        if loaded.kind != "project" or loaded.model is None:
            continue
        ctx = Context(settings.config, settings.framework, loaded.doc, loaded.path)
        for rule in registry.values():
            if rule.scope == "project" and rule.check is not None and _enabled(rule, settings.config):
                hits = [(rule.code, h) for h in rule.check(loaded.model, ctx)]
                _emit(report, loaded, hits, registry, settings.config, lang)

    if file_settings:
        settings = file_settings[0][1]
        ctx = Context(settings.config, settings.framework)
        all_files = [f for f, _ in file_settings]
        for rule in registry.values():
            if rule.scope == "set" and rule.check is not None and _enabled(rule, settings.config):
                for loaded, hit in rule.check(all_files, ctx):
                    _emit(report, loaded, [(rule.code, hit)], registry, settings.config, lang)

    report.findings.sort(key=Finding.sort_key)
    return report


def _enabled(rule: Rule, config: Config) -> bool:
    return config.rules.get(rule.code) != "off"


def _emit(report: Report, loaded: LoadedFile, hits, registry, config: Config, lang: str) -> None:
    for code, hit in hits:
        rule = registry[code]
        level = config.rules.get(code)
        if level == "off":
            continue
        report.findings.append(make_finding(rule, hit, loaded, lang, Severity(level) if level else None))
