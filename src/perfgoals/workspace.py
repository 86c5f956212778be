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
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

from perfgoals import inputs, source
from perfgoals.config import Config
from perfgoals.errors import UserError
from perfgoals.findings import Hit
from perfgoals.i18n import T
from perfgoals.frameworks import BUILTIN, DEFAULT, Framework, load_framework
from perfgoals.load import LoadedFile, load_file
from perfgoals.profile import BUILTIN as PROFILES
from perfgoals.profile import DEFAULT as PROFILE
from perfgoals.profile import Profile, every_alias, load_profile

CONFIG_NAME = "perfgoals.yaml"
PYPROJECT = "pyproject.toml"  # its [tool.perfgoals] table, where there is no perfgoals.yaml
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
        inputs.folder(root, dirs, files)
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
            inputs.absent(p)
            missing.append(Missing(display(p), source.Problem(source.UNREADABLE, "missing")))
            continue
        inputs.files(f for f, _ in files)
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
    repo = next((folder for folder in (root, *root.parents) if _marked(folder / ".git")), root)
    inside = os.path.realpath(repo) + os.sep
    outside = {f for f in links if not os.path.realpath(f[0]).startswith(inside)}
    missing.extend(Missing(shown, source.Problem(source.UNREADABLE, "outside")) for _, shown in outside)
    return [f for f in files if f not in outside]


def _marked(path: Path) -> bool:
    found = path.exists()
    inputs.marker(path, found)
    return found


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
        if any(_marked(folder / marker) for marker in ROOT_MARKERS):
            return folder
    return cwd


# --- settings ------------------------------------------------------------------------------


def find_config(start: Path) -> Path | None:
    """The nearest settings file in start (a folder) or any folder above it: perfgoals.yaml, else a
    pyproject.toml with a [tool.perfgoals] table."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            inputs.file(candidate)
            return candidate
        inputs.absent(candidate)
        pyproject = folder / PYPROJECT
        found = pyproject.is_file()
        inputs.looked_for(pyproject, found)
        if found and _pyproject_table(pyproject) is not None:
            return pyproject
    return None


def _pyproject_table(path: Path) -> dict | None:
    """pyproject.toml's [tool.perfgoals], or None when it has none (or cannot be read: then it is no
    settings file of ours, as ruff treats it)."""
    import tomllib

    inputs.file(path)
    try:
        data = path.read_bytes()
        if b"perfgoals" not in data:  # most pyproject.toml files: no TOML parse
            return None
        table = tomllib.loads(data.decode("utf-8")).get("tool", {}).get("perfgoals")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return table if isinstance(table, dict) else None


@dataclass
class Source:
    """One settings file of a chain: what it declares itself, its folder (where its patterns and paths are
    relative to) and its own problems."""

    path: Path
    config: Config
    file: LoadedFile

    @property
    def base(self) -> Path:
        return self.path.parent


@dataclass
class Settings:
    config: Config  # as in force: what perfgoals.yaml says, over what its profile says, over the defaults
    framework: Framework
    file: LoadedFile | None = None  # the perfgoals.yaml it came from, with its own problems
    data_files: set[str] = field(default_factory=set)  # a province's framework or profile file, not a project
    profile: Profile | None = None
    profile_file: LoadedFile | None = None  # a profile file of the user's with problems, located in it
    sources: list[Source] = field(default_factory=list)  # the files it comes from, the outermost first

    def layers(self) -> list[tuple[Path | None, Config]]:
        """(folder, config) of each settings file, the outermost first: patterns and selections are per file."""
        return [(s.base, s.config) for s in self.sources] or [(self.config._base, self.config)]

    def excluded(self, path: str) -> bool:
        """Whether a file's `exclude:` patterns (each relative to its settings file's folder) match path."""
        return any(config.exclude and matches(tuple(config.exclude), base, path) for base, config in self.layers())


def matches(patterns: tuple[str, ...], base: Path | None, path: str) -> bool:
    """gitignore-style patterns (relative to base, else the current folder) against a file's path."""
    rel = os.path.relpath(os.path.abspath(path), base or os.getcwd()).replace(os.sep, "/")
    return not rel.startswith("../") and _spec(patterns).match_file(rel)


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


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
    """The settings in config_path (the defaults when None), over those of the settings file above it
    unless it says `extend: false` (as ruff's extend).  Never raises for a broken file: what is wrong in
    it is on its `file`'s hits, and the rest applies."""
    if config_path is None:
        return _in_force(Config(), None, None)
    sources = _chain(config_path, backend)
    own = sources[-1]
    config = _merge([s.config for s in sources])
    broken = _broken_profile_file(config, own.base, backend)
    if broken is None:
        settings = _in_force(config, own.file, own.base)
    else:  # told where it is wrong, in that file; the common core stands in for it
        settings = _in_force(config.model_copy(update={"profile": None}), own.file, own.base)
        settings.profile_file = broken
        settings.data_files.add(os.path.normpath(os.path.abspath(own.base / (config.profile or ""))))
    settings.sources = sources
    return settings


