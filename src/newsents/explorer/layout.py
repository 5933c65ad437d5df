"""Node sizes and positions for the page, computed once in Python so the page opens without running a
layout."""

from __future__ import annotations

import math
from collections.abc import Sequence

import networkx as nx
import numpy as np

SEED = 7
#: Median distance from a node to its nearest neighbour, in the page's pixels.
SPACING = 90.0
#: Node diameters in pixels: the least and the most mentioned entity of the graph.
MIN_SIZE, MAX_SIZE = 14.0, 60.0
#: Room kept free around a node (its label is drawn below it).
PAD = 12.0


def node_sizes(mentions: Sequence[int]) -> list[float]:
    """Diameters by the square root of mentions (the area grows with mentions)."""
    top = max([1, *mentions])
    return [round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(max(0, m) / top), 1) for m in mentions]


def _spread(xy: np.ndarray) -> float:
    """Median nearest-neighbour distance of the points (rows of ``xy``)."""
    d = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1))
    np.fill_diagonal(d, np.inf)
    return float(np.median(d.min(axis=1))) or 1.0


def separate(xy: np.ndarray, sizes: Sequence[float], rounds: int = 60) -> np.ndarray:
    """Push overlapping nodes apart (each pair by half of what is missing), a few rounds."""
    r = np.asarray(sizes, dtype=float) / 2.0
    need = r[:, None] + r[None, :] + PAD
    np.fill_diagonal(need, 0.0)
    rng = np.random.default_rng(SEED)
    for _ in range(rounds):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((delta ** 2).sum(-1))
        short = np.clip(need - dist, 0.0, None)
        if not short.any():
            break
        same = dist < 1e-6
        delta[same] = rng.normal(size=(int(same.sum()), 2))
        unit = delta / np.maximum(np.sqrt((delta ** 2).sum(-1)), 1e-6)[..., None]
        xy = xy + 0.5 * (unit * short[..., None]).sum(axis=1)
    return xy


def _grid(nodes: Sequence[str], sizes: Sequence[float], top: float, width: float) -> dict[str, list[float]]:
    """Nodes without edges in rows below the layout (most mentioned first), not flung to the edge."""
    step = MAX_SIZE + PAD
    per_row = max(1, int(width // step))
    x0 = -step * (min(per_row, len(nodes)) - 1) / 2
    return {str(v): [round(x0 + (k % per_row) * step, 1), round(top + step + (k // per_row) * step, 1)]
            for k, (v, _s) in enumerate(zip(nodes, sizes))}


def positions(nodes: Sequence[str], edges: Sequence[tuple[str, str, int]], sizes: Sequence[float],
              seed: int = SEED) -> dict[str, list[float]]:
    """``{node: [x, y]}`` in pixels by a weight-aware spring layout (fixed seed: the same input gives
    the same picture), scaled so that nodes sit about :data:`SPACING` apart, then overlaps removed.
    Heavy edges pull harder, on a log scale so one strong tie does not collapse the picture. Nodes
    without edges go in rows below."""
    linked = {a for a, b, w in edges if w > 0} | {b for a, b, w in edges if w > 0}
    inner = [v for v in nodes if v in linked]
    size_of = dict(zip(nodes, sizes))
    out: dict[str, list[float]] = {}
    if len(inner) == 1:
        out[str(inner[0])] = [0.0, 0.0]
    elif inner:
        H = nx.Graph()
        H.add_nodes_from(inner)
        H.add_weighted_edges_from((a, b, 1.0 + math.log(w)) for a, b, w in edges if w > 0)
        n = len(inner)
        pos = nx.spring_layout(H, k=2.0 / math.sqrt(n), weight="weight", seed=seed,
                               iterations=80 if n > 200 else 150)
        xy = np.array([pos[v] for v in inner], dtype=float)
        xy = separate(xy * (SPACING / _spread(xy)), [size_of[v] for v in inner])
        out.update({str(v): [round(float(x), 1), round(float(y), 1)] for v, (x, y) in zip(inner, xy)})
    ys = [p[1] for p in out.values()] or [0.0]
    xs = [p[0] for p in out.values()] or [0.0]
    alone = [v for v in nodes if v not in linked]
    out.update(_grid(alone, [size_of[v] for v in alone], max(ys), max(600.0, max(xs) - min(xs))))
    return out
