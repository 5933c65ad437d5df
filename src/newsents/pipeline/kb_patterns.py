"""The knowledge base as token patterns for the KB ruler (``newsents_kb``).

:func:`kb_table` turns the base into the component's data: one row per (surface form, entity),
preferred reading first. :class:`PatternSet` tokenises every form once with the pipeline's own
tokenizer and keeps the patterns in a dict keyed by their first token's ORTH id; matching a document
is one pass over its ORTH ids, leftmost-longest (see :meth:`PatternSet.matches`).

Kinds of pattern:

- a **name**: the surface form itself (``FSB``, ``Föderaler Sicherheitsdienst``, ``dpa``);
- a **described form**: an alias whose first words are a descriptor (a role or class noun of
  ``roles.tsv``, or lowercase words) and whose rest is a name of the same entity
  (``Terrormiliz IS``, ``Inlandsgeheimdienst FSB``, ``Verteidigungsminister Schoigu``,
  ``deutsche Bundesregierung``). It gives context: the mention is only the name part
  (``emit`` tokens are skipped);
- **derived variants** of names (PER, LOC, ORG of four characters or more): the regular genitive in
  ``-s`` (``Schoigus``, ``Russlands``; not after s, x, z, ß, nor after -e but for persons:
  ``Goethes``, not ``Grünes``), for LOC and ORG also ``-es``
  (``Bundestages``), the capitalised form of a word with inner capitals (``Bafin`` for ``BaFin``),
  and, marked ambiguous, that of an all-caps word of four letters or more (``Partei`` for
  ``PARTEI`` is a German word). A form the base lists explicitly always wins over a derived one.

Lowercase multi-word aliases that are no described form, aliases that start with a descriptor and
place it at another entity (``Regierung in Berlin``; not ``Gericht der EU``), and hyphen compounds
of the entity's own name and a descriptor (``VW-Konzern``, ``IS-Miliz``; not ``EU-Kommission``)
are not patterns: they describe, they do not name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from spacy.strings import get_string_id

from ..knowledge.kb import KnowledgeBase
from ..knowledge.loader import parse_rows
from ..knowledge.morphology import declined_names

TABLE_COLUMNS = ("surface", "id", "label", "kind", "ambiguous", "name")
GENITIVE_LABELS = ("PER", "LOC", "ORG")
SIBILANTS = ("s", "x", "z", "ß")
VOWELS = set("aeiouäöüyAEIOUÄÖÜY")
MIN_VARIANT_BASE = 4
#: prepositions that place a described thing (Regierung in Berlin), unlike a genitive (Gericht der EU)
LOCATIVES = frozenset({"in", "im", "aus", "bei", "am", "an"})


@dataclass(frozen=True)
class Reading:
    """One entity of the base that a surface form may denote."""

    id: str
    label: str
    kind: str
    ambiguous: bool


@dataclass(frozen=True)
class Pattern:
    """A token sequence of the base and what it denotes."""

    readings: tuple[Reading, ...]  #: preferred reading first
    emit: int = 0  #: leading context tokens that are not part of the mention (described forms)
    genitive: bool = False  #: a derived genitive (Schoigus)

    @property
    def ambiguous(self) -> bool:
        """Every reading marks the form ``~`` (and no descriptor gives context)."""
        return self.emit == 0 and all(r.ambiguous for r in self.readings)

    @property
    def generic(self) -> bool:
        """Marked ``~`` by two or more entities of one label, ORG or LOC (``Außenministerium``,
        ``Bundesrat``, ``Kongo``): surely a name of that label, but the context must say which."""
        labels = self.labels
        return self.ambiguous and len(labels) == 1 and labels[0] in ("ORG", "LOC") and \
            len({r.id for r in self.readings}) >= 2

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.label for r in self.readings))

    @property
    def preferred(self) -> Reading:
        return self.readings[0]


@dataclass(frozen=True)
class Match:
    """A pattern found in a document: tokens ``start:end`` (the mention: ``start + emit:end``)."""

    start: int
    end: int
    pattern: Pattern

    @property
    def mention(self) -> tuple[int, int]:
        return self.start + self.pattern.emit, self.end


def kb_table(kb: KnowledgeBase) -> str:
    """The base as the ruler's data: TSV rows ``surface id label kind ambiguous name``, preferred
    reading first; ``ambiguous`` is 1 for a form marked ``~``, ``name`` 1 for the canonical name.
    (What :func:`parse_table` would read back is remembered, so the shipped base is not parsed.)"""
    lines = ["\t".join(TABLE_COLUMNS)]
    table: dict[str, list[Reading]] = {}
    names: dict[str, str] = {}
    for surface, ids in kb.names().items():
        for entity_id in ids:
            entity = kb.get(entity_id)
            if entity is None or "\t" in surface or "\n" in surface:
                continue
            marked = surface in entity.ambiguous
            table.setdefault(surface, []).append(Reading(entity.id, entity.label, entity.kind, marked))
            if surface == entity.name:
                names[entity.id] = surface
            lines.append("\t".join((surface, entity.id, entity.label, entity.kind, "1" if marked else "",
                                    "1" if surface == entity.name else "")))
    text = "\n".join(lines) + "\n"
    _remember(text, ({k: tuple(v) for k, v in table.items()}, names))
    return text


_PARSED: dict[str, tuple[dict[str, tuple[Reading, ...]], dict[str, str]]] = {}


def _remember(text: str, parsed: tuple[dict[str, tuple[Reading, ...]], dict[str, str]]) -> None:
    if len(_PARSED) >= 2:
        _PARSED.clear()
    _PARSED[text] = parsed


def parse_table(text: str) -> tuple[dict[str, tuple[Reading, ...]], dict[str, str]]:
    """Surface form -> readings (preferred first), and entity id -> canonical name, of a
    :func:`kb_table` text (remembered: every pipeline of a process shares the parsed base)."""
    found = _PARSED.get(text)
    if found is not None:
        return found
    out: dict[str, list[Reading]] = {}
    names: dict[str, str] = {}
    for row in parse_rows(text, "kb_table.tsv", min_columns=4, max_columns=6, header=TABLE_COLUMNS):
        out.setdefault(row[0], []).append(Reading(row[1], row[2], row[3], row.get(4) == "1"))
        if row.get(5) == "1":
            names[row[1]] = row[0]
    parsed = ({surface: tuple(readings) for surface, readings in out.items()}, names)
    _remember(text, parsed)
    return parsed


@dataclass
class Descriptors:
    """Words that describe rather than name: role and class nouns of ``roles.tsv`` (and their
    suffixes), and compounds ending in a descriptor head (Terrormiliz, Kurznachrichtendienst).
    ``name_words`` begin official names and never describe (Republik Moldau)."""

    words: frozenset[str]
    suffixes: tuple[str, ...]
    name_words: frozenset[str] = field(default_factory=frozenset)
    heads: tuple[str, ...] = ()

    def describes(self, word: str, person: bool = False) -> bool:
        """A capitalised descriptor; before a person only a role word of ``roles.tsv`` counts (a
        first name may end like a descriptor head: Roland)."""
        if word in self.name_words or not word[:1].isupper():
            return False
        low = word.lower()
        if low in self.words or (len(low) > 6 and low.endswith(self.suffixes)):
            return True
        if "-" in low:  # US-Bundespolizei, Kreml-Sprecher: the last part decides
            return self.describes(word.rpartition("-")[2].capitalize(), person)
        return not person and low.endswith(self.heads)


class PatternSet:
    """The patterns of a table, indexed by the ORTH id of their first token."""

    def __init__(self, table: dict[str, tuple[Reading, ...]], tokenize, descriptors: Descriptors):
        self._first: dict[int, list[tuple[tuple[int, ...], Pattern]]] = {}
        self.size = 0
        tokens = dict(zip(table, tokenize(list(table))))
        explicit: dict[tuple[int, ...], Pattern] = {}
        for surface, readings in table.items():
            pattern = _classify(surface, readings, tokens, table, descriptors)
            if pattern is not None:
                key = _key(tokens[surface])
                old = explicit.get(key)
                explicit[key] = pattern if old is None else _merge(old, pattern)
        derived: dict[tuple[int, ...], Pattern] = {}
        for surface, readings in table.items():
            for words, pattern in _variants(surface, tokens[surface], readings):
                key = _key(words)
                if key not in explicit:
                    old = derived.get(key)
                    derived[key] = pattern if old is None else _merge(old, pattern)
        for key, pattern in (*explicit.items(), *derived.items()):
            self._first.setdefault(key[0], []).append((key, pattern))
        for candidates in self._first.values():
            candidates.sort(key=lambda item: -len(item[0]))
        self.size = len(explicit) + len(derived)

    def matches(self, orths: Sequence[int]) -> list[Match]:
        """Leftmost-longest matches over a document's ORTH ids (no two overlap)."""
        found: list[Match] = []
        first, n, i = self._first, len(orths), 0
        while i < n:
            candidates = first.get(orths[i])
            if candidates is not None:
                for key, pattern in candidates:
                    end = i + len(key)
                    if end <= n and (len(key) == 1 or tuple(orths[i:end]) == key):
                        found.append(Match(i, end, pattern))
                        i = end
                        break
                else:
                    i += 1
                continue
            i += 1
        return found


