"""Running the rules: the validation loop, as a short list of steps.

    files, missing = workspace.discover(paths)       what to read
    settings per file                                perfgoals.yaml, through the workspace
    per-file checks                                  read, parse, model, every project rule
        (behind a Runner: the cache answers for unchanged files, a pool checks large sets)
    cross-file checks                                the rules whose scope is the whole set

It knows rules only through the registry (perfgoals.rules).  Every command that needs
checked files (render, summary, import) calls `validate` and gets a Report.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

from perfgoals import rules as rules_pkg
from perfgoals import source, suppress
from perfgoals.findings import Finding, Hit, quoted_lines
from perfgoals.i18n import T
from perfgoals.load import KIND_MODELS, LoadedFile, load_bytes, load_file
from perfgoals.model import MissingField
from perfgoals.pool import PARALLEL_MIN, chunk_size, default_jobs, free_cores
from perfgoals.pool import context as _pool_context
from perfgoals.report import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Report, file_findings, problem_finding
from perfgoals.rules import Context
from perfgoals.selection import Layer, disabled, unknown
from perfgoals.workspace import Settings, SourceFile, Workspace, discover, display, file_kind, read_bytes

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_USAGE",
    "PARALLEL_MIN",
    "Report",
    "check_text",
    "default_jobs",
    "validate",
    "validate_texts",
]

Progress = Callable[[int, int], None]


def validate(
    paths: Iterable[str | os.PathLike] = ("data",),
    lang: str = "en",
    backend: str = "libyaml",
    limits: source.Limits = source.DEFAULT_LIMITS,
    *,
    jobs: int = 1,
    cache: bool = False,
    keep_models: bool = True,
    progress: Progress | None = None,
    selection: Layer | None = None,
    config: str | os.PathLike | None = None,
) -> Report:
    """Check the files under paths.

    jobs: worker processes for the per-file work (0: one per core); used only for PARALLEL_MIN files or more.
    cache: reuse the findings of unchanged files from .perfgoals_cache/ (see perfgoals.cache).
    keep_models: keep each file's model and positions in the report (render, summary; a pool sends them back
    whole).  Without, and in cached runs, only what the cross-file rules need is kept, which is also what keeps
    10,000 files in little memory.
    progress: called with (files done, files in all) as files are checked.
    selection: the command line's --select/--extend-select/--ignore, over perfgoals.yaml's (perfgoals.selection).
    config: one settings file for every file (--config) instead of each file's nearest.
    """
    paths = list(paths)
    workspace = Workspace(backend, config)
    files, missing = discover(paths)
    report = Report(findings=[problem_finding(m.problem, m.display, lang) for m in missing])
    work = _work(files, workspace, paths)
    _check_settings(report, workspace.settings, lang)
    _select(workspace.settings, selection)
    runner = Runner(
        workspace.settings,
        lang,
        backend,
        limits,
        jobs=jobs if jobs or len(work) >= PARALLEL_MIN else 1,  # 0: the free cores, counted when a pool is due
        paths=paths,
        cache=cache,
        keep_models=keep_models,
    )
    for loaded, findings in runner.run(work, progress):
        report.files.append(loaded)
        report.findings.extend(findings)
    if work:
        _check_set(report, workspace.settings[work[0].settings], lang)
    suppress.apply(report, _settings_by_path(work, workspace.settings), lang)
    report.findings.sort(key=Finding.sort_key)
    report.suppressed.sort(key=Finding.sort_key)
    return report


def validate_texts(
    texts: Iterable[tuple[str | os.PathLike, str, bytes]], lang: str = "en", backend: str = "libyaml"
) -> Report:
    """Check project texts that are not files of their own (the sheets of a workbook, read into YAML): each
    (settings path, display, bytes) is checked as a project file with the settings of its settings path
    (the nearest perfgoals.yaml), and the set together by the cross-file rules."""
    workspace = Workspace(backend)
    work = [
        Job(str(path), display, "project", workspace.settings_index(str(path)), data) for path, display, data in texts
    ]
    report = Report()
    _check_settings(report, workspace.settings, lang)
    runner = Runner(
        workspace.settings, lang, backend, source.DEFAULT_LIMITS, jobs=1, paths=[], cache=False, keep_models=True
    )
    for loaded, findings in runner.run(work, None):
        report.files.append(loaded)
        report.findings.extend(findings)
    if work:
        _check_set(report, workspace.settings[work[0].settings], lang)
    report.findings.sort(key=Finding.sort_key)
    return report


class Job(NamedTuple):
    """One file to check; `settings` indexes the run's settings list (sent once to each worker)."""

    path: str
    display: str
    kind: str
    settings: int
    data: bytes | None = None  # the bytes, when the cache look-up has read them already


