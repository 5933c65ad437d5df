"""Score entity mentions and agency credits on newsents' own news set (``sets/news_entities.*.txt``).

Each gold article (headline, body, ``# agencies``) is analysed the way ``newsents process`` analyses
a text file: headline as title, body as text, through cleaning and the whole pipeline. Predicted
mentions are mapped back onto the gold text by a character alignment (cleaning may drop boilerplate
lines) and scored by exact span and label: P/R/F1 per label and micro, and a span-only figure.
Agencies are scored as sets of knowledge-base entities per article.

Tune on ``dev`` only; ``test`` is for reporting (``newsents evaluate-entities --split test``).
"""

from __future__ import annotations

import difflib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..core.records import RawArticle
from ..knowledge.kb import default_kb
from .ner_ud import PRF

SETS = Path(__file__).resolve().parent / "sets"
LABELS = ("PER", "LOC", "ORG", "MISC")
MENTION = re.compile(r"\[\[([^\[\]|]*)\|([^\[\]|]*)\]\]")


@dataclass
class GoldArticle:
    """One article of the set: plain text (headline, newline, body) and its gold annotations."""

    id: str
    date: Optional[str]
    agencies: list[str]
    text: str
    mentions: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def headline(self) -> str:
        return self.text.split("\n", 1)[0]

    @property
    def body(self) -> str:
        return self.text.split("\n", 1)[1] if "\n" in self.text else ""


def read_gold(split: str = "dev", path: Optional[Path] = None) -> list[GoldArticle]:
    """The articles of ``news_entities.<split>.txt`` (format: ``sets/README.md``)."""
    path = path or SETS / f"news_entities.{split}.txt"
    if not path.exists():
        raise FileNotFoundError(f"no gold set at {path} (splits: dev, test)")
    blocks = path.read_text(encoding="utf-8").split("\n---\n")[1:]
    return [_parse_block(block) for block in blocks]


def _parse_block(block: str) -> GoldArticle:
    header: dict[str, str] = {}
    lines = block.split("\n")
    i = 0
    while i < len(lines) and lines[i].startswith("# "):
        key, _, value = lines[i][2:].partition(":")
        header[key.strip()] = value.strip()
        i += 1
    annotated = "\n".join(lines[i:]).strip("\n")
    text, mentions, pos, last = [], [], 0, 0
    for m in MENTION.finditer(annotated):
        text.append(annotated[last:m.start()])
        pos += m.start() - last
        mentions.append((pos, pos + len(m.group(1)), m.group(2)))
        text.append(m.group(1))
        pos += len(m.group(1))
        last = m.end()
    text.append(annotated[last:])
    agencies = [a.strip() for a in header.get("agencies", "").split(",") if a.strip()]
    return GoldArticle(header.get("id", ""), header.get("date") or None, agencies, "".join(text), mentions)


def offset_map(source: str, target: str) -> dict[int, int]:
    """Character offsets of ``source`` that survive in ``target``, mapped to their target offset."""
    matcher = difflib.SequenceMatcher(None, source, target, autojunk=False)
    out: dict[int, int] = {}
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            out[a + k] = b + k
    return out


def predict(nlp, articles: list[GoldArticle]) -> Iterator[tuple[GoldArticle, set, list[str]]]:
    """(gold article, predicted (start, end, label) on the gold text, predicted agencies) per article."""
    from ..io.clean import Cleaner
    from ..runtime.processing import process_articles

    raws = [RawArticle(id=a.id, text=a.body, title=a.headline, date=a.date) for a in articles]
    for gold, article in zip(articles, process_articles(nlp, raws, Cleaner(), memory_zones=False)):
        mapping = offset_map(article.text, gold.text)
        pred = set()
        for m in article.entities:
            start, last = mapping.get(m.start), mapping.get(m.end - 1)
            if start is not None and last is not None and last - start == m.end - 1 - m.start:
                pred.add((start, last + 1, m.label))
        yield gold, pred, list(getattr(article, "agencies", []) or [])


def _agency_ids(names: list[str]) -> set[str]:
    kb = default_kb()
    out = set()
    for name in names:
        found = [e for e in kb.lookup(name) if e.kind == "news_agency"]
        out.add(found[0].id if found else name)
    return out


def evaluate_entities(nlp, split: str = "dev", path: Optional[Path] = None,
                      errors: bool = False) -> dict[str, Any]:
    """Exact-match P/R/F1 per label, micro, span-only, and agency P/R/F1 on a split of the set."""
    articles = read_gold(split, path)
    per_label = {label: PRF() for label in LABELS}
    micro, spans, agencies = PRF(), PRF(), PRF()
    listed: list[dict[str, Any]] = []
    start = time.perf_counter()
    for gold, pred, agency_names in predict(nlp, articles):
        truth = set(gold.mentions)
        micro.add(truth, pred)
        spans.add({(s, e) for s, e, _ in truth}, {(s, e) for s, e, _ in pred})
        for label in LABELS:
            per_label[label].add({g for g in truth if g[2] == label}, {p for p in pred if p[2] == label})
        agencies.add(_agency_ids(gold.agencies), _agency_ids(agency_names))
        if errors:
            listed.append(_errors(gold, truth, pred))
    result: dict[str, Any] = {
        "split": split, "articles": len(articles), "mentions": sum(len(a.mentions) for a in articles),
        "micro": micro.to_dict(), "per_label": {label: prf.to_dict() for label, prf in per_label.items()},
        "spans": spans.to_dict(), "agencies": agencies.to_dict(),
        "seconds": round(time.perf_counter() - start, 1),
    }
    if errors:
        result["errors"] = [e for e in listed if e["missed"] or e["spurious"]]
    return result


def _errors(gold: GoldArticle, truth: set, pred: set) -> dict[str, Any]:
    def show(items):
        return [f"{gold.text[s:e]}|{label}" for s, e, label in sorted(items)]

    return {"id": gold.id, "missed": show(truth - pred), "spurious": show(pred - truth)}