def _key(words: Iterable[str]) -> tuple[int, ...]:
    return tuple(get_string_id(w) for w in words)


def _merge(a: Pattern, b: Pattern) -> Pattern:
    readings = tuple(dict.fromkeys(a.readings + b.readings))
    return Pattern(readings, min(a.emit, b.emit), a.genitive and b.genitive)


def _classify(surface: str, readings: tuple[Reading, ...], tokens: dict[str, list[str]],
              table: dict[str, tuple[Reading, ...]], descriptors: Descriptors) -> Pattern | None:
    """The pattern of one surface form: a name, a described form, or None (a description)."""
    words = tokens[surface]
    if not words:
        return None
    lowercase = words[0][:1].islower()
    if len(words) == 1:
        first, _, head = surface.rpartition("-")
        if first and head[:1].isupper() and descriptors.describes(head) and \
                {r.id for r in table.get(first, ())} & {r.id for r in readings}:
            return None  # VW-Konzern, IS-Miliz: the entity's own name and a common-noun head describe
        return Pattern(readings)
    person = any(r.label == "PER" for r in readings)
    if lowercase or descriptors.describes(words[0], person):
        ids = {r.id for r in readings}
        for k in range(1, len(words)):
            tail = " ".join(words[k:])
            tail_ids = {r.id for r in table.get(tail, ())} | {r.id for r in table.get(_joined(tail), ())}
            if ids & tail_ids and all(w[:1].islower() or descriptors.describes(w, person) for w in words[:k]):
                kept = tuple(r for r in readings if r.id in tail_ids)
                return Pattern(kept, emit=k)
        if lowercase:
            return None
        located = any(w in LOCATIVES for w in words[1:])
        if located and any(table.get(w) and w[:1].isupper() and not {r.id for r in table[w]} & ids
                           for w in words[1:]):
            return None  # Regierung in Berlin describes; Gericht der EU names
    return Pattern(readings)


