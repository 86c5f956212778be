"""A command run again over inputs that did not change prints what it printed the last time, without
running: no parsing, no rules, not even the command line's own imports.

`validate`, `fmt --check`/`--diff`, `summary` and `render` are functions of their arguments, their environment
and the files they read.  When one of them finishes (exit 0 or 1, all its output written), the entry point keeps
a *record*: each write and flush it made on stdout and stderr, in order, its exit code, and what it read
(perfgoals.inputs): the status of every file it read or found, the names in every folder it walked, every path
it looked for in vain, every `.git` it looked for, and the sha256 of each file it wrote.  The record is found
again by the *invocation*: the arguments as typed, the current folder, the environment, what stdin, stdout and
stderr are (a terminal and its size, a pipe, a file, closed), the Python and perfgoals installation (perfgoals'
own files by size and mtime; the import path's folders by status, which any install or upgrade moves).  A run
whose invocation has a record, every noted file the same status, every folder the same names, absent paths still
absent, present ones present and every written file the same bytes, makes the recorded writes and exits with the
recorded code.  Anything else: the command runs.

What is never recorded: a run that failed (exit 2) or could not write all its output (`| head`), reads a workbook,
a template folder or the system's fonts (the command refuses: perfgoals.inputs.refuse), shows a progress bar,
uses --no-cache or --watch, or saw a file change while it ran or less than RACY_NS before it started; any run on
Windows (st_ctime is the creation time there, see perfgoals.inputs).

Where: the user's cache folder ($XDG_CACHE_HOME, else ~/.cache)/perfgoals/runs, KEEP records, the newest kept.
A damaged or foreign file there is ignored (a record holds its own length and CRC) and overwritten.
"""

from __future__ import annotations

import io
import json
import os
import stat
import sys
import time
import zlib
from contextlib import contextmanager
from typing import Iterator

from perfgoals import inputs

FORMAT = 2  # 2: each write and flush kept apart (the interleaving of stdout and stderr)
COMMANDS = frozenset({"validate", "fmt", "summary", "render"})
KEEP = 8
MAX_BYTES = 256 * 1024 * 1024  # a run that prints more is not recorded
_MAGIC = b"perfgoals-replay\n"
# Names in the environment that differ between two runs of the same command in the same shell and that no
# part of perfgoals (or rich, click, jinja) reads; every other variable is part of the invocation.
_VOLATILE = frozenset({"_", "OLDPWD", "PWD", "SHLVL"})


def folder() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "perfgoals", "runs")


def _wanted(argv: list[str]) -> bool:
    return inputs.STATUS_TRUSTED and len(argv) > 1 and argv[1] in COMMANDS and "--no-cache" not in argv


def invocation(argv: list[str]) -> str:
    """The record's name: a digest of everything besides the files that a run's output can depend on."""
    import hashlib

    terminals: list = []
    for fd in (0, 1, 2):  # a terminal (and its size), a pipe, a file, /dev/null, closed: each its own record
        try:
            kind = stat.S_IFMT(os.fstat(fd).st_mode)
            terminals.append([kind, *os.get_terminal_size(fd)] if os.isatty(fd) else kind)
        except OSError:
            terminals.append(None)
    installed = []
    for entry in sys.path:
        try:
            installed.append([entry, inputs.file_status(os.stat(entry or "."))])
        except OSError:
            installed.append([entry, None])
    env = sorted((k, v) for k, v in os.environ.items() if k not in _VOLATILE)
    parts = [FORMAT, inputs.tool_fingerprint(), sys.executable, sys.version, installed, argv[1:], os.getcwd()]
    parts += [repr(sys.flags), sys.warnoptions]  # -X utf8 changes what is written, -W what is warned
    parts += [terminals, env]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()[:40]


# --- replaying ---------------------------------------------------------------------------------------


def replayed(argv: list[str]) -> int | None:
    """Write the recorded output of this invocation and return its exit code, when the record stands;
    else None (the command is then run)."""
    if not _wanted(argv) or getattr(sys.stdout, "buffer", None) is None or getattr(sys.stderr, "buffer", None) is None:
        return None  # a stream closed (`>&-`): the command tells what it makes of that
    try:
        record = _read(os.path.join(folder(), invocation(argv)))
        if record is None or not _unchanged(record[0]):
            return None
        head, body = record
        code = int(head["code"])
        events = [(int(stream), int(size)) for stream, size in head["events"]]
    except (OSError, ValueError, KeyError, TypeError, MemoryError):
        return None
    # from here on the run is answered: a write that fails is not a reason to run it too
    return _write(events, body, code)


def _write(events: list[tuple[int, int]], body: memoryview, code: int) -> int:
    """The recorded writes and flushes, in order, on the real streams' buffers: the same calls the command
    made, so that stdout and stderr into one file (`2>&1`) interleave as they did."""
    out, err = sys.stdout.buffer, sys.stderr.buffer
    at = 0
    try:
        for stream, size in events:
            buffer = out if stream == 1 else err
            if size < 0:
                buffer.flush()
                continue
            buffer.write(body[at : at + size])
            at += size
        out.flush()
        err.flush()
    except BrokenPipeError:  # `| head`: the reader has what it wanted; exit 1, as click ends the command then
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.dup2(devnull, sys.stderr.fileno())
        return 1
    except OSError as exc:  # a full disk behind `> report.txt`
        from perfgoals.errors import EXIT_USAGE, WRITE_FAILED
        from perfgoals.i18n import argv_lang

        try:
            print(WRITE_FAILED(argv_lang(sys.argv[1:])).format(reason=exc.strerror or exc), file=sys.stderr)
        except OSError:
            pass
        return EXIT_USAGE
    return code


