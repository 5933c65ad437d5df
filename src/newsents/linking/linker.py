"""Linking name variants to entities, within an article and across a corpus.

"Sergej Schoigu", "Schoigus", "Verteidigungsminister Schoigu", "Shoigu" and "Шойгу" become one
entity ``PER:sergej-schoigu``. Within an article, surname-only mentions and acronyms join the full
form introduced there; across articles, :class:`EntityLinker` clusters the distinct names with
German normalisation, romanisation-neutral keys, blocked rapidfuzz similarity and guards against
merging different people who share a surname. Entity ids never change (:mod:`.kb_ids`): a mention's
id depends on its article and the knowledge base only; corpus clusters that join different ids are
recorded as ``linked`` hints. Results depend only on the multiset of articles, never on their
order or partitioning, and entity ids are readable slugs.
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Optional, Union

import numpy as np
from rapidfuzz import fuzz, process

from ..core.records import Article, Mention
from ..knowledge import read_lines
from ..knowledge.ids import entity_id
from ..knowledge.morphology import genitive_stems
from .kb_ids import IdRule, IdStats
from .normalize import (
    clean_name,
    compact_key,
    given_group,
    is_acronym,
    is_initial,
    name_key,
    split_person,
)

PathLike = Union[str, os.PathLike]

#: Blocks larger than this are split further before all-pairs comparison (keeps cost ~linear).
MAX_BLOCK = 2000
_CYR = re.compile(r"[\u0400-\u04FF]")


# ============================================================================================
# alias table


class AliasTableError(ValueError):
    """An alias table with duplicate rows, conflicting aliases or bad fields; names the rows."""


@dataclass(frozen=True)
class AliasRow:
    """One user-pinned entity: canonical name, label, aliases and an optional Wikidata QID."""

    name: str
    label: str
    aliases: tuple[str, ...] = ()
    qid: Optional[str] = None
    row: int = 0  # line number in the source file (header = 1) or 1-based index


@dataclass
class AliasTable:
    """User table that pins variants to one entity and keeps different rows apart."""

    rows: list[AliasRow]
    source: str = "<aliases>"
    keys: dict[tuple[str, str], int] = field(default_factory=dict)  # (label, compact key) -> row index

    def __post_init__(self) -> None:
        self.keys = self._validate()

    def _validate(self) -> dict[tuple[str, str], int]:
        errors: list[str] = []
        keys: dict[tuple[str, str], int] = {}
        names: dict[tuple[str, str], int] = {}
        qids: dict[str, int] = {}
        for i, r in enumerate(self.rows):
            where = f"{self.source} row {r.row}"
            if not r.name or not r.label:
                errors.append(f"{where}: name and label are required")
                continue
            if not re.fullmatch(r"[A-Z][A-Za-z_]*", r.label):
                errors.append(f"{where}: label {r.label!r} is not an entity label like PER, ORG, LOC")
            if r.qid is not None and not re.fullmatch(r"Q[1-9][0-9]*", r.qid):
                errors.append(f"{where}: qid {r.qid!r} is not a Wikidata id like Q42")
            nk = compact_key(clean_name(r.name, r.label).text) if clean_name(r.name, r.label) else ""
            if not nk:
                errors.append(f"{where}: name {r.name!r} is not a usable name")
                continue
            if (r.label, nk) in names:
                j = names[(r.label, nk)]
                errors.append(f"{where}: duplicate of row {self.rows[j].row} ({r.label} {r.name!r})")
                continue
            names[(r.label, nk)] = i
            if r.qid:
                if r.qid in qids:
                    errors.append(f"{where}: qid {r.qid} already used by row {self.rows[qids[r.qid]].row}")
                qids[r.qid] = i
            for variant in (r.name,) + r.aliases:
                c = clean_name(variant, r.label)
                if c is None:
                    errors.append(f"{where}: alias {variant!r} is not a usable name")
                    continue
                k = (r.label, compact_key(c.text))
                if k in keys and keys[k] != i:
                    errors.append(f"{where}: alias {variant!r} conflicts with row {self.rows[keys[k]].row} "
                                  f"({self.rows[keys[k]].name!r})")
                    continue
                keys[k] = i
        if errors:
            raise AliasTableError("invalid alias table:\n  " + "\n  ".join(errors))
        return keys

    @classmethod
    def from_records(cls, records: Iterable[dict], source: str = "<aliases>", first_row: int = 1) -> AliasTable:
        """Rows from dicts with name, label, aliases (list or '|'-separated), qid."""
        rows = []
        for n, rec in enumerate(records, start=first_row):
            al = rec.get("aliases") or []
            if isinstance(al, str):
                al = [a for a in re.split(r"[|;]", al)]
            al = tuple(a.strip() for a in al if a and str(a).strip())
            qid = (str(rec.get("qid") or "").strip() or None)
            rows.append(AliasRow(str(rec.get("name") or "").strip(), str(rec.get("label") or "").strip().upper(),
                                 al, qid, n))
        return cls(rows, source)

    @classmethod
    def from_file(cls, path: PathLike) -> AliasTable:
        """CSV (header name,label,aliases,qid; aliases separated by |) or YAML (list of mappings)."""
        p = Path(path)
        if p.suffix.lower() in (".yml", ".yaml"):
            try:
                import yaml  # type: ignore
            except ImportError as e:  # pragma: no cover - depends on environment
                raise AliasTableError(f"{p}: reading YAML needs pyyaml; use a CSV alias table instead") from e
            data = yaml.safe_load(p.read_text(encoding="utf-8")) or []
            if not isinstance(data, list):
                raise AliasTableError(f"{p}: expected a list of entries")
            return cls.from_records(data, str(p))
        with p.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader((ln for ln in f), skipinitialspace=True)
            missing = {"name", "label"} - set(reader.fieldnames or [])
            if missing:
                raise AliasTableError(f"{p}: header lacks column(s) {', '.join(sorted(missing))}")
            return cls.from_records(list(reader), str(p), first_row=2)

    def row_for(self, label: str, key: str) -> Optional[AliasRow]:
        i = self.keys.get((label, key))
        return self.rows[i] if i is not None else None


@cache
def _builtin_equivalents() -> list[tuple[str, list[str]]]:
    """Known exonyms and name forms from ``linking_equivalents.tsv``: (label, variants)."""
    out = []
    for ln in read_lines("linking_equivalents.tsv"):
        label, variants = ln.split("\t")
        out.append((label.strip(), [v.strip() for v in variants.split("|") if v.strip()]))
    return out


# ============================================================================================
# within an article


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
        return PersonName(compact_key(surname), None, None, _raw(surname))
    initial = _fold_initial(first)
    if is_initial(first):
        return PersonName(compact_key(surname), None, initial, _raw(surname))
    return PersonName(compact_key(surname), given_group(first), initial, _raw(surname))


def _fold_initial(token: str) -> Optional[str]:
    """First letter as written, case and diacritics folded ('Ö.' -> 'o'); W and V stay apart."""
    c = unicodedata.normalize("NFKD", token[:1].lower())[:1]
    return c if c.isalpha() else None


def _raw(text: str) -> str:
    """A name as written, case-folded, without spaces and hyphens (genitives match only on this)."""
    return re.sub(r"[\s\-‐]+", "", text).casefold()


def _as_loose(text: str, pn: PersonName, raw_to_key: dict[str, str], surname_keys: set[str]) -> PersonName:
    """A 'full' name whose whole form is another name's surname ("Kramp Karrenbauers" next to
    "Annegret Kramp-Karrenbauer") is really a surname-only mention."""
    if pn.is_full:
        ck = compact_key(text)
        if ck in surname_keys and ck != pn.surname_key:
            return PersonName(ck, None, None, _raw(text))
        for t in genitive_stems(text):
            k = raw_to_key.get(_raw(t))
            if k is not None and k != pn.surname_key:
                return PersonName(k, None, None, _raw(t))
    return pn


def _loose_keys(text: str, pn: PersonName, raw_to_key: dict[str, str]) -> set[str]:
    """Surname keys a surname-only/initial mention may stand for. A genitive -s is taken off only
    when the stem is a surname exactly as written ("Hans" is no genitive of "Haan")."""
    out = {pn.surname_key}
    for stem in genitive_stems(text):
        k = raw_to_key.get(person_name(stem).surname_raw)
        if k is not None:
            out.add(k)
    return out


def _surname_map(pnames: Iterable[PersonName]) -> dict[str, str]:
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
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    pnames: dict[int, PersonName] = {}
    for i, m in enumerate(mentions):
        if m.label == "PER" and forms[i]:
            pnames[i] = person_name(forms[i])
    raw_to_key = _surname_map(pnames.values())
    sk_set = set(raw_to_key.values())
    pnames = {i: _as_loose(forms[i], pn, raw_to_key, sk_set) for i, pn in pnames.items()}
    for i, pn in pnames.items():
        if pn.is_full:
            sk = pn.surname_key
            last = forms[i].split()[-1]
            for stem in genitive_stems(last):
                k = raw_to_key.get(_raw(stem))
                if k is not None and k != sk:
                    sk = k
                    forms[i] = forms[i][: -(len(last) - len(stem))]
                    break
            pnames[i] = PersonName(sk, pn.given, pn.initial)
            groups[(sk, pn.given)].append(i)
    group_initials = {g: {pnames[i].initial for i in idx} for g, idx in groups.items()}
    rep: dict[tuple[str, str], str] = {}
    for g, idx in groups.items():
        counts = Counter(forms[i] for i in idx)
        first_pos = {}
        for i in idx:
            first_pos.setdefault(forms[i], i)
        rep[g] = min(counts, key=lambda f: (-counts[f], first_pos[f]))
    by_surname: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for g in sorted(groups):
        by_surname[g[0]].append(g)
    for i, pn in pnames.items():
        if pn.is_full:
            forms[i] = rep[(pn.surname_key, pn.given)]
            continue
        keys = _loose_keys(forms[i], pn, raw_to_key)
        cands = {g for k in keys for g in by_surname.get(k, [])}
        if pn.initial:
            cands = {g for g in cands if g in group_initials and pn.initial in group_initials[g]}
        if len(cands) == 1:
            forms[i] = rep[cands.pop()]


def _resolve_acronyms(mentions: Sequence[Mention], cleaned, forms: list[Optional[str]],
                      text: str) -> list[tuple[str, str, str]]:
    """Acronyms introduced with their long form ("Föderaler Sicherheitsdienst (FSB)", adjacent
    "X (Y)" mentions, or unique initials like EU) resolve to the long form; returns the pairs."""
    pairs: dict[tuple[str, str], str] = {}
    for i, c in enumerate(cleaned):
        if c and c.acronym:
            if _acronym_fits(c.acronym, c.text):
                pairs.setdefault((mentions[i].label, c.acronym), c.text)
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
    for i, m in enumerate(mentions):
        if forms[i] and (m.label, forms[i]) in pairs:
            forms[i] = pairs[(m.label, forms[i])]
    return [(label, acro, long) for (label, acro), long in sorted(pairs.items())]


def _resolve_inflections(mentions: Sequence[Mention], forms: list[Optional[str]]) -> None:
    """Genitive/inflected forms of names attested in the same article (Russlands -> Russland)."""
    present = defaultdict(set)
    for i, m in enumerate(mentions):
        if forms[i]:
            present[m.label].add(forms[i])
    for i, m in enumerate(mentions):
        f = forms[i]
        if f and m.label != "PER" and f[-1:] in "sn":
            for stem in _stems(f, m.label):
                if stem in present[m.label]:
                    forms[i] = stem
                    break


def _acronym_fits(acronym: str, long: str) -> bool:
    """An acronym in brackets after a name is often a party ("Thomas Steiner (ÖVP)"): accept the
    pair only if the long form has two or more words and starts with the acronym's first letter."""
    words = [w for w in re.split(r"[\s\-]+", long) if w]
    return len(words) >= 2 and _fold_initial(long) == _fold_initial(acronym)


