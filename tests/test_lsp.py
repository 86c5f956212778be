"""`perfgoals lsp` driven as an editor drives it: a real LSP session over stdio with pygls' client."""

import asyncio
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

from perfgoals.rules import load_all  # noqa: E402


class Session:
    def __init__(self, client: LanguageClient):
        self.client = client
        self.diagnostics: dict[str, list[types.Diagnostic]] = {}
        self.event = asyncio.Event()

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _published(params: types.PublishDiagnosticsParams) -> None:
            self.diagnostics[params.uri] = params.diagnostics
            self.event.set()

    async def published(self) -> None:
        await asyncio.wait_for(self.event.wait(), 60)
        self.event.clear()


async def _session(path: Path, *server_args: str) -> dict:
    client = LanguageClient("test-editor", "1")
    session = Session(client)
    await client.start_io(sys.executable, "-m", "perfgoals", "lsp", *server_args)
    seen: dict = {}
    try:
        await client.initialize_async(
            types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=path.parent.as_uri())
        )
        client.initialized(types.InitializedParams())
        uri, text = path.as_uri(), path.read_text("utf-8")
        document = types.TextDocumentIdentifier(uri=uri)
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text))
        )
        await session.published()
        seen["opened"] = session.diagnostics[uri]
        goal = next(d for d in seen["opened"] if d.code == "PG603")
        seen["hover"] = await client.text_document_hover_async(types.HoverParams(document, goal.range.start))
        seen["nothing"] = await client.text_document_hover_async(types.HoverParams(document, types.Position(0, 0)))
        seen["actions"] = await client.text_document_code_action_async(
            types.CodeActionParams(document, goal.range, types.CodeActionContext(diagnostics=[goal]))
        )
        # the quick fix applied: the two PG603 on the goal's line are suppressed
        [edit] = seen["actions"][0].edit.changes[uri]
        lines = text.splitlines(keepends=True)
        at = edit.range.start
        lines[at.line] = lines[at.line][: at.character] + edit.new_text + lines[at.line][at.character :]
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                [types.TextDocumentContentChangeWholeDocument(text="".join(lines))],
            )
        )
        await session.published()
        seen["suppressed"] = session.diagnostics[uri]
        # the user types: the goal no longer promises numbers; nothing is saved
        fixed = text.replace("培训高校救护师资 120 名，救护员 1000 名。", "培训高校救护师资和救护员。")
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=3),
                [types.TextDocumentContentChangeWholeDocument(text=fixed)],
            )
        )
        await session.published()
        seen["changed"] = session.diagnostics[uri]
        # a broken edit is a diagnostic too, never a crash of the server
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=4),
                [types.TextDocumentContentChangeWholeDocument(text=fixed + "goal: [\n")],
            )
        )
        await session.published()
        seen["broken"] = session.diagnostics[uri]
        await client.shutdown_async(None)
        client.exit(None)
    finally:
        await client.stop()
    return seen


def test_diagnostics_hover_and_quick_fix_over_a_real_session(data_copy):
    path = next((data_copy / "projects").glob("02-*.yaml"))
    seen = asyncio.run(_session(path, "--lang", "en"))
    opened = sorted((d.code, d.range.start.line + 1, d.range.start.character + 1) for d in seen["opened"])
    assert opened == [("PG401", 12, 34), ("PG603", 8, 16), ("PG603", 8, 26)]
    goal = next(d for d in seen["opened"] if d.code == "PG603")
    assert goal.severity == types.DiagnosticSeverity.Warning and goal.source == "perfgoals"
    assert goal.message.startswith("the goal promises '培训高校救护师资 120 名' (120)")
    # hover: the rule's explanation, as perfgoals rules PG603 gives it
    assert seen["hover"].contents.kind == types.MarkupKind.Markdown
    assert load_all()["PG603"].explanation("en") in seen["hover"].contents.value
    assert seen["nothing"] is None
    # the quick fix: a suppression comment at the end of the line
    [action] = seen["actions"]
    [edit] = action.edit.changes[path.as_uri()]
    assert edit.new_text == "  # perfgoals: ignore[PG603]" and edit.range.start.line == 7
    assert [d.code for d in seen["suppressed"]] == ["PG401"]
    assert sorted(d.code for d in seen["changed"]) == ["PG401"]
    assert [d.code for d in seen["broken"]] == ["PG001"]


def test_diagnostics_in_chinese(data_copy):
    path = next((data_copy / "projects").glob("02-*.yaml"))
    seen = asyncio.run(_session(path, "--lang", "zh"))
    goal = next(d for d in seen["opened"] if d.code == "PG603")
    assert goal.message.startswith("绩效目标中的“培训高校救护师资 120 名”（120）没有对应的指标")
    assert load_all()["PG603"].explanation("zh") in seen["hover"].contents.value


async def _quote_session(path: Path) -> list[types.CodeAction]:
    client = LanguageClient("test-editor", "1")
    session = Session(client)
    await client.start_io(sys.executable, "-m", "perfgoals", "lsp", "--lang", "en")
    try:
        await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
        client.initialized(types.InitializedParams())
        uri = path.as_uri()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=path.read_text("utf-8"))
            )
        )
        await session.published()
        [unquoted] = [d for d in session.diagnostics[uri] if d.code == "PG002"]
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(uri=uri), unquoted.range, types.CodeActionContext(diagnostics=[unquoted])
            )
        )
        await client.shutdown_async(None)
        client.exit(None)
    finally:
        await client.stop()
    return actions


def test_an_unquoted_code_has_a_quick_fix_that_quotes_it(data_copy):
    path = next((data_copy / "projects").glob("03-*.yaml"))
    path.write_text(path.read_text("utf-8").replace('code: "644001"', "code: 644001"), "utf-8")
    quote, suppress = asyncio.run(_quote_session(path))
    assert quote.is_preferred and suppress.title == "perfgoals: ignore[PG002]"
    [edit] = quote.edit.changes[path.as_uri()]
    line = path.read_text("utf-8").splitlines()[edit.range.start.line]
    assert line[edit.range.start.character : edit.range.end.character] == "644001"
    assert edit.new_text == '"644001"'
