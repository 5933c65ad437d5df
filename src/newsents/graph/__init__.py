"""The co-mention graph across articles (networkx): building (``comentions``, or ``store`` through
DuckDB for corpora that do not fit in memory), time slices, the claims graph, analysis, and one
module per export format (``formats``)."""

from .analysis import (
    betweenness,
    communities,
    degree_table,
    ego_graph,
    ego_network,
    evidence,
    name_index,
    resolve_entity,
    top_edges,
    top_entities,
)
from .claims_graph import build_claims_graph
from .comentions import CoMentions, build_graph
from .folder import DUCKDB_THRESHOLD_BYTES, graph_from_output
from .formats import export_graph, read_graph
from .timeslices import time_slices
from .units import GraphFilter

__all__ = [
    "DUCKDB_THRESHOLD_BYTES", "CoMentions", "GraphFilter", "betweenness", "build_claims_graph", "build_graph",
    "communities", "degree_table", "ego_graph", "ego_network", "evidence", "export_graph", "graph_from_output",
    "name_index", "read_graph", "resolve_entity", "time_slices", "top_edges", "top_entities",
]
