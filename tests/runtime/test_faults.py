"""Fault injection: hostile inputs, overlapping runs, SIGTERM. Whatever happens to one input, every
good article is in the output exactly once and every bad input has one errors.jsonl line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsents.io.lock import FolderLock, FolderLocked
from newsents.runtime.batch import run

GOOD = "Schoigu besucht Minsk\n\nDer russische Verteidigungsminister Sergej Schoigu ist in Minsk eingetroffen."


def _write(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf8")


#: (file name, content, error class in errors.jsonl)
HOSTILE = [
    ("nested.json", "[" * 100_000, "RecursionError"),
    ("digits.json", '{"maintext": ' + "9" * 5000 + "}", "ValueError"),
    ("truncated.json", '{"title": "Schoigu", "maintext": "Text', "JSONDecodeError"),
    ("list-of-numbers.jsonl", "1\n2\n", "NotAnArticle"),
    ("binary.txt", bytes(range(256)) * 10, "BinaryFile"),
    ("empty.txt", "", "EmptyFile"),
    ("spaces.txt", "   \n\n  ", "EmptyFile"),
    ("no-text.json", '{"title": "Nur ein Titel"}', "MissingText"),
    ("bad-utf16.txt", b"\xff\xfe" + b"\x00\xd8", "EncodingError"),
]


def _lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf8").splitlines() if x.strip()] if path.exists() else []


@pytest.mark.parametrize("name, content, error", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_one_hostile_file_is_one_error_line_and_the_rest_is_kept(nlp, tmp_path, name, content, error):
    _write(tmp_path / "in" / "good.txt", GOOD)
    _write(tmp_path / "in" / name, content)
    summary = run([tmp_path / "in"], tmp_path / "out", nlp=nlp)
    errors = _lines(tmp_path / "out" / "errors.jsonl")
    assert [e["path"] for e in errors if e["path"].startswith(name)] and errors[0]["error"] == error, errors
    assert [a["id"] for a in _lines(tmp_path / "out" / "articles.jsonl")] == ["good.txt"]
    assert summary.failed >= 1 and summary.articles == 1


def test_lone_surrogate_in_a_url_is_repaired_not_fatal(nlp, tmp_path):
    _write(tmp_path / "in" / "a.json", '{"title": "Schoigu in Minsk", "maintext": "Schoigu ist in Minsk.", '
                                       '"url": "https://example.org/\\ud83d"}')
    run([tmp_path / "in"], tmp_path / "out", nlp=nlp)
    (art,) = _lines(tmp_path / "out" / "articles.jsonl")
    assert art["url"] == "https://example.org/\ufffd"


def test_named_pipe_and_device_symlink_are_skipped(nlp, tmp_path):
    _write(tmp_path / "in" / "good.txt", GOOD)
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    os.symlink("/dev/zero", tmp_path / "in" / "zero.txt")
    run([tmp_path / "in"], tmp_path / "out", nlp=nlp)
    kinds = {e["path"]: e["error"] for e in _lines(tmp_path / "out" / "errors.jsonl")}
    assert kinds == {"pipe.txt": "NotARegularFile", "zero.txt": "NotARegularFile"}


def test_utf32_and_mixed_encodings(nlp, tmp_path):
    _write(tmp_path / "in" / "u32.txt", GOOD.encode("utf-32"))
    _write(tmp_path / "in" / "mixed.txt", "Söder in München\n\n".encode() + "Markus Söder sprach.\n".encode("cp1252")
           + b"Er sagte, Bayern sei stark.")
    run([tmp_path / "in"], tmp_path / "out", nlp=nlp)
    arts = {a["id"]: a for a in _lines(tmp_path / "out" / "articles.jsonl")}
    assert "\x00" not in arts["u32.txt"]["text"] and "Schoigu" in arts["u32.txt"]["text"]
    assert arts["mixed.txt"]["title"] == "Söder in München" and "Markus Söder" in arts["mixed.txt"]["text"]


def test_same_file_names_in_two_folders_get_two_ids(nlp, tmp_path):
    _write(tmp_path / "a" / "x.txt", GOOD)
    _write(tmp_path / "b" / "x.txt", GOOD.replace("Minsk", "Moskau"))
    run([tmp_path / "a", tmp_path / "b"], tmp_path / "out", nlp=nlp)
    assert sorted(a["id"] for a in _lines(tmp_path / "out" / "articles.jsonl")) == ["a/x.txt", "b/x.txt"]


def test_output_folder_inside_the_input_is_not_read(nlp, tmp_path):
    _write(tmp_path / "in" / "good.txt", GOOD)
    run([tmp_path / "in"], tmp_path / "in" / "out", nlp=nlp)
    run([tmp_path / "in"], tmp_path / "in" / "out", nlp=nlp, overwrite=True)
    assert [a["id"] for a in _lines(tmp_path / "in" / "out" / "articles.jsonl")] == ["good.txt"]


def test_a_second_run_into_a_locked_folder_is_refused(nlp, tmp_path):
    _write(tmp_path / "in" / "good.txt", GOOD)
    (tmp_path / "out").mkdir()
    with FolderLock(tmp_path / "out"):
        with pytest.raises(FolderLocked, match="in use by newsents run pid"):
            run([tmp_path / "in"], tmp_path / "out", nlp=nlp, overwrite=True)
    run([tmp_path / "in"], tmp_path / "out", nlp=nlp, overwrite=True)  # released: usable again
    assert not (tmp_path / "out" / ".newsents.lock").exists()


def test_a_lock_of_a_dead_process_is_taken_over(tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", "import sys, time; from newsents.io.lock import FolderLock; "
                             "FolderLock(sys.argv[1]).acquire(); print('locked', flush=True); time.sleep(60)",
                             str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    with pytest.raises(FolderLocked, match=f"pid {proc.pid}"):
        FolderLock(tmp_path).acquire()
    proc.kill()
    proc.wait()
    FolderLock(tmp_path).acquire().release()  # the kernel released the dead holder's lock


def _newsents(*args: str, **kw) -> subprocess.Popen:
    exe = Path(sys.executable).parent / "newsents"
    return subprocess.Popen([str(exe), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


@pytest.mark.slow
def test_sigterm_keeps_finished_work_exits_143_and_resume_completes(tmp_path):
    for i in range(60):
        _write(tmp_path / "in" / f"{i:03d}.txt", GOOD.replace("Minsk", f"Minsk {i}"))
    ref = _newsents("process", str(tmp_path / "in"), "--out", str(tmp_path / "ref"), "-q", "--batch-size", "4")
    assert ref.wait(timeout=300) == 0
    proc = _newsents("process", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q", "--batch-size", "4")
    partial = tmp_path / "out" / "articles.jsonl.partial"
    deadline = time.time() + 120
    while time.time() < deadline and not (partial.exists() and partial.stat().st_size > 0):
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 143, proc.stderr.read()
    again = _newsents("process", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q", "--resume")
    assert again.wait(timeout=300) == 0
    for name in ("articles.jsonl", "entities.jsonl", "graph.graphml"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "ref" / name).read_bytes(), name


def test_counts_after_a_resume_describe_the_whole_output(nlp, tmp_path):
    for i in range(4):
        _write(tmp_path / "in" / f"{i}.txt", GOOD)
    full = run([tmp_path / "in"], tmp_path / "full", nlp=nlp)
    run([tmp_path / "in"], tmp_path / "out", nlp=nlp)
    again = run([tmp_path / "in"], tmp_path / "out", nlp=nlp, resume=True)  # nothing left to do
    assert again.articles == 0 and again.resumed == 4
    assert (again.mentions, again.claims, again.entities) == (full.mentions, full.claims, full.entities)
    assert full.mentions > 0
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["counts"]["mentions"] == full.mentions
