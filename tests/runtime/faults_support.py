"""Helpers of the fault-injection suite (test_faults.py, benchmarks/chaos.py): the hostile-input table,
the corpus a killed run works on, running ``newsents`` with a pause point, and the invariants.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

import psutil

HOOK = Path(__file__).with_name("fault_hook.py")
GOOD = "Schoigu besucht Minsk\n\nDer russische Verteidigungsminister Sergej Schoigu ist in Minsk eingetroffen."
#: What a hostile case becomes when it is not an error: an article of that id.
ARTICLE = "article"
#: The files an uninterrupted run leaves (a killed and resumed one must leave the same bytes).
OUTPUT_FILES = ("articles.jsonl", "entities.jsonl", "graph.graphml", "errors.jsonl")


def write(path: Path, data: Union[str, bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf8")


def _fifo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)


def _symlink(target: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)

    return make


def _sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as f:
            f.truncate(size)  # a hole: no disk space, no time

    return make


def long_article(chars: int) -> str:
    para = "Verteidigungsminister Sergej Schoigu traf in Minsk Alexander Lukaschenko. Das meldete Belta."
    paras = "\n\n".join(f"{para} Absatz {i}." for i in range(chars // (len(para) + 12) + 1))
    return "Eine sehr lange Meldung\n\n" + paras


@dataclass(frozen=True)
class Hostile:
    """One hostile input: its file name, how to make it, and what the run must make of it (an error
    class in errors.jsonl, or ``ARTICLE``: one article with that id)."""

    name: str
    make: Union[str, bytes, Callable[[Path], None]]
    expect: str
    check: Optional[Callable[[dict], bool]] = None  # of the article record (ARTICLE cases)

    def create(self, folder: Path) -> None:
        if callable(self.make):
            self.make(folder / self.name)
        else:
            write(folder / self.name, self.make)


#: The cases of issue 19 (and a few more), one per row.
HOSTILE = [
    Hostile("nested.json", "[" * 100_000, "RecursionError"),
    Hostile("nested-1000.json", "[" * 1000, "RecursionError"),  # the 2 KB file
    Hostile("digits.json", '{"maintext": ' + "9" * 5000 + "}", "ValueError"),
    Hostile("truncated.json", '{"title": "Schoigu", "maintext": "Text', "JSONDecodeError"),
    Hostile("list-of-numbers.jsonl", "1\n2\n", "NotAnArticle"),
    Hostile("binary.txt", bytes(range(256)) * 10, "BinaryFile"),
    Hostile("empty.txt", "", "EmptyFile"),
    Hostile("spaces.txt", "   \n\n  ", "EmptyFile"),
    Hostile("no-text.json", '{"title": "Nur ein Titel"}', "MissingText"),
    Hostile("bad-utf16.txt", b"\xff\xfe" + b"\x00\xd8", "EncodingError"),
    Hostile("html-junk.html", "<html><body><script>alert(1)</script><div><<<>>></div></body></html>", "MissingText"),
    Hostile("pipe.txt", _fifo, "NotARegularFile"),
    Hostile("urandom.txt", _symlink("/dev/urandom"), "NotARegularFile"),
    Hostile("sparse-300mb.txt", _sparse(300 * 2**20), "FileTooLarge"),
    Hostile("surrogate-url.json", '{"title": "Schoigu in Minsk", "maintext": "Schoigu ist in Minsk.", '
                                  '"url": "https://example.org/\\ud83d"}', ARTICLE,
            lambda a: a["url"] == "https://example.org/\ufffd"),
    Hostile("utf32.txt", GOOD.encode("utf-32"), ARTICLE, lambda a: "\x00" not in a["text"] and "Schoigu" in a["text"]),
    Hostile("cp1252-line.txt", "Söder in München\n\n".encode() + "Markus Söder sprach.\n".encode("cp1252")
            + b"Er sagte, Bayern sei stark.", ARTICLE,
            lambda a: a["title"] == "Söder in München" and "Markus Söder" in a["text"]),
    Hostile("long-120k.txt", long_article(120_000), ARTICLE, lambda a: a["comention"] == "paragraph"),
]


def make_hostile_folder(folder: Path, cases=HOSTILE, good: int = 2) -> list[str]:
    """``folder`` with every case of ``cases`` and ``good`` plain articles; returns the good ids."""
    for case in cases:
        case.create(folder)
    ids = [f"good-{i}.txt" for i in range(good)]
    for i, name in enumerate(ids):
        write(folder / name, GOOD.replace("Minsk", f"Minsk {i}"))
    return ids


def make_kill_corpus(folder: Path, n: int = 12) -> Path:
    """``n`` short articles and one broken file: enough batches to be killed in the middle of."""
    for i in range(n):
        write(folder / f"{i:03d}.txt", GOOD.replace("Minsk", f"Minsk {i}") + f" Lukaschenko sagte {i} Worte.")
    write(folder / "broken.json", '{"title": ')
    return folder


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf8").splitlines() if x.strip()] if path.exists() else []


# --------------------------------------------------------------------------- running newsents


#: Every run :func:`newsents` started (so that a failing test leaves none running: :func:`stop_all`).
STARTED: list[subprocess.Popen] = []


def newsents(*args: str, fault: str = "", marker: Union[Path, None] = None) -> subprocess.Popen:
    """``newsents ARGS`` in a process of its own (through the pause hook when ``fault`` is given)."""
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    env.pop("DASK_LOGGING__DISTRIBUTED", None)  # set by an in-process `newsents -q`; each run decides anew
    if fault:
        env.update(NEWSENTS_FAULT=fault, NEWSENTS_FAULT_MARKER=str(marker))
    proc = subprocess.Popen([sys.executable, str(HOOK), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, start_new_session=True)  # its own process group, as in a shell
    STARTED.append(proc)
    return proc


def stop_all() -> None:
    """Kill what is left of the runs started so far (after a failed assertion), with their children."""
    while STARTED:
        proc = STARTED.pop()
        if proc.poll() is None:
            tree = descendants(proc.pid)
            for p in [psutil.Process(proc.pid), *tree]:
                try:
                    p.kill()
                except psutil.Error:
                    pass
            proc.communicate()


def finish(proc: subprocess.Popen, timeout: float = 300) -> tuple[int, str]:
    """Wait for ``proc``; its exit code and its stderr."""
    _, err = proc.communicate(timeout=timeout)
    return proc.returncode, err


def wait_for_marker(marker: Path, proc: subprocess.Popen, timeout: float = 120) -> int:
    """Wait until the paused run has created ``marker``; the pid it holds. Fails if the run ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if marker.exists():
            return int(marker.read_text(encoding="utf8"))
        if proc.poll() is not None:
            raise AssertionError(f"the run ended ({proc.returncode}) before its pause point: {proc.stderr.read()}")
        time.sleep(0.02)
    raise AssertionError(f"no pause point reached in {timeout} s")


