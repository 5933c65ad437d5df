"""Tables from spacy-lookups-data (MIT) used to build the shipped model; not needed at run time."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path


def read_table(name: str) -> dict:
    """A German table such as ``lemma_lookup``, ``lexeme_cluster`` or ``lexeme_prob``."""
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / f"de_{name}.json.gz"
    with gzip.open(path, "rt", encoding="utf8") as f:
        return json.load(f)


@lru_cache(maxsize=1)
def log_probs() -> dict[str, float]:
    return read_table("lexeme_prob")


def is_frequent(word: str, min_log_prob: float) -> bool:
    """Whether ``word`` (or its lowercase form) is at least that frequent in German web text."""
    probs = log_probs()
    return probs.get(word, -99.0) >= min_log_prob or probs.get(word.lower(), -99.0) >= min_log_prob
