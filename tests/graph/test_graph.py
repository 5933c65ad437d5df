"""Co-mention graph tests on a hand-made German corpus whose weights are counted by hand below."""

from __future__ import annotations

import json
import re
import warnings

import networkx as nx
import pytest

from newsents.core.records import Article
from newsents.graph import (
    CoMentions,
    GraphFilter,
    betweenness,
    build_claims_graph,
    build_graph,
    communities,
    degree_table,
    ego_graph,
    ego_network,
    evidence,
    export_graph,
    graph_from_output,
    name_index,
    read_graph,
    time_slices,
    top_edges,
    top_entities,
)
from newsents.graph.formats import FORMATS
from newsents.graph.formats.graphml import encode_for_xml
from newsents.graph.units import LEVELS
from newsents.io.output import iter_jsonl
from newsents.knowledge.ids import slugify as slug

SCH, LUK, PUT = "PER:sergej-schoigu", "PER:alexander-lukaschenko", "PER:wladimir-putin"
SEL, KIEW, MINSK, KREML, NATO = "PER:wolodymyr-selenskyj", "LOC:kiew", "LOC:minsk", "ORG:kreml", "ORG:nato"


def make_article(aid, date, paras, names, with_sentences=True, claims=()):
    """Join sentences (" ") and paragraphs ("\\n\\n"), record sentence offsets, and tag every
    whole-word occurrence of each surface in ``names`` (surface -> (label, entity_id|None))."""
    text, sents = "", []
    for pi, para in enumerate(paras):
        if pi:
            text += "\n\n"
        for si, s in enumerate(para):
            if si:
                text += " "
            sents.append([len(text), len(text) + len(s)])
            text += s
    ents = []
    for surface, (label, eid) in names.items():
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            ents.append({"text": surface, "label": label, "start": m.start(), "end": m.end(), "entity_id": eid})
    ents.sort(key=lambda e: e["start"])
    d = {"id": aid, "title": paras[0][0], "date": date, "source": "test", "url": None, "text": text,
         "entities": ents, "claims": list(claims), "compounds": [], "removed": []}
    if with_sentences:
        d["sentences"] = sents
    return d


def corpus():
    """Three articles; per-level weights are spelled out in the tests."""
    a1 = make_article("a1", "2024-03-01T08:00:00", [
        ["Schoigu trifft Lukaschenko."],
        ["Schoigu und Lukaschenko sprachen in Minsk.", "Putin lobte Schoigu."],
        ["Der Kreml schwieg dazu."],
    ], {"Schoigu": ("PER", SCH), "Lukaschenko": ("PER", LUK), "Minsk": ("LOC", None), "Putin": ("PER", PUT),
        "Kreml": ("ORG", KREML)})
    a2 = make_article("a2", "2024-03-15", [
        ["Lukaschenko droht Kiew."],
        ["Aus Kiew kam Kritik an Lukaschenko.", "Selenskyj sprach mit Putin."],
    ], {"Lukaschenko": ("PER", LUK), "Kiew": ("LOC", KIEW), "Selenskyj": ("PER", SEL), "Putin": ("PER", PUT)})
    # an older output: no "sentences" offsets, an unlinked mention (Minsk -> LOC:minsk)
    a3 = make_article("a3", "2024-04-02", [
        ["Schoigu besucht Minsk."],
        ["Lukaschenko empfing Schoigu!", "Die Nato warnte."],
    ], {"Schoigu": ("PER", SCH), "Minsk": ("LOC", None), "Lukaschenko": ("PER", LUK), "Nato": ("ORG", NATO)},
        with_sentences=False)
    return [a1, a2, a3]


def weights(G):
    return {tuple(sorted((s, t))): d["weight"] for s, t, d in G.edges(data=True)}


def norm(expected):
    """Hand-written pairs in any order -> the sorted pairs ``weights`` uses."""
    return {tuple(sorted(k)): v for k, v in expected.items()}


