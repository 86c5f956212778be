"""The validation core: find files, load them, run every registered rule, apply the configuration.

It knows rules only through the registry.  The CLI and other commands (render,
summary) call ``validate`` and get a Report with the models and the findings.
"""

from __future__ import annotations

import os
import string
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable

from perfgoals import rules as rules_pkg
from perfgoals import source
from perfgoals.config import CONFIG_NAME, Config, find_config
from perfgoals.findings import Finding, Severity
from perfgoals.frameworks import BUILTIN, Framework, FrameworkError, load_framework
from perfgoals.i18n import T
from perfgoals.model import MissingField
from perfgoals.load import LoadedFile, load_bytes, load_file
from perfgoals.rules import Context, Hit, Rule
from perfgoals.targets import format_number

DEPARTMENT_NAME = "department.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@dataclass
class Report:
    files: list[LoadedFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    @property
    def unreadable(self) -> bool:
        return any(f.code == source.UNREADABLE for f in self.findings)

    def exit_code(self, strict: bool = False) -> int:
        if self.unreadable:
            return EXIT_USAGE
        if self.errors or (strict and self.warnings):
            return EXIT_FINDINGS
        return EXIT_OK

    @property
    def projects(self) -> list[LoadedFile]:
        return [f for f in self.files if f.kind == "project"]

    @property
    def department(self) -> LoadedFile | None:
        return next((f for f in self.files if f.kind == "department"), None)

    def findings_for(self, path: str) -> list[Finding]:
        return [f for f in self.findings if f.path == path]

    def as_dict(self) -> dict:
        return {"version": 1, "files": len([f for f in self.files if f.kind != "config"]), "errors": self.errors,
                "warnings": self.warnings, "findings": [f.as_dict() for f in self.findings]}


# --- discovery -----------------------------------------------------------------------


def _display(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        rel = str(path)
    shown = rel if not rel.startswith("..") else str(path)
    return shown.replace(os.sep, "/")


def file_kind(path: str | os.PathLike) -> str:
    name = os.path.basename(path).lower()
    if name == CONFIG_NAME:
        return "config"
    if name in (DEPARTMENT_NAME, "department.yml"):
        return "department"
    return "project"


def _walk(folder: Path) -> list[tuple[str, str]]:
    """(path, display) of every YAML file under folder; the display is worked out once per folder."""
    found: list[tuple[str, str]] = []
    join = os.path.join  # str paths: a pathlib.Path per file costs more than checking a small file
    # os.walk does not follow symlinked folders, so a symlink loop cannot trap us.
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        names = sorted(n for n in files if n.lower().endswith(YAML_SUFFIXES) and not n.startswith("."))
        if names:
            shown = _display(Path(root))
            found.extend((join(root, name), f"{shown}/{name}" if shown != "." else name) for name in names)
    return found


def discover(paths: Iterable[str | os.PathLike], lang: str = "en") -> tuple[list[tuple[str, str, str]], list[Finding]]:
    """(path, display, kind) for every file to read, and PG000 findings for paths that are not there."""
    out: list[tuple[str, str, str]] = []
    problems: list[Finding] = []
    seen: set[str] = set()
    paths = list(paths)
    cwd = os.getcwd()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files = _walk(p)
            if not files:
                problems.append(_path_problem(p, "no_files", lang))
        elif p.exists() or p.is_symlink():
            files = [(str(p), _display(p))]
        else:
            problems.append(_path_problem(p, "missing", lang))
            continue
        if len(paths) == 1:  # one walk never yields a file twice: skip the per-file bookkeeping
            out.extend((f, display, file_kind(f)) for f, display in files)
            continue
        for f, display in files:
            key = os.path.normpath(os.path.join(cwd, f))
            if key not in seen:
                seen.add(key)
                out.append((f, display, file_kind(f)))
    return out, problems


def _path_problem(p: Path, variant: str, lang: str) -> Finding:
    rule = rules_pkg.load_all()[source.UNREADABLE]
    return Finding(source.UNREADABLE, Severity.ERROR, _display(p), 1, 1, rule.message(variant, lang),
                   rule.hint(variant, lang))


# --- findings --------------------------------------------------------------------------


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _param(value: Any, lang: str) -> str:
    if isinstance(value, T):
        return value(lang)
    if isinstance(value, Decimal):
        # 1e400 stays 1E+400 rather than four hundred digits
        return format_number(value) if value.is_finite() and abs(value.adjusted()) < 16 else str(value)
    return str(value)


def make_finding(rule: Rule, hit: Hit, file: LoadedFile, lang: str, severity: Severity | None = None) -> Finding:
    if hit.line is not None:
        line, column = hit.line, hit.column or 1
    elif file.doc is not None:
        line, column = file.doc.locate(hit.path, key=hit.key)
        if hit.column_offset:
            pos = file.doc.positions.get(tuple(hit.path))
            if pos is not None and pos.raw is not None and "\n" not in pos.raw:
                column += hit.column_offset
    else:
        line, column = 1, 1
    params = _Params({k: _param(v, lang) for k, v in hit.params.items()})
    formatter = string.Formatter()
    message = formatter.vformat(rule.message(hit.variant, lang), (), params)
    hint = formatter.vformat(rule.hint(hit.variant, lang), (), params)
    return Finding(rule.code, severity or hit.severity or rule.severity, file.path, line, column, message, hint,
                   file.project_code)


# --- configuration ---------------------------------------------------------------------


@dataclass
class Settings:
    config: Config
    framework: Framework
    file: LoadedFile | None = None  # the perfgoals.yaml it came from, with its own problems
    framework_file: str | None = None  # a province's framework file: data for the rules, not a project


def _salvage(loaded: LoadedFile) -> Config:
    """The settings that are fine, when others in the file are broken: one typo must not hide the rest."""
    from pydantic import ValidationError

    data = loaded.doc.data if loaded.doc is not None and isinstance(loaded.doc.data, dict) else {}
    broken = {hit.path[0] for _, hit in loaded.hits if hit.path}
    try:
        return Config.model_validate({k: v for k, v in data.items() if k not in broken})
    except ValidationError:
        return Config()


def _load_settings(config_path: Path | None, backend: str) -> Settings:
    default_framework = load_framework("mof2015")
    if config_path is None:
        return Settings(Config(), default_framework)
    loaded = load_file(config_path, _display(config_path), "config", Config, backend)
    config = loaded.model if loaded.model is not None else _salvage(loaded)
    config = config.model_copy()
    config._base = config_path.parent
    registry = rules_pkg.load_all()
    for code in config.rules:
        if code not in registry:
            loaded.hits.append((source.SCHEMA, Hit(("rules", code), {"field": f"rules.{code}", "label": "",
                                                                      "detail": T("没有这条规则", "no such rule")},
                                                   key=True)))
    try:
        framework = load_framework(config.framework, config._base)
    except FrameworkError as exc:
        loaded.hits.append((source.SCHEMA, Hit(("framework",), {"field": "framework", "label": "指标框架",
                                                                 "detail": exc.message})))
        framework = default_framework
    framework_file = None
    if config.framework not in BUILTIN:
        framework_file = os.path.normpath(os.path.join(str(config._base), config.framework))
    return Settings(config, framework, loaded, framework_file)


# --- the run ---------------------------------------------------------------------------

# Below this many files a process pool costs more than it saves (forking, shipping results back).
PARALLEL_MIN = 200


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class _Run:
    """What checking one file needs besides the file: shipped once to each worker process."""

    settings: list[Settings]
    lang: str
    backend: str
    limits: source.Limits
    light: bool
    fingerprints: list[str] | None = None  # of each settings, when the run uses the cache
    now_ns: int = 0  # when the cache was opened (see cache.RACY_NS)
    _checks: dict[int, list] = field(default_factory=dict, repr=False)

    def project_checks(self, settings_index: int) -> list[tuple[str, Callable]]:
        """(code, check) of the per-project rules these settings leave on, worked out once."""
        checks = self._checks.get(settings_index)
        if checks is None:
            config = self.settings[settings_index].config
            checks = self._checks[settings_index] = [
                (r.code, r.check) for r in rules_pkg.load_all().values()
                if r.scope == "project" and r.check is not None and _enabled(r, config)]
        return checks


def _check_file(run: _Run, path: str, display: str, kind: str, settings_index: int,
                data: bytes | None) -> tuple[LoadedFile, list[Finding]]:
    """Load one file and run the per-file rules on it: independent of every other file."""
    registry = rules_pkg.load_all()
    settings = run.settings[settings_index]
    checks = run.project_checks(settings_index)
    if data is None:
        loaded = load_file(Path(path), display, kind, backend=run.backend, limits=run.limits)
    else:
        loaded = load_bytes(data, display, kind, backend=run.backend, limits=run.limits)
    findings: list[Finding] = []
    _emit(findings, loaded, loaded.hits, registry, settings.config, run.lang)
    project = loaded.model if loaded.model is not None else loaded.partial
    if loaded.kind == "project" and project is not None:
        ctx = Context(settings.config, settings.framework, loaded.doc, loaded.path)
        for code, check in checks:
            try:
                hits = [(code, h) for h in check(project, ctx)]
            except MissingField:
                continue  # the rule needs a field that PG002 already reported
            if hits:
                _emit(findings, loaded, hits, registry, settings.config, run.lang)
    return (loaded.light() if run.light else loaded), findings


_worker_run: _Run | None = None


def _worker_init(run: _Run) -> None:
    global _worker_run
    _worker_run = run


def _worker_check(job: tuple) -> tuple[str | None, list[str] | None, dict]:
    """A worker's answer for one file is its cache entry: small to send back, and the main process turns
    it into the light file and findings exactly as it does a cache hit.  When the main process did not
    read the file (nothing cached yet), the worker reads and hashes it and also answers with the entry's
    key and the file's status memo (see perfgoals.cache); otherwise both are None."""
    from perfgoals import cache as cache_mod

    run = _worker_run
    assert run is not None
    path, display, kind, settings_index, data = job
    key = memo = None
    if run.fingerprints is not None and data is None:
        try:
            st = os.stat(path)
            data = source.read_bytes(path, run.limits)
        except (OSError, source.SourceError):
            pass  # _check_file reports it; an unreadable file is not cached
        else:
            content = cache_mod.content_hash(data)
            key = cache_mod.entry_key(run.fingerprints[settings_index], kind, content)
            memo = cache_mod.remembered(st, content, run.now_ns)
    loaded, findings = _check_file(run, path, display, kind, settings_index, data)
    return key, memo, cache_mod.encode(loaded, findings)


def _pool_context():
    import multiprocessing

    # fork shares the already imported library with the workers (no second start-up); elsewhere spawn.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _settings_fingerprint(settings: Settings) -> str:
    import hashlib

    text = settings.config.model_dump_json() + "\0" + settings.framework.spec.model_dump_json()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def validate(
    paths: Iterable[str | os.PathLike] = ("data",),
    lang: str = "en",
    backend: str = "libyaml",
    limits: source.Limits = source.DEFAULT_LIMITS,
    *,
    jobs: int = 1,
    cache: bool = False,
    keep_models: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Check the files under paths.

    jobs: worker processes for the per-file work (0: one per core); used only for PARALLEL_MIN files or more.
    cache: reuse the findings of unchanged files from .perfgoals_cache/ (see perfgoals.cache).
    keep_models: keep each file's model and positions in the report (render, summary).  Parallel and cached
    runs keep only what the cross-file rules need, which is also what keeps 10,000 files in little memory.
    progress: called with (files done, files in all) as files are checked.
    """
    paths = list(paths)
    registry = rules_pkg.load_all()
    report = Report()
    targets, problems = discover(paths, lang)
    report.findings.extend(problems)

    settings_list: list[Settings] = []
    settings_index: dict[Path | None, int] = {}
    index_by_folder: dict[str, int] = {}  # one upward search per folder, not per file
    cwd_config = find_config(Path.cwd())

    def settings_for(path: str) -> int:
        folder = os.path.dirname(path)  # a str key: pathlib's hashing costs more than the search saves
        index = index_by_folder.get(folder)
        if index is None:
            config_path = find_config(Path(folder or ".")) or cwd_config
            if config_path not in settings_index:
                settings_index[config_path] = len(settings_list)
                settings_list.append(_load_settings(config_path, backend))
            index = index_by_folder[folder] = settings_index[config_path]
        return index

    work: list[tuple[str, str, str, int]] = []
    for path, display, kind in targets:
        index = settings_for(path)
        if kind == "config":
            continue  # read once, through settings_for, and reported below
        work.append((path, display, kind, index))
    framework_files = {s.framework_file for s in settings_list if s.framework_file}
    if framework_files:
        work = [w for w in work if os.path.normpath(os.path.abspath(w[0])) not in framework_files]

    for settings in settings_list:
        if settings.file is not None:
            report.files.append(settings.file)
            _emit(report.findings, settings.file, settings.file.hits, registry, settings.config, lang)

    if jobs == 0:
        jobs = default_jobs()
    parallel = jobs > 1 and len(work) >= PARALLEL_MIN
    run = _Run(settings_list, lang, backend, limits, light=not keep_models or parallel or cache)
    store = None
    if cache:
        from perfgoals import cache as cache_mod

        store = cache_mod.Cache.open(paths, lang, backend, limits)
        run.fingerprints = [_settings_fingerprint(s) for s in settings_list]
        run.now_ns = store.now_ns
    results: list[tuple[LoadedFile, list[Finding]] | None] = [None] * len(work)
    keys: list[str | None] = [None] * len(work)
    if store is not None and (store.entries or not parallel):
        pending = _look_up(store, run, work, results, keys)
    else:  # nothing to look up: with nothing cached, a parallel run leaves reading and hashing to the workers
        pending = [(i, (*job, None)) for i, job in enumerate(work)]

    total, done = len(work), len(work) - len(pending)
    if progress is not None:
        progress(done, total)
    if parallel and len(pending) >= PARALLEL_MIN:
        _check_in_pool(run, jobs, pending, results, keys, store, progress, done, total)
    else:
        for i, job in pending:
            results[i] = _check_file(run, *job)
            if store is not None and keys[i] is not None:
                store.put(keys[i], *results[i])  # type: ignore[arg-type, misc]
            done += 1
            if progress is not None and (done % 50 == 0 or done == total):
                progress(done, total)
    if store is not None:
        store.save()

    for loaded, findings in results:  # type: ignore[misc]
        report.files.append(loaded)
        report.findings.extend(findings)

    files = [f for f, _ in results]  # type: ignore[misc]
    if files:
        settings = settings_list[work[0][3]]
        ctx = Context(settings.config, settings.framework)
        for rule in registry.values():
            if rule.scope == "set" and rule.check is not None and _enabled(rule, settings.config):
                for loaded, hit in rule.check(files, ctx):
                    _emit(report.findings, loaded, [(rule.code, hit)], registry, settings.config, lang)

    report.findings.sort(key=Finding.sort_key)
    return report


def _look_up(store, run: _Run, work: list, results: list, keys: list) -> list[tuple[int, tuple]]:
    """Fill results with the cache's answers; return the (index, job) of the files still to check."""
    from perfgoals import cache as cache_mod

    pending: list[tuple[int, tuple]] = []
    for i, (path, display, kind, index) in enumerate(work):
        try:
            content, data = store.content_of(path, run.limits)  # data None: known by its status, not read
        except source.SourceError:
            pending.append((i, (path, display, kind, index, None)))  # reported by the check itself
            continue
        key = cache_mod.entry_key(run.fingerprints[index], kind, content)  # type: ignore[index]
        hit = store.get(key, display, kind)
        if hit is not None:
            results[i] = hit
            continue
        if data is None:
            # Known by its status but not cached under these settings: read it now, so that the result is
            # stored under the hash of the very bytes checked (the file may change between here and there).
            try:
                data = source.read_bytes(path, run.limits)
            except source.SourceError:
                pending.append((i, (path, display, kind, index, None)))
                continue
            key = cache_mod.entry_key(run.fingerprints[index], kind, cache_mod.content_hash(data))  # type: ignore[index]
        keys[i] = key
        pending.append((i, (path, display, kind, index, data)))
    return pending


def _check_in_pool(run: _Run, jobs: int, pending: list, results: list, keys: list, store, progress,
                   done: int, total: int) -> None:
    """Check the pending files in worker processes; each answer is a cache entry (see _worker_check)."""
    from perfgoals import cache as cache_mod

    chunk = max(1, min(64, len(pending) // (jobs * 8)))
    with _pool_context().Pool(min(jobs, len(pending)), _worker_init, (run,)) as pool:
        answers = pool.imap(_worker_check, [job for _, job in pending], chunk)
        for (i, (path, display, kind, _, data)), (key, memo, entry) in zip(pending, answers):
            results[i] = cache_mod.decode(entry, display, kind)
            if data is not None:
                key = keys[i]  # hashed here from the bytes the worker was given
            if store is not None and key is not None:
                store.put_entry(key, entry)
                if memo is not None:
                    store.remember(path, memo)
            done += 1
            if progress is not None and (done % chunk == 0 or done == total):
                progress(done, total)


def _enabled(rule: Rule, config: Config) -> bool:
    return config.rules.get(rule.code) != "off"


def _emit(out: list[Finding], loaded: LoadedFile, hits, registry, config: Config, lang: str) -> None:
    for code, hit in hits:
        rule = registry[code]
        level = config.rules.get(code)
        if level == "off":
            continue
        out.append(make_finding(rule, hit, loaded, lang, Severity(level) if level else None))
