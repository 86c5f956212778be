"""What one command run read from the file system, for perfgoals.replay: the files it read or found, the
folders it listed, the paths it looked for and did not find, the files it wrote.

Off unless the command line's entry point turned it on (`start`): then the input layer notes each path as it
goes (one `is None` test a call otherwise), a command whose output follows from those paths alone says so
(`allow`), and one that used something else (a workbook, a template folder, the fonts of the system) refuses
(`refuse`).  `statuses` turns the notes into what replay compares on the next run.

A file's status is git's index's: size, modification and change time in nanoseconds, inode and device.  An
edit always moves the change time, which no program can set back (see perfgoals.cache).  Trusted on POSIX only:
on Windows st_ctime is the creation time.  A folder is noted by the names in it as the walk saw them (hidden
ones aside: the cache folder that a first run makes beside the tables changes nothing that is read).
"""

from __future__ import annotations

import functools
import os

# Only where st_ctime is the inode's change time.  On Windows it is the creation time, which an edit does not
# move: there every file is read and hashed on every run, and no run is replayed.
STATUS_TRUSTED = os.name == "posix"
# A path changed this recently is not trusted by its status: two writes within one tick of the file system's
# clock could otherwise leave the same status for different contents.
RACY_NS = 2_000_000_000


def file_status(st: os.stat_result) -> str:
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}"


@functools.lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """The version plus size and mtime of perfgoals' own files (all but compiled ones): an edited rule or
    template (an editable install) invalidates the cache and every replay record.  Once a process: the code it
    runs is what it imported at its start (`--watch` runs for hours)."""
    import hashlib

    from perfgoals import __version__

    root = os.path.dirname(os.path.abspath(__file__))
    parts = [__version__]
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if not name.endswith(".pyc"):  # every source, rule table and template
                st = os.stat(os.path.join(folder, name))
                parts.append(f"{os.path.relpath(os.path.join(folder, name), root)}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


def settled(st: os.stat_result, before_ns: int) -> bool:
    """Whether the path's status was last moved more than RACY_NS before before_ns."""
    return st.st_ctime_ns < before_ns - RACY_NS and st.st_mtime_ns < before_ns - RACY_NS


class Inputs:
    def __init__(self, started_ns: int) -> None:
        self.started_ns = started_ns
        self.files: set[str] = set()
        self.folders: dict[str, str] = {}  # path -> listing(names)
        self.absent: set[str] = set()
        self.present: set[str] = set()  # looked for and found, whatever it holds (a .git folder)
        self.outputs: dict[str, str] = {}  # path -> sha256 of the bytes written there
        self.allowed = False
        self.refused: str | None = None

    def statuses(self) -> dict | None:
        """{"files": {path: status}, "folders": {…}, "absent": [...], "outputs": {path: digest}}, or None when
        the run cannot be replayed: not allowed, refused, or a path that changed while it ran (or moments
        before: its status cannot tell two versions apart yet)."""
        if not self.allowed or self.refused is not None:
            return None
        found: dict = {"files": {}, "folders": self.folders, "absent": sorted(self.absent), "outputs": self.outputs}
        found["present"] = sorted(self.present)
        for path in self.files:
            try:
                st = os.stat(path)
            except OSError:
                return None
            if not settled(st, self.started_ns):
                return None
            found["files"][path] = file_status(st)
        for path in self.absent:
            if os.path.lexists(path):
                return None
        if not all(os.path.exists(path) for path in self.present):
            return None
        return found


current: Inputs | None = None


def start(started_ns: int) -> Inputs:
    global current
    current = Inputs(started_ns)
    return current


def stop() -> None:
    global current
    current = None


def file(path: str | os.PathLike) -> None:
    """A file read, or found by a walk (whether or not it is read: the cache may answer for it)."""
    if current is not None:
        current.files.add(os.fspath(path))


def files(paths) -> None:
    if current is not None:
        current.files.update(os.fspath(p) for p in paths)


def listing(names) -> str:
    """What a folder's entries are to a walk: the digest of the names that are not hidden, a folder's with `/`
    after it and a link to a folder's with `@` (a walk goes into the one, not the other)."""
    import hashlib

    text = "\0".join(sorted(n for n in names if not n.startswith(".")))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def listing_of(path: str) -> str:
    """listing() of a folder as it is now (raises OSError when it cannot be listed)."""
    names = []
    with os.scandir(path) as entries:
        for entry in entries:
            name = entry.name
            if entry.is_dir():
                name += "@" if entry.is_symlink() else "/"
            names.append(name)
    return listing(names)


def folder(path: str | os.PathLike, dirs: list[str], names: list[str]) -> None:
    """A folder a walk listed: its folders (links to folders among them, as os.walk gives them) and other names."""
    if current is not None:
        root = os.fspath(path)
        marked = [d + ("@" if os.path.islink(os.path.join(root, d)) else "/") for d in dirs]
        current.folders[root] = listing(marked + names)


def absent(path: str | os.PathLike) -> None:
    """A path looked for and not found (a perfgoals.yaml that is not there): one that appears changes the run."""
    if current is not None:
        current.absent.add(os.fspath(path))


def looked_for(path: str | os.PathLike, found: bool) -> None:
    (file if found else absent)(path)


def marker(path: str | os.PathLike, found: bool) -> None:
    """A path whose being there matters, not what it holds (a .git folder, which every git command changes)."""
    if current is not None:
        (current.present if found else current.absent).add(os.fspath(path))


def output(path: str | os.PathLike, digest: str) -> None:
    """A file written, by the sha256 of its bytes: replay leaves it only where it still holds them."""
    if current is not None:
        current.outputs[os.fspath(path)] = digest


def allow() -> None:
    """The running command's output follows from the noted paths, its arguments and its environment alone."""
    if current is not None:
        current.allowed = True


def refuse(reason: str) -> None:
    """The run used something the notes cannot tell (a workbook's reader, a template folder, the system's fonts)."""
    if current is not None and current.refused is None:
        current.refused = reason
