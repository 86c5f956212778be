"""Every file perfgoals writes goes through here: a temporary file in the same folder, fsync, rename.

A full disk, a killed process or a refused rename leaves the old file exactly as it was; the new
file keeps the old one's mode (or the umask's default for a new file) and, where the system lets us,
its owner and group.  Editing in place (`strict`, what fmt does): a symbolic link is written through to
its target, and a file that is read-only or whose owner could not be kept is refused (PermissionError).
clean_leftovers removes the temporary files a killed run left (fmt calls it for the folders it writes in).
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from pathlib import Path


def write_bytes(path: str | os.PathLike, data: bytes, make_parents: bool = False, strict: bool = False) -> None:
    target = Path(os.path.realpath(path)) if strict else Path(path)
    if make_parents:
        target.parent.mkdir(parents=True, exist_ok=True)
    try:
        st: os.stat_result | None = target.stat()
        mode = st.st_mode & 0o7777  # type: ignore[union-attr]
    except FileNotFoundError:
        st = None
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    if strict:
        _check_writable(target, st)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if st is not None:
            _keep_owner(tmp, st, strict)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _check_writable(target: Path, st: os.stat_result | None) -> None:
    if st is not None and (not st.st_mode & 0o222 or not os.access(target, os.W_OK)):
        raise PermissionError(errno.EACCES, "the file is read-only", str(target))


def _keep_owner(tmp: str, st: os.stat_result, strict: bool) -> None:
    new = os.stat(tmp)
    if (new.st_uid, new.st_gid) == (st.st_uid, st.st_gid) or not hasattr(os, "chown"):
        return
    try:
        os.chown(tmp, st.st_uid, st.st_gid)
    except PermissionError:
        if strict:  # rewriting it would hand another user's file to us
            raise PermissionError(errno.EPERM, "its owner could not be kept", str(tmp)) from None


def clean_leftovers(folder: Path, names: set[str]) -> None:
    """Remove the temporary files a killed write of these files (names in folder) left beside them."""
    leftover = re.compile(r"\.(.+)\.[a-z0-9_]{8}\.tmp")  # mkstemp's names, as write_bytes makes them
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        m = leftover.fullmatch(entry.name)
        if m and m.group(1) in names:
            try:
                if entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)
            except OSError:
                pass


def write_text(path: str | os.PathLike, text: str, make_parents: bool = False) -> None:
    """UTF-8 with LF line ends exactly as given (no newline translation)."""
    write_bytes(path, text.encode("utf-8"), make_parents)
