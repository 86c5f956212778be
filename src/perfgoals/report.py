"""The result every command shares: a `Report` of the files read and the findings made.

Here, and only here, a `Hit` (a rule's or the reader's report about a place in the data)
becomes a `Finding` (file:line:column, severity, and the message in the user's language),
and a report becomes an exit code (perfgoals.errors lists them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable

from perfgoals import source
from perfgoals.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from perfgoals.findings import Finding, Hit, Severity, visible
from perfgoals.i18n import T
from perfgoals.load import LoadedFile
from perfgoals.rules import Rule, load_all
from perfgoals.targets import format_number

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "Report", "file_findings", "make_finding", "problem_finding"]


@dataclass
class Report:
    files: list[LoadedFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)  # by a comment or per_file_ignores (perfgoals.suppress)
    suppressed_by_config: set[Finding] = field(default_factory=set)  # those of per_file_ignores, not a comment
    show_suppressed: bool = False  # reporters list them too (validate --show-suppressed)

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
    def checked(self) -> list[LoadedFile]:
        """The project and department files (a perfgoals.yaml is read, but is not counted as checked)."""
        return [f for f in self.files if f.kind != "config"]

    @property
    def projects(self) -> list[LoadedFile]:
        return [f for f in self.files if f.kind == "project"]

    @property
    def department(self) -> LoadedFile | None:
        return next((f for f in self.files if f.kind == "department"), None)

    def findings_for(self, path: str) -> list[Finding]:
        return [f for f in self.findings if f.path == path]

    def as_dict(self) -> dict:
        return {
            "version": 1,
            "files": len(self.checked),
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [f.as_dict() for f in self.findings],
            # only when there are some: a report without suppressions keeps the shape it always had
            **({"suppressed": len(self.suppressed)} if self.suppressed else {}),
            **({"suppressed_findings": [f.as_dict() for f in self.suppressed]} if self.show_suppressed else {}),
        }


# --- Hit → Finding -----------------------------------------------------------------------


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _param(value: Any, lang: str) -> str:
    if isinstance(value, T):
        return value(lang)
    if isinstance(value, Decimal):
        # 1e400 stays 1E+400 rather than four hundred digits
        return format_number(value) if value.is_finite() and abs(value.adjusted()) < 16 else str(value)
    return visible(str(value))  # a value quoted from the file: no terminal escape gets through


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
    message = rule.message(hit.variant, lang).format_map(params)  # _Params keeps an unknown {name} as written
    hint = rule.hint(hit.variant, lang).format_map(params)
    return Finding(
        rule.code, severity or hit.severity or rule.severity, file.path, line, column, message, hint, file.project_code
    )


def file_findings(
    out: list[Finding],
    loaded: LoadedFile,
    hits: Iterable[tuple[str, Hit]],
    lang: str,
    levels: dict[str, str] | None = None,
) -> None:
    """Append the findings of (rule code, hit) pairs in loaded; `levels` is perfgoals.yaml's `rules:`."""
    registry = load_all()
    levels = levels or {}
    for code, hit in hits:
        level = levels.get(code)
        if level == "off":
            continue
        out.append(make_finding(registry[code], hit, loaded, lang, Severity(level) if level else None))


def problem_finding(problem: source.Problem, display: str, lang: str, kind: str = "project") -> Finding:
    """The reader's problem (a missing path, an unreadable file, invalid YAML) as a finding in display."""
    code, hit = problem.as_hit()
    return make_finding(load_all()[code], hit, LoadedFile(display, kind), lang)
