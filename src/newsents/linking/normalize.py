"""German name normalisation and transliteration for linking name variants.

Turns a mention's surface ("Verteidigungsminister Schoigus", "Шойгу", "Shoigu") into a clean
display form ("Schoigu") and a romanisation-neutral matching key, so German (Duden), English and
scientific spellings of one Slavic name meet. All linguistic knowledge lives in data files:
``linking_titles.txt``, ``linking_given_names.tsv``, ``translit_cyrillic.tsv``, ``translit_latin_key.tsv``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Optional

from ..knowledge import read_lines
from ..knowledge.roles import roles
from ..knowledge.translit import ascii_fold, fix_script

#: Mentions longer than this (characters / tokens) are broken NER output, not names.
MAX_NAME_CHARS = 120
MAX_NAME_TOKENS = 10

_CYR = re.compile(r"[\u0400-\u04FF]")
_APOSTROPHES = "'’`´"
_EDGE_PUNCT_KEEP_APOS = "\"„“”‚‘»«›‹[]{}<>,;:!?*#|/\\~^=+_–—- \t\n\r\u00a0"


# --------------------------------------------------------------------------------------------
# tables


@dataclass(frozen=True)
class Titles:
    """Leading tokens to strip (whole words, suffixes) and surname particles to keep."""

    words: frozenset[str]
    suffixes: tuple[str, ...]
    particles: frozenset[str]

    def is_title(self, token: str) -> bool:
        t = token.lower().strip(".,:;")
        if not t:
            return False
        if t in self.words or token.lower() in self.words:
            return True
        last = t.rsplit("-", 1)[-1]
        if last in self.words:
            return True
        flat = t.replace("-", "")
        return any(flat.endswith(s) and len(flat) > len(s) for s in self.suffixes)


@cache
def titles() -> Titles:
    """The words stripped off mentions before linking, from the one role lexicon (roles.tsv)."""
    words, suffixes, particles = roles().linking_titles()
    return Titles(words, tuple(sorted(set(suffixes), key=len, reverse=True)), particles)


@dataclass(frozen=True)
class KeyRules:
    """Letter folds and ordered rewrites for the romanisation-neutral key."""

    fold: dict[str, str]
    rules: tuple[tuple[str, str], ...]


@cache
def key_rules() -> KeyRules:
    fold: dict[str, str] = {}
    rules: list[tuple[str, str]] = []
    section = None
    for ln in read_lines("translit_latin_key.tsv"):
        if ln.startswith("["):
            section = ln.strip("[] ")
            continue
        src, dst = ln.split("\t")
        if section == "fold":
            fold[src] = dst
        else:
            rules.append((src, dst))
    return KeyRules(fold, tuple(rules))


@cache
def given_name_groups() -> dict[str, str]:
    """Token key of a given-name variant -> key of its group's first variant."""
    groups: dict[str, str] = {}
    for ln in read_lines("linking_given_names.tsv"):
        variants = [v.strip() for v in ln.split("|") if v.strip()]
        head = token_key(variants[0])
        for v in variants:
            groups.setdefault(token_key(v), head)
    return groups


# --------------------------------------------------------------------------------------------
# cleaning


@dataclass(frozen=True)
class CleanName:
    """A mention reduced to its name: display ``text`` plus what was taken off."""

    text: str  # "Sergej Schoigu" (titles, articles, brackets removed; Latin script)
    acronym: Optional[str] = None  # "FSB" from "Föderaler Sicherheitsdienst (FSB)"
    apostrophe_genitive: bool = False  # "Scholz'" -> "Scholz"


_PAREN = re.compile(r"^(?P<main>[^()]+?)\s*\((?P<inner>[^()]{1,40})\)\s*$")
_SPACE = re.compile(r"\s+")


def _strip_leading_titles(tokens: list[str], tt: Titles) -> list[str]:
    """Leading titles and lower-case modifiers go ("der russische Präsident Putin" -> "Putin"), while a
    capitalised name token remains after them; surname particles stay (von der Leyen)."""
    tokens = list(tokens)
    while len(tokens) > 1:
        t, nxt = tokens[0], tokens[1]
        if t.lower() in tt.particles and any(x[:1].isupper() for x in tokens[1:]):
            break
        if not any(x[:1].isupper() or x[:1].isdigit() for x in tokens[1:]):
            break
        nxt_ok = nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1].islower() and (
            tt.is_title(nxt) or nxt.lower() in tt.particles or len(tokens) > 2 and tokens[2][:1].islower())
        if tt.is_title(t) and (nxt_ok or nxt.lower() in tt.particles):
            tokens.pop(0)
        elif t[:1].islower():
            tokens.pop(0)
        else:
            break
    return tokens


def is_acronym(token: str) -> bool:
    """FSB, EU, BelTA, SPD: short, letters mostly upper case, no spaces."""
    t = token.replace(".", "").replace("-", "")
    if not (2 <= len(t) <= 8) or not t.isalpha() or " " in token:
        return False
    upper = sum(1 for c in t if c.isupper())
    return upper >= 2 and upper >= len(t) - 2