def _work(files: list[SourceFile], workspace: Workspace, paths: list) -> list[Job]:
    """The files to check, with their settings: perfgoals.yaml is read as settings (and reported by
    _check_settings), a province's framework file is data for the rules, a file its settings `exclude` is
    skipped unless named on the command line."""
    work = []
    given = {os.path.normpath(p) for p in paths}
    for f in files:
        index = workspace.settings_index(f.path)
        if os.path.normpath(f.path) not in given and workspace.settings[index].excluded(f.path):
            continue
        if f.kind != "config":
            work.append(Job(f.path, f.display, f.kind, index))
    skip = workspace.framework_files
    if skip:
        work = [j for j in work if os.path.normpath(os.path.abspath(j.path)) not in skip]
    return work


def _settings_by_path(work: list[Job], settings_list: list[Settings]) -> dict[str, Settings]:
    """Each checked file's settings, and each settings file's own, by the path findings show."""
    by_path: dict[str, Settings] = {}
    for settings in settings_list:
        for src in settings.sources:
            by_path.setdefault(src.file.path, settings)
    by_path.update((job.display, settings_list[job.settings]) for job in work)
    return by_path


def _check_settings(report: Report, settings_list: list[Settings], lang: str) -> None:
    """Each settings file in use (perfgoals.yaml, [tool.perfgoals], and those they extend) is a checked file
    too: its own problems, and rules that do not exist."""
    registry = rules_pkg.load_all()
    seen: set[str] = set()
    for settings in settings_list:
        for src in settings.sources:
            loaded = src.file
            if loaded.path in seen:
                continue
            seen.add(loaded.path)
            _check_rule_lists(loaded, src.config, registry)
            report.files.append(loaded)
            file_findings(report.findings, loaded, loaded.hits, lang, settings.config.rules)
        broken = settings.profile_file
        if broken is not None and broken.path not in seen:
            seen.add(broken.path)
            report.files.append(broken)
            file_findings(report.findings, broken, broken.hits, lang, {})


def _check_rule_lists(loaded: LoadedFile, config, registry: dict) -> None:
    """rules, select, extend_select, ignore and per_file_ignores naming no rule: a PG002 on the settings file."""
    for code in config.rules:
        if code not in registry:
            detail = T("没有这条规则", "no such rule")
            hit = Hit(("rules", code), {"field": f"rules.{code}", "label": "", "detail": detail}, key=True)
            loaded.hits.append((source.SCHEMA, hit))
    lists = [((key,), getattr(config, key) or []) for key in ("select", "extend_select", "ignore")]
    lists += [(("per_file_ignores", pattern), items) for pattern, items in config.per_file_ignores.items()]
    for where, items in lists:
        for i, item in enumerate(items):
            if unknown([item], registry):
                detail = T(f"没有规则 {item}", f"no rule {item}")
                field = ".".join(map(str, where))
                hit = Hit((*where, i), {"field": field, "label": "", "detail": detail})
                loaded.hits.append((source.SCHEMA, hit))


def _select(settings_list: list[Settings], cli: Layer | None) -> None:
    """Turn off, in each settings, the rules that the settings files' selections (the outermost first) and
    then the command line's leave off."""
    for settings in settings_list:
        layers = [Layer.of(c.select, c.extend_select, c.ignore) for _, c in settings.layers()]
        off = disabled([*layers, cli or Layer()])
        if off:
            config = settings.config
            settings.config = config.model_copy(update={"rules": {**config.rules, **dict.fromkeys(off, "off")}})


