"""Entity ids that never change: the id of a mention depends on its article and the knowledge base
only, never on the other articles of a batch, their order or which variant was seen first.

The rule (:meth:`IdRule.article_ids`), for the mentions of one article:

1. **Within the article**, mentions are resolved to the form they refer to (``Schoigu`` after
   ``Sergej Schoigu`` → ``Sergej Schoigu``; ``FSB`` after ``Föderaler Sicherheitsdienst (FSB)`` → the
   long form; ``Russlands`` next to ``Russland`` → ``Russland``): :func:`linker.resolve_article`.
   Mentions resolved to the same form are one *group* and get one id.
2. **A user alias table** row that names the group's form gives ``entity_id(label, row name)``:
   the user's word wins.
3. **The knowledge base**: the first base entity of the group's label whose name or alias is the
   group's form: exactly, as a regular genitive (``Russlands``, ``Föderalen Sicherheitsdienstes``),
   with another adjective ending (``Föderale Sicherheitsdienst``), or as an all-caps or capitalised
   variant (``NATO``/``Nato``). A form marked ``~`` in the base names no
   entity by itself (``Klitschko`` with two brothers in the base); then the base id the pipeline
   put on a member from its context counts (``newsents_kb``: ``Terrormiliz IS``, ``auf X``), for a
   person only when the group's form is a name of that person (not ``Scholz`` after ``Heike
   Scholz``).
4. **Otherwise** ``entity_id(label, nominative)``, where the nominative is the group's form with a
   genitive ending removed when the article says it is one: the pipeline's ``norm`` of a member
   is its text without the ending (``Müllers Vorschlag`` → ``Müller``), or the stem is itself a
   mention or the last word of a mention in the article (``Arabella Kiesbauers`` next to
   ``Kiesbauer``). A surname-only person (``Kiesbauer``) then joins the one full name of the
   article that ends in it.

So ``Russlands`` alone is ``LOC:russland``, ``Schoigu`` and ``Sergej Schoigu`` are
``PER:sergej-schoigu`` wherever they stand, and an article gets the same ids alone and in any batch.
Corpus-level linking (:class:`linker.EntityLinker`) still finds variants across articles
(``Shoigu``/``Schoigu`` of a person the base does not know): it records them as ``linked`` ids of
the entity, a hint that never renames.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Optional

from ..core.records import Mention
from ..core.util import BoundedCache
from ..knowledge.ids import entity_id
from ..knowledge.kb import KBEntity, KnowledgeBase, default_kb
from ..knowledge.morphology import apostrophe_stem, genitive_stems
from .normalize import clean_name, compact_key

#: Adjective endings that inflect the first word of a name (Föderaler/Föderale/Föderalen).
ADJECTIVE_ENDINGS = ("en", "em", "er", "es", "e")


class IdRule:
    """Stable ids of mentions from the knowledge base and an optional alias table.

    ``alias_row``: ``(label, compact key) -> row name or None`` of a user alias table."""

    def __init__(self, kb: Optional[KnowledgeBase] = None,
                 alias_row: Optional[Callable[[str, str], Optional[str]]] = None):
        self.kb = kb if kb is not None else default_kb()
        self.alias_row = alias_row
        self.renames: dict[tuple[str, str], str] = {}  # (id, name) -> id: see linking.collisions
        self._memo: BoundedCache[Optional[KBEntity]] = BoundedCache(200_000)

    def renamed(self, renames: dict[tuple[str, str], str]) -> IdRule:
        """This rule with ids parted by the collision check (:mod:`.collisions`); shares the base."""
        rule = copy.copy(self)
        rule.renames = renames
        return rule

    # --- the knowledge base ---------------------------------------------------------------------
    def kb_entity(self, label: str, form: str) -> Optional[KBEntity]:
        """The base entity of ``label`` that ``form`` names unambiguously, or None (rule 3)."""
        key = (label, form)
        if key in self._memo:
            return self._memo[key]
        return self._memo.put(key, self._kb_entity(label, form))

    def _kb_entity(self, label: str, form: str) -> Optional[KBEntity]:
        for candidate in _adjective_variants(form):
            found = self._lookup(label, candidate)
            if found is not None:
                return found
        return None

    def _lookup(self, label: str, form: str) -> Optional[KBEntity]:
        for entity in self.kb.lookup(form):
            if entity.label == label:
                return None if _ambiguous_for(entity, form) else entity
        return None

    def entity(self, entity_id_: str) -> Optional[KBEntity]:
        """The base entity with that id, or None."""
        return self.kb.get(entity_id_)

    # --- ids --------------------------------------------------------------------------------------
    def form_id(self, label: str, form: str) -> str:
        """The id of a cleaned name seen on its own (no article context): rules 2 to 4."""
        row = self.alias_row(label, compact_key(form)) if self.alias_row else None
        if row:
            return entity_id(label, row)
        found = self.kb_entity(label, form)
        if found is not None:
            return found.id
        eid = entity_id(label, form)
        return self.renames.get((eid, form), eid) if self.renames else eid

    def article_ids(self, mentions: Sequence[Mention], forms: Sequence[Optional[str]]) -> list[Optional[str]]:
        """The id of every mention of one article; ``forms``: their within-article forms (rule 1),
        None for mentions that are no name."""
        return [found[0] if found else None for found in self.article_entities(mentions, forms)]

    def article_entities(self, mentions: Sequence[Mention],
                         forms: Sequence[Optional[str]]) -> list[Optional[tuple[str, str]]]:
        """(id, name the id stands for) of every mention of one article, None for no name."""
        groups: dict[tuple[str, str], list[int]] = {}
        for i, (m, form) in enumerate(zip(mentions, forms)):
            if form:
                groups.setdefault((m.label, form), []).append(i)
        own = [c.text for c in (clean_name(m.text, m.label) for m in mentions) if c is not None]
        words = _article_words([*forms, *own])
        found = {key: self._group_id(*key, [mentions[i] for i in members], words) for key, members in groups.items()}
        _join_surnames(found)
        if self.renames:
            found = {key: (self.renames.get(hit, hit[0]), hit[1]) for key, hit in found.items()}
        out: list[Optional[tuple[str, str]]] = [None] * len(mentions)
        for key, members in groups.items():
            for i in members:
                out[i] = found[key]
        for i, m in enumerate(mentions):  # no name to link (X), but the pipeline knew it from context
            hinted = self.kb.get(m.entity_id) if out[i] is None and m.entity_id else None
            if hinted is not None and hinted.label == m.label:
                out[i] = hinted.id, hinted.name
        return out

    def _group_id(self, label: str, form: str, members: list[Mention], words: set[str]) -> tuple[str, str]:
        if self.alias_row is not None:
            row = self.alias_row(label, compact_key(form))
            if row:
                return entity_id(label, row), row
        found = self.kb_entity(label, form)
        if found is not None:
            return found.id, found.name
        for m in members:
            hinted = self.kb.get(m.entity_id) if m.entity_id else None
            if hinted is not None and hinted.label == label and (label != "PER" or form in hinted.surfaces):
                return hinted.id, hinted.name
        name = nominative(form, members, words)
        return entity_id(label, name), name


@dataclass
class IdStats:
    """What a corpus says about each stable id: label, the names it stands for, surfaces and
    articles per (id, name) (so that :mod:`.collisions` can part two names of one id), and the ids
    of each within-article form (for cross-article hints). Order-independent sums."""

    labels: dict[str, str] = field(default_factory=dict)
    surfaces: dict[tuple[str, str], Counter] = field(default_factory=dict)  # (id, name) -> surfaces
    articles: dict[tuple[str, str], set] = field(default_factory=dict)  # (id, name) -> article ids
    names: dict[str, Counter] = field(default_factory=dict)
    form_ids: dict[tuple[str, str], Counter] = field(default_factory=dict)

    def add(self, article_id: str, mentions: Sequence[Mention], forms: Sequence[Optional[str]],
            found: Sequence[Optional[tuple[str, str]]]) -> None:
        for m, form, hit in zip(mentions, forms, found):
            if hit is None:
                continue
            eid, name = hit
            self.labels.setdefault(eid, m.label)
            self.surfaces.setdefault(hit, Counter())[" ".join(m.text.split())] += 1
            self.articles.setdefault(hit, set()).add(article_id)
            self.names.setdefault(eid, Counter())[name] += 1
            if form:
                self.form_ids.setdefault((m.label, form), Counter())[eid] += 1

    def merge(self, other: IdStats) -> IdStats:
        for eid, label in other.labels.items():
            self.labels.setdefault(eid, label)
        for mine, theirs in ((self.surfaces, other.surfaces), (self.names, other.names),
                             (self.form_ids, other.form_ids)):
            for key, counts in theirs.items():
                mine.setdefault(key, Counter()).update(counts)
        for key, arts in other.articles.items():
            self.articles.setdefault(key, set()).update(arts)
        return self

    def surfaces_of(self, eid: str) -> Counter:
        """Surface forms of an id with their counts, over all its names."""
        if len(self.names[eid]) == 1:
            return self.surfaces[(eid, next(iter(self.names[eid])))]
        out: Counter = Counter()
        for name in self.names[eid]:
            out.update(self.surfaces[(eid, name)])
        return out

    def articles_of(self, eid: str) -> set:
        """Ids of the articles that mention an id."""
        return set().union(*(self.articles[(eid, name)] for name in self.names[eid]))

    def name_of(self, eid: str) -> str:
        """The name an id stands for most often (ties: the alphabetically first)."""
        counts = self.names[eid]
        return min(counts, key=lambda n: (-counts[n], n))

    def id_of(self, label: str, form: str) -> Optional[str]:
        """The id a within-article form got most often (ties: the smallest id)."""
        counts = self.form_ids.get((label, form))
        return min(counts, key=lambda i: (-counts[i], i)) if counts else None


def _join_surnames(found: dict[tuple[str, str], tuple[str, str]]) -> None:
    """A surname-only person group whose name no base entity claims joins the one full name of the
    article that ends in it (``Kiesbauer`` after ``Arabella Kiesbauers``, nominative ``Arabella
    Kiesbauer``); with two candidates it stays on its own (two Klitschkos)."""
    full: dict[str, set[tuple[str, str]]] = {}
    for (label, _form), (eid, name) in found.items():
        if label == "PER" and " " in name:
            full.setdefault(name.rsplit(" ", 1)[1], set()).add((eid, name))
    for key, (eid, name) in list(found.items()):
        if key[0] == "PER" and " " not in name and eid == entity_id("PER", name):
            candidates = full.get(name, set())
            if len(candidates) == 1:
                found[key] = next(iter(candidates))


def nominative(form: str, members: Sequence[Mention], words: set[str]) -> str:
    """``form`` without a genitive ending when the article says it is one (rule 4)."""
    last = form.split(" ")[-1]
    stem = apostrophe_stem(last)
    if stem is None:
        stem = next((s for s in _norm_stems(members) if last.startswith(s) and last != s), None)
    if stem is None:
        stem = next((s for s in genitive_stems(last) if s in words), None)
    return form if stem is None else form[: len(form) - len(last)] + stem


def _norm_stems(members: Sequence[Mention]) -> list[str]:
    """Nominative last words the pipeline gave the members (``norm`` Müller of ``Müllers``)."""
    out = []
    for m in members:
        if m.norm and m.norm != m.text and m.text.startswith(m.norm) and m.text[len(m.norm):] in ("s", "es", "'", "’"):
            out.append(m.norm.split(" ")[-1])
    return out


def _article_words(forms: Sequence[Optional[str]]) -> set[str]:
    """The forms of an article and their last words (a genitive's stem found here is attested)."""
    out: set[str] = set()
    for form in forms:
        if form:
            out.add(form)
            out.add(form.split(" ")[-1])
    return out


def _adjective_variants(form: str) -> list[str]:
    """``form`` and, for a name of two or more words led by an adjective, the other endings
    (Föderale Sicherheitsdienst → Föderaler Sicherheitsdienst, Europäischen Union → Europäische)."""
    out = [form]
    first, sep, rest = form.partition(" ")
    if not sep or not first[:1].isupper() or first.isupper():
        return out
    for ending in ADJECTIVE_ENDINGS:
        if first.endswith(ending) and len(first) > len(ending) + 3:
            stem = first[: -len(ending)]
            out.extend(f"{stem}{e} {rest}" for e in ADJECTIVE_ENDINGS if e != ending)
            break
    return out


def _ambiguous_for(entity: KBEntity, form: str) -> bool:
    """Whether the surface of ``entity`` that ``form`` matched is marked ``~``."""
    for candidate in (form, form[:-1], form[:-2], form.rstrip("'’")):
        if candidate in entity.surfaces:
            return candidate in entity.ambiguous
    folded = {s.casefold(): s for s in entity.surfaces}
    for candidate in (form, form[:-1], form[:-2]):
        surface = folded.get(candidate.casefold())
        if surface is not None:
            return surface in entity.ambiguous
    return False
