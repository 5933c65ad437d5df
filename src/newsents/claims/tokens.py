"""The token table of one document: per-token lists built once from one array of string ids, the
sentences, entities, quotes and clause boundaries, and the questions every detector asks about a
token (is it a cue verb, a Konjunktiv, where does its clause end).

A ``Token`` object per word (and ``Doc.text``, which joins them) cost a third of the claims time, so
the scans read lists; candidate lists (``cue_at``, ``konj_at``, ...) let them look only at tokens
that can start what they look for.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Optional

import numpy
from spacy.attrs import IDX, LEMMA, LOWER, MORPH, ORTH, SENT_START, SPACY
from spacy.tokens import Doc, Span

from ..core.records import SpanRef
from .lexicon import CueLexicon
from .memo import WordMemo
from .quotes import Quote, find_quotes, is_quote_mark

SENT_END = {".", "!", "?"}
CLAUSE_PUNCT = {",", ";", ":", "–", "—", "-", "(", ")", "[", "]", "…"}
#: a dateline ("Moskau (AFP) –") is at most this many tokens long
DATELINE_MAX = 8
DASHES = ("–", "—", "-")
_ALNUM = re.compile(r"[^\W_]")  # a character for which str.isalnum() holds


def between(positions: list[int], s: int, e: int) -> list[int]:
    """The sorted ``positions`` in [s, e)."""
    return positions[bisect.bisect_left(positions, s):bisect.bisect_left(positions, e)]


def next_at(positions: list[int], k: int, default: int) -> int:
    """The first of the sorted ``positions`` at or after k (``default`` when none)."""
    j = bisect.bisect_left(positions, k)
    return positions[j] if j < len(positions) else default


def boundary_text(t: str) -> bool:
    """A token that ends a clause: clause or sentence punctuation, a quotation mark or whitespace."""
    return t in CLAUSE_PUNCT or t in SENT_END or is_quote_mark(t) or t.strip() == ""


def sentences_from_starts(sent_starts: numpy.ndarray) -> list[tuple[int, int]]:
    """Sentence token spans from a SENT_START column, as ``Doc.sents`` cuts them (1 opens a sentence)."""
    if not len(sent_starts):
        return []
    starts = [0] + (numpy.flatnonzero(sent_starts[1:] == 1) + 1).tolist()
    return list(zip(starts, starts[1:] + [len(sent_starts)]))


def split_sentences(words: Sequence[str]) -> list[tuple[int, int]]:
    """Sentences at sentence-final punctuation, for a doc without sentence boundaries."""
    out, s = [], 0
    for i, w in enumerate(words):
        if w in SENT_END:
            out.append((s, i + 1))
            s = i + 1
    if s < len(words):
        out.append((s, len(words)))
    return out


class TokenTable:
    """Per-token lists of one document and the token-level questions of the detectors."""

    def __init__(self, doc: Doc, lexicon: CueLexicon, memo: WordMemo, max_quote_chars: int = 5000):
        self.doc, self.lex, self.memo = doc, lexicon, memo
        self.words = lexicon.words
        self.has_dep = doc.has_annotation("DEP")
        self.has_morph = doc.has_annotation("MORPH")
        self.n = n = len(doc)
        array = doc.to_array([ORTH, LOWER, LEMMA, SPACY, IDX, SENT_START, MORPH]) if n \
            else numpy.zeros((0, 7), dtype="uint64")
        cols = array[:, :5].T.tolist()
        self.text = memo.strings_of(doc, cols[0])
        self.lower = memo.strings_of(doc, cols[1])
        self.lemma = [lem or low for lem, low in zip(memo.strings_of(doc, cols[2]), self.lower)]
        self.idx = cols[4]
        self.doc_text = "".join([t + " " if sp else t for t, sp in zip(self.text, cols[3])])
        self.morph = array[:, 6]  # (numpy: read for candidate tokens only)
        self.punct = [not t.isalnum() and _ALNUM.search(t) is None for t in self.text]  # no letter or digit
        self.cap = [t[:1].isupper() for t in self.text]
        self._sentences(doc, array)
        self._entities(doc)
        self._quotes(doc, max_quote_chars)
        self.para_break_after = ["\n" in t for t in self.text]  # (trailing whitespace is one space or none)
        self.para_breaks = [i for i, brk in enumerate(self.para_break_after) if brk]
        # clause boundaries (a short quote is a name: no boundary inside it)
        self.boundary = [not t.isalnum() and boundary_text(t) for t in self.text]
        for (a, b, _), short in zip(self.quotes, self.short_quote):
            if short:
                self.boundary[a:b] = [False] * (b - a)
        self._verb_lemmas: dict[int, Optional[str]] = {}
        self._konj: dict[int, Optional[str]] = {}
        self._sent_contents: dict[int, tuple[int, int]] = {}
        self._candidates(doc)

    # ------------------------------------------------------------------ construction

    def _sentences(self, doc: Doc, array: numpy.ndarray) -> None:
        if doc.has_annotation("SENT_START") and "sents" not in doc.user_hooks:
            self.sents = sentences_from_starts(array[:, 5])  # as doc.sents, without a Span per sentence
        elif doc.has_annotation("SENT_START"):
            self.sents = [(s.start, s.end) for s in doc.sents]
        else:
            self.sents = split_sentences(self.text)
        self.sent_of = [0] * self.n
        for si, (s, e) in enumerate(self.sents):
            self.sent_of[s:e] = [si] * (e - s)
        # the first word (non-punctuation token) of each sentence, for sentence_initial
        self.first_word = [next((x for x in range(s, e) if not self.punct[x]), e) for s, e in self.sents]

    def _entities(self, doc: Doc) -> None:
        self.ents: list[Span] = list(doc.ents)
        self.ent_ends = [e.end for e in self.ents]
        self.ent_label = [e.label_ for e in self.ents]
        self.ent_of = [-1] * self.n
        for ei, ent in enumerate(self.ents):
            self.ent_of[ent.start:ent.end] = [ei] * (ent.end - ent.start)
        # words of PER entities: a sentence-initial "Von der Leyen" the model missed is a name when
        # its surname is part of a person entity elsewhere in the document
        self.per_words = {self.lower[x] for ent in self.ents if ent.label_ == "PER" for x in range(ent.start, ent.end)}

    def _quotes(self, doc: Doc, max_quote_chars: int) -> None:
        self.quotes: list[tuple[int, int, Quote]] = []
        self.quote_of = [-1] * self.n
        for q in find_quotes(self.doc_text, max_quote_chars):
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
        self.short_quote = [self.count_words(a, b) <= 3 and not any(self.text[x] in SENT_END for x in range(a, b))
                            for a, b, _ in self.quotes]

    def _candidates(self, doc: Doc) -> None:
        lex, memo, n = self.lex, self.memo, self.n
        cue_forms, cue_lemmas = memo.cue_forms(self.lower), memo.cue_lemmas
        self.maybe_cue = [lem in cue_lemmas or cue_forms[low] for lem, low in zip(self.lemma, self.lower)]
        self.cue_at = [i for i, cue in enumerate(self.maybe_cue) if cue]
        # tokens that may be subjunctive verbs (is_konj is None elsewhere): a subjunctive morph, a listed
        # form or the shape of the -e rule of _is_konj
        sub_morphs = [m for m in numpy.unique(self.morph).tolist() if memo.mood_of_morph(doc, m) in ("k1", "k2")] \
            if self.has_morph else []
        konj, cap, k1 = lex.konj, self.cap, tuple(self.words.konj1_ending)
        self.konj_at = [i for i, low in enumerate(self.lower)
                        if (low.endswith(k1) and len(low) > 3 and not cap[i]) or low in konj]
        if sub_morphs:
            subjunctive = numpy.flatnonzero(numpy.isin(self.morph, numpy.array(sub_morphs, dtype=self.morph.dtype)))
            self.konj_at = sorted(set(self.konj_at).union(subjunctive.tolist()))
        self.maybe_konj = [False] * n
        for i in self.konj_at:
            self.maybe_konj[i] = True
        particles, generic_firsts = lex.particles, lex.generic_firsts
        self.indirect_starts = [i for i, (cue, low) in enumerate(zip(self.maybe_cue, self.lower))
                                if cue or low in particles or low in generic_firsts]
        reported_firsts = lex.reported_firsts
        self.reported_starts = [i for i, low in enumerate(self.lower) if low in reported_firsts]
        hearsay = lex.hearsay
        self.hearsay_at = [i for i, low in enumerate(self.lower) if low in hearsay]

    # ------------------------------------------------------------------ token predicates

    def count_words(self, s: int, e: int) -> int:
        """Words (non-punctuation tokens) in [s, e)."""
        if s >= e:
            return 0
        if s < 0:
            return sum(1 for i in range(s, e) if not self.punct[i])
        return e - s - sum(self.punct[s:e])

    def quote_mark(self, i: int) -> bool:
        return is_quote_mark(self.text[i])

    def closed_class(self, low: str) -> bool:
        return low in self.lex.closed

    def sentence_initial(self, i: int) -> bool:
        """Whether only punctuation precedes token i in its sentence."""
        return i <= self.first_word[self.sent_of[i]]

    def ent_at(self, i: int) -> Optional[Span]:
        """The entity token i is part of, or None."""
        ei = self.ent_of[i]
        return self.ents[ei] if ei >= 0 else None

    def genitive_place(self, label: str, last: int) -> bool:
        """Whether an entity of ``label`` ending at token ``last`` is a place in the genitive
        ("Mannheims", "Deutschlands"): the determiner of the phrase it opens, not its head."""
        return label == "LOC" and self.lower[last].endswith("s")

    def is_per_start(self, i: int) -> bool:
        ei = self.ent_of[i]
        return ei >= 0 and self.ents[ei].start == i and self.ent_label[ei] == "PER"

    def adj_like(self, low: str) -> bool:
        """Lowercase inflected adjective or participle shape (neue, russischen, 68-jährige)."""
        word = low.replace("-", "")
        return len(word) > 2 and word.isalpha() and low[-2:] in self.words.adj_ending \
            or (len(word) > 3 and low.endswith(tuple(self.words.either_ending)) and word.isalpha())

    def verb_lemma(self, i: int) -> Optional[str]:
        """The cue-verb lemma of token i (with a separable particle later in its clause), or None."""
        if not self.maybe_cue[i]:
            return None
        if i not in self._verb_lemmas:  # asked many times per token; the answer depends on the doc only
            self._verb_lemmas[i] = self._verb_lemma(i)
        return self._verb_lemmas[i]

    def _verb_lemma(self, i: int) -> Optional[str]:
        if self.quote_of[i] >= 0 or self.cap[i] and not self.sentence_initial(i):
            return None
        if self.lower[i] in self.words.not_cue or self.attributive(i):
            return None
        lex = self.lex
        for lem in self.memo.cue_candidates(self.lemma[i], self.lower[i]):
            if lem in lex.separable:
                full = self._separable(i, lem)
                if full is not None:
                    return full
            if lem in lex.verbs:
                # a bare base of a separable-only entry (teilen) is no cue
                return lem
        return None

    def _separable(self, i: int, lem: str) -> Optional[str]:
        ends = self.clause_ends(i)
        for particle, full in self.lex.separable[lem]:
            if i > 0 and self.lower[i - 1] == particle and "|" not in particle and " " not in particle \
                    and self.sent_of[i - 1] == self.sent_of[i] and len(particle) > 4:
                return full  # a verb-final clause with a written-apart particle: "wie X bekannt gab"
            # the particle closes the clause: "teilte ... mit.", also after an apposition
            # ("ruft die Vereinigung, eine Gruppe aus Rangun, alle Mönche dazu auf, ...")
            if any(end - 1 > i and self.lower[end - 1] == particle for end in ends):
                return full
        return None

    def attributive(self, i: int) -> bool:
        """An inflected participle between an article and its noun ("zu dem geplanten Manöver", "die
        geplante Übung") is an adjective, not a verb."""
        if i == 0 or i + 1 >= self.n:
            return False
        w, low, prev = self.words, self.lower[i], self.lower[i - 1]
        if not (prev in w.det_nom or prev in w.det_obl or prev in w.det_indef or prev in w.det_gen):
            return False
        if not (self.cap[i + 1] or self.adj_like(self.lower[i + 1])) or self.punct[i + 1]:
            return False
        participle = any(p in low[:5] for p in w.participle_prefix)
        return participle and self.adj_like(low)

    def verb_flags(self, lemma: Optional[str]) -> str:
        return self.lex.verbs.get(lemma, ("", ""))[1] if lemma else ""

    def is_konj(self, i: int) -> Optional[str]:
        """'k1' / 'k2' when token i is a subjunctive finite verb, else None."""
        if not self.maybe_konj[i]:
            return None
        if i not in self._konj:  # asked many times per token; the answer depends on the doc only
            self._konj[i] = self._is_konj(i)
        return self._konj[i]

    def any_konj(self, s: int, e: int) -> bool:
        """Whether a subjunctive verb is in [s, e)."""
        return any(self.is_konj(x) for x in between(self.konj_at, s, e))

    def _is_konj(self, i: int) -> Optional[str]:
        if self.quote_of[i] >= 0:
            return None
        if self.has_morph:
            mood = self.memo.mood_of_morph(self.doc, int(self.morph[i]))
            if mood is not None:
                return None if mood == "other" else mood
        low = self.lower[i]
        if self.closed_class(low):
            return None
        kind = self.lex.konj.get(low)
        if kind:
            return kind
        lemma = self.lemma[i]
        if (len(low) > 3 and low.endswith(tuple(self.words.konj1_ending)) and not self.cap[i]
                and (lemma == low + "n" or low.endswith(tuple(self.words.konj_ending)) and lemma == low[:-1] + "n")
                and i > 0 and self.lower[i - 1] not in self.words.no_konj_after):
            return "k1"  # (verbs in -ern/-eln: "ändere" of ändern, "handele" of handeln)
        return None

    def negated(self, k: int) -> bool:
        """Whether cue k is negated ("sagte nicht")."""
        neg = self.words.neg
        if self.has_dep:
            return any(c.dep_ in ("ng", "neg") or c.lower_ in neg for c in self.doc[k].children)
        cs, ce = self.clause_start(k), self.clause_end(k)
        return any(self.lower[i] in neg for i in range(k + 1, ce)) or \
            bool(self.verb_lemma(k) and any(self.lower[i] in neg for i in range(cs, k))
                 and self.lower[cs] in self.words.that)

    def statal(self, k: int) -> bool:
        """A participle cue with a copula and no werden in its clause: a state ("Der Flug ist für Mai
        geplant"), not a speech act."""
        w = self.words
        low = self.lower[k]
        if not (low.startswith(tuple(w.participle_prefix)) and low.endswith(tuple(w.participle_ending))):
            return False
        cs, ce = self.clause_start(k), self.clause_end(k)
        clause = self.lower[cs:ce]
        return any(x in w.copula for x in clause) and not any(x in w.passive_aux for x in clause)

    def passive(self, k: int, cs: int, ce: int) -> bool:
        """A cue participle with a werden auxiliary in its clause ("wurde vorgeworfen", "wird zitiert")."""
        low, w = self.lower[k], self.words
        prefixes = tuple(w.participle_prefix)
        if not (low.startswith(prefixes) or any(p in low[2:5] for p in prefixes)
                or low.endswith(tuple(w.participle_ending))):
            return False
        return any(self.lower[x] in w.passive_aux for x in range(cs, ce))

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

    def clause_ends(self, i: int, max_clauses: int = 3) -> list[int]:
        """Ends of the clause of token i and of the comma-separated pieces after it that may still
        belong to it (an apposition); stops at a piece opening a dass- or Konjunktiv clause."""
        e = self.sents[self.sent_of[i]][1]
        end = self.clause_end(i)
        ends = [end]
        w = self.words
        while len(ends) < max_clauses and end + 1 < e and self.text[end] == "," and self.quote_of[end] < 0:
            nxt = end + 1
            relative = self.lower[nxt] in w.relative and (nxt + 1 >= e or not self.cap[nxt + 1])
            if self.lower[nxt] in w.that or (relative and len(ends) == 1):
                break
            end = self.clause_end(nxt)
            if self.any_konj(nxt, end):
                break
            ends.append(end)
        return ends

    def verb_clause_end(self, k: int, lemma: str) -> int:
        """End of the clause of cue verb k: for a separable verb, the piece its particle closes."""
        particle = self.lex.particle_of.get(lemma)
        if particle is not None:
            for end in self.clause_ends(k):
                if end - 1 > k and self.lower[end - 1] == particle:
                    return end
        return self.clause_end(k)

    def after_dateline(self, s: int, e: int) -> int:
        """Where sentence [s, e) starts after a dateline ("Moskau (AFP) – Der Konzern ..."): past a dash
        that follows only capitalised words and a bracketed agency."""
        for x in range(s + 1, min(e - 1, s + DATELINE_MAX)):
            if self.text[x] in DASHES:
                return x + 1 if self.text[x - 1] == ")" else s
            if not (self.cap[x] or self.punct[x]):
                return s
        return s

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

    def para_break_in(self, s: int, e: int) -> bool:
        """Whether a paragraph break follows one of the tokens in [s, e)."""
        if s < 0:  # (as a range over negative indices would read them)
            return any(self.para_break_after[x] for x in range(s, e))
        return bool(between(self.para_breaks, s, e))

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

    def ends_sentence(self, qe: int) -> bool:
        return any(0 <= i < self.n and self.text[i] in SENT_END for i in (qe - 2, qe))

    def has_verbish(self, s: int, e: int) -> bool:
        """Whether [s, e) looks like a clause, not a bare noun phrase: a lowercase open-class word."""
        for i in range(s, e):
            low = self.lower[i]
            if self.cap[i] or self.punct[i] or low[:1].isdigit() or self.closed_class(low):
                continue
            if self.is_konj(i) or low in self.words.aux or not self.adj_like(low) \
                    or low.endswith(tuple(self.words.finite_ending)):
                return True
        return False

    def phrase_at(self, phrases, k: int) -> Optional[tuple[str, ...]]:
        """The first of ``phrases`` (tuples of lowercase words) that starts at token k."""
        for ph in phrases:
            if tuple(self.lower[k:k + len(ph)]) == ph:
                return ph
        return None

    def ref(self, s: int, e: int) -> Optional[SpanRef]:
        """The text span of tokens [s, e) (None when empty)."""
        if e <= s:
            return None
        cs = self.idx[s]
        ce = self.idx[e - 1] + len(self.text[e - 1])
        return SpanRef(self.doc_text[cs:ce], cs, ce)
