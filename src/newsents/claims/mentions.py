"""The entities of one article, as the speaker resolver needs them: mentions grouped into entities
(a surname joins the full name it shortens, an acronym in brackets joins the name before it, mentions
with the same entity id are one), each with its canonical name (the fullest form in the article),
its gender (first name, gendered role nouns, Herr/Frau) and what the article says it is (the role
nouns before or after its name, the party in brackets, the age)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Span

from ..knowledge.ids import entity_id as make_id
from ..knowledge.morphology import APOSTROPHES, apostrophe_stem, genitive_stems
from ..knowledge.names import FirstNames
from .tokens import TokenTable

_AGE = re.compile(r"^\(?(\d{1,3})\)?$")
#: role nouns are read this many tokens before a name
ROLE_WINDOW = 4


@dataclass
class ArticleEntity:
    """One entity of the article."""

    label: str
    name: str  # the fullest form in the article, genitive stripped
    entity_id: str
    mentions: list[int] = field(default_factory=list)  # indices into TokenTable.ents, in text order
    gender: Optional[str] = None
    roles: set[str] = field(default_factory=set)  # lowercase role or class nouns said of it
    parties: set[str] = field(default_factory=set)  # lowercase party or organisation in brackets
    age: Optional[str] = None


def _norm(span: Span, attested: frozenset[str] = frozenset()) -> str:
    """The mention's name in the nominative: the entity stage's ``norm`` (genitive and title removed),
    else the text without an apostrophe genitive, or without -s when the article has that form too."""
    norm = span._.norm if Span.has_extension("norm") else None
    if norm:
        return norm
    base = base_name(span.text)
    return base if base in attested or span.text.endswith(tuple(APOSTROPHES)) else span.text


def base_name(text: str) -> str:
    """A name without the genitive ending of its last word: "Sergej Schoigus" -> "Sergej Schoigu"."""
    words = text.split()
    return " ".join(words[:-1] + [_base(words[-1])]) if words else text


def _base(word: str) -> str:
    """A name word without its genitive ending: Schoigus -> Schoigu, Scholz' -> Scholz."""
    stem = apostrophe_stem(word)
    if stem is not None:
        return stem
    stems = genitive_stems(word)
    return stems[0] if stems else word


