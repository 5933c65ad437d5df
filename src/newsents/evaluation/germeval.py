"""Read GermEval 2014 (NoSta-D) files as outer-level PER/LOC/ORG/MISC entity spans.

OTH becomes MISC; the ``deriv`` and ``part`` labels (deutsch, EU-Verordnung) are not entities.
Both the original 4-column TSV (with ``#`` source lines) and the 3-column train re-export are read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LABEL_MAP = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC"}
NO_SPACE_BEFORE = set(".,;:!?)]}%'")
NO_SPACE_AFTER = set("([{")


@dataclass
class Sentence:
    words: list[str]
    tags: list[str]  # outer BIO tags mapped to PER/LOC/ORG/MISC, others O

    @property
    def spaces(self) -> list[bool]:
        """Guess whitespace after each word, so the text reads like running news text."""
        out = []
        for i, w in enumerate(self.words):
            nxt = self.words[i + 1] if i + 1 < len(self.words) else None
            out.append(nxt is not None and nxt not in NO_SPACE_BEFORE and w not in NO_SPACE_AFTER)
        return out

    def spans(self) -> list[tuple[int, int, str]]:
        """Entity spans as (start token, end token, label)."""
        spans, start, label = [], None, None
        for i, tag in enumerate(self.tags + ["O"]):
            if tag.startswith("I-") and label == tag[2:]:
                continue
            if start is not None:
                spans.append((start, i, label))
                start = label = None
            if tag.startswith("B-") or tag.startswith("I-"):
                start, label = i, tag[2:]
        return spans


def map_tag(tag: str) -> str:
    """Outer GermEval tag -> BIO over PER/LOC/ORG/MISC (deriv/part -> O)."""
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, label = tag.split("-", 1)
    mapped = LABEL_MAP.get(label)
    return f"{prefix}-{mapped}" if mapped else "O"


def read_sentences(path: Path) -> Iterator[Sentence]:
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#\t") or line.startswith("# "):
                continue
            if not line.strip():
                if words:
                    yield Sentence(words, _repair(tags))
                words, tags = [], []
                continue
            cols = line.split("\t")
            if len(cols) >= 4 and cols[0].isdigit():
                word, outer = cols[1], cols[2]
            else:
                word, outer = cols[0], cols[1]
            words.append(word)
            tags.append(map_tag(outer))
    if words:
        yield Sentence(words, _repair(tags))


def _repair(tags: list[str]) -> list[str]:
    """An I- tag left dangling by dropping a deriv/part label starts a new entity."""
    out, prev = [], "O"
    for tag in tags:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def to_docs(nlp, sentences, sents_per_doc: int = 1):
    """spaCy reference Docs with entity spans (one sentence per doc by default)."""
    from spacy.tokens import Doc, Span

    batch: list[Sentence] = []
    for sent in sentences:
        batch.append(sent)
        if len(batch) >= sents_per_doc:
            yield _make_doc(nlp, batch, Doc, Span)
            batch = []
    if batch:
        yield _make_doc(nlp, batch, Doc, Span)


def _make_doc(nlp, batch, Doc, Span):
    words, spaces, ents, starts = [], [], [], []
    for sent in batch:
        offset = len(words)
        words.extend(sent.words)
        sp = sent.spaces
        sp[-1] = True
        spaces.extend(sp)
        starts.extend([True] + [False] * (len(sent.words) - 1))
        ents.extend((s + offset, e + offset, lab) for s, e, lab in sent.spans())
    spaces[-1] = False
    doc = Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return doc
