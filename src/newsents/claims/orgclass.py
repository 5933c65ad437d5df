"""Organisations referred to by a class noun ("der Konzern", "die Behörde", "das Ministerium").

The speaker resolver (:meth:`newsents.claims.speakers.SpeakerResolver.org_of_class`) first looks for the
organisation whose name or description ends in the noun and for a designation before it ("das
Verteidigungsministerium" -> "das Ministerium"). Otherwise the noun refers to the most salient organisation
of a kind it can name: ``org_class`` rows of ``claims_words.tsv`` give the knowledge-base kinds of each
class noun (Konzern -> company, media_group; Behörde -> authority, agency, police, ...), and
:class:`OrgKinds` gives the kind of an article's organisation from the knowledge base. A candidate of
another kind ("Der Konzern" after the Bundesnetzagentur spoke) is passed over.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span

from ..knowledge.kb import default_kb
from ..knowledge.morphology import genitive_stems
from .lexicon import WordClasses
from .mentions import ArticleEntities
from .tokens import TokenTable

#: a designation ("das Verteidigungsministerium") is looked for at most this many tokens back
LOOKBACK_TOKENS = 1500


def stem(low: str) -> str:
    """A word without its genitive -s (the one genitive rule of :mod:`newsents.knowledge.morphology`)."""
    stems = genitive_stems(low)
    return stems[0] if stems else low


def class_kinds(words: WordClasses, low: str) -> frozenset[str]:
    """The organisation kinds the class noun ``low`` can name: the longest ``org_class`` word it ends in
    ("staatskonzern" -> Konzern's kinds); empty when the noun has no row."""
    for form in (low, stem(low)):
        best = max((c for c in words.org_class if form.endswith(c)), key=len, default=None)
        if best is not None:
            return frozenset(words.org_class[best].split(","))
    return frozenset()


def designation_before(t: TokenTable, i: int, low: str) -> Optional[Span]:
    """The last designation before token i that ends in the class noun ``low`` ("das Ministerium"
    after "das Verteidigungsministerium"), as a one-token mention."""
    for x in range(i - 1, max(-1, i - LOOKBACK_TOKENS), -1):
        word = t.lower[x] if t.lower[x].endswith(low) else stem(t.lower[x])
        if t.cap[x] and t.ent_of[x] < 0 and word.endswith(low) and len(word) > len(low) + 3:
            return Span(t.doc, x, x + 1, label="ORG")
    return None


class OrgKinds:
    """The knowledge-base kind of an article's organisations (by entity id, else by an unambiguous name)."""

    def __init__(self, entities: ArticleEntities):
        self.entities = entities
        self._kinds: dict[int, Optional[str]] = {}

    def kind(self, span: Optional[Span]) -> Optional[str]:
        ent = self.entities.of(span)
        if ent is None or ent.label != "ORG":
            return None
        if id(ent) not in self._kinds:
            kb = default_kb()
            found = kb.get(self.entities.id_of(ent))
            if found is not None:
                self._kinds[id(ent)] = found.kind
            else:
                kinds = {e.kind for e in kb.lookup(ent.name) if e.label == "ORG"}
                self._kinds[id(ent)] = kinds.pop() if len(kinds) == 1 else None
        return self._kinds[id(ent)]

    def pick(self, kinds: frozenset[str], candidates: list[Optional[Span]], earlier: list[Span]) -> Optional[Span]:
        """The first candidate of one of ``kinds``, else the most recent earlier organisation of one, else
        the first candidate whose kind is unknown (one of another kind is never the referent)."""
        fit = next((c for c in candidates + earlier if c is not None and self.kind(c) in kinds), None)
        if fit is not None:
            return fit
        return next((c for c in candidates if c is not None and self.kind(c) is None), None)
