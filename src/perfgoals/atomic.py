"""Every file perfgoals writes goes through here: a temporary file in the same folder, fsync, rename.

A full disk, a killed process or a refused rename leaves the old file exactly as it was; the new
file keeps the old one's mode (or the umask's default for a new file).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes(path: str | os.PathLike, data: bytes, make_parents: bool = False) -> None:
    target = Path(path)
    if make_parents:
        target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_text(path: str | os.PathLike, text: str, make_parents: bool = False) -> None:
    """UTF-8 with LF line ends exactly as given (no newline translation)."""
    write_bytes(path, text.encode("utf-8"), make_parents)
