"""The validation cache: per-file findings keyed by content, so unchanged files skip parsing and rules.

Where: ``.perfgoals_cache/`` in the data repository, i.e. the nearest folder at or
above the validated paths that holds ``perfgoals.yaml`` or ``.git``; when there is
none, the current directory.

What: one JSON file per *namespace* (tool version and installed sources, message
language, loading backend, limits).  Inside, one entry per file, keyed by a hash
of the file's content, its kind (project or department) and its settings (the
configuration and the framework, in full): a file whose bytes are unchanged is a
hit, any change is a miss.  An entry holds the file's findings already rendered
(the language is in the namespace, so a hit is byte-identical to a fresh run) and
the identity the cross-file rules compare, which always run afresh.

The content hash of a file is remembered together with its full status (size,
modification *and* change time in nanoseconds, inode, device), as git's index
does: a file whose status is unchanged in every field is not read again to be
hashed (on POSIX systems only: on Windows st_ctime is the creation time).  The
change time cannot be set by any program (touch, cp -p, unzip and rsync -t set
the modification time, and the kernel then moves the change time to now), so an
edited file always has a new status and is read.  A file changed less
than RACY_NS before it was hashed is never remembered: two writes within one tick
of the file system's clock could otherwise leave the same status for different
contents.  Two cases this does not cover, both needing a same-size rewrite within
one tick of the file's clock: a network share whose clock runs more than RACY_NS
behind ours, and FAT/exFAT, which keep no change time.  ``--no-cache`` is the
answer there.  A result is always stored under the hash of the bytes it checked.

Safety: the file is replaced atomically (perfgoals.atomic: temporary file, fsync, ``os.replace``), so a
concurrent run sees the old file or the new one, never half of one; the last
writer wins and at worst a few entries are recomputed next time.  A file that is
not what we wrote (truncated, edited, another format) is ignored and rewritten.
A cache folder we cannot write (a read-only share) only costs speed.

Beside it, two files of the same kind: the models of the checked files (``models-<hash>.json``, class
Models), which summary and render take and validate never reads; and fmt's memory (``fmt-<hash>.json``,
class Formatted), the content hashes of files it found already in its layout, so that ``fmt --check`` over
an unchanged formatted tree hashes each file instead of reading it as YAML.

Hostile repositories: a ``.perfgoals_cache`` that is a symbolic link (or not a folder) is not used at all,
so a committed link cannot make perfgoals write or delete files elsewhere; only files named and shaped as
perfgoals writes them (``validate-``, ``models-`` and ``fmt-<32 hex>.json`` beginning ``{"format":``, regular
files) are ever deleted; a cache file is read only when it is a regular file of at most MAX_READ bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Iterable

from perfgoals.atomic import write_bytes
from perfgoals.directives import Directive
from perfgoals.findings import Finding, Severity
from perfgoals.inputs import RACY_NS, STATUS_TRUSTED, file_status, tool_fingerprint
from perfgoals.load import FIGURES_TEXT, IDENTITY_PATHS, Figures, Identity, LoadedFile
from perfgoals.model import Project
from perfgoals.source import Document, Pos
from perfgoals.workspace import data_root

CACHE_DIR = ".perfgoals_cache"
FORMAT = 6  # 2: positions as one string; 3: content hashes remembered by file status; 4: code and name;
# 5: the source lines the findings point at; 6: a project's summary figures
# Entries of files no longer validated are dropped once the file grows past this many times a run's own.
KEEP_FACTOR = 4
# Namespaces (tool versions, languages) kept side by side; older cache files are removed.
KEEP_NAMESPACES = 4
# A cache file larger than this is ignored (a real one for 10,000 files is about 5 MB).
MAX_READ = 64 * 1024 * 1024
_OURS = re.compile(r"(?:validate|fmt|models)-[0-9a-f]{32}\.json")


def locate(paths: Iterable[str | os.PathLike], cwd: Path | None = None) -> Path:
    """The .perfgoals_cache folder for a run over these paths (see the module docstring)."""
    return data_root(paths, cwd) / CACHE_DIR


def settings_fingerprint(settings: Any) -> str:
    """What a file's result depends on besides its bytes: its configuration, framework and profile, in full."""
    profile = settings.profile.model_dump_json() if settings.profile is not None else ""
    text = settings.config.model_dump_json() + "\0" + settings.framework.spec.model_dump_json() + "\0" + profile
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _digest(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()[:32]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def entry_key(settings_fingerprint: str, kind: str, content: str) -> str:
    """The key of a file's entry: its content hash (content_hash), kind and settings."""
    return hashlib.sha256(f"{settings_fingerprint}\0{kind}\0{content}".encode()).hexdigest()[:32]


def remembered(st: os.stat_result, content: str, now_ns: int) -> list[str] | None:
    """The memo [status, content hash] for a file hashed now, or None when it changed too recently."""
    if STATUS_TRUSTED and st.st_ctime_ns < now_ns - RACY_NS and st.st_mtime_ns < now_ns - RACY_NS:
        return [file_status(st), content]
    return None


# --- entries: one file's result as JSON-able data ----------------------------------


def encode(loaded: LoadedFile, findings: list[Finding]) -> dict[str, Any]:
    ident = loaded.identity
    parts = []
    for path in IDENTITY_PATHS:
        pos = loaded.doc.positions.get(path) if loaded.doc is not None else None
        parts.append("" if pos is None else ",".join("" if v is None else str(v) for v in pos[:4]))
    entry = {
        "f": [[f.code, f.severity.value, f.line, f.column, f.message, f.hint, f.project] for f in findings],
        "i": None if ident is None else [ident.year, ident.unit_code, ident.unit_name, ident.code],
        # One string rather than lists: a warm run's JSON parse took three times as long with lists.
        "p": ";".join(parts),
        "c": loaded.head(),
    }
    if loaded.suppressions:  # rare: most entries stay as small as they were
        entry["s"] = [list(d) for d in loaded.suppressions]
    if loaded.quoted:  # the text report shows them without reading the file again
        entry["q"] = {str(n): line for n, line in loaded.quoted.items()}
    # summary's row without the model: one string, parsed only by summary
    if isinstance(loaded.model, Project):
        entry["g"] = Figures.text_of(loaded.model)
    elif loaded.kept_figures is not None:
        kept = loaded.kept_figures
        entry["g"] = kept if isinstance(kept, str) else kept.text()
    return entry


_SEVERITY = {s.value: s for s in Severity}
# What decode raises on an entry that is not what encode wrote (damaged, another version's, hand-edited).
DAMAGED = (KeyError, IndexError, TypeError, ValueError, AttributeError, OverflowError)
_ONE = r"(?:[0-9]{1,9},[0-9]{1,9},[0-9]{0,9},[0-9]{0,9})?"
_POSITIONS = re.compile(_ONE + f"(?:;{_ONE})" * (len(IDENTITY_PATHS) - 1))


class _Positions(Mapping):
    """A light file's positions, decoded from the entry's text when first asked for: a cross-file finding
    points at a handful of files; the other 10,000 never need theirs."""

    __slots__ = ("_text", "_decoded")

    def __init__(self, text: str):
        self._text = text
        self._decoded: dict[tuple, Pos] | None = None

    def _map(self) -> dict[tuple, Pos]:
        if self._decoded is None:
            self._decoded = {}
            for path, part in zip(IDENTITY_PATHS, self._text.split(";")):
                if part:
                    line, col, key_line, key_col = part.split(",")
                    self._decoded[path] = Pos(
                        int(line), int(col), int(key_line) if key_line else None, int(key_col) if key_col else None
                    )
        return self._decoded

    def __getitem__(self, path: tuple) -> Pos:
        return self._map()[path]

    def __iter__(self):
        return iter(self._map())

    def __len__(self) -> int:
        return len(self._map())


def decode(entry: Any, path: str, kind: str) -> tuple[LoadedFile, list[Finding]]:
    """A light LoadedFile and its findings; raises one of DAMAGED on a malformed entry."""
    # Called once per file on a warm run: dict lookups rather than Enum() and split() per item.
    found = entry["f"]
    findings = (
        [
            Finding(code, _SEVERITY[sev], path, int(line), int(col), str(msg), str(hint), project)
            for code, sev, line, col, msg, hint, project in found
        ]
        if found
        else []
    )
    ident = entry["i"]
    identity = (
        None
        if ident is None
        else Identity(int(ident[0]), str(ident[1]), str(ident[2]), None if ident[3] is None else str(ident[3]))
    )
    text = entry["p"]
    if not _POSITIONS.fullmatch(text):  # checked now, so that decoding it later cannot fail
        raise ValueError("positions")
    head = entry["c"]
    head = {k: head[k] for k in ("code", "name") if isinstance(head.get(k), str)}
    doc = Document(head, _Positions(text))  # type: ignore[arg-type]
    suppressions = tuple(
        Directive(int(d[0]), int(d[1]), int(d[2]), tuple(str(i) for i in d[3])) for d in entry.get("s") or ()
    )
    quoted = entry.get("q")
    quoted = {int(n): str(line) for n, line in quoted.items()} if quoted else None
    figures = entry.get("g")
    if figures is not None and not (isinstance(figures, str) and FIGURES_TEXT.fullmatch(figures)):
        raise ValueError("figures")  # checked now, so that reading them later cannot fail
    light = LoadedFile(path, kind, doc, None, [], identity, suppressions=suppressions, quoted=quoted)
    light.kept_figures = figures
    return light, findings


# --- the cache file ----------------------------------------------------------------


class Cache:
    def __init__(self, folder: Path, namespace: str):
        self.folder = folder
        self.namespace = namespace
        self.file = folder / f"validate-{namespace}.json"
        self.refused = _refused(folder)
        self.entries, self.memo = self._read()
        self.new: dict[str, Any] = {}
        self.used: set[str] = set()
        self.new_memo: dict[str, list[str]] = {}
        self.now_ns = time.time_ns()
        self._models: Models | None = None

    @classmethod
    def open(cls, paths: Iterable[str | os.PathLike], lang: str, backend: str, limits: Any) -> "Cache":
        namespace = _digest(f"{FORMAT}|{tool_fingerprint()}|{lang}|{backend}|{limits!r}")
        return cls(locate(paths), namespace)

    def _read(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(entries, memo) from the cache file; both empty when it is missing or not what we wrote."""
        data = _load(self.file, self.refused, self.namespace)
        return _part(data, "entries"), _part(data, "memo")

    def content_of(self, path: str, limits: Any) -> tuple[str, bytes | None]:
        """The content hash of the file at path, and its bytes when they had to be read to get it.

        Raises source.SourceError when the file cannot be read."""
        from perfgoals.source import read_bytes

        try:
            st = os.stat(path)
        except OSError:
            st = None
        if st is not None:
            memo = self.memo.get(path)
            if type(memo) is list and len(memo) == 2 and memo[0] == file_status(st) and type(memo[1]) is str:
                self.new_memo[path] = memo
                return memo[1], None
        data = read_bytes(path, limits)
        content = content_hash(data)
        memo = remembered(st, content, self.now_ns) if st is not None else None
        if memo is not None:
            self.new_memo[path] = memo
        return content, data

    def models(self) -> Models:
        """The models stored beside these entries (read when first asked for: only summary and render do)."""
        if self._models is None:
            self._models = Models(self.folder, self.namespace)
        return self._models

    def remember(self, path: str, memo: list[str]) -> None:
        self.new_memo[path] = memo

    def get(self, key: str, path: str, kind: str) -> tuple[LoadedFile, list[Finding]] | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        try:
            result = decode(entry, path, kind)
        except DAMAGED:  # a miss
            return None
        self.used.add(key)
        return result

    def put(self, key: str, loaded: LoadedFile, findings: list[Finding]) -> None:
        self.new[key] = encode(loaded, findings)

    def put_entry(self, key: str, entry: dict[str, Any]) -> None:
        self.new[key] = entry

    def save(self) -> None:
        """Write this run's new entries, merged with what is on disk now (another run may have written)."""
        if self._models is not None:
            self._models.save()
        if self.refused:
            return
        if not self.new and all(self.memo.get(path) == memo for path, memo in self.new_memo.items()):
            return  # nothing new: a run over unchanged files writes nothing
        current, current_memo = self._read()
        entries = _merged(current, self.new, self.used)
        memo = _merged(current_memo, self.new_memo, set())
        _write(self.file, "validate", {"namespace": self.namespace, "entries": entries, "memo": memo})


class Models:
    """The models of checked files, as pydantic's JSON, beside the validation cache (``models-<hash>.json``,
    same namespace and keys as the entries): summary and render need each file's model, validate does not,
    so they live in a file of their own that a warm validate never reads.  A file without a model (form
    errors) is stored as "": its entry answers alone."""

    def __init__(self, folder: Path, namespace: str):
        self.namespace = namespace
        self.file = folder / f"models-{namespace}.json"
        self.refused = _refused(folder)
        self.entries = self._read()
        self.new: dict[str, str] = {}
        self.used: set[str] = set()

    def _read(self) -> dict[str, Any]:
        return _part(_load(self.file, self.refused, self.namespace), "models")

    def get(self, key: str) -> str | None:
        text = self.entries.get(key)
        if not isinstance(text, str):
            return None
        self.used.add(key)
        return text

    def put(self, key: str, text: str) -> None:
        self.new[key] = text

    def save(self) -> None:
        if self.refused or not self.new:
            return
        _write(self.file, "models", {"namespace": self.namespace, "models": _merged(self._read(), self.new, self.used)})


class Formatted:
    """fmt's memory, beside the validation cache: the keys (content hash, file kind, target setting) of files
    fmt found already in its layout, under this very tool.  A formatted tree that did not change is then
    checked by hashing each file, not by reading it as YAML.  Only "already formatted" is remembered: a file
    fmt would change, or cannot read, is worked out afresh every time."""

    def __init__(self, folder: Path):
        self.file = folder / f"fmt-{_digest(f'{FORMAT}|fmt|{tool_fingerprint()}')}.json"
        self.refused = _refused(folder)
        self.known = self._read()
        self.seen: set[str] = set()

    @classmethod
    def open(cls, paths: Iterable[str | os.PathLike]) -> "Formatted":
        return cls(locate(paths))

    @staticmethod
    def key(data: bytes, kind: str, targets: bool) -> str:
        return _digest(b"%s\0%d\0" % (kind.encode("ascii"), targets) + data)

    def _read(self) -> frozenset[str]:
        known = _load(self.file, self.refused).get("formatted")
        return frozenset(k for k in known if isinstance(k, str)) if isinstance(known, list) else frozenset()

    def save(self) -> None:
        """Add this run's formatted files to what is remembered (a run over a few files keeps the rest)."""
        if self.refused or self.seen <= self.known:
            return
        kept = _merged(dict.fromkeys(self.known), dict.fromkeys(self.seen), set())
        _write(self.file, "fmt", {"formatted": sorted(kept)})


# --- the files: read bounded, written atomically, old ones dropped ------------------------------------


def _load(file: Path, refused: bool, namespace: str | None = None) -> dict[str, Any]:
    """The JSON object in one of our cache files; {} when it is missing, refused, damaged (truncated, not
    JSON) or not what this version wrote (another format or namespace): then it is started afresh."""
    raw = None if refused else _read_bounded(file)
    try:
        data = json.loads(raw) if raw is not None else None
    except (ValueError, RecursionError, MemoryError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    return data if namespace is None or data.get("namespace") == namespace else {}


def _part(data: dict[str, Any], name: str) -> dict[str, Any]:
    part = data.get(name)
    return part if isinstance(part, dict) else {}


def _merged(on_disk: dict[str, Any], new: dict[str, Any], used: set[str]) -> dict[str, Any]:
    """What is on disk now (another run may have written) with this run's new items; once that grows past
    KEEP_FACTOR times this run's own, it is mostly items of files long gone or changed: only this run's kept."""
    merged = {**on_disk, **new}
    if len(merged) > KEEP_FACTOR * (len(used) + len(new)) + 10_000:
        merged = {k: v for k, v in merged.items() if k in used or k in new}
    return merged


def _write(file: Path, prefix: str, body: dict[str, Any]) -> None:
    """Write one cache file atomically and keep the KEEP_NAMESPACES newest of its kind (older tool versions,
    other languages); a read-only or full disk costs speed next time, never the result."""
    folder = file.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            write_bytes(ignore, b"# created by perfgoals: the validation cache is never committed\n*\n")
        text = json.dumps({"format": FORMAT, **body}, ensure_ascii=False, separators=(",", ":"))
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a file name that is not UTF-8 (a surrogate escape): \u escapes round-trip it
            data = json.dumps({"format": FORMAT, **body}, separators=(",", ":")).encode("ascii")
        write_bytes(file, data)
        others = sorted(_own_files(folder, prefix), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[KEEP_NAMESPACES:]:
            old.unlink()
    except OSError:
        pass


# --- what the cache may touch ---------------------------------------------------------


def _refused(folder: Path) -> bool:
    """A cache folder that is a symbolic link, or anything but a folder, is not used (see the docstring)."""
    try:
        st = os.lstat(folder)
    except OSError:
        return False  # not there yet: save() makes it
    return not stat.S_ISDIR(st.st_mode)


def _read_bounded(path: Path) -> bytes | None:
    """The file's bytes when it is a regular file (not a link) of at most MAX_READ bytes, else None."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_READ:
            return None
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(MAX_READ + 1)
        return data if len(data) <= MAX_READ else None
    except (OSError, MemoryError):
        return None
    finally:
        os.close(fd)


def _own_files(folder: Path, prefix: str = "validate") -> list[Path]:
    """The cache files perfgoals wrote: their name and first bytes are ours and they are regular files."""
    found = []
    for path in folder.glob(f"{prefix}-*.json"):
        if not _OURS.fullmatch(path.name) or not path.is_file() or path.is_symlink():
            continue
        try:
            with open(path, "rb") as fh:
                if fh.read(10) == b'{"format":':
                    found.append(path)
        except OSError:
            continue
    return found
