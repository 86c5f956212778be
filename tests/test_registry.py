"""The output tables (writers, reporters) are what the command line offers, cheap to read, and name only
implementations that exist with the one signature of their table.  (The layering and the import circle:
tests/test_architecture.py.)"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from perfgoals import writers


@pytest.mark.parametrize("table", [writers.DOCUMENT, writers.SUMMARY])
def test_every_writer_exists_with_the_one_signature(table):
    import inspect

    for name, writer in table.items():
        assert list(inspect.signature(writer.load()).parameters) == ["doc", "options"], name


def test_the_command_line_offers_the_registry():
    from perfgoals import cli, reporters

    assert [f.value for f in cli.DocFormat] == list(writers.DOCUMENT)
    assert [f.value for f in cli.SummaryFormat] == list(writers.SUMMARY)
    assert [f.value for f in cli.ReportFormat] == list(reporters.VALIDATE)
    assert [f.value for f in cli.DiffFormat] == list(reporters.DIFF)


@pytest.mark.parametrize("table", ["VALIDATE", "DIFF"])
def test_every_reporter_exists_with_the_one_signature(table):
    import inspect

    from perfgoals import reporters

    for name in getattr(reporters, table):
        assert len(inspect.signature(reporters.get(name, getattr(reporters, table))).parameters) == 3, name


def test_reading_the_registry_imports_nothing_heavy():
    code = "import json, sys, perfgoals.writers; print(json.dumps(sorted(sys.modules)))"
    loaded = set(
        json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    )
    assert not loaded & {"jinja2", "rich", "docx", "openpyxl", "pydantic", "perfgoals.document"}
    code = code.replace("perfgoals.writers", "perfgoals.reporters")
    loaded = set(
        json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    )
    assert not loaded & {"jinja2", "rich", "pydantic", "perfgoals.report", "perfgoals.diff"}
