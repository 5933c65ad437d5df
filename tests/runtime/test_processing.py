"""Analysing articles: long articles in pieces, one failing article reported and the rest kept, worker
pools (same output, failures, where results are made, dead workers, no fork), memory zones."""

import json
import os

import pytest
from helpers import EXAMPLES

from newsents.runtime.batch import run


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
