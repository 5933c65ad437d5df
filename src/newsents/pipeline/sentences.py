"""Rule-based sentence boundaries for German news: ``nlp.add_pipe("newsents_sentences")``.

Deterministic and parser-free: a sentence ends after . ! ? … (plus closing quotes and brackets)
when the next word can start a sentence, never after a known abbreviation, an initial or an
ordinal; a line break always ends one, so headlines, datelines and paragraphs stay apart.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..knowledge import read_lines
from .component import DataComponent

END_PUNCT = {".", "!", "?", "…", "...", "?!", "!?", "!!", "??"}
CLOSERS = {"“", "”", "«", "»", "‘", "’", "'", '"', "''", ")", "]", "›", "‹"}
OPENERS = {"„", "“", "»", "«", "‚", "‘", "'", '"', "``", "(", "[", "›", "‹", "-", "–", "—"}


class NewsSentencizer(DataComponent):
    """Sets ``token.is_sent_start`` on every token from German news punctuation rules.

    Data: ``abbreviations`` (no sentence ends after them) and ``starters`` (words that start a
    sentence after a number with a period, "im Jahr 2020. Die ...")."""

    files = {"abbreviations": "abbreviations.json", "starters": "starters.json"}

    def default_data(self) -> dict[str, Any]:
        return {"abbreviations": [ln.strip() for ln in read_lines("abbreviations.txt")],
                "starters": [ln.strip() for ln in read_lines("sentence_starters.txt")]}

    def set_data(self, data: dict[str, Any]) -> None:
        data = {key: sorted(set(data[key])) for key in self.files if key in data}
        super().set_data(data)
        self.abbreviations: set[str] = set(data["abbreviations"])
        self.starters: set[str] = set(data["starters"])

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_data()
        n = len(doc)
        if n == 0:
            return doc
        starts = numpy.full((n, 1), -1, dtype="int64")  # SENT_START: 1 starts a sentence, -1 does not
        starts[0, 0] = 1
        words = _Words(doc)
        for i in range(1, n):
            if self._starts_sentence(words, i):
                starts[i, 0] = 1
        # one array write instead of n setter calls (each re-checks the whole doc's annotation)
        doc.from_array([SENT_START], starts.view("uint64"))
        return doc

    def _starts_sentence(self, w: _Words, i: int) -> bool:
        text, ws = w.text, w.ws
        if w.space[i]:
            return False
        if "\n" in ws[i - 1] or (w.space[i - 1] and "\n" in text[i - 1]):
            return True
        if text[i] in CLOSERS and not ws[i - 1]:
            return False  # a closing quote or bracket glued to the sentence it ends
        j = i - 1
        while j > 0 and w.space[j]:
            j -= 1
        # walk back over closing quotes/brackets glued to what precedes them
        while j > 0 and text[j] in CLOSERS and not ws[j - 1]:
            j -= 1
        end = text[j]
        if end not in END_PUNCT and not (w.punct[j] and set(end) <= set(".!?…")):
            # "im Jahr 2020. Die ..." ends a sentence; "am 3. Oktober" does not
            return self._is_number_end(end) and text[i] in self.starters
        if end == "." and j > 0 and not ws[j - 1] and self._is_abbreviation(text[j - 1]):
            return False
        return self._can_start(text[i])

    @staticmethod
    def _is_number_end(text: str) -> bool:
        return len(text) > 1 and text.endswith(".") and text[:-1].isdigit()

    def _is_abbreviation(self, text: str) -> bool:
        if text in self.abbreviations or text.lower() in self.abbreviations:
            return True
        return len(text) == 1 and text.isalpha() and text.isupper()  # initials: "Helmut K. Meier"

    @staticmethod
    def _can_start(text: str) -> bool:
        first = text[0]
        return first.isupper() or first.isdigit() or text in OPENERS


class _Words:
    """The token attributes the rules read, as lists (one pass over the Doc, no Token per lookup)."""

    __slots__ = ("text", "ws", "space", "punct")

    def __init__(self, doc: Doc):
        self.text = [t.text for t in doc]
        self.ws = [t.whitespace_ for t in doc]
        self.space = [t.is_space for t in doc]
        self.punct = [t.is_punct for t in doc]


@Language.factory(
    "newsents_sentences",
    default_config={},
    assigns=["token.is_sent_start"],
    default_score_weights={"sents_f": 1.0},
)
def make_sentences(nlp: Language, name: str) -> NewsSentencizer:
    return NewsSentencizer(nlp, name)
