"""Answers about words kept across documents (bounded): which forms may be cue verbs, the strings of
string ids, the mood of a morphology id. Most words give the same answer in every document, so the
per-document token table asks these once per word type instead of once per token."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, MorphAnalysis

from ..core.util import BoundedCache
from .lexicon import CueLexicon


class WordMemo:
    """Memos of one claims component, bounded over millions of documents."""

    def __init__(self, lexicon: CueLexicon):
        self.lexicon = lexicon
        self.cue_lemmas: set[str] = set(lexicon.separable) | set(lexicon.verbs)
        self._candidates: BoundedCache[tuple[str, ...]] = BoundedCache(500_000)
        self._cue_forms: BoundedCache[bool] = BoundedCache(200_000)
        self._strings: BoundedCache[str] = BoundedCache(200_000)  # string id -> string
        self._strings[0] = ""
        self._moods: BoundedCache[Optional[str]] = BoundedCache(100_000)  # MORPH id -> mood_of_morph answer

    def stem_guesses(self, low: str) -> list[str]:
        """Infinitive guesses for a finite or participle form (sagte -> sagen; a strong form the lemmatizer
        leaves alone from ``strong_form``: sprachen -> sprechen), used without lemmas."""
        strong = self.lexicon.words.strong_form.get(low)
        out = [strong] if strong else []
        prefixes = tuple(self.lexicon.words.participle_prefix)
        for suf in self.lexicon.words.verb_ending:
            if low.endswith(suf) and len(low) - len(suf) >= 3:
                stem = low[: -len(suf)]
                out.append(stem + "en")
                if stem.startswith(prefixes) and len(stem) > 4:
                    out.append(stem[2:] + "en")
        return out

    def cue_candidates(self, lemma: str, low: str) -> tuple[str, ...]:
        """The lemma, the word and its infinitive guesses that are cue verbs (or bases of separable
        ones), in that order; memoised per word across documents (most words give none)."""
        key = (lemma, low)
        found = self._candidates.get(key)
        if found is None:
            lex = self.lexicon
            found = self._candidates.put(
                key, tuple(c for c in [lemma, low, *self.stem_guesses(low)] if c in lex.separable or c in lex.verbs))
        return found

    def cue_forms(self, words: list[str]) -> BoundedCache[bool]:
        """For each of ``words`` (lowercase), whether the word or an infinitive guess from it is one of
        :attr:`cue_lemmas` (with the lemma, this decides whether :meth:`cue_candidates` finds any)."""
        known = self._cue_forms
        new = {w for w in set(words) if w not in known}
        if known.make_room(len(new)):
            new = set(words)
        lemmas = self.cue_lemmas
        for low in new:
            known[low] = low in lemmas or any(g in lemmas for g in self.stem_guesses(low))
        return known

    def strings_of(self, doc: Doc, ids: list[int]) -> list[str]:
        """The strings of string ids, through a cache kept across documents: the same word is then the
        same str object, whose hash Python keeps, and the many set and dict look-ups per word get cheaper."""
        cache = self._strings
        found = list(map(cache.get, ids))
        if None not in found:
            return found
        new = {x for x in set(ids) if x not in cache}  # (set.difference would walk the whole memo)
        if cache.make_room(len(new)):
            cache[0] = ""
            new = {x for x in set(ids) if x not in cache}
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
