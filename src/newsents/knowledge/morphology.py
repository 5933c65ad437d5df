"""German name morphology: the one genitive rule, and the declension of names that open with adjectives.

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


@cache
def name_adjectives() -> tuple[frozenset[str], tuple[str, ...]]:
    """(whole stems, stem endings) of the adjectives that open names (``name_adjectives.txt``)."""
    lines = [ln.strip().lower() for ln in read_lines("name_adjectives.txt")]
    return frozenset(ln for ln in lines if not ln.startswith("*")), tuple(ln[1:] for ln in lines if ln.startswith("*"))


#: strong endings of a name's leading adjectives -> (weak nominative, oblique); -er masculine,
#: -es neuter, -e feminine or plural (which has no weak nominative of its own)
_ADJ_ENDINGS = (("er", "e", "en"), ("es", "e", "en"), ("e", None, "en"))


def _adjective_ending(word: str) -> str | None:
    if not word[:1].isupper():
        return None
    stems, endings = name_adjectives()
    for strong, _weak, _oblique in _ADJ_ENDINGS:
        stem = word[: -len(strong)].lower()
        if word.endswith(strong) and len(stem) > 2 and (stem in stems or stem.endswith(endings)):
            return strong
    return None


def declined_names(words: list[str]) -> list[tuple[list[str], bool]]:
    """Declined forms of a name whose leading words are adjectives in the strong nominative, with
    whether the form is a genitive: "Militärischer Abschirmdienst" -> "Militärische Abschirmdienst",
    "Militärischen Abschirmdienst", "Militärischen Abschirmdienstes" (True), "Militärischen
    Abschirmdiensts" (True); "Europäische Zentralbank" -> "Europäischen Zentralbank". The
    adjectives must agree and be followed by a capitalised noun; nothing for other names."""
    k = 0
    strong = None
    while k < len(words) - 1:
        ending = _adjective_ending(words[k])
        if ending is None or (strong is not None and ending != strong):
            break
        strong, k = ending, k + 1
    if strong is None or not words[k][:1].isupper():
        return []
    _s, weak, oblique = next(e for e in _ADJ_ENDINGS if e[0] == strong)
    head, rest = [w[: -len(strong)] for w in words[:k]], words[k:]
    out = [([h + weak for h in head] + rest, False)] if weak else []
    out.append(([h + oblique for h in head] + rest, False))
    last = rest[-1]
    if strong != "e" and last[-1:].isalpha():
        # des Militärischen Abschirmdienst(e)s, des Roten Kreuzes, des Internationalen Olympischen Komitees
        suffixes = ("es",) if last.endswith(SIBILANTS) else ("s",) if last.endswith("e") else ("es", "s")
        out += [([h + oblique for h in head] + rest[:-1] + [last + g], True) for g in suffixes]
    return out
