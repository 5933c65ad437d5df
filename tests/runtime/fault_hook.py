"""Run the ``newsents`` command with a pause point, so that a test can kill it at a known place.

    NEWSENTS_FAULT=module:Qualname@N NEWSENTS_FAULT_MARKER=/tmp/x/paused python fault_hook.py process IN --out OUT

The N-th call of ``module.Qualname`` in one process (forked workers inherit the hook) creates the
marker file holding that process's pid and waits there until ``MARKER.go`` exists (or 120 s pass),
then goes on. The marker is created exclusively, so a run pauses once, whichever process gets there
first. The test waits for the marker (no sleeping on a guess), sends its signal to the pid in it, or
creates ``MARKER.go`` to let the run finish.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
import time
from pathlib import Path

PAUSE_SECONDS = 120.0


def _claim(marker: Path) -> bool:
    """Create ``marker`` holding this pid, atomically and only once (link fails if it exists)."""
    tmp = marker.with_name(f"{marker.name}.{os.getpid()}")
    tmp.write_text(str(os.getpid()), encoding="utf8")
    try:
        os.link(tmp, marker)
    except FileExistsError:
        return False
    finally:
        tmp.unlink()
    return True


def _pause(marker: Path) -> None:
    go = marker.with_name(marker.name + ".go")
    deadline = time.monotonic() + PAUSE_SECONDS
    while not go.exists() and time.monotonic() < deadline:  # the victim waits; signals interrupt it
        time.sleep(0.02)


def install(spec: str, marker: Path) -> None:
    """Wrap ``module:Qualname`` (a function or a method) so that its N-th call pauses (``spec``: ...@N)."""
    target, _, nth = spec.partition("@")
    module_name, _, qualname = target.partition(":")
    owner = importlib.import_module(module_name)
    *path, attr = qualname.split(".")
    for part in path:
        owner = getattr(owner, part)
    original = getattr(owner, attr)
    calls = [0]

    @functools.wraps(original)
    def paused(*args, **kwargs):
        calls[0] += 1
        if calls[0] == int(nth or 1) and _claim(marker):
            _pause(marker)
        return original(*args, **kwargs)

    setattr(owner, attr, paused)


def main() -> None:
    spec = os.environ.get("NEWSENTS_FAULT")
    if spec:
        install(spec, Path(os.environ["NEWSENTS_FAULT_MARKER"]))
    from newsents.cli import app

    sys.argv = ["newsents", *sys.argv[1:]]
    app()


if __name__ == "__main__":
    main()
