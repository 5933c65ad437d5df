"""Within an article: each mention resolves to the form it refers to ("Schoigu" after "Sergej
Schoigu", "FSB" after "Föderaler Sicherheitsdienst (FSB)", "Russlands" next to "Russland"), and the
person-name helpers the corpus linker shares (surname keys, initials, genitive stems)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..core.records import Article, Mention
from ..knowledge.morphology import genitive_stems
from .normalize import clean_name, compact_key, given_group, is_acronym, is_initial, split_person


@dataclass(frozen=True)
class PersonName:
    """A cleaned person name split for matching."""

    surname_key: str  # compact key of the surname ("von der Leyen" -> "vonderleien")
    given: Optional[str]  # group key of the first given name, None if none or only an initial
    initial: Optional[str]  # first letter of the first given name/initial as written (folded)
    surname_raw: str = ""  # the surname as written, case-folded, without spaces/hyphens

    @property
    def is_full(self) -> bool:
        return self.given is not None


@lru_cache(maxsize=400_000)
def person_name(text: str) -> PersonName:
    """Split a cleaned person name into surname key, given-name group and initial."""
    given, surname = split_person(text)
    first = given[0].split("-")[0] if given else ""
    if not first:
        return PersonName(compact_key(surname), None, None, raw_key(surname))
    initial = fold_initial(first)
    if is_initial(first):
        return PersonName(compact_key(surname), None, initial, raw_key(surname))
    return PersonName(compact_key(surname), given_group(first), initial, raw_key(surname))


def fold_initial(token: str) -> Optional[str]:
    """First letter as written, case and diacritics folded ('Ö.' -> 'o'); W and V stay apart."""
    c = unicodedata.normalize("NFKD", token[:1].lower())[:1]
    return c if c.isalpha() else None


def raw_key(text: str) -> str:
    """A name as written, case-folded, without spaces and hyphens (genitives match only on this)."""
    return re.sub(r"[\s\-‐]+", "", text).casefold()


def as_loose(text: str, pn: PersonName, raw_to_key: dict[str, str], surname_keys: set[str]) -> PersonName:
    """A 'full' name whose whole form is another name's surname ("Kramp Karrenbauers" next to
    "Annegret Kramp-Karrenbauer") is really a surname-only mention."""
    if pn.is_full:
        ck = compact_key(text)
        if ck in surname_keys and ck != pn.surname_key:
            return PersonName(ck, None, None, raw_key(text))
        for t in genitive_stems(text):
            k = raw_to_key.get(raw_key(t))
            if k is not None and k != pn.surname_key:
                return PersonName(k, None, None, raw_key(t))
    return pn


def loose_keys(text: str, pn: PersonName, raw_to_key: dict[str, str]) -> set[str]:
    """Surname keys a surname-only/initial mention may stand for. A genitive -s is taken off only
    when the stem is a surname exactly as written ("Hans" is no genitive of "Haan")."""
    out = {pn.surname_key}
    for stem in genitive_stems(text):
        k = raw_to_key.get(person_name(stem).surname_raw)
        if k is not None:
            out.add(k)
    return out


def surname_map(pnames: Iterable[PersonName]) -> dict[str, str]:
    """Raw surname -> surname key, over full names."""
    return {p.surname_raw: p.surname_key for p in sorted(pnames, key=lambda p: (p.surname_raw, p.surname_key))
            if p.is_full}


def _initials(text: str) -> str:
    parts = [p for p in re.split(r"[\s\-]+", text) if p]
    return "".join(p[0] for p in parts if p[:1].isupper()).lower()


@dataclass
class ArticleLinks:
    """Within-article result: the canonical form of each mention, and acronym pairs seen."""

    forms: list[Optional[str]]  # cleaned canonical form per mention, None if the mention is no name
    acronyms: list[tuple[str, str, str]]  # (label, acronym, long form)


def resolve_article(mentions: Sequence[Mention], text: str = "") -> ArticleLinks:
    """Map each mention to the form it refers to in this article (Schoigu -> Sergej Schoigu)."""
    cleaned = [clean_name(m.text, m.label) for m in mentions]
    forms: list[Optional[str]] = [c.text if c else None for c in cleaned]
    _resolve_persons(mentions, forms)
    acronyms = _resolve_acronyms(mentions, cleaned, forms, text)
    _resolve_inflections(mentions, forms)
    return ArticleLinks(forms, acronyms)


def _resolve_persons(mentions: Sequence[Mention], forms: list[Optional[str]]) -> None:
    """Group full names by (surname, given-name group); surname-only/initial mentions and genitives
    join the one group they fit, and stay as they are when two groups fit (two Klitschkos)."""
    pnames: dict[int, PersonName] = {}
    for i, m in enumerate(mentions):
        if m.label == "PER" and forms[i]:
            pnames[i] = person_name(forms[i])
    raw_to_key = surname_map(pnames.values())
    sk_set = set(raw_to_key.values())
    pnames = {i: as_loose(forms[i], pn, raw_to_key, sk_set) for i, pn in pnames.items()}
    groups = _full_name_groups(pnames, forms, raw_to_key)
    group_initials = {g: {pnames[i].initial for i in idx} for g, idx in groups.items()}
    rep = {g: _group_form(idx, forms) for g, idx in groups.items()}
    by_surname: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for g in sorted(groups):
        by_surname[g[0]].append(g)
    for i, pn in pnames.items():
        if pn.is_full:
            forms[i] = rep[(pn.surname_key, pn.given)]
            continue
        keys = loose_keys(forms[i], pn, raw_to_key)
        cands = {g for k in keys for g in by_surname.get(k, [])}
        if pn.initial:
            cands = {g for g in cands if g in group_initials and pn.initial in group_initials[g]}
        if len(cands) == 1:
            forms[i] = rep[cands.pop()]


def _full_name_groups(pnames: dict[int, PersonName], forms: list[Optional[str]],
                      raw_to_key: dict[str, str]) -> dict[tuple[str, str], list[int]]:
    """Full names by (surname key, given-name group); a genitive surname whose stem is another
    full name's surname takes that surname (its form loses the ending). Updates ``pnames``."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, pn in pnames.items():
        if pn.is_full:
            sk = pn.surname_key
            last = forms[i].split()[-1]
            for stem in genitive_stems(last):
                k = raw_to_key.get(raw_key(stem))
                if k is not None and k != sk:
                    sk = k
                    forms[i] = forms[i][: -(len(last) - len(stem))]
                    break
            pnames[i] = PersonName(sk, pn.given, pn.initial)
            groups[(sk, pn.given)].append(i)
    return groups


