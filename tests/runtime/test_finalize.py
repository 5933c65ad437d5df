"""The corpus steps of a run (runtime/finalize.py): the one-pass graph equals what `newsents graph`
writes (also through DuckDB), and the cyclic garbage collector is paused only while they run."""

import pytest

from newsents import Corpus

TEXT = """Schoigu reist nach Minsk

Verteidigungsminister Sergej Schoigu ist am Montag in Minsk eingetroffen.
Schoigu und Lukaschenko beim Treffen. (Foto: AP)
„Wir stehen an der Seite unserer Verbündeten“, sagte Schoigu nach dem Treffen mit Alexander Lukaschenko.
Lukaschenko sagte, das Manöver richte sich gegen kein Nachbarland. Das berichtete die Agentur Belta.
"""


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
