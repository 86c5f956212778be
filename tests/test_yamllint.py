"""README's recommended yamllint configuration agrees with `perfgoals fmt`'s layout: yamllint finds nothing
in data/ nor in the real tables once fmt has written them."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("yamllint")

ROOT = Path(__file__).resolve().parent.parent


def _readme_config() -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    [block] = re.findall(r"```yaml\n(# \.yamllint\.yaml\n.*?)```", readme, re.S)
    return block


def test_readme_yamllint_config_passes_data_and_formatted_tables(tmp_path, cli):
    config = tmp_path / ".yamllint.yaml"
    config.write_text(_readme_config(), "utf-8")
    tables = tmp_path / "real"
    shutil.copytree(ROOT / "tests" / "real", tables)
    # fmt's layout (its exit code is not the point here: it refuses files it cannot rewrite safely)
    assert "reformatted" in cli("fmt", str(tables)).output
    for target in (ROOT / "data", tables):
        done = subprocess.run(
            [sys.executable, "-m", "yamllint", "-s", "-c", str(config), str(target)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout
    # and it is not a configuration that passes everything
    bad = tmp_path / "bad.yaml"
    bad.write_text("year: 2023\nbudget: { total: 1 }\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "yamllint", "-c", str(config), str(bad)], capture_output=True, text=True
    )
    assert done.returncode == 1 and "braces" in done.stdout
