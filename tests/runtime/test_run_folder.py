"""A run and its output folder: every file written, bad inputs and folders refused before any work,
resume after a kill (byte-identical) or a half-written line, Parquet tables alongside."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from helpers import EXAMPLES, read_jsonl, write_corpus

from newsents.io.output import OutputError
from newsents.pipeline.model import shipped_model_path
from newsents.runtime.batch import run


def test_run_writes_all_outputs(nlp, tmp_path):
    out = tmp_path / "out"
    summary = run([EXAMPLES / "articles", EXAMPLES / "broken"], out, nlp=nlp)
    assert summary.articles == 9 and summary.failed == 1 and summary.skipped == 1
    assert {p.name for p in out.iterdir()} == {"articles.jsonl", "entities.jsonl", "graph.graphml", "errors.jsonl",
                                               "manifest.json"}
    records = read_jsonl(out / "articles.jsonl")
    assert len(records) == 9
    for rec in records:
        text = rec["text"]
        assert rec["title"] and text.startswith(rec["title"])
        for ent in rec["entities"]:
            assert text[ent["start"]:ent["end"]] == ent["text"]
            assert ent["entity_id"] is None or ent["entity_id"].startswith(ent["label"] + ":")
        for claim in rec["claims"]:
            c = claim["content"]
            assert text[c["start"]:c["end"]] == c["text"]
            assert claim["mode"] in {"direct", "indirect", "reported"}
    noise = " ".join(rec["text"] for rec in records)
    assert "(Foto: AP)" not in noise and ".jpg" not in noise
    assert any(r["removed"] for r in records)
    errors = read_jsonl(out / "errors.jsonl")
    assert errors == [{"path": "broken/broken.json", "error": "JSONDecodeError", "message": errors[0]["message"]}]
    entities = read_jsonl(out / "entities.jsonl")
    schoigu = [e for e in entities if e["entity_id"] == "PER:sergej-schoigu"]
    assert schoigu and schoigu[0]["mentions"] >= 3 and schoigu[0]["articles"] >= 2
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["model"]["name"] == "de_newsents_news"
    assert manifest["counts"]["articles"] == 9


def test_existing_output_needs_resume_or_overwrite(nlp, tmp_path):
    corpus = write_corpus(tmp_path / "in", 2)
    run([corpus], tmp_path / "out", nlp=nlp)
    with pytest.raises(OutputError, match="--resume"):
        run([corpus], tmp_path / "out", nlp=nlp)
    assert run([corpus], tmp_path / "out", nlp=nlp, overwrite=True).articles == 2
    assert run([corpus], tmp_path / "out", nlp=nlp, resume=True).articles == 0


def test_missing_input_is_a_clear_error(nlp, tmp_path):
    with pytest.raises(FileNotFoundError, match="does-not-exist"):
        run([tmp_path / "does-not-exist"], tmp_path / "out", nlp=nlp)
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_output_folder(nlp, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    with pytest.raises(OutputError, match="not writable"):
        run([EXAMPLES / "articles"], locked / "out", nlp=nlp)


def test_output_folder_that_is_a_file(nlp, tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(OutputError, match="cannot create output folder"):
        run([EXAMPLES / "articles"], target, nlp=nlp)


def _newsents_cmd():
    return [sys.executable, "-c", "from newsents.cli import app; app()"]


def test_resume_after_kill_gives_the_same_output(tmp_path):
    """Kill a run midway (SIGKILL), resume it, and compare with an uninterrupted run."""
    corpus = write_corpus(tmp_path / "in", 400)
    model = str(shipped_model_path())
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    full = tmp_path / "full"
    subprocess.run(_newsents_cmd() + ["process", str(corpus), "--out", str(full), "--model", model, "--quiet",
                                      "--batch-size", "8"], check=True, env=env)
    killed = tmp_path / "killed"
    proc = subprocess.Popen(_newsents_cmd() + ["process", str(corpus), "--out", str(killed), "--model", model,
                                               "--quiet", "--batch-size", "8"], env=env)
    partial = killed / "articles.jsonl.partial"
    deadline = time.time() + 120
    while time.time() < deadline:
        if partial.exists() and partial.stat().st_size > 20_000:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (killed / "articles.jsonl").exists(), "the run finished before it could be killed"
    done_before = len(partial.read_text(encoding="utf8").splitlines())
    assert 0 < done_before < 400
    subprocess.run(_newsents_cmd() + ["process", str(corpus), "--out", str(killed), "--model", model, "--quiet",
                                      "--resume"], check=True, env=env)
    for name in ("articles.jsonl", "entities.jsonl"):
        assert (killed / name).read_text(encoding="utf8") == (full / name).read_text(encoding="utf8")
    assert not partial.exists()


def test_resume_cuts_a_half_written_line(nlp, tmp_path):
    corpus = write_corpus(tmp_path / "in", 5)
    full = tmp_path / "full"
    run([corpus], full, nlp=nlp)
    lines = (full / "articles.jsonl").read_text(encoding="utf8").splitlines(keepends=True)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "articles.jsonl.partial").write_text("".join(lines[:2]) + lines[2][:40], encoding="utf8")
    summary = run([corpus], broken, nlp=nlp, resume=True)
    assert summary.resumed == 2 and summary.articles == 3
    assert (broken / "articles.jsonl").read_text(encoding="utf8") == "".join(lines)


def test_parquet_tables_alongside_jsonl(nlp, tmp_path):
    import pandas as pd

    out = tmp_path / "out"
    run([EXAMPLES / "articles"], out, nlp=nlp, fmt="parquet")
    articles = pd.read_parquet(out / "parquet" / "articles-00000.parquet")
    records = read_jsonl(out / "articles.jsonl")
    assert list(articles["id"]) == [r["id"] for r in records]
    claims = pd.read_parquet(out / "parquet" / "claims-00000.parquet")
    assert len(claims) == sum(len(r["claims"]) for r in records)
    with pytest.raises(ValueError, match="parquet"):
        run([EXAMPLES / "articles"], tmp_path / "bad", nlp=nlp, fmt="xml")