def _suffix_variant(x: str, y: str, max_tail: int = 2) -> bool:
    """Keys that differ only in an ending of at most ``max_tail`` letters (German inflection:
    Föderale/Föderaler, Niederlande/Niederlanden, Belarusian -ka/-ko), never inside the word
    (Berlin/Oberlin, Mailand/Maryland)."""
    n = 0
    for a, b in zip(x, y):
        if a != b:
            break
        n += 1
    return n >= 4 and max(len(x), len(y)) - n <= max_tail


def _stems(text: str, label: str) -> list[str]:
    """Nominative candidates: genitive -s/-es for all labels, dative/plural -n for non-persons."""
    out = genitive_stems(text)
    if label != "PER" and text.endswith("en") and len(text) >= 6:
        out.append(text[:-1])
    return out


def link_article(article: Article) -> list[Optional[str]]:
    """The within-article canonical form of each mention ("Schoigu" -> "Sergej Schoigu"); None
    for mentions that are no name (punctuation, one letter, broken NER)."""
    return resolve_article(article.entities, article.text).forms


# ============================================================================================
# corpus level


@dataclass
class Entity:
    """A linked entity: its display name, label, surface variants with counts and frequencies."""

    entity_id: str
    name: str
    label: str
    variants: dict[str, int]
    mentions: int
    articles: int
    qid: Optional[str] = None
    kind: Optional[str] = None  # the knowledge base's kind (news_agency, country, minister, ...)
    linked: list[str] = field(default_factory=list)  # ids of other entities the corpus suggests are the same

    def _repr_html_(self) -> str:
        from ..core.display import entity_html

        return entity_html(self)

    def to_dict(self) -> dict[str, object]:
        d: dict[str, object] = {"entity_id": self.entity_id, "name": self.name, "label": self.label,
                                "variants": self.variants, "mentions": self.mentions, "articles": self.articles}
        if self.qid:
            d["qid"] = self.qid
        if self.kind:
            d["kind"] = self.kind
        if self.linked:
            d["linked"] = list(self.linked)
        return d