def _check_set(report: Report, settings: Settings, lang: str) -> None:
    """The rules that compare files with each other (one unit, one year, codes unique)."""
    files = [f for f in report.files if f.kind != "config"]
    ctx = Context(settings.config, settings.framework)
    for rule in rules_pkg.load_all().values():
        if rule.scope == "set" and rule.check is not None and _enabled(rule.code, settings):
            for loaded, hit in rule.check(files, ctx):
                file_findings(report.findings, loaded, [(rule.code, hit)], lang, settings.config.rules)


def _enabled(code: str, settings: Settings) -> bool:
    return settings.config.rules.get(code) != "off"


# --- one file --------------------------------------------------------------------------------


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
            settings = self.settings[settings_index]
            checks = self._checks[settings_index] = [
                (r.code, r.check)
                for r in rules_pkg.load_all().values()
                if r.scope == "project" and r.check is not None and _enabled(r.code, settings)
            ]
        return checks


def _check_file(run: _Run, job: Job) -> tuple[LoadedFile, list[Finding]]:
    """Load one file and run the per-file rules on it: independent of every other file."""
    settings = run.settings[job.settings]
    levels = settings.config.rules
    data = job.data
    if data is None:
        try:
            data = read_bytes(job.path, run.limits)
        except source.SourceError:
            pass  # load_file says why (PG000, PG004)
    if data is None:
        loaded = load_file(Path(job.path), job.display, job.kind, backend=run.backend, limits=run.limits)
    else:
        loaded = load_bytes(data, job.display, job.kind, backend=run.backend, limits=run.limits)
    findings: list[Finding] = []
    file_findings(findings, loaded, loaded.hits, run.lang, levels)
    project = loaded.model if loaded.model is not None else loaded.partial
    if loaded.kind == "project" and project is not None:
        ctx = Context(settings.config, settings.framework, loaded.doc, loaded.path, settings.profile)
        for code, check in run.project_checks(job.settings):
            try:
                hits = [(code, h) for h in check(project, ctx)]
            except MissingField:
                continue  # the rule needs a field that PG002 already reported
            if hits:
                file_findings(findings, loaded, hits, run.lang, levels)
    if findings and data is not None:
        loaded.quoted = quoted_lines(data, findings)
    return (loaded.light() if run.light else loaded), findings


# --- many files: the cache and the pool ------------------------------------------------------


