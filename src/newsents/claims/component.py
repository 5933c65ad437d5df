"""Attributed claims (who said what, how, relayed by whom): the spaCy component ``newsents_claims``.

Rule-based and linear in document length: quotation marks are paired by a character scan, cue
words come from the data file ``data/cues.tsv`` (verbs, prepositions, hearsay modals), and the
speaker is found from tokens, lookup lemmas, entities and sentence boundaries only, so the shipped
model (no tagger, no parser) suffices; a dependency parse or morphology is used when present.
Results are ``doc._.claims`` (list of :class:`newsents.core.records.Claim`, offsets into ``doc.text``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import numpy
from spacy.attrs import IDX, LEMMA, LOWER, MORPH, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, MorphAnalysis, Span

from ..core.records import Claim, SpanRef
from ..core.util import BoundedCache
from ..knowledge import read_text
from ..knowledge.roles import parse_roles
from ..pipeline.component import DataComponent

if TYPE_CHECKING:  # pragma: no cover
    import pandas

CUES_FILE = "cues.tsv"
KONJ_FILE = "claims_konjunktiv.tsv"
WORDS_FILE = "claims_words.tsv"
ROLES_FILE = "roles.tsv"  # the role classes of speaker phrases, from the one role lexicon
DATA_FILES = (CUES_FILE, KONJ_FILE, WORDS_FILE, ROLES_FILE)

SENT_END = {".", "!", "?"}
_ALNUM = re.compile(r"[^\W_]")  # a character for which str.isalnum() holds
CLAUSE_PUNCT = {",", ";", ":", "–", "—", "-", "(", ")", "[", "]", "…"}
SPEAKER_LABELS = ("PER", "ORG", "LOC", "MISC")

# ---------------------------------------------------------------------------- quotation marks

#: canonical mark -> (closers it accepts); HTML-entity spellings are mapped to canonical marks.
_OPENERS = {"„": "“”\"", "»": "«", "«": "»", "“": "”", "‚": "‘’", '"': '"'}
_ENTITY = {
    "bdquo": "„", "ldquo": "“", "rdquo": "”", "raquo": "»", "laquo": "«", "quot": '"',
    "sbquo": "‚", "lsquo": "‘", "rsquo": "’", "#8222": "„", "#8220": "“", "#8221": "”",
    "#187": "»", "#171": "«", "#34": '"', "#8218": "‚", "#8216": "‘", "#8217": "’",
    "#x201e": "„", "#x201c": "“", "#x201d": "”", "#xbb": "»", "#xab": "«", "#x22": '"',
}
_MARK_RE = re.compile(r"&(?:%s);|[„“”»«‚‘’\"\n]" % "|".join(re.escape(k) for k in _ENTITY), re.I)


@dataclass
class Quote:
    """A top-level quotation: character span including its marks, and the inner text span."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True


def find_quotes(text: str, max_chars: int = 5000) -> list[Quote]:
    """Pair quotation marks paragraph by paragraph; keep top-level quotes only.

    A quote never crosses a line break. An unclosed „ or » that opens a paragraph runs to the
    paragraph's end (multi-paragraph quotes repeat the opening mark); other unmatched marks are
    ignored, so unbalanced text cannot produce a claim over unrelated paragraphs.
    """
    quotes: list[Quote] = []
    marks: list[tuple[str, int, int]] = []
    for m in _MARK_RE.finditer(text):
        s = m.group(0)
        ch = "\n" if s == "\n" else (_ENTITY.get(s[1:-1].lower(), "") if s.startswith("&") else s)
        marks.append((ch, m.start(), m.end()))
    marks.append(("\n", len(text), len(text)))
    para_start = 0
    stack: list[tuple[str, int, int]] = []  # (mark, start, end); stack[0] is the top-level opener
    for ch, s, e in marks:
        if ch == "\n":
            if stack:
                op, os_, oe = stack[0]
                if op in "„»" and not text[para_start:os_].strip() and s - os_ <= max_chars:
                    end = s
                    while end > oe and text[end - 1].isspace():
                        end -= 1
                    if end > oe:
                        quotes.append(Quote(os_, end, oe, end, closed=False))
            stack = []
            para_start = e
            continue
        if stack:
            top = stack[-1][0]
            if ch in _OPENERS[top] and not (ch == '"' and top != '"' and len(stack) == 1 and '"' not in _OPENERS[top]):
                op, os_, oe = stack.pop()
                if not stack and s + 1 - os_ <= max_chars and s > oe:
                    quotes.append(Quote(os_, e, oe, s))
                continue
            if ch in _OPENERS and ch not in ("“",) and len(stack) < 4:
                if ch == "«" and stack[0][0] == "«":
                    continue
                stack.append((ch, s, e))
            continue
        if ch in _OPENERS:
            if ch == "“" and not _english_open(text, s, e):
                continue
            if ch == "«" and not _english_open(text, s, e):
                continue
            stack.append((ch, s, e))
    return quotes


def _english_open(text: str, s: int, e: int) -> bool:
    """“ or « opens a quote only before a word and after a space or line start."""
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < len(text) else " "
    return (before.isspace() or before in "([:") and not after.isspace()


# ---------------------------------------------------------------------------- lexicon


#: word categories of claims_words.tsv that are function words (never a verb, name or speaker)
CLOSED_CLASSES = ("det_nom", "det_indef", "det_obl", "pron", "pron_obj", "prep", "adv", "conj", "that")


@dataclass
class CueLexicon:
    """The cue words and closed word classes, read from the data files."""

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
    konj: dict[str, str] = field(default_factory=dict)
    words: dict[str, dict[str, str]] = field(default_factory=dict)  # category -> {word: value}
    closed: set[str] = field(default_factory=set)  # the function words of CLOSED_CLASSES, in one set
    reported_firsts: set[str] = field(default_factory=set)  # words that can open a reported-speech cue
    subordinating: set[str] = field(default_factory=set)  # conjunctions that open a subordinate clause
    no_np_start: set[str] = field(default_factory=set)  # function words that open no noun phrase
    np_breaks: set[str] = field(default_factory=set)  # words that end a noun phrase

    @classmethod
    def from_texts(cls, cues: str, konjunktiv: str, words: str, roles_tsv: str) -> CueLexicon:
        """The lexicon from the texts of ``cues.tsv``, ``claims_konjunktiv.tsv``, ``claims_words.tsv``
        and ``roles.tsv``."""
        lex = cls()
        for row in _rows(cues):
            cue, kind = row[0], row[1]
            mode = row[2] if len(row) > 2 else "indirect"
            flags = row[3] if len(row) > 3 else ""
            if kind in ("verb", "relay"):
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
            elif kind == "prep":
                lex.preps.add(cue.lower())
            elif kind == "postp":
                lex.postps.add(cue.lower())
            elif kind == "source":
                lex.sources.add(cue.lower())
                if "c" in flags:
                    lex.source_tails += (cue.lower(),)
            elif kind == "particle":
                lex.particles.add(cue.lower())
            elif kind == "berufung":
                lex.berufung.append(tuple(cue.lower().split()))
            elif kind == "quotephrase":
                lex.quote_phrases.append(tuple(cue.lower().split()))
            elif kind == "hearsay":
                lex.hearsay.add(cue.lower())
            elif kind == "anaphor":
                lex.anaphors.add(cue.lower())
            elif kind == "generic":
                parts = tuple(cue.lower().split())
                if len(parts) == 1:
                    lex.generic_subjects.add(parts[0])
                else:
                    lex.generic_phrases.add(parts)
        for row in _rows(konjunktiv):
            lex.konj[row[0].lower()] = row[1] if len(row) > 1 else "k1"
        for row in _rows(words):
            lex.words.setdefault(row[1], {})[row[0].lower()] = row[2] if len(row) > 2 else ""
        lex.words.update(parse_roles(roles_tsv, ROLES_FILE).claims_classes())
        lex.closed = {w for c in CLOSED_CLASSES for w in lex.words.get(c, ())}
        lex.subordinating = {w for w, kind in lex.cat("conj").items() if kind != "coord"}
        lex.no_np_start = lex.cats("prep", "adv", "conj", "that", "time", "demonstr", "aux") | lex.anaphors \
            | lex.preps | lex.postps
        lex.np_breaks = lex.cats("prep", "conj", "that", "neg")
        lex.reported_firsts = lex.preps | lex.postps | lex.anaphors | {"nach", "wie"} | set(lex.cat("demonstr"))
        return lex

    def cat(self, name: str) -> dict[str, str]:
        return self.words.get(name, {})

    def cats(self, *names: str) -> set[str]:
        """The words of several categories, in one set."""
        return {w for name in names for w in self.cat(name)}


def _rows(text: str) -> Iterable[list[str]]:
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield [c.strip() for c in line.split("\t")]


# ---------------------------------------------------------------------------- the component


@Language.factory(
    "newsents_claims",
    default_config={"data_dir": None, "anonymous_speakers": "drop", "max_quote_chars": 5000,
                    "continuation_window": 3, "min_quote_words": 3},
    requires=["doc.ents", "token.is_sent_start", "token.lemma", "token.morph"],
    assigns=["doc._.claims", "doc._.claim_speakers"],
)
def make_claims(nlp: Language, name: str, data_dir: Optional[str], anonymous_speakers: str,
                max_quote_chars: int, continuation_window: int, min_quote_words: int) -> ClaimsComponent:
    return ClaimsComponent(nlp, name, data_dir=data_dir, anonymous_speakers=anonymous_speakers,
                           max_quote_chars=max_quote_chars, continuation_window=continuation_window,
                           min_quote_words=min_quote_words)


SPEAKERS_KEY = "newsents_claim_speakers"


def _claim_speakers(doc: Doc) -> Optional[list[Optional[Span]]]:
    """The entity span each claim's speaker resolves to (None where unresolved)."""
    offsets = doc.user_data.get(SPEAKERS_KEY)
    if offsets is None:
        return None
    return [doc[o[0]:o[1]] if o is not None else None for o in offsets]


class ClaimsComponent(DataComponent):
    """Sets ``doc._.claims`` (and ``doc._.claim_speakers``: the entity span each speaker resolves to).

    Data: the texts of the cue lexicon (``cues.tsv``), the Konjunktiv forms, the closed word classes
    and the role lexicon (``roles.tsv``); from ``data_dir`` when the config names one."""

    files = {"cues": CUES_FILE, "konjunktiv": KONJ_FILE, "words": WORDS_FILE, "roles": ROLES_FILE}

    def __init__(self, nlp: Language, name: str = "newsents_claims", data_dir: Optional[str] = None,
                 anonymous_speakers: str = "drop", max_quote_chars: int = 5000,
                 continuation_window: int = 3, min_quote_words: int = 3):
        if not Doc.has_extension("claims"):
            Doc.set_extension("claims", default=None)
        if not Doc.has_extension("claim_speakers"):
            Doc.set_extension("claim_speakers", getter=_claim_speakers)
        if anonymous_speakers not in ("drop", "keep"):
            raise ValueError("anonymous_speakers must be 'drop' or 'keep'")
        super().__init__(nlp, name)
        self.data_dir = Path(data_dir) if data_dir else None
        self.anonymous_speakers = anonymous_speakers
        self.max_quote_chars = max_quote_chars
        self.continuation_window = continuation_window
        self.min_quote_words = min_quote_words

    def default_data(self) -> dict[str, Any]:
        return {key: read_text(self.data_dir / file if self.data_dir else file)[1] for key, file in self.files.items()}

    def set_data(self, data: dict[str, Any]) -> None:
        super().set_data(data)
        self.lexicon = CueLexicon.from_texts(data["cues"], data["konjunktiv"], data["words"], data["roles"])
        # memos kept across documents, bounded over millions of them
        self._candidates: BoundedCache[tuple[str, ...]] = BoundedCache(500_000)
        self._cue_forms: BoundedCache[bool] = BoundedCache(200_000)
        self._cue_lemmas: Optional[set[str]] = None
        self._strings: BoundedCache[str] = BoundedCache(200_000)  # string id -> string
        self._strings[0] = ""
        self._moods: BoundedCache[Optional[str]] = BoundedCache(100_000)  # MORPH id -> mood_of_morph answer

    def cue_candidates(self, lemma: str, low: str) -> tuple[str, ...]:
        """The lemma, the word and its infinitive guesses that are cue verbs (or bases of separable
        ones), in that order; memoised per word across documents (most words give none)."""
        key = (lemma, low)
        found = self._candidates.get(key)
        if found is None:
            lex = self.lexicon
            found = self._candidates.put(
                key, tuple(c for c in [lemma, low, *_stem_guesses(low)] if c in lex.separable or c in lex.verbs))
        return found

    @property
    def cue_lemmas(self) -> set[str]:
        """Cue verbs and bases of separable ones: :meth:`cue_candidates` looks for these."""
        if self._cue_lemmas is None:
            self._cue_lemmas = set(self.lexicon.separable) | set(self.lexicon.verbs)
        return self._cue_lemmas

    def cue_forms(self, words: list[str]) -> dict[str, bool]:
        """For each of ``words`` (lowercase), whether the word or an infinitive guess from it is one of
        :attr:`cue_lemmas`; a dict kept across documents (with the lemma, this decides whether
        :meth:`cue_candidates` finds any)."""
        known = self._cue_forms
        new = set(words).difference(known)
        if known.make_room(len(new)):
            new = set(words)
        lemmas = self.cue_lemmas
        for low in new:
            known[low] = low in lemmas or any(g in lemmas for g in _stem_guesses(low))
        return known

    def strings_of(self, doc: Doc, ids: list[int]) -> list[str]:
        """The strings of string ids, through a cache kept across documents: the same word is then the
        same str object, whose hash Python keeps, and the many set and dict look-ups per word get cheaper."""
        cache = self._strings
        found = list(map(cache.get, ids))
        if None not in found:
            return found
        new = set(ids).difference(cache)
        if cache.make_room(len(new)):
            cache[0] = ""
            new = set(ids).difference(cache)
        strings = doc.vocab.strings
        for key in new:
            cache[key] = strings[key]
        return list(map(cache.__getitem__, ids))

    def mood_of_morph(self, doc: Doc, morph_id: int) -> Optional[str]:
        """'k1' / 'k2' for a subjunctive morph analysis, 'other' for another mood, None without a mood;
        memoised per MORPH id (reading ``token.morph`` per token is slow)."""
        if morph_id not in self._moods:
            morph = MorphAnalysis.from_id(doc.vocab, morph_id)
            mood = morph.get("Mood")
            found = None
            if mood:
                found = ("k2" if "Past" in morph.get("Tense") else "k1") if "Sub" in mood else "other"
            self._moods.put(morph_id, found)
        return self._moods[morph_id]

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_data()
        finder = _DocClaims(doc, self)
        claims, speakers = finder.run()
        doc._.claims = claims
        # token offsets, not Span objects: user_data must stay msgpack-serialisable (n_process, DocBin)
        doc.user_data[SPEAKERS_KEY] = [(sp.start, sp.end) if sp is not None else None for sp in speakers]
        return doc


