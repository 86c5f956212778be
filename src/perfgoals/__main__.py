"""The console entry point (`perfgoals`, `python -m perfgoals`): a run that perfgoals.replay can answer is
answered before the command line is even imported; any other goes to perfgoals.cli, recorded for next time."""

import sys


def main() -> None:
    from perfgoals import replay

    code = replay.replayed(sys.argv)
    if code is not None:
        sys.exit(code)
    with replay.recording(list(sys.argv)):
        from perfgoals.cli import main as run

        run()


if __name__ == "__main__":
    main()
