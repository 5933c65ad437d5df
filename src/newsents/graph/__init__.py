"""The co-mention graph across articles (networkx): building, filtering, analysis, time slices, the
claims graph, exports and the DuckDB path for corpora that do not fit in memory."""

from .comentions import (
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
    resolve_entity,
    time_slices,
    top_edges,
    top_entities,
)

__all__ = [
    "betweenness", "build_claims_graph", "build_graph", "communities", "degree_table", "ego_graph",
    "ego_network", "evidence", "export_graph", "graph_from_output", "name_index", "read_graph",
    "resolve_entity", "time_slices", "top_edges", "top_entities",
]