def _group_form(idx: list[int], forms: list[Optional[str]]) -> str:
    """The most frequent form of a group (ties: the one seen first)."""
    counts = Counter(forms[i] for i in idx)
    first_pos: dict[Optional[str], int] = {}
    for i in idx:
        first_pos.setdefault(forms[i], i)
    return min(counts, key=lambda f: (-counts[f], first_pos[f]))


def _resolve_acronyms(mentions: Sequence[Mention], cleaned, forms: list[Optional[str]],
                      text: str) -> list[tuple[str, str, str]]:
    """Acronyms introduced with their long form ("Föderaler Sicherheitsdienst (FSB)", adjacent
    "X (Y)" mentions, or unique initials like EU) resolve to the long form; returns the pairs."""
    pairs: dict[tuple[str, str], str] = {}
    for i, c in enumerate(cleaned):
        if c and c.acronym:
            if _acronym_fits(c.acronym, c.text):
                pairs.setdefault((mentions[i].label, c.acronym), c.text)
    _bracketed_pairs(mentions, forms, text, pairs)
    _initials_pairs(mentions, forms, pairs)
    for i, m in enumerate(mentions):
        if forms[i] and (m.label, forms[i]) in pairs:
            forms[i] = pairs[(m.label, forms[i])]
    return [(label, acro, long) for (label, acro), long in sorted(pairs.items())]


