"""German fixes to NER output: ``nlp.add_pipe("newsents_entities")`` after the NER.

- titles and roles are cut off a name ("Verteidigungsminister Sergej Schoigu" -> "Sergej Schoigu");
- genitives keep their surface but get a normalised form in ``span._.norm`` (Lukaschenkos,
  Scholz' -> Lukaschenko, Scholz);
- lowercase derived adjectives (russische) and demonyms before a noun ("Berliner Regierung") are
  dropped;
- hyphen compounds (Kreml-Chef, Putin-Regierung) are no mentions, but the embedded name is kept in
  ``doc._.compounds`` as a ``CompoundRef``;
- ``span._.entity_id`` gets the knowledge-base id the ruler (``newsents_kb``) put into ``span.kb_id_``,
  else a readable id from label and normalised name (linking refines it).
The word lists live in ``knowledge/data/entities.json`` and ``roles.tsv``.
"""

from __future__ import annotations

from typing import Any, Optional

import numpy
from spacy.attrs import ENT_TYPE, IDX, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..core.records import CompoundRef
from ..core.util import BoundedCache
from ..knowledge import read_json
from ..knowledge.ids import entity_id
from ..knowledge.morphology import apostrophe_stem, genitive_stems
from ..knowledge.roles import roles
from .component import DataComponent

APOSTROPHES = {"'", "’", "`", "´"}
LABELS = ("PER", "LOC", "ORG", "MISC")