class Runner:
    """Checks a list of jobs: the cache answers for unchanged files, a pool of processes checks the rest
    of a large set, one process a small one.  Results come back in the order of the jobs."""

    def __init__(
        self,
        settings: list[Settings],
        lang: str,
        backend: str,
        limits: source.Limits,
        *,
        jobs: int,
        paths: list,
        cache: bool,
        keep_models: bool,
    ) -> None:
        self._jobs = jobs
        self.paths = paths
        self.use_cache = cache
        self.keep_models = keep_models
        self.run_data = _Run(settings, lang, backend, limits, light=True)

    @property
    def jobs(self) -> int:
        """The worker processes; `--jobs 0` counts the free cores, once, and only when a pool is due: a warm
        run whose files are all cached never waits the few milliseconds the count takes."""
        if self._jobs == 0:
            self._jobs = free_cores(default_jobs())
        return self._jobs

    def _parallel(self, files: int) -> bool:
        return files >= PARALLEL_MIN and self.jobs > 1

    def run(self, work: list[Job], progress: Progress | None) -> list[tuple[LoadedFile, list[Finding]]]:
        run = self.run_data
        if self.keep_models and self.use_cache:  # summary, render
            return self._run_keeping_models(work, progress)
        if self.keep_models and self._parallel(len(work)):  # summary, render --no-cache: whole files from the pool
            return _models_from_pool(run, self.jobs, work, _Tally(progress, len(work), 0))
        run.light = not self.keep_models or self.use_cache or self._parallel(len(work))
        store = self._open_cache() if self.use_cache else None
        results: list = [None] * len(work)
        keys: list[str | None] = [None] * len(work)
        if store is not None and (store.entries or not self._parallel(len(work))):
            pending = _look_up(store, run, work, results, keys)
        else:  # nothing to look up: with nothing cached, a parallel run leaves reading and hashing to the workers
            pending = list(enumerate(work))
        tally = _Tally(progress, len(work), len(work) - len(pending))
        if self._parallel(len(pending)):
            _check_in_pool(run, self.jobs, pending, results, keys, store, tally)
        else:
            for i, job in pending:
                results[i] = _check_file(run, job)
                if store is not None and keys[i] is not None:
                    store.put(keys[i], *results[i])
                tally.one(50)
        if store is not None:
            store.save()
        return results

    def _run_keeping_models(self, work: list[Job], progress: Progress | None) -> list:
        """summary and render on the cache: a hit takes its model from the cache's stored models (perfgoals.cache.
        Models); the other files are checked whole, in the pool for a large set, and their entries and models
        stored for the next run."""
        run = self.run_data
        run.light = False
        store = self._open_cache()
        results: list = [None] * len(work)
        keys: list[str | None] = [None] * len(work)
        pending = _look_up(store, run, work, results, keys)
        pending += _attach_models(store.models(), work, results, keys)
        tally = _Tally(progress, len(work), len(work) - len(pending))
        if self._parallel(len(pending)):
            chunk = chunk_size(len(pending), self.jobs)
            with _pool_context().Pool(min(self.jobs, len(pending)), _worker_init, (run,)) as pool:
                answers = pool.imap(_worker_check_stored, [job for _, job in pending], chunk)
                for (i, job), answer in zip(pending, answers):
                    _keep_stored(run, store, i, job, keys, answer, results)
                    tally.one(chunk)
        else:
            for i, job in pending:
                _keep_whole(store, i, job, keys, _check_whole(run, job), results)
                tally.one(50)
        store.save()
        return results

    def _open_cache(self):
        from perfgoals import cache as cache_mod

        run = self.run_data
        store = cache_mod.Cache.open(self.paths, run.lang, run.backend, run.limits)
        run.fingerprints = [cache_mod.settings_fingerprint(s) for s in run.settings]
        run.now_ns = store.now_ns
        return store


class _Tally:
    """Files done, told to the progress callback every `every` files and at the end."""

    def __init__(self, progress: Progress | None, total: int, done: int) -> None:
        self.progress, self.total, self.done = progress, total, done
        if progress is not None:
            progress(done, total)

    def one(self, every: int) -> None:
        self.done += 1
        if self.progress is not None and (self.done % every == 0 or self.done == self.total):
            self.progress(self.done, self.total)


def _look_up(store, run: _Run, work: list[Job], results: list, keys: list) -> list[tuple[int, Job]]:
    """Fill results with the cache's answers; return the (index, job) of the files still to check."""
    from perfgoals import cache as cache_mod

    pending: list[tuple[int, Job]] = []
    for i, job in enumerate(work):
        try:
            content, data = store.content_of(job.path, run.limits)  # data None: known by its status, not read
        except source.SourceError:
            pending.append((i, job))  # reported by the check itself
            continue
        key = cache_mod.entry_key(run.fingerprints[job.settings], job.kind, content)  # type: ignore[index]
        hit = store.get(key, job.display, job.kind)
        if hit is not None:
            results[i], keys[i] = hit, key
            continue
        if data is None:
            # Known by its status but not cached under these settings: read it now, so that the result is
            # stored under the hash of the very bytes checked (the file may change between here and there).
            try:
                data = read_bytes(job.path, run.limits)
            except source.SourceError:
                pending.append((i, job))
                continue
            key = cache_mod.entry_key(
                run.fingerprints[job.settings],
                job.kind,  # type: ignore[index]
                cache_mod.content_hash(data),
            )
        keys[i] = key
        pending.append((i, job._replace(data=data)))
    return pending


