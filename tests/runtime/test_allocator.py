"""glibc malloc tuning for batch runs (newsents.runtime.allocator): applied once, skipped when it must be."""

import os
import subprocess
import sys
import textwrap

import pytest

from newsents.runtime import allocator

glibc = pytest.mark.skipif(not allocator.on_glibc(), reason="glibc only")
#: the environment variables that decide whether the allocator is tuned
DECIDING = (allocator.OPT_OUT, "GLIBC_TUNABLES", *allocator.USER_SETTINGS)

# In a fresh interpreter: malloc a 1 MiB block and report whether glibc served it with an mmap of its
# own (mallinfo2().hblks counts those). glibc's default threshold is 128 KiB; tuned, it is 32 MiB.
PROBE = textwrap.dedent("""
    import ctypes, sys
    from newsents.runtime.allocator import tune_allocator

    class MallInfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in
                    ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                     "fordblks", "keepcost")]

    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = MallInfo2
    libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, (ctypes.c_size_t,)
    libc.free.argtypes = (ctypes.c_void_p,)
    tuned = tune_allocator()
    before = libc.mallinfo2().hblks
    block = libc.malloc(2**20)
    mapped = libc.mallinfo2().hblks - before
    libc.free(block)
    print(tuned, mapped)
""")


def _probe(**env) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if k not in DECIDING}
    return subprocess.run([sys.executable, "-c", PROBE], env={**clean, **env}, capture_output=True, text=True,
                          check=True, timeout=60).stdout.split()


@glibc
def test_tuned_process_serves_megabyte_blocks_from_the_heap():
    assert _probe() == ["True", "0"]


@glibc
def test_opt_out_leaves_glibc_defaults():
    assert _probe(NEWSENTS_MALLOC="default") == ["False", "1"]


@glibc
def test_users_own_malloc_settings_are_respected():
    assert _probe(MALLOC_TRIM_THRESHOLD_="1000000")[0] == "False"


def test_skip_reasons(monkeypatch):
    for name in DECIDING:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(allocator.OPT_OUT, "Default")
    assert allocator.skip_reason() == "NEWSENTS_MALLOC=default"
    monkeypatch.delenv(allocator.OPT_OUT)
    if not allocator.on_glibc():
        assert allocator.skip_reason() == "not glibc"
        return
    assert allocator.skip_reason() is None
    monkeypatch.setenv("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=1000")
    monkeypatch.setenv("MALLOC_TOP_PAD_", "0")
    assert allocator.skip_reason() == "tuned by the user (MALLOC_TOP_PAD_, GLIBC_TUNABLES)"


@glibc
def test_dask_workers_default_trim_threshold_is_not_a_user_setting(monkeypatch):
    """Dask's nanny gives every worker MALLOC_TRIM_THRESHOLD_=65536; a worker tunes over that
    default, never over another value or outside a Dask worker."""
    for name in DECIDING:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")
    assert allocator.skip_reason(dask_worker=True) is None
    assert allocator.skip_reason() == "tuned by the user (MALLOC_TRIM_THRESHOLD_)"
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "1000")
    assert allocator.skip_reason(dask_worker=True) == "tuned by the user (MALLOC_TRIM_THRESHOLD_)"


def test_tuning_is_applied_once_per_process(monkeypatch):
    calls = []
    monkeypatch.setattr(allocator, "_tuned", None)
    monkeypatch.setattr(allocator, "_apply", lambda dask_worker=False: calls.append(1) or True)
    assert allocator.tune_allocator() and allocator.tune_allocator()
    assert calls == [1]


def test_batch_run_tunes_its_process(nlp, tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(allocator, "tune_allocator", lambda: calls.append(1) or True)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Titel\n\nDie Ministerin sagte am Montag in Berlin, sie sei zufrieden.\n",
                                            encoding="utf8")
    from newsents.runtime.batch import run

    summary = run([tmp_path / "in"], tmp_path / "out", nlp=nlp)
    assert summary.articles == 1 and calls == [1]
