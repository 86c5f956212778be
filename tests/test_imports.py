"""Each command imports only what it uses: start-up is most of a pre-commit hook's time."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pydantic", "ruamel", "jinja2", "rich", "yaml", "multiprocessing")

PROBE = """
import json, sys
sys.argv = ["perfgoals", *json.loads(sys.argv[1])]
from perfgoals.cli import main
try:
    main()
except SystemExit:
    pass
sys.__stderr__.write("\\nMODULES " + json.dumps(sorted({m.split(".")[0] for m in sys.modules})) + "\\n")
"""


def _typer_itself() -> set[str]:
    """What `import typer` loads by itself (typer 0.18 imports rich when it is installed): not ours to save."""
    code = "import json, sys, typer; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out))


def imported(*args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], cwd=ROOT, capture_output=True, text=True)
    line = [ln for ln in result.stderr.splitlines() if ln.startswith("MODULES ")]
    assert line, result.stderr
    return (set(json.loads(line[-1][len("MODULES ") :])) & set(HEAVY)) - _typer_itself()


@pytest.mark.parametrize("args", [["--version"], ["--help"], []])
def test_version_and_help_import_no_library(args):
    assert imported(*args) == set()


def test_validate_imports_neither_jinja2_nor_ruamel_nor_rich():
    # rich only draws on a terminal; the report into a pipe is written directly
    assert imported("validate", "data", "--no-cache") <= {"pydantic", "yaml"}
    assert not {"jinja2", "ruamel"} & imported("validate", "data", "--no-cache")


def test_validate_with_cache_imports_no_pool_for_a_small_set():
    assert "multiprocessing" not in imported("validate", "data")


def test_rules_imports_no_yaml_library_or_pydantic_models():
    assert not imported("rules") & {"ruamel", "jinja2", "yaml"}
