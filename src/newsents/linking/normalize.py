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

from ..knowledge import data_path
from ..knowledge.morphology import genitive_stems  # noqa: F401  (re-exported for linking)
from ..knowledge.roles import roles

#: Mentions longer than this (characters / tokens) are broken NER output, not names.
MAX_NAME_CHARS = 120
MAX_NAME_TOKENS = 10

_CYR = re.compile(r"[\u0400-\u04FF]")
_LAT = re.compile(r"[A-Za-z\u00C0-\u024F]")
_APOSTROPHES = "'’`´"
_EDGE_PUNCT_KEEP_APOS = "\"„“”‚‘»«›‹[]{}<>,;:!?*#|/\\~^=+_–—- \t\n\r\u00a0"
#: Cyrillic letters that look like Latin ones: a stray one inside a Latin word is a typo, not a name.
_HOMOGLYPHS = str.maketrans("аеорсхуіјкмнвтАЕОРСХУІЈКМНВТ", "aeopcxyijkmhbtAEOPCXYIJKMHBT")


def data_lines(name: str) -> list[str]:
    """Non-comment, non-empty lines of a file in ``newsents/data``."""
    text = data_path(name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


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
class CyrillicTable:
    """Longest-match transliteration rules per language (ru, uk, be)."""

    rules: dict[str, dict[str, str]]  # lang -> pattern -> output
    max_len: int


@cache
def cyrillic_table() -> CyrillicTable:
    rules: dict[str, dict[str, str]] = {"ru": {}, "uk": {}, "be": {}}
    max_len = 1
    for ln in data_lines("translit_cyrillic.tsv"):
        pat, ru, uk, be = ln.split("\t")
        for lang, out in (("ru", ru), ("uk", uk), ("be", be)):
            rules[lang][pat] = "" if out == "-" else out
        max_len = max(max_len, len(pat.lstrip("^V").rstrip("$V")))
    return CyrillicTable(rules, max_len)


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
    for ln in data_lines("translit_latin_key.tsv"):
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
    for ln in data_lines("linking_given_names.tsv"):
        variants = [v.strip() for v in ln.split("|") if v.strip()]
        head = token_key(variants[0])
        for v in variants:
            groups.setdefault(token_key(v), head)
    return groups


# --------------------------------------------------------------------------------------------
# transliteration


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
            best, best_len = _ascii_fold(ch), 1
        src = text[i:i + best_len]
        if best and src[0].isupper():
            whole_upper = len(src) > 1 and src.isupper() or (i + 1 < n and text[i + 1].isupper())
            best = best.upper() if whole_upper else best[0].upper() + best[1:]
        out.append(best)
        i += best_len
    return "".join(out)


def _ascii_fold(text: str) -> str:
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
    # leading titles and lower-case modifiers ("der russische Präsident"), but keep particles
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
        return _ascii_fold("".join(rules.fold.get(c, c) for c in t.replace(".", "").lower()))
    t = t.lower()
    t = "".join(rules.fold.get(c, c) for c in t)
    t = _ascii_fold(t)
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


_SLUG_FOLD = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ł": "l", "ø": "oe", "æ": "ae", "œ": "oe",
              "đ": "d", "ı": "i", "þ": "th"}


def slugify(text: str) -> str:
    """Readable ASCII slug for ids: 'Sergej Schoigu' -> 'sergej-schoigu', 'Lukaschenko' stays."""
    t = transliterate(unicodedata.normalize("NFC", text)).lower()
    t = "".join(_SLUG_FOLD.get(c, c) for c in t)
    t = _ascii_fold(t)
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return t[:80].strip("-") or "x"
