"""The claims lexicon: cue words, closed word classes, Konjunktiv forms and speaker-phrase roles,
read from the data files and validated at load.

Every German word the claims stage uses is in one of these files (``knowledge/data``):

- ``cues.tsv``: verbs of saying, relay verbs, source prepositions and nouns, hearsay modals, ...
  (columns cue, kind, mode, flags; :data:`CUE_KINDS`, :data:`MODES`, :data:`CUE_FLAGS`);
- ``claims_words.tsv``: closed word classes and the endings the rules read (columns word,
  category, value; the categories are the fields of :class:`WordClasses`);
- ``claims_konjunktiv.tsv``: finite forms that mark reported speech (form, ``k1``/``k2``);
- ``roles.tsv``: the one title and role lexicon (its ``claims`` and ``gender`` columns, and the person
  roles that entities and linking use as titles).

A misspelt kind, category, mode, flag or value is a :class:`~newsents.knowledge.DataFileError` naming
the file and line, never an empty table.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Union

from ..knowledge.kb_schema import KINDS
from ..knowledge.loader import DataFileError, Row, parse_rows
from ..knowledge.names import FirstNames
from ..knowledge.roles import RoleLexicon, parse_roles

Source = Union[str, Path]

CUE_KINDS = ("verb", "relay", "prep", "postp", "source", "particle", "berufung", "hearsay", "quotephrase",
             "generic", "anaphor", "noun")
MODES = ("indirect", "reported", "direct", "-")
#: a: the source is an aus-phrase (aus Regierungskreisen verlautete); zu: a zu-infinitive can be the content;
#: q: only with a quote or colon; n: a noun object carries the statement; c: (source) also a compound's tail
CUE_FLAGS = ("zu", "a", "q", "n", "c")
KONJ_KINDS = ("k1", "k2")
#: allowed values of the valued word classes (others take none)
WORD_VALUES = {
    "pron": ("PER", "GROUP"), "pron_obj": ("PER", "GROUP"), "conj": ("coord", ""),
    "pron_gender": ("m", "f"), "possessive": ("m", "f", ""), "class_article": ("m", "f"),
}


@dataclass
class WordClasses:
    """The closed word classes of ``claims_words.tsv``: category -> {lowercase word: value}.

    Each field is one category of the file; its docstring line says what the rules do with it."""

    det_nom: dict[str, str] = field(default_factory=dict)  # determiners that can open a subject
    det_indef: dict[str, str] = field(default_factory=dict)  # indefinite determiners (anonymous speakers)
    det_obl: dict[str, str] = field(default_factory=dict)  # determiners that cannot open a subject
    det_gen: dict[str, str] = field(default_factory=dict)  # open a genitive attribute (des Amtes)
    pron: dict[str, str] = field(default_factory=dict)  # pronouns that can be speakers (PER / GROUP)
    pron_obj: dict[str, str] = field(default_factory=dict)  # object pronouns (speaker of zitieren)
    pron_nom: dict[str, str] = field(default_factory=dict)  # nominative only (er, ich, wir): subject after the verb
    pron_gender: dict[str, str] = field(default_factory=dict)  # gender of a singular pronoun (m / f)
    plural_pron: dict[str, str] = field(default_factory=dict)  # a pronoun that is plural with a plural verb
    first_person: dict[str, str] = field(default_factory=dict)  # ich: refers to no earlier entity
    definite: dict[str, str] = field(default_factory=dict)  # der/die/das alone: a demonstrative speaker
    prep: dict[str, str] = field(default_factory=dict)  # an NP after one is no subject
    adv: dict[str, str] = field(default_factory=dict)  # fill the Vorfeld, are no subject
    neg: dict[str, str] = field(default_factory=dict)  # negate a speech act
    conj: dict[str, str] = field(default_factory=dict)  # clause-linking words (coord / subordinating)
    coord: dict[str, str] = field(default_factory=dict)  # coordinating words inside a noun phrase
    conj_and: dict[str, str] = field(default_factory=dict)  # "und": elided subjects, coordinated names
    that: dict[str, str] = field(default_factory=dict)  # complementisers opening indirect speech
    dass: dict[str, str] = field(default_factory=dict)  # dass/daß
    whether: dict[str, str] = field(default_factory=dict)  # ob
    demonstr: dict[str, str] = field(default_factory=dict)  # "Das teilte X mit": points at the previous sentence
    time: dict[str, str] = field(default_factory=dict)  # time nouns that open no subject
    aux: dict[str, str] = field(default_factory=dict)  # auxiliaries and modals (end a noun phrase)
    passive_aux: dict[str, str] = field(default_factory=dict)  # werden forms of the passive
    copula: dict[str, str] = field(default_factory=dict)  # sein forms: "ist geplant" is a state
    perfect_aux: dict[str, str] = field(default_factory=dict)  # haben/sein after a hearsay modal
    passive_part: dict[str, str] = field(default_factory=dict)  # worden
    possessive: dict[str, str] = field(default_factory=dict)  # "seiner Meinung nach": the possessor speaks
    reflexive: dict[str, str] = field(default_factory=dict)  # "nach eigenen Angaben": the subject speaks
    relative: dict[str, str] = field(default_factory=dict)  # relative pronouns
    relative_after_prep: dict[str, str] = field(default_factory=dict)  # relative pronouns after a preposition
    intent: dict[str, str] = field(default_factory=dict)  # finite wollen: a stated intention
    agent_prep: dict[str, str] = field(default_factory=dict)  # von: the agent of a passive
    affil_prep: dict[str, str] = field(default_factory=dict)  # von/in/bei: a speaker's affiliation or place
    in_prep: dict[str, str] = field(default_factory=dict)  # in: "In der Erklärung heißt es"
    source_from: dict[str, str] = field(default_factory=dict)  # aus: "aus Regierungskreisen verlautete"
    source_attr: dict[str, str] = field(default_factory=dict)  # attach an owner to a source noun (Angaben des X)
    source_prep: dict[str, str] = field(default_factory=dict)  # von/aus before the owner of a source noun
    source_nach: dict[str, str] = field(default_factory=dict)  # nach: "nach Angaben", "Meinung nach"
    clause_wie: dict[str, str] = field(default_factory=dict)  # wie: "wie X mitteilte"
    media_det: dict[str, str] = field(default_factory=dict)  # dative article before a medium (sagte X der Zeitung)
    media_prep: dict[str, str] = field(default_factory=dict)  # gegenüber: the medium a statement was made to
    dative_det: dict[str, str] = field(default_factory=dict)  # articles after gegenüber
    media_tail: dict[str, str] = field(default_factory=dict)  # compound tails of media (Tageszeitung)
    infinitive: dict[str, str] = field(default_factory=dict)  # zu of a zu-infinitive
    no_konj_after: dict[str, str] = field(default_factory=dict)  # an -e form after these is no Konjunktiv
    owned_source_tail: dict[str, str] = field(default_factory=dict)  # source compounds that name an owner
    adj_ending: dict[str, str] = field(default_factory=dict)  # endings of inflected adjectives
    genitive_adj_ending: dict[str, str] = field(default_factory=dict)  # -er: "Angaben informierter Kreise"
    adverb_ending: dict[str, str] = field(default_factory=dict)  # endings of adverbs (schließlich)
    konj_ending: dict[str, str] = field(default_factory=dict)  # -ere/-ele: Konjunktiv of -ern/-eln verbs
    konj1_ending: dict[str, str] = field(default_factory=dict)  # -e: Konjunktiv I, 3rd person singular (richte)
    n_ending: dict[str, str] = field(default_factory=dict)  # -n of weak and dative plural forms (Grünen, Kreisen)
    verb_ending: dict[str, str] = field(default_factory=dict)  # inflection endings (infinitive guesses)
    participle_prefix: dict[str, str] = field(default_factory=dict)  # ge-
    participle_ending: dict[str, str] = field(default_factory=dict)  # -t
    infinitive_ending: dict[str, str] = field(default_factory=dict)  # -en
    finite_ending: dict[str, str] = field(default_factory=dict)  # -t/-te: a finite verb (a clause)
    plural_verb_ending: dict[str, str] = field(default_factory=dict)  # -en/-ten: a plural finite verb
    feminine_ending: dict[str, str] = field(default_factory=dict)  # -in: a feminine role noun
    either_ending: dict[str, str] = field(default_factory=dict)  # -e: der/die Vorsitzende, either gender
    age_noun: dict[str, str] = field(default_factory=dict)  # -jährige: "der 68-Jährige"
    not_cue: dict[str, str] = field(default_factory=dict)  # forms that look like cue verbs but are none
    self_named: dict[str, str] = field(default_factory=dict)  # class nouns that name an institution themselves
    class_article: dict[str, str] = field(default_factory=dict)  # article of a person noun -> gender (der -> m)
    affiliation_prep: dict[str, str] = field(default_factory=dict)  # von/bei: "X von der OECD", "X beim ÖGB"
    org_class: dict[str, str] = field(default_factory=dict)  # class noun -> knowledge-base kinds it can name
    strong_form: dict[str, str] = field(default_factory=dict)  # strong verb form -> infinitive (sprachen -> sprechen)

    @classmethod
    def categories(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    def cats(self, *names: str) -> set[str]:
        """The words of several categories, in one set."""
        return {w for name in names for w in getattr(self, name)}


#: the categories of function words: never a verb, name or speaker
CLOSED_CLASSES = ("det_nom", "det_indef", "det_obl", "pron", "pron_obj", "prep", "adv", "conj", "that")


@dataclass
class RoleClasses:
    """The claims view of ``roles.tsv``: speaker-phrase classes and person role nouns with gender."""

    person_head: tuple[str, ...] = ()  # head nouns of persons or bodies that make statements (suffixes)
    org_role: tuple[str, ...] = ()  # nouns that refer to an organisation
    anon: dict[str, str] = field(default_factory=dict)  # heads of anonymous sources
    media: dict[str, str] = field(default_factory=dict)  # media that relay statements
    name_particle: dict[str, str] = field(default_factory=dict)  # von, van, de, ...: start a surname
    address: dict[str, str] = field(default_factory=dict)  # Herr/Frau: fix the gender of the name after
    roles: dict[str, str] = field(default_factory=dict)  # person role nouns (Minister, Kanzlerin) -> m/f/''
    role_suffixes: tuple[tuple[str, str], ...] = ()  # (*minister, m), longest first
    _memo: dict[str, tuple[bool, str]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_roles(cls, lex: RoleLexicon) -> RoleClasses:
        out = cls()
        by_class = lex.claims_classes()
        out.person_head = tuple(by_class.get("person_head", {}))
        out.org_role = tuple(by_class.get("org_role", {}))
        out.anon = by_class.get("anon", {})
        out.media = by_class.get("media", {})
        out.name_particle = by_class.get("name_particle", {})
        out.address = by_class.get("gender", {})
        person = [w for w in lex.words if w.linking == "role" or (w.entities == "title" and w.linking != "address")
                  or "person_head" in w.claims and w.gender]
        out.roles = {w.text.lower(): w.gender for w in person if not w.is_suffix}
        out.role_suffixes = tuple(sorted(((w.text.lower().replace("-", ""), w.gender) for w in person if w.is_suffix),
                                         key=lambda x: -len(x[0])))
        return out

    def role_gender(self, noun: str) -> tuple[bool, str]:
        """(whether ``noun`` is a person role noun, its grammatical gender m/f/''), memoised."""
        found = self._memo.get(noun)
        if found is None:
            found = self._memo[noun] = self._role_gender(noun)
        return found

    def _role_gender(self, noun: str) -> tuple[bool, str]:
        low = noun.lower().replace("-", "")
        if low in self.roles:
            return True, self.roles[low]
        for suffix, gender in self.role_suffixes:
            if low.endswith(suffix):
                return True, gender
        return False, ""


@dataclass
class CueLexicon:
    """The cue words, closed word classes, Konjunktiv forms and role classes, read from the data files."""

    verbs: dict[str, tuple[str, str]] = field(default_factory=dict)  # lemma -> (mode, flags)
    separable: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # base -> [(particle, lemma)]
    particle_of: dict[str, str] = field(default_factory=dict)  # separable lemma -> its particle
    relay: set[str] = field(default_factory=set)
    preps: set[str] = field(default_factory=set)
    postps: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    source_tails: tuple[str, ...] = ()  # sources also matched as the tail of a compound (Polizeiangaben)
    particles: set[str] = field(default_factory=set)
    berufung: list[tuple[str, ...]] = field(default_factory=list)
    quote_phrases: list[tuple[str, ...]] = field(default_factory=list)
    hearsay: set[str] = field(default_factory=set)
    anaphors: set[str] = field(default_factory=set)
    generic_subjects: set[str] = field(default_factory=set)
    generic_phrases: set[tuple[str, ...]] = field(default_factory=set)
    speech_nouns: set[str] = field(default_factory=set)  # "X' Antwort: …"
    konj: dict[str, str] = field(default_factory=dict)
    words: WordClasses = field(default_factory=WordClasses)
    roles: RoleClasses = field(default_factory=RoleClasses)
    closed: set[str] = field(default_factory=set)  # the function words of CLOSED_CLASSES, in one set
    reported_firsts: set[str] = field(default_factory=set)  # words that can open a reported-speech cue
    subordinating: set[str] = field(default_factory=set)  # conjunctions that open a subordinate clause
    no_np_start: set[str] = field(default_factory=set)  # function words that open no noun phrase
    np_breaks: set[str] = field(default_factory=set)  # words that end a noun phrase
    generic_firsts: set[str] = field(default_factory=set)  # first words of impersonal sayings
    first_names: FirstNames = field(default_factory=lambda: FirstNames({}))  # first name -> m/f

    @classmethod
    def from_texts(cls, cues: str, konjunktiv: str, words: str, roles_tsv: str,
                   sources: tuple[Source, Source, Source, Source] = (
                       "cues.tsv", "claims_konjunktiv.tsv", "claims_words.tsv", "roles.tsv")) -> CueLexicon:
        """The lexicon from the texts of ``cues.tsv``, ``claims_konjunktiv.tsv``, ``claims_words.tsv``
        and ``roles.tsv`` (``sources`` name them in errors)."""
        lex = cls()
        for row in parse_rows(cues, sources[0], min_columns=2, max_columns=4):
            _add_cue(lex, row)
        for row in parse_rows(konjunktiv, sources[1], min_columns=1, max_columns=2):
            kind = row.get(1, "k1")
            if kind not in KONJ_KINDS:
                raise row.error(f"kind must be one of {', '.join(KONJ_KINDS)}, not {kind!r}")
            lex.konj[row[0].lower()] = kind
        lex.words = parse_words(words, sources[2])
        lex.roles = RoleClasses.from_roles(parse_roles(roles_tsv, sources[3]))
        lex.derive()
        return lex

    def with_first_names(self, *texts: tuple[str, Source]) -> CueLexicon:
        """Add the first-name gender lexicon from the texts of ``first_names.tsv`` files (later ones
        override earlier ones), as :class:`~newsents.knowledge.names.FirstNames` reads them."""
        genders: dict[str, str] = {}
        for text, source in texts:
            genders.update(parse_first_names(text, source))
        self.first_names = FirstNames(genders)
        return self

    def derive(self) -> None:
        """The sets built from several classes."""
        w = self.words
        self.closed = w.cats(*CLOSED_CLASSES)
        self.subordinating = {x for x, kind in w.conj.items() if kind != "coord"}
        self.no_np_start = w.cats("prep", "adv", "conj", "that", "time", "demonstr", "aux") | self.anaphors \
            | self.preps | self.postps
        self.np_breaks = w.cats("prep", "conj", "that", "neg")
        self.reported_firsts = self.preps | self.postps | self.anaphors | w.cats("source_nach", "clause_wie") \
            | set(w.demonstr)
        self.generic_firsts = {ph[0] for ph in self.generic_phrases}


def _flags(row: Row, text: str) -> str:
    rest = text.replace("zu", "")
    bad = [c for c in rest if c not in CUE_FLAGS]
    if bad:
        raise row.error(f"unknown flag {bad[0]!r} in {text!r} (known: {', '.join(CUE_FLAGS)})")
    return text


def _add_cue(lex: CueLexicon, row: Row) -> None:
    """One row of ``cues.tsv``."""
    cue, kind = row[0], row[1]
    mode, flags = row.get(2, "indirect"), _flags(row, row.get(3, ""))
    if kind not in CUE_KINDS:
        raise row.error(f"unknown kind {kind!r} (known: {', '.join(CUE_KINDS)})")
    if mode not in MODES:
        raise row.error(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    low = cue.lower()
    if kind in ("verb", "relay"):
        _add_verb(lex, cue, kind, mode, flags)
    elif kind in ("prep", "postp", "particle", "hearsay", "anaphor", "noun"):
        {"prep": lex.preps, "postp": lex.postps, "particle": lex.particles, "hearsay": lex.hearsay,
         "anaphor": lex.anaphors, "noun": lex.speech_nouns}[kind].add(low)
    elif kind == "source":
        lex.sources.add(low)
        if "c" in flags:
            lex.source_tails += (low,)
    elif kind in ("berufung", "quotephrase"):
        (lex.berufung if kind == "berufung" else lex.quote_phrases).append(tuple(low.split()))
    else:  # generic
        parts = tuple(low.split())
        if len(parts) == 1:
            lex.generic_subjects.add(parts[0])
        else:
            lex.generic_phrases.add(parts)


def _add_verb(lex: CueLexicon, cue: str, kind: str, mode: str, flags: str) -> None:
    if "|" in cue:
        particle, base = cue.split("|", 1)
        full = particle + base
        lex.separable.setdefault(base, []).append((particle, full))
        lex.particle_of[full] = particle
        lex.verbs[full] = (mode, flags)
    else:
        lex.verbs[cue] = (mode, flags)
    if kind == "relay":
        lex.relay.add(cue.replace("|", ""))


def parse_words(text: str, source: Source = "claims_words.tsv") -> WordClasses:
    """The word classes of a ``claims_words.tsv`` text; an unknown category or value is an error."""
    words = WordClasses()
    known = set(WordClasses.categories())
    for row in parse_rows(text, source, min_columns=2, max_columns=3):
        category, value = row[1], row.get(2)
        if category not in known:
            raise row.error(f"unknown category {category!r} (known: {', '.join(sorted(known))})")
        allowed = WORD_VALUES.get(category, ("",))
        if category == "org_class":
            wrong = [k for k in (value or "").split(",") if k not in KINDS["ORG"]]
            if wrong or not value:
                raise row.error(f"org_class takes organisation kinds of the knowledge base, not {wrong or value!r}")
        elif category == "strong_form":
            if not (value and value.isalpha() and value.islower()):
                raise row.error(f"strong_form takes the infinitive of the form, not {value!r}")
        elif value not in allowed:
            shown = ", ".join(a or "(empty)" for a in allowed)
            raise row.error(f"category {category} takes the values {shown}, not {value!r}")
        getattr(words, category)[row[0].lower()] = value
    return words


def parse_first_names(text: str, source: Source) -> dict[str, str]:
    """name -> m/f/? of a first-name file (header ``name gender [births]``)."""
    out: dict[str, str] = {}
    rows = parse_rows(text, source, min_columns=2, max_columns=3)
    for row in rows:
        if row.line and row[0] == "name" and row[1] == "gender":
            continue  # the header
        if row[1] not in ("m", "f", "?"):
            raise row.error(f"gender must be m, f or ?, not {row[1]!r}")
        out[row[0]] = row[1]
    return out


__all__ = ["CLOSED_CLASSES", "CUE_FLAGS", "CUE_KINDS", "CueLexicon", "DataFileError", "RoleClasses", "WordClasses",
           "parse_words"]
