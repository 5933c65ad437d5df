"""The claims graph: speakers -> entities mentioned in what they said, with relays (via)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional, Union

import networkx as nx

from ..knowledge.ids import entity_id
from .comentions import NodeStats, assemble_graph, edge_attrs, graph_meta, max_day, min_day, warn_empty
from .units import (
    DEFAULT_MAX_PROVENANCE,
    ArticleRows,
    DateLike,
    as_record,
    day_of,
    entity_id_of,
    label_for,
    norm_labels,
)

MODES = ("direct", "indirect", "reported")

# --------------------------------------------------------------------------------------------
# claims layer
# --------------------------------------------------------------------------------------------


def _speaker_id(claim_speaker: Mapping[str, Any], ents: Sequence[Mapping[str, Any]]) -> tuple[str, str, str]:
    """(entity_id, label, text) of a speaker: its own id, else the mention at the same offsets,
    else ``PER:slug`` (speakers are persons unless a mention says otherwise)."""
    text = str(claim_speaker.get("text", ""))
    start, end = claim_speaker.get("start"), claim_speaker.get("end")
    same = [m for m in ents if m.get("start") == start and m.get("end") == end]
    if claim_speaker.get("entity_id"):
        eid = str(claim_speaker["entity_id"])
        label = same[0].get("label") if same else None
        return eid, label or (eid.split(":", 1)[0] if ":" in eid else "PER"), text
    if same:
        return entity_id_of(same[0]), str(same[0].get("label") or "PER"), text
    return entity_id("PER", text), "PER", text


def _via_id(via: Mapping[str, Any], ents: Sequence[Mapping[str, Any]]) -> tuple[str, str, str]:
    """(entity_id, label, text) of a relaying source: own id, else a same-text mention, else ``ORG:slug``."""
    text = str(via.get("text", ""))
    if via.get("entity_id"):
        eid = str(via["entity_id"])
        return eid, eid.split(":", 1)[0] if ":" in eid else "ORG", text
    same = [m for m in ents if m.get("text") == text]
    if same:
        return entity_id_of(same[0]), str(same[0].get("label") or "ORG"), text
    return entity_id("ORG", text), "ORG", text


def build_claims_graph(
    articles: Iterable[Any],
    kind: str = "all",
    labels: Union[None, str, Iterable[str]] = None,
    min_weight: int = 1,
    date_from: DateLike = None,
    date_to: DateLike = None,
    entities: Optional[Mapping[str, Mapping]] = None,
    max_provenance: int = DEFAULT_MAX_PROVENANCE,
) -> nx.DiGraph:
    """Directed claims graph: speaker -> entity mentioned in the claim's content ("about") and
    speaker -> relaying source named in ``via`` ("relays").

    Each edge counts claims: ``about``, ``relays``, by mode (``direct``/``indirect``/``reported``),
    ``hearsay``, plus ``articles``, dates and provenance. ``kind`` ("all", "about", "relays")
    chooses which claims make the edge and its ``weight`` (the other role's count is then 0).
    Nodes carry ``claims`` (claims spoken) and ``mentions``/``articles`` counting their roles
    (speaker or target) in claims. Claims without a speaker are left out.
    """
    if kind not in ("all", "about", "relays"):
        raise ValueError("kind must be 'all', 'about' or 'relays'")
    lab = norm_labels(labels)
    d_from, d_to = day_of(date_from), day_of(date_to)
    nstats = NodeStats()
    spoken: Counter = Counter()
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for a_idx, art in enumerate(articles):
        a = as_record(art)
        day = day_of(a.get("date"))
        if (d_from or d_to) and (day is None or (d_from and day < d_from) or (d_to and day > d_to)):
            continue
        ents = a.get("entities") or []
        rec = ArticleRows(str(a.get("id")), day)
        for c_idx, c in enumerate(a.get("claims") or []):
            sp = c.get("speaker")
            if not sp:
                continue
            s_id, s_label, s_text = _speaker_id(sp, ents)
            s_label = label_for(s_id, s_label, entities)
            if lab is not None and s_label not in lab:
                continue
            targets: dict[str, tuple[str, str, str]] = {}  # eid -> (role, label, text)
            content = c.get("content") or {}
            cs, ce = content.get("start", -1), content.get("end", -1)
            if kind in ("all", "about"):
                for m in ents:
                    if cs is not None and cs >= 0 and cs <= m.get("start", -1) and m.get("end", 10**12) <= ce:
                        t_id = entity_id_of(m)
                        targets.setdefault(t_id, ("about", label_for(t_id, m.get("label"), entities),
                                                  str(m.get("text", ""))))
            if kind in ("all", "relays") and c.get("via"):
                v_id, v_label, v_text = _via_id(c["via"], ents)
                targets[v_id + "\x00via"] = ("relays", label_for(v_id, v_label, entities), v_text)
            rec.rows.append((0, s_id, s_label, s_text))
            spoken[s_id] += 1
            for key, (role, t_label, t_text) in sorted(targets.items()):
                t_id = key.split("\x00", 1)[0]
                if t_id == s_id or (lab is not None and t_label not in lab):
                    continue
                rec.rows.append((0, t_id, t_label, t_text))
                e = edges.get((s_id, t_id))
                if e is None:
                    e = edges[(s_id, t_id)] = {"about": 0, "relays": 0, **{m: 0 for m in MODES}, "hearsay": 0,
                                               "_claims": set(), "_arts": [], "_last": -1, "first": None, "last": None}
                e[role] += 1
                claim_key = (a_idx, c_idx)
                if claim_key not in e["_claims"]:  # a claim counts once per edge in mode/hearsay tallies
                    e["_claims"].add(claim_key)
                    if c.get("mode") in MODES:
                        e[c["mode"]] += 1
                    e["hearsay"] += int(bool(c.get("hearsay")))
                if e["_last"] != a_idx:
                    e["_last"] = a_idx
                    e["_arts"].append(rec.id)
                    e["first"], e["last"] = min_day(e["first"], day), max_day(e["last"], day)
        # node stats over speakers and targets (each mention row = one role in one claim)
        nstats.add(a_idx, rec)
    nodes = nstats.attrs(entities)
    for eid, d in nodes.items():
        d["claims"] = int(spoken.get(eid, 0))
    out_edges = []
    for (s, t), e in edges.items():
        weight = len(e["_claims"])
        if kind == "about":
            weight = e["about"]
        elif kind == "relays":
            weight = e["relays"]
        if weight < min_weight:
            continue
        d = edge_attrs(weight, len(e["_arts"]), e["first"], e["last"], e["_arts"][:max_provenance])
        d.update({k: e[k] for k in ("about", "relays", *MODES, "hearsay")})
        out_edges.append((s, t, d))
    meta = graph_meta(f"claims-{kind}", "claim", labels, min_weight, date_from, date_to)
    G = assemble_graph(nodes, out_edges, meta, directed=True)
    warn_empty(G, "claims graph")
    return G
