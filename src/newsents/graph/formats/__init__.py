"""Exports of a graph, one format per module: GraphML, GEXF and node-link JSON through networkx,
CSV as two tables."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Optional, Union

import networkx as nx

from .csv import decode_attrs, read_csv, write_csv
from .graphml import encode_for_xml, write_graphml

FORMATS = ("graphml", "gexf", "json", "csv")



def export_graph(G: nx.Graph, path: Union[str, Path], fmt: Optional[str] = None) -> Path:
    """Write ``G`` as ``graphml``, ``gexf``, ``json`` (node-link) or ``csv``.

    CSV is a GDELT/Gephi-style edge list (Source, Target, Weight, Type, then the other edge
    attributes) with a companion ``<name>.nodes.csv`` (Id, Label=name, Category=label, ...).
    Lists (provenance) are JSON strings in GraphML/GEXF and ``;``-joined in CSV; :func:`read_graph`
    restores them.
    """
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, got {fmt!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if G.number_of_nodes() == 0:
        warnings.warn(f"writing an empty graph to {path}", stacklevel=2)
    if fmt == "graphml" and not G.is_multigraph():
        write_graphml(path, G.graph, lambda: G.nodes(data=True), lambda: G.edges(data=True), G.is_directed())
    elif fmt == "graphml":
        nx.write_graphml(encode_for_xml(G), path, encoding="utf-8")
    elif fmt == "gexf":
        H = encode_for_xml(G)
        meta = dict(H.graph)
        H.graph.clear()
        H.graph["name"] = json.dumps(meta, ensure_ascii=False)  # GEXF keeps only a graph name
        for _n, d in H.nodes(data=True):  # GEXF's node label is the display name (Gephi)
            if "label" in d:
                d["entity_label"] = d.pop("label")
            if "name" in d:
                d["label"] = d["name"]
        nx.write_gexf(H, path, encoding="utf-8")
    elif fmt == "json":
        data = nx.node_link_data(G, edges="edges")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
    else:
        write_csv(G, path)
    return path



def read_graph(path: Union[str, Path], fmt: Optional[str] = None) -> nx.Graph:
    """Read a graph written by :func:`export_graph`, restoring provenance lists, integer weights,
    node labels (GEXF) and graph metadata, so the result equals the exported graph."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt == "json":
        with open(path, encoding="utf-8") as f:
            return nx.node_link_graph(json.load(f), edges="edges")
    if fmt == "csv":
        return read_csv(path)
    if fmt == "graphml":
        G = nx.read_graphml(path)
        for k in list(G.graph):
            if k in ("node_default", "edge_default"):
                del G.graph[k]
    elif fmt == "gexf":
        M = nx.read_gexf(path)
        G = nx.DiGraph() if M.is_directed() else nx.Graph()
        name = M.graph.get("name")
        if name:
            try:
                G.graph.update(json.loads(name))
            except json.JSONDecodeError:
                G.graph["name"] = name
        for n, d in M.nodes(data=True):
            d = dict(d)
            d.pop("label", None)
            if "entity_label" in d:
                d["label"] = d.pop("entity_label")
            G.add_node(n, **d)
        for s, t, d in M.edges(data=True):
            d = {k: v for k, v in d.items() if k != "id"}
            if isinstance(d.get("weight"), float) and d["weight"].is_integer():
                d["weight"] = int(d["weight"])
            G.add_edge(s, t, **d)
    else:
        raise ValueError(f"fmt must be one of {FORMATS}, got {fmt!r}")
    for _n, d in G.nodes(data=True):
        decode_attrs(d)
    for _s, _t, d in G.edges(data=True):
        decode_attrs(d)
    return G
