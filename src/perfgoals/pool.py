"""Worker processes for the per-file work of validate and fmt: how many, and the pool itself.

A pool pays only for a large set of files (forking and shipping results back cost more than they save
below PARALLEL_MIN) and only when cores are free: with one core busy, a pool of two is slower than one
process (issue 16), so `--jobs 0` counts the free cores before it forks.
"""

from __future__ import annotations

import os
import time

# Below this many files a process pool costs more than it saves (forking, shipping results back).
PARALLEL_MIN = 200


def free_cores(cores: int, samples: int = 5) -> int:
    """The cores no other process is using now: `cores` less the other tasks the kernel counts as running
    (/proc/loadavg's fourth field, this process included; the median of a few readings 2 ms apart).
    `cores` where the count cannot be read (not Linux)."""
    counts = []
    for i in range(samples):
        try:
            with open("/proc/loadavg", encoding="ascii") as fh:
                counts.append(int(fh.read().split()[3].split("/")[0]))
        except (OSError, ValueError, IndexError):
            return cores
        if i + 1 < samples:
            time.sleep(0.002)
    others = max(0, sorted(counts)[len(counts) // 2] - 1)
    return max(1, cores - others)


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def context():
    import multiprocessing

    # fork shares the already imported library with the workers (no second start-up); elsewhere spawn.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def chunk_size(items: int, jobs: int) -> int:
    """Files sent to a worker at a time: enough to amortise the messages, few enough to balance the load."""
    return max(1, min(64, items // (jobs * 8)))
