"""`--format gitlab`: GitLab's Code Quality report (a JSON list of issues), for merge-request widgets.

Paths are relative to the repository's root.  The fingerprint identifies an issue across pipelines: the
rule, the file and the message, not the line (a line added above must not make it new); findings that
share all three are numbered."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import TYPE_CHECKING, TextIO

from perfgoals.reporters.paths import repo_relative

if TYPE_CHECKING:
    from perfgoals.report import Report

_SEVERITY = {"error": "major", "warning": "minor"}


def report(result: Report, out: TextIO, lang: str) -> None:
    seen: Counter = Counter()
    issues = []
    for f in result.findings:
        path = repo_relative(f.path)
        key = f"{f.code}\0{path}\0{f.message}"
        seen[key] += 1
        fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
        issues.append(
            {
                "description": f"{f.code} {f.message}" + (f" — {f.hint}" if f.hint else ""),
                "check_name": f.code,
                "fingerprint": fingerprint,
                "severity": _SEVERITY[f.severity.value],
                "location": {
                    "path": path,
                    "positions": {"begin": {"line": f.line, "column": f.column}},
                },
            }
        )
    json.dump(issues, out, ensure_ascii=False, indent=2)
    out.write("\n")
