"""The input layer: which files a command reads, what kind each is, how it is shown, and the settings
(`perfgoals.yaml`) that apply to it.

Every command takes its files and settings from here, so that validate, render, summary,
diff, fmt, new and import see the same settings for the same file.  This is the only
reader of `perfgoals.yaml`; a broken one is salvaged (the settings that are fine still
apply) and its problems are kept on `Settings.file` for `validate` to report.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, NamedTuple

from perfgoals import source
from perfgoals.config import Config
from perfgoals.errors import UserError
from perfgoals.findings import Hit
from perfgoals.frameworks import BUILTIN, DEFAULT, Framework, load_framework
from perfgoals.load import LoadedFile, load_file
from perfgoals.profile import BUILTIN as PROFILES
from perfgoals.profile import DEFAULT as PROFILE
from perfgoals.profile import Profile, every_alias, load_profile

CONFIG_NAME = "perfgoals.yaml"
DEPARTMENT_NAMES = ("department.yaml", "department.yml")
YAML_SUFFIXES = (".yaml", ".yml")
# A data repository's root holds one of these; the validation cache lives there.
ROOT_MARKERS = (CONFIG_NAME, ".git")


# --- files ---------------------------------------------------------------------------------


class SourceFile(NamedTuple):
    path: str  # as given or found (str: a pathlib.Path per file costs more than checking a small file)
    display: str  # as shown to the user: relative to the current folder, with /
    kind: str  # project | department | config


class Missing(NamedTuple):
    """A path on the command line that names nothing to read: a PG000 finding at display."""

    display: str
    problem: source.Problem


def file_kind(path: str | os.PathLike) -> str:
    """By name: perfgoals.yaml is the settings, department.yaml Part 1, every other YAML file a project."""
    name = os.path.basename(path).lower()
    if name == CONFIG_NAME:
        return "config"
    if name in DEPARTMENT_NAMES:
        return "department"
    return "project"


def data_kind(data: dict) -> str:
    """By content, where the name says nothing (git's textconv hands over a temporary file)."""
    return "department" if "overall_goal" in data or "sub_goals" in data or "safeguards" in data else "project"


def is_table_name(name: str) -> bool:
    """A YAML file that holds a table (project or department): what walks and diffs look at."""
    base = os.path.basename(name)
    return base.lower().endswith(YAML_SUFFIXES) and not base.startswith(".") and file_kind(base) != "config"


def display(path: str | os.PathLike, cwd: str | os.PathLike | None = None) -> str:
    """path relative to cwd (the current folder) when it is below it, else as it is; always with /."""
    try:
        rel = os.path.relpath(path, cwd) if cwd is not None else os.path.relpath(path)
    except ValueError:  # another drive on Windows
        rel = str(path)
    shown = rel if not rel.startswith("..") else str(path)
    return shown.replace(os.sep, "/")


def _walk(folder: Path) -> list[tuple[str, str]]:
    """(path, display) of every YAML file under folder; the display is worked out once per folder."""
    found: list[tuple[str, str]] = []
    join = os.path.join
    # os.walk does not follow symlinked folders, so a symlink loop cannot trap us.
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        names = sorted(n for n in files if n.lower().endswith(YAML_SUFFIXES) and not n.startswith("."))
        if names:
            shown = display(root)
            found.extend((join(root, name), f"{shown}/{name}" if shown != "." else name) for name in names)
    return found


def discover(paths: Iterable[str | os.PathLike]) -> tuple[list[SourceFile], list[Missing]]:
    """Every file to read under paths (folders walked, hidden ones skipped), each once, and the paths
    that name nothing."""
    out: list[SourceFile] = []
    missing: list[Missing] = []
    seen: set[str] = set()
    paths = list(paths)
    cwd = os.getcwd()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files = _walk(p)
            if not files:
                missing.append(Missing(display(p), source.Problem(source.UNREADABLE, "no_files")))
        elif p.exists() or p.is_symlink():
            files = [(str(p), display(p))]
        else:
            missing.append(Missing(display(p), source.Problem(source.UNREADABLE, "missing")))
            continue
        files = _inside(files, paths, missing)
        if len(paths) == 1:  # one walk never yields a file twice: skip the per-file bookkeeping
            out.extend(SourceFile(f, shown, file_kind(f)) for f, shown in files)
            continue
        for f, shown in files:
            key = os.path.normpath(os.path.join(cwd, f))
            if key not in seen:
                seen.add(key)
                out.append(SourceFile(f, shown, file_kind(f)))
    return out, missing


def _inside(files: list[tuple[str, str]], paths: list, missing: list[Missing]) -> list[tuple[str, str]]:
    """files without the symbolic links that lead out of the repository (its .git folder's, else the data
    root): a committed link to /etc/passwd or ~/.ssh must not be read, nor its first line quoted in a finding."""
    links = [f for f in files if os.path.islink(f[0])]  # one lstat a file; links are rare
    if not links:
        return files
    root = data_root(paths)
    repo = next((folder for folder in (root, *root.parents) if (folder / ".git").exists()), root)
    inside = os.path.realpath(repo) + os.sep
    outside = {f for f in links if not os.path.realpath(f[0]).startswith(inside)}
    missing.extend(Missing(shown, source.Problem(source.UNREADABLE, "outside")) for _, shown in outside)
    return [f for f in files if f not in outside]


def read_bytes(path: str | os.PathLike, limits: source.Limits = source.DEFAULT_LIMITS) -> bytes:
    """A file's bytes within the size limit, or a SourceError (PG000, PG004) saying why not."""
    return source.read_bytes(path, limits)


def data_root(paths: Iterable[str | os.PathLike], cwd: Path | None = None) -> Path:
    """The data repository of a run: the nearest folder at or above the paths' common folder that holds
    perfgoals.yaml or .git, else the current folder."""
    cwd = cwd or Path.cwd()
    absolute = [os.path.abspath(p) for p in paths] or [str(cwd)]
    try:
        common = Path(os.path.commonpath(absolute))
    except ValueError:  # paths on different drives (Windows)
        common = cwd
    start = common if common.is_dir() else common.parent
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in ROOT_MARKERS):
            return folder
    return cwd


