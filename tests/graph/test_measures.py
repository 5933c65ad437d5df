"""Currencies and units are no graph nodes by default; ``measures=True`` keeps them; both engines
agree either way."""

from __future__ import annotations

import warnings

import networkx as nx
import pytest

from newsents.core.records import Article, Mention
from newsents.graph import build_graph
from newsents.graph.units import is_measure


def corpus():
    text = "Scholz zahlt 5 Euro und 3 Dollar in Berlin, 2 Barrel Öl."
    mentions = [("Scholz", "PER", "PER:olaf-scholz"), ("Euro", "MISC", "MISC:euro"),
                ("Dollar", "MISC", "MISC:us-dollar"), ("Berlin", "LOC", "LOC:berlin"),
                ("Barrel", "MISC", "MISC:barrel")]
    ents = [Mention(t, label, text.index(t), text.index(t) + len(t), eid) for t, label, eid in mentions]
    return [Article("m1", text, entities=ents, date="2024-03-01"),
            Article("m2", "Euro und Scholz.", date="2024-03-02",
                    entities=[Mention("Euro", "ORG", 0, 4, "ORG:euro"),
                              Mention("Scholz", "PER", 9, 15, "PER:olaf-scholz")])]


@pytest.mark.parametrize(("eid", "measure"), [
    ("MISC:euro", True), ("MISC:us-dollar", True), ("MISC:dollar", True), ("ORG:euro", True), ("MISC:barrel", True),
    ("MISC:rubel", True), ("LOC:franken", False), ("ORG:x", False), ("PER:olaf-scholz", False), ("LOC:berlin", False),
])
def test_is_measure(eid, measure):
    assert is_measure(eid) is measure


def test_measures_are_no_nodes_by_default_and_kept_on_request(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for measures in (False, True):
            mem = build_graph(corpus(), measures=measures)
            duck = build_graph(corpus(), engine="duckdb", workdir=tmp_path / str(measures), measures=measures)
            assert nx.utils.graphs_equal(mem, duck)
            found = {n for n in mem if is_measure(n)}
            assert found == ({"MISC:euro", "MISC:us-dollar", "MISC:barrel", "ORG:euro"} if measures else set())
            assert {"PER:olaf-scholz", "LOC:berlin"} <= set(mem)