def release(marker: Path) -> None:
    """Let a paused run go on."""
    marker.with_name(marker.name + ".go").touch()


def descendants(pid: int) -> list[psutil.Process]:
    return psutil.Process(pid).children(recursive=True)


def survivors(procs: list[psutil.Process], timeout: float = 15) -> list[str]:
    """Those of ``procs`` still running after ``timeout`` s (a zombie waiting for its reaper holds
    nothing and counts as gone)."""
    deadline = time.monotonic() + timeout
    alive = list(procs)
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if _running(p)]
        if alive:
            time.sleep(0.05)
    return [f"{p.pid} {' '.join(_cmdline(p))[:120]}" for p in alive if _running(p)]


def _running(p: psutil.Process) -> bool:
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _cmdline(p: psutil.Process) -> list[str]:
    try:
        return p.cmdline()
    except psutil.Error:
        return []


def leftovers(out: Path) -> list[str]:
    """Temporary files, partial streams and lock files in ``out`` (after a run has ended: none)."""
    return sorted(str(p.relative_to(out)) for p in out.rglob("*")
                  if p.name.endswith((".tmp", ".partial")) or p.name == ".newsents.lock")


def differing(out: Path, ref: Path, names=OUTPUT_FILES) -> list[str]:
    """The output files of ``out`` whose bytes differ from ``ref``'s."""
    return [n for n in names if not (out / n).exists() or (out / n).read_bytes() != (ref / n).read_bytes()]
