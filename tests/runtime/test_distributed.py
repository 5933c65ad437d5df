"""The Dask engine: sharded output equals the single-process output; failures, resume, bad scheduler."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

import newsents  # noqa: E402
from newsents.io.readers import iter_articles  # noqa: E402
from newsents.pipeline.model import shipped_model_path  # noqa: E402
from newsents.runtime import batch  # noqa: E402
from newsents.runtime import distributed as nd  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
MODEL = str(shipped_model_path())

GENERATED = {
    "extra/a-bahn.txt": "Bahn erhöht die Preise\n\nDie Deutsche Bahn hebt ihre Fahrpreise im Dezember an. "
                        "\"Wir müssen die Kosten decken\", sagte Bahnchef Richard Lutz in Berlin.",
    "extra/b-wetter.txt": "Sturm über Hamburg\n\nEin Sturm hat in Hamburg Bäume entwurzelt. Der Deutsche "
                          "Wetterdienst warnte vor weiteren Böen an der Nordsee.",
    "extra/c-rat.txt": "Stadtrat streitet über Radwege\n\nIm Münchner Stadtrat gab es Streit über neue Radwege. "
                       "Oberbürgermeister Dieter Reiter sagte, die Pläne seien ausgewogen.",
}


def _corpus(root: Path) -> tuple:
    """examples/articles plus generated .txt files, and a folder with only broken files."""
    good = root / "good"
    shutil.copytree(EXAMPLES, good)
    for rel, text in GENERATED.items():
        (good / rel).parent.mkdir(parents=True, exist_ok=True)
        (good / rel).write_text(text, encoding="utf8")
    broken = root / "broken"
    broken.mkdir()
    (broken / "empty.txt").write_text("", encoding="utf8")
    (broken / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    return good, broken


@pytest.fixture(scope="module")
def nlp():
    return newsents.load(MODEL)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return _corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def reference(corpus, nlp, tmp_path_factory):
    out = tmp_path_factory.mktemp("ref") / "out"
    summary = batch.run(list(corpus), out, nlp=nlp)
    assert summary.articles > 5 and summary.failed >= 2
    return out


@pytest.fixture(scope="module")
def client():
    cl, cluster = nd.connect(n_workers=2)  # the LocalCluster `--engine dask` starts without --scheduler
    try:
        yield cl
    finally:
        cl.close()
        cluster.close()


def _bytes(out: Path, name: str) -> bytes:
    return (out / name).read_bytes()


def _lines(path: Path) -> list:
    return [json.loads(line) for line in path.read_text(encoding="utf8").splitlines()]


def test_local_cluster_workers_do_not_profile_and_caller_config_stays(client):
    import dask

    def settings():
        return dask.config.get("distributed.worker.profile.enabled"), dask.config.get("distributed.admin.tick.interval")

    assert set(client.run(settings).values()) == {(False, "500ms")}
    assert settings() != (False, "500ms")  # the driver's own configuration is left as it was


def test_plan_uses_reader_ids_and_order(corpus):
    plan = nd.plan_partitions(list(corpus), partition_size=3)
    rels = [rel for part in plan.partitions for _, rel in part]
    file_ids = []
    for art in iter_articles(list(corpus)):
        if art.meta["path"] not in file_ids:
            file_ids.append(art.meta["path"])
    assert [r for r in rels if r in file_ids] == file_ids  # same ids, same order
    assert {"broken/empty.txt", "broken/binary.txt"} <= set(rels)  # ids relative to the inputs' common folder
    assert all(len(p) == 3 for p in plan.partitions[:-1]) and 1 <= len(plan.partitions[-1]) <= 3
    assert plan.skipped == 1  # README.md
    with pytest.raises(FileNotFoundError):
        nd.plan_partitions([corpus[0] / "missing"], 3)


def _load_model_then_report_tuned(model: str):
    """Runs on a worker: load the pipeline as a partition does; return only the tuned flag (the
    pipeline itself stays on the worker instead of being pickled back)."""
    from newsents.runtime import allocator

    nd.worker_model(model)
    return allocator._tuned


def test_workers_tune_malloc_over_dasks_default(client):
    """Dask's nanny sets MALLOC_TRIM_THRESHOLD_=65536 in each worker; loading the model there tunes
    the allocator all the same (newsents.runtime.allocator), where glibc is the C library."""
    from newsents.runtime.allocator import on_glibc

    tuned = list(client.run(_load_model_then_report_tuned, MODEL).values())
    assert tuned and all(t is on_glibc() for t in tuned)


def test_sharded_output_equals_single_process(corpus, reference, client, tmp_path):
    out = tmp_path / "out"
    summary = nd.run_dask(list(corpus), out, model=MODEL, client=client, partition_size=2)
    ref = _lines(reference / "articles.jsonl")
    assert summary.articles == len(ref) and summary.failed == len(_lines(reference / "errors.jsonl"))
    assert _bytes(out, "articles.jsonl") == _bytes(reference, "articles.jsonl")
    assert _bytes(out, "entities.jsonl") == _bytes(reference, "entities.jsonl")
    assert _lines(out / "errors.jsonl") == _lines(reference / "errors.jsonl")
    assert (out / "graph.graphml").exists()
    # the last partition holds only the two broken files: empty shard, both errors recorded
    plan = nd.plan_partitions(list(corpus), 2)
    last = len(plan.partitions) - 1
    art, err, _ = nd.shard_paths(out, last)
    assert [rel for _, rel in plan.partitions[last]] == ["broken/binary.txt", "broken/empty.txt"]
    assert art.read_bytes() == b""
    assert sorted(e["path"] for e in _lines(err)) == ["broken/binary.txt", "broken/empty.txt"]
    assert json.loads((out / "manifest.json").read_text())["options"]["engine"] == "dask"

    # --resume: a truncated shard is redone, complete shards are skipped, the output is unchanged
    art0, _, _ = nd.shard_paths(out, 0)
    art1, _, _ = nd.shard_paths(out, 1)
    data = art1.read_bytes()
    art1.write_bytes(data[: len(data) // 2])
    mtime0 = art0.stat().st_mtime_ns
    (out / "articles.jsonl").unlink()
    again = nd.run_dask(list(corpus), out, model=MODEL, client=client, partition_size=2, resume=True)
    assert art1.read_bytes() == data
    assert art0.stat().st_mtime_ns == mtime0
    assert again.articles == data.count(b"\n") and again.resumed == len(ref) - again.articles
    assert _bytes(out, "articles.jsonl") == _bytes(reference, "articles.jsonl")
    assert _bytes(out, "entities.jsonl") == _bytes(reference, "entities.jsonl")

    with pytest.raises(nd.OutputError):  # neither --resume nor --overwrite
        nd.run_dask(list(corpus), out, model=MODEL, client=client, partition_size=2)


def test_failing_partition_is_recorded_and_others_kept(corpus, reference, client, tmp_path):
    out = tmp_path / "out"
    (out / nd.SHARDS / "articles-00001.jsonl").mkdir(parents=True)  # the shard cannot be written: fails twice
    plan = nd.plan_partitions(list(corpus), 2)
    lost = {rel for _, rel in plan.partitions[1]}
    summary = nd.run_dask(list(corpus), out, model=MODEL, client=client, partition_size=2, resume=True)
    errors = _lines(out / "errors.jsonl")
    failed = [e for e in errors if e["error"] == "PartitionFailed"]
    assert {e["path"] for e in failed} == lost and all("partition 1" in e["message"] for e in failed)
    kept = [a["id"] for a in _lines(out / "articles.jsonl")]
    expected = [a["id"] for a in _lines(reference / "articles.jsonl") if a["id"].split("#")[0] not in lost]
    assert kept == expected and len(kept) == summary.articles
    assert summary.failed >= len(lost)


def test_killed_worker_partition_is_rescheduled(corpus, reference, client, tmp_path):
    out = tmp_path / "out"
    pids = client.run(os.getpid)
    result: dict = {}

    def job():
        try:
            result["summary"] = nd.run_dask(list(corpus), out, model=MODEL, client=client, partition_size=1)
        except BaseException as err:  # surfaced below
            result["error"] = err

    thread = threading.Thread(target=job)
    thread.start()
    killed = None
    deadline = time.monotonic() + 30
    while killed is None and time.monotonic() < deadline and thread.is_alive():
        busy = [w for w, keys in client.processing().items() if any("newsents-partition" in str(k) for k in keys)]
        if busy and busy[0] in pids:
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed = busy[0]
        time.sleep(0.005)
    thread.join(60)
    assert killed is not None, "no partition was running to kill"
    assert "error" not in result, result.get("error")
    assert _bytes(out, "articles.jsonl") == _bytes(reference, "articles.jsonl")
    assert _bytes(out, "entities.jsonl") == _bytes(reference, "entities.jsonl")
    assert not [e for e in _lines(out / "errors.jsonl") if e["error"] == "PartitionFailed"]


def test_unreachable_scheduler_fails_fast(corpus, tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    started = time.monotonic()
    with pytest.raises(nd.SchedulerUnreachable, match=address):
        nd.run_dask(list(corpus), tmp_path / "out", model=MODEL, scheduler=address, connect_timeout=2)
    assert time.monotonic() - started < 10


def test_memory_zone_frees_partition_strings(nlp, tmp_path, monkeypatch):
    from newsents.runtime import processing

    monkeypatch.setitem(nd._MODELS, MODEL, nlp)
    monkeypatch.setattr(nd, "_ZONES", {})  # a fresh worker: its zone cycler is made on the first partition
    monkeypatch.setattr(processing, "ZONE_DOCS", 2)  # the worker's zone is renewed every 2 docs
    monkeypatch.setattr(processing, "ZONE_WARMUP_DOCS", 0)  # from its first doc on
    (tmp_path / "shards").mkdir()
    inputs = []
    for i, word in enumerate(["Quarzelbrunn", "Zippelmoor", "Wuselhafen", "Knorzelheim"]):
        path = tmp_path / f"{i}.txt"
        path.write_text(f"Neues aus {word}\n\nIn {word}{i}stadt eröffnete Bürgermeisterin Erna Zorbel{i} "
                        f"den Markt. \"Wir feiern {word}\", sagte sie.", encoding="utf8")
        inputs.append([(str(path), path.name)])
    nd.process_partition(0, inputs[0], str(tmp_path), MODEL)
    nd.process_partition(1, inputs[1], str(tmp_path), MODEL)  # 2 docs: the zone closes
    n0 = len(nlp.vocab.strings)
    assert "Quarzelbrunn" not in nlp.vocab.strings and "Zippelmoor" not in nlp.vocab.strings
    r2 = nd.process_partition(2, inputs[2], str(tmp_path), MODEL)
    assert "Wuselhafen" in nlp.vocab.strings  # the zone spans partitions (no cold vocabulary per partition)
    r3 = nd.process_partition(3, inputs[3], str(tmp_path), MODEL)
    assert r2.articles == r3.articles == 1
    assert len(nlp.vocab.strings) == n0  # new words were interned only inside the zone
    assert "Wuselhafen" not in nlp.vocab.strings and "Knorzelheim" not in nlp.vocab.strings
    rec = _lines(nd.shard_paths(tmp_path, 2)[0])[0]
    assert "Wuselhafen" in rec["text"] and rec["sentences"]
    for ent in rec["entities"]:
        assert rec["text"][ent["start"]:ent["end"]] == ent["text"]


def test_parquet_tables_match_jsonl(corpus, reference, client, tmp_path):
    pd = pytest.importorskip("pandas")
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "out"
    nd.run_dask(list(corpus), out, model=MODEL, client=client, partition_size=4, fmt="parquet")
    assert _bytes(out, "articles.jsonl") == _bytes(reference, "articles.jsonl")
    records = _lines(out / "articles.jsonl")
    folder = out / "parquet"
    n_sets = len(nd.plan_partitions(list(corpus), 4).partitions)
    assert sorted(p.name for p in folder.glob("articles-*.parquet")) == \
        [f"articles-{i:05d}.parquet" for i in range(n_sets)]
    arts = pd.concat([pd.read_parquet(p) for p in sorted(folder.glob("articles-*.parquet"))])
    assert list(arts["id"]) == [r["id"] for r in records]
    assert list(arts["text"]) == [r["text"] for r in records]
    first = arts.iloc[0]
    assert [list(s) for s in first["sentences"]] == records[0]["sentences"]
    mentions = duckdb.sql(f"SELECT article_id, mention, text, label, start, \"end\", entity_id "
                          f"FROM '{folder}/mentions-*.parquet' ORDER BY article_id, mention").fetchall()
    expected = sorted((r["id"], i, m["text"], m["label"], m["start"], m["end"], m["entity_id"])
                      for r in records for i, m in enumerate(r["entities"]))
    assert mentions == expected and mentions
    claims = duckdb.sql(f"SELECT article_id, claim, speaker.entity_id, content.text, mode, hearsay "
                        f"FROM '{folder}/claims-*.parquet' ORDER BY article_id, claim").fetchall()
    expected = sorted((r["id"], i, (c["speaker"] or {}).get("entity_id"), c["content"]["text"], c["mode"],
                       c["hearsay"]) for r in records for i, c in enumerate(r["claims"]))
    assert claims == expected and claims


def test_cli_engine_dask_and_corpus_engine_dask_match_local(nlp, tmp_path):
    """The wiring: `newsents process --engine dask --format parquet` and Corpus.process(engine="dask")."""
    import pandas as pd
    from typer.testing import CliRunner

    from newsents.cli import app

    local = tmp_path / "local"
    batch.run([EXAMPLES], local, nlp=nlp)
    res = CliRunner().invoke(app, ["process", str(EXAMPLES), "--out", str(tmp_path / "dask"), "--model", MODEL,
                                   "--engine", "dask", "--partition-size", "3", "--format", "parquet", "--quiet"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "dask" / "articles.jsonl").read_bytes() == (local / "articles.jsonl").read_bytes()
    mentions = pd.concat(pd.read_parquet(p) for p in sorted((tmp_path / "dask" / "parquet").glob("mentions-*.parquet")))
    assert len(mentions) == sum(len(json.loads(line)["entities"])
                                for line in (local / "articles.jsonl").read_text(encoding="utf8").splitlines())
    corpus = newsents.Corpus(nlp=nlp, model=MODEL).process(EXAMPLES, engine="dask", out=tmp_path / "api")
    assert [a.id for a in corpus] == [json.loads(line)["id"] for line in
                                      (local / "articles.jsonl").read_text(encoding="utf8").splitlines()]
    assert corpus.entity("Shoigu").entity_id == "PER:sergej-schoigu"


def test_cli_rejects_unknown_engine(tmp_path):
    from typer.testing import CliRunner

    from newsents.cli import app

    res = CliRunner().invoke(app, ["process", str(EXAMPLES), "--out", str(tmp_path / "x"), "--engine", "spark"])
    assert res.exit_code == 2 and "--engine" in res.output