@lru_cache(maxsize=200_000)
def clean_name(text: str, label: str = "") -> Optional[CleanName]:
    """Strip titles, articles, quotes, brackets and apostrophe genitives; None if it is no name."""
    if not text or len(text) > MAX_NAME_CHARS * 2:
        return None
    # edge punctuation goes, but a trailing apostrophe stays for now (genitive Scholz')
    s = unicodedata.normalize("NFC", _SPACE.sub(" ", text)).strip(_EDGE_PUNCT_KEEP_APOS).strip(" .-–—")
    acronym = None
    m = _PAREN.match(s)
    if m:
        main, inner = m.group("main").strip(), m.group("inner").strip()
        if is_acronym(inner) and not is_acronym(main):
            s, acronym = main, inner
        elif is_acronym(main) and not is_acronym(inner):
            s, acronym = inner, main
        else:
            s = main
    s = s.replace("(", " ").replace(")", " ").replace("\"", " ").replace("„", " ").replace("“", " ")
    if sum(1 for c in s if c.isalpha()) < 2:
        return None
    tokens = [fix_script(t) for t in _SPACE.split(s.strip()) if t]
    if not tokens or len(tokens) > MAX_NAME_TOKENS or len(s) > MAX_NAME_CHARS:
        return None
    tt = titles()
    tokens = _strip_leading_titles(tokens, tt)
    # "Wagner-Gruppe", "Springer-Konzern": a trailing descriptor after a hyphen
    if label == "ORG" and len(tokens) == 1 and "-" in tokens[0]:
        head, _, tail = tokens[0].rpartition("-")
        if tail.lower() in tt.words and tt.is_title(tail) and head[:1].isupper() and len(head) > 1:
            tokens = [head]
    apostrophe = False
    last = tokens[-1]
    if label == "PER" and len(last) > 3 and last[-2:] in ("'s", "’s"):
        tokens[-1], apostrophe = last[:-2], True
    elif len(last) > 2 and last[-1] in _APOSTROPHES and last[-2].lower() in "sxzß":
        tokens[-1], apostrophe = last[:-1], True
    tokens = [t.strip(_APOSTROPHES) for t in tokens if t.strip(_APOSTROPHES)]
    out = " ".join(tokens).strip(" .-")
    letters = sum(1 for c in out if c.isalpha())
    if letters < 2 or letters < len(out.replace(" ", "")) / 3:
        return None
    if acronym is not None and sum(1 for c in acronym if c.isalpha()) < 2:
        acronym = None
    return CleanName(out, acronym, apostrophe)


# --------------------------------------------------------------------------------------------
# keys


#: Doubled letters that romanisations add or drop (Wassilew/Vasilev, Jurij/Yurii, Saporischschja);
#: other doubles stay, since German surnames differ by them (Hoffmann/Hofmann, Schmitt/Schmit).
_DOUBLES = re.compile(r"([siSCH])\1+")


@lru_cache(maxsize=400_000)
def token_key(token: str) -> str:
    """Romanisation-neutral key of one token: Schoigu/Shoigu -> 'Soigu', Selenskyj/Zelensky -> 'selenski'."""
    t = fix_script(token)
    rules = key_rules()
    if len(t.replace(".", "")) <= 4:  # short words and acronyms: no spelling rules (ZDF/SDF, LTE/LTTE)
        return ascii_fold("".join(rules.fold.get(c, c) for c in t.replace(".", "").lower()))
    t = t.lower()
    t = "".join(rules.fold.get(c, c) for c in t)
    t = ascii_fold(t)
    for src, dst in rules.rules:
        if src in t:
            t = t.replace(src, dst)
    t = re.sub(r"[^a-zA-Z0-9]", "", t)
    return _DOUBLES.sub(r"\1", t)


@lru_cache(maxsize=400_000)
def name_key(text: str) -> str:
    """Key of a cleaned name: token keys joined by spaces (hyphens split tokens)."""
    return " ".join(k for k in (token_key(t) for t in re.split(r"[\s\-‐]+", text)) if k)


@lru_cache(maxsize=400_000)
def compact_key(text: str) -> str:
    """Name key without spaces: 'Kramp-Karrenbauer' == 'Kramp Karrenbauer', 'Nord Stream' == 'Nordstream'."""
    return name_key(text).replace(" ", "")


def normalize_name(text: str, label: str = "") -> str:
    """Matching key of a mention ('' if it is no name): titles stripped, script, case and
    diacritics folded, romanisation unified. Genitive -s is only taken off by the linker when the
    nominative is attested; an apostrophe genitive (Scholz') is always taken off here."""
    c = clean_name(text, label)
    return compact_key(c.text) if c else ""


def given_group(token: str) -> str:
    """Group key of a given name: Oleksandr, Aljaksandr, Aleksandr -> key of 'Alexander'."""
    k = token_key(token)
    return given_name_groups().get(k, k)


def is_initial(token: str) -> bool:
    """'S.' or 'S' as a given name."""
    t = token.rstrip(".")
    return len(t) == 1 and t.isalpha()


def split_person(text: str) -> tuple[list[str], str]:
    """Given names and surname of a person name; particles start the surname (von der Leyen)."""
    tokens = text.split()
    parts = titles().particles
    if tokens and tokens[0].lower() in parts:
        return [], text
    for i, t in enumerate(tokens):
        if i > 0 and t.lower() in parts and i < len(tokens) - 1:
            return tokens[:i], " ".join(tokens[i:])
    return tokens[:-1], tokens[-1] if tokens else ""
