"""A real pre-commit run with the hooks of .pre-commit-hooks.yaml, on a repository made from data/."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, git, project_file

pytest.importorskip("pre_commit")


def local_config() -> str:
    """The published hooks as `repo: local` ones run by this interpreter (CI reaches no git remote)."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert [h["id"] for h in hooks] == ["perfgoals-validate", "perfgoals-fmt"]
    for hook in hooks:
        assert hook["entry"].startswith("perfgoals ")
        hook["entry"] = f"{sys.executable} -m {hook['entry'].replace('perfgoals ', 'perfgoals ', 1)}"
        hook["language"] = "system"
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, allow_unicode=True)


def pre_commit(repo, *args):
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"), "PERFGOALS_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=repo, capture_output=True, text=True, env=env
    )


def test_hooks_pass_on_data_and_fail_on_a_broken_file(repo):
    (repo / ".pre-commit-config.yaml").write_text(local_config(), "utf-8")
    git(repo, "add", "-A")
    passed = pre_commit(repo, "run", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "perfgoals validate" in passed.stdout and "Passed" in passed.stdout

    f = project_file(repo, "01")
    f.write_text(f.read_text("utf-8").replace("year: 2023", "year: 2023\nyear: 2024"), "utf-8")
    git(repo, "add", "-A")
    failed = pre_commit(repo, "run", "--all-files")
    assert failed.returncode == 1
    assert "PG001" in failed.stdout and "the key 'year' appears twice" in failed.stdout


def test_fmt_hook_rewrites_a_messy_file_and_fails_once(repo):
    (repo / ".pre-commit-config.yaml").write_text(local_config(), "utf-8")
    (repo / "data" / "perfgoals.yaml").unlink()  # the shipped data keeps targets as printed; a department's does not
    f = project_file(repo, "01")
    f.write_text(f.read_text("utf-8").replace("target: ≥90%, basis", 'target: ">= 90 %", basis'), "utf-8")
    git(repo, "add", "-A")
    first = pre_commit(repo, "run", "perfgoals-fmt", "--all-files")
    assert first.returncode == 1 and "files were modified by this hook" in first.stdout
    assert "target: ≥90%, basis" in f.read_text("utf-8")
    git(repo, "add", "-A")
    assert pre_commit(repo, "run", "perfgoals-fmt", "--all-files").returncode == 0
