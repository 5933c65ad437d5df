"""The batch job and the CLI: outputs, exit codes, bad input, resume after a kill."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsents.cli import app
from newsents.io.output import OutputError
from newsents.pipeline.model import shipped_model_path
from newsents.runtime.batch import run

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

ARTICLE = """Manöver in Belarus, Folge {i}

Minsk. Verteidigungsminister Sergej Schoigu hat am Montag in Minsk den belarussischen Machthaber
Alexander Lukaschenko getroffen. „Wir stehen an der Seite unserer Verbündeten“, sagte Schoigu.
Lukaschenko sagte, das Manöver richte sich gegen kein Nachbarland. Das berichtete die Agentur Belta.
"""


def write_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"artikel-{i:04d}.txt").write_text(ARTICLE.format(i=i), encoding="utf8")
    return folder


def read_jsonl(path: Path):
    return [json.loads(line) for line in path.read_text(encoding="utf8").splitlines() if line.strip()]


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


def test_cli_exit_codes(tmp_path):
    runner = CliRunner()
    model = str(shipped_model_path())
    ok = runner.invoke(app, ["process", str(EXAMPLES / "articles"), "--out", str(tmp_path / "a"), "--model", model])
    assert ok.exit_code == 0, ok.output
    assert "articles" in ok.output and "claims" in ok.output
    failed = runner.invoke(app, ["process", str(EXAMPLES / "broken"), str(EXAMPLES / "articles"), "--out",
                                 str(tmp_path / "b"), "--model", model, "--quiet"])
    assert failed.exit_code == 1
    missing = runner.invoke(app, ["process", str(tmp_path / "nope"), "--out", str(tmp_path / "c")])
    assert missing.exit_code == 2 and "does not exist" in missing.output
    again = runner.invoke(app, ["process", str(EXAMPLES / "articles"), "--out", str(tmp_path / "a"), "--model", model])
    assert again.exit_code == 2 and "--resume" in again.output
    bad_model = runner.invoke(app, ["process", str(EXAMPLES / "articles"), "--out", str(tmp_path / "d"),
                                    "--model", "nonexistent"])
    assert bad_model.exit_code == 2 and "nonexistent" in bad_model.output


def test_cli_graph_and_link_from_existing_output(nlp, tmp_path):
    out = tmp_path / "out"
    run([EXAMPLES / "articles"], out, nlp=nlp)
    runner = CliRunner()
    res = runner.invoke(app, ["graph", str(out), "--level", "sentence", "--labels", "PER,ORG", "--format", "gexf"])
    assert res.exit_code == 0, res.output
    assert Path(res.output.strip()).exists()
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("name,label,aliases,qid\nSergej Schoigu,PER,Shoigu|Sergei Shoigu,Q315577\n", encoding="utf8")
    res = runner.invoke(app, ["link", str(out), "--aliases", str(aliases)])
    assert res.exit_code == 0, res.output
    entities = {e["entity_id"]: e for e in read_jsonl(out / "entities.jsonl")}
    assert entities["PER:sergej-schoigu"].get("qid") == "Q315577"


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


def test_long_article_is_analysed_in_pieces_with_valid_offsets(nlp):
    from newsents.core.records import RawArticle
    from newsents.runtime.processing import process_articles

    para = ("Verteidigungsminister Sergej Schoigu traf in Minsk Alexander Lukaschenko. "
            "Lukaschenko sagte, das Manöver richte sich gegen niemanden.")
    text = "\n\n".join(f"{para} Absatz {i}." for i in range(120))
    raw = RawArticle(id="long", text=text, title="Lange Meldung")
    whole = next(process_articles(nlp, [raw]))
    pieces = next(process_articles(nlp, [raw], piece_chars=2_000))
    assert pieces.text == whole.text
    assert len(pieces.entities) >= 240
    for m in pieces.entities:
        assert pieces.text[m.start:m.end] == m.text
    for c in pieces.claims:
        assert pieces.text[c.content.start:c.content.end] == c.content.text
    assert [(m.start, m.label) for m in pieces.entities] == [(m.start, m.label) for m in whole.entities]
    assert len(pieces.claims) == len(whole.claims)


def test_failing_article_is_reported_and_the_rest_kept(nlp):
    from newsents.core.records import RawArticle
    from newsents.runtime.processing import process_articles

    errors = []
    nlp.max_length, old = 500, nlp.max_length
    try:
        raws = [RawArticle(id="short", text="Schoigu kam nach Minsk."),
                RawArticle(id="too-long", text="Wort " * 200),
                RawArticle(id="after", text="Lukaschenko blieb in Minsk.")]
        out = list(process_articles(nlp, raws, on_error=errors.append, piece_chars=10_000))
    finally:
        nlp.max_length = old
    assert [a.id for a in out] == ["short", "after"]
    assert [(e.path, e.error) for e in errors] == [("too-long", "ValueError")]
    assert "too-long" in str(errors[0].to_dict()) and errors[0].message


def test_two_processes_give_the_same_output(nlp, tmp_path):
    single = run([EXAMPLES / "articles"], tmp_path / "one", nlp=nlp)
    double = run([EXAMPLES / "articles"], tmp_path / "two", nlp=nlp, n_process=2, batch_size=2)
    assert single.articles == double.articles == 9
    assert (tmp_path / "one" / "articles.jsonl").read_text() == (tmp_path / "two" / "articles.jsonl").read_text()
    assert (tmp_path / "one" / "entities.jsonl").read_text() == (tmp_path / "two" / "entities.jsonl").read_text()


def test_two_processes_report_a_failing_article_and_keep_the_rest(nlp):
    from newsents.core.records import RawArticle
    from newsents.runtime.processing import process_articles

    raws = [RawArticle(id="short", text="Schoigu kam nach Minsk."),
            RawArticle(id="too-long", text="Wort " * 200),
            RawArticle(id="after", text="Lukaschenko blieb in Minsk."),
            RawArticle(id="last", text="Peskow sprach in Moskau.")]
    results = {}
    nlp.max_length, old = 500, nlp.max_length
    try:
        for n_process in (1, 2):
            errors = []
            out = list(process_articles(nlp, raws, on_error=errors.append, piece_chars=10_000, n_process=n_process,
                                        batch_size=2))
            results[n_process] = ([a.to_dict() for a in out], [e.to_dict() for e in errors])
    finally:
        nlp.max_length = old
    articles, errors = results[2]
    assert [a["id"] for a in articles] == ["short", "after", "last"]
    assert [(e["path"], e["error"]) for e in errors] == [("too-long", "ValueError")]
    assert results[2] == results[1]


def _made_in(article):
    return article.id, os.getpid()


def test_finish_runs_where_the_article_is_made(nlp):
    """``finish`` turns each Article into what the caller keeps, in the process that made it: with
    two processes the workers send finished ``articles.jsonl`` lines, the same as one process makes."""
    import json

    from newsents.core.records import RawArticle
    from newsents.io.output import ArticleLine, encode_article
    from newsents.runtime.processing import process_articles

    raws = [RawArticle(id="a", text="Schoigu kam nach Minsk. „Wir sind bereit“, sagte Schoigu."),
            RawArticle(id="b", text="Lukaschenko blieb in Minsk."),
            RawArticle(id="c", text="Peskow sprach in Moskau mit Journalisten."),
            RawArticle(id="d", text="Die Agentur Belta meldete nichts Neues.")]
    articles = list(process_articles(nlp, raws, batch_size=2))
    lines = [encode_article(a) for a in articles]
    assert all(isinstance(line, ArticleLine) for line in lines)
    assert [json.loads(line.line) for line in lines] == [a.to_dict() for a in articles]
    assert [(line.mentions, line.claims) for line in lines] == [(len(a.entities), len(a.claims)) for a in articles]
    assert lines[0].mentions >= 2 and lines[0].claims == 1
    for n_process in (1, 2):
        assert list(process_articles(nlp, raws, batch_size=2, n_process=n_process, finish=encode_article)) == lines
    made = list(process_articles(nlp, raws, batch_size=2, n_process=2, finish=_made_in))
    assert [article_id for article_id, _ in made] == ["a", "b", "c", "d"]
    assert os.getpid() not in {pid for _, pid in made}


def _die_on_poison(doc):
    if "GIFT" in doc.text:
        os._exit(3)  # a worker killed mid-batch (segfault, out-of-memory killer)
    return doc


def test_a_dead_worker_costs_only_the_article_that_killed_it():
    import spacy
    from spacy.language import Language

    from newsents.core.records import RawArticle
    from newsents.runtime.processing import process_articles

    if not Language.has_factory("test_die_on_poison"):
        Language.component("test_die_on_poison", func=_die_on_poison)
    blank = spacy.blank("de")
    blank.add_pipe("test_die_on_poison")
    raws = [RawArticle(id=f"a{i}", text=f"Artikel Nummer {i} über Minsk.") for i in range(9)]
    raws[4] = RawArticle(id="poison", text="Dieser Artikel enthält GIFT.")
    errors = []
    out = list(process_articles(blank, raws, on_error=errors.append, n_process=2, batch_size=2))
    assert [a.id for a in out] == [r.id for r in raws if r.id != "poison"]
    assert [a.text for a in out] == [r.text for r in raws if r.id != "poison"]
    assert [(e.path, e.error) for e in errors] == [("poison", "WorkerDied")]


def test_memory_zones_free_the_strings_of_processed_articles(monkeypatch):
    import spacy

    from newsents.core.records import RawArticle
    from newsents.runtime import processing
    from newsents.runtime.processing import ZoneCycler, process_articles

    monkeypatch.setattr(processing, "ZONE_WARMUP_DOCS", 0)  # zones from the first doc on
    blank = spacy.blank("de")
    before = len(blank.vocab.strings)
    raws = [RawArticle(id=f"a{i}", text=f"Quuxwort{i} und Blorftext{i} in Zyxstadt{i}.") for i in range(7)]
    out = list(process_articles(blank, raws, batch_size=2))
    assert [a.text for a in out] == [r.text for r in raws]
    assert "Quuxwort3" not in blank.vocab.strings and len(blank.vocab.strings) == before

    kept = list(process_articles(blank, raws[:1], memory_zones=False))
    assert kept[0].text == raws[0].text and "Quuxwort0" in blank.vocab.strings
    with blank.memory_zone():  # the caller's zone: no nested zone is opened, the caller's frees the strings
        inside = list(process_articles(blank, raws[1:2]))
        assert "Quuxwort1" in blank.vocab.strings
    assert inside[0].text == raws[1].text and "Quuxwort1" not in blank.vocab.strings
    before = len(blank.vocab.strings)

    zones = ZoneCycler(blank, every=4)  # renewed every 4 docs, strings of closed zones are gone
    zones.open()
    blank("Erstwort bleibt offen.")
    zones.count(2)
    assert zones.zone is not None and "Erstwort" in blank.vocab.strings
    zones.count(2)
    assert zones.zone is None and "Erstwort" not in blank.vocab.strings


def test_zones_start_after_a_warm_up_whose_words_stay(monkeypatch):
    """The first docs run outside any zone (their words warm the vocab and the tokenizer cache for
    good); zones begin after them and free the strings of every later doc."""
    import spacy

    from newsents.core.records import RawArticle
    from newsents.runtime import processing

    monkeypatch.setattr(processing, "ZONE_WARMUP_DOCS", 4)
    monkeypatch.setattr(processing, "ZONE_DOCS", 2)
    blank = spacy.blank("de")
    raws = [RawArticle(id=f"a{i}", text=f"Frühwort{i} trifft Spätwort{i}.") for i in range(9)]
    out = list(processing.process_articles(blank, raws, batch_size=2))
    assert [a.text for a in out] == [r.text for r in raws]
    assert all(f"Frühwort{i}" in blank.vocab.strings for i in range(4))  # the warm-up's words stay
    assert not any(f"Frühwort{i}" in blank.vocab.strings for i in range(4, 9))  # zoned: freed
    cycler = processing.ZoneCycler(blank)
    assert cycler.warmup == 4 and cycler.every == 2


def test_renewing_the_memory_zone_after_every_doc_changes_no_output(nlp, monkeypatch):
    from newsents.io.readers import read_articles
    from newsents.runtime import processing

    raws = read_articles(EXAMPLES / "articles")
    monkeypatch.setattr(processing, "ZONE_DOCS", 10**9)
    one_zone = [a.to_dict() for a in processing.process_articles(nlp, raws, batch_size=2)]
    monkeypatch.setattr(processing, "ZONE_WARMUP_DOCS", 0)
    monkeypatch.setattr(processing, "ZONE_DOCS", 1)
    many_zones = [a.to_dict() for a in processing.process_articles(nlp, raws, batch_size=2)]
    assert len(one_zone) == len(raws) == 9
    assert any(a["claims"] for a in one_zone) and any(a["entities"] for a in one_zone)
    assert many_zones == one_zone


@pytest.mark.slow
def test_two_processes_without_fork_load_the_model_by_name(nlp, monkeypatch):
    from newsents.io.readers import read_articles
    from newsents.runtime import processing

    raws = read_articles(EXAMPLES / "articles")
    serial = [a.to_dict() for a in processing.process_articles(nlp, raws)]
    monkeypatch.setattr(processing.sys, "platform", "darwin")  # no fork: spawned workers load the model
    spawned = [a.to_dict() for a in processing.process_articles(nlp, raws, n_process=2, batch_size=2)]
    assert len(serial) == 9 and spawned == serial


def test_two_processes_without_fork_or_model_name_run_in_one(monkeypatch, caplog):
    import spacy

    from newsents.core.records import RawArticle
    from newsents.runtime import processing

    monkeypatch.setattr(processing.sys, "platform", "win32")
    raws = [RawArticle(id=f"a{i}", text=f"Artikel {i} aus Minsk.") for i in range(3)]
    with caplog.at_level("WARNING", logger="newsents"):
        out = list(processing.process_articles(spacy.blank("de"), raws, n_process=2))
    assert [a.text for a in out] == [r.text for r in raws]
    assert "running in one process" in caplog.text


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