_worker_run: _Run | None = None


def _worker_init(run: _Run) -> None:
    global _worker_run
    _worker_run = run


def _read_and_key(run: _Run, job: Job) -> tuple[Job, str | None, list[str] | None]:
    """When the run uses the cache and the file was not read yet: the job with its bytes, the entry's key
    and the file's status memo (see perfgoals.cache); otherwise the job as it is and None, None."""
    from perfgoals import cache as cache_mod

    if run.fingerprints is None or job.data is not None:
        return job, None, None
    try:
        st = os.stat(job.path)
        data = read_bytes(job.path, run.limits)
    except (OSError, source.SourceError):
        return job, None, None  # _check_file reports it; an unreadable file is not cached
    content = cache_mod.content_hash(data)
    key = cache_mod.entry_key(run.fingerprints[job.settings], job.kind, content)
    return job._replace(data=data), key, cache_mod.remembered(st, content, run.now_ns)


def _worker_check(job: Job) -> tuple[str | None, list[str] | None, dict]:
    """A worker's answer for one file is its cache entry: small to send back, and the main process turns
    it into the light file and findings exactly as it does a cache hit.  When the main process did not
    read the file (nothing cached yet), the worker reads and hashes it and also answers with the entry's
    key and the file's status memo; otherwise both are None."""
    from perfgoals import cache as cache_mod

    assert _worker_run is not None
    job, key, memo = _read_and_key(_worker_run, job)
    loaded, findings = _check_file(_worker_run, job)
    return key, memo, cache_mod.encode(loaded, findings)


def _check_whole(run: _Run, job: Job) -> tuple:
    """(key, memo, file, findings, model JSON): the checked file itself, model and positions (its partial
    project, which only the rules read, stays behind).  With the cache (summary, render), the light file and
    its model, as a cache hit gives them (the positions of 150 values a file cost more to send than to make),
    and the model as JSON to store."""
    job, key, memo = _read_and_key(run, job)
    loaded, findings = _check_file(run, job)
    loaded.partial = None
    if run.fingerprints is None:
        return key, memo, loaded, findings, None
    light = loaded.light()
    light.model = loaded.model
    return key, memo, light, findings, loaded.model.model_dump_json() if loaded.model is not None else ""


def _worker_check_whole(job: Job) -> tuple:
    assert _worker_run is not None
    return _check_whole(_worker_run, job)


def _worker_check_stored(job: Job) -> tuple:
    """(key, memo, cache entry, model JSON): a worker's answer for summary's and render's cached runs, in the
    form they are stored in (small to send; the main process reads them back as it reads a cache hit, which
    costs it less than unpickling the objects: found measuring render, whose main process was its bottleneck)."""
    from perfgoals import cache as cache_mod

    assert _worker_run is not None
    key, memo, light, findings, model = _check_whole(_worker_run, job)
    return key, memo, cache_mod.encode(light, findings), model


def _models_from_pool(run: _Run, jobs: int, work: list[Job], tally: _Tally) -> list[tuple[LoadedFile, list[Finding]]]:
    """Check every file in worker processes and keep each whole, model and positions (render, summary)."""
    run.light = False
    chunk = chunk_size(len(work), jobs)
    results = []
    with _pool_context().Pool(min(jobs, len(work)), _worker_init, (run,)) as pool:
        for _, _, loaded, findings, _ in pool.imap(_worker_check_whole, work, chunk):
            results.append((loaded, findings))
            tally.one(chunk)
    return results


def _attach_models(models, work: list[Job], results: list, keys: list) -> list[tuple[int, Job]]:
    """Give each cache hit its stored model; return the (index, job) of the hits that have none stored (a
    cache filled by validate alone stores none), to be checked again."""
    from pydantic import ValidationError

    from perfgoals.model import Department, Project

    classes = {"project": Project, "department": Department}
    again = []
    for i, result in enumerate(results):
        if result is None or work[i].kind not in classes:
            continue
        text = models.get(keys[i])
        if text == "":  # checked before, and has no model (form errors): its findings and head are the entry's
            continue
        try:
            result[0].model = classes[work[i].kind].model_validate_json(text) if text is not None else None
        except (ValidationError, ValueError):  # damaged: checked again
            result[0].model = None
        if result[0].model is None:
            results[i] = keys[i] = None
            again.append((i, work[i]._replace(data=None)))  # read again: stored under the hash of what is checked
    return again


