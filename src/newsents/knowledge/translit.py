"""Transliteration into German (Duden-style) Latin: Шойгу -> Schoigu, and script repair of words that
mix Latin and Cyrillic look-alikes. The letter tables are data: ``translit_cyrillic.tsv``."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Optional

from .loader import read_lines

_CYR = re.compile(r"[\u0400-\u04FF]")
_LAT = re.compile(r"[A-Za-z\u00C0-\u024F]")
#: Cyrillic letters that look like Latin ones: a stray one inside a Latin word is a typo, not a name.
_HOMOGLYPHS = str.maketrans("аеорсхуіјкмнвтАЕОРСХУІЈКМНВТ", "aeopcxyijkmhbtAEOPCXYIJKMHBT")


@dataclass(frozen=True)
class CyrillicTable:
    """Longest-match transliteration rules per language (ru, uk, be)."""

    rules: dict[str, dict[str, str]]  # lang -> pattern -> output
    max_len: int


@cache
def cyrillic_table() -> CyrillicTable:
    rules: dict[str, dict[str, str]] = {"ru": {}, "uk": {}, "be": {}}
    max_len = 1
    for ln in read_lines("translit_cyrillic.tsv"):
        pat, ru, uk, be = ln.split("\t")
        for lang, out in (("ru", ru), ("uk", uk), ("be", be)):
            rules[lang][pat] = "" if out == "-" else out
        max_len = max(max_len, len(pat.lstrip("^V").rstrip("$V")))
    return CyrillicTable(rules, max_len)


def _guess_language(text: str) -> str:
    low = text.lower()
    if any(c in low for c in "їєґ") or "ськ" in low or "цьк" in low:  # -ський is Ukrainian, -ский Russian
        return "uk"
    if "ў" in low:
        return "be"
    if "і" in low:
        return "be" if "ы" in low else "uk"
    return "ru"


_CYR_VOWELS = set("аеёиоуыэюяіїєьъ")


def transliterate(text: str, lang: Optional[str] = None) -> str:
    """Cyrillic -> German Duden-style Latin (Шойгу -> Schoigu); other characters pass through."""
    if not _CYR.search(text):
        return text
    table = cyrillic_table()
    rules = table.rules[lang or _guess_language(text)]
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if not _CYR.match(ch) and ch not in "'’":
            out.append(ch)
            i += 1
            continue
        low = text[i:i + table.max_len].lower()
        prev = text[i - 1].lower() if i > 0 else ""
        word_start = not prev or not (prev.isalpha() or prev in "'’")
        best, best_len = None, 0
        for L in range(min(table.max_len, n - i), 0, -1):
            pat = low[:L]
            nxt = text[i + L].lower() if i + L < n else ""
            lefts = (["^"] if word_start else []) + (["V"] if prev in _CYR_VOWELS else []) + [""]
            rights = (["$"] if not nxt.isalpha() else []) + (["V"] if nxt in _CYR_VOWELS else []) + [""]
            for c in [lft + pat + rgt for lft in lefts for rgt in rights]:
                if c in rules:
                    best, best_len = rules[c], L
                    break
            if best is not None:
                break
        if best is None:  # unknown Cyrillic letter: drop its diacritics at least
            best, best_len = ascii_fold(ch), 1
        src = text[i:i + best_len]
        if best and src[0].isupper():
            whole_upper = len(src) > 1 and src.isupper() or (i + 1 < n and text[i + 1].isupper())
            best = best.upper() if whole_upper else best[0].upper() + best[1:]
        out.append(best)
        i += best_len
    return "".join(out)


def ascii_fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fix_script(token: str) -> str:
    """One script per token: stray Cyrillic look-alikes in a Latin word become Latin, else transliterate."""
    if not _CYR.search(token):
        return token
    n_lat = len(_LAT.findall(token))
    n_cyr = len(_CYR.findall(token))
    if n_lat > n_cyr:
        return token.translate(_HOMOGLYPHS)
    return transliterate(token)


_GREEK = re.compile(r"[\u0370-\u03FF\u1F00-\u1FFF]")


@cache
def greek_table() -> tuple[dict[str, str], int]:
    """Greek letter groups -> Latin (``translit_greek.tsv``), and the longest group's length."""
    table = dict(line.split("\t") for line in read_lines("translit_greek.tsv"))
    return table, max(len(k) for k in table)


def transliterate_greek(text: str) -> str:
    """Greek -> Latin (Μητσοτάκης -> Mitsotakis); other characters pass through."""
    if not _GREEK.search(text):
        return text
    table, longest = greek_table()
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    out, i = [], 0
    while i < len(plain):
        for n in range(min(longest, len(plain) - i), 0, -1):
            latin = table.get(plain[i:i + n].lower())
            if latin is not None:
                out.append(latin.capitalize() if plain[i].isupper() else latin)
                i += n
                break
        else:
            out.append(plain[i])
            i += 1
    return "".join(out)