class _UnionFind:
    """Union-find whose unions can be refused by cluster constraints (alias rows, given names)."""

    def __init__(self, n: int, pins: list[Optional[int]], givens: list[set[str]]):
        self.parent = list(range(n))
        self.pin = list(pins)
        self.givens = [set(g) for g in givens]

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int, check_givens: bool = True) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        pa, pb = self.pin[ra], self.pin[rb]
        if pa is not None and pb is not None and pa != pb:
            return False
        ga, gb = self.givens[ra], self.givens[rb]
        if check_givens and len(ga | gb) > max(len(ga), len(gb), 1):
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.pin[ra] = pa if pa is not None else pb
        self.givens[ra] = ga | gb
        return True


def similar_pairs(keys: Sequence[str], threshold: float, min_len: int = 6) -> list[tuple[int, int, float]]:
    """Pairs (i, j, score) of keys with rapidfuzz ratio >= threshold, compared only within blocks
    sharing a 3-letter prefix or suffix (split further when large), so cost stays near-linear."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        if len(k) >= min_len:
            blocks["p" + k[:3]].append(i)
            blocks["s" + k[-3:]].append(i)
    found: dict[tuple[int, int], float] = {}

    def compare(idx: list[int]) -> None:
        if len(idx) < 2:
            return
        strs = [keys[i] for i in idx]
        m = process.cdist(strs, strs, scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.uint8, workers=1)
        rows, cols = np.nonzero(np.triu(m, 1))
        for r, c in zip(rows.tolist(), cols.tolist()):
            a, b = idx[r], idx[c]
            found[(min(a, b), max(a, b))] = float(m[r, c])

    def split(idx: list[int], kind: str, depth: int) -> None:
        if len(idx) <= MAX_BLOCK:
            compare(idx)
            return
        if depth >= 7:  # still huge: sorted neighbourhood, each chunk with the next
            idx = sorted(idx, key=lambda i: keys[i] if kind == "p" else keys[i][::-1])
            for s in range(0, len(idx), MAX_BLOCK // 2):
                compare(idx[s:s + MAX_BLOCK])
            return
        sub: dict[str, list[int]] = defaultdict(list)
        for i in idx:
            k = keys[i]
            sub[k[:depth + 1] if kind == "p" else k[-(depth + 1):]].append(i)
        for part in sub.values():
            split(part, kind, depth + 1)

    for name in sorted(blocks):
        split(blocks[name], name[0], 3)
    return sorted((a, b, s) for (a, b), s in found.items())


@dataclass
class _Node:
    label: str
    key: str  # compact key
    forms: Counter  # resolved clean form -> count
    surfaces: Counter  # raw surface -> count
    articles: set[str]
    extra: int = 0  # mentions folded in from genitive nodes

    @property
    def count(self) -> int:
        return sum(self.forms.values()) + self.extra

    def rep(self) -> str:
        return min(self.forms, key=lambda f: (-self.forms[f], f))


class EntityLinker:
    """Collects distinct names from articles (counts and article ids, not texts) and clusters them.

    ``add_article`` may be called in any order, and linkers built on partitions can be combined
    with :meth:`merge`; the result of :meth:`link` depends only on the articles seen.
    """

    def __init__(self, aliases: Optional[AliasTable] = None, *, surname_threshold: float = 88.0,
                 other_threshold: float = 90.0, acronym_share: float = 0.9,
                 use_builtin_equivalents: bool = True):
        self.aliases = aliases
        self.surname_threshold = surname_threshold
        self.other_threshold = other_threshold
        self.acronym_share = acronym_share
        self.use_builtin_equivalents = use_builtin_equivalents
        self._surfaces: dict[tuple[str, str], Counter] = defaultdict(Counter)  # (label, form) -> surfaces
        self._articles: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._acronyms: Counter = Counter()  # (label, acronym, long) -> articles
        self._ids: dict[str, str] = {}  # interned article ids
        self.rule = IdRule(alias_row=self._alias_name if aliases is not None else None)
        self.stats = IdStats()  # per stable id: label, surfaces, articles, names

    def _alias_name(self, label: str, key: str) -> Optional[str]:
        row = self.aliases.row_for(label, key) if self.aliases is not None else None
        return row.name if row is not None else None

    def add_article(self, article: Article) -> None:
        self.add_mentions(article.id, article.entities, article.text)

    def add_mentions(self, article_id: str, mentions: Sequence[Mention], text: str = "") -> None:
        aid = self._ids.setdefault(article_id, article_id)
        links = resolve_article(mentions, text)
        for m, f in zip(mentions, links.forms):
            if f is None:
                continue
            k = (m.label, f)
            self._surfaces[k][" ".join(m.text.split())] += 1
            self._articles[k].add(aid)
        for a in links.acronyms:
            self._acronyms[a] += 1
        self.stats.add(aid, mentions, links.forms, self.rule.article_entities(mentions, links.forms))

    def merge(self, other: EntityLinker) -> EntityLinker:
        """Add another linker's counts (built on another partition of the corpus) to this one."""
        for k, c in other._surfaces.items():
            self._surfaces[k].update(c)
        for k, s in other._articles.items():
            self._articles[k].update(self._ids.setdefault(a, a) for a in s)
        self._acronyms.update(other._acronyms)
        self.stats.merge(other.stats)
        return self

    # ----------------------------------------------------------------------------------------
    def link(self) -> Linking:
        """Cluster the collected names into entities (deterministic: all steps run in sorted order)."""
        nodes, redirect = self._nodes()
        keys = sorted(nodes)
        index = {k: i for i, k in enumerate(keys)}
        nl = [nodes[k] for k in keys]
        persons = {i: person_name(nl[i].rep()) for i in range(len(nl)) if nl[i].label == "PER"}
        raw_to_key = _surname_map(persons.values())
        sk_set = set(raw_to_key.values())
        persons = {i: _as_loose(nl[i].rep(), p, raw_to_key, sk_set) for i, p in persons.items()}
        pins: list[Optional[int]] = [self.aliases.keys.get(k) if self.aliases else None for k in keys]
        givens = [{persons[i].given} if i in persons and persons[i].is_full else set() for i in range(len(nl))]
        uf = _UnionFind(len(nl), pins, givens)
        self._pin(uf, pins, index)
        sim_sur = self._merge_similar(nl, persons, uf)
        self._attach_loose(nl, persons, pins, sim_sur, raw_to_key, uf)
        self._join_acronyms(index, redirect, uf)
        return self._build(nl, uf, redirect)

    def _nodes(self):
        """One node per (label, compact key) of the resolved forms; genitive/inflected nodes fold
        into an attested nominative node (Lukaschenkos -> Lukaschenko). Returns nodes, redirects."""
        # 1. nodes: one per (label, compact key) of the resolved forms
        nodes: dict[tuple[str, str], _Node] = {}
        for (label, form) in sorted(self._surfaces):
            key = compact_key(form)
            if not key:
                continue
            node = nodes.get((label, key))
            if node is None:
                node = nodes[(label, key)] = _Node(label, key, Counter(), Counter(), set())
            surf = self._surfaces[(label, form)]
            node.forms[form] += sum(surf.values())
            node.surfaces.update(surf)
            node.articles |= self._articles[(label, form)]
        # 2. genitive / inflected forms fold into an attested nominative node (Lukaschenkos -> Lukaschenko)
        redirect: dict[tuple[str, str], tuple[str, str]] = {}
        raw_nodes: dict[tuple[str, str], tuple[str, str]] = {}
        for nk in sorted(nodes):
            for f in nodes[nk].forms:
                raw_nodes.setdefault((nk[0], _raw(f)), nk)
        for nk in sorted(nodes):
            node = nodes[nk]
            rep = node.rep()
            if rep[-1:] not in "sn" or (self.aliases and self.aliases.row_for(*nk)):
                continue
            for stem in _stems(rep, node.label):
                sk = raw_nodes.get((node.label, _raw(stem)))
                if sk is not None and sk != nk:
                    redirect[nk] = sk
                    break
        for nk, sk in sorted(redirect.items()):
            while sk in redirect:
                sk = redirect[sk]
            tgt, src = nodes[sk], nodes.pop(nk)
            tgt.surfaces.update(src.surfaces)
            tgt.articles |= src.articles
            tgt.extra += src.count
            redirect[nk] = sk
        return nodes, redirect

    def _pin(self, uf: _UnionFind, pins: list[Optional[int]], index: dict[tuple[str, str], int]) -> None:
        """Alias rows pin their variants together; then the built-in equivalents (exonyms)."""
        # 3. alias rows pin their variants together (they override name rules)
        by_pin: dict[int, list[int]] = defaultdict(list)
        for i, p in enumerate(pins):
            if p is not None:
                by_pin[p].append(i)
        for p in sorted(by_pin):
            for j in by_pin[p][1:]:
                uf.union(by_pin[p][0], j, check_givens=False)
        # 4. built-in equivalents (exonyms, Belarusian forms)
        if self.use_builtin_equivalents:
            for label, variants in _builtin_equivalents():
                ids = sorted({index[(label, compact_key(v))] for v in variants if (label, compact_key(v)) in index})
                for j in ids[1:]:
                    uf.union(ids[0], j)

    def _merge_similar(self, nl: list[_Node], persons: dict[int, PersonName], uf: _UnionFind) -> dict[str, list[str]]:
        """Full person names with equal/similar surnames and one given-name group merge; other
        names merge when one long token differs slightly. Returns similar surname keys."""
        # 5. persons with full names: same/similar surname and the same given-name group
        full = sorted(i for i, p in persons.items() if p.is_full)
        sur_keys = sorted({p.surname_key for p in persons.values()})
        sk_index = {k: n for n, k in enumerate(sur_keys)}
        sim = {(a, a): 100.0 for a in range(len(sur_keys))}
        for a, b, s in similar_pairs(sur_keys, self.surname_threshold):
            sim[(a, b)] = s
        by_sur_given: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for i in full:
            by_sur_given[sk_index[persons[i].surname_key]][persons[i].given].append(i)
        edges: list[tuple[float, int, int]] = []
        for (a, b), s in sim.items():
            ga, gb = by_sur_given[a], by_sur_given[b]
            for g in sorted(set(ga) & set(gb)):
                if a == b:
                    edges.extend((-s, ga[g][0], j) for j in ga[g][1:])
                else:
                    edges.append((-s, min(ga[g][0], gb[g][0]), max(ga[g][0], gb[g][0])))
        # 6. other names (and unresolved surnames among themselves): one differing long token
        by_label: dict[str, list[int]] = defaultdict(list)
        for i, n in enumerate(nl):
            if n.label != "PER" or (i in persons and not persons[i].is_full and persons[i].initial is None
                                    and " " not in n.rep()):
                by_label[n.label].append(i)
        for label in sorted(by_label):
            idx = by_label[label]
            thr = self.surname_threshold if label == "PER" else self.other_threshold
            for a, b, s in similar_pairs([nl[i].key for i in idx], thr):
                i, j = idx[a], idx[b]
                if _tokenwise_similar(nl[i].rep(), nl[j].rep()):
                    edges.append((-s, i, j))
        for _s, i, j in sorted(edges):
            uf.union(i, j)
        sim_sur: dict[str, list[str]] = defaultdict(list)
        for a, b in sim:
            if a != b:
                sim_sur[sur_keys[a]].append(sur_keys[b])
                sim_sur[sur_keys[b]].append(sur_keys[a])
        return sim_sur

    def _attach_loose(self, nl: list[_Node], persons: dict[int, PersonName], pins: list[Optional[int]],
                      sim_sur: dict[str, list[str]], raw_to_key: dict[str, str], uf: _UnionFind) -> None:
        """Surname-only / initial persons join a full name only if exactly one candidate entity."""
        full = sorted(i for i, p in persons.items() if p.is_full)
        # 7. surname-only / initial persons join a full name only if exactly one candidate entity
        sur_full: dict[str, set[int]] = defaultdict(set)
        for i in full:
            sur_full[persons[i].surname_key].add(i)
        loose = sorted(i for i, p in persons.items() if not p.is_full and pins[i] is None)
        attach: list[tuple[int, int]] = []
        for i in loose:
            p = persons[i]
            rep = nl[i].rep()
            skeys = _loose_keys(rep, p, raw_to_key)
            skeys |= {x for k in list(skeys) for x in sim_sur.get(k, []) if _suffix_variant(k, x)}
            cands = {j for k in skeys for j in sur_full.get(k, ())}
            if p.initial:
                cands = {j for j in cands if _initial_ok(p.initial, persons[j])}
            roots = {uf.find(j) for j in cands}
            if len(roots) == 1:
                attach.append((i, roots.pop()))
        for i, r in attach:
            uf.union(i, r)

    def _join_acronyms(self, index, redirect, uf: _UnionFind) -> None:
        """Acronyms paired with a long form in articles join it when the pairing is (nearly) unique."""
        # 8. acronyms paired with a long form in articles join it when the pairing is (nearly) unique
        acro_votes: dict[int, Counter] = defaultdict(Counter)
        for (label, acro, long), c in sorted(self._acronyms.items()):
            ai, li = index.get(_resolve_key(redirect, (label, compact_key(acro)))), \
                index.get(_resolve_key(redirect, (label, compact_key(long))))
            if ai is not None and li is not None:
                acro_votes[ai][uf.find(li)] += c
        for ai in sorted(acro_votes):
            votes = acro_votes[ai]
            best = min(votes, key=lambda r: (-votes[r], r))
            if votes[best] >= self.acronym_share * sum(votes.values()):
                uf.union(ai, best)

    def _build(self, nl: list[_Node], uf: _UnionFind, redirect) -> Linking:
        """One entity per stable id (never renamed by clustering); a cluster that joins several
        ids makes them ``linked`` to each other."""
        stats = self.stats
        clusters: dict[int, set[str]] = defaultdict(set)
        node_id: dict[tuple[str, str], str] = {}
        for i, node in enumerate(nl):
            ids = Counter()
            for form in node.forms:
                ids.update(stats.form_ids.get((node.label, form), {}))
            if ids:
                best = min(ids, key=lambda x: (-ids[x], x))
                node_id[(node.label, node.key)] = best
                clusters[uf.find(i)].update(ids)
        linked: dict[str, set[str]] = defaultdict(set)
        for ids in clusters.values():
            for eid in ids:
                linked[eid] |= ids - {eid}
        rows = {entity_id(r.label, r.name): r for r in self.aliases.rows} if self.aliases else {}
        entities = [self._entity(eid, rows.get(eid), sorted(linked.get(eid, ()))) for eid in stats.labels]
        entities.sort(key=lambda e: (-e.mentions, e.entity_id))
        index = {e.entity_id: n for n, e in enumerate(entities)}
        node_entity = {k: index[v] for k, v in node_id.items()}
        for src, tgt in redirect.items():
            target = node_entity.get(_resolve_key(redirect, tgt))
            if target is not None:
                node_entity.setdefault(src, target)
        return Linking(entities, node_entity, self.rule)

    def _entity(self, eid: str, row: Optional[AliasRow], linked: list[str]) -> Entity:
        stats = self.stats
        known = self.rule.entity(eid)
        variants = stats.surfaces[eid]
        return Entity(eid, row.name if row else known.name if known else stats.name_of(eid), stats.labels[eid],
                      dict(sorted(variants.items(), key=lambda kv: (-kv[1], kv[0]))), sum(variants.values()),
                      len(stats.articles[eid]), (row.qid if row else None) or (known.qid if known else None) or None,
                      known.kind if known else None, linked)