def _keep_stored(run: _Run, store, i: int, job: Job, keys: list, answer: tuple, results: list) -> None:
    """A worker's stored answer (_worker_check_stored) taken as a cache hit is: the light file, its model.
    One that does not read back (a model whose JSON its own checks refuse: `1E-7` for a share written 0.0000001,
    found by review) is checked again here, whole, as _check_whole gives it."""
    from pydantic import ValidationError

    from perfgoals import cache as cache_mod

    key, memo, entry, model = answer
    try:
        light, findings = cache_mod.decode(entry, job.display, job.kind)
        if model:
            light.model = KIND_MODELS[job.kind].model_validate_json(model)
    except (*cache_mod.DAMAGED, ValidationError):
        _keep_whole(store, i, job, keys, _check_whole(run, job), results)
        return
    results[i] = (light, findings)
    _store(store, job, keys[i] if job.data is not None else key, memo, entry, model)


def _keep_whole(store, i: int, job: Job, keys: list, answer: tuple, results: list) -> None:
    from perfgoals import cache as cache_mod

    key, memo, loaded, findings, model = answer
    results[i] = (loaded, findings)
    key = keys[i] if job.data is not None else key
    if key is not None:
        _store(store, job, key, memo, cache_mod.encode(loaded, findings), model)


def _store(store, job: Job, key: str | None, memo: list[str] | None, entry: dict, model: str | None) -> None:
    """A checked file's entry (and model, when kept) under key: the hash of the very bytes checked (the look-up's
    when it read them, else the worker's)."""
    if key is None:
        return
    store.put_entry(key, entry)
    if model is not None:
        store.models().put(key, model)
    if memo is not None:
        store.remember(job.path, memo)


def _check_in_pool(
    run: _Run, jobs: int, pending: list[tuple[int, Job]], results: list, keys: list, store, tally: _Tally
) -> None:
    """Check the pending files in worker processes; each answer is a cache entry (see _worker_check)."""
    from perfgoals import cache as cache_mod

    chunk = chunk_size(len(pending), jobs)
    with _pool_context().Pool(min(jobs, len(pending)), _worker_init, (run,)) as pool:
        answers = pool.imap(_worker_check, [job for _, job in pending], chunk)
        for (i, job), (key, memo, entry) in zip(pending, answers):
            try:
                results[i] = cache_mod.decode(entry, job.display, job.kind)
            except cache_mod.DAMAGED:
                results[i] = _check_file(run, job)  # an entry the cache could not read back: checked here, not kept
                tally.one(chunk)
                continue
            if job.data is not None:
                key = keys[i]  # hashed here from the bytes the worker was given
            if store is not None and key is not None:
                store.put_entry(key, entry)
                if memo is not None:
                    store.remember(job.path, memo)
            tally.one(chunk)


def check_text(path: str, text: str, lang: str = "en", backend: str = "libyaml") -> Report:
    """One file's findings for text that may not be saved yet (an editor's buffer): the file's settings,
    every per-file rule, its suppressions; not the cross-file rules, which need the other files."""
    workspace = Workspace(backend)
    index = workspace.settings_index(path)
    _select(workspace.settings, None)
    kind = file_kind(path)
    if kind == "config":
        return Report()
    run = _Run(workspace.settings, lang, backend, source.DEFAULT_LIMITS, light=False)
    loaded, findings = _check_file(run, Job(path, display(path), kind, index, text.encode("utf-8")))
    report = Report(files=[loaded], findings=findings)
    suppress.apply(report, {loaded.path: workspace.settings[index]}, lang)
    report.findings.sort(key=Finding.sort_key)
    return report
