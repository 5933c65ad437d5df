"""The claims graph: speakers -> entities mentioned in what they said, with relays (via)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Optional

import networkx as nx

from ..knowledge.ids import entity_id
from .comentions import NodeStats, assemble_graph, edge_attrs, graph_meta, max_day, min_day, warn_empty
from .units import (
    ArticleRows,
    GraphFilter,
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


def _speaker_id(claim_speaker: Mapping[str, Any],
                ents: Sequence[Mapping[str, Any]]) -> Optional[tuple[str, str, str]]:
    """(entity_id, label, text) of a speaker: its own id (text: the entity's name when the record
    has one), else the mention at the same offsets, else ``PER:slug`` (speakers are persons unless a
    mention says otherwise). None for a speaker that is no entity: anonymous ("ein Sprecher"), or
    unresolved ("er" without antecedent) in records that carry the resolution (``resolution`` key)."""
    if claim_speaker.get("anonymous") or ("resolution" in claim_speaker and not claim_speaker.get("entity_id")):
        return None
    if claim_speaker.get("entity_id") and claim_speaker.get("name"):
        eid = str(claim_speaker["entity_id"])
        return eid, eid.split(":", 1)[0] if ":" in eid else "PER", str(claim_speaker["name"])
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


def _claim_targets(c: Mapping[str, Any], ents: Sequence[Mapping[str, Any]], kind: str,
                   entities: Optional[Mapping[str, Mapping]]) -> list[tuple[str, str, str, str]]:
    """(role, entity id, label, text) of what a claim is about (entities inside its content) and of
    who relays it (``via``), sorted; an entity in both roles is listed once per role."""
    targets: dict[str, tuple[str, str, str]] = {}  # eid (+ marker for the relay role) -> (role, label, text)
    content = c.get("content") or {}
    cs, ce = content.get("start", -1), content.get("end", -1)
    if kind in ("all", "about"):
        for m in ents:
            if cs is not None and cs >= 0 and cs <= m.get("start", -1) and m.get("end", 10**12) <= ce:
                t_id = entity_id_of(m)
                targets.setdefault(t_id, ("about", label_for(t_id, m.get("label"), entities), str(m.get("text", ""))))
    if kind in ("all", "relays") and c.get("via"):
        v_id, v_label, v_text = _via_id(c["via"], ents)
        targets[v_id + "\x00via"] = ("relays", label_for(v_id, v_label, entities), v_text)
    return [(role, key.split("\x00", 1)[0], label, text) for key, (role, label, text) in sorted(targets.items())]


@dataclass
class _ClaimEdge:
    """Counts of one speaker -> target edge: by role, by mode, hearsay, its claims and articles."""

    roles: Counter = field(default_factory=Counter)  # about, relays, direct, indirect, reported, hearsay
    claims: set = field(default_factory=set)
    articles: list = field(default_factory=list)
    last_article: Optional[str] = None
    first: Optional[str] = None
    last: Optional[str] = None

    def count(self, role: str, c: Mapping[str, Any], claim_key: tuple[int, int], article_id: str,
              day: Optional[str]) -> None:
        self.roles[role] += 1
        if claim_key not in self.claims:  # a claim counts once per edge in mode/hearsay tallies
            self.claims.add(claim_key)
            if c.get("mode") in MODES:
                self.roles[c["mode"]] += 1
            self.roles["hearsay"] += int(bool(c.get("hearsay")))
        if self.last_article != claim_key[0]:
            self.last_article = claim_key[0]
            self.articles.append(article_id)
            self.first, self.last = min_day(self.first, day), max_day(self.last, day)

    def attrs(self, kind: str, min_weight: int, max_provenance: int) -> Optional[dict[str, Any]]:
        """The edge's attributes, or None below ``min_weight`` (the weight counts claims, or one role)."""
        weight = len(self.claims) if kind == "all" else self.roles[kind]
        if weight < min_weight:
            return None
        d = edge_attrs(weight, len(self.articles), self.first, self.last, self.articles[:max_provenance])
        d.update({k: self.roles[k] for k in ("about", "relays", *MODES, "hearsay")})
        return d


