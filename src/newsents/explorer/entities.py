"""The page's entity table: every entity of entities.jsonl and of the co-mention graph, most
mentioned first, with variants, QID, claim counts, articles and strongest co-mentions."""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from typing import Any

import networkx as nx

from .records import scalar_extras

#: Entity keys shown in their own place on the card; other scalar keys are shown as extra fields.
ENTITY_KEYS = {"entity_id", "name", "label", "variants", "mentions", "articles", "qid"}
MAX_VARIANTS = 30
CO_MENTIONS = 10


class EntityIndex:
    """Entity ids in page order (most mentions first) and the lookup of a mention's entity."""

    def __init__(self, entities: Mapping[str, Mapping[str, Any]], G: nx.Graph):
        self.records = entities
        self.graph = G
        info = {eid: (int(e.get("mentions") or 0), eid) for eid, e in entities.items()}
        for n, d in G.nodes(data=True):
            info.setdefault(str(n), (int(d.get("mentions") or 0), str(n)))
        self.ids = sorted(info, key=lambda eid: (-info[eid][0], eid))
        self.pos = {eid: i for i, eid in enumerate(self.ids)}
        # mentions without an entity id are nodes of the graph under LABEL:slug(text)
        self._unlinked = {(d.get("label"), d.get("name")): str(n) for n, d in G.nodes(data=True)
                          if str(n) not in entities}

    def __len__(self) -> int:
        return len(self.ids)

    def resolve(self, mention: Mapping[str, Any]) -> int:
        """Index of a mention's (or speaker's, via's) entity; -1 when it has none."""
        eid = mention.get("entity_id")
        if eid:
            return self.pos.get(str(eid), -1)
        key = self._unlinked.get((mention.get("label"), mention.get("text")))
        return self.pos.get(key, -1) if key else -1

    def row(self, i: int) -> dict[str, Any]:
        """The entity's name, label, counts, variants (most frequent first), QID and extra fields."""
        eid = self.ids[i]
        rec = self.records.get(eid) or {}
        node = self.graph.nodes[eid] if eid in self.graph else {}
        variants = rec.get("variants") if isinstance(rec.get("variants"), Mapping) else None
        name = rec.get("name") or node.get("name") or eid.split(":", 1)[-1]
        if not variants:
            variants = {name: int(node.get("mentions") or rec.get("mentions") or 0)}
        ranked = sorted(((str(t), int(c or 0)) for t, c in variants.items()), key=lambda tc: (-tc[1], tc[0]))
        out: dict[str, Any] = {
            "id": eid, "name": str(name), "label": str(rec.get("label") or node.get("label") or eid.split(":")[0]),
            "m": int(rec.get("mentions") or node.get("mentions") or 0),
            "a": int(rec.get("articles") or node.get("articles") or 0),
            "v": [list(tc) for tc in ranked[:MAX_VARIANTS]], "vn": len(ranked),
        }
        if rec.get("qid"):
            out["qid"] = str(rec["qid"])
        extras = scalar_extras(rec, ENTITY_KEYS)
        if extras:
            out["x"] = extras
        return out

    def all_co_mentions(self) -> list[list[list[int]]]:
        """Per entity ``[[entity index, weight], ...]``: its strongest co-mentions in the whole graph."""
        out: list[list[list[int]]] = [[] for _ in self.ids]
        pos = self.pos
        for eid, nbrs in self.graph.adjacency():
            i = pos[str(eid)]
            best = heapq.nsmallest(CO_MENTIONS, ((-(d.get("weight") or 0), pos[str(n)]) for n, d in nbrs.items()
                                                 if n != eid))
            out[i] = [[j, -w] for w, j in best]
        return out