def build(level, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build_graph(corpus(), level=level, **kw)


EXPECTED = {
    # A1 sentences {S,L} {S,L,Minsk} {Putin,S} {Kreml}; A2 {L,Kiew} {Kiew,L} {Sel,Putin}; A3 {S,Minsk} {L,S} {Nato}
    "sentence": {(LUK, SCH): 3, (MINSK, SCH): 2, (LUK, MINSK): 1, (PUT, SCH): 1, (KIEW, LUK): 2, (PUT, SEL): 1},
    # A1 paras {S,L} {S,L,Minsk,Putin} {Kreml}; A2 {L,Kiew} {Kiew,L,Sel,Putin}; A3 {S,Minsk} {L,S,Nato}
    "paragraph": {(LUK, SCH): 3, (MINSK, SCH): 2, (LUK, MINSK): 1, (PUT, SCH): 1, (LUK, PUT): 2, (MINSK, PUT): 1,
                  (KIEW, LUK): 2, (KIEW, SEL): 1, (KIEW, PUT): 1, (LUK, SEL): 1, (PUT, SEL): 1, (LUK, NATO): 1,
                  (NATO, SCH): 1},
    # A1 {S,L,Minsk,Putin,Kreml}; A2 {L,Kiew,Sel,Putin}; A3 {S,Minsk,L,Nato}
    "article": {(LUK, SCH): 2, (MINSK, SCH): 2, (LUK, MINSK): 2, (LUK, PUT): 2, (PUT, SCH): 1, (KREML, SCH): 1,
                (KREML, LUK): 1, (MINSK, PUT): 1, (KREML, MINSK): 1, (KREML, PUT): 1, (KIEW, LUK): 1,
                (LUK, SEL): 1, (KIEW, SEL): 1, (KIEW, PUT): 1, (PUT, SEL): 1, (NATO, SCH): 1, (MINSK, NATO): 1,
                (LUK, NATO): 1},
}
ALL_NODES = {SCH, LUK, PUT, SEL, KIEW, MINSK, KREML, NATO}


@pytest.mark.parametrize("level", LEVELS)
def test_weights_per_level(level):
    G = build(level)
    assert weights(G) == norm(EXPECTED[level])
    assert set(G.nodes) == ALL_NODES  # Kreml/Nato have no sentence edges but stay nodes


def test_node_attributes():
    G = build("sentence")
    s = G.nodes[SCH]
    assert s == {"name": "Schoigu", "label": "PER", "mentions": 5, "articles": 2,
                 "first_date": "2024-03-01", "last_date": "2024-04-02"}
    assert G.nodes[LUK]["mentions"] == 5 and G.nodes[LUK]["articles"] == 3
    assert G.nodes[MINSK]["name"] == "Minsk" and G.nodes[MINSK]["label"] == "LOC"


def test_edge_attributes_and_provenance_cap():
    G = build("sentence")
    e = G.edges[SCH, LUK]
    assert e == {"weight": 3, "articles": 2, "first_date": "2024-03-01", "last_date": "2024-04-02",
                 "article_ids": ["a1", "a3"], "article_ids_more": 0}
    G1 = build("sentence", max_provenance=1)
    assert G1.edges[SCH, LUK]["article_ids"] == ["a1"] and G1.edges[SCH, LUK]["article_ids_more"] == 1


def test_same_entity_twice_in_a_unit_adds_nothing():
    art = make_article("x", "2024-01-01", [["Putin und Putin trafen Schoigu."]],
                       {"Putin": ("PER", PUT), "Schoigu": ("PER", SCH)})
    G = build_graph([art], level="sentence")
    assert weights(G) == norm({(PUT, SCH): 1})
    assert G.nodes[PUT]["mentions"] == 2
    assert not any(s == t for s, t in G.edges)


def test_min_weight_keeps_isolated_nodes():
    G = build("sentence", min_weight=2)
    assert weights(G) == norm({(LUK, SCH): 3, (MINSK, SCH): 2, (KIEW, LUK): 2})
    assert set(G.nodes) == ALL_NODES


def test_label_filter():
    G = build("sentence", labels="PER")
    assert set(G.nodes) == {SCH, LUK, PUT, SEL}
    assert weights(G) == norm({(LUK, SCH): 3, (PUT, SCH): 1, (PUT, SEL): 1})
    G2 = build("article", labels=["per", "ORG"])
    assert set(G2.nodes) == {SCH, LUK, PUT, SEL, KREML, NATO}
    assert weights(G2)[(LUK, SCH)] == 2 and (KIEW, LUK) not in weights(G2)


def test_date_filter():
    G = build("sentence", date_to="2024-03-31")
    assert weights(G) == norm({(LUK, SCH): 2, (MINSK, SCH): 1, (LUK, MINSK): 1, (PUT, SCH): 1, (KIEW, LUK): 2,
                          (PUT, SEL): 1})
    assert NATO not in G and G.nodes[SCH]["last_date"] == "2024-03-01"
    G2 = build("article", date_from="2024-03-15", date_to="2024-03-15")
    assert set(G2.nodes) == {LUK, KIEW, SEL, PUT} and set(weights(G2).values()) == {1}


def test_filtered_to_nothing_is_empty_with_warning():
    with pytest.warns(UserWarning, match="empty"):
        G = build_graph(corpus(), level="article", labels="MISC")
    assert G.number_of_nodes() == 0
    with pytest.warns(UserWarning, match="empty"):
        G = build_graph(corpus(), level="article", date_from="2030-01-01")
    assert G.number_of_nodes() == 0
    with pytest.warns(UserWarning, match="no edges"):
        G = build_graph(corpus(), level="article", min_weight=99)
    assert G.number_of_nodes() == 8 and G.number_of_edges() == 0


def test_missing_sentences_warns_once():
    with pytest.warns(UserWarning, match="sentences") as rec:
        build_graph(corpus() + corpus()[2:], level="sentence")
    assert sum("sentences" in str(w.message) for w in rec) == 1


def test_article_objects_and_dicts_agree():
    objs = [Article.from_dict(d) for d in corpus()]
    for level in ("article", "paragraph"):
        assert nx.utils.graphs_equal(build_graph(objs, level=level), build(level))


def test_entities_mapping_names_nodes():
    ents = {SCH: {"entity_id": SCH, "name": "Sergej Schoigu", "label": "PER", "variants": {"Schoigu": 5}}}
    G = build("article", entities=ents)
    assert G.nodes[SCH]["name"] == "Sergej Schoigu"
    assert G.nodes[LUK]["name"] == "Lukaschenko"


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("kw", [{}, {"min_weight": 2}, {"labels": "PER,LOC"}, {"date_from": "2024-03-10"},
                                {"max_provenance": 1}, {"labels": "MISC"}])
def test_duckdb_path_equals_memory_path(level, kw, tmp_path):
    mem = build(level, **kw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        duck = build_graph(corpus(), level=level, engine="duckdb", workdir=tmp_path / "w", **kw)
    assert nx.utils.graphs_equal(mem, duck)
    assert list(mem.nodes) == list(duck.nodes) and list(mem.edges) == list(duck.edges)


def test_time_slices():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        months = time_slices(corpus(), freq="month", level="sentence")
        weeks = time_slices(corpus(), freq="week", level="article")
        days = time_slices(corpus(), freq="day", level="article")
    assert list(months) == ["2024-03", "2024-04"]
    assert weights(months["2024-03"])[(LUK, SCH)] == 2 and weights(months["2024-04"]) == {(MINSK, SCH): 1,
                                                                                         (LUK, SCH): 1}
    assert list(weeks) == ["2024-W09", "2024-W11", "2024-W14"]
    assert set(weeks["2024-W11"].nodes) == {LUK, KIEW, SEL, PUT}
    assert list(days) == ["2024-03-01", "2024-03-15", "2024-04-02"]
    assert months["2024-04"].graph["period"] == "2024-04"


def claims_article():
    text = "Putin sagte, Selenskyj lüge. Laut Tass erklärte Lawrow, die Nato sei schuld und Selenskyj auch."

    def span(s, nth=0):
        i = [m.start() for m in re.finditer(re.escape(s), text)][nth]
        return {"text": s, "start": i, "end": i + len(s)}

    ents = [dict(span("Putin"), label="PER", entity_id=PUT), dict(span("Selenskyj"), label="PER", entity_id=SEL),
            dict(span("Tass"), label="ORG", entity_id=None), dict(span("Lawrow"), label="PER", entity_id=None),
            dict(span("Nato"), label="ORG", entity_id=NATO), dict(span("Selenskyj", 1), label="PER", entity_id=SEL)]
    claims = [
        {"speaker": dict(span("Putin"), entity_id=PUT), "cue": span("sagte"), "content": span("Selenskyj lüge"),
         "mode": "indirect", "via": None, "hearsay": False},
        {"speaker": dict(span("Lawrow"), entity_id=None), "cue": span("erklärte"),
         "content": span("die Nato sei schuld und Selenskyj auch"), "mode": "reported",
         "via": {"text": "Tass", "entity_id": None}, "hearsay": True},
        {"speaker": None, "cue": None, "content": span("Putin sagte"), "mode": "direct", "via": None,
         "hearsay": False},
    ]
    return {"id": "c1", "title": "Putin", "date": "2024-05-01", "text": text, "entities": ents, "claims": claims}


def test_claims_graph_about_and_relays():
    G = build_claims_graph([claims_article()])
    assert G.is_directed()
    e = G.edges[PUT, SEL]
    assert (e["weight"], e["about"], e["relays"], e["indirect"], e["hearsay"]) == (1, 1, 0, 1, 0)
    assert G.edges["PER:lawrow", NATO]["about"] == 1 and G.edges["PER:lawrow", NATO]["reported"] == 1
    assert G.edges["PER:lawrow", SEL]["about"] == 1
    t = G.edges["PER:lawrow", "ORG:tass"]
    assert (t["relays"], t["about"], t["reported"], t["hearsay"]) == (1, 0, 1, 1)
    assert G.nodes["PER:lawrow"]["claims"] == 1 and G.nodes[SEL]["claims"] == 0
    assert not G.has_edge(SEL, PUT)
    R = build_claims_graph([claims_article()], kind="relays")
    assert [(s, t) for s, t, d in R.edges(data=True)] == [("PER:lawrow", "ORG:tass")]
    A = build_claims_graph([claims_article()], kind="about", labels="PER")
    assert set(A.edges) == {(PUT, SEL), ("PER:lawrow", SEL)}


def test_claims_graph_round_trips(tmp_path):
    G = build_claims_graph([claims_article()])
    for fmt in FORMATS:
        H = read_graph(export_graph(G, tmp_path / f"claims.{fmt}", fmt))
        assert H.is_directed() and nx.utils.graphs_equal(G, H), fmt


def test_analysis_tables():
    G = build("sentence")
    top = top_entities(G, n=2)
    assert top["entity_id"].tolist() == [LUK, SCH] and top["mentions"].tolist() == [5, 5]
    deg = degree_table(G).set_index("entity_id")
    assert deg.loc[LUK, "degree"] == 3 and deg.loc[LUK, "weighted_degree"] == 6
    assert deg.loc[SCH, "weighted_degree"] == 6 and deg.loc[KREML, "degree"] == 0
    te = top_edges(G, n=1)
    assert te.loc[0, "weight"] == 3
    assert {te.loc[0, "source_name"], te.loc[0, "target_name"]} == {"Schoigu", "Lukaschenko"}
    bc = betweenness(G, weighted=False)
    assert bc.loc[0, "entity_id"] == SCH and bc.set_index("entity_id").loc[KREML, "betweenness"] == 0
    com = communities(G)
    assert sorted(com["entity_id"]) == sorted(ALL_NODES)
    assert com.equals(communities(G))  # seeded: deterministic
    singles = com[com["community_size"] == 1]["entity_id"].tolist()
    assert KREML in singles and NATO in singles


def test_ego_network_by_name_and_variant():
    G = build("sentence")
    ents = {SCH: {"name": "Sergej Schoigu", "label": "PER", "variants": {"Schoigu": 5, "Schoigus": 1}}}
    names = name_index(ents)
    ego = ego_network(G, "schoigus", names=names)
    assert ego["entity_id"].tolist() == [LUK, MINSK, PUT] and ego["weight"].tolist() == [3, 2, 1]
    assert ego_network(G, "Lukaschenko", top=1)["entity_id"].tolist() == [SCH]  # node name match
    sub = ego_graph(G, SCH, top=2)
    assert set(sub.nodes) == {SCH, LUK, MINSK} and sub.edges[LUK, MINSK]["weight"] == 1


def test_evidence_matches_edge_weight():
    names = {"schoigu": SCH, "lukaschenko": LUK}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ev = evidence(corpus(), "Schoigu", "Lukaschenko", names=names)
        assert len(ev) == build("sentence").edges[SCH, LUK]["weight"] == 3
        assert ev["article_id"].tolist() == ["a1", "a1", "a3"]
        assert ev.loc[1, "text"] == "Schoigu und Lukaschenko sprachen in Minsk."
        assert ev.loc[2, "text"] == "Lukaschenko empfing Schoigu!"
        by_id = evidence(corpus(), SCH, LUK, level="paragraph")
        assert len(by_id) == 3
        # unlinked mention (Minsk has no entity_id) found by surface text
        assert len(evidence(corpus(), "Minsk", SCH)) == 2
        assert evidence(corpus(), "Schoigu", "Kiew", names=names).empty


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("level", LEVELS)
def test_export_round_trip(fmt, level, tmp_path):
    G = build(level, labels="PER,LOC,ORG", min_weight=1)
    path = export_graph(G, tmp_path / f"g.{fmt}", fmt)
    H = read_graph(path)
    assert not H.is_directed()
    assert nx.utils.graphs_equal(G, H)
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert isinstance(H.edges[SCH, LUK]["weight"], int) and isinstance(H.edges[SCH, LUK]["article_ids"], list)


def test_csv_is_gephi_edge_list(tmp_path):
    G = build("sentence", min_weight=2)
    path = export_graph(G, tmp_path / "g.csv", "csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("Source,Target,Weight,Type")
    assert f"{LUK},{SCH},3,Undirected,2,2024-03-01,2024-04-02,a1;a3,0" in lines[1:]
    assert len(lines) == 4
    assert (tmp_path / "g.nodes.csv").read_text(encoding="utf-8").startswith("Id,Label,Category")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_unsafe_names(fmt, tmp_path):
    ents = {SCH: {"name": "A&B <Holding> \"X\"\x01\x0b GmbH", "label": "ORG"}}
    G = build("article", entities=ents)
    with pytest.warns(UserWarning, match="control characters"):
        path = export_graph(G, tmp_path / f"g.{fmt}", fmt)
    H = read_graph(path)
    assert H.nodes[SCH]["name"] == "A&B <Holding> \"X\"   GmbH"
    assert H.nodes[SCH]["label"] == "ORG"
    # without control characters the round trip is exact
    G.nodes[SCH]["name"] = "A&B <Holding> \"X\""
    H = read_graph(export_graph(G, tmp_path / f"h.{fmt}", fmt))
    assert nx.utils.graphs_equal(G, H)


@pytest.mark.parametrize("directed", [False, True])
def test_graphml_writer_reads_back_like_networkx(directed, tmp_path):
    """Our streaming GraphML writer against networkx's own writer: same graph read back from both."""
    G = nx.DiGraph() if directed else nx.Graph()
    G.graph.update({"kind": "test", "min_weight": 2, "note": None, "labels": ["PER", "ORG"]})
    G.add_node("PER:a", name="Lukaschenko's \"Minsk\" & <Co>", label="PER", score=0.25, core=True, mentions=3)
    G.add_node("ORG:b", name="Belta", label="ORG", score=1, core=False, mentions=7, extra=None)
    G.add_node("LOC:c", name="Kyjiw\tKiew\nÜ", label="LOC", score=2.5)
    G.add_edge("PER:a", "ORG:b", weight=4, share=0.5, article_ids=["a1", "a&2"], first_date="2024-03-01")
    G.add_edge("ORG:b", "LOC:c", weight=1, share=1, article_ids=[], note=None)
    ours = read_graph(export_graph(G, tmp_path / "ours.graphml"))
    nx.write_graphml(encode_for_xml(G), tmp_path / "theirs.graphml", infer_numeric_types=True)
    theirs = read_graph(tmp_path / "theirs.graphml")
    assert ours.is_directed() == directed
    assert ours.graph == theirs.graph
    assert dict(ours.nodes(data=True)) == dict(theirs.nodes(data=True))
    assert sorted(ours.edges(data=True)) == sorted(theirs.edges(data=True))
    assert ours.nodes["PER:a"]["name"] == G.nodes["PER:a"]["name"] and ours.nodes["PER:a"]["core"] is True
    assert ours.nodes["ORG:b"]["score"] == 1.0 and isinstance(ours.nodes["ORG:b"]["score"], float)  # widened
    assert ours.edges["PER:a", "ORG:b"]["article_ids"] == ["a1", "a&2"]
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("kw", [{}, {"min_weight": 2}, {"labels": "PER"}, {"date_to": "2024-03-20"}])
def test_comentions_push_writes_what_export_writes(level, kw, tmp_path):
    """Articles pushed one at a time give build_graph's graph, and the streamed GraphML is the
    file export_graph writes for it, byte for byte."""
    G = build(level, **kw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the corpus's fall-backs, warned about in their own tests
        agg = CoMentions(level=level, **kw)
        for a in corpus():
            agg.add(a)
        assert nx.utils.graphs_equal(agg.graph(), G)
        assert dict(agg.graph().nodes(data=True)) == dict(G.nodes(data=True))
        streamed = agg.write_graphml(tmp_path / "streamed.graphml").read_bytes()
    assert streamed == export_graph(G, tmp_path / "exported.graphml").read_bytes()
    assert (b"first_date" in streamed) == any("first_date" in d for _s, _t, d in G.edges(data=True))


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("min_weight", [1, 2])
def test_duckdb_streamed_graphml_is_the_exported_file(level, min_weight, tmp_path):
    """GraphML streamed from DuckDB's sorted edge rows is byte for byte what export_graph writes
    for the in-memory graph (dates, provenance, entity names, isolated nodes)."""
    from newsents.graph.store import write_graphml_duckdb

    ents = {SCH: {"name": "Sergej Schoigu", "label": "PER"}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = build_graph(corpus(), level=level, min_weight=min_weight, entities=ents)
        streamed = write_graphml_duckdb(corpus(), tmp_path / "d.graphml", level=level, min_weight=min_weight,
                                        entities=ents, max_provenance=1)
        capped = build_graph(corpus(), level=level, min_weight=min_weight, entities=ents, max_provenance=1)
    exported = export_graph(capped, tmp_path / "m.graphml")
    assert streamed.read_bytes() == exported.read_bytes()
    assert G.number_of_edges() == capped.number_of_edges() > 0


def test_empty_graph_exports(tmp_path):
    with pytest.warns(UserWarning):
        G = build_graph(corpus(), labels="MISC")
    for fmt in FORMATS:
        with pytest.warns(UserWarning, match="empty"):
            path = export_graph(G, tmp_path / f"e.{fmt}", fmt)
        assert read_graph(path).number_of_nodes() == 0


def write_output(tmp_path, truncate=True):
    out = tmp_path / "out"
    out.mkdir()
    lines = [json.dumps(a, ensure_ascii=False) for a in corpus()]
    text = "\n".join(lines) + "\n"
    if truncate:  # an interrupted run: the last record is cut off
        text += lines[0][: len(lines[0]) // 2]
    (out / "articles.jsonl").write_text(text, encoding="utf-8")
    ent = {"entity_id": SCH, "name": "Sergej Schoigu", "label": "PER", "variants": {"Schoigu": 5}, "mentions": 5,
           "articles": 2}
    (out / "entities.jsonl").write_text(json.dumps(ent) + "\n", encoding="utf-8")
    return out


def test_iter_jsonl_skips_truncated_line(tmp_path):
    out = write_output(tmp_path)
    with pytest.warns(UserWarning, match="skipped 1 invalid line"):
        recs = list(iter_jsonl(out / "articles.jsonl"))
    assert [r["id"] for r in recs] == ["a1", "a2", "a3"]


@pytest.mark.parametrize("engine", ["memory", "duckdb"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_graph_from_output(fmt, engine, tmp_path):
    out = write_output(tmp_path)
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        path = graph_from_output(out, level="sentence", min_weight=2, labels="PER,LOC", fmt=fmt, engine=engine)
    assert any("invalid line" in str(w.message) for w in rec)
    assert path == out / f"graph_sentence_LOC-PER_w2.{fmt}" and path.exists()  # the filters name the file
    H = read_graph(path)
    assert weights(H) == norm({(LUK, SCH): 3, (MINSK, SCH): 2, (KIEW, LUK): 2})
    assert H.nodes[SCH]["name"] == "Sergej Schoigu"
    assert H.graph["level"] == "sentence" and H.graph["min_weight"] == 2 and H.graph["labels"] == "LOC,PER"


def test_graph_from_output_dates_and_out_path(tmp_path):
    out = write_output(tmp_path, truncate=False)
    target = tmp_path / "x" / "g.json"
    path = graph_from_output(out, GraphFilter(date_from="2024-04-01"), fmt="json", out_path=target)
    assert path == target
    assert set(read_graph(path).nodes) == {SCH, MINSK, LUK, NATO}
    # the jsonl file itself is accepted too; the default output lands beside it
    p2 = graph_from_output(out / "articles.jsonl", GraphFilter("paragraph", "PER", 2), fmt="graphml")
    assert p2 == out / "graph_paragraph_PER_w2.graphml"
    assert weights(read_graph(p2)) == norm({(LUK, SCH): 3, (LUK, PUT): 2})
    with pytest.raises(FileNotFoundError):
        graph_from_output(tmp_path / "nowhere", fmt="json")


def test_slug_and_fallback_ids():
    assert slug("Sergej Schoigu") == "sergej-schoigu"
    assert slug("Jürgen Müller-Groß") == "juergen-mueller-gross"
    G = build("article")
    assert MINSK in G  # unlinked "Minsk" (LOC) -> LOC:minsk


def test_unit_splitting_helpers():
    from newsents.graph.units import fallback_sentences, paragraphs

    text = "Erster Satz. Zweiter Satz! Dritter?"
    assert [text[s:e].strip() for s, e in fallback_sentences(text)] == ["Erster Satz.", "Zweiter Satz!", "Dritter?"]
    two = "A b.\n\nC d.\nE."
    assert [two[s:e] for s, e in paragraphs(two)] == ["A b.", "C d.\nE."]
    one = "A b.\nC d."
    assert [one[s:e] for s, e in paragraphs(one)] == ["A b.", "C d."]  # no blank lines: split lines


def test_paragraph_level_without_blank_lines():
    art = make_article("p", "2024-01-01", [["Putin lobte Schoigu."]], {"Putin": ("PER", PUT), "Schoigu": ("PER", SCH),
                                                                       "Kiew": ("LOC", KIEW)})
    art["text"] += "\nKiew schwieg."
    art["entities"].append({"text": "Kiew", "label": "LOC", "start": art["text"].index("Kiew"),
                            "end": art["text"].index("Kiew") + 4, "entity_id": KIEW})
    assert weights(build_graph([art], level="paragraph")) == norm({(PUT, SCH): 1})
    assert len(weights(build_graph([art], level="article"))) == 3


def test_time_slices_skip_undated():
    arts = corpus()
    arts[1]["date"] = None
    with pytest.warns(UserWarning, match="without a date"):
        months = time_slices(arts, freq="month", level="article")
    assert KIEW not in months["2024-03"]


@pytest.mark.parametrize("freq", ["day", "week", "month"])
@pytest.mark.parametrize("level", LEVELS)
def test_time_slices_duckdb_equals_memory(freq, level, tmp_path):
    arts = corpus()
    arts[1]["date"] = None  # undated: skipped by both
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mem = time_slices(arts, freq=freq, level=level, max_provenance=1)
        duck = time_slices(arts, freq=freq, level=level, max_provenance=1, engine="duckdb", workdir=tmp_path)
    assert list(mem) == list(duck) and len(mem) == 2
    for key in mem:
        assert nx.utils.graphs_equal(mem[key], duck[key]), key


def _random_corpus(spec):
    """Articles from (date index, [[entity numbers per sentence] per paragraph]) specs."""
    pool = [("Putin", "PER"), ("Schoigu", "PER"), ("Kiew", "LOC"), ("Nato", "ORG"), ("Minsk", "LOC")]
    arts = []
    for i, (day, paras) in enumerate(spec):
        text, sents, ents = "", [], []
        for pi, para in enumerate(paras):
            if pi:
                text += "\n\n"
            for si, sent in enumerate(para):
                if si:
                    text += " "
                start = len(text)
                for k, e in enumerate(sent):
                    name, label = pool[e]
                    if k:
                        text += " und "
                    ents.append({"text": name, "label": label, "start": len(text), "end": len(text) + len(name),
                                 "entity_id": f"{label}:{slug(name)}" if e % 2 else None})
                    text += name
                text += " reden."
                sents.append([start, len(text)])
        arts.append({"id": f"r{i}", "date": f"2024-0{1 + day}-1{day}", "text": text, "entities": ents,
                     "sentences": sents})
    return arts


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    _spec = st.lists(st.tuples(st.integers(0, 2), st.lists(st.lists(st.lists(st.integers(0, 4), max_size=4),
                                                                     min_size=1, max_size=3), min_size=1, max_size=3)),
                     max_size=6)

    @settings(max_examples=20, deadline=None)
    @given(spec=_spec, level=st.sampled_from(LEVELS), min_weight=st.integers(1, 3))
    def test_engines_agree_on_random_corpora(spec, level, min_weight):
        arts = _random_corpus(spec)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mem = build_graph(arts, level=level, min_weight=min_weight, max_provenance=2)
            duck = build_graph(arts, level=level, min_weight=min_weight, max_provenance=2, engine="duckdb")
        assert nx.utils.graphs_equal(mem, duck)
        # weights never exceed the number of units, and provenance never the article count
        assert all(d["weight"] >= d["articles"] >= len(d["article_ids"]) for _s, _t, d in mem.edges(data=True))
except ImportError:  # hypothesis is a test extra
    pass


def test_streamed_graphml_escapes_ids_like_the_exporter(tmp_path):
    """Article and entity ids with XML specials, quotes and control characters, dated and undated
    articles: the schema-rendered edges are still the exported file, byte for byte."""
    arts = [make_article('a&<1>"\\ü', "2024-05-02", [["Schoigu traf Lukaschenko in Minsk."]],
                         {"Schoigu": ("PER", "PER:scho&igu"), "Lukaschenko": ("PER", "PER:<luka>"),
                          "Minsk": ("LOC", "LOC:min\x01sk")}),
            make_article("b'\x02", None, [["Schoigu und Lukaschenko schwiegen."]],
                         {"Schoigu": ("PER", "PER:scho&igu"), "Lukaschenko": ("PER", "PER:<luka>")})]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # control characters are replaced, with a warning
        agg = CoMentions(level="article")
        for a in arts:
            agg.add(a)
        streamed = agg.write_graphml(tmp_path / "s.graphml").read_bytes()
        exported = export_graph(build_graph(arts, level="article"), tmp_path / "e.graphml").read_bytes()
    assert streamed == exported
    G = read_graph(tmp_path / "s.graphml")
    assert G.edges["PER:scho&igu", "PER:<luka>"]["article_ids"] == ['a&<1>"\\ü', "b'\x02"]  # JSON escapes it
    assert G.edges["PER:scho&igu", "PER:<luka>"]["first_date"] == "2024-05-02"


def test_one_graph_filter_for_every_graph_function(tmp_path):
    """A GraphFilter and its fields as keywords build the same graphs; a wrong filter is a TypeError."""
    f = GraphFilter(level="sentence", labels="PER,LOC", min_weight=1)
    assert GraphFilter.of(level="sentence", labels="PER,LOC") == f
    assert GraphFilter.of(f, min_weight=2) == GraphFilter("sentence", "PER,LOC", 2)
    assert nx.utils.graphs_equal(build_graph(corpus(), f), build_graph(corpus(), level="sentence", labels="PER,LOC"))
    assert build_graph(corpus(), f).graph == build_graph(corpus(), level="sentence", labels="PER,LOC").graph
    assert list(time_slices(corpus(), "month", f)) == list(time_slices(corpus(), freq="month", level="sentence",
                                                                        labels="PER,LOC"))
    with pytest.raises(TypeError):
        build_graph(corpus(), "sentence")
