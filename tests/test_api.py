"""The Python API: analyze, Corpus, records and notebook display."""

import html
from pathlib import Path

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


def test_corpus_add_and_save_roundtrip(nlp, tmp_path):
    corpus = Corpus(nlp=nlp)
    corpus.add(TEXT, title="Schoigu reist nach Minsk", date="2024-02-12")
    out = corpus.save(tmp_path / "out")
    again = Corpus.from_output(out)
    assert [a.to_dict() for a in again] == [a.to_dict() for a in corpus]
    assert (out / "entities.jsonl").exists() and (out / "graph.graphml").exists()
