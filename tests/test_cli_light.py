"""`--help` and `--version` stay fast: the library is imported inside the commands only."""

import subprocess
import sys

import pytest


def imported(args):
    code = (
        "import sys; from perfgoals.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        "print('HEAVY', [m for m in ('pydantic', 'ruamel.yaml', 'yaml', 'perfgoals.diff', 'perfgoals.fmt') "
        "if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return out.rsplit("HEAVY ", 1)[1].strip()


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_root_help_and_version_import_nothing_heavy(args):
    assert imported(args) == "[]"


@pytest.mark.parametrize("command", ["diff", "fmt", "show", "new", "schema", "git-setup"])
def test_command_help_does_not_load_the_library(command):
    # (typer itself may import pydantic for a command's --help; the YAML libraries and our modules stay out)
    assert "ruamel" not in imported([command, "--help"]) and "perfgoals" not in imported([command, "--help"])
