"""GraphML: the co-mention graph streamed from its edge rows (both engines), and any graph
with the values GraphML cannot hold made safe."""

from __future__ import annotations

import json
import numbers
import re
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Optional, Union
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import networkx as nx
import numpy as np

from ...io.files import AtomicFile

#: One co-mention edge as both engines hand it to GraphML: source, target, weight, articles,
#: first and last date (or None), provenance article ids (see ``graph.comentions.edge_attrs``).
EdgeRow = tuple[str, str, int, int, Optional[str], Optional[str], Sequence[str]]


def write_comention_graphml(path: Union[str, Path], graph_attrs: Mapping[str, Any], nodes: Mapping[str, Mapping],
                            edges: Callable[[], Iterable[EdgeRow]], dated: bool) -> Path:
    """Stream a co-mention graph to GraphML: ``nodes`` by id, ``edges`` as sorted :data:`EdgeRow`
    tuples (``dated``: whether any carries first/last dates). The file is the one ``export_graph``
    writes for ``assemble_graph(nodes, edges, graph_attrs)``, with no networkx graph in between;
    the edges (65k per 500 news articles) are rendered from their fixed schema, in the order of
    :func:`edge_attrs`, without an attribute dict each."""
    if not nodes:
        warnings.warn(f"writing an empty graph to {path}", stacklevel=3)
    types: dict[str, set[type]] = {k: {int} for k in ("weight", "articles", "article_ids_more")}
    types["article_ids"] = {list}
    if dated:
        types["first_date"] = types["last_date"] = {str}

    def edge_lines(tags: Mapping[str, str], quoted: Callable[[Any], str], text: Callable[[Any], str]) -> Iterator[str]:
        w, n, ids_tag, more = (tags[k] for k in ("weight", "articles", "article_ids", "article_ids_more"))
        first_tag, last_tag = (tags.get("first_date"), tags.get("last_date"))
        # a provenance id's JSON string as GraphML text, made once per id (each id is on many edges;
        # escaping is per character, so the pieces join to the escaped JSON of the whole list)
        id_texts: dict[str, str] = {}
        known = id_texts.get

        def id_text(i: str) -> str:
            if len(id_texts) >= 100_000:  # bounded over millions of articles
                id_texts.clear()
            escaped = id_texts[i] = text(_json_string(i))
            return escaped

        for s, t, weight, articles, first, last, ids in edges():
            dates = f"  {first_tag}{text(first)}</data>\n  {last_tag}{text(last)}</data>\n" if first else ""
            # the text of json.dumps(ids, ensure_ascii=False) (a JSON string is never empty)
            ids_text = "[" + ", ".join([known(i) or id_text(i) for i in ids]) + "]"
            yield (f"<edge source={quoted(s)} target={quoted(t)}>\n  {w}{int(weight)}</data>\n"
                   f"  {n}{int(articles)}</data>\n{dates}  {ids_tag}{ids_text}</data>\n"
                   f"  {more}{int(articles) - len(ids)}</data>\n</edge>\n")

    path = Path(path)
    write_graphml(path, graph_attrs, lambda: ((n, nodes[n]) for n in sorted(nodes)), edge_types=types,
                   edge_lines=edge_lines)
    return path



# --------------------------------------------------------------------------------------------
# export / import
# --------------------------------------------------------------------------------------------

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _xml_safe(v: Any, found: list[bool]) -> Any:
    if isinstance(v, str) and _XML_BAD.search(v):
        found[0] = True
        return _XML_BAD.sub(" ", v)
    return v


def encode_for_xml(G: nx.Graph) -> nx.Graph:
    """Copy of ``G`` with lists/dicts as JSON strings, None dropped and XML-illegal control
    characters replaced by spaces (XML 1.0 cannot carry them; & < > are escaped by the writer)."""
    found = [False]
    H = G.__class__()
    meta = {k: v for k, v in G.graph.items() if v is not None}
    H.graph.update({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else _xml_safe(v, found))
                    for k, v in meta.items()})

    def enc(d):
        out = {}
        for k, v in d.items():
            if v is None:
                continue
            if isinstance(v, (list, tuple, dict)):
                v = json.dumps(v, ensure_ascii=False)
            out[k] = _xml_safe(v, found)
        return out

    mapping = {n: _xml_safe(n, found) for n in G.nodes}
    for n, d in G.nodes(data=True):
        H.add_node(mapping[n], **enc(d))
    for s, t, d in G.edges(data=True):
        H.add_edge(mapping[s], mapping[t], **enc(d))
    if found[0]:
        warnings.warn("control characters are not allowed in XML; replaced them with spaces", stacklevel=3)
    return H


_GRAPHML_OPEN = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def _graphml_type(types: set[type]) -> str:
    """GraphML type of an attribute from the Python types of its values (numbers widen to double,
    anything mixed with text is a string): the inference networkx's reader expects."""
    kinds = set()
    for t in types:
        if issubclass(t, (bool, np.bool_)):
            kinds.add("boolean")
        elif issubclass(t, (numbers.Integral,)):
            kinds.add("long")
        elif issubclass(t, numbers.Real):
            kinds.add("double")
        else:
            kinds.add("string")
    if len(kinds) == 1:
        return kinds.pop()
    return "double" if kinds <= {"long", "double"} else "string"


