"""An exclusive lock on an output folder, so that two runs never write into one folder at once.

The lock is ``DIR/.newsents.lock``: an ``flock`` held for the whole run (the kernel releases it when
the process dies, however it dies, so a lock is never stale on this host), and the file's content
names the holder (pid, host, start time, command) for the message a second run prints. On file
systems without ``flock`` (some network mounts) the file alone decides: a lock whose process no
longer exists on this host is stale and taken over.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sys
import time
from pathlib import Path
from typing import Optional

LOCK_FILE = ".newsents.lock"


class FolderLocked(RuntimeError):
    """Another run holds the output folder."""


def _holder(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf8") or "{}")
    except (OSError, ValueError):
        return {}


def _describe(info: dict) -> str:
    if not info:
        return "another newsents run"
    return (f"newsents run pid {info.get('pid')} on {info.get('host')} (started {info.get('started')}: "
            f"{info.get('command', '')})")


def _alive_here(info: dict) -> bool:
    """Whether the holder named in the file still runs (only knowable on the same host)."""
    if info.get("host") != socket.gethostname():
        return True
    try:
        os.kill(int(info.get("pid", -1)), 0)
    except (ProcessLookupError, ValueError, TypeError):
        return False
    except PermissionError:
        return True
    return True


class FolderLock:
    """``with FolderLock(folder):`` holds the folder's lock; raises :class:`FolderLocked` naming the holder."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / LOCK_FILE
        self._fd: Optional[int] = None

    def acquire(self) -> FolderLock:
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            self._lock(fd)
            try:  # the holder before us may have removed the file while we waited for it: lock the new one
                if os.fstat(fd).st_ino == os.stat(self.path).st_ino:
                    break
            except FileNotFoundError:
                pass
            os.close(fd)
        info = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "command": " ".join(sys.argv)[:300]}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode("utf8"), 0)
        self._fd = fd
        return self

    def _lock(self, fd: int) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise FolderLocked(f"{self.path.parent} is in use by {_describe(_holder(self.path))}; wait for it to "
                               f"finish or choose another --out") from None
        except OSError:  # no flock here (some network file systems): the file's content decides
            info = _holder(self.path)
            if info and _alive_here(info) and info.get("pid") != os.getpid():
                os.close(fd)
                raise FolderLocked(f"{self.path.parent} is in use by {_describe(info)}") from None

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> FolderLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