@dataclass
class _Found:
    """A claim under construction, in token indices (end exclusive)."""

    content: tuple[int, int]
    mode: str
    sent: int
    last_sent: int
    speaker: Optional[tuple[int, int]] = None
    cue: Optional[tuple[int, int]] = None
    via: Optional[tuple[int, int]] = None
    hearsay: bool = False
    speaker_ent: Optional[Span] = None
    anonymous: bool = False
    inherited: bool = False  # speaker taken over from the previous claim


class _DocClaims:
    """One document's claim finding: token tables built once, then one pass over the sentences."""

    def __init__(self, doc: Doc, comp: ClaimsComponent):
        self.doc = doc
        self.comp = comp
        self.lex = comp.lexicon
        self.toks = doc  # Token objects only where the parse is read
        # the token tables from one array of string ids: a Token object per word (and Doc.text,
        # which joins them) cost a third of this component's time; then per-token tables built once
        # with list comprehensions, so that the scans below read lists instead of calling predicates
        self.has_dep = doc.has_annotation("DEP")
        self.has_morph = doc.has_annotation("MORPH")
        has_sents = doc.has_annotation("SENT_START")
        n = len(doc)
        self.n = n
        array = doc.to_array([ORTH, LOWER, LEMMA, SPACY, IDX, SENT_START, MORPH]) if n \
            else numpy.zeros((0, 7), dtype="uint64")
        cols = array[:, :5].T.tolist()
        self.text = comp.strings_of(doc, cols[0])
        self.lower = comp.strings_of(doc, cols[1])
        self.lemma = [lem or low for lem, low in zip(comp.strings_of(doc, cols[2]), self.lower)]
        self.idx = cols[4]
        self.doc_text = "".join([t + " " if sp else t for t, sp in zip(self.text, cols[3])])
        self.morph = array[:, 6]  # (numpy: read for candidate tokens only)
        self.punct = [not t.isalnum() and _ALNUM.search(t) is None for t in self.text]  # no letter or digit
        self.cap = [t[:1].isupper() for t in self.text]
        # sentences
        if has_sents and "sents" not in doc.user_hooks:
            self.sents = _sentences_from_starts(array[:, 5])  # as doc.sents, without a Span per sentence
        elif has_sents:
            self.sents = [(s.start, s.end) for s in doc.sents]
        else:
            self.sents = _split_sentences(self.text)
        self.sent_of = [0] * n
        for si, (s, e) in enumerate(self.sents):
            self.sent_of[s:e] = [si] * (e - s)
        # the first word (non-punctuation token) of each sentence, for _sentence_initial
        self.first_word = [next((x for x in range(s, e) if not self.punct[x]), e) for s, e in self.sents]
        # entities
        self.ents = list(doc.ents)
        self.ent_ends = [e.end for e in self.ents]
        self.ent_of = [-1] * n
        for ei, ent in enumerate(self.ents):
            self.ent_of[ent.start:ent.end] = [ei] * (ent.end - ent.start)
        # quotes (token spans)
        self.quotes: list[tuple[int, int, Quote]] = []
        self.quote_of = [-1] * n
        for q in find_quotes(self.doc_text, comp.max_quote_chars):
            sp = doc.char_span(q.start, q.end, alignment_mode="expand")
            if sp is None or len(sp) == 0:
                continue
            if self.quotes and sp.start < self.quotes[-1][1]:
                continue
            qi = len(self.quotes)
            self.quotes.append((sp.start, sp.end, q))
            self.quote_of[sp.start:sp.end] = [qi] * (sp.end - sp.start)
        self.quote_starts = [q[0] for q in self.quotes]
        # short quotes without sentence punctuation are names or titles („Channel 10“), not speech
        self.short_quote = [self._words(a, b) <= 3 and not any(self.text[x] in SENT_END for x in range(a, b))
                            for a, b, _ in self.quotes]
        self.para_break_after = ["\n" in t for t in self.text]  # (trailing whitespace is one space or none)
        self.para_breaks = [i for i, brk in enumerate(self.para_break_after) if brk]
        # clause boundaries (a short quote is a name: no boundary inside it)
        self.boundary = [not t.isalnum() and _boundary_text(t) for t in self.text]
        for (a, b, _), short in zip(self.quotes, self.short_quote):
            if short:
                self.boundary[a:b] = [False] * (b - a)
        self.used_cue: set[int] = set()
        self.pending: list[tuple[int, int]] = []  # (quote index, end token) of embedded quotes awaiting their claim
        self.claimed_sents: set[int] = set()
        self.claims: list[_Found] = []
        self.words = self.lex.words
        self._verb_lemmas: dict[int, Optional[str]] = {}
        self._konj: dict[int, Optional[str]] = {}
        self._sent_contents: dict[int, tuple[int, int]] = {}
        self.generic_firsts = {ph[0] for ph in self.lex.generic_phrases}
        # candidate tables: the per-token scans look only at tokens that can start what they look for
        cue_forms, cue_lemmas = comp.cue_forms(self.lower), comp.cue_lemmas
        self.maybe_cue = [lem in cue_lemmas or cue_forms[low] for lem, low in zip(self.lemma, self.lower)]
        self.cue_at = [i for i, cue in enumerate(self.maybe_cue) if cue]
        # tokens that may be subjunctive verbs (is_konj is None elsewhere): a subjunctive morph, a listed
        # form or the shape of the -e rule of _is_konj
        sub_morphs = [m for m in numpy.unique(self.morph).tolist() if comp.mood_of_morph(doc, m) in ("k1", "k2")] \
            if self.has_morph else []
        konj, cap = self.lex.konj, self.cap
        self.konj_at = [i for i, low in enumerate(self.lower)
                        if (low[-1:] == "e" and len(low) > 3 and not cap[i]) or low in konj]
        if sub_morphs:
            subjunctive = numpy.flatnonzero(numpy.isin(self.morph, numpy.array(sub_morphs, dtype=self.morph.dtype)))
            self.konj_at = sorted(set(self.konj_at).union(subjunctive.tolist()))
        self.maybe_konj = [False] * n
        for i in self.konj_at:
            self.maybe_konj[i] = True
        particles, generic_firsts = self.lex.particles, self.generic_firsts
        self.indirect_starts = [i for i, (cue, low) in enumerate(zip(self.maybe_cue, self.lower))
                                if cue or low in particles or low in generic_firsts]
        reported_firsts = self.lex.reported_firsts
        self.reported_starts = [i for i, low in enumerate(self.lower) if low in reported_firsts]
        hearsay = self.lex.hearsay
        self.hearsay_at = [i for i, low in enumerate(self.lower) if low in hearsay]
        # words of PER entities: a sentence-initial "Von der Leyen" the model missed is a name when
        # its surname is part of a person entity elsewhere in the document
        self.per_words = {self.lower[x] for ent in self.ents if ent.label_ == "PER" for x in range(ent.start, ent.end)}

    # ------------------------------------------------------------------ token predicates

    def w(self, cat: str) -> dict[str, str]:
        return self.words.get(cat, {})

    def _words(self, s: int, e: int) -> int:
        """Words (non-punctuation tokens) in [s, e)."""
        if s >= e:
            return 0
        if s < 0:
            return sum(1 for i in range(s, e) if not self.punct[i])
        return e - s - sum(self.punct[s:e])

    def is_punct(self, i: int) -> bool:
        return self.punct[i]

    def is_boundary(self, i: int) -> bool:
        return self.boundary[i]

    def is_quote_mark(self, i: int) -> bool:
        return _quote_mark_text(self.text[i])

    def is_cap(self, i: int) -> bool:
        return self.cap[i]

    def verb_lemma(self, i: int) -> Optional[str]:
        """The cue-verb lemma of token i (with a separable particle later in its clause), or None."""
        if not self.maybe_cue[i]:
            return None
        if i not in self._verb_lemmas:  # asked many times per token; the answer depends on the doc only
            self._verb_lemmas[i] = self._verb_lemma(i)
        return self._verb_lemmas[i]

    def _verb_lemma(self, i: int) -> Optional[str]:
        if self.quote_of[i] >= 0 or self.is_cap(i) and not self._sentence_initial(i):
            return None
        for lem in self.comp.cue_candidates(self.lemma[i], self.lower[i]):
            if lem in self.lex.separable:
                ends = self._clause_ends(i)
                for particle, full in self.lex.separable[lem]:
                    if i > 0 and self.lower[i - 1] == particle and "|" not in particle and " " not in particle \
                            and self.sent_of[i - 1] == self.sent_of[i] and len(particle) > 4:
                        return full  # a verb-final clause with a written-apart particle: "wie X bekannt gab"
                    # the particle closes the clause: "teilte ... mit.", also after an apposition
                    # ("ruft die Vereinigung, eine Gruppe aus Rangun, alle Mönche dazu auf, ...")
                    if any(end - 1 > i and self.lower[end - 1] == particle for end in ends):
                        return full
            if lem in self.lex.verbs:
                # a bare base of a separable-only entry (teilen) is no cue
                return lem
        return None

    def _clause_ends(self, i: int, max_clauses: int = 3) -> list[int]:
        """Ends of the clause of token i and of the comma-separated pieces after it that may still
        belong to it (an apposition); stops at a piece opening a dass- or Konjunktiv clause."""
        e = self.sents[self.sent_of[i]][1]
        end = self.clause_end(i)
        ends = [end]
        while len(ends) < max_clauses and end + 1 < e and self.text[end] == "," and self.quote_of[end] < 0:
            nxt = end + 1
            relative = self.lower[nxt] in self.w("relative") and (nxt + 1 >= e or not self.is_cap(nxt + 1))
            if self.lower[nxt] in self.w("that") or (relative and len(ends) == 1):
                break
            end = self.clause_end(nxt)
            if self._any_konj(nxt, end):
                break
            ends.append(end)
        return ends

    def _verb_clause_end(self, k: int, lemma: str) -> int:
        """End of the clause of cue verb k: for a separable verb, the piece its particle closes."""
        particle = self.lex.particle_of.get(lemma)
        if particle is not None:
            for end in self._clause_ends(k):
                if end - 1 > k and self.lower[end - 1] == particle:
                    return end
        return self.clause_end(k)

    def _closed_class(self, low: str) -> bool:
        return low in self.lex.closed

    def _sentence_initial(self, i: int) -> bool:
        """Whether only punctuation precedes token i in its sentence."""
        return i <= self.first_word[self.sent_of[i]]

    def is_konj(self, i: int) -> Optional[str]:
        """'k1' / 'k2' when token i is a subjunctive finite verb, else None."""
        if not self.maybe_konj[i]:
            return None
        if i not in self._konj:  # asked many times per token; the answer depends on the doc only
            self._konj[i] = self._is_konj(i)
        return self._konj[i]

    def _any_konj(self, s: int, e: int) -> bool:
        """Whether a subjunctive verb is in [s, e)."""
        return any(self.is_konj(x) for x in _between(self.konj_at, s, e))

    def _is_konj(self, i: int) -> Optional[str]:
        if self.quote_of[i] >= 0:
            return None
        if self.has_morph:
            mood = self.comp.mood_of_morph(self.doc, int(self.morph[i]))
            if mood is not None:
                return None if mood == "other" else mood
        low = self.lower[i]
        if self._closed_class(low):
            return None
        kind = self.lex.konj.get(low)
        if kind:
            return kind
        if (len(low) > 3 and low.endswith("e") and not self.is_cap(i)
                and (self.lemma[i] == low + "n" or low.endswith(("ere", "ele")) and self.lemma[i] == low[:-1] + "n")
                and i > 0 and self.lower[i - 1] not in ("ich", "zu")):
            return "k1"  # (verbs in -ern/-eln: "ändere" of ändern, "handele" of handeln)
        return None

    # ------------------------------------------------------------------ clause geometry

    def clause_start(self, i: int) -> int:
        s = self.sents[self.sent_of[i]][0]
        boundary = self.boundary
        j = i
        while j > s and not boundary[j - 1]:
            j -= 1
        return j

    def clause_end(self, i: int) -> int:
        e = self.sents[self.sent_of[i]][1]
        boundary = self.boundary
        j = i
        while j < e and not boundary[j]:
            j += 1
        return j

    def sent_content(self, si: int) -> tuple[int, int]:
        """Sentence si without its leading and trailing whitespace tokens (asked several times per
        sentence: kept)."""
        found = self._sent_contents.get(si)
        if found is None:
            found = self._sent_contents[si] = self._strip_space(*self.sents[si])
        return found

    def _strip_space(self, s: int, e: int) -> tuple[int, int]:
        while s < e and self.text[s].strip() == "":
            s += 1
        while e > s and self.text[e - 1].strip() == "":
            e -= 1
        return s, e

    def trim(self, s: int, e: int, drop_final: bool = True) -> tuple[int, int]:
        """Strip clause punctuation and whitespace tokens (and a final full stop) from a token span."""
        while s < e and (self.text[s] in CLAUSE_PUNCT or self.text[s].strip() == ""):
            s += 1
        while e > s and (self.text[e - 1] in CLAUSE_PUNCT or self.text[e - 1].strip() == ""
                         or (drop_final and self.text[e - 1] in SENT_END)):
            e -= 1
        return s, e

    def _para_break_in(self, s: int, e: int) -> bool:
        """Whether a paragraph break follows one of the tokens in [s, e)."""
        if s < 0:  # (as a range over negative indices would read them)
            return any(self.para_break_after[x] for x in range(s, e))
        return bool(_between(self.para_breaks, s, e))

    def clip_paragraph(self, s: int, e: int, anchor: int) -> tuple[int, int]:
        """Keep the part of [s, e) in the paragraph of token ``anchor``."""
        for i in range(anchor - 1, s - 1, -1):
            if self.para_break_after[i]:
                s = i + 1
                break
        for i in range(anchor, e - 1):
            if self.para_break_after[i]:
                e = i + 1
                break
        return s, e

    # ------------------------------------------------------------------ noun phrases

    def is_np_start(self, i: int, subject: bool = True) -> bool:
        low = self.lower[i]
        if self.quote_of[i] >= 0 or self.is_punct(i):
            return False
        if self.ent_of[i] >= 0 and self.ents[self.ent_of[i]].start == i and self.ents[self.ent_of[i]].label_ == "PER":
            return True  # "Von der Leyen"
        if self.particle_name(i) is not None:
            return True
        if low in self.w("pron"):
            return True
        if low in self.w("pron_obj"):
            return not subject
        if low in self.w("det_nom") or low in self.w("det_indef"):
            return i + 1 < self.n and not self.is_punct(i + 1) and self.verb_lemma(i + 1) is None \
                and (self.is_cap(i + 1) or self.ent_of[i + 1] >= 0 or _adj_like(self.lower[i + 1])
                     or self.lower[i + 1][:1].isdigit())
        if low in self.w("det_obl"):
            return not subject
        if self.ent_of[i] >= 0:
            return True
        if low in self.lex.no_np_start:
            return False
        if low in self.lex.generic_subjects:
            return True
        if not self.is_cap(i) or self.verb_lemma(i) is not None:
            return False
        if self._sentence_initial(i):
            # a capitalised sentence opener is a noun unless it has an adverb's shape (Schließlich, Teilweise)
            return not low.endswith(_ADVERB_ENDINGS) and self.is_konj(i) is None
        return True

    def particle_name(self, i: int) -> Optional[int]:
        """End of a surname with a capitalised particle opening the sentence ("Von der Leyen betonte"),
        which the entity model tends to miss: particle(s) from the data file, a capitalised word that is
        part of a PER entity elsewhere in the document, then a finite verb."""
        particles = self.w("name_particle")
        if self.lower[i] not in particles or not self.is_cap(i) or self.ent_of[i] >= 0 \
                or not self._sentence_initial(i):
            return None
        j = i + 1
        while j < min(self.n, i + 3) and self.lower[j] in particles:
            j += 1
        if j + 1 >= self.n or not self.is_cap(j) or self.lower[j] not in self.per_words:
            return None
        if self.verb_lemma(j + 1) is None and self.lower[j + 1] not in self.w("aux"):
            return None
        return j + 1

    def np_forward(self, i: int, lim: int, depth: int = 0) -> tuple[int, int]:
        """The noun phrase that starts at token i, within [i, lim)."""
        pn = self.particle_name(i)
        if pn is not None:
            return i, pn
        if (self.lower[i] in self.w("pron") or self.lower[i] in self.w("pron_obj")) and not (
                self.lower[i] in self.w("det_nom") and i + 1 < lim and self.is_cap(i + 1)):
            return i, i + 1  # ("dieser Studie": a determiner, not a pronoun)
        j = i
        if self.lower[j] in self.w("det_nom") or self.lower[j] in self.w("det_indef") or self.lower[j] in self.w("det_obl"):
            j += 1
        last = i
        noun = False  # adjectives precede the noun: after a noun a lowercase word ends the phrase
        while j < lim and j - i < 12:
            low = self.lower[j]
            if self.ent_of[j] >= 0:
                last = self.ents[self.ent_of[j]].end - 1
                j = last + 1
                noun = True
                continue
            q = self.quote_of[j]
            if q >= 0 and self.short_quote[q] and self.quotes[q][0] == j and self.quotes[q][1] <= lim:
                last = self.quotes[q][1] - 1
                j = last + 1
                noun = True
                continue
            if self._closed_class(low) and not low[:1].isdigit():
                break
            if self.is_punct(j):
                if self.text[j] == "(" and j + 2 < lim and self.text[j + 2] == ")":
                    last = j + 2
                    j += 3
                    continue
                if self.text[j] == "-" and j > i:
                    j += 1
                    continue
                break
            if low in self.lex.np_breaks or (low in self.w("time") and j > i):
                break
            if self.verb_lemma(j) is not None or low in self.w("aux"):
                break
            if self.is_cap(j) or low[:1].isdigit():
                last = j
                j += 1
                noun = noun or self.is_cap(j - 1)
                continue
            if not noun and _adj_like(low) and low not in self.w("adv") and self.is_konj(j) is None:
                j += 1
                continue
            break
        end = last + 1
        if end + 1 < lim and self.text[end - 1].endswith("-") and len(self.text[end - 1]) > 2 \
                and self.lower[end] in ("und", "oder") and self.is_cap(end + 1):
            end += 2  # a truncated compound: "Kongress- und Verteidigungskreise", "Bundes- und Landesbehörden"
        end = self._paren_acronym(end)
        # genitive attribute: "der Sprecher des Ministeriums", "Meldungen der Agentur X"
        # (not after a person's name: "sagte Jan Pohl der Zeitung X" is a dative, the relaying medium)
        if end < lim and self.lower[end] in self.w("det_gen") and end + 1 < lim and (
                self.is_cap(end + 1) or _adj_like(self.lower[end + 1])) and not (
                self.ent_of[end - 1] >= 0 and self.ents[self.ent_of[end - 1]].label_ == "PER"):
            g0, g1 = self.np_forward(end, lim, depth + 1)
            if g1 > end + 1:
                end = g1
        # "John Sifton von Human Rights Watch", "Der Korrespondent in Mexiko-Stadt, Will Grant":
        # a place or affiliation PP belongs to the speaker after a name or before an appositive name
        if end + 1 < lim and self.lower[end] in ("von", "vom", "in", "im", "aus", "bei", "beim") \
                and self.is_np_start(end + 1, subject=False) and depth < 1:
            p0, p1 = self.np_forward(end + 1, lim, depth + 1)
            after_name = self.ent_of[end - 1] >= 0 and self.ents[self.ent_of[end - 1]].label_ == "PER" \
                and self.lower[end] in ("von", "vom")
            name_follows = self._appositive_name(i, p1, role_end=end) is not None
            # the place NP already took the appositive name: "in Deutschland, Michael Knipper"
            last_ent = self.ents[self.ent_of[p1 - 1]] if self.ent_of[p1 - 1] >= 0 else None
            name_follows = name_follows or (last_ent is not None and last_ent.label_ == "PER"
                                            and last_ent.start - 1 > end and self.text[last_ent.start - 1] == ",")
            if p1 > end + 1 and (after_name or name_follows):
                end = p1
        # coordination of names: "Sonia und Willy Bogner"
        # (also with a determiner: "der New York Times und der Los Angeles Times")
        if end + 1 < lim and self.lower[end] == "und" and self.ent_of[end - 1] >= 0:
            nxt = end + 2 if self.lower[end + 1] in self.w("det_gen") and end + 2 < lim else end + 1
            if self.ent_of[nxt] >= 0 and self.ents[self.ent_of[nxt]].start == nxt \
                    and self.ents[self.ent_of[nxt]].end <= lim:
                end = self._paren_acronym(self.ents[self.ent_of[nxt]].end)
        # apposition after a name: "Kemal Bedri, Vorsitzender der Wahlkommission," / ", der Gouverneur von Tabasco,"
        if end + 2 < self.n and self.text[end] == "," and self.ent_of[end - 1] >= 0 \
                and self.ents[self.ent_of[end - 1]].label_ == "PER" and (
                    self.lower[end + 1] in self.w("det_indef") or self.lower[end + 1] in self.w("det_nom")
                    or self.is_cap(end + 1)) and self.ent_of[end + 1] < 0 and not (
                    self.lower[end + 1] in self.w("det_nom") and not self.is_cap(end + 2)
                    and not _adj_like(self.lower[end + 2])):
            stop = self.sents[self.sent_of[end]][1]
            for a1 in range(end + 2, min(stop, end + 12)):
                if self.text[a1] == ",":
                    if any(self.is_cap(x) for x in range(end + 1, a1)):
                        end = a1
                    break
                if self.is_boundary(a1) or self.verb_lemma(a1) or self.lower[a1] in self.w("aux") \
                        or self.lower[a1] in self.w("that") or self.is_konj(a1):
                    break
        # apposition with a name: "der Vorsitzende des Ausschusses, Sebastian Edathy"
        e2 = self._appositive_name(i, end)
        if e2 is not None:
            end = e2
            if end + 2 < self.n and self.text[end] == "(" and self.text[end + 2] == ")":
                end += 3
        return i, max(end, i + 1)

    def _appositive_name(self, i: int, end: int, role_end: Optional[int] = None) -> Optional[int]:
        """End of a name in apposition after the noun phrase [i, end) ("der Sprecher der Bewegung,
        Ehsanullah Ehsan"), else None. The name is an entity right after a comma that closes the
        apposition (comma, full stop, bracket, sentence end or a cue verb follows); an entity that is
        not PER (the model's label slips on rare names) counts after a role noun (person or institution)."""
        stop = self.sents[self.sent_of[min(end, self.n - 1)]][1]
        if not (end + 1 < stop and self.text[end] == "," and self.ent_of[end + 1] >= 0):
            return None
        ent = self.ents[self.ent_of[end + 1]]
        if ent.start != end + 1:
            return None
        if ent.label_ != "PER":
            heads = tuple(self.w("person_head")) + tuple(self.w("org_role")) + tuple(self.w("media"))
            r1 = role_end if role_end is not None else end
            if not any(self.is_cap(x) and self.ent_of[x] < 0 and self.lower[x].endswith(heads) for x in range(i, r1)):
                return None
        e2 = ent.end
        if e2 >= stop or self.text[e2] in (",", ".", ";") or (self.text[e2] == "(" and e2 + 2 < stop) \
                or self.verb_lemma(e2) is not None:
            return e2
        return None

    def _paren_acronym(self, end: int) -> int:
        """Past a bracketed acronym or party right after a noun phrase ("der Deutsche
        Journalisten-Verband (DJV)", "Sebastian Edathy (SPD)"), which a clause limit at "(" cuts off."""
        if end + 2 < self.n and self.text[end] == "(" and self.text[end + 2] == ")" and self.is_cap(end + 1) \
                and self.sent_of[end + 2] == self.sent_of[end - 1] and self.verb_lemma(end + 1) is None:
            return end + 3
        return end

    def np_backward(self, j: int, lim: int) -> Optional[tuple[int, int]]:
        """The noun phrase that ends just before token j (for "X zufolge"), not before ``lim``."""
        i = j - 1
        start = None
        while i >= lim and j - i <= 12:
            low = self.lower[i]
            if self.is_punct(i) and self.text[i] not in ("-", ")", "("):
                break
            if low in self.w("prep") or low in self.w("conj") or low in self.w("that"):
                break
            if low in self.w("det_nom") or low in self.w("det_indef") or low in self.w("det_obl"):
                start = i
                break
            if self.is_cap(i) or self.ent_of[i] >= 0 or _adj_like(low) or low[:1].isdigit() or self.text[i] in "-()":
                start = i
                i -= 1
                continue
            break
        if start is None:
            return None
        while start < j and not (self.is_cap(start) or self.lower[start] in self.w("det_nom")
                                 or self.lower[start] in self.w("reflexive")
                                 or self.lower[start] in self.w("det_obl") or self.lower[start] in self.w("det_indef")
                                 or self.ent_of[start] >= 0 or self.lower[start][:1].isdigit()):
            start += 1
        if start >= j:
            return None
        # coordinated names: "der Sender Sky News und BBC zufolge"
        if start - 2 >= lim and self.lower[start - 1] == "und" and self.ent_of[start] >= 0 \
                and self.ent_of[start - 2] >= 0:
            start = self.ents[self.ent_of[start - 2]].start
            while start - 1 >= lim and self.is_cap(start - 1) and self.ent_of[start - 1] < 0 and j - start < 12:
                start -= 1  # "der Fernsehsender Sky News und BBC"
            if start - 1 >= lim and self.lower[start - 1] in self.w("det_gen"):
                start -= 1
        # the head noun before a genitive: "Informationen des Senders X zufolge", "Angaben der Polizei zufolge"
        if start - 1 >= lim and self.lower[start] in self.w("det_gen") and self.is_cap(start - 1) \
                and self.ent_of[start - 1] < 0 and j - start <= 12:
            start -= 1
            if start - 1 >= lim and (self.lower[start - 1] in self.w("det_nom") or self.lower[start - 1] in self.w("det_obl")):
                start -= 1
        return start, j

    def subject(self, k: int, cs: int, ce: int, left: bool = True) -> Optional[tuple[int, int]]:
        """The speaker (subject) of cue verb k in clause [cs, ce): clause-initial NP, else the first after k.

        With ``left``, a verb that opens a clause after a comma takes the NP opening the sentence
        ("Frank Sichau, der ... fungiert, erklärte, ...")."""
        if self.has_dep:
            sp = self._dep_subject(k)
            if sp is not None:
                return sp
        lemma = self.verb_lemma(k)
        if lemma and "a" in self.lex.verbs.get(lemma, ("", ""))[1]:
            # "Wie aus Regierungskreisen verlautete": the phrase after "aus" is the source
            x = next((x for x in range(cs, ce) if self.lower[x] == "aus" and x + 1 < ce), None)
            if x is not None and (self.is_np_start(x + 1, subject=False) or self.is_cap(x + 1)):
                return self.np_forward(x + 1, ce)
        i = cs
        if cs > 0 and self.text[cs - 1] == "," and self.lower[cs] in ("der", "die", "das") and cs + 1 < k \
                and not (self.is_cap(cs + 1) or _adj_like(self.lower[cs + 1]) or self.lower[cs + 1][:1].isdigit()):
            return cs, cs + 1  # relative pronoun: "ein General, der ... betonte, ..."
        while i < k and (self.lower[i] in self.w("conj") or self.lower[i] in self.w("that")) and not (
                i + 1 < k and self.is_cap(i + 1) and self.ent_of[i + 1] < 0):  # "Als Grund gab X an"
            i += 1
        if left and i == k and k + 1 < ce and self.lower[k + 1] in self.w("pron") and self.lower[k + 1] not in self.w("det_nom"):
            return k + 1, k + 2  # "Die Pläne ..., bezeichnete er als": the fronted phrase is the object
        if left and i == k:
            np_ = self._fronted_subject(k, cs)
            if np_:
                return np_
        if i < k and self.is_np_start(i) and not (self.lower[i] in self.w("demonstr") and i + 1 <= k
                                                  and (i + 1 == k or self.verb_lemma(i + 1))):
            np_ = self.np_forward(i, ce)
            if self.lower[i] == "der" and np_[1] == k and k + 1 < ce and self.is_np_start(k + 1) \
                    and any(self.lower[x].endswith(tuple(self.w("media"))) for x in range(i + 1, np_[1]) if self.is_cap(x)):
                return self.np_forward(k + 1, ce)  # "Der Zeitung sagte X": a fronted dative, X is the subject
            named = self._name_before_apposition(i, np_)
            if named is not None:
                return named
            return self._vorfeld(i, np_, k)
        for r0, r1 in ((k + 1, ce), (i, k)):
            p, prev_prep = r0, False
            while p < r1:
                if self.lower[p] in self.w("prep"):
                    prev_prep = True
                    p += 1
                    continue
                if prev_prep and self.lower[p] in ("der", "die", "das", "dem", "den", "denen", "deren") \
                        and p + 1 < r1 and (self.ent_of[p + 1] >= 0 or self.lower[p + 1] in self.w("pron")
                                            or self.lower[p + 1] in self.w("det_nom")):
                    prev_prep = False  # relative pronoun after a preposition: "in der Hu ... bezeichnete"
                    p += 1
                    continue
                if prev_prep and not self.is_cap(p) and _adj_like(self.lower[p]) and self.lower[p] not in self.w("pron") \
                        and self.lower[p] not in self.w("adv"):
                    p += 1  # "auf mehrmalige Nachfrage": the adjective stays inside the prepositional phrase
                    continue
                if self.is_np_start(p) or (prev_prep and self.lower[p] in self.w("det_obl")):
                    np_ = self.np_forward(p, ce)
                    if prev_prep and self.lower[p] not in self.w("pron"):
                        prev_prep = False
                        p = max(np_[1], p + 1)
                        continue
                    return np_
                prev_prep = False
                p += 1
        if left:
            # "General X, Oberbefehlshaber der Armee, hat angekündigt, ...": no subject in the clause itself
            return self._fronted_subject(k, cs)
        return None

    def _name_before_apposition(self, i: int, np_: tuple[int, int]) -> Optional[tuple[int, int]]:
        """"Martin Berg, Sprecher des Vereins(,) sagte": when the clause of the cue opens with a role noun
        phrase right after a sentence-opening person name and its comma, the speaker is name plus role."""
        if i == 0 or self.text[i - 1] != "," or np_[0] != i or self.ent_of[i] >= 0 or not self.is_cap(i) \
                or not self.lower[i].endswith(tuple(self.w("person_head"))):
            return None
        s0 = self.sents[self.sent_of[i]][0]
        while s0 < i and self.is_punct(s0):
            s0 += 1
        ei = self.ent_of[s0]
        if ei < 0 or self.ents[ei].start != s0 or self.ents[ei].label_ != "PER" or self.ents[ei].end != i - 1:
            return None
        return s0, np_[1]

    def _vorfeld(self, i: int, np_: tuple[int, int], k: int) -> tuple[int, int]:
        """The subject noun phrase ``np_`` opening a main clause whose finite cue verb is k: the German
        Vorfeld holds one constituent, so attributes between the phrase and the verb belong to it
        ("Der USGS in Denver teilte mit", "Das Bau- und Transportministerium kündigte an")."""
        if np_[1] >= k or not self._sentence_initial(i) or self.lower[i] in self.w("pron"):
            return np_
        first = self.lower[np_[1]]
        if not ((first in self.w("prep") and first != "zu") or first in ("und", "sowie", "oder", "(")
                or self.text[np_[1] - 1].endswith("-")):
            return np_
        end = k
        for x in range(np_[1], k):
            low = self.lower[x]
            if low in self.w("aux") and x > np_[1]:
                end = x  # "Das Bau- und Transportministerium hat entschieden": the finite auxiliary
                break
            relative = low in self.w("relative") and not (x > np_[1] and self.lower[x - 1] in self.w("prep"))
            if self.quote_of[x] >= 0 or low in self.w("aux") or low in self.w("adv") or low in self.w("neg") \
                    or low in self.w("that") or low in self.w("pron") or relative or self.is_konj(x) \
                    or (self.text[x] in CLAUSE_PUNCT and self.text[x] not in "()-") or self.verb_lemma(x) is not None:
                return np_  # a second constituent, a clause or a verb: not one phrase
            if not (self.is_cap(x) or low in self.w("prep") or low in ("und", "sowie", "oder") or _adj_like(low)
                    or low[:1].isdigit() or self.is_punct(x) or low in self.w("det_obl") or low in self.w("det_nom")
                    or low in self.w("det_indef") or self.text[x].endswith("-")):
                return np_
        return np_[0], end

    def _fronted_subject(self, k: int, cs: int) -> Optional[tuple[int, int]]:
        """A noun phrase opening the sentence and closed off by a comma before the clause at ``cs``."""
        s0 = self.sents[self.sent_of[k]][0]
        while s0 < cs and (self.is_punct(s0) or self.lower[s0] in self.w("conj")):
            s0 += 1
        if cs > s0 and self.text[cs - 1] in (",", ")") and self.is_np_start(s0) \
                and not any(self.quote_of[x] >= 0 and not self.short_quote[self.quote_of[x]]
                            and not self._name_quote(self.quote_of[x]) for x in range(s0, cs)):
            return self.np_forward(s0, cs)
        return None

    def _dep_subject(self, k: int) -> Optional[tuple[int, int]]:
        tok = self.toks[k]
        heads = [tok]
        if tok.head is not tok:
            heads.append(tok.head)
        for h in heads:
            for c in h.children:
                if c.dep_ in ("sb", "nsubj", "nsubj:pass"):
                    return c.left_edge.i, c.right_edge.i + 1
        return None

    def first_np_after(self, k: int, ce: int, exclude: Optional[tuple[int, int]] = None,
                       subject: bool = True) -> Optional[tuple[int, int]]:
        prev_prep = False
        for p in range(k, ce):
            if exclude and exclude[0] <= p < exclude[1]:
                continue
            if self.lower[p] in self.w("prep"):
                prev_prep = True
                continue
            if self.is_np_start(p, subject=subject):
                if prev_prep:
                    prev_prep = False
                    continue
                return self.np_forward(p, ce)
        return None

    # ------------------------------------------------------------------ speakers

    def resolve(self, sp: tuple[int, int], plural_verb: bool = False) -> tuple[Optional[Span], bool]:
        """(entity span the speaker refers to, is_anonymous)."""
        s, e = sp
        best = None
        for i in range(s, e):
            ei = self.ent_of[i]
            if ei >= 0:
                ent = self.ents[ei]
                if best is None or _label_rank(ent.label_) <= _label_rank(best.label_):
                    best = ent
        if best is not None:
            return best, False
        if self.particle_name(s) == e:
            j = bisect.bisect_right(self.ent_ends, s) - 1
            while j >= 0:
                ent = self.ents[j]
                if ent.label_ == "PER" and self.lower[e - 1] in {self.lower[x] for x in range(ent.start, ent.end)}:
                    return ent, False
                j -= 1
        first = self.lower[s]
        head = self.lower[e - 1]
        if first in self.lex.generic_subjects:
            return None, True
        if first in self.w("possessive") and e - s == 2:
            return self._nearest(s, ("PER", "ORG")), False  # "seiner Meinung nach"
        if first in self.w("reflexive") and e - s == 2:
            # "nach eigenen Angaben", "eigenen Angaben zufolge": the subject of the sentence speaks
            return self._nearest(s, ("PER", "ORG"), same_sentence=True), False
        if e - s == 1 and (first in self.lex.sources or any(first.endswith(x) for x in ("angaben", "berichten"))):
            # "nach Angaben" without a named source is anonymous; "nach Polizeiangaben", "nach
            # NASA-Angaben" name their owner in the compound
            return None, not self._owned_source(s)
        if first in self.w("det_indef"):
            # "ein Polizeisprecher", "ein Sprecher des Ministeriums": the institution is named, not anonymous
            return None, not self._owned_role(s, e)
        if e - s == 1 and (first in self.w("pron") or first in self.w("pron_obj")):
            if (self.w("pron").get(first) or self.w("pron_obj").get(first)) == "GROUP" or (first == "sie" and plural_verb):
                return self._nearest(s, ("ORG",)), False
            if first == "ich":
                return None, False
            gender = self.w("pron_gender").get(first)
            return self._nearest(s, ("PER",), gender=gender), False
        if e - s == 1 and first in ("der", "die", "das"):
            return self._nearest(s, ("PER", "ORG")), False
        if first in self.w("det_nom") or first in self.w("det_obl"):
            label = "ORG" if any(head.endswith(r) for r in self.w("org_role")) else "PER"
            if head in self.w("anon") and e - s <= 2:
                return self._nearest(s, ("ORG",)) if label == "ORG" else None, label != "ORG"
            return self._nearest(s, (label,)), False
        if head in self.w("anon") or first in self.w("anon"):
            return None, True
        return None, False

    def _is_source(self, i: int) -> bool:
        """A source noun of "nach <noun>" (Angaben), or a compound ending in one (Polizeiangaben)."""
        low = self.lower[i]
        return self.is_cap(i) and (low in self.lex.sources or any(
            low.endswith(src) and len(low) > len(src) + 2 for src in self.lex.source_tails))

    def _owned_role(self, s: int, e: int) -> bool:
        """Whether an indefinite speaker phrase names its institution: a compound starting with an
        institution noun (Polizeisprecher) or a genitive attribute ending in one (des Ministeriums)."""
        roles = tuple(self.w("org_role"))
        for i in range(s + 1, e):
            low = self.lower[i]
            if not self.is_cap(i):
                continue
            if self.lower[i - 1] in self.w("det_gen") and (low.endswith(roles) or low.rstrip("s").endswith(roles)):
                return True
            if any(low.startswith(r) and len(low) > len(r) + 4 for r in roles) and low.endswith(tuple(self.w("anon"))):
                return True
        return False

    def _owned_source(self, i: int) -> bool:
        """A source compound whose first part names an institution: Polizeiangaben, NASA-Angaben."""
        text, low = self.text[i], self.lower[i]
        if "-" in text and text[:1].isupper() and text.split("-")[0][1:2].isupper():
            return True  # an acronym or name before the hyphen
        for src in self.lex.sources:
            if low.endswith(src) and len(low) > len(src) + 2:
                mod = low[: -len(src)].rstrip("-")
                return any(mod.endswith(r) or mod.endswith(r + "s") for r in self.w("org_role"))
        return False

    def _nearest(self, i: int, labels: Sequence[str], same_sentence: bool = False,
                 gender: Optional[str] = None) -> Optional[Span]:
        """The closest preceding entity with one of ``labels`` in this or the 3 previous sentences;
        with ``gender`` ("m"/"f"), a person whose mention marks the other gender is skipped."""
        si = self.sent_of[i]
        lo = self.sents[max(0, si - 3)][0] if not same_sentence else self.sents[si][0]

        def fits(ent: Span) -> bool:
            return ent.label_ in labels and (gender is None or ent.label_ != "PER"
                                             or self._ent_gender(ent) in (None, gender))

        for c in reversed(self.claims[-6:] if not same_sentence else []):
            if c.speaker_ent is not None and fits(c.speaker_ent) and c.sent >= si - 1 \
                    and c.speaker_ent.end <= i:
                return c.speaker_ent
        j = bisect.bisect_right(self.ent_ends, i) - 1
        while j >= 0 and self.ents[j].start >= lo:
            if fits(self.ents[j]):
                return self.ents[j]
            j -= 1
        return None

    def _ent_gender(self, ent: Span) -> Optional[str]:
        """"f"/"m" when a person mention carries a gendered role noun or title right before the name
        ("Ministerin Anna Berg", "der Anwalt Jan Pohl"), else None (a bare name has no gender here)."""
        roles = tuple(self.w("person_head"))
        s0 = self.sents[self.sent_of[ent.start]][0]
        for x in range(ent.start - 1, max(s0, ent.start - 4) - 1, -1):
            if self.is_punct(x) or self.ent_of[x] >= 0 and self.ents[self.ent_of[x]].label_ != "PER":
                break
            g = self._noun_gender(x, roles)
            if g is not None:
                return g
        for x in range(ent.start, min(ent.end, ent.start + 3)):  # a title inside the entity span
            g = self._noun_gender(x, roles)
            if g is not None:
                return g
        return None

    def _noun_gender(self, x: int, roles: tuple[str, ...]) -> Optional[str]:
        low = self.lower[x]
        if low in self.w("gender"):
            return self.w("gender")[low]
        if not self.is_cap(x) or not low.endswith(roles):
            return None
        if low.endswith("in") and low[:-2].endswith(roles):
            return "f"  # Ministerin, Präsidentin
        if low.endswith("e"):
            return None  # der/die Vorsitzende, der/die 68-Jährige: either
        return "m"  # Minister, Präsident

    # ------------------------------------------------------------------ the pass

    def run(self) -> tuple[list[Claim], list[Optional[Span]]]:
        qi = 0
        for si, (s, e) in enumerate(self.sents):
            if si in self.claimed_sents:
                # covered by a quote that started in an earlier sentence
                while qi < len(self.quotes) and self.quotes[qi][0] < e:
                    qi += 1
                continue
            before = len(self.claims)
            while qi < len(self.quotes) and self.quotes[qi][0] < e:
                if self.quotes[qi][0] >= s:
                    qi = self._direct(qi)
                else:
                    qi += 1
            self._indirect(si)
            self._dass_clause(si)
            self._reported(si)
            if len(self.claims) == before:
                self._intent(si)
            if len(self.claims) == before:
                self._hearsay(si)
            if len(self.claims) == before:
                self._continuation(si)
            if self.pending:
                self._settle_pending(before)
        return self._finish()

    def _settle_pending(self, before: int) -> None:
        """Quotes embedded in a clause („…“ inside indirect or reported speech) become direct claims of
        the sentence's claim that contains them; a quote no claim contains is a claim of its own."""
        pending, self.pending = self.pending, []
        for f in [c for c in self.claims[before:] if c.mode != "direct"]:
            self._nested_quotes(f)
        done = {c.content for c in self.claims if c.mode == "direct"}
        for qi, q_end in pending:
            qs = self.quotes[qi][0]
            if (qs, q_end) in done or any(c.content[0] <= qs and q_end <= c.content[1] for c in self.claims[before:]):
                continue
            self._direct(qi, defer=False)

    # direct quotes ------------------------------------------------------

    def _segment_after(self, qe: int) -> tuple[int, int]:
        j = qe
        lim = min(self.n, qe + 40)
        while j < lim and self.quote_of[j] < 0 and self.text[j] not in SENT_END:
            if j > qe and self.para_break_after[j - 1]:
                break
            j += 1
        return qe, j

    def _segment_before(self, qs: int) -> tuple[int, int]:
        j = qs
        lim = max(0, qs - 40)
        while j > lim and self.quote_of[j - 1] < 0 and self.text[j - 1] not in SENT_END \
                and not (self.para_break_after[j - 1] and not (j == qs and self.text[j - 1] == ":")):
            j -= 1
        return j, qs

    def _quote_phrase(self, b0: int, b1: int) -> tuple[Optional[tuple[int, int]], Optional[tuple[int, int]]]:
        """(cue, speaker) for "X versuchte mit den Worten zu beruhigen: „…“": a phrase of the cue lexicon
        (kind ``quotephrase``) introduces the quote; the speaker is the subject of its clause."""
        for ph in self.lex.quote_phrases:
            for i in range(b0, b1 - len(ph) + 1):
                if tuple(self.lower[i:i + len(ph)]) != ph:
                    continue
                cs, ce = self.clause_start(i), self.clause_end(i)
                # the finite verb: the first lowercase open-class word of the clause
                k = next((x for x in range(cs, i) if not self.is_cap(x) and not self.is_punct(x)
                          and not self._closed_class(self.lower[x])), i)
                sp = self.subject(k, cs, ce) if k < i else self._fronted_subject(i, cs)
                if sp is not None and sp[0] <= i < sp[1]:
                    sp = None
                return (i, i + len(ph)), sp
        return None, None

    def _name_quote(self, qi: int) -> bool:
        """A short quote right after a noun names something (die Zeitung „Neues Deutschland“)."""
        qs = self.quotes[qi][0]
        if self.short_quote[qi] and qs > 0 and self.lower[qs - 1] in self.lex.preps:
            return True  # laut „tagesschau.de“
        first = next((x for x in range(qs, self.quotes[qi][1]) if not self.is_punct(x)), None)
        if first is not None and not self.is_cap(first) and not self.lower[first][:1].isdigit():
            return False  # names and titles open with a capital: „große Angst hatte“ is quoted speech
        return self.short_quote[qi] and qs > 0 and self.is_cap(qs - 1) and not self._sentence_initial(qs - 1) \
            and not self.is_punct(qs - 1) and self.sent_of[qs - 1] == self.sent_of[qs]

    def _embedded(self, qs: int) -> bool:
        """Whether the quote starting at token qs continues a clause of its sentence (a word right before
        it: "der Fahrer „konnte …“"), rather than standing after a colon, a comma or at the sentence start."""
        p = qs - 1
        return p >= self.sents[self.sent_of[qs]][0] and not self.is_punct(p) and not self.para_break_after[p]

    def _direct(self, qi: int, defer: bool = True) -> int:
        """Claim for quote qi (joining split quotes); returns the index of the next unhandled quote.

        An embedded quote without its own cue, or followed by the cue of the whole clause
        ("Die Lage sei „ernst“, so X"), waits for the claim of its sentence (:meth:`_settle_pending`)."""
        qs, qe, q = self.quotes[qi]
        parts = [qi]
        cue = speaker = None
        generic = False
        # frame after: „…“, sagte X (, „…“)
        a0, a1 = self._segment_after(qe)
        if a0 < a1 and self.text[a0] == ",":
            ce = self.clause_end(a0 + 1) if a0 + 1 < self.n else a1
            ce = min(max(ce, a0 + 1), a1)
            for k in range(a0 + 1, ce):
                if self.lower[k] in self.lex.particles and k == a0 + 1:
                    cue = (k, k + 1)
                    speaker = self.first_np_after(k + 1, ce)
                    break
                if self.verb_lemma(k) and not self._negated(k):
                    cue = (k, k + 1)
                    speaker = self.subject(k, a0 + 1, ce, left=False)
                    break
                if self.lower[k] in self.lex.generic_subjects or self._generic_at(k):
                    gs = self._generic_source(k)
                    if gs is not None:  # „…“, heißt es in der Erklärung
                        cue, speaker = gs
                        break
                    generic = True  # „…“, heißt es: a quote without a speaker
                    break
            if cue is not None and a1 < self.n and self.quote_of[a1] == qi + 1 and a1 - 1 >= 0 \
                    and self.text[a1 - 1] in (",", ":"):
                parts.append(qi + 1)
        if cue is None:
            b0, b1 = self._segment_before(qs)
            # the cue must be in the quote's own clause or the one right before it
            # ("Er nannte den Plan „Unsinn“", "Er sagte: „…“"), not further left in an indirect clause
            j = b1
            if j > b0 and self.text[j - 1] in (",", ":"):
                j -= 1
            while j > b0 and not self.is_boundary(j - 1):
                j -= 1
            b0 = max(b0, j)
            if b0 < b1:
                for k in range(b1 - 1, b0 - 1, -1):
                    if self.verb_lemma(k) and not self._negated(k):
                        cs = self.clause_start(k)
                        cue = (k, k + 1)
                        speaker = self.subject(k, cs, self.clause_end(k))
                        break
                    gs = self._generic_source(k) if self._generic_at(k) else None
                    if gs is not None:  # "So heißt es in dem Schreiben: „…“"
                        cue, speaker = gs
                        break
                if cue is None:
                    cue, speaker = self._quote_phrase(b0, b1)
        qe_last = self.quotes[parts[-1]][1]
        if self._name_quote(qi):
            return qi + 1
        if defer and self._embedded(qs) and self.sent_of[qs] == self.sent_of[qe - 1] and (
                cue is None or cue[0] >= qe or self._np_cue(cue[0], qs)):
            self.pending.append((qi, qe))
            return qi + 1
        words = self._words(qs, qe_last)
        full_sentence = not any(not self.is_punct(i) for i in range(*self._segment_before(qs))) and \
            not any(not self.is_punct(i) for i in range(*self._segment_after(qe)))
        if cue is None and words < max(self.comp.min_quote_words, 5) and not full_sentence:
            return qi + 1
        if cue is not None and words < 1:
            return qi + 1
        if cue is None and words < self.comp.min_quote_words:
            return qi + 1
        if cue is None and not self._ends_sentence(qe_last):
            return qi + 1  # titles, names of works: no sentence-final punctuation
        f = _Found((qs, qe_last), "direct", self.sent_of[qs], self.sent_of[qe_last - 1], cue=cue)
        if cue is not None:
            self.used_cue.add(cue[0])
            self._set_speaker(f, speaker, cue[0])
        elif not generic:
            self._inherit(f)
        for si in range(f.sent, f.last_sent + 1):
            if si != f.sent:
                self.claimed_sents.add(si)
        self.claims.append(f)
        return parts[-1] + 1

    def _np_cue(self, k: int, qs: int) -> bool:
        """Whether cue k is a verb whose noun object carries the statement (flag ``n``) and the quote at
        ``qs`` sits inside that object ("warnten vor einem „drohenden Abfluss“ ins Ausland"): the
        sentence is then a reported claim and the quote a direct claim nested in it."""
        lemma = self.verb_lemma(k)
        flags = self.lex.verbs.get(lemma, ("", ""))[1] if lemma else ""
        if "n" not in flags or "q" in flags:
            return False  # (q: "nannte den Plan „Unsinn“" names the quote itself)
        return not any(self.text[x] in (":", ",") or self.is_quote_mark(x) for x in range(k + 1, qs))

    def _ends_sentence(self, qe: int) -> bool:
        for i in (qe - 2, qe):
            if 0 <= i < self.n and self.text[i] in SENT_END:
                return True
        return False

    def _negated(self, k: int) -> bool:
        cs, ce = self.clause_start(k), self.clause_end(k)
        if self.has_dep:
            return any(c.dep_ in ("ng", "neg") or c.lower_ in self.w("neg") for c in self.toks[k].children)
        return any(self.lower[i] in self.w("neg") for i in range(k + 1, ce)) or \
            (self.verb_lemma(k) and any(self.lower[i] in self.w("neg") for i in range(cs, k))
             and self.lower[cs] in self.w("that"))

    def _generic_at(self, k: int) -> bool:
        if self.lower[k] not in self.generic_firsts:
            return False
        for ph in self.lex.generic_phrases:
            if tuple(self.lower[k:k + len(ph)]) == ph:
                return True
        return False

    def _generic_source(self, k: int) -> Optional[tuple[tuple[int, int], tuple[int, int]]]:
        """(cue, speaker) for an impersonal saying at k whose clause names the document it is read in
        ("In einer Erklärung des Ministeriums heißt es"): the document is the source. None otherwise
        (a bare "heißt es", or a place or time after "in": "In Berlin hieß es")."""
        ph = next((ph for ph in self.lex.generic_phrases if tuple(self.lower[k:k + len(ph)]) == ph), None)
        if ph is None:
            return None
        cs, ce = self.clause_start(k), self.clause_end(k)
        for x in range(cs, ce - 1):
            if k <= x < k + len(ph) or self.lower[x] not in ("in", "im"):
                continue
            y = x + 1
            if not (self.is_cap(y) or self.lower[y] in self.w("det_obl") or self.lower[y] in self.w("det_nom")
                    or self.lower[y] in self.w("det_indef")):
                continue
            np_ = self.np_forward(y, ce)
            nouns = [z for z in range(np_[0], np_[1]) if self.is_cap(z)]
            if not nouns or self.lower[nouns[0]] in self.w("time") or self.ent_of[nouns[0]] >= 0 \
                    or any(self.ents[self.ent_of[z]].label_ == "LOC" for z in nouns if self.ent_of[z] >= 0
                           and z == nouns[-1]):
                continue
            return (k, k + len(ph)), np_
        return None

    def _generic_source_claim(self, si: int, k: int, e: int) -> bool:
        """An indirect claim for "In der Erklärung heißt es, …" with the document as its speaker."""
        gs = self._generic_source(k)
        if gs is None:
            return False
        cue, sp = gs
        ce = self.clause_end(cue[1] - 1)
        found = self._content_after("sagen", cue[0], ce, e)
        if found is None:
            return False
        c0, c1 = self.trim(*self.clip_paragraph(found[0][0], found[0][1], cue[0]))
        if self._words(c0, c1) < 2:
            return False
        f = _Found((c0, c1), "indirect", si, si, cue=cue)
        self.used_cue.add(k)
        self._set_speaker(f, sp, k)
        self.claims.append(f)
        self._nested_quotes(f)
        return True

    def _generic_clause(self, k: int) -> bool:
        cs, ce = self.clause_start(k), self.clause_end(k)
        for i in range(cs, ce):
            if self.lower[i] in self.lex.generic_subjects or self._generic_at(i):
                return True
        return False

    def _set_speaker(self, f: _Found, sp: Optional[tuple[int, int]], k: int) -> None:
        if sp is None:
            cs = self.clause_start(k)
            if self.lower[cs] == "und" and self.claims and self.claims[-1].sent == self.sent_of[k]:
                self._inherit(f)  # "..., und fügt hinzu: „…“": the elided subject of the previous claim
            return
        lemma = self.verb_lemma(k)
        # relay: "zitierte ihn die Agentur Belta", "X berichtete unter Berufung auf Y"
        ce = self.clause_end(k)
        cs = self.clause_start(k)
        if lemma and lemma in self.lex.relay and not any(self.lower[x] in ("wird", "wurde", "werden", "wurden")
                                                         for x in range(cs, ce)):
            obj = self.first_np_after(cs, ce, exclude=sp, subject=False)
            if obj is not None:
                f.via, sp = sp, obj
        ber = self._berufung(cs, self.sents[self.sent_of[k]][1])
        if ber is not None:
            f.via, sp = sp, ber
        elif f.via is None:
            f.via = self._media_after(sp, ce)
        if self._passive(k, cs, ce) and not (lemma and lemma in self.lex.relay):
            sp = None
            for x in range(cs, ce - 1):
                if self.lower[x] in ("von", "vom") and x != k and self.is_np_start(x + 1, subject=False):
                    sp = self.np_forward(x + 1, ce)
                    break
            if sp is None:
                return
        plural = self.lower[k].endswith("en") or self.lower[k].endswith("ten")
        ent, anon = self.resolve(sp, plural_verb=plural)
        if ent is not None and self._generic_at(k) and not sp[0] <= ent.start < sp[1]:
            ent = None  # a document ("In dem Schreiben heißt es") refers to no earlier person
        if anon and self.comp.anonymous_speakers == "drop":
            f.anonymous = True  # a speaker was there, but is anonymous: the claim stands without one
            return
        if self.lower[sp[0]] in self.lex.generic_subjects:
            return
        f.speaker, f.speaker_ent, f.anonymous = sp, ent, anon

    def _passive(self, k: int, cs: int, ce: int) -> bool:
        """A cue participle with a werden auxiliary in its clause ("wurde vorgeworfen", "wird zitiert")."""
        low = self.lower[k]
        if not (low.startswith("ge") or "ge" in low[2:5] or low.endswith("t")):
            return False
        return any(self.lower[x] in ("wird", "wurde", "werden", "wurden") for x in range(cs, ce))

    def _berufung(self, s: int, e: int) -> Optional[tuple[int, int]]:
        for ph in self.lex.berufung:
            for i in range(s, e - len(ph)):
                if tuple(self.lower[i:i + len(ph)]) == ph:
                    j = i + len(ph)
                    if j < e and not self.is_punct(j):
                        return self.np_forward(j, self.clause_end(j))
        return None

    def _media_after(self, sp: tuple[int, int], ce: int) -> Optional[tuple[int, int]]:
        """"sagte X der Zeitung Y" / "gegenüber dem Sender Y": the medium relaying the statement."""
        j = sp[1]
        while j < ce and j < sp[1] + 4:
            low = self.lower[j]
            if low in ("der", "dem", "gegenüber") and j + 1 < ce:
                k = j + 1 if low != "gegenüber" else j + 1
                if low == "gegenüber" and k < ce and self.lower[k] in ("der", "dem", "den"):
                    k += 1
                if k < ce and (self.lower[k] in self.w("media") or any(self.lower[k].endswith(m) for m in ("zeitung", "agentur", "sender"))):
                    return self.np_forward(j if low != "gegenüber" else j + 1, ce)
            j += 1
        return None

    def _inherit(self, f: _Found) -> None:
        """Take the speaker of the previous claim when it is close enough (continuation)."""
        if not self.claims:
            return
        prev = self.claims[-1]
        if prev.last_sent < f.sent - self.comp.continuation_window:
            return
        if prev.speaker is None:
            return
        f.speaker, f.speaker_ent, f.anonymous, f.via = prev.speaker, prev.speaker_ent, prev.anonymous, prev.via
        f.inherited = True

    # indirect speech ----------------------------------------------------

    def _indirect(self, si: int) -> None:
        s, e = self.sent_content(si)
        k = s
        while k < e:
            k = _next_at(self.indirect_starts, k, self.n)  # other tokens start nothing here
            if k >= e:
                break
            if self.quote_of[k] >= 0 or k in self.used_cue or self._inside_claim(k):
                k += 1
                continue
            lemma = self.verb_lemma(k)
            if lemma is None and self.lower[k] in self.lex.particles and k - 1 >= s and self.text[k - 1] == "," \
                    and k + 1 < e and self.is_np_start(k + 1):
                if self._particle_claim(si, k, s, e):
                    k += 1
                    continue
            if lemma is None and self._generic_at(k) and self._generic_source_claim(si, k, e):
                k += 1
                continue
            if not lemma or self._negated(k) or self._generic_clause(k):
                k += 1
                continue
            flags = self.lex.verbs.get(lemma, ("", ""))[1]
            cs, ce = self.clause_start(k), self._verb_clause_end(k, lemma)
            found = None
            if "q" not in flags:
                found = self._content_after(lemma, k, ce, e) or self._content_before(k, cs, s)
            if found is None:
                if "n" in flags:
                    self._np_claim(si, k, cs, ce, s, e)
                k += 1
                continue
            (c0, c1), inverted = found
            c0, c1 = self.clip_paragraph(c0, c1, k)
            relay = None if inverted else self._trailing_relay(c0, c1)
            if relay is not None:
                c1 = relay[0]
            c0, c1 = self.trim(c0, c1)
            if c1 <= c0 or self._words(c0, c1) < 2:
                k += 1
                continue
            if inverted:
                sp = self.first_np_after(k + 1, ce)
            else:
                sp = self.subject(k, cs, ce)
            f = _Found((c0, c1), "indirect", si, si, cue=(k, k + 1))
            self.used_cue.add(k)
            self._set_speaker(f, sp, k)
            if relay is not None and f.via is None:
                f.via = relay[1]
            self.claims.append(f)
            self._nested_quotes(f)
            k = max(k + 1, c1 if c1 > k else k + 1)

    def _trailing_relay(self, c0: int, c1: int) -> Optional[tuple[int, tuple[int, int]]]:
        """A relay clause closing indirect speech: "..., er sei bereit, zitierte ihn die Agentur
        Belta" -> (where the content ends, the relaying noun phrase)."""
        for j in range(c0 + 2, c1):
            if self.text[j - 1] != "," or self.verb_lemma(j) not in self.lex.relay:
                continue
            ce = self.clause_end(j)
            p = j + 1
            while p < ce and self.lower[p] in self.w("pron_obj"):
                p += 1  # "zitierte ihn die Agentur": the object pronoun is the speaker, not the relay
            via = self.first_np_after(p, ce)
            if via is not None:
                return j - 1, via
        return None

    def _np_claim(self, si: int, k: int, cs: int, ce: int, s: int, e: int) -> None:
        """A speech act whose noun object carries the statement ("Die Polizei sprach von 800 Autos"):
        the sentence is a reported claim. Only for verbs flagged ``n`` in the cue lexicon."""
        if any(c.sent <= si <= c.last_sent for c in self.claims[-3:]) or self.lower[cs] in self.w("that") \
                or self.lower[cs] in self.w("conj") or (self.lower[cs] in self.w("demonstr") and k == cs + 1) \
                or any(self.quote_of[i] >= 0 for i in range(cs, ce)) and self._words(cs, ce) < 4:
            return
        if cs > 0 and self.text[cs - 1] == "(":
            return  # "(Wikinews berichtete)"
        rel = cs + 1 if self.lower[cs] in self.w("prep") else cs
        if cs > 0 and self.text[cs - 1] == "," and rel < k and self.lower[rel] in self.w("relative"):
            return  # "…, zu der ein Bündnis aufgerufen hatte": a relative clause inside another statement
        if cs == k and s < k and (self.lower[s] in self.w("conj") or self.lower[s] in self.w("that")):
            return  # "Wie X, Y, mitteilte, ...": a subordinate clause, handled as a reported claim
        sp = self.subject(k, cs, ce)
        if self._passive(k, cs, ce):
            # "Von der Bewegung wurden Proteste angekündigt": the agent of the passive speaks
            sp = next((self.np_forward(x + 1, ce) for x in range(cs, ce - 1) if self.lower[x] in ("von", "vom")
                       and x != k and self.is_np_start(x + 1, subject=False)), None)
        if sp is None or not self._speaker_like(sp):
            return
        c0, c1 = self.trim(s, e, drop_final=False)
        c0, c1 = self.clip_paragraph(c0, c1, k)
        rest = [i for i in range(c0, c1) if not (sp[0] <= i < sp[1]) and i != k and not self.is_punct(i)]
        if len(rest) < 2:
            return
        f = _Found((c0, c1), "reported", si, si, cue=(k, k + 1))
        self.used_cue.add(k)
        self._set_speaker(f, sp, k)
        if f.speaker is None and not f.anonymous:
            return
        f.hearsay = self._has_hearsay(c0, c1)
        self.claims.append(f)

    def _intent(self, si: int) -> None:
        """A stated intention of a named actor ("Die SPD will die Steuer senken", "Dort will die Firma
        bauen"): a reported claim of the subject of a finite "wollen" (category ``intent``) in a main
        clause, when that subject is an organisation entity: a party's or agency's "will" states its
        programme, while a person's plans are mostly narrative.
        A short label before a colon ("Bildung: Die SPD will ...") is no part of the clause."""
        s, e = self.sent_content(si)
        if any(c.sent <= si <= c.last_sent for c in self.claims[-3:]):
            return
        intent = self.w("intent")
        for k in range(s, min(e, s + 12)):
            if self.lower[k] not in intent or self.quote_of[k] >= 0:
                continue
            cs, ce = self.clause_start(k), self.clause_end(k)
            label = cs > s and self.text[cs - 1] == ":" and self._words(s, cs) <= 4
            if (cs != s and not label) or self.lower[cs] in self.w("that") or self.lower[cs] in self.w("conj") \
                    or self._negated(k):
                return
            sp = self.subject(k, cs, ce)
            if sp is not None and sp[1] <= k and not self._speaker_like(sp):
                sp = self.first_np_after(k + 1, ce)  # "Darüberhinaus will sich die SPD ...": the fronted adverbial
            if sp is None or (sp[1] - sp[0] == 1 and self.lower[sp[0]] in self.w("pron")) \
                    or not self._speaker_like(sp):
                return
            c0, c1 = self.clip_paragraph(*self.trim(cs, e, drop_final=False), k)
            if self._words(c0, c1) < 4 or any(self.quote_of[i] >= 0 for i in range(c0, c1)):
                return
            f = _Found((c0, c1), "reported", si, si)
            self._set_speaker(f, sp, k)
            if f.speaker is None or f.speaker_ent is None or f.speaker_ent.label_ != "ORG":
                return
            f.hearsay = self._has_hearsay(c0, c1)
            self.claims.append(f)
            return

    def _dass_clause(self, si: int) -> None:
        """A speaker-like subject whose main clause ends in ", dass ..." or in a Konjunktiv-I clause without
        a listed cue ("Chávez vertritt die Ansicht, dass ...", "Die Kommission hatte den Standpunkt
        vertreten, das Gericht sei nicht zuständig"): an indirect claim."""
        s, e = self.sent_content(si)
        if any(c.sent <= si <= c.last_sent for c in self.claims[-3:]):
            return
        for d in range(s + 2, e - 2):
            if self.text[d - 1] != "," or self.quote_of[d] >= 0:
                continue
            if self.lower[d] not in ("dass", "daß") and not self._konj_clause(d):
                continue
            cs = self.clause_start(d - 1)
            if self._any_konj(cs, d - 1):
                return
            if cs != s and not (cs > s and self.text[cs - 1] in (",", ")")):
                return
            sp = None
            if self.is_np_start(cs):
                sp = self.np_forward(cs, d - 1)
            if sp is None or sp[1] >= d - 1 or not self._speaker_like(sp):
                return
            k = sp[1]
            if self.is_punct(k) or self.is_cap(k) or self._closed_class(self.lower[k]) or self._negated(k):
                return
            c0, c1 = self.trim(d, e)
            c0, c1 = self.clip_paragraph(c0, c1, d)
            if self._words(c0, c1) < 4:
                return
            f = _Found((c0, c1), "indirect", si, si, cue=(k, k + 1))
            self._set_speaker(f, sp, k)
            self.claims.append(f)
            self._nested_quotes(f)
            return

    def _konj_clause(self, d: int) -> bool:
        """Whether the clause opening at token d (after a comma) is a main-clause-order Konjunktiv-I
        statement ("das Gericht sei nicht zuständig"), not a relative or subordinate clause."""
        low = self.lower[d]
        relative = low in self.w("relative") and not (low in self.w("det_nom") and d + 1 < self.n and self.is_cap(d + 1))
        if relative or low in self.w("conj") or low in self.w("that") or low in self.lex.preps \
                or self.is_punct(d):
            return False
        return any(self.is_konj(x) == "k1" for x in _between(self.konj_at, d, self.clause_end(d)))

    def _nested_quotes(self, f: _Found) -> None:
        """Quoted words inside an indirect claim ("er habe „bewusst“ gehandelt") are direct claims of the same speaker."""
        j = bisect.bisect_left(self.quote_starts, f.content[0])
        for qs, qe, _ in self.quotes[j:]:
            if qs >= f.content[1]:
                break
            words = [i for i in range(qs, qe) if not self.is_punct(i)]
            if self._name_quote(self.quote_of[qs]) or (f.speaker and f.speaker[0] <= qs < f.speaker[1]):
                continue
            if f.content[0] <= qs and qe <= f.content[1] and words and not all(self.is_cap(i) for i in words):
                same = [c for c in self.claims if c.mode == "direct" and c.content == (qs, qe)]
                if same:
                    for c in same:
                        if c.cue is None:  # a quote first read as a speaker-less continuation
                            c.speaker, c.cue, c.via, c.speaker_ent, c.anonymous, c.inherited = \
                                f.speaker, f.cue, f.via, f.speaker_ent, f.anonymous, False
                    continue
                d = _Found((qs, qe), "direct", f.sent, f.last_sent, speaker=f.speaker, cue=f.cue, via=f.via,
                           speaker_ent=f.speaker_ent, anonymous=f.anonymous)
                self.claims.insert(len(self.claims) - 1, d)

    def _speaker_like(self, sp: tuple[int, int]) -> bool:
        """Whether a noun phrase can name someone who makes statements (not "Die Überschwemmungen")."""
        if any(self.ent_of[i] >= 0 and self.ents[self.ent_of[i]].label_ in ("PER", "ORG") for i in range(*sp)):
            return True
        low = self.lower[sp[1] - 1]
        if sp[1] - sp[0] == 1 and low in self.w("pron"):
            return True
        heads = tuple(self.w("person_head")) + tuple(self.w("org_role")) + tuple(self.w("anon")) + tuple(self.w("media"))
        # the last word, or the first noun after the determiner ("Der Sender „X“", "Der Sprecher des Amtes")
        first = next((i for i in range(sp[0], sp[1]) if self.is_cap(i) and self.lower[i] not in self.w("det_nom")
                      and self.lower[i] not in self.w("det_indef")), None)
        return low.endswith(heads) or (first is not None and self.lower[first].endswith(heads))

    def _particle_claim(self, si: int, k: int, s: int, e: int) -> bool:
        """", so X" after a clause ("Die Lage sei ernst, so der Minister") or inside it."""
        sp = self.np_forward(k + 1, self.clause_end(k + 1))
        c0 = s
        for i in range(k - 1, s - 1, -1):
            if self._inside_claim(i):
                c0 = i + 1
                break
        c1 = k - 1
        if sp[1] < e and self.text[sp[1]] == "," and sp[1] + 1 < e:
            c1 = e  # "Das Problem sei, so der Präsident, dass ...": content on both sides
        c0, c1 = self.clip_paragraph(c0, c1, k)
        c0, c1 = self.trim(c0, c1)
        if self._words(c0, c1) < 3 or not self._has_verbish(c0, c1):
            return False
        f = _Found((c0, c1), "indirect", si, si, cue=(k, k + 1))
        self.used_cue.add(k)
        self._set_speaker(f, sp, k)
        self.claims.append(f)
        return True

    def _inside_claim(self, k: int) -> bool:
        for c in self.claims[-4:]:
            if c.content[0] <= k < c.content[1]:
                return True
        return False

    def _content_after(self, lemma: str, k: int, ce: int, e: int):
        if ce >= e or self.text[ce] not in (",", ":") or ce + 1 >= e:
            return None
        c0 = ce + 1
        if self.quote_of[c0] >= 0:
            return None
        if self.verb_lemma(c0) and self.text[ce] == ",":
            return None  # "X, den die Zeitung zitiert, kommentierte, …": the comma closes a relative clause
        if self.lower[c0] in self.w("that") and self.lower[c0] != "ob" or self.lower[c0] == "ob":
            return (c0, e), False
        if self.text[ce] == ":":
            return (c0, e), False
        c_end = e
        for i in _between(self.cue_at, c0, e):
            if self.verb_lemma(i) and i > c0 and self.text[i - 1] == "," and i not in self.used_cue:
                # the content ends before a following ", sagte X" / ", so X"
                c_end = i - 1
                break
        if self._any_konj(c0, c_end):
            return (c0, e), False
        if c0 + 1 < c_end and self.quote_of[c0 + 1] < 0 and any(
                self.quote_of[i] >= 0 and self._is_pending(self.quote_of[i]) for i in range(c0 + 1, c_end)):
            return (c0, e), False  # "sagte, der Fahrer „konnte nicht anders“": a clause carrying a quote
        flags = self.lex.verbs.get(lemma, ("", ""))[1]
        if "zu" in flags:
            for i in range(c0, min(c_end, c0 + 30)):
                low = self.lower[i]
                if low == "zu" or (low.endswith("en") and "zu" in low[2:-3] and i + 1 < self.n and self.is_boundary(i + 1)):
                    return (c0, e), False
        return None

    def _content_before(self, k: int, cs: int, s: int):
        """", sagte X." after a clause: the clause(s) before the comma are the content."""
        if cs != k or k - 1 < s or self.text[k - 1] != ",":
            return None
        c0 = s
        for i in range(k - 1, s - 1, -1):
            if self.quote_of[i] >= 0 and not self._is_pending(self.quote_of[i]) or self._inside_claim(i):
                c0 = i + 1
                break
        if k - 1 - c0 < 2 or not self._has_verbish(c0, k - 1):
            return None
        return (c0, k - 1), True

    def _is_pending(self, qi: int) -> bool:
        """Whether quote qi is an embedded quote still waiting for the claim of its sentence."""
        return any(p[0] == qi for p in self.pending)

    def _has_verbish(self, s: int, e: int) -> bool:
        """Whether [s, e) looks like a clause, not a bare noun phrase: a lowercase open-class word."""
        for i in range(s, e):
            low = self.lower[i]
            if self.is_cap(i) or self.is_punct(i) or low[:1].isdigit() or self._closed_class(low):
                continue
            if self.is_konj(i) or low in self.w("aux") or not _adj_like(low) or low.endswith("t") or low.endswith("te"):
                return True
        return False

    # reported statements ------------------------------------------------

    def _reported(self, si: int) -> None:
        s, e = self.sent_content(si)
        has_claim = any(c.sent <= si <= c.last_sent for c in self.claims[-3:])
        for i in _between(self.reported_starts, s, e):  # other tokens open no reported-speech cue
            if self.quote_of[i] >= 0:
                continue
            low = self.lower[i]
            sp = None
            cue = None
            if low in self.lex.preps and i + 1 < e and (self.is_np_start(i + 1, subject=False) or (
                    self.quote_of[i + 1] >= 0 and self.short_quote[self.quote_of[i + 1]]) or (
                    i + 2 < e and _adj_like(self.lower[i + 1]) and self.is_cap(i + 2))):  # "laut israelischen Medien"
                sp = self.np_forward(i + 1, self.clause_end(i + 1))
                cue = (i, i + 1)
            elif low in self.lex.postps:
                sp = self.np_backward(i, self.clause_start(i))
                cue = (i, i + 1)
            elif low == "nach" and i - 2 >= s and self._is_source(i - 1) and self.lower[i - 2] in self.w("possessive"):
                sp = (i - 2, i)  # "seiner Meinung nach", "ihrer Ansicht nach"
                cue = (i, i + 1)
            elif low == "nach" and i + 1 < e:
                j = i + 1
                while j < min(e, i + 4) and self.lower[j] not in self.lex.sources and not self.is_cap(j) and (
                        _adj_like(self.lower[j]) or self.lower[j] in self.w("det_obl")
                        or self.lower[j] in self.w("det_indef") or self.lower[j] in ("eigenen", "eigener")):
                    j += 1
                if j + 1 < e and self.is_cap(j) and not self._is_source(j) and self._is_source(j + 1) and (
                        self.lower[j].endswith("s") or self.ent_of[j] >= 0):
                    j += 1  # a genitive name before the source: "nach Celebis Angaben"
                if j < e and self._is_source(j):
                    # the speaker span starts at the source noun: "nach Angaben des Ministeriums"
                    cue = (i, i + 1)
                    ce = self.clause_end(j + 1) if j + 1 < e else e
                    sp = (i + 1, j + 1)
                    if self.lower[j - 1] in self.w("reflexive") and j - 1 > i:
                        sp = (j - 1, j + 1)  # "nach eigenen Angaben"
                    if j + 2 < ce and self.lower[j + 1] in ("von", "des", "der", "aus", "eines", "einer"):
                        g0 = j + 2 if self.lower[j + 1] in ("von", "aus") else j + 1
                        sp = (i + 1, self.np_forward(g0, ce)[1])

            elif low in self.lex.anaphors:
                # "Demnach ...": the anaphor is the speaker span, referring to the source of the previous claim
                prev = self.claims[-1] if self.claims and self.claims[-1].last_sent >= si - 1 else None
                cue = (i, i + 1)
                c0, c1 = (i + 1, e) if i == s else (s, e)
                if not has_claim:
                    c0, c1 = self.trim(c0, c1)
                    if self._words(c0, c1) >= 3:
                        f = _Found((c0, c1), "reported", si, si, cue=cue, speaker=(i, i + 1))
                        if prev is not None:
                            f.speaker_ent, f.via = prev.speaker_ent, prev.via
                        f.hearsay = self._has_hearsay(c0, c1)
                        self.claims.append(f)
                return
            elif low == "wie" and i + 1 < e and (i == s or self.text[i - 1] == ","):
                ce = i + 1
                while ce < min(e, i + 25) and self.text[ce] not in (",", ";", ":") and self.quote_of[ce] < 0:
                    ce += 1
                if ce < e and self.text[ce] == "," and not any(self.verb_lemma(x) for x in range(i + 1, ce)):
                    # "Wie die Sprecherin, Anna Berg, mitteilte, ...": the clause runs on past an apposition
                    x = ce + 1
                    while x < min(e, i + 25) and self.text[x] not in (";", ":") and self.quote_of[x] < 0 \
                            and not self.verb_lemma(x):
                        x += 1
                    if x < e and self.verb_lemma(x) and x + 1 < e and self.text[x + 1] == ",":
                        ce = x + 1
                for k in range(i + 1, ce):
                    if self.verb_lemma(k):
                        cue = (i, i + 1)
                        sp = self.subject(k, i + 1, ce)
                        self.used_cue.add(k)
                        cue = (k, k + 1)
                        break
                if cue is None:
                    continue
                ce2 = ce
                if i == s:
                    c0, c1 = ce2, e
                else:
                    c0, c1 = s, i
                self._add_reported(si, (c0, c1), sp, cue, has_claim)
                has_claim = True
                continue
            elif low in self.w("demonstr") and i == s and i + 1 < e and self.verb_lemma(i + 1) and si > 0:
                k = i + 1
                if self._negated(k):
                    continue
                sp = self.first_np_after(k + 1, self.clause_end(k))
                ps, pe = self.sent_content(si - 1)
                prevs = [c for c in self.claims[-3:] if c.sent <= si - 1 <= c.last_sent]
                if prevs:
                    # the previous sentence is already a claim: attribute it (or relay it) instead
                    prev = prevs[-1]
                    if prev.speaker is None or prev.inherited:
                        prev.speaker = None
                        prev.speaker_ent = None
                        self._set_speaker(prev, sp, k)
                        prev.cue = (k, k + 1)
                        prev.inherited = False
                    elif prev.via is None and sp is not None:
                        prev.via = sp
                    self.used_cue.add(k)
                    return
                f = _Found(self.trim(ps, pe), "reported", si - 1, si, cue=(k, k + 1))
                self.used_cue.add(k)
                self._set_speaker(f, sp, k)
                self.claims.append(f)
                return
            if cue is None:
                continue
            if has_claim:
                # "Laut BBC sagte der Minister, ...": the source relays the claim of this sentence
                for c in self.claims[-3:]:
                    if c.sent <= si <= c.last_sent and c.via is None and sp is not None and c.cue != cue \
                            and not (c.speaker and c.speaker[0] <= sp[0] < c.speaker[1]):
                        c.via = sp
                return
            if i == s or (i - 1 >= s and self.lower[i - 1] in ("und",)):
                c0 = sp[1] if sp else cue[1]
                if low == "nach":
                    c0 = max(c0, cue[1])
                c1 = e
            elif sp is not None and sp[1] >= e - 1:
                c0, c1 = s, i
            elif low in self.lex.postps and sp is not None and sp[0] == s:
                c0, c1 = i + 1, e
            else:
                c0, c1 = s, e
            self._add_reported(si, (c0, c1), sp, cue, has_claim)
            has_claim = True

    def _add_reported(self, si, content, sp, cue, has_claim) -> None:
        if has_claim:
            return
        c0, c1 = self.trim(*content)
        c0, c1 = self.clip_paragraph(c0, c1, cue[0]) if c0 < c1 else (c0, c1)
        if self._words(c0, c1) < 3:
            return
        f = _Found((c0, c1), "reported", si, si, cue=cue)
        if sp is not None:
            ent, anon = self.resolve(sp)
            if not (anon and self.comp.anonymous_speakers == "drop"):
                f.speaker, f.speaker_ent, f.anonymous = sp, ent, anon
        f.hearsay = self._has_hearsay(c0, c1)
        self.claims.append(f)

    def _has_hearsay(self, s: int, e: int) -> bool:
        """"soll ... haben/sein": a hearsay modal with a perfect infinitive at the clause end."""
        for i in _between(self.hearsay_at, s, e):
            if self.quote_of[i] < 0:
                ce = self.clause_end(i + 1) if i + 1 < self.n else e
                for j in range(i + 1, min(ce, e) + 1):
                    if j < self.n and self.lower[j] in ("haben", "sein") and j - 1 > i and \
                            (self.lower[j - 1].startswith("ge") or self.lower[j - 1].endswith("t")
                             or self.lower[j - 1].endswith("en") or self.lower[j - 1] == "worden"):
                        return True
        return False

    def _hearsay(self, si: int) -> None:
        s, e = self.sent_content(si)
        if self._has_hearsay(s, e):
            c0, c1 = self.trim(s, e)
            f = _Found((c0, c1), "reported", si, si, hearsay=True)
            if self.claims and self.claims[-1].last_sent >= si - 1 and self.claims[-1].speaker is not None:
                # "Die Polizei teilte mit, ... Der Täter soll ...": the source of the previous sentence
                self._inherit(f)
            self.claims.append(f)

    # Konjunktiv continuation --------------------------------------------

    def _continuation(self, si: int) -> None:
        """A cue-less Konjunktiv sentence continues reported speech: it keeps the speaker of the previous
        claim, or, when the previous sentence is no claim, takes that sentence's speaker-like subject
        ("Edler sieht darin Parallelen. Die Ursache sei nie gefunden worden.")."""
        prev = self.claims[-1] if self.claims else None
        if prev is not None and (prev.last_sent < si - self.comp.continuation_window
                                 or prev.mode == "reported" and prev.cue is None):
            prev = None
        alt = self._prev_subject(si)
        if prev is None and alt is None:
            return
        s, e = self.sent_content(si)
        konj = None
        subordinate = self.lex.subordinating
        for i in _between(self.konj_at, s, e):
            k = self.is_konj(i)
            if k and self.lower[self.clause_start(i)] in subordinate:
                continue
            if k == "k1" or (k == "k2" and prev is not None and self.lex.konj.get(self.lower[i]) == "k2"
                             and prev.mode != "direct"):
                konj = i
                break
        if konj is None:
            return
        if any(self.quote_of[i] >= 0 for i in range(s, e)) and self._words(s, e) < 4:
            return
        c0, c1 = self.clip_paragraph(s, e, konj)
        c0, c1 = self.trim(c0, c1, drop_final=False)
        if self._words(c0, c1) < 3:
            return
        f = _Found((c0, c1), "indirect", si, si)
        if alt is not None:
            f.speaker, f.speaker_ent, f.anonymous = alt
            f.inherited = True
        elif prev.last_sent >= si - 1 or not self._para_break_in(prev.content[1] - 1, s):
            # the speaker carries over to the next sentence and within its paragraph, not to a later paragraph
            f.speaker, f.speaker_ent, f.anonymous, f.via = prev.speaker, prev.speaker_ent, prev.anonymous, prev.via
            f.inherited = prev.speaker is not None
        if prev is not None and prev is self.claims[-1] and prev.mode == "indirect" and prev.cue is None \
                and prev.last_sent == si - 1 and prev.speaker == f.speaker and prev.content[1] <= c0 \
                and not self._para_break_in(prev.content[1] - 1, c0):
            # a run of cue-less Konjunktiv sentences is one continued statement: extend the previous one
            prev.content, prev.last_sent = (prev.content[0], c1), si
            self._nested_quotes(prev)
            return
        self.claims.append(f)

    def _prev_subject(self, si: int) -> Optional[tuple[tuple[int, int], Optional[Span], bool]]:
        """(span, entity, anonymous) of the speaker-like subject opening the previous sentence, when that
        sentence is in the same paragraph and no claim; else None."""
        if si == 0 or any(c.sent <= si - 1 <= c.last_sent for c in self.claims[-3:]):
            return None
        ps, pe = self.sent_content(si - 1)
        if pe <= ps or self.para_break_after[pe - 1] or self._para_break_in(ps, pe - 1):
            return None
        if not self.is_np_start(ps) or self.lower[ps] in self.w("demonstr") or self.is_konj(ps):
            return None
        sp = self.np_forward(ps, self.clause_end(ps))
        if not self._speaker_like(sp) or self._any_konj(ps, pe):
            return None
        ent, anon = self.resolve(sp)
        if anon and self.comp.anonymous_speakers == "drop":
            return None
        return sp, ent, anon

    # output -------------------------------------------------------------

    def _finish(self) -> tuple[list[Claim], list[Optional[Span]]]:
        out: list[Claim] = []
        ents: list[Optional[Span]] = []
        has_eid = Span.has_extension("entity_id")
        seen = set()
        for f in sorted(self.claims, key=lambda c: (c.content[0], c.content[1])):
            content = self._ref(*f.content)
            if content is None or (content.start, content.end) in seen:
                continue
            seen.add((content.start, content.end))
            speaker = self._ref(*f.speaker) if f.speaker else None
            if speaker is not None and f.speaker_ent is not None and has_eid:
                speaker.entity_id = f.speaker_ent._.entity_id
            via = self._ref(*f.via) if f.via else None
            if via is not None and has_eid:
                ve, _ = self.resolve(f.via)
                via.entity_id = ve._.entity_id if ve is not None else None
            cue = self._ref(*f.cue) if f.cue else None
            out.append(Claim(content=content, mode=f.mode, speaker=speaker, cue=cue, via=via, hearsay=f.hearsay))
            ents.append(f.speaker_ent if speaker is not None else None)
        return out, ents

    def _ref(self, s: int, e: int) -> Optional[SpanRef]:
        if e <= s:
            return None
        cs = self.idx[s]
        ce = self.idx[e - 1] + len(self.text[e - 1])
        return SpanRef(self.doc_text[cs:ce], cs, ce)


