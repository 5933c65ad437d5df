"""Building blocks of corpus clustering: a union-find that refuses forbidden unions, blocked
rapidfuzz similarity over name keys, one node per distinct name, and the guards of fuzzy merges."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Optional

import numpy as np
from rapidfuzz import fuzz, process

from .names import PersonName, suffix_variant
from .normalize import is_acronym, name_key

#: Blocks larger than this are split further before all-pairs comparison (keeps cost ~linear).
MAX_BLOCK = 2000


class UnionFind:
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
class NameNode:
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



def resolve_redirect(redirect, k):
    while k in redirect:
        k = redirect[k]
    return k


def initial_ok(initial: str, p: PersonName) -> bool:
    return bool(p.given) and p.initial == initial


def tokenwise_similar(a: str, b: str) -> bool:
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
    return raw_len >= 6 and suffix_variant(x, y)

