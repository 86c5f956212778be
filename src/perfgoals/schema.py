"""JSON Schema for the project, department and perfgoals.yaml files, generated from the pydantic models.

Editors (VS Code's YAML extension, via the `# yaml-language-server: $schema=…` line)
use it to complete and check keys as people type; titles and descriptions are the
models' Chinese ones.  The generated files are committed; `--check` finds them stale.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from perfgoals.config import Config
from perfgoals.model import Department, Project
from perfgoals.profile import Profile

DEFAULT_DIR = "schema"
FILES = {"project": "project.schema.json", "department": "department.schema.json", "config": "config.schema.json"}
_MODELS = {"project": Project, "department": Department, "config": Config}
DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Older editors (vscode-yaml before 1.11 warns on 2020-12) read draft-07: the same schema, beside it.
DRAFT07 = "http://json-schema.org/draft-07/schema#"
DRAFT07_FILES = {kind: name.replace(".schema.json", ".draft-07.schema.json") for kind, name in FILES.items()}


def schema_id(kind: str, profile: Profile | None = None, draft07: bool = False) -> str:
    """A stable identifier (perfgoals has no public address, so a URN): the kind, the form profile when it
    requires more than the core, and the dialect."""
    parts = ["urn:perfgoals:schema", kind]
    if kind == "project" and profile is not None and profile.required:
        parts.append(f"profile:{profile.name}")
    return ":".join([*parts, "draft-07" if draft07 else "2020-12"])


def generate(kind: str, profile: Profile | None = None) -> dict:
    """The schema of a kind of file; a project's requires what the form profile requires besides the core."""
    schema = _MODELS[kind].model_json_schema(mode="validation")
    if kind == "project" and profile is not None and profile.required:
        schema["required"] = [*schema["required"], *(f for f in profile.required if f not in schema["required"])]
        schema["description"] = f"{schema.get('description', '')}（表样：{profile.title or profile.name}）"
    return {"$schema": DIALECT, "$id": schema_id(kind, profile), **schema}


def as_draft07(schema: dict, kind: str, profile: Profile | None = None) -> dict:
    """The 2020-12 schema in draft-07 words: `$defs` is `definitions` there (pydantic uses nothing else
    that draft-07 lacks)."""
    text = json.dumps(schema, ensure_ascii=False).replace('"#/$defs/', '"#/definitions/')
    out = json.loads(text)
    if "$defs" in out:
        out["definitions"] = out.pop("$defs")
    out["$schema"], out["$id"] = DRAFT07, schema_id(kind, profile, draft07=True)
    return out


def render(kind: str, profile: Profile | None = None, draft07: bool = False) -> str:
    # ensure_ascii=False: the Chinese titles stay readable in the committed file and in review.
    schema = generate(kind, profile)
    if draft07:
        schema = as_draft07(schema, kind, profile)
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _files():
    """(kind, file name, draft-07?) of every schema file written."""
    return [(k, n, False) for k, n in FILES.items()] + [(k, n, True) for k, n in DRAFT07_FILES.items()]


def write(folder: Path, profile: Profile | None = None) -> list[Path]:
    """Write the schema files; returns the ones whose content changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for kind, name, draft07 in _files():
        path = folder / name
        text = render(kind, profile, draft07)
        if not path.is_file() or path.read_text("utf-8") != text:
            from perfgoals.atomic import write_text

            write_text(path, text)
            changed.append(path)
    return changed


def stale(folder: Path, profile: Profile | None = None) -> list[tuple[Path, str]]:
    """(path, "missing" | "stale") for every schema file that differs from what the models generate."""
    out = []
    for kind, name, draft07 in _files():
        path = folder / name
        if not path.is_file():
            out.append((path, "missing"))
        elif path.read_text("utf-8") != render(kind, profile, draft07):
            out.append((path, "stale"))
    return out


def schema_line(target_file: Path | None, kind: str = "project", root: Path | None = None) -> str:
    """The editor line for a file: a path relative to the file, to <root>/schema/<kind>.schema.json."""
    root = root or Path.cwd()
    schema = root / DEFAULT_DIR / FILES[kind]
    start = (target_file.parent if target_file is not None else Path.cwd()).resolve()
    rel = os.path.relpath(schema.resolve(), start).replace(os.sep, "/")
    return f"# yaml-language-server: $schema={rel}"
