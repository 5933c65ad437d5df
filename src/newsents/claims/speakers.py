"""The speaker resolver: which entity a speaker phrase refers to, and how.

A speaker phrase names its entity ("Olaf Scholz", "der Kreml", "das Verteidigungsministerium"),
refers back to one ("er", "der Kanzler", "der 68-Jährige", "die SPD-Politikerin", "das Ministerium",
"seinen Worten zufolge", "Habecks Angaben zufolge", "eigenen Angaben zufolge", "dem Bericht
zufolge"), or is an anonymous source ("ein Sprecher", "Augenzeugen", "Kreise in Moskau"), possibly
with its organisation ("ein Sprecher des Ministeriums", "Stefano Scarpetta von der OECD").
:meth:`SpeakerResolver.resolve` answers with a :class:`Referent`.

Pronouns agree in gender and number with their antecedent (a person's gender comes from the first
name, a gendered role noun or Herr/Frau: :mod:`newsents.claims.mentions`) and take the most salient
one: the last speaker, the subject of the previous sentence, the last entity named. Role nouns take
the person the article introduced with that role, party or age; class nouns the organisation
introduced with that class.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span

from .claimset import ClaimSet
from .mentions import ArticleEntities, ArticleEntity
from .orgclass import OrgKinds, class_kinds, designation_before, stem
from .phrases import PhraseFinder
from .tokens import TokenTable

Span2 = tuple[int, int]
SPEAKER_LABELS = ("PER", "ORG", "LOC", "MISC")
#: a pronoun refers to an entity at most this many sentences back
WINDOW = 3
#: the subject of a sentence opens it within this many tokens
SUBJECT_WINDOW = 8
#: role nouns, class nouns and gendered pronouns look back at most this many entity mentions and claims
#: (an article's worth; it keeps resolution linear in document length)
LOOKBACK = 150
LOOKBACK_CLAIMS = 30
#: a class noun refers to the last organisation that spoke in this many sentences
SPEAKER_WINDOW = 6


@dataclass
class Referent:
    """What a speaker phrase refers to."""

    mention: Optional[Span] = None  # the entity mention (antecedent) the phrase resolves to
    how: Optional[str] = None  # name | pronoun | role | possessive | previous
    anonymous: bool = False  # an unnamed source: no entity ("ein Sprecher", "Augenzeugen")
    affiliation: Optional[Span2] = None  # the speaker's organisation, inside the phrase
    owned: bool = False  # an unnamed source of a named institution ("ein Polizeisprecher", "Polizeiangaben")

    @property
    def droppable(self) -> bool:
        """Whether ``anonymous_speakers="drop"`` drops it: anonymous, and no institution named."""
        return self.anonymous and not self.owned and self.affiliation is None


def label_rank(label: str) -> int:
    return SPEAKER_LABELS.index(label) if label in SPEAKER_LABELS else len(SPEAKER_LABELS)


class SpeakerResolver:
    """Resolves the speaker phrases of one document (its token table, phrases and claims so far)."""

    def __init__(self, table: TokenTable, phrases: PhraseFinder, claims: ClaimSet):
        self.t, self.phr, self.claims = table, phrases, claims
        self.w = table.words
        self.lex = table.lex
        self.roles = table.lex.roles
        self.entities = ArticleEntities(table, table.lex.first_names)
        self.kinds = OrgKinds(self.entities)
        self._anon_tails = tuple(a for a in self.roles.anon if len(a) >= 5)

    # ------------------------------------------------------------------ the entry point

    def resolve(self, sp: Span2, plural_verb: bool = False) -> Referent:
        """The referent of the speaker phrase ``sp``."""
        head = self.head(sp)
        named = self.named(sp)
        if named is not None and named.start == sp[0] < named.end < sp[1] \
                and self.t.genitive_place(named.label_, named.end - 1):
            named = None  # "Deutschlands höchster Richter": the place in the genitive is no speaker
        if named is not None:
            if self._attribute_only(sp, head, named):
                # "ein Sprecher des Ministeriums", "der Sprecher der Zeitung": an unnamed person of it
                aff = self.affiliation(sp, head)
                return Referent(None, None, anonymous=True, affiliation=aff, owned=True)
            how = "possessive" if self._owner_phrase(sp, named) else "name"
            return Referent(named, how, affiliation=self.affiliation(sp, head, named))
        designation = self._designation(sp, head)
        if designation is not None:
            return Referent(designation, "name", affiliation=self.affiliation(sp, head))
        ref = self._refers_back(sp, head, plural_verb)
        if ref.affiliation is None and ref.mention is None:
            ref.affiliation = self.affiliation(sp, head)
        return ref

    def head(self, sp: Span2) -> int:
        """The head noun of a phrase: the first capitalised word after its determiners and adjectives
        (the last word when there is none)."""
        t = self.t
        for i in range(sp[0], sp[1]):
            low = t.lower[i]
            if t.cap[i] and not self.phr.is_determiner(low) and low not in self.w.pron and not low.endswith("-") \
                    and low not in self.w.reflexive and low not in self.w.possessive:
                return i
        return sp[1] - 1

    def named(self, sp: Span2) -> Optional[Span]:
        """The entity the phrase itself names: its best entity (PER before ORG, LOC, MISC; the later
        of equal rank), or the person a sentence-initial "Von der Leyen" names."""
        t = self.t
        s, e = sp
        best = None
        for i in range(s, e):
            ent = t.ent_at(i)
            if ent is not None and (best is None or label_rank(ent.label_) <= label_rank(best.label_)):
                best = ent
        if best is not None:
            return best
        if self.phr.particle_name(s) == e:
            j = bisect.bisect_right(t.ent_ends, s) - 1
            while j >= 0:
                ent = t.ents[j]
                if ent.label_ == "PER" and t.lower[e - 1] in {t.lower[x] for x in range(ent.start, ent.end)}:
                    return ent
                j -= 1
        return None

    def _attribute_only(self, sp: Span2, head: int, named: Span) -> bool:
        """Whether the only entity of a phrase headed by a person noun is in an attribute of it ("ein
        Sprecher des Ministeriums", "der Korrespondent der Zeitung"): the person is not named."""
        t = self.t
        if named.label_ == "PER" or named.start <= head or t.ent_of[head] >= 0 or t.text[named.start - 1] == ",":
            return False  # (after a comma the entity is an appositive name: "Der Korrespondent in X, Will Grant")
        low = t.lower[head]
        if not self._person_noun(low):
            return False
        w = self.w
        return any(t.lower[x] in w.det_gen or t.lower[x] in w.affil_prep for x in range(head + 1, named.start))

    def _owner_phrase(self, sp: Span2, named: Span) -> bool:
        """"Habecks Angaben", "Selenskyjs Worten": a genitive name owning a source noun."""
        return named.end < sp[1] and self.is_source(named.end) and named.end == sp[1] - 1

    def _designation(self, sp: Span2, head: int) -> Optional[Span]:
        """An institution named by its designation without an entity ("das Verteidigungsministerium",
        "Angaben des Innenministeriums"): a compound on an institution noun, as a one-token mention."""
        t = self.t
        x = head
        if self.is_source(x) and x + 2 < sp[1] and t.lower[x + 1] in self.w.source_attr:
            x = self.head((x + 1, sp[1]))  # "Angaben des Innenministeriums": the owner's head
        low = t.lower[x]
        if not t.cap[x] or t.ent_of[x] >= 0 or x >= sp[1] or self.without_n(low) in self.w.org_class:
            return None  # (a class noun refers back: "die Notenbank")
        role = next((r for r in self.roles.org_role if stem(low).endswith(r) or low.endswith(r)), None)
        if role is None or len(low) < len(role) + 4 or low in self.roles.media:
            return None
        return Span(t.doc, x, x + 1, label="ORG")

    # ------------------------------------------------------------------ referring back

    def _refers_back(self, sp: Span2, head: int, plural_verb: bool) -> Referent:
        t, w = self.t, self.w
        s, e = sp
        first, single = t.lower[s], e - s == 1
        if first in self.lex.generic_subjects:
            return Referent(anonymous=True)
        if e - s == 2 and (first in w.possessive or first in w.reflexive):
            return self._possessive(s, first)
        if single and (first in self.lex.sources or first.endswith(tuple(w.owned_source_tail))):
            # "nach Angaben" without a named source is anonymous; "nach Polizeiangaben", "nach
            # NASA-Angaben" name their owner in the compound
            return Referent(anonymous=True, owned=self.owned_source(s))
        if first in w.det_indef:
            # "ein Polizeisprecher", "ein Sprecher des Ministeriums": unnamed, of a named institution
            return Referent(anonymous=True, owned=self.owned_role(s, e))
        if single and (first in w.pron or first in w.pron_obj):
            return self._pronoun(s, first, plural_verb)
        if single and (first in w.definite or first in w.relative or first in w.pron) and s > 0 \
                and self.t.text[s - 1] == ",":
            return self._relative(s)
        if single and first in w.definite:
            return Referent(self.salient(s, ("PER", "ORG")), "pronoun")
        if first in w.det_nom or first in w.det_obl:
            return self._definite(sp, head)
        if self.is_source(s) and s + 2 < e and t.lower[s + 1] in w.source_attr:
            return self.resolve((s + 1, e))  # "Angaben des Unternehmens": the owner's referent
        return Referent(anonymous=self._is_anon(t.lower[e - 1]) or self._is_anon(first))

    def _relative(self, s: int) -> Referent:
        """A relative pronoun after a comma ("ein General, der … betonte") refers to the phrase before it."""
        t = self.t
        antecedent = self.phr.np_backward(s - 1, t.sents[t.sent_of[s]][0])
        if antecedent is None or antecedent[1] - antecedent[0] == 1 and t.lower[antecedent[0]] in self.w.pron:
            return Referent(self.salient(s, ("PER", "ORG")), "pronoun")
        ref = self.resolve(antecedent)
        return Referent(ref.mention, "pronoun" if ref.mention is not None else None, ref.anonymous)

    def _possessive(self, s: int, first: str) -> Referent:
        """"seiner Meinung nach", "seinen Worten zufolge" (the possessor); "nach eigenen Angaben",
        "eigenen Angaben zufolge" (the subject of the sentence)."""
        w = self.w
        if first in w.reflexive:
            si = self.t.sent_of[s]
            # the subject before or after it in the sentence, else that of the previous sentence
            # ("Gazprom machte Verlust. Eigenen Angaben zufolge ...")
            mention = self.sentence_subject(si, before=s) or self.salient(s, ("PER", "ORG"), same_sentence=True) \
                or self.first_after(s, ("PER", "ORG")) or (self.sentence_subject(si - 1) if si > 0 else None)
            return Referent(mention, "possessive")
        gender = w.possessive.get(first) or None
        mention = self.salient(s, ("PER",), gender=gender) if gender else self.salient(s, ("PER", "ORG"))
        if mention is None and gender == "f":
            mention = self.salient(s, ("ORG",))  # "ihren Angaben zufolge": the organisation's, or a group's
        return Referent(mention, "possessive")

    def _pronoun(self, s: int, first: str, plural_verb: bool) -> Referent:
        w = self.w
        if (w.pron.get(first) or w.pron_obj.get(first)) == "GROUP" or (first in w.plural_pron and plural_verb):
            return Referent(self.salient(s, ("ORG",)), "pronoun")
        if first in w.first_person:
            return Referent()
        gender = w.pron_gender.get(first)
        mention = self.salient(s, ("PER",), gender=gender) or self.last_of_gender(s, gender)
        if mention is None and first in w.plural_pron:
            mention = self.salient(s, ("ORG",))  # "Die Gewerkschaft ... sie schrieb"
        return Referent(mention, "pronoun")

    def _definite(self, sp: Span2, head: int) -> Referent:
        """A definite noun phrase without a name: "der Minister", "der 68-Jährige", "das Ministerium",
        "dem Bericht"."""
        t = self.t
        s, e = sp
        low = t.lower[head]
        if self.is_source(head) and head == e - 1:
            prev = self.claims.last
            return Referent(prev.speaker_ent if prev else None, "previous" if prev and prev.speaker_ent else None)
        noun = low if low.endswith(self.roles.org_role) else stem(low)  # "des Unternehmens" -> unternehmen
        if noun.endswith(self.roles.org_role) and not self.roles.role_gender(low)[0]:
            return Referent(self.org_of_class(s, noun), "role")
        found = self.person_of_role(s, head)
        if found is not None:
            return Referent(found, "role")
        if any(t.lower[x] in self.w.det_gen or t.lower[x] in self.w.affiliation_prep for x in range(head + 1, e)) \
                and self._person_noun(low):
            return Referent(anonymous=True, owned=True)  # "der Sprecher des Ministeriums": not named
        if self._is_anon(t.lower[e - 1]) and e - s <= 2:
            return Referent(anonymous=True)
        return Referent(self.salient(s, ("PER",), gender=self.phrase_gender(s, head)), "role")

    def _person_noun(self, low: str) -> bool:
        """A noun for a person (a role, an anonymous source): "Sprecher", "Ministerin", "Augenzeugen"."""
        return self.roles.role_gender(low)[0] or self._is_anon(low)

    def _is_anon(self, low: str) -> bool:
        anon, base = self.roles.anon, self.without_n(low)
        return low in anon or base in anon or low.endswith(self._anon_tails) or base.endswith(self._anon_tails)

    def without_n(self, low: str) -> str:
        """"kreisen" -> "kreise", "grünen" -> "grüne" (the -n of weak nouns and dative plurals)."""
        n = next((x for x in self.w.n_ending if low.endswith(x)), None)
        return low[: -len(n)] if n and len(low) > len(n) + 2 else low

    # ------------------------------------------------------------------ roles, classes, salience

    def phrase_gender(self, s: int, head: int) -> Optional[str]:
        """The gender a person phrase marks: its role noun (Ministerin), else its article (der/die)."""
        is_role, gender = self.roles.role_gender(self.t.lower[head])
        if gender:
            return gender
        if any(self.t.lower[head].endswith(f) for f in self.w.feminine_ending) and is_role:
            return "f"
        return self.w.class_article.get(self.t.lower[s]) or None if s < head else None

    def person_of_role(self, s: int, head: int) -> Optional[Span]:
        """The person the article introduced with the role, party or age of the phrase at ``head``
        ("der Kanzler" after "Bundeskanzler Olaf Scholz", "der 56-Jährige" after "Peskow (56)",
        "der SPD-Politiker" after "Weil (SPD)"), the most recent first."""
        t = self.t
        low = t.lower[head]
        age = self.entities._age_word(low)
        is_role, _ = self.roles.role_gender(low)
        if age is None and not is_role:
            return None
        gender = self.phrase_gender(s, head)
        party, _, base = low.rpartition("-")
        for mention, ent in self._before(s, ("PER",)):
            if gender and ent.gender and ent.gender != gender:
                continue
            if age is not None and ent.age == age:
                return mention
            if age is None and (_role_fits(base, ent.roles) or party and self._party_fits(party, ent)):
                return mention
        return None

    def org_of_class(self, s: int, low: str) -> Optional[Span]:
        """The organisation a class noun ("das Ministerium", "der Geheimdienst") refers to: the last
        one whose name or description ends in that noun, else the most salient organisation of a kind
        the noun can name (:mod:`newsents.claims.orgclass`)."""
        si = self.t.sent_of[s]
        subject = self.sentence_subject(si - 1) if si > 0 else None
        subject = subject if subject is not None and subject.label_ == "ORG" else None
        kinds = class_kinds(self.w, low)
        if subject is not None and kinds and self.kinds.kind(subject) in kinds:
            return subject  # "Bosch ist beteiligt. Der Konzern erklärte": the organisation just named
        for mention, ent in self._before(s, ("ORG",)):
            words = {x.lower() for x in ent.name.replace("-", " ").split()}
            # the class noun is the name's head or a compound's head: Landgericht München II <- das Gericht
            if any(x.endswith(low) for x in words) or any(r.endswith(low) for r in ent.roles):
                return mention
        designation = designation_before(self.t, s, low)
        if designation is not None:
            return designation
        # "Die Landespolizeidirektion teilte mit ... Die Behörde betonte"; "Siemens hat Gewinn erzielt. Das
        # Unternehmen teilte mit"
        if low in self.w.self_named:
            return None  # "die Polizei" names an institution itself: no other organisation
        if not kinds:
            return self.last_speaker(s, ("ORG",)) or subject or self.salient(s, ("ORG",))  # "Ryanair ... Der Konzern"
        candidates = [self.last_speaker(s, ("ORG",)), subject, self.salient(s, ("ORG",))]
        # of a kind the noun can name: "Der Konzern" is no authority (orgclass)
        return self.kinds.pick(kinds, candidates, [m for m, _ in self._before(s, ("ORG",))])

    def _before(self, i: int, labels: Sequence[str]) -> Iterator[tuple[Span, ArticleEntity]]:
        """(last mention before token i, its entity) of each entity with one of ``labels``, most recent first."""
        t = self.t
        seen = set()
        last = bisect.bisect_right(t.ent_ends, i) - 1
        for j in range(last, max(-1, last - LOOKBACK), -1):
            ent = self.entities.of(t.ents[j])
            if ent is None or id(ent) in seen or ent.label not in labels:
                continue
            seen.add(id(ent))
            yield t.ents[j], ent

    def fits(self, span: Span, labels: Sequence[str], gender: Optional[str]) -> bool:
        if span.label_ not in labels:
            return False
        return gender is None or span.label_ != "PER" or self.entities.gender_of(span) in (None, gender)

    def salient(self, i: int, labels: Sequence[str], same_sentence: bool = False,
                gender: Optional[str] = None) -> Optional[Span]:
        """The most salient entity before token i with one of ``labels`` (and, for a person, the gender):
        the speaker of a claim in this or the previous sentence, the subject of the previous sentence,
        the last one named in this or the 3 previous sentences."""
        t = self.t
        si = t.sent_of[i]
        if not same_sentence:
            for c in reversed(self.claims.recent(6)):
                ent = c.speaker_ent
                if ent is not None and c.sent >= si - 1 and ent.end <= i and self.fits(ent, labels, gender):
                    return ent
            subject = self.sentence_subject(si - 1) if si > 0 else None
            if subject is not None and self.fits(subject, labels, gender):
                return subject
        lo = t.sents[max(0, si - WINDOW)][0] if not same_sentence else t.sents[si][0]
        j = bisect.bisect_right(t.ent_ends, i) - 1
        while j >= 0 and t.ents[j].start >= lo:
            if self.fits(t.ents[j], labels, gender):
                return t.ents[j]
            j -= 1
        return None

    def _party_fits(self, party: str, ent: ArticleEntity) -> bool:
        """Whether "SPD-" / "Grünen-" of a role compound names the entity's party."""
        party = self.without_n(party)
        return any(p == party or self.without_n(p) == party or p.startswith(party) for p in ent.parties)

    def last_of_gender(self, i: int, gender: Optional[str]) -> Optional[Span]:
        """The last person before token i whose gender is known to be ``gender`` (beyond the window of
        :meth:`salient`: "Sie" after a paragraph about others still means the one woman named)."""
        if gender is None:
            return None
        for mention, ent in self._before(i, ("PER",)):
            if ent.gender == gender:
                return mention
        return None

    def last_speaker(self, i: int, labels: Sequence[str]) -> Optional[Span]:
        """The speaker entity of the last claim before token i with one of ``labels``."""
        si = self.t.sent_of[i]
        for c in reversed(self.claims.recent(LOOKBACK_CLAIMS)):
            ent = c.speaker_ent
            if c.last_sent < si - SPEAKER_WINDOW:
                break
            if ent is not None and ent.end <= i and ent.label_ in labels:
                return ent
        return None

    def first_after(self, i: int, labels: Sequence[str]) -> Optional[Span]:
        """The first entity with one of ``labels`` after token i in its clause."""
        t = self.t
        for x in range(i, t.clause_end(i)):
            ent = t.ent_at(x)
            if ent is not None and ent.label_ in labels:
                return ent
        return None

    def sentence_subject(self, si: int, before: Optional[int] = None) -> Optional[Span]:
        """The entity opening sentence si (its Vorfeld subject), not after a preposition."""
        t = self.t
        s, e = t.sents[si]
        s = t.after_dateline(s, e)
        lim = min(e, s + SUBJECT_WINDOW, before if before is not None else e)
        for x in range(s, lim):
            low = t.lower[x]
            if low in self.w.prep or low in self.lex.preps:
                return None
            ent = t.ent_at(x)
            if ent is not None and ent.label_ in ("PER", "ORG"):
                return ent
            if not t.cap[x] and not t.punct[x] and not self.phr.is_determiner(low) and not t.adj_like(low):
                return None  # the finite verb: the Vorfeld holds no entity
        return None

    # ------------------------------------------------------------------ affiliation and sources

    def affiliation(self, sp: Span2, head: int, named: Optional[Span] = None) -> Optional[Span2]:
        """The speaker's organisation inside the phrase: "X von der OECD", "ein Sprecher des
        Landgerichts", "X (SPD)", "X, Verwaltungsratspräsident der UBS" (not a place: "in Lima")."""
        t, w = self.t, self.w
        person = named.label_ == "PER" if named is not None else self._person_noun(t.lower[head])
        if not person:
            return None  # an institution's own phrase ("Angaben des Ministeriums") has no affiliation
        start = named.end if named is not None else head + 1
        for x in range(start, sp[1] - 1):
            low = t.lower[x]
            if t.text[x] == "(" and x + 2 < sp[1] and t.text[x + 2] == ")" and t.cap[x + 1]:
                return x + 1, x + 2
            if low in w.det_gen or low in w.affiliation_prep:
                return self._affiliation_np(x + 1, sp[1])
        return None

    def _affiliation_np(self, x: int, end: int) -> Optional[Span2]:
        t = self.t
        while x < end and (self.phr.is_determiner(t.lower[x]) or not t.cap[x]):
            x += 1
        if x >= end:
            return None
        y = x
        while y < end and (t.cap[y] or t.text[y] in "-" or t.ent_of[y] >= 0) and t.text[y] not in (",", "("):
            ent = t.ent_at(y)
            if ent is not None and ent.label_ == "ORG":  # "der Hilfsorganisation Nordhilfe": its name
                return ent.start, min(ent.end, end)
            y += 1
        return (x, y) if y > x else None

    def is_source(self, i: int) -> bool:
        """A source noun of "nach <noun>" (Angaben), or a compound ending in one (Polizeiangaben)."""
        t = self.t
        low = t.lower[i]
        return t.cap[i] and (low in self.lex.sources or any(
            low.endswith(src) and len(low) > len(src) + 2 for src in self.lex.source_tails))

    def owned_role(self, s: int, e: int) -> bool:
        """Whether an indefinite speaker phrase names its institution: a compound starting with an
        institution noun (Polizeisprecher) or a genitive attribute ending in one (des Ministeriums)."""
        t = self.t
        roles = self.roles.org_role
        anon = tuple(self.roles.anon)
        for i in range(s + 1, e):
            low = t.lower[i]
            if not t.cap[i]:
                continue
            if t.lower[i - 1] in self.w.det_gen and (low.endswith(roles) or stem(low).endswith(roles)):
                return True
            if any(low.startswith(r) and len(low) > len(r) + 4 for r in roles) and low.endswith(anon):
                return True
        return False

    def owned_source(self, i: int) -> bool:
        """A source compound whose first part names an institution: Polizeiangaben, NASA-Angaben."""
        t = self.t
        text, low = t.text[i], t.lower[i]
        if "-" in text and text[:1].isupper() and text.split("-")[0][1:2].isupper():
            return True  # an acronym or name before the hyphen
        for src in self.lex.sources:
            if low.endswith(src) and len(low) > len(src) + 2:
                mod = low[: -len(src)].rstrip("-")
                return any(mod.endswith(r) or mod.endswith(r + "s") for r in self.roles.org_role)
        return False


def _role_fits(base: str, roles: set[str]) -> bool:
    """Whether a role noun ("kanzler", "politikerin") names one of an entity's roles
    ("bundeskanzler", "grünen-politikerin")."""
    for r in roles:
        r_base = r.rpartition("-")[2]
        if r == base or r_base == base or r_base.endswith(base) or (len(r_base) > 4 and base.endswith(r_base)):
            return True
    return False

