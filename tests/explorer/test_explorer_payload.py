"""The explorer's data (no browser): what goes into the page from an output folder, the limits that keep
big corpora small (top N, min weight, max edges, max articles), dates, evidence and bad input."""

from __future__ import annotations

import itertools
import json

import pytest
from explorer_hostile import TEXT
from explorer_hostile import article as hostile_article

from newsents.explorer import ExplorerInputError, build_payload, read_output, write_html
from newsents.explorer.page import render, script_json
from newsents.graph import build_graph, evidence


@pytest.fixture(scope="module")
def example(example_out):
    articles, entities = read_output(example_out)
    return articles, entities, build_payload(articles, entities)


SCHOIGU = "PER:sergej-schoigu"


def _emap(entities):
    return {e["entity_id"]: e for e in entities}


def _entity(payload, eid):
    return next(e for e in payload["entities"] if e["id"] == eid)


def test_payload_holds_the_whole_small_corpus(example):
    articles, entities, p = example
    G = build_graph(articles, entities=_emap(entities))
    assert len(p["nodes"]) == G.number_of_nodes() == p["meta"]["counts"]["nodes"]
    assert len(p["edges"]) == G.number_of_edges()
    assert len(p["texts"]) == len(p["articles"]) == len(articles)
    assert len(p["claims"]) == sum(len(a["claims"]) for a in articles) == p["meta"]["counts"]["claims"]
    assert {e["id"] for e in p["entities"]} >= {e["entity_id"] for e in entities}


def test_entity_rows_carry_variants_claims_and_articles(example):
    articles, _, p = example
    schoigu = _entity(p, SCHOIGU)
    assert dict(schoigu["v"])["Shoigu"] >= 1 and dict(schoigu["v"])["Schoigu"] >= 1
    assert schoigu["n"] >= 0 and schoigu["cm"] >= 1
    ids = [p["articles"][i][0] for i in itertools.accumulate(schoigu["ad"])]  # ascending, as differences
    assert ids == [a["id"] for a in articles if any(m["entity_id"] == SCHOIGU for m in a["entities"])]
    made = [c for c in p["claims"] if c[2] == p["entities"].index(schoigu)]
    assert len(made) == schoigu["cm"]
    co = [p["entities"][i]["id"] for i, _ in schoigu["co"]]
    assert "LOC:minsk" in co[:3]


def test_top_n_keeps_the_most_mentioned_and_edges_between_them(example):
    articles, entities, _ = example
    p = build_payload(articles, entities, top=5)
    G = build_graph(articles, entities=_emap(entities))
    top = sorted(G.nodes, key=lambda n: (-G.nodes[n]["mentions"], -G.nodes[n]["articles"], n))[:5]
    assert [p["entities"][n[0]]["id"] for n in p["nodes"]] == top
    assert len(p["edges"]) == G.subgraph(top).number_of_edges()
    assert len(p["entities"]) == G.number_of_nodes()  # the table keeps every entity
    assert p["meta"]["counts"]["graph_nodes"] == G.number_of_nodes()


def test_min_weight_and_max_edges(example):
    articles, entities, _ = example
    p = build_payload(articles, entities, min_weight=2)
    assert p["edges"] and all(e[2] >= 2 for e in p["edges"])
    assert len(p["edges"]) == build_graph(articles, entities=_emap(entities), min_weight=2).number_of_edges()
    capped = build_payload(articles, entities, max_edges=10)
    weights = sorted((e[2] for e in build_payload(articles, entities)["edges"]), reverse=True)
    assert [e[2] for e in capped["edges"]] == weights[:10]
    assert capped["meta"]["counts"]["edges_between"] > 10


def test_max_mb_keeps_texts_and_claims_of_the_most_relevant_articles(example):
    articles, entities, full = example
    size = len(render(full).encode("utf-8"))
    texts = sum(len(script_json(t)) for t in full["texts"])
    max_mb = (size - texts * 0.6) / 1e6
    p = build_payload(articles, entities, max_mb=max_mb)
    assert len(render(p).encode("utf-8")) <= max_mb * 1e6
    kept = {t["a"] for t in p["texts"]}
    assert 0 < len(kept) < len(articles)
    assert {c[0] for c in p["claims"]} <= kept
    assert p["meta"]["counts"]["text_claims"] == len(p["claims"]) < p["meta"]["counts"]["claims"]
    # the evidence of articles without text carries its own sentence
    assert all((s[3] is None) == (s[0] in kept) for s in p["sentences"])
    # the graph, the entities and the article list do not change
    for key in ("nodes", "entities", "articles"):
        assert p[key] == full[key]
    tiny = build_payload(articles, entities, max_mb=0.01)
    assert tiny["texts"] == [] and tiny["claims"] == []