def _read(path: str) -> tuple[dict, memoryview] | None:
    """(head, body) of a record, or None when there is none or it is not whole."""
    data = _read_bounded(path)
    if data is None or not data.startswith(_MAGIC):
        return None
    end = data.index(b"\n", len(_MAGIC))
    head = json.loads(data[len(_MAGIC) : end])
    body = memoryview(data)[end + 1 :]
    if head.get("format") != FORMAT or len(body) != head["length"] or zlib.crc32(body) != head["crc"]:
        return None
    return head, body


def _read_bounded(path: str) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not (st.st_mode & 0o170000 == 0o100000) or st.st_size > 2 * MAX_BYTES:
            return None
        with os.fdopen(os.dup(fd), "rb") as fh:
            return fh.read()
    finally:
        os.close(fd)


def _unchanged(head: dict) -> bool:
    status = inputs.file_status
    try:
        for path, was in head["folders"].items():
            if inputs.listing_of(path) != was:
                return False
        for path, was in head["files"].items():
            if status(os.stat(path)) != was:
                return False
    except OSError:
        return False
    for path in head["absent"]:
        if os.path.lexists(path):
            return False
    if not all(os.path.exists(path) for path in head["present"]):
        return False
    return all(_holds(path, digest) for path, digest in head["outputs"].items())


def _holds(path: str, digest: str) -> bool:
    import hashlib

    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest() == digest
    except OSError:
        return False


# --- recording ---------------------------------------------------------------------------------------


class _Capture:
    """What a run wrote: each write to a stream's buffer and each flush of it (bytes None), in order; `failed`
    once any write or flush did not go through (a reader gone, `| head`; a full disk): such a run's output is
    not whole and is never recorded."""

    def __init__(self) -> None:
        self.events: list[tuple[int, bytes | None]] = []
        self.failed = False


class _Tee(io.BufferedIOBase):
    """Below sys.stdout/sys.stderr's text layer: every byte goes on to the real stream and into the record,
    so a replay hands the real streams the very same writes, in the same order."""

    def __init__(self, buffer, stream: int, capture: _Capture) -> None:
        self._buffer, self._stream, self._capture = buffer, stream, capture

    def write(self, data) -> int:
        try:
            written = self._buffer.write(data)
        except BaseException:
            self._capture.failed = True
            raise
        self._capture.events.append((self._stream, bytes(data)))
        return written

    def flush(self) -> None:
        try:
            self._buffer.flush()
        except BaseException:
            self._capture.failed = True
            raise
        events = self._capture.events
        if events and events[-1] != (self._stream, None):  # (a flush after a flush changes nothing)
            events.append((self._stream, None))

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._buffer.fileno()

    def isatty(self) -> bool:
        return self._buffer.isatty()

    def close(self) -> None:  # the interpreter's own streams stay open
        self.flush()


def _teed(stream, number: int, capture: _Capture):
    return io.TextIOWrapper(
        _Tee(stream.buffer, number, capture),
        encoding=stream.encoding,
        errors=stream.errors,
        line_buffering=stream.line_buffering,
        write_through=getattr(stream, "write_through", False),
    )


@contextmanager
def recording(argv: list[str]) -> Iterator[None]:
    """Run the command inside: when it ends as replay records (see the module docstring), keep its record."""
    try:
        # now: the command may set variables of its own (PYDANTIC_DISABLE_PLUGINS)
        name = invocation(argv) if _wanted(argv) else None
    except OSError:  # the current folder deleted under us: the command says what it makes of that
        name = None
    if name is None or getattr(sys.stdout, "buffer", None) is None or getattr(sys.stderr, "buffer", None) is None:
        yield
        return
    capture = _Capture()
    real = sys.stdout, sys.stderr
    notes = inputs.start(time.time_ns())
    teed = sys.stdout, sys.stderr = _teed(real[0], 1, capture), _teed(real[1], 2, capture)
    code: object = "unfinished"
    try:
        yield
        code = 0
    except SystemExit as exc:
        code = 0 if exc.code is None else exc.code
        raise
    finally:
        for stream in teed:
            try:
                stream.flush()
            except (OSError, ValueError):
                capture.failed = True
        if (sys.stdout, sys.stderr) == teed:  # else the command wrapped them (click, on a broken pipe): kept
            sys.stdout, sys.stderr = real
        inputs.stop()
        if type(code) is int and code in (0, 1) and not capture.failed:
            _keep(name, notes, code, capture.events)


def _keep(name: str, notes: inputs.Inputs, code: int, events: list[tuple[int, bytes | None]]) -> None:
    found = notes.statuses()
    if found is None:
        return
    parts = [data for _, data in events if data is not None]
    length = sum(map(len, parts))
    if length > MAX_BYTES:
        return
    crc = 0
    for data in parts:  # (not joined: the output of 10,000 files is 20 MB)
        crc = zlib.crc32(data, crc)
    head = {"format": FORMAT, "code": code, "length": length, "crc": crc, **found}
    head["events"] = [[stream, -1 if data is None else len(data)] for stream, data in events]
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    _save(os.path.join(folder(), name), [_MAGIC, text, b"\n", *parts])


def _save(path: str, data: list[bytes]) -> None:
    """Written whole or not at all (a temporary file renamed); the KEEP newest records kept.  No fsync: a
    record cut short by a crash fails its length or CRC and is only a miss."""
    import tempfile

    where = os.path.dirname(path)
    try:
        os.makedirs(where, mode=0o700, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".run-", dir=where)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.writelines(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        names = [os.path.join(where, n) for n in os.listdir(where) if len(n) == 40 and not n.startswith(".")]
        names.sort(key=os.path.getmtime, reverse=True)
        for old in names[KEEP:]:
            os.unlink(old)
    except OSError:
        pass  # a cache folder we cannot write costs speed, never the result