def _bracketed_pairs(mentions: Sequence[Mention], forms: list[Optional[str]], text: str,
                     pairs: dict[tuple[str, str], str]) -> None:
    """Adjacent "X (Y)" mentions of one label where one is an acronym of the other."""
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, mentions[i].end))
    for a, b in zip(order, order[1:]):
        ma, mb = mentions[a], mentions[b]
        if not (forms[a] and forms[b]) or ma.label != mb.label or not text:
            continue
        if re.fullmatch(r"\s*\(\s*", text[ma.end:mb.start]) and text[mb.end:mb.end + 3].lstrip().startswith(")"):
            fa, fb = forms[a], forms[b]
            if is_acronym(fb) and not is_acronym(fa) and _acronym_fits(fb, fa):
                pairs.setdefault((ma.label, fb), fa)
            elif is_acronym(fa) and not is_acronym(fb) and _acronym_fits(fa, fb):
                pairs.setdefault((ma.label, fa), fb)


def _initials_pairs(mentions: Sequence[Mention], forms: list[Optional[str]],
                    pairs: dict[tuple[str, str], str]) -> None:
    """An acronym not yet paired whose letters are the initials of exactly one long form (EU)."""
    longs: dict[str, set[str]] = defaultdict(set)
    for i, m in enumerate(mentions):
        if forms[i] and m.label != "PER" and not is_acronym(forms[i]) and " " in forms[i]:
            longs[m.label].add(forms[i])
    for i, m in enumerate(mentions):
        f = forms[i]
        if f and m.label != "PER" and is_acronym(f) and (m.label, f) not in pairs:
            cands = sorted(x for x in longs[m.label] if _initials(x) == f.lower().replace(".", ""))
            if len(cands) == 1:
                pairs[(m.label, f)] = cands[0]


def _resolve_inflections(mentions: Sequence[Mention], forms: list[Optional[str]]) -> None:
    """Genitive/inflected forms of names attested in the same article (Russlands -> Russland)."""
    present = defaultdict(set)
    for i, m in enumerate(mentions):
        if forms[i]:
            present[m.label].add(forms[i])
    for i, m in enumerate(mentions):
        f = forms[i]
        if f and m.label != "PER" and f[-1:] in "sn":
            for stem in nominative_stems(f, m.label):
                if stem in present[m.label]:
                    forms[i] = stem
                    break


def _acronym_fits(acronym: str, long: str) -> bool:
    """An acronym in brackets after a name is often a party ("Thomas Steiner (ÖVP)"): accept the
    pair only if the long form has two or more words and starts with the acronym's first letter."""
    words = [w for w in re.split(r"[\s\-]+", long) if w]
    return len(words) >= 2 and fold_initial(long) == fold_initial(acronym)


def suffix_variant(x: str, y: str, max_tail: int = 2) -> bool:
    """Keys that differ only in an ending of at most ``max_tail`` letters (German inflection:
    Föderale/Föderaler, Niederlande/Niederlanden, Belarusian -ka/-ko), never inside the word
    (Berlin/Oberlin, Mailand/Maryland)."""
    n = 0
    for a, b in zip(x, y):
        if a != b:
            break
        n += 1
    return n >= 4 and max(len(x), len(y)) - n <= max_tail


def nominative_stems(text: str, label: str) -> list[str]:
    """Nominative candidates: genitive -s/-es for all labels, dative/plural -n for non-persons."""
    out = genitive_stems(text)
    if label != "PER" and text.endswith("en") and len(text) >= 6:
        out.append(text[:-1])
    return out


def link_article(article: Article) -> list[Optional[str]]:
    """The within-article canonical form of each mention ("Schoigu" -> "Sergej Schoigu"); None
    for mentions that are no name (punctuation, one letter, broken NER)."""
    return resolve_article(article.entities, article.text).forms
