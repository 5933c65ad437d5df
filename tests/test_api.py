"""The Python API: analyze, Corpus, records and notebook display."""

import html
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsents
from newsents import Article, Corpus

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"

TEXT = """Schoigu reist nach Minsk

Verteidigungsminister Sergej Schoigu ist am Montag in Minsk eingetroffen.
Schoigu und Lukaschenko beim Treffen. (Foto: AP)
„Wir stehen an der Seite unserer Verbündeten“, sagte Schoigu nach dem Treffen mit Alexander Lukaschenko.
Lukaschenko sagte, das Manöver richte sich gegen kein Nachbarland. Das berichtete die Agentur Belta.
"""


def check_offsets(article: Article) -> None:
    text = article.text
    for m in article.entities:
        assert text[m.start:m.end] == m.text
    for c in article.claims:
        assert text[c.content.start:c.content.end] == c.content.text
        for ref in (c.speaker, c.cue):
            if ref is not None:
                assert text[ref.start:ref.end] == ref.text
    for start, end in article.sentences:
        assert 0 <= start <= end <= len(text)


def test_analyze_finds_entities_claims_and_removes_noise(nlp):
    article = newsents.analyze(TEXT, nlp, id="t1", date="2024-02-12")
    check_offsets(article)
    assert "(Foto: AP)" not in article.text and "beim Treffen" not in article.text
    assert [r.rule for r in article.removed]
    names = {(m.text, m.label) for m in article.entities}
    assert ("Sergej Schoigu", "PER") in names and ("Minsk", "LOC") in names
    modes = {c.mode for c in article.claims}
    assert {"direct", "indirect"} <= modes
    direct = next(c for c in article.claims if c.mode == "direct")
    assert direct.speaker is not None and direct.speaker.text == "Schoigu"
    record = article.to_dict()
    assert Article.from_dict(record).to_dict() == record


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_analyze_never_crashes_and_keeps_offsets(nlp, text):
    check_offsets(newsents.analyze(text, nlp))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["Schoigu", "sagte", "„", "“", "Minsk", "laut", "Belta", ",", ".", "er", "sei",
                                 "\n\n", "Der Minister", "(Foto: dpa)", "Kreml-Chef", "Lukaschenkos"]), max_size=60))
def test_newsy_token_soup_keeps_offsets(nlp, words):
    check_offsets(newsents.analyze(" ".join(words), nlp))


def test_corpus_links_variants_and_gives_tables(nlp):
    corpus = Corpus(nlp=nlp).process(EXAMPLES)
    assert len(corpus) == 9 and corpus.errors == []
    schoigu = corpus.entity("Schoigus")
    assert schoigu is not None and schoigu.entity_id == "PER:sergej-schoigu"
    assert corpus.entity("Shoigu").entity_id == schoigu.entity_id
    mentions = corpus.mentions_frame()
    assert set(mentions.columns) >= {"article", "text", "label", "entity_id"}
    assert (mentions["entity_id"] == "PER:sergej-schoigu").sum() >= 3
    claims = corpus.claims_frame()
    assert len(claims) > 0 and {"speaker", "mode", "content"} <= set(claims.columns)
    graph = corpus.graph()
    assert graph.has_edge("PER:sergej-schoigu", "PER:alexander-lukaschenko")
    evidence = corpus.evidence("Schoigu", "Lukaschenko")
    assert len(evidence) > 0
    assert "<table>" in corpus._repr_html_()
    assert "Sergej Schoigu" in schoigu._repr_html_() and "PER:sergej-schoigu" in schoigu._repr_html_()
    claim = next(c for a in corpus for c in a.claims if c.speaker is not None)
    shown = claim._repr_html_()
    assert html.escape(claim.content.text[:30]) in shown and html.escape(claim.speaker.text) in shown
    edges = corpus.edges_frame()
    assert list(edges.columns[:5]) == ["source", "target", "source_name", "target_name", "weight"]
    assert edges.weight.is_monotonic_decreasing
    assert "Schoigu" in corpus[0]._repr_html_() or "Schoigu" in corpus.articles[1]._repr_html_()


def test_finalize_graph_equals_graph_command(nlp, tmp_path, monkeypatch):
    """process's one-pass graph (fed by the relinking pass) is the file `newsents graph` writes,
    and the DuckDB path taken for big outputs gives the same graph."""
    import newsents.graph as graph_mod
    from newsents.graph import graph_from_output, read_graph

    corpus = Corpus(nlp=nlp)
    corpus.add(TEXT, title="Schoigu reist nach Minsk", date="2024-02-12")
    corpus.add("Lukaschenko empfing Schoigu in Minsk. Putin schwieg.", title="Treffen", date="2024-02-13")
    out = corpus.save(tmp_path / "out")
    again = graph_from_output(out, out_path=tmp_path / "again.graphml")
    assert (out / "graph.graphml").read_bytes() == again.read_bytes()
    G = read_graph(out / "graph.graphml")
    assert G.number_of_edges() > 0 and all(d["weight"] >= 1 for _s, _t, d in G.edges(data=True))
    monkeypatch.setattr(graph_mod, "DUCKDB_THRESHOLD_BYTES", 0)  # big outputs: streamed from DuckDB's rows
    big = corpus.save(tmp_path / "big")
    assert (big / "graph.graphml").read_bytes() == (out / "graph.graphml").read_bytes()


def test_corpus_add_and_save_roundtrip(nlp, tmp_path):
    corpus = Corpus(nlp=nlp)
    corpus.add(TEXT, title="Schoigu reist nach Minsk", date="2024-02-12")
    out = corpus.save(tmp_path / "out")
    again = Corpus.from_output(out)
    assert [a.to_dict() for a in again] == [a.to_dict() for a in corpus]
    assert (out / "entities.jsonl").exists() and (out / "graph.graphml").exists()


def test_article_text_is_the_docs_even_when_a_tokenizer_rewrites_it():
    import spacy

    from newsents.core.records import RawArticle
    from newsents.pipeline.document import doc_to_article

    nlp = spacy.blank("de")
    raw = RawArticle(id="a", text="Schoigu  kam.")
    doc = nlp("Schoigu  kam.")
    assert doc_to_article(doc, raw, text="Schoigu  kam.").text == "Schoigu  kam."
    rewritten = nlp("Schoigu kam.")  # as if a custom make_doc had collapsed the spaces
    assert doc_to_article(rewritten, raw, text="Schoigu  kam.").text == "Schoigu kam."
    assert doc_to_article(nlp(""), raw, text="").text == ""


def test_finalize_pauses_the_cyclic_gc_only_while_it_runs(tmp_path, monkeypatch):
    import gc

    from newsents.runtime import finalize

    seen = []
    monkeypatch.setattr(finalize, "_finalize", lambda out, aliases, counts, graph: seen.append(gc.isenabled()) or 0)
    assert gc.isenabled()
    finalize.finalize(tmp_path)
    assert seen == [False] and gc.isenabled()
    gc.disable()  # a caller who paused it keeps it paused
    try:
        finalize.finalize(tmp_path)
        assert not gc.isenabled()
    finally:
        gc.enable()
    monkeypatch.setattr(finalize, "_finalize", lambda out, aliases, counts, graph: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        finalize.finalize(tmp_path)
    assert gc.isenabled()