def _resolve_key(redirect, k):
    while k in redirect:
        k = redirect[k]
    return k


def _initial_ok(initial: str, p: PersonName) -> bool:
    return bool(p.given) and p.initial == initial


def _tokenwise_similar(a: str, b: str) -> bool:
    """Guard for fuzzy merges: same number of tokens, same digits, exactly one token differs and
    that token is long (Föderale/Föderaler Sicherheitsdienst yes, Deutsche Bank/Bahn no)."""
    if re.sub(r"\D", "", a) != re.sub(r"\D", "", b):
        return False
    ta, tb = name_key(a).split(), name_key(b).split()
    if len(ta) != len(tb):
        return "".join(ta) == "".join(tb)
    diff = [(x, y) for x, y in zip(ta, tb) if x != y]
    if len(diff) != 1:
        return not diff
    if is_acronym(a) or is_acronym(b):
        return False
    x, y = diff[0]
    k = ta.index(x)
    raw_a, raw_b = re.split(r"[\s\-]+", a), re.split(r"[\s\-]+", b)
    raw_len = min(len(raw_a[k]), len(raw_b[k])) if len(raw_a) == len(ta) == len(raw_b) else min(len(x), len(y))
    return raw_len >= 6 and _suffix_variant(x, y)


class Linking:
    """The result of linking: entities, and the entity id of every (label, name) seen."""

    def __init__(self, entities: list[Entity], node_entity: dict[tuple[str, str], int],
                 rule: Optional[IdRule] = None):
        self.entities = entities
        self._node_entity = node_entity
        self.rule = rule if rule is not None else IdRule()
        self._by_id = {e.entity_id: e for e in entities}
        self._index = {e.entity_id: n for n, e in enumerate(entities)}
        self._labels = sorted({e.label for e in entities})
        self._surname: dict[tuple[str, str], set[int]] = defaultdict(set)
        self._index_memo: dict[tuple[str, str], Optional[int]] = {}
        for idx, e in enumerate(entities):
            if e.label == "PER":
                for v in e.variants:
                    cn = clean_name(v, "PER")
                    if cn and person_name(cn.text).is_full:
                        self._surname[("PER", person_name(cn.text).surname_key)].add(idx)

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str) -> Optional[Entity]:
        return self._by_id.get(entity_id)

    def entity_index(self, label: str, form: str) -> Optional[int]:
        """Index of the entity of a cleaned form (genitive forms fall back to their nominative);
        remembered per form, since relinking a corpus asks for the same names over and over."""
        try:
            return self._index_memo[(label, form)]
        except KeyError:
            e = self._index_memo[(label, form)] = self._entity_index(label, form)
            return e

    def _entity_index(self, label: str, form: str) -> Optional[int]:
        key = compact_key(form)
        if not key:
            return None
        e = self._index.get(self.rule.form_id(label, form))
        if e is None:
            e = self._node_entity.get((label, key))
        if e is None:
            for stem in _stems(form, label):
                e = self._node_entity.get((label, compact_key(stem)))
                if e is not None:
                    break
        if e is None and label == "PER" and " " not in form.strip():
            cands = self._surname.get(("PER", key), set()) | {
                x for s in genitive_stems(form) for x in self._surname.get(("PER", compact_key(s)), set())}
            if len(cands) == 1:
                e = next(iter(cands))
        return e

    def entity_id_for(self, label: str, form: Optional[str]) -> Optional[str]:
        """Entity id of a cleaned canonical form; unseen names get the slug id they would have."""
        if not form:
            return None
        e = self.entity_index(label, form)
        return self.entities[e].entity_id if e is not None else self.rule.form_id(label, form)

    def apply(self, article: Article) -> Article:
        """Set ``entity_id`` on every mention and on claim speakers/vias; returns it."""
        links = resolve_article(article.entities, article.text)
        for m, eid in zip(article.entities, self.rule.article_ids(article.entities, links.forms)):
            m.entity_id = eid
        _link_claims(article.claims, article.entities, self)
        return article

    def find(self, name: str, label: Optional[str] = None) -> Optional[Entity]:
        """Look an entity up by any variant ("Schoigus", "Shoigu", "Шойгу") or by its id."""
        if name in self._by_id:
            return self._by_id[name]
        labels = [label] if label else self._labels
        hits = []
        for lb in labels:
            cn = clean_name(name, lb)
            if cn is None:
                continue
            e = self.entity_index(lb, cn.text)
            if e is not None:
                hits.append(self.entities[e])
        return min(hits, key=lambda e: (-e.mentions, e.entity_id)) if hits else None

    def write_entities(self, path: PathLike) -> None:
        """Write ``entities.jsonl`` atomically (temp file + os.replace)."""
        from ..io.output import atomic_write_jsonl

        atomic_write_jsonl(Path(path), (e.to_dict() for e in self.entities))