def _joined(text: str) -> str:
    """Token texts joined with spaces back to a surface written without them (``X (Twitter)``)."""
    return text.replace(" - ", "-").replace(" / ", "/")


def _variants(surface: str, words: list[str], readings: tuple[Reading, ...]):
    """Derived genitives (-s, -es) and capitalised forms of all-caps words (see module doc)."""
    if not words or len(surface) < MIN_VARIANT_BASE:
        return
    named = tuple(r for r in readings if r.label in GENITIVE_LABELS)
    inanimate = tuple(r for r in named if r.label != "PER")
    last = words[-1]
    if named and last[-1:].isalpha() and not last.endswith(SIBILANTS) and not last.isupper() \
            and last[:1].isupper():
        # a place or organisation in -e is feminine or an adjective (Ukraine, Grüne -> Grünes)
        owners = named if not last.endswith("e") else tuple(r for r in named if r.label == "PER")
        if owners:
            yield [*words[:-1], last + "s"], Pattern(owners, genitive=True)
        if inanimate and last[-1] not in VOWELS:
            yield [*words[:-1], last + "es"], Pattern(inanimate, genitive=True)
    if inanimate and len(words) > 1:
        # der Militärische Abschirmdienst, des Föderalen Sicherheitsdienstes, der Europäischen Zentralbank
        for form, genitive in declined_names(words):
            yield form, Pattern(inanimate, genitive=genitive)
    if len(words) == 1 and surface.isalpha() and surface[:1].isupper() and not surface[1:].islower():
        # BaFin -> Bafin, YouTube -> Youtube; NATO -> Nato only as an ambiguous form, since the
        # capitalised form of an all-caps name is often a German word (PARTEI -> Partei, ZEIT -> Zeit)
        if surface.isupper():
            if len(surface) >= MIN_VARIANT_BASE:
                yield [surface[0] + surface[1:].lower()], Pattern(tuple(replace(r, ambiguous=True) for r in readings))
        else:
            yield [surface[0] + surface[1:].lower()], Pattern(readings)
