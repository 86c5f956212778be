"""`perfgoals config`: the settings in force for a folder or file, and the files they come from (the
outermost first; each extends the one before unless it says `extend: false`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from perfgoals.i18n import T
from perfgoals.rules import load_all
from perfgoals.selection import Layer, disabled
from perfgoals.workspace import Settings, Workspace

# Per settings file, each relative to that file's folder or applied in turn: listed under each source.
PER_SOURCE = ("select", "extend_select", "ignore", "exclude", "per_file_ignores")
_SOURCES = T("设置来源（外层在前）", "settings files (outermost first)")
_NONE = T("（无：默认设置）", "(none: the defaults)")
_IN_FORCE = T("生效的设置", "settings in force")
_OFF = T("关闭的规则", "rules off")


def effective(path: str, config: str | None = None) -> dict:
    """What `perfgoals config --format json` prints (version 1)."""
    target = Path(path)
    probe = target / "x.yaml" if target.is_dir() else target  # a folder's settings are its files'
    settings = Workspace(config=config).settings_for(str(probe))
    in_force = settings.config.model_dump(mode="json", exclude=set(PER_SOURCE))
    return {
        "version": 1,
        "path": path,
        "sources": [
            {"path": s.file.path, **s.config.model_dump(mode="json", exclude_unset=True)} for s in settings.sources
        ],
        "settings": in_force,
        "rules_off": sorted(code for code, level in _levels(settings).items() if level == "off"),
    }


def _levels(settings: Settings) -> dict[str, str]:
    layers = [Layer.of(c.select, c.extend_select, c.ignore) for _, c in settings.layers()]
    return {**settings.config.rules, **dict.fromkeys(disabled(layers, load_all()), "off")}


def run(path: str, fmt: str, config: str | None, lang: str, out: TextIO) -> int:
    data = effective(path, config)
    if fmt == "json":
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0

    def value(v) -> str:
        return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)

    lines = [f"{_SOURCES(lang)}:"]
    for src in data["sources"]:
        lines.append(f"  {src['path']}")
        lines += [f"    {k}: {value(v)}" for k, v in src.items() if k != "path"]
    if not data["sources"]:
        lines.append(f"  {_NONE(lang)}")
    lines.append(f"{_IN_FORCE(lang)}:")
    lines += [f"  {k}: {value(v)}" for k, v in data["settings"].items()]
    lines.append(f"{_OFF(lang)}: {', '.join(data['rules_off']) or '-'}")
    out.write("\n".join(lines) + "\n")
    return 0