def _link_claims(claims, mentions: Sequence[Mention], linking: Linking) -> None:
    """Claim speakers, vias and affiliations take the linked entity of what they refer to: a resolved
    speaker ("er", "der Kanzler") that of its ``antecedent`` mention and the entity's name (its NLP id
    stays when the antecedent is no mention); an anonymous one none; an unresolved one (or an older
    record) only a mention at its offsets or with its cleaned text, never a guess from its words."""
    by_span = {(m.start, m.end): m.entity_id for m in mentions}
    by_text: dict[str, Optional[str]] = {}
    for m in mentions:
        cn = clean_name(m.text, m.label)
        if cn and m.entity_id:
            by_text.setdefault(cn.text, m.entity_id)
            if m.label == "PER":
                by_text.setdefault(cn.text.split()[-1], m.entity_id)
    for c in claims:
        if c.speaker is not None:
            _link_speaker(c.speaker, by_span, by_text, linking)
        for ref in (c.via, getattr(c, "affiliation", None)):
            if ref is not None:
                ref.entity_id = _linked_ref(ref, by_span, by_text, linking)


def _link_speaker(sp, by_span: dict, by_text: dict, linking: Linking) -> None:
    antecedent = getattr(sp, "antecedent", None)
    if getattr(sp, "anonymous", False):
        sp.entity_id = None
        return
    if antecedent is not None:
        sp.entity_id = by_span.get((antecedent.start, antecedent.end)) or sp.entity_id
    else:
        eid = by_span.get((sp.start, sp.end))
        cn = clean_name(sp.text, "PER") if eid is None else None
        sp.entity_id = eid if eid is not None else (by_text.get(cn.text) if cn else None)
    entity = linking.get(sp.entity_id) if sp.entity_id else None
    if entity is not None and hasattr(sp, "name"):
        sp.name = entity.name


