"""Stopping well: SIGTERM is handled like Ctrl-C, and worker processes die with their parent.

``timeout``, docker and systemd stop a program with SIGTERM. A batch run then stops as after Ctrl-C:
what is finished stays in the output folder (``--resume`` continues it) and the command exits 143
(128 + SIGTERM). A worker process asks the kernel to kill it when its parent dies
(``prctl(PR_SET_PDEATHSIG)`` on Linux), so a ``kill -9`` of the parent leaves no worker behind.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Exit status of a run stopped by SIGTERM.
EXIT_TERMINATED = 128 + signal.SIGTERM
_PR_SET_PDEATHSIG = 1


class Terminated(BaseException):
    """The process received SIGTERM (a BaseException like KeyboardInterrupt: nothing swallows it)."""


def _raise_terminated(signum, frame) -> None:
    raise Terminated(f"received signal {signum}")


@contextmanager
def sigterm_stops_run() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated` in the main thread (elsewhere: no change)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def die_with_parent() -> bool:
    """Have the kernel kill this process (SIGKILL) when its parent dies; True where that is possible
    (Linux). Called first thing in a worker process."""
    if not sys.platform.startswith("linux"):
        return False
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):
        return False
    if os.getppid() != parent:  # the parent died before prctl: nothing would kill us later
        os._exit(1)
    # a worker ignores SIGINT/SIGTERM sent to the whole process group: the parent decides when it stops
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return True
