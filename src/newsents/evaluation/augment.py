"""Training augmentation for the NER from the knowledge base: entity replacement with genitives.

``python -m newsents.evaluation.train augment --augment 0.2`` adds copies of GermEval 2014 train
sentences in which every PER, LOC and ORG span is replaced by a name from the knowledge base
(:mod:`newsents.knowledge.kb`) of the same label and, where the replaced name is itself in the base,
of the same kind (a city for a city, a party for a party). A replaced genitive stays a genitive
(``Merkels`` -> ``Schoigus``, ``Paris'``): the gold span covers the ending. Replacement names are
tokenised by spaCy's German tokenizer, as running text is at inference time. MISC spans and all other
words stay. The choice of sentences and names is seeded: the same base, data and seed give the same
file.
"""

from __future__ import annotations

import logging
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..knowledge.morphology import SIBILANTS
from .germeval import Sentence

log = logging.getLogger("newsents.evaluation.augment")

REPLACED = ("PER", "LOC", "ORG")
#: First words of person aliases that are titles, not names (GermEval marks only the name).
TITLE_WORDS = frozenset({
    "Kanzler", "Kanzlerin", "Altkanzler", "Altkanzlerin", "Präsident", "Präsidentin", "Bundeskanzler",
    "Bundeskanzlerin", "Bundespräsident", "Bundespräsidentin", "Papst", "König", "Königin", "Prinz",
    "Prinzessin", "Kremlchef", "Premier", "Premierminister", "Premierministerin", "Ministerpräsident",
    "Ministerpräsidentin", "Minister", "Ministerin", "Präsidenten", "Kardinal", "Scheich", "Emir",
    "General", "Generalsekretär", "Machthaber", "Diktator", "Staatschef", "Regierungschef", "Sir",
    "Lady", "Dr.", "Prof.", "Vizekanzler", "Außenminister", "Außenministerin", "Kronprinz",
})
#: Lowercase words inside person names (von der Leyen) and inside organisation/place names.
NAME_PARTICLES = frozenset({"von", "van", "de", "der", "al", "bin", "zu"})
NAME_FUNCTION_WORDS = frozenset({"für", "der", "des", "die", "und", "am", "an", "im", "in", "de", "of", "the"})
#: How often the canonical name is used rather than an alias.
CANONICAL_SHARE = 0.7


@dataclass(frozen=True)
class Name:
    """A replacement name: its words (spaCy tokens), the spaces after them, and the entity kind."""

    words: tuple[str, ...]
    spaces: tuple[bool, ...]
    kind: str


def _usable(surface: str, label: str) -> bool:
    """A surface form GermEval would annotate as an entity of ``label`` on its own."""
    words = surface.split()
    if not words or not surface[:1].isupper() or any(ch.isdigit() for ch in surface):
        return False
    if label == "PER":
        return words[0] not in TITLE_WORDS and all(w[:1].isupper() or w in NAME_PARTICLES for w in words)
    # inflected long forms ("Föderalen Sicherheitsdienstes") and phrases with lowercase adjectives
    # ("russische Inlandsgeheimdienst") would teach the wrong boundaries
    return not any(w[:1].islower() and w not in NAME_FUNCTION_WORDS for w in words[1:])


_ENDINGS = re.compile(r"(?:en|er|es|em|e|n|s)$")
_DESCRIPTOR_COMPOUND = re.compile(r"-(?:Konzern|Verlag|Gruppe|Partei|Regierung|Chef|Zentrale)$")


def _stem(surface: str) -> tuple[str, ...]:
    return tuple(_ENDINGS.sub("", w) for w in surface.split())


def _surfaces(entity) -> list[str]:
    """The name and the aliases that stand alone as the entity's name (no inflected variants of the
    name, no descriptor + name phrases such as ``Ölkonzern OMV`` or ``Kanzlerin Merkel``)."""
    out = []
    forms = (entity.name, *entity.aliases)
    for surface in forms:
        if surface in entity.ambiguous or not _usable(surface, entity.label):
            continue
        if surface != entity.name:
            if any(_stem(surface) == _stem(other) and len(surface) > len(other) for other in forms if other != surface):
                continue  # an inflected form (Deutschen Bahn, Volkswagens, Heeres)
            if entity.label != "PER" and any(surface.endswith(" " + other) for other in forms if other != surface):
                continue
            if _DESCRIPTOR_COMPOUND.search(surface):
                continue
        out.append(surface)
    return out


