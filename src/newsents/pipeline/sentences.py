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
from spacy.tokens import Doc, Token

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
        for i in range(1, n):
            if self._starts_sentence(doc, i):
                starts[i, 0] = 1
        # one array write instead of n setter calls (each re-checks the whole doc's annotation)
        doc.from_array([SENT_START], starts.view("uint64"))
        return doc

    def _starts_sentence(self, doc: Doc, i: int) -> bool:
        token = doc[i]
        prev = doc[i - 1]
        if token.is_space:
            return False
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            return True
        if token.text in CLOSERS and not prev.whitespace_:
            return False  # a closing quote or bracket glued to the sentence it ends
        j = i - 1
        while j > 0 and doc[j].is_space:
            j -= 1
        # walk back over closing quotes/brackets glued to what precedes them
        while j > 0 and doc[j].text in CLOSERS and not doc[j - 1].whitespace_:
            j -= 1
        end = doc[j]
        if end.text not in END_PUNCT and not (end.is_punct and set(end.text) <= set(".!?…")):
            # "im Jahr 2020. Die ..." ends a sentence; "am 3. Oktober" does not
            return self._is_number_end(end) and token.text in self.starters
        if end.text == "." and j > 0 and not doc[j - 1].whitespace_ and self._is_abbreviation(doc[j - 1]):
            return False
        return self._can_start(token)

    @staticmethod
    def _is_number_end(token: Token) -> bool:
        return len(token.text) > 1 and token.text.endswith(".") and token.text[:-1].isdigit()

    def _is_abbreviation(self, token: Token) -> bool:
        text = token.text
        if text in self.abbreviations or text.lower() in self.abbreviations:
            return True
        return len(text) == 1 and text.isalpha() and text.isupper()  # initials: "Helmut K. Meier"

    @staticmethod
    def _can_start(token: Token) -> bool:
        text = token.text
        first = text[0]
        return first.isupper() or first.isdigit() or text in OPENERS


@Language.factory(
    "newsents_sentences",
    default_config={},
    assigns=["token.is_sent_start"],
    default_score_weights={"sents_f": 1.0},
)
def make_sentences(nlp: Language, name: str) -> NewsSentencizer:
    return NewsSentencizer(nlp, name)
