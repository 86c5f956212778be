"""Suppressions: the findings a `# perfgoals: ignore[…]` comment or perfgoals.yaml's `per_file_ignores`
takes out of the report (kept in `Report.suppressed`), and a PG901 for every suppression that takes out
nothing (ruff's RUF100).  Runs after every rule, so cross-file findings are suppressed the same way."""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfgoals.directives import Directive
from perfgoals.findings import Finding, Hit, Severity
from perfgoals.load import LoadedFile
from perfgoals.report import Report, make_finding
from perfgoals.rules import Rule, load_all
from perfgoals.rules.suppression import UNUSED_SUPPRESSION
from perfgoals.workspace import matches

if TYPE_CHECKING:
    from perfgoals.workspace import Settings


# A path that cannot be read stays an exit-2 problem, whatever a pattern says.
_NEVER = {"PG000"}


def rule_code(item: str, registry: dict[str, Rule] | None = None) -> str | None:
    """The code of a rule written as its code (pg603 too) or its name; None when it is neither."""
    registry = registry or load_all()
    if item.upper() in registry:
        return item.upper()
    return next((code for code, r in registry.items() if r.name == item), None)


def apply(report: Report, settings_of: dict[str, Settings], lang: str) -> None:
    """Move the suppressed findings of report to report.suppressed and add a PG901 for each unused one."""
    files = {f.path: f for f in report.files if f.suppressions}
    if not files and not any(c.per_file_ignores for s in settings_of.values() for _, c in s.layers()):
        return
    registry = load_all()
    used: set[tuple[str, Directive, str]] = set()
    ignores = _PathIgnores(registry)
    kept: list[Finding] = []
    for f in report.findings:
        loaded = files.get(f.path)
        if f.code in _NEVER:
            kept.append(f)
            continue
        by_comment = loaded is not None and f.code != UNUSED_SUPPRESSION and _by_comment(f, loaded, registry, used)
        if by_comment:
            report.suppressed.append(f)
        elif ignores.match(f, settings_of.get(f.path)):
            report.suppressed.append(f)
            report.suppressed_by_config.add(f)
        else:
            kept.append(f)
    for loaded in files.values():
        settings = settings_of.get(loaded.path)
        levels = settings.config.rules if settings is not None else {}
        for finding in _unused(loaded, registry, used, lang, levels.get(UNUSED_SUPPRESSION)):
            if ignores.match(finding, settings):
                report.suppressed.append(finding)
                report.suppressed_by_config.add(finding)
            else:
                kept.append(finding)
    report.findings[:] = kept


def _by_comment(f: Finding, loaded: LoadedFile, registry: dict[str, Rule], used: set) -> bool:
    """Whether a directive in f's file covers f; every directive that does is marked used."""
    covered = False
    for d in loaded.suppressions:
        if d.target not in (0, f.line):
            continue
        if not d.items:
            used.add((loaded.path, d, ""))
            covered = True
        for item in d.items:
            if rule_code(item, registry) == f.code:
                used.add((loaded.path, d, item))
                covered = True
    return covered


def _unused(loaded: LoadedFile, registry: dict[str, Rule], used: set, lang: str, level: str | None) -> list[Finding]:
    if level == "off":
        return []
    rule = registry[UNUSED_SUPPRESSION]
    severity = Severity(level) if level else None
    out = []
    for d in loaded.suppressions:
        for item in d.items or ("",):
            if (loaded.path, d, item) in used:
                continue
            variant = "all" if not item else ("" if rule_code(item, registry) else "unknown")
            hit = Hit((), {"item": item}, variant, line=d.line, column=d.column)
            out.append(make_finding(rule, hit, loaded, lang, severity))
    return out


class _PathIgnores:
    """perfgoals.yaml's per_file_ignores: gitignore-style patterns, relative to that file's folder."""

    def __init__(self, registry: dict[str, Rule]) -> None:
        self.registry = registry
        self._compiled: dict[int, dict] = {}

    def match(self, f: Finding, settings: Settings | None) -> bool:
        if settings is None:
            return False
        for base, config in settings.layers():
            for pattern, codes in self._codes(config).items():
                if f.code in codes and matches((pattern,), base, f.path):
                    return True
        return False

    def _codes(self, config) -> dict[str, set[str | None]]:
        codes = self._compiled.get(id(config))
        if codes is None:
            codes = self._compiled[id(config)] = {
                pattern: {rule_code(i, self.registry) for i in items}
                for pattern, items in config.per_file_ignores.items()
            }
        return codes
