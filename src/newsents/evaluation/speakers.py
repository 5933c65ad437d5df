"""Evaluate speaker resolution on our own hand-written set (``evaluation/sets/speakers.*.jsonl``, CC0).

Gold claims are paired one-to-one with newsents' claims by the character overlap of their contents
(maximum total overlap F1). Reported:

- claims: precision, recall and F1 of the pairing (a gold claim is found when some claim overlaps it);
- **resolution**: of the gold claims whose speaker the article names (``entity`` is set), the share
  whose paired claim's speaker resolves to an entity carrying that name (:func:`same_name`); an
  unpaired gold claim counts as wrong. Also by phenomenon (pronoun, role, possessive, ...);
- anonymous: of the gold claims with an anonymous or unnamed source, the share whose paired claim
  has no speaker entity;
- function-word speakers: claims whose speaker is a function word or adverb (never right).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Optional

from .claims import Group, pair_groups

SETS = Path(__file__).resolve().parent / "sets"
_WORD = re.compile(r"\w+", re.UNICODE)


def read_set(split: str, folder: Path = SETS) -> list[dict]:
    path = folder / f"speakers.{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def locate(text: str, claim: dict, field: str) -> Optional[tuple[int, int]]:
    """Character span of ``claim[field]`` in ``text`` (honouring ``<field>_at``), None if unset."""
    sub = claim.get(field)
    if not sub:
        return None
    found, i = [], text.find(sub)
    while i != -1:
        found.append(i)
        i = text.find(sub, i + 1)
    if not found:
        return None
    at = claim.get(f"{field}_at", 0)
    start = found[at] if at < len(found) else found[0]
    return start, start + len(sub)


def _word_ids(text: str, span: tuple[int, int]) -> list[int]:
    """Start offsets of the words in ``span``: the units the overlap is measured in."""
    return [m.start() for m in _WORD.finditer(text, span[0], span[1])]


def name_key(word: str) -> str:
    """A name word without case and inflection: "Grünen" -> "grün", "Schoigus" -> "schoigu"."""
    w = word.lower().strip("'’")
    for ending in ("es", "en", "er", "s", "n", "e"):
        if len(w) > 4 and w.endswith(ending):
            return w[: -len(ending)]
    return w


def same_name(system: Optional[str], gold: str) -> bool:
    """Whether a resolved name carries the gold name: the same last word (surname, head noun or
    acronym, without inflection), or one name's words inside the other's ("Kommission" /
    "EU-Kommission")."""
    if not system:
        return False
    a = [name_key(w) for w in re.split(r"[\s\-]+", system) if w]
    b = [name_key(w) for w in re.split(r"[\s\-]+", gold) if w]
    if not a or not b:
        return False
    return a[-1] == b[-1] or set(a) <= set(b) or set(b) <= set(a)


def same_base_entity(found: Any, gold: str) -> bool:
    """Whether the resolved speaker is the knowledge-base entity that the gold name denotes (one
    entity only): "WHO" and "Weltgesundheitsorganisation" are both ``ORG:who``."""
    eid = found.speaker.entity_id if found is not None and found.speaker is not None else None
    if not eid:
        return False
    from ..knowledge.kb import default_kb

    candidates = default_kb().lookup(gold)
    return len(candidates) == 1 and candidates[0].id == eid


#: speakers that are function words or adverbs, which refer to no source: articles and neuter
#: pronouns ("das", "es"), adverbs ("Demnach", "Zuerst"), conjunctions. (Personal, relative and
#: demonstrative pronouns that refer to a person or body, "er", "der", "diese", are pronoun speakers.)
FUNCTION_WORDS = frozenset("""
das dem den des ein eine einem einen eines es dies dieses man
demnach dabei dazu damit daher zudem außerdem so auch aber zuerst dann später jedoch allerdings
wie wo als und oder dass ob hier dort nun jetzt heute gestern morgen wobei weshalb weswegen indem
""".split())


def function_word_speaker(text: Optional[str]) -> bool:
    return bool(text) and text.strip().lower() in FUNCTION_WORDS  # type: ignore[union-attr]


class SpeakerScores:
    """Tallies over the articles of the set."""

    def __init__(self) -> None:
        self.gold = self.system = self.paired = 0
        self.named = self.right = 0
        self.unnamed = self.unnamed_right = 0
        self.function_word = 0
        self.by_phenomenon: Counter = Counter()
        self.right_by_phenomenon: Counter = Counter()
        self.errors: list[str] = []

    def add(self, article: dict, claims: Sequence[Any]) -> None:
        text = article["text"]
        gold = article["claims"]
        g_groups = [Group(_word_ids(text, locate(text, c, "content") or (0, 0)), {}, None) for c in gold]
        s_groups = [Group(_word_ids(text, (c.content.start, c.content.end)), {}, None) for c in claims]
        pairs = dict(pair_groups(s_groups, g_groups))
        self.gold += len(gold)
        self.system += len(claims)
        self.paired += len(pairs)
        self.function_word += sum(function_word_speaker(c.speaker.text if c.speaker else None) for c in claims)
        for gi, g in enumerate(gold):
            found = claims[pairs[gi]] if gi in pairs else None
            name = found.speaker.name if found is not None and found.speaker is not None else None
            if g.get("entity"):
                self._named(article, g, found, name)
            else:
                self.unnamed += 1
                self.unnamed_right += int(found is not None and name is None)

    def _named(self, article: dict, g: dict, found: Any, name: Optional[str]) -> None:
        self.named += 1
        self.by_phenomenon[g["phenomenon"]] += 1
        ok = same_name(name, g["entity"]) or same_base_entity(found, g["entity"])
        self.right += ok
        self.right_by_phenomenon[g["phenomenon"]] += ok
        if not ok:
            said = found.speaker.text if found is not None and found.speaker else None
            where = "missed" if found is None else f"got {name!r} from {said!r}"
            self.errors.append(f"{article['id']} [{g['phenomenon']}] {g['speaker']!r} -> {g['entity']!r}: {where}")

    def summary(self) -> dict[str, float]:
        p = self.paired / self.system if self.system else 0.0
        r = self.paired / self.gold if self.gold else 0.0
        out = {"claims_p": p, "claims_r": r, "claims_f1": 2 * p * r / (p + r) if p + r else 0.0,
               "resolution": self.right / self.named if self.named else 0.0,
               "anonymous": self.unnamed_right / self.unnamed if self.unnamed else 0.0,
               "function_word_speakers": float(self.function_word),
               "gold_claims": float(self.gold), "named_speakers": float(self.named)}
        for ph in sorted(self.by_phenomenon):
            out[f"resolution_{ph}"] = self.right_by_phenomenon[ph] / self.by_phenomenon[ph]
        return out


def evaluate_set(nlp, split: str, folder: Path = SETS, errors: Optional[list[str]] = None) -> dict[str, float]:
    """Score ``nlp`` (a pipeline with ``newsents_claims``) on ``speakers.<split>.jsonl``."""
    articles = read_set(split, folder)
    scores = SpeakerScores()
    for article, doc in zip(articles, nlp.pipe([a["text"] for a in articles])):
        scores.add(article, doc._.claims)
    if errors is not None:
        errors.extend(scores.errors)
    return scores.summary()


def format_scores(result: dict[str, float], keys: Iterable[str] = ()) -> str:
    counts = ("gold_claims", "named_speakers", "function_word_speakers")
    return "\n".join(f"{k:28s} {int(v)}" if k in counts else f"{k:28s} {v:.3f}" for k, v in result.items()
                     if not keys or k in keys)
