"""The language server and --watch are extras: without them, one line naming the pip command, exit 2."""

import sys

import pytest


@pytest.mark.parametrize(
    "module, args, extra",
    [("pygls", ["lsp"], "lsp"), ("watchfiles", ["validate", "--watch", "data"], "watch")],
)
def test_a_missing_extra_names_the_pip_command(cli, monkeypatch, module, args, extra):
    monkeypatch.setitem(sys.modules, module, None)  # as if not installed: importing it raises ImportError
    result = cli(*args)
    assert result.exit_code == 2
    assert f"pip install 'perfgoals[{extra}]'" in result.output
