"""Lookup lemmas: ``nlp.add_pipe("newsents_lemmatizer")``.

Same table as spaCy's lookup lemmatizer (spacy-lookups-data, German), kept as a plain dict so the
pipeline loads in well under a second instead of rebuilding a hashed lookups Table.
"""

from __future__ import annotations

from typing import Optional

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path


def load_lemma_table(min_log_prob: float = -18.0) -> dict[str, str]:
    """German word -> lemma from spacy-lookups-data, without very rare words (a quarter of the
    table; same lemma accuracy on UD German-GSD dev, four times faster to load)."""
    from .lookups import is_frequent, read_table

    return {w: lemma for w, lemma in read_table("lemma_lookup").items() if is_frequent(w, min_log_prob)}


class LookupLemmatizer:
    """Sets ``token.lemma_`` from a word table; unknown words keep their form."""

    def __init__(self, nlp: Language, name: str = "newsents_lemmatizer", table: Optional[dict[str, str]] = None):
        self.name = name
        self.table: dict[str, str] = table or {}

    def initialize(self, get_examples=None, *, nlp=None, table: Optional[dict[str, str]] = None) -> None:
        self.table = table if table is not None else load_lemma_table()

    def __call__(self, doc: Doc) -> Doc:
        table = self.table
        for token in doc:
            text = token.text
            lemma = table.get(text)
            if lemma is None and token.is_sent_start and text[:1].isupper():
                lemma = table.get(text.lower())  # "Sagte er ..." at the start of a sentence
            token.lemma_ = lemma if lemma is not None else text
        return doc

    def to_disk(self, path, exclude=tuple()):
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_msgpack(path / "lemmas.msgpack", self.table)

    def from_disk(self, path, exclude=tuple()):
        self.table = srsly.read_msgpack(ensure_path(path) / "lemmas.msgpack")
        return self


@Language.factory("newsents_lemmatizer", default_config={}, assigns=["token.lemma"])
def make_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    return LookupLemmatizer(nlp, name)
