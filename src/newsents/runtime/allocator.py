"""Tune glibc's malloc for batch runs: keep freed memory for reuse instead of returning it to the OS.

A batch of 32 news articles needs 300-450 MB of arrays in the tok2vec and NER layers. With glibc's
defaults that memory is handed back to the kernel when the batch frees it and faulted in again,
page by page, by the next batch: ``newsents process`` spent 1.3-1.8 s of system time per 500
articles on it (4-5x the page faults of a bare ``nlp.pipe``, whose different allocation order keeps
its heap; measured with ``getrusage`` and ``strace``; user time was the same). Fixed thresholds
stop that churn: blocks up to 32 MiB come from the heap, and the heap is shrunk only when more than
1 GiB at its top is free, so the memory of the largest batch stays mapped between batches instead
of being re-faulted (peak memory is that batch's, as before).

The batch entry points (``newsents process``, ``batch.run``, ``Corpus.process``, worker processes)
call :func:`tune_allocator`. It does nothing off glibc, when ``NEWSENTS_MALLOC=default`` is set, or
when the user tunes malloc themselves (``MALLOC_*_`` variables or ``GLIBC_TUNABLES``). A Dask
worker is tuned over the ``MALLOC_TRIM_THRESHOLD_=65536`` that Dask's nanny sets for every worker
(``distributed.nanny.pre-spawn-environ``): with it the workers ran 13% slower (1,028 articles).
"""

from __future__ import annotations

import ctypes
import logging
import os
import platform
import sys
from typing import Optional

log = logging.getLogger("newsents")

#: ``mallopt`` parameters (glibc's malloc.h).
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
#: Blocks up to this size come from the heap, where they are reused, instead of their own mmap
#: (glibc's largest allowed value on 64-bit systems; its default starts at 128 KiB and, once any
#: threshold is set by hand, stays there).
MMAP_THRESHOLD = 32 * 2**20
#: Free memory at the top of the heap kept for reuse before it is returned to the OS (default 128 KiB;
#: at 256 MiB the heap still shrank and regrew by 270-450 MB three times per 500 articles).
TRIM_THRESHOLD = 2**30
#: Environment variable: ``default`` leaves the allocator as it is.
OPT_OUT = "NEWSENTS_MALLOC"
#: Environment variables through which a user has already tuned glibc's malloc.
USER_SETTINGS = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_")
#: What Dask's nanny puts into every worker's environment by default (not a user's choice).
DASK_WORKER_SETTING = ("MALLOC_TRIM_THRESHOLD_", "65536")

_tuned: Optional[bool] = None  # per process; a forked child inherits the parent's malloc settings and this


def tune_allocator(dask_worker: bool = False) -> bool:
    """Set glibc's mmap and trim thresholds for this process (once); True if they are set.
    ``dask_worker``: this is a Dask worker, whose ``MALLOC_TRIM_THRESHOLD_=65536`` is Dask's default."""
    global _tuned
    if _tuned is None:
        _tuned = _apply(dask_worker)
    return _tuned


def _apply(dask_worker: bool = False) -> bool:
    reason = skip_reason(dask_worker)
    if reason:
        log.debug("malloc left as it is: %s", reason)
        return False
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError) as exc:
        log.debug("malloc left as it is: %s", exc)
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    # the mmap threshold first: setting either value ends glibc's own adjustment of both
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))


def on_glibc() -> bool:
    """Whether this process runs on Linux with glibc's malloc (the only allocator tuned here)."""
    return sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"


def skip_reason(dask_worker: bool = False) -> Optional[str]:
    """Why the allocator is to be left alone in this process, or None."""
    if os.environ.get(OPT_OUT, "").strip().lower() == "default":
        return f"{OPT_OUT}=default"
    if not on_glibc():
        return "not glibc"
    dask_default = DASK_WORKER_SETTING if dask_worker else None
    own = [name for name in USER_SETTINGS if name in os.environ and (name, os.environ[name]) != dask_default]
    if "malloc" in os.environ.get("GLIBC_TUNABLES", ""):
        own.append("GLIBC_TUNABLES")
    if own:
        return "tuned by the user (" + ", ".join(own) + ")"
    return None
