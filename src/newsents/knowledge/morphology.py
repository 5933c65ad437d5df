"""German name morphology: the one genitive rule.

A name in the genitive ends in ``-s`` (Lukaschenkos, Russlands), ``-es`` (des Bundestages) or, after
a sibilant, in an apostrophe (Scholz', Lindners' is wrong but seen). Names that end in ``-s`` in the
nominative (Paris, Klaus, Minsk is listed for safety) are listed in ``genitive_exceptions.txt``.
"""

from __future__ import annotations

from functools import cache

from .loader import read_lines

APOSTROPHES = "'’`´"
#: A stem ending in one of these takes an apostrophe genitive (Scholz'), never -s.
SIBILANTS = ("s", "x", "z", "ß")


@cache
def genitive_exceptions() -> frozenset[str]:
    """Names that end in -s in the nominative (Paris, Klaus, Texas)."""
    return frozenset(read_lines("genitive_exceptions.txt"))


def apostrophe_stem(text: str) -> str | None:
    """``Scholz'`` -> ``Scholz``; None without a trailing apostrophe."""
    return text[:-1] if len(text) > 1 and text[-1] in APOSTROPHES else None


def genitive_stems(text: str) -> list[str]:
    """Nominative candidates of a name that may be a genitive, most likely first: 'Lukaschenkos' ->
    ['Lukaschenko'], 'Bundestages' -> ['Bundestage', 'Bundestag']; none for 'Paris' or 'Scholz'.
    Whether a candidate is right is for the caller to decide (is the stem attested?)."""
    if len(text) < 4 or not text.endswith("s") or not text[-2].isalpha() or text in genitive_exceptions():
        return []
    stem = text[:-1]
    if stem.endswith(SIBILANTS):
        return []
    out = [stem]
    if text.endswith("es") and len(text) >= 6:
        out.append(text[:-2])
    return out