@dataclass(frozen=True)
class Entity:
    """A replacement entity: its kind and its usable names, the canonical name first."""

    kind: str
    names: tuple[Name, ...]
    canonical: bool  # names[0] is the canonical name


def name_pools(kb, tokenizer) -> dict[str, dict[str, list[Entity]]]:
    """Per label, per kind (and ``*`` for all): the replacement entities of the base.

    Persons give two pools: ``full`` (with their names of two or more words) and ``short`` (with
    their single-word names, usually the surname). Ambiguous forms (``~``) are left out.
    """
    pools: dict[str, dict[str, list[Entity]]] = {lab: defaultdict(list) for lab in REPLACED}
    for entity in sorted(kb, key=lambda e: e.id):
        if entity.label not in REPLACED:
            continue
        surfaces = _surfaces(entity)
        if not surfaces:
            continue
        names = []
        for surface in surfaces:
            doc = tokenizer(surface)
            names.append(Name(tuple(t.text for t in doc), tuple(bool(t.whitespace_) for t in doc), entity.kind))
        canonical = surfaces[0] == entity.name
        if entity.label == "PER":
            full = tuple(n for n in names if len(n.words) > 1)
            short = tuple(n for n in names if len(n.words) == 1)
            if full:
                pools["PER"]["full"].append(Entity(entity.kind, full, canonical and len(names[0].words) > 1))
            if short:
                pools["PER"]["short"].append(Entity(entity.kind, short, canonical and len(names[0].words) == 1))
        else:
            pools[entity.label][entity.kind].append(Entity(entity.kind, tuple(names), canonical))
            pools[entity.label]["*"].append(pools[entity.label][entity.kind][-1])
    return {lab: dict(p) for lab, p in pools.items()}


def _genitive_base(surface: str, label: str, known: set[tuple[str, str]]) -> str | None:
    """The nominative of ``surface`` if it is a regular genitive of a known entity name, else None."""
    for ending in ("'", "’", "s"):
        if surface.endswith(ending) and len(surface) > len(ending) + 2:
            base = surface[: -len(ending)]
            if (label, base) in known and (ending == "s" or base[-1:] in SIBILANTS):
                return base
    return None


def _genitive(name: Name) -> Name:
    """The regular genitive: ``-s``, or an apostrophe token after a sibilant (spaCy splits it off)."""
    last = name.words[-1]
    if last[-1:] in SIBILANTS:
        return Name(name.words + ("'",), name.spaces[:-1] + (False, name.spaces[-1]), name.kind)
    return Name(name.words[:-1] + (last + "s",), name.spaces, name.kind)


class Replacer:
    """Draws replacement names for gold spans; seeded."""

    def __init__(self, kb, tokenizer, known: set[tuple[str, str]], seed: int = 0, strict: bool = False):
        self.kb = kb
        self.strict = strict
        self.pools = name_pools(kb, tokenizer)
        self.known = known
        self.rng = random.Random(seed)
        self.stats: Counter = Counter()

    def kind_of(self, surface: str, label: str) -> str | None:
        for entity in self.kb.lookup(surface):
            if entity.label == label:
                return entity.kind
        return None

    def replaceable(self, words: Sequence[str], label: str) -> bool:
        """In strict mode only names of the base are replaced (by names of the same kind)."""
        if label not in REPLACED:
            return False
        if not self.strict:
            return True
        surface = " ".join(words)
        kind = self.kind_of(_genitive_base(surface, label, self.known) or surface, label)
        return kind is not None and (label == "PER" or len(self.pools[label].get(kind, ())) >= 5)

    def draw(self, words: Sequence[str], label: str) -> Name:
        surface = " ".join(words)
        base = _genitive_base(surface, label, self.known)
        if label == "PER":
            pool = self.pools["PER"]["full" if len(words) > 1 else "short"]
        else:
            kind = self.kind_of(base or surface, label)
            pool = self.pools[label].get(kind) if kind else None
            if not pool or len(pool) < 5:
                pool = self.pools[label]["*"]
        self.stats[f"{label}:{'kind' if label != 'PER' and pool is not self.pools[label]['*'] else 'any'}"] += 1
        entity = self.rng.choice(pool)
        if entity.canonical and (len(entity.names) == 1 or self.rng.random() < CANONICAL_SHARE):
            name = entity.names[0]
        else:
            name = self.rng.choice(entity.names[1:] if entity.canonical else entity.names)
        if base is not None:
            self.stats[f"{label}:genitive"] += 1
            name = _genitive(name)
        return name


