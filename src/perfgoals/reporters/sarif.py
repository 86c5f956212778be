"""`--format sarif`: SARIF 2.1.0 (OASIS), for GitHub code scanning and other SARIF viewers.

One run; the driver lists every rule with its catalogue texts (summary, explanation, examples); each
finding is a result whose location is relative to the repository's root (%SRCROOT%).  Suppressed findings
are results too, with their suppression (inSource: a comment; external: per_file_ignores), as the standard
asks.  Columns count characters (columnKind unicodeCodePoints), as perfgoals does.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, TextIO

from perfgoals import __version__
from perfgoals.explain import rule_help
from perfgoals.i18n import T
from perfgoals.reporters.paths import repo_relative, repo_root
from perfgoals.rules import load_all

if TYPE_CHECKING:
    from perfgoals.findings import Finding
    from perfgoals.report import Report

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_HINT = T("提示", "Hint")


def report(result: Report, out: TextIO, lang: str) -> None:
    registry = load_all()
    index = {code: i for i, code in enumerate(registry)}
    results = [_result(f, index, lang) for f in result.findings]
    external = result.suppressed_by_config
    for f in result.suppressed:
        r = _result(f, index, lang)
        r["suppressions"] = [{"kind": "external" if f in external else "inSource"}]
        results.append(r)
    run: dict = {
        "tool": {
            "driver": {
                "name": "perfgoals",
                "version": __version__,
                "semanticVersion": __version__,
                "language": "zh-CN" if lang == "zh" else "en-US",
                "rules": [_rule(r, lang) for r in registry.values()],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    root = repo_root(os.getcwd())
    if root is not None:
        run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": _file_uri(root)}}
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    json.dump(log, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _file_uri(folder: str) -> str:
    from pathlib import Path

    uri = Path(folder).resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _rule(rule, lang: str) -> dict:
    text, markdown = rule_help(rule, lang)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary(lang)},
        "fullDescription": {"text": rule.explanation(lang)},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": rule.severity.value},
        "properties": {"tags": [rule.group]},
    }


def _result(f: Finding, index: dict[str, int], lang: str) -> dict:
    text = f.message + (f"\n{_HINT(lang)}: {f.hint}" if f.hint else "")
    location: dict = {"uri": repo_relative(f.path)}
    if not os.path.isabs(location["uri"]):
        location["uriBaseId"] = "%SRCROOT%"
    return {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": f.severity.value,
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)},
                }
            }
        ],
        **({"properties": {"project": f.project}} if f.project else {}),
    }