def test_evidence_sentences_agree_with_newsents_graph(example):
    articles, entities, p = example
    ids = [e["id"] for e in p["entities"]]
    for edge in p["edges"][:20]:
        a, b = ids[p["nodes"][edge[0]][0]], ids[p["nodes"][edge[1]][0]]
        truth = evidence(articles, a, b, level="sentence", entities=_emap(entities))
        truth_keys = {(r.article_id, r.start, r.end) for r in truth.itertuples()}
        ours = {(p["articles"][p["sentences"][k][0]][0], p["sentences"][k][1], p["sentences"][k][2]) for k in edge[8]}
        assert ours <= truth_keys
        per_article = truth.groupby("article_id").size()
        assert len(ours) == min(6, int(per_article.clip(upper=2).sum()))


def test_dates_days_and_sentence_level(example):
    articles, entities, _ = example
    p = build_payload(articles, entities, level="sentence")
    assert p["meta"]["level"] == "sentence"
    dated = [edge for edge in p["edges"] if edge[4] is not None]
    assert dated and all(e[4] <= e[5] and len(e[4]) == 10 for e in dated)
    undated = [a for a in p["articles"] if a[2] is None]
    assert len(undated) == sum(1 for a in articles if not a.get("date"))


def test_offsets_are_utf16_for_texts_with_emoji():
    p = build_payload([hostile_article()], None)
    text = p["texts"][0]["text"]
    assert text == TEXT
    units = text.encode("utf-16-le")
    for s, e, ent, _label in p["texts"][0]["ents"]:
        assert units[2 * s:2 * e].decode("utf-16-le") in {v for v, _ in p["entities"][ent]["v"]}
    claim = p["claims"][0]
    assert claim[4] is None  # the page cuts the content from the text, at UTF-16 offsets
    cs, ce = claim[10][4], claim[10][5]
    assert units[2 * cs:2 * ce].decode("utf-16-le") == hostile_article()["claims"][0]["content"]["text"]


def test_new_fields_are_passed_through():
    p = build_payload([hostile_article()], [{"entity_id": "PER:mbs", "name": "M", "label": "PER", "variants": {"M": 1},
                                             "mentions": 1, "articles": 1, "qid": "Q312515", "wiki": "x"}])
    mbs = _entity(p, "PER:mbs")
    assert mbs["qid"] == "Q312515" and mbs["x"] == {"wiki": "x"}
    assert p["claims"][0][11]["affiliation"].startswith("</script>")
    assert "speaker name" in p["claims"][0][11]


@pytest.mark.parametrize("opts, word", [({"level": "word"}, "level"), ({"top": 0}, "top"),
                                        ({"min_weight": 0}, "min_weight"), ({"max_mb": 0}, "max_mb")])
def test_bad_options(example, opts, word):
    articles, entities, _ = example
    with pytest.raises(ExplorerInputError, match=word):
        build_payload(articles, entities, **opts)


def test_missing_and_empty_output_folders(tmp_path):
    with pytest.raises(ExplorerInputError, match="no such output folder") as e:
        write_html(tmp_path / "nowhere")
    assert "nowhere" in str(e.value)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ExplorerInputError, match="no articles.jsonl"):
        write_html(tmp_path / "empty")
    (tmp_path / "empty" / "articles.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(ExplorerInputError, match="holds no articles"):
        write_html(tmp_path / "empty")
    (tmp_path / "empty" / "articles.jsonl").write_text('{"id": 1}\n{oops\n', encoding="utf-8")
    with pytest.raises(ExplorerInputError, match=r"articles.jsonl:2: not valid JSON"):
        write_html(tmp_path / "empty")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ExplorerInputError, match="not a folder"):
        write_html(tmp_path / "file")
    with pytest.raises(ExplorerInputError, match="no articles"):
        build_payload([], [])
    assert issubclass(ExplorerInputError, ValueError)


def test_write_html_paths(example_out, tmp_path):
    default = write_html(example_out, top=5)
    assert default == example_out / "explorer.html" and default.stat().st_size > 100_000
    other = write_html(example_out, tmp_path / "sub" / "x.html", level="sentence")
    page = other.read_text(encoding="utf-8")
    data = page.split('<script type="application/json" id="newsents-data">', 1)[1].split("</script>", 1)[0]
    assert json.loads(data)["meta"]["level"] == "sentence"
    assert json.loads(data)["meta"]["title"].endswith(example_out.name)
