"""CSV: a graph as two tables, nodes and edges, and back."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any, Optional

import networkx as nx

#: Edge attributes that hold lists (JSON-encoded in CSV cells).
LIST_ATTRS = ("article_ids",)


def csv_paths(path: Path) -> tuple[Path, Path]:
    return path, path.with_name(path.stem + ".nodes" + path.suffix)


_EDGE_FIXED = ("weight", "articles", "first_date", "last_date", "article_ids", "article_ids_more")
_NODE_FIXED = ("name", "label", "mentions", "articles", "first_date", "last_date")


def write_csv(G: nx.Graph, path: Path) -> None:
    epath, npath = csv_paths(path)
    gtype = "Directed" if G.is_directed() else "Undirected"
    extra_e = sorted({k for _s, _t, d in G.edges(data=True) for k in d} - set(_EDGE_FIXED))
    extra_n = sorted({k for _n, d in G.nodes(data=True) for k in d} - set(_NODE_FIXED))

    def cell(v):
        if v is None:
            return ""
        if isinstance(v, (list, tuple)):
            return ";".join(str(x) for x in v)
        return v

    with open(epath, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Source", "Target", "Weight", "Type", "articles", "first_date", "last_date", "article_ids",
                    "article_ids_more", *extra_e])
        for s, t, d in G.edges(data=True):
            w.writerow([s, t, d.get("weight", 1), gtype, *(cell(d.get(k)) for k in _EDGE_FIXED[1:]),
                        *(cell(d.get(k)) for k in extra_e)])
    with open(npath, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Id", "Label", "Category", "mentions", "articles", "first_date", "last_date", *extra_n])
        for n, d in G.nodes(data=True):
            w.writerow([n, *(cell(d.get(k)) for k in _NODE_FIXED), *(cell(d.get(k)) for k in extra_n)])
    meta_path = path.with_name(path.stem + ".meta.json")
    meta_path.write_text(json.dumps({"directed": G.is_directed(), "graph": G.graph}, ensure_ascii=False, indent=1),
                         encoding="utf-8")


def _num(v: str) -> Any:
    if re.fullmatch(r"-?\d+", v):
        return int(v)
    try:
        return float(v)
    except ValueError:
        return v


def read_csv(path: Path) -> nx.Graph:
    epath, npath = csv_paths(path)
    meta_path = path.with_name(path.stem + ".meta.json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    directed = meta.get("directed")
    G: Optional[nx.Graph] = None
    edges = []
    with open(epath, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if directed is None:
                directed = row.get("Type", "Undirected").lower() == "directed"
            d: dict[str, Any] = {"weight": _num(row.pop("Weight", "1") or "1")}
            s, t = row.pop("Source"), row.pop("Target")
            row.pop("Type", None)
            for k, v in row.items():
                if v == "" and k != "article_ids":
                    continue
                if k == "article_ids":
                    d[k] = v.split(";") if v else []
                elif k in ("first_date", "last_date"):
                    d[k] = v
                else:
                    d[k] = _num(v)
            edges.append((s, t, d))
    G = nx.DiGraph() if directed else nx.Graph()
    G.graph.update(meta.get("graph", {}))
    if npath.exists():
        with open(npath, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                n = row.pop("Id")
                d = {"name": row.pop("Label"), "label": row.pop("Category")}
                for k, v in row.items():
                    if v != "":
                        d[k] = v if k in ("first_date", "last_date", "name") else _num(v)
                G.add_node(n, **d)
    for s, t, d in edges:
        G.add_edge(s, t, **d)
    return G


def decode_attrs(d: dict[str, Any]) -> None:
    for k in LIST_ATTRS:
        if isinstance(d.get(k), str):
            d[k] = json.loads(d[k])
