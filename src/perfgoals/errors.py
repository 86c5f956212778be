"""What a command tells the user when it stops: one error type, and the exit codes.

A `UserError` is a problem the user can fix (a missing file, a bad revision, an extra
not installed, a broken template).  It carries its message in both languages and the
exit code; it may be raised anywhere in the library and is caught once, in
`perfgoals.cli.main`, which prints `perfgoals: <message>` in the user's language.
Anything else that escapes is an internal error: one line, exit 2, `--debug` for the
traceback.
"""

from __future__ import annotations

import errno

from perfgoals.i18n import T

# The documented exit codes (README, `perfgoals --help`).
EXIT_OK = 0  # nothing to report
EXIT_FINDINGS = 1  # findings (errors; warnings too with --strict), or differences with --exit-code
EXIT_USAGE = 2  # a usage error, an unreadable input, an internal error
EXIT_INTERRUPTED = 130  # Ctrl-C

# No room left where the output goes (`> report.txt` on a full disk): the machine's, not perfgoals' fault.
FULL_ERRNOS = tuple(getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG") if hasattr(errno, name))
WRITE_FAILED = T("perfgoals：无法写出结果：{reason}", "perfgoals: cannot write the output: {reason}")


class UserError(Exception):
    """A problem the user can fix; `message` is a T (Chinese and English)."""

    def __init__(self, message: T, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message.en)
        self.message = message
        self.exit_code = exit_code

    def text(self, lang: str) -> str:
        return self.message(lang)