def _linked_ref(ref, by_span: dict, by_text: dict, linking: Linking) -> Optional[str]:
    eid = by_span.get((ref.start, ref.end))
    if eid is None:
        cn = clean_name(ref.text, "PER")
        if cn:
            eid = by_text.get(cn.text) or by_text.get(cn.text.split()[-1])
            if eid is None:
                ent = linking.find(ref.text)
                eid = ent.entity_id if ent else None
    return eid


# ============================================================================================
# streaming over an output directory


def link_corpus(articles: Iterable[Article], aliases: Optional[AliasTable] = None) -> Linking:
    """Link a stream of articles (one pass; only distinct names are kept in memory)."""
    linker = EntityLinker(aliases)
    for a in articles:
        linker.add_article(a)
    return linker.link()


def _iter_articles(path: Path) -> Iterator[tuple[dict, Article]]:
    from ..io.output import iter_jsonl

    for d in iter_jsonl(path):
        yield d, Article.from_dict(d)


def link_output(out_dir: PathLike, aliases: Union[AliasTable, PathLike, None] = None) -> Linking:
    """Link the names of an existing output directory (one streaming pass over DIR/articles.jsonl)."""
    if aliases is not None and not isinstance(aliases, AliasTable):
        aliases = AliasTable.from_file(aliases)
    linker = EntityLinker(aliases)
    for _, art in _iter_articles(Path(out_dir) / "articles.jsonl"):
        linker.add_article(art)
    return linker.link()