# ---------------------------------------------------------------------------- helpers


_ADVERB_ENDINGS = ("lich", "weise", "dings", "dessen", "falls", "mals", "halb", "wärts", "ig", "wohl", "ell")


def _adj_like(low: str) -> bool:
    """Lowercase inflected adjective or participle shape (neue, russischen, 68-jährige)."""
    word = low.replace("-", "")
    return len(word) > 2 and word.isalpha() and low[-2:] in ("en", "er", "es", "em") \
        or (len(word) > 3 and low.endswith("e") and word.isalpha())


def _label_rank(label: str) -> int:
    return SPEAKER_LABELS.index(label) if label in SPEAKER_LABELS else len(SPEAKER_LABELS)


def _stem_guesses(low: str) -> list[str]:
    """Infinitive guesses for a finite or participle form (sagte -> sagen), used without lemmas."""
    out = []
    for suf in ("eten", "ete", "ten", "te", "et", "t", "en", "e", "st"):
        if low.endswith(suf) and len(low) - len(suf) >= 3:
            stem = low[: -len(suf)]
            out.append(stem + "en")
            if stem.startswith("ge") and len(stem) > 4:
                out.append(stem[2:] + "en")
    return out


def _quote_mark_text(t: str) -> bool:
    """A quotation mark token, also spelled as an HTML entity (&bdquo;)."""
    return t in "„“”»«‚‘\"" or (t.startswith("&") and t.endswith(";")) and t[1:-1].lower() in _ENTITY


