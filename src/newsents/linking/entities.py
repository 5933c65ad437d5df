"""The result of linking: :class:`Entity` rows (``entities.jsonl``) and :class:`Linking`, which
looks entities up by any variant and writes the entity ids into articles."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from ..core.records import Article
from ..knowledge.morphology import genitive_stems
from .claim_links import link_claims
from .kb_ids import IdRule
from .names import nominative_stems, person_name, resolve_article
from .normalize import clean_name, compact_key

PathLike = Union[str, os.PathLike]


@dataclass
class Entity:
    """A linked entity: its display name, label, surface variants with counts and frequencies."""

    entity_id: str
    name: str
    label: str
    variants: dict[str, int]
    mentions: int
    articles: int
    qid: Optional[str] = None
    kind: Optional[str] = None  # the knowledge base's kind (news_agency, country, minister, ...)
    linked: list[str] = field(default_factory=list)  # ids of other entities the corpus suggests are the same

    def _repr_html_(self) -> str:
        from ..core.display import entity_html

        return entity_html(self)

    def to_dict(self) -> dict[str, object]:
        d: dict[str, object] = {"entity_id": self.entity_id, "name": self.name, "label": self.label,
                                "variants": self.variants, "mentions": self.mentions, "articles": self.articles}
        if self.qid:
            d["qid"] = self.qid
        if self.kind:
            d["kind"] = self.kind
        if self.linked:
            d["linked"] = list(self.linked)
        return d



class Linking:
    """The result of linking: entities, and the entity id of every (label, name) seen."""

    def __init__(self, entities: list[Entity], node_entity: dict[tuple[str, str], int],
                 rule: Optional[IdRule] = None):
        self.entities = entities
        self._node_entity = node_entity
        self.rule = rule if rule is not None else IdRule()
        self._by_id = {e.entity_id: e for e in entities}
        self._index = {e.entity_id: n for n, e in enumerate(entities)}
        self._labels = sorted({e.label for e in entities})
        self._surname: dict[tuple[str, str], set[int]] = defaultdict(set)
        self._index_memo: dict[tuple[str, str], Optional[int]] = {}
        for idx, e in enumerate(entities):
            if e.label == "PER":
                for v in e.variants:
                    cn = clean_name(v, "PER")
                    if cn and person_name(cn.text).is_full:
                        self._surname[("PER", person_name(cn.text).surname_key)].add(idx)

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str) -> Optional[Entity]:
        return self._by_id.get(entity_id)

    def entity_index(self, label: str, form: str) -> Optional[int]:
        """Index of the entity of a cleaned form (genitive forms fall back to their nominative);
        remembered per form, since relinking a corpus asks for the same names over and over."""
        try:
            return self._index_memo[(label, form)]
        except KeyError:
            e = self._index_memo[(label, form)] = self._entity_index(label, form)
            return e

    def _entity_index(self, label: str, form: str) -> Optional[int]:
        key = compact_key(form)
        if not key:
            return None
        e = self._index.get(self.rule.form_id(label, form))
        if e is None:
            e = self._node_entity.get((label, key))
        if e is None:
            for stem in nominative_stems(form, label):
                e = self._node_entity.get((label, compact_key(stem)))
                if e is not None:
                    break
        if e is None and label == "PER" and " " not in form.strip():
            cands = self._surname.get(("PER", key), set()) | {
                x for s in genitive_stems(form) for x in self._surname.get(("PER", compact_key(s)), set())}
            if len(cands) == 1:
                e = next(iter(cands))
        return e

    def entity_id_for(self, label: str, form: Optional[str]) -> Optional[str]:
        """Entity id of a cleaned canonical form; unseen names get the slug id they would have."""
        if not form:
            return None
        e = self.entity_index(label, form)
        return self.entities[e].entity_id if e is not None else self.rule.form_id(label, form)

    def apply(self, article: Article) -> Article:
        """Set ``entity_id`` on every mention and on claim speakers/vias; returns it."""
        links = resolve_article(article.entities, article.text)
        for m, eid in zip(article.entities, self.rule.article_ids(article.entities, links.forms)):
            m.entity_id = eid
        link_claims(article.claims, article.entities, self)
        return article

    def find(self, name: str, label: Optional[str] = None) -> Optional[Entity]:
        """Look an entity up by any variant ("Schoigus", "Shoigu", "Шойгу") or by its id."""
        if name in self._by_id:
            return self._by_id[name]
        labels = [label] if label else self._labels
        hits = []
        for lb in labels:
            cn = clean_name(name, lb)
            if cn is None:
                continue
            e = self.entity_index(lb, cn.text)
            if e is not None:
                hits.append(self.entities[e])
        return min(hits, key=lambda e: (-e.mentions, e.entity_id)) if hits else None

    def write_entities(self, path: PathLike) -> None:
        """Write ``entities.jsonl`` atomically (temp file + os.replace)."""
        from ..io.output import atomic_write_jsonl

        atomic_write_jsonl(Path(path), (e.to_dict() for e in self.entities))