#: ``json.dumps(v, ensure_ascii=False)`` without making an encoder per call (one per edge here)
_JSON = json.JSONEncoder(ensure_ascii=False)
#: one string as JSON (ensure_ascii=False), the function the encoder itself uses for strings
_json_string = json.encoder.encode_basestring


def _graphml_text(v: Any, found: list[bool]) -> str:
    """An attribute value as escaped GraphML text (lists/dicts as JSON, XML-illegal characters out)."""
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (list, tuple, dict)):
        v = _JSON.encode(v)
    elif not isinstance(v, str):
        return str(v)
    return xml_escape(_xml_safe(v, found))


def write_graphml(path: Path, graph_attrs: Mapping[str, Any], nodes: Callable[[], Iterable[tuple[Any, Mapping]]],
                   edges: Optional[Callable[[], Iterable[tuple[Any, Any, Mapping]]]] = None, directed: bool = False,
                   edge_types: Optional[dict[str, set[type]]] = None,
                   edge_lines: Optional[Callable[..., Iterable[str]]] = None) -> None:
    """Stream a graph to GraphML line by line, for ``nx.read_graphml`` to read back identically.

    networkx's writer builds the whole XML tree before writing: for the graph of 500 news articles
    (65k edges) that took 1.7 s of ``process``'s 3.3 s corpus step, and memory grew with the file.
    ``nodes``/``edges`` give fresh iterators (one pass finds the attribute types, one writes);
    ``edge_types`` (attribute -> Python types) spares the first pass over the edges.
    ``edge_lines(tags, quoted, text)`` renders the ``<edge>`` elements in place of ``edges``, for a
    caller that knows its edge schema (it then gives ``edge_types``): ``tags`` maps edge attributes
    to their ``<data key=..>`` tag, ``quoted`` gives a node id's attribute value, ``text`` a value's
    escaped GraphML text. Lists (provenance) are JSON strings; None values are left out; the file
    appears atomically.
    """
    if (edges is None) == (edge_lines is None) or (edge_lines is not None and edge_types is None):
        raise ValueError("give either edges, or edge_lines with edge_types")
    found = [False]

    scopes = (("graph", _types_of([graph_attrs])), ("node", _types_of(d for _n, d in nodes())),
              ("edge", edge_types if edge_types is not None else _types_of(d for _s, _t, d in edges())))
    keys, lines = _keys(scopes, found)

    def data(scope: str, d: Mapping[str, Any], indent: str) -> str:
        out = []
        for k, v in d.items():
            if v is not None:
                tag, text = keys[(scope, k)]
                out.append(f"{indent}{tag}{text(v)}</data>\n")
        return "".join(out)

    ids: dict[Any, str] = {}  # node id -> quoted attribute value (each node is on many edges)

    def quoted(n: Any) -> str:
        q = ids.get(n)
        if q is None:
            q = ids[n] = quoteattr(_xml_safe(str(n), found))
        return q

    kind = "directed" if directed else "undirected"
    lines.append(f'<graph edgedefault="{kind}">\n' + data("graph", graph_attrs, ""))
    node_lines = (f"<node id={quoted(n)}>\n{data('node', d, '  ')}</node>\n" for n, d in nodes())
    if edge_lines is not None:
        tags = {k: tag for (scope, k), (tag, _text) in keys.items() if scope == "edge"}
        rendered: Iterable[str] = edge_lines(tags, quoted, lambda v: _graphml_text(v, found))
    else:
        rendered = (f"<edge source={quoted(s)} target={quoted(t)}>\n{data('edge', d, '  ')}</edge>\n"
                    for s, t, d in edges())
    with AtomicFile(path) as f:
        f.write("".join(lines))
        for block in _blocks(node_lines):
            f.write(block)
        for block in _blocks(rendered):
            f.write(block)
        f.write("</graph>\n</graphml>\n")
    if found[0]:
        warnings.warn("control characters are not allowed in XML; replaced them with spaces", stacklevel=2)


def _types_of(dicts: Iterable[Mapping]) -> dict[str, set[type]]:
    types: dict[str, set[type]] = defaultdict(set)
    for d in dicts:
        for k, v in d.items():
            if v is not None:
                types[k].add(type(v))
    return types


def _keys(scopes, found: list[bool]) -> tuple[dict[tuple[str, str], tuple[str, Any]], list[str]]:
    """The ``<key>`` declarations of each scope's attributes, and per (scope, attribute) its opening
    ``<data>`` tag and how its values become text (``str`` for plain numbers, most values)."""
    keys: dict[tuple[str, str], tuple[str, Any]] = {}
    lines = [_GRAPHML_OPEN]
    for scope, types in scopes:
        for k in sorted(types, key=str):
            kid = f"d{len(keys)}"
            gtype = _graphml_type(types[k])
            numeric = gtype in ("long", "double") and all(t in (int, float) for t in types[k])
            keys[(scope, k)] = (f'<data key="{kid}">', str if numeric else lambda v: _graphml_text(v, found))
            lines.append(f'<key id="{kid}" for="{scope}" attr.name={quoteattr(_xml_safe(str(k), found))} '
                         f'attr.type="{gtype}"/>\n')
    return keys, lines


def _blocks(lines: Iterable[str], size: int = 4096) -> Iterator[str]:
    """Lines joined into strings of ``size`` lines (fewer, larger writes)."""
    buf: list[str] = []
    for line in lines:
        buf.append(line)
        if len(buf) >= size:
            yield "".join(buf)
            buf.clear()
    if buf:
        yield "".join(buf)