def replace_entities(sent: Sentence, replacer: Replacer) -> tuple[list[str], list[bool], list[tuple[int, int, str]]]:
    """``sent`` with each PER/LOC/ORG span replaced: words, spaces after them, and the new spans."""
    spaces = sent.spaces
    words_out: list[str] = []
    spaces_out: list[bool] = []
    spans_out: list[tuple[int, int, str]] = []
    i = 0
    spans = {s: (e, lab) for s, e, lab in sent.spans()}
    while i < len(sent.words):
        if i in spans:
            end, label = spans[i]
            start = len(words_out)
            if replacer.replaceable(sent.words[i:end], label):
                name = replacer.draw(sent.words[i:end], label)
                words_out.extend(name.words)
                spaces_out.extend(name.spaces[:-1])
                spaces_out.append(spaces[end - 1])
            else:
                words_out.extend(sent.words[i:end])
                spaces_out.extend(spaces[i:end])
            spans_out.append((start, len(words_out), label))
            i = end
            continue
        words_out.append(sent.words[i])
        spaces_out.append(spaces[i])
        i += 1
    return words_out, spaces_out, spans_out


def known_surfaces(sentences: Iterable[Sentence]) -> set[tuple[str, str]]:
    """(label, surface) of every gold span in ``sentences``: the names a genitive may come from."""
    return {(lab, " ".join(s.words[a:b])) for s in sentences for a, b, lab in s.spans()}


def augmented_docs(nlp, sentences: list[Sentence], kb, ratio: float, seed: int = 0, strict: bool = False):
    """Yield ``round(ratio * len(sentences))`` replaced copies of sentences that hold a PER/LOC/ORG.

    ``strict``: replace only the spans that are names in the base (a kind is known), by names of
    the same kind, and choose only sentences that hold such a span."""
    from spacy.tokens import Doc, Span

    known = known_surfaces(sentences)
    for entity in kb:
        for surface in entity.surfaces:
            known.add((entity.label, surface))
    replacer = Replacer(kb, nlp.tokenizer, known, seed, strict)
    candidates = [s for s in sentences if any(replacer.replaceable(s.words[a:b], lab) for a, b, lab in s.spans())]
    n = round(ratio * len(sentences))
    rng = random.Random(seed + 1)
    chosen: list[Sentence] = []
    while len(chosen) < n:  # more than one pass only above ~50%
        chosen.extend(rng.sample(candidates, min(n - len(chosen), len(candidates))))
    for sent in chosen:
        words, spaces, spans = replace_entities(sent, replacer)
        spaces[-1] = False
        doc = Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=[True] + [False] * (len(words) - 1))
        doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in spans]
        yield doc
    log.info("augmentation: %d sentences, replacements %s", len(chosen), dict(sorted(replacer.stats.items())))


def write_augmented(train_file: Path, out_file: Path, sentences: list[Sentence], ratio: float, seed: int = 0,
                    kb=None, strict: bool = False) -> int:
    """Write the original train DocBin plus the augmented copies to ``out_file``; return the total."""
    import spacy
    from spacy.tokens import DocBin

    from ..knowledge.kb import KnowledgeBase

    nlp = spacy.blank("de")
    kb = kb if kb is not None else KnowledgeBase.from_dir()
    db = DocBin(store_user_data=False).from_disk(train_file)
    n0 = len(db)
    for doc in augmented_docs(nlp, sentences, kb, ratio, seed, strict):
        db.add(doc)
    db.to_disk(out_file)
    log.info("%s: %d original + %d augmented sentences", out_file, n0, len(db) - n0)
    return len(db)