# --- settings ------------------------------------------------------------------------------


def find_config(start: Path) -> Path | None:
    """The nearest perfgoals.yaml in start (a folder) or any folder above it."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


@dataclass
class Settings:
    config: Config  # as in force: what perfgoals.yaml says, over what its profile says, over the defaults
    framework: Framework
    file: LoadedFile | None = None  # the perfgoals.yaml it came from, with its own problems
    data_files: set[str] = field(default_factory=set)  # a province's framework or profile file, not a project
    profile: Profile | None = None


def _salvage(loaded: LoadedFile) -> Config:
    """The settings that are fine, when others in the file are broken: one typo must not hide the rest."""
    from pydantic import ValidationError

    data = loaded.doc.data if loaded.doc is not None and isinstance(loaded.doc.data, dict) else {}
    broken = {hit.path[0] for _, hit in loaded.hits if hit.path}
    try:
        return Config.model_validate({k: v for k, v in data.items() if k not in broken})
    except ValidationError:
        return Config()


def load_settings(config_path: Path | None, backend: str = "libyaml") -> Settings:
    """The settings in config_path (the defaults when None).  Never raises for a broken file: what is
    wrong in it is on the returned `file`'s hits, and the rest applies."""
    if config_path is None:
        return _in_force(Config(), None, None)
    loaded = load_file(config_path, display(config_path), "config", Config, backend)
    config = loaded.model if loaded.model is not None else _salvage(loaded)
    return _in_force(config, loaded, config_path.parent)


def _in_force(config: Config, loaded: LoadedFile | None, base: Path | None) -> Settings:
    """perfgoals.yaml over its form profile over the defaults; a profile or framework that cannot be had is
    a PG002 finding on perfgoals.yaml, and the defaults stand in for it."""
    profile = _setting(
        loaded, "profile", "表样", lambda: load_profile(config.profile or PROFILE, base), lambda: load_profile(PROFILE)
    )
    # The common core (named, or in force because none is) understands every shipped profile's category names.
    aliases = every_alias() if profile.name == PROFILE else profile.aliases
    name = config.framework if "framework" in config.model_fields_set else profile.framework or DEFAULT
    framework = _setting(
        loaded,
        "framework",
        "指标框架",
        lambda: load_framework(name, base, aliases),
        lambda: load_framework(DEFAULT, None, aliases),
    )
    update = {"framework": name, "rules": {**profile.rules, **config.rules}}
    if "satisfaction_floor" not in config.model_fields_set and profile.satisfaction_floor is not None:
        update["satisfaction_floor"] = profile.satisfaction_floor
    in_force = config.model_copy(update=update)
    in_force._base = base
    data_files = set()  # a province's framework or profile file: data for the rules, not a project
    if base is not None and name not in BUILTIN:
        data_files.add(os.path.normpath(os.path.join(str(base), name)))
    if base is not None and config.profile and config.profile not in PROFILES:
        data_files.add(os.path.normpath(os.path.join(str(base), config.profile)))
    return Settings(in_force, framework, loaded, data_files, profile)


def _setting(loaded: LoadedFile | None, key: str, label: str, load, fallback):
    try:
        return load()
    except UserError as exc:
        if loaded is not None:
            loaded.hits.append((source.SCHEMA, Hit((key,), {"field": key, "label": label, "detail": exc.message})))
        return fallback()


class Workspace:
    """The settings of every folder a command reads, each perfgoals.yaml read once.

    A file's settings come from the nearest perfgoals.yaml at or above its folder, else from the one
    nearest the current folder, else the defaults.
    """

    def __init__(self, backend: str = "libyaml") -> None:
        self.backend = backend
        self.settings: list[Settings] = []
        self._by_config: dict[Path | None, int] = {}
        self._by_folder: dict[str, int] = {}  # one upward search per folder, not per file
        self._cwd_config: Path | None | bool = False  # found on first use

    def settings_index(self, path: str | os.PathLike) -> int:
        """The index in `self.settings` of the settings for the file at path."""
        folder = os.path.dirname(path)  # a str key: pathlib's hashing costs more than the search saves
        index = self._by_folder.get(folder)
        if index is None:
            if self._cwd_config is False:
                self._cwd_config = find_config(Path.cwd())
            config_path = find_config(Path(folder or ".")) or self._cwd_config
            if config_path not in self._by_config:
                self._by_config[config_path] = len(self.settings)  # type: ignore[index]
                self.settings.append(load_settings(config_path, self.backend))  # type: ignore[arg-type]
            index = self._by_folder[folder] = self._by_config[config_path]  # type: ignore[index]
        return index

    def settings_for(self, path: str | os.PathLike) -> Settings:
        return self.settings[self.settings_index(path)]

    @property
    def framework_files(self) -> set[str]:
        """Provinces' framework files in use: YAML data for the rules, never checked as projects."""
        return {path for s in self.settings for path in s.data_files}


def settings_for(path: str | os.PathLike) -> Settings:
    """The settings for one file (a command that reads one file, or writes one: new, fmt)."""
    return Workspace().settings_for(path)