def build_claims_graph(
    articles: Iterable[Any],
    kind: str = "all",
    filters: Optional[GraphFilter] = None,
    *,
    entities: Optional[Mapping[str, Mapping]] = None,
    **options: Any,
) -> nx.DiGraph:
    """Directed claims graph: speaker -> entity mentioned in the claim's content ("about") and
    speaker -> relaying source named in ``via`` ("relays").

    Each edge counts claims: ``about``, ``relays``, by mode (``direct``/``indirect``/``reported``),
    ``hearsay``, plus ``articles``, dates and provenance. ``kind`` ("all", "about", "relays")
    chooses which claims make the edge and its ``weight`` (the other role's count is then 0).
    Nodes carry ``claims`` (claims spoken) and ``mentions``/``articles`` counting their roles
    (speaker or target) in claims. Claims without a speaker are left out. ``filters``: a
    :class:`GraphFilter` or its fields as keywords (``labels``, ``min_weight``, dates,
    ``max_provenance``; its ``level`` is the claim).
    """
    if kind not in ("all", "about", "relays"):
        raise ValueError("kind must be 'all', 'about' or 'relays'")
    filters = GraphFilter.of(filters, **options)
    lab = norm_labels(filters.labels)
    d_from, d_to = day_of(filters.date_from), day_of(filters.date_to)
    nstats = NodeStats()
    spoken: Counter = Counter()
    edges: dict[tuple[str, str], _ClaimEdge] = {}
    for a_idx, art in enumerate(articles):
        a = as_record(art)
        day = day_of(a.get("date"))
        if (d_from or d_to) and (day is None or (d_from and day < d_from) or (d_to and day > d_to)):
            continue
        rec = ArticleRows(str(a.get("id")), day)
        _count_claims(a, a_idx, rec, kind, lab, entities, spoken, edges)
        nstats.add(a_idx, rec)  # node stats over speakers and targets (each row = one role in one claim)
    nodes = nstats.attrs(entities)
    for eid, d in nodes.items():
        d["claims"] = int(spoken.get(eid, 0))
    out_edges = [(s, t, d) for (s, t), e in edges.items()
                 if (d := e.attrs(kind, filters.min_weight, filters.max_provenance)) is not None]
    meta = graph_meta(f"claims-{kind}", filters, level="claim")
    G = assemble_graph(nodes, out_edges, meta, directed=True)
    warn_empty(G, "claims graph")
    return G


def _count_claims(a: Mapping[str, Any], a_idx: int, rec: ArticleRows, kind: str, lab: Optional[set[str]],
                  entities: Optional[Mapping[str, Mapping]], spoken: Counter,
                  edges: dict[tuple[str, str], _ClaimEdge]) -> None:
    """The claims of one article: their speakers and targets as rows of ``rec``, their edges counted."""
    ents = a.get("entities") or []
    for c_idx, c in enumerate(a.get("claims") or []):
        if not c.get("speaker"):
            continue
        speaker = _speaker_id(c["speaker"], ents)
        if speaker is None:
            continue  # no speaker entity: anonymous or unresolved
        s_id, s_label, s_text = speaker
        s_label = label_for(s_id, s_label, entities)
        if lab is not None and s_label not in lab:
            continue
        rec.rows.append((0, s_id, s_label, s_text))
        spoken[s_id] += 1
        for role, t_id, t_label, t_text in _claim_targets(c, ents, kind, entities):
            if t_id == s_id or (lab is not None and t_label not in lab):
                continue
            rec.rows.append((0, t_id, t_label, t_text))
            edges.setdefault((s_id, t_id), _ClaimEdge()).count(role, c, (a_idx, c_idx), rec.id, rec.day)
