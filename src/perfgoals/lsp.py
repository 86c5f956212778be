"""`perfgoals lsp`: a language server (LSP over stdio, with pygls) for editors.

As the user types, every rule a single file can break is published as a diagnostic (file-level and project
rules, the file's settings and suppressions; the cross-file rules need the whole folder: `validate` runs
them).  Hovering a finding shows its rule's explanation and examples (what `perfgoals rules CODE` prints);
the quick fixes are an unquoted code quoted (PG002), and for every finding a suppression comment for its rule
on its line.
"""

from __future__ import annotations

import re

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from perfgoals import __version__
from perfgoals.explain import rule_help
from perfgoals.findings import Finding, Severity
from perfgoals.rules import load_all
from perfgoals.validate import check_text

SOURCE = "perfgoals"
_SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning}


class Server(LanguageServer):
    def __init__(self, lang: str) -> None:
        super().__init__("perfgoals", __version__)
        self.lang = lang
        self.findings: dict[str, list[Finding]] = {}  # by document uri: what hover and quick fixes look at


def _lines(server: Server, uri: str) -> list[str]:
    return server.workspace.get_text_document(uri).source.splitlines()


def _range(f: Finding, lines: list[str]) -> types.Range:
    """From the finding's column to the end of its line (before a comment): where a value sits."""
    line = min(max(f.line - 1, 0), max(len(lines) - 1, 0))
    text = lines[line] if lines else ""
    start = min(max(f.column - 1, 0), len(text))
    comment = text.find(" #", start)
    end = len(text.rstrip()) if comment < 0 else len(text[:comment].rstrip())
    return types.Range(types.Position(line, start), types.Position(line, max(end, start + 1)))


def publish(server: Server, uri: str) -> None:
    document = server.workspace.get_text_document(uri)
    findings = check_text(document.path, document.source, server.lang).findings
    server.findings[uri] = findings
    lines = document.source.splitlines()
    diagnostics = [
        types.Diagnostic(
            range=_range(f, lines),
            message=f.message + (f"\n{f.hint}" if f.hint else ""),
            severity=_SEVERITY[f.severity],
            code=f.code,
            source=SOURCE,
        )
        for f in findings
    ]
    server.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=document.version)
    )


def hover(server: Server, params: types.HoverParams) -> types.Hover | None:
    uri, line = params.text_document.uri, params.position.line
    codes = list(dict.fromkeys(f.code for f in server.findings.get(uri, []) if f.line - 1 == line))
    if not codes:
        return None
    registry = load_all()
    text = "\n\n---\n\n".join(rule_help(registry[code], server.lang)[1] for code in codes)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))


# An unquoted all-digit code (PG002): `code: 644001` → `code: "644001"`, the fix the message asks for.
_UNQUOTED_CODE = re.compile(r"\d+(?=\s*(?:[,}]|\s#|$))")
_CODE_KEY = re.compile(r"\bcode:\s*$")


def _quote_code(uri: str, d: types.Diagnostic, text: str) -> types.CodeAction | None:
    start = d.range.start.character
    m = _UNQUOTED_CODE.match(text, start)
    if d.code != "PG002" or m is None or not _CODE_KEY.search(text[:start]):
        return None
    where = types.Range(types.Position(d.range.start.line, start), types.Position(d.range.start.line, m.end()))
    return types.CodeAction(
        title=f'perfgoals: "{m.group()}"',
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[d],
        is_preferred=True,
        edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(where, f'"{m.group()}"')]}),
    )


def code_actions(server: Server, params: types.CodeActionParams) -> list[types.CodeAction]:
    """For each of our diagnostics: the certain fix where there is one (quote an unquoted code), and always a
    suppression of its rule on its line (a trailing comment, or a comment line above when the line already
    ends in one)."""
    uri = params.text_document.uri
    lines = _lines(server, uri)
    actions = []
    for d in params.context.diagnostics:
        if d.source != SOURCE or not d.code or d.range.start.line >= len(lines):
            continue
        fix = _quote_code(uri, d, lines[d.range.start.line])
        if fix is not None:
            actions.append(fix)
        line = d.range.start.line
        text = lines[line]
        comment = f"# perfgoals: ignore[{d.code}]"
        if " #" in text or text.lstrip().startswith("#"):
            indent = text[: len(text) - len(text.lstrip())]
            at = types.Position(line, 0)
            edit = types.TextEdit(types.Range(at, at), f"{indent}{comment}\n")
        else:
            at = types.Position(line, len(text))
            edit = types.TextEdit(types.Range(at, at), f"  {comment}")
        actions.append(
            types.CodeAction(
                title=f"perfgoals: ignore[{d.code}]",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[d],
                edit=types.WorkspaceEdit(changes={uri: [edit]}),
            )
        )
    return actions


def make_server(lang: str) -> Server:
    server = Server(lang)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def _opened(ls: Server, params: types.DidOpenTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def _changed(ls: Server, params: types.DidChangeTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def _saved(ls: Server, params: types.DidSaveTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def _closed(ls: Server, params: types.DidCloseTextDocumentParams) -> None:
        ls.findings.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )

    server.feature(types.TEXT_DOCUMENT_HOVER)(hover)
    server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix])
    )(code_actions)
    return server


def serve(lang: str) -> None:
    """Serve over stdin and stdout until the editor says exit."""
    make_server(lang).start_io()