class EntityFixer(DataComponent):
    """Applies the German title/genitive/adjective/compound rules to ``doc.ents``.

    Data ``lexicon`` (``entities.json``, with the titles of ``roles.tsv``): ``titles`` and
    ``title_suffixes`` cut off names, ``compound_heads`` of hyphen compounds, ``adjective_suffixes``
    of derived adjectives, ``demonym_suffixes``."""

    files = {"lexicon": "entities.json"}

    def __init__(self, nlp: Language, name: str = "newsents_entities"):
        super().__init__(nlp, name)
        for attr in ("norm", "entity_id"):
            if not Span.has_extension(attr):
                Span.set_extension(attr, default=None)
        if not Doc.has_extension("compounds"):
            Doc.set_extension("compounds", default=None)

    def default_data(self) -> dict[str, Any]:
        titles, suffixes = roles().entity_titles()
        return {"lexicon": {**read_json("entities.json"), "titles": sorted(titles), "title_suffixes": list(suffixes)}}

    def set_data(self, data: dict[str, Any]) -> None:
        super().set_data(data)
        lexicon = data["lexicon"]
        self.titles = set(lexicon.get("titles", []))
        self.title_suffixes = tuple(lexicon.get("title_suffixes", []))
        self.heads = set(lexicon.get("compound_heads", []))
        self.adj_suffixes = tuple(lexicon.get("adjective_suffixes", []))
        self.demonym_suffixes = tuple(lexicon.get("demonym_suffixes", []))
        # across documents: the ORTH ids looked at, and those that are compounds -> compound_name(text)
        self._words_seen: BoundedCache[bool] = BoundedCache(200_000)
        self._compound_words: dict[int, str] = {}
        self._entity_ids: BoundedCache[str] = BoundedCache(200_000)

    # --- rules -------------------------------------------------------------------------------
    def is_title(self, text: str) -> bool:
        """A role word or title that precedes names (also compounds: Verteidigungsminister)."""
        if text in self.titles:
            return True
        low = text.lower()
        return text[:1].isupper() and len(text) > 6 and low.endswith(self.title_suffixes)

    def compound_name(self, text: str) -> Optional[str]:
        """The name in a hyphen compound with a common-noun head ("Putin-Regierung" -> "Putin")."""
        if "-" not in text.strip("-"):
            return None
        first, _, head = text.rpartition("-")
        if head in self.heads and first[:1].isupper():
            return first
        return None

    def is_derived_adjective(self, span: Span) -> bool:
        """Lowercase adjectives from names (russische, belarussischen) and demonyms before nouns."""
        if len(span) != 1:
            return False
        tok = span[0]
        if tok.is_lower and tok.lower_.endswith(self.adj_suffixes):
            return True
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        return (
            span.label_ in ("LOC", "MISC")
            and tok.text.endswith(self.demonym_suffixes)
            and nxt is not None
            and nxt.text[:1].isupper()
            and nxt.ent_iob_ in ("O", "")
            and nxt.is_alpha
        )

    def normalise(self, span: Span, names: Optional[set] = None) -> str:
        """Name without a genitive ending: Lukaschenkos -> Lukaschenko, Scholz' -> Scholz.

        ``names``: entity texts and their last words in the doc (a genitive whose stem occurs
        there is one); computed from ``span.doc`` when not given.
        """
        text = span.text
        stem = apostrophe_stem(text)
        if stem is not None:
            return stem
        stems = genitive_stems(text) if len(text) >= 5 else []
        if not stems:
            return text
        stem = stems[0]
        doc = span.doc
        if names is None:
            names = self._names(doc.ents)
        if stem in names:
            return stem
        prev = doc[span.start - 1].lower_ if span.start > 0 else ""
        nxt = doc[span.end] if span.end < len(doc) else None
        prenominal = nxt is not None and nxt.is_alpha and nxt.text[:1].isupper() and nxt.ent_iob_ in ("O", "")
        if span.label_ in ("LOC", "ORG") and prev in ("des", "eines"):
            return stem
        if prenominal or prev in ("des",):
            return stem
        return text

    # --- component -----------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        self.ensure_data()
        compounds: list[CompoundRef] = []
        kept: list[Span] = []
        for ent in doc.ents:
            span = self._trim_titles(ent)
            if span is None:
                continue
            known = bool(span.kb_id)  # a name of the knowledge base (EU-Kommission) is no compound
            name = self.compound_name(span.text) if len(span) == 1 and not known else None
            if name:
                compounds.append(CompoundRef(span.text, name, span.start_char, span.end_char))
                continue
            if not known and self.is_derived_adjective(span):
                continue
            kept.append(self._with_apostrophe(span))
        seen = {(c.start, c.end) for c in compounds}
        text_of = {(span.start, span.end): span.text for span in kept}  # Span.text is costly: read once
        kept_names = self._names_of_texts(text_of.values())
        for text, name, idx in self._token_compounds(doc):
            if (idx, idx + len(text)) in seen:
                continue
            if self._looks_like_name(name, kept_names):
                compounds.append(CompoundRef(text, name, idx, idx + len(text)))
        ents = filter_spans(kept)
        doc.ents = ents  # (the same spans doc.ents gives back: start, end, label, kb_id and id kept)
        names = self._names_of_texts(text_of[(ent.start, ent.end)] for ent in ents)
        for ent in ents:
            norm = self.normalise(ent, names)
            ent._.norm = norm
            ent._.entity_id = ent.kb_id_ or self._entity_id(ent.label_, norm)
        doc._.compounds = sorted(compounds, key=lambda c: c.start)
        return doc

    def _entity_id(self, label: str, norm: str) -> str:
        """:func:`entity_id`, memoised across documents (names recur, slugify is not cheap)."""
        key = (label, norm)
        found = self._entity_ids.get(key)
        return found if found is not None else self._entity_ids.put(key, entity_id(label, norm))

    def _token_compounds(self, doc: Doc) -> list[tuple]:
        """(text, name, start char) of the tokens outside entities that are hyphen compounds with a
        name (Kreml-Chef), in token order; read from arrays, without a Token object per word."""
        if not len(doc):
            return []
        rows = doc.to_array([ORTH, ENT_TYPE, IDX])
        outside = rows[:, 1] == 0
        words = set(numpy.unique(rows[outside, 0]).tolist())
        seen = self._words_seen  # a dict subclass: set.difference would walk all of it, not the words
        new = {orth for orth in words if orth not in seen}
        if self._words_seen.make_room(len(new)):  # bounded over millions of documents
            self._compound_words.clear()
            new = words
        for orth in new:
            name = self.compound_name(doc.vocab.strings[orth])
            if name is not None:
                self._compound_words[orth] = name
        self._words_seen.update(dict.fromkeys(new, True))
        names = {orth: self._compound_words[orth] for orth in words if orth in self._compound_words}
        if not names:
            return []
        strings = doc.vocab.strings
        found = rows[outside & numpy.isin(rows[:, 0], numpy.array(list(names), dtype=rows.dtype))].tolist()
        return [(strings[orth], names[orth], idx) for orth, _, idx in found]

    def _trim_titles(self, ent: Span) -> Optional[Span]:
        start = ent.start
        while start < ent.end - 1 and self.is_title(ent.doc[start].text):
            start += 1
        if start == ent.start:
            return ent
        return Span(ent.doc, start, ent.end, label=ent.label_, kb_id=ent.kb_id)

    @staticmethod
    def _with_apostrophe(span: Span) -> Span:
        """Extend "Scholz" to "Scholz'" when a genitive apostrophe is glued to it."""
        doc = span.doc
        last = span[-1]
        if (
            span.end < len(doc)
            and not last.whitespace_
            and doc[span.end].text in APOSTROPHES
            and last.text[-1:] in ("s", "z", "x", "ß")
        ):
            return Span(doc, span.start, span.end + 1, label=span.label_, kb_id=span.kb_id)
        return span

    @staticmethod
    def _names(ents) -> set:
        """Entity texts and each of their words, for quick "is this named elsewhere" checks."""
        return EntityFixer._names_of_texts(e.text for e in ents)

    @staticmethod
    def _names_of_texts(texts) -> set:
        """:meth:`_names` from the entity texts themselves."""
        out = set()
        for text in texts:
            out.add(text)
            out.update(text.split())
        return out

    @staticmethod
    def _looks_like_name(name: str, names: set) -> bool:
        """A compound's first part counts as a name when the text also names it as an entity,
        or when it is a capitalised single word (Kreml, Nato, Putin)."""
        if name in names:
            return True
        return name[:1].isupper() and "-" not in name and name.isalpha()


@Language.factory("newsents_entities", default_config={}, requires=["doc.ents"],
                  assigns=["doc.ents", "span._.norm", "span._.entity_id", "doc._.compounds"])
def make_entities(nlp: Language, name: str) -> EntityFixer:
    return EntityFixer(nlp, name)