def _boundary_text(t: str) -> bool:
    """A token that ends a clause: clause or sentence punctuation, a quotation mark or whitespace."""
    return t in CLAUSE_PUNCT or t in SENT_END or _quote_mark_text(t) or t.strip() == ""


def _next_at(positions: list[int], k: int, default: int) -> int:
    """The first of the sorted ``positions`` at or after k (``default`` when none)."""
    j = bisect.bisect_left(positions, k)
    return positions[j] if j < len(positions) else default


def _between(positions: list[int], s: int, e: int) -> list[int]:
    """The sorted ``positions`` in [s, e)."""
    return positions[bisect.bisect_left(positions, s):bisect.bisect_left(positions, e)]


def _sentences_from_starts(sent_starts: numpy.ndarray) -> list[tuple[int, int]]:
    """Sentence token spans from a SENT_START column, as ``Doc.sents`` cuts them (1 opens a sentence)."""
    if not len(sent_starts):
        return []
    starts = [0] + (numpy.flatnonzero(sent_starts[1:] == 1) + 1).tolist()
    return list(zip(starts, starts[1:] + [len(sent_starts)]))


def _split_sentences(words: Sequence[str]) -> list[tuple[int, int]]:
    out, s = [], 0
    for i, w in enumerate(words):
        if w in SENT_END:
            out.append((s, i + 1))
            s = i + 1
    if s < len(words):
        out.append((s, len(words)))
    return out


# ---------------------------------------------------------------------------- tables


def claims_frame(articles) -> pandas.DataFrame:
    """One row per claim of ``articles`` (Article objects or articles.jsonl dicts), for notebooks."""
    import pandas as pd

    rows = []
    for a in articles:
        d = a.to_dict() if hasattr(a, "to_dict") else a
        for c in d.get("claims", []):
            sp = c.get("speaker") or {}
            rows.append({
                "article": d.get("id"),
                "date": d.get("date"),
                "speaker": sp.get("text"),
                "speaker_entity": sp.get("entity_id"),
                "mode": c.get("mode"),
                "cue": (c.get("cue") or {}).get("text"),
                "content": c["content"]["text"],
                "via": (c.get("via") or {}).get("text"),
                "hearsay": bool(c.get("hearsay", False)),
            })
    cols = ["article", "date", "speaker", "speaker_entity", "mode", "cue", "content", "via", "hearsay"]
    return pd.DataFrame(rows, columns=cols)