def _chain(config_path: Path, backend: str) -> list[Source]:
    """config_path's settings file and those it extends, the outermost first."""
    chain = [_declared(config_path, backend)]
    while chain[0].config.extend:
        parent = find_config(chain[0].base.resolve().parent)
        if parent is None or any(s.path.resolve() == parent for s in chain):
            break
        chain.insert(0, _declared(parent, backend))
    return chain


def _declared(path: Path, backend: str) -> Source:
    """What one settings file says (perfgoals.yaml, or pyproject.toml's [tool.perfgoals]), as written."""
    if path.name == PYPROJECT:
        loaded = LoadedFile(display(path), "config")
        config = _from_table(_pyproject_table(path) or {}, loaded)
    else:
        loaded = load_file(path, display(path), "config", Config, backend)
        config = loaded.model if loaded.model is not None else _salvage(loaded)
    config._base = path.parent
    return Source(path, config, loaded)


def _from_table(table: dict, loaded: LoadedFile) -> Config:
    """[tool.perfgoals] as a Config; its problems (no positions: TOML is not read with them) on loaded."""
    from pydantic import ValidationError

    from perfgoals.load import schema_hits

    data = {k.replace("-", "_"): v for k, v in table.items()}  # TOML's usual extend-select spelling too
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        loaded.hits.extend((source.SCHEMA, hit) for hit in schema_hits(exc, Config))
        broken = {hit.path[0] for _, hit in loaded.hits if hit.path}
        try:
            return Config.model_validate({k: v for k, v in data.items() if k not in broken})
        except ValidationError:
            return Config()


# Merged key by key, the inner file's entries over the outer's; other keys: the inner file's value.
_MERGED = ("rules", "import_labels")
# Names of built-in frameworks and profiles; anything else is a path, relative to the file that says it.
_PATHS = {"framework": BUILTIN, "profile": PROFILES}


def _merge(configs: list[Config]) -> Config:
    """One chain's settings: each file's keys over the outer files'.  Patterns and rule selections stay
    per file as well (Settings.layers), each relative to its own folder."""
    if len(configs) == 1:
        return configs[0]
    update: dict = {}
    for config in configs:
        for key in config.model_fields_set:
            value = getattr(config, key)
            update[key] = {**update.get(key, {}), **value} if key in _MERGED else value
            if key in _PATHS and value and value not in _PATHS[key] and config is not configs[-1]:
                update[key] = os.path.normpath(os.path.join(str(config._base), value))  # relative to its own file
    merged = Config().model_copy(update=update)
    merged._base = configs[-1]._base
    return merged


def _broken_profile_file(config: Config, base: Path, backend: str) -> LoadedFile | None:
    """A profile file (not a built-in name) whose own text is not a profile: its problems, with their places."""
    if not config.profile or config.profile in PROFILES:
        return None
    path = base / config.profile
    inputs.looked_for(path, path.is_file())
    if not path.is_file():
        return None  # load_profile says so on perfgoals.yaml's profile: line
    loaded = load_file(path, display(path), "profile", Profile, backend)
    return loaded if loaded.hits else None


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

    def __init__(self, backend: str = "libyaml", config: str | os.PathLike | None = None) -> None:
        """config: one settings file for every file (--config), instead of each file's nearest."""
        self.backend = backend
        self.forced = _forced(config) if config is not None else None
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
            config_path = self.forced or find_config(Path(folder or ".")) or self._cwd_config
            if config_path not in self._by_config:
                self._by_config[config_path] = len(self.settings)  # type: ignore[index]
                self.settings.append(load_settings(config_path, self.backend))  # type: ignore[arg-type]
            index = self._by_folder[folder] = self._by_config[config_path]  # type: ignore[index]
        return index

    def settings_for(self, path: str | os.PathLike) -> Settings:
        return self.settings[self.settings_index(path)]

    def excluded(self, path: str) -> bool:
        return self.settings_for(path).excluded(path)

    @property
    def framework_files(self) -> set[str]:
        """Provinces' framework files in use: YAML data for the rules, never checked as projects."""
        return {path for s in self.settings for path in s.data_files}


def _forced(config: str | os.PathLike) -> Path:
    path = Path(config)
    inputs.file(path)  # as given: a link retargeted is another file
    if not path.is_file():
        raise UserError(T(f"找不到设置文件 {config}", f"no such settings file: {config}"))
    if path.name == PYPROJECT and _pyproject_table(path) is None:
        raise UserError(T(f"{config} 中没有 [tool.perfgoals]", f"{config} has no [tool.perfgoals] table"))
    return path.resolve()


def settings_for(path: str | os.PathLike) -> Settings:
    """The settings for one file (a command that reads one file, or writes one: new, fmt)."""
    return Workspace().settings_for(path)