def rewrite_output(out_dir: PathLike, linking: Linking, each: Optional[Callable[[dict], None]] = None) -> None:
    """Write ``linking``'s entity ids into DIR/articles.jsonl (atomically: temp file + os.replace)
    and write DIR/entities.jsonl. ``each`` sees every rewritten record, so another corpus step
    (``process`` builds its graph here) needs no pass of its own."""
    from ..io.output import atomic_write_jsonl

    out = Path(out_dir)
    path = out / "articles.jsonl"

    def relinked() -> Iterator[dict]:
        for d, art in _iter_articles(path):
            linking.apply(art)
            for md, m in zip(d.get("entities", []), art.entities):
                md["entity_id"] = m.entity_id
            for cd, c in zip(d.get("claims", []), art.claims):
                for role in ("speaker", "via", "affiliation"):
                    ref = getattr(c, role)
                    if cd.get(role) and ref is not None:
                        cd[role]["entity_id"] = ref.entity_id
                if cd.get("speaker") and "name" in cd["speaker"] and c.speaker is not None:
                    cd["speaker"]["name"] = c.speaker.name  # the linked entity's canonical name
            if each is not None:
                each(d)
            yield d

    atomic_write_jsonl(path, relinked())
    linking.write_entities(out / "entities.jsonl")


def relink_output(out_dir: PathLike, aliases: Union[AliasTable, PathLike, None] = None) -> Linking:
    """Re-link an existing output directory without re-running NLP: rewrites the entity ids in
    DIR/articles.jsonl and DIR/entities.jsonl (:func:`link_output` + :func:`rewrite_output`)."""
    linking = link_output(out_dir, aliases)
    rewrite_output(out_dir, linking)
    return linking
