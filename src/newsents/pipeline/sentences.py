"""Rule-based sentence boundaries for German news: ``nlp.add_pipe("newsents_sentences")``.

Deterministic and parser-free: a sentence ends after . ! ? … (plus closing quotes and brackets)
when the next word can start a sentence, never after a known abbreviation, an initial or an
ordinal; a line break always ends one, so headlines, datelines and paragraphs stay apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Optional

import numpy
import srsly
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import ensure_path

from ..knowledge import DATA_DIR

DATA = DATA_DIR
END_PUNCT = {".", "!", "?", "…", "...", "?!", "!?", "!!", "??"}
CLOSERS = {"“", "”", "«", "»", "‘", "’", "'", '"', "''", ")", "]", "›", "‹"}
OPENERS = {"„", "“", "»", "«", "‚", "‘", "'", '"', "``", "(", "[", "›", "‹", "-", "–", "—"}


def read_list(path: Path) -> list[str]:
    """Lines of a data file, without comments and blanks."""
    with open(path, encoding="utf8") as f:
        return [ln.strip() for ln in f if ln.strip() and not ln.lstrip().startswith("#")]


class NewsSentencizer:
    """Sets ``token.is_sent_start`` on every token from German news punctuation rules."""

    def __init__(self, nlp: Language, name: str = "newsents_sentences", abbreviations: Optional[Iterable[str]] = None,
                 starters: Optional[Iterable[str]] = None):
        self.name = name
        if abbreviations is None:
            abbreviations = read_list(DATA / "abbreviations.txt")
        self.abbreviations: set[str] = set(abbreviations)
        if starters is None:
            starters = read_list(DATA / "sentence_starters.txt")
        self.starters: set[str] = set(starters)

    def __call__(self, doc: Doc) -> Doc:
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

    def to_disk(self, path, exclude=tuple()):
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "abbreviations.json", sorted(self.abbreviations))
        srsly.write_json(path / "starters.json", sorted(self.starters))

    def from_disk(self, path, exclude=tuple()):
        path = ensure_path(path)
        self.abbreviations = set(srsly.read_json(path / "abbreviations.json"))
        self.starters = set(srsly.read_json(path / "starters.json"))
        return self


@Language.factory(
    "newsents_sentences",
    default_config={},
    default_score_weights={"sents_f": 1.0},
)
def make_sentences(nlp: Language, name: str) -> NewsSentencizer:
    return NewsSentencizer(nlp, name)
