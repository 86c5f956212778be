"""A real pre-commit run with the hooks of .pre-commit-hooks.yaml, on a repository made from data/."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, git, project_file

pytest.importorskip("pre_commit")


def local_config(*ids: str) -> str:
    """The published hooks (those named; by default validate and fmt) as `repo: local` ones run by this
    interpreter (CI reaches no git remote)."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert [h["id"] for h in hooks] == [
        "perfgoals-validate",
        "perfgoals-fmt",
        "perfgoals-fmt-check",
        "perfgoals-schema-check",
    ]
    hooks = [h for h in hooks if h["id"] in (ids or ("perfgoals-validate", "perfgoals-fmt"))]
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


def test_check_hooks_match_tables_in_any_folder_and_write_nothing(repo):
    (repo / ".pre-commit-config.yaml").write_text(local_config("perfgoals-fmt-check"), "utf-8")
    elsewhere = repo / "2024" / "projects"
    elsewhere.mkdir(parents=True)
    moved = elsewhere / "01.yaml"
    moved.write_text(project_file(repo, "01").read_text("utf-8").replace("target: ≥90%", 'target: ">= 90 %"'), "utf-8")
    before = moved.read_text("utf-8")
    git(repo, "add", "-A")
    failed = pre_commit(repo, "run", "perfgoals-fmt-check", "--all-files")
    assert failed.returncode == 1 and "2024/projects/01.yaml" in failed.stdout
    assert moved.read_text("utf-8") == before  # --check writes nothing
    moved.write_text(before.replace('target: ">= 90 %"', "target: ≥90%"), "utf-8")
    git(repo, "add", "-A")
    assert pre_commit(repo, "run", "perfgoals-fmt-check", "--all-files").returncode == 0


def test_schema_check_hook(repo, cli):
    (repo / ".pre-commit-config.yaml").write_text(local_config("perfgoals-schema-check"), "utf-8")
    git(repo, "add", "-A")
    missing = pre_commit(repo, "run", "perfgoals-schema-check", "--all-files")
    assert missing.returncode == 1 and "project.schema.json: missing" in missing.stdout
    assert cli("schema", "-o", str(repo / "schema")).exit_code == 0
    git(repo, "add", "-A")
    assert pre_commit(repo, "run", "perfgoals-schema-check", "--all-files").returncode == 0