class ArticleEntities:
    """The entities of one document's token table."""

    def __init__(self, table: TokenTable, first_names: Optional[FirstNames] = None):
        self.t = table
        self.first_names = first_names
        self.entities: list[ArticleEntity] = []
        self.of_mention: list[int] = [-1] * len(table.ents)
        self._group()
        for ent in self.entities:
            self._describe(ent)

    # ------------------------------------------------------------------ grouping

    def _group(self) -> None:
        t = self.t
        attested = frozenset(w for span in t.ents for w in (span.text, *span.text.split()))
        self.norms = [_norm(span, attested) for span in t.ents]
        by_key: dict[tuple[str, str], int] = {}
        by_id: dict[str, int] = {}
        order = sorted(range(len(t.ents)), key=lambda ei: -(len(t.ents[ei]) > 1))  # full names first
        for ei in order:
            span = t.ents[ei]
            eid = span._.entity_id if Span.has_extension("entity_id") else None
            key = self._key(span, self.norms[ei])
            found = by_id.get(eid) if eid else None
            if found is None:
                found = by_key.get(key)
            if found is None:
                found = self._acronym_of(ei)
            if found is None:
                found = len(self.entities)
                self.entities.append(ArticleEntity(span.label_, "", eid or ""))
            self.of_mention[ei] = found
            by_key.setdefault(key, found)
            if eid:
                by_id.setdefault(eid, found)
        for ei, idx in enumerate(self.of_mention):
            self.entities[idx].mentions.append(ei)
        has_id = Span.has_extension("entity_id")
        for ent in self.entities:
            bi = max(ent.mentions, key=lambda ei: (len(self.norms[ei].split()), -ei))
            best = t.ents[bi]
            ent.name = self.norms[bi]
            ent.label = best.label_
            ent.entity_id = (best._.entity_id if has_id else None) or ""

    def _key(self, span: Span, norm: str) -> tuple[str, str]:
        words = norm.split()
        if not words:
            return span.label_, span.text.lower()
        if span.label_ == "PER":
            return "PER", words[-1].lower()  # the surname
        return span.label_, " ".join(words).lower()

    def _acronym_of(self, ei: int) -> Optional[int]:
        """The entity an acronym in brackets right after it belongs to: "Bundesgerichtshof (BGH)"."""
        t = self.t
        span = t.ents[ei]
        if span.start < 2 or t.text[span.start - 1] != "(" or not span.text.isupper():
            return None
        before = t.ent_of[span.start - 2]
        if before < 0 or t.ent_label[before] != span.label_ or self.of_mention[before] < 0:
            return None
        return self.of_mention[before]

    # ------------------------------------------------------------------ descriptions

    def _describe(self, ent: ArticleEntity) -> None:
        t = self.t
        for ei in ent.mentions:
            span = t.ents[ei]
            self._roles_before(ent, span)
            self._after(ent, span)
        if ent.label == "PER" and ent.gender is None and self.first_names is not None and " " in ent.name:
            ent.gender = self.first_names.gender(ent.name.split()[0])

    def _roles_before(self, ent: ArticleEntity, span: Span) -> None:
        """Role nouns right before a name ("Bundeskanzler Olaf Scholz", "der 68-jährige X", "Frau Berg")."""
        t, roles = self.t, self.t.lex.roles
        s0 = t.sents[t.sent_of[span.start]][0]
        for x in range(span.start - 1, max(s0, span.start - ROLE_WINDOW) - 1, -1):
            if t.punct[x] and t.text[x] != "-" or t.ent_of[x] >= 0:
                break
            low = t.lower[x]
            age = self._age_word(low)
            if age is not None:
                ent.age = ent.age or age
                continue
            if not t.cap[x]:
                if t.adj_like(low):
                    continue
                break
            if low in roles.address:
                ent.gender = ent.gender or roles.address[low]
                continue
            self._add_role(ent, low)

    def _after(self, ent: ArticleEntity, span: Span) -> None:
        """"Peskow (56)", "Scholz (SPD)", "Colm Kelleher, Verwaltungsratspräsident der UBS,"."""
        t = self.t
        e = span.end
        if e + 2 < t.n and t.text[e] == "(" and t.text[e + 2] == ")":
            inner = t.text[e + 1]
            age = _AGE.match(inner)
            if age:
                ent.age = ent.age or age.group(1)
            elif t.cap[e + 1]:
                ent.parties.add(_base(inner).lower())
        elif e + 2 < t.n and t.text[e] == "," and t.text[e + 2] == "," and _AGE.match(t.text[e + 1]):
            ent.age = ent.age or t.text[e + 1]  # "Ella Pamfilowa, 70, sagte"
        elif e + 1 < t.n and t.text[e] == "," and ent.label == "PER":
            x = e + 1
            while x < min(t.n, e + 3) and not t.cap[x] and not t.punct[x]:
                x += 1  # "X, der Gouverneur von Y," / "X, ein Sprecher"
            if x < t.n and t.cap[x] and t.ent_of[x] < 0:
                self._add_role(ent, t.lower[x])

    def _add_role(self, ent: ArticleEntity, low: str) -> None:
        roles = self.t.lex.roles
        is_role, gender = roles.role_gender(low)
        if is_role or low.endswith(roles.org_role):
            ent.roles.add(low)
            if "-" in low:  # "Grünen-Politikerin", "SPD-Chef": the party or body in front
                ent.parties.add(_base(low.split("-")[0]))
            if ent.label == "PER" and gender and ent.gender is None:
                ent.gender = gender

    def _age_word(self, low: str) -> Optional[str]:
        """"68-jährige" -> "68"."""
        head, _, tail = low.partition("-")
        if head.isdigit() and any(tail.startswith(a) for a in self.t.words.age_noun):
            return head
        return None

    # ------------------------------------------------------------------ lookups

    def id_of(self, ent: ArticleEntity) -> str:
        """The entity's id: its mention's, else ``LABEL:slug`` of its name (made when first asked)."""
        if not ent.entity_id:
            ent.entity_id = make_id(ent.label, ent.name)
        return ent.entity_id

    def of(self, span: Optional[Span]) -> Optional[ArticleEntity]:
        """The article entity of a mention (a span of ``doc.ents``)."""
        if span is None:
            return None
        ei = self.t.ent_of[span.start]
        if ei < 0 or self.of_mention[ei] < 0:
            return None
        return self.entities[self.of_mention[ei]]

    def gender_of(self, span: Span) -> Optional[str]:
        ent = self.of(span)
        return ent.gender if ent is not None else None
