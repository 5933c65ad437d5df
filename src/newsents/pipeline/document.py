"""Turn a processed spaCy ``Doc`` into an ``Article`` record (entities, claims, compounds, sentences)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Optional

from spacy.tokens import Doc

from ..core.records import Article, Mention, RawArticle, Removal

LABELS = ("PER", "LOC", "ORG", "MISC")


def doc_to_article(doc: Doc, raw: RawArticle, removed: Optional[Sequence[Removal]] = None,
                   title: Optional[str] = None, text: Optional[str] = None) -> Article:
    """Collect what the pipeline found in ``doc`` (whose text is the cleaned article text).
    ``text``: the string the doc was made from, if the caller has it (``doc.text`` joins the tokens
    anew); used only when its length is the doc's, so a tokenizer that rewrites text cannot shift offsets."""
    entities: list[Mention] = []
    for ent in doc.ents:
        label = _label(ent.label_)
        if label is None:
            continue
        norm = ent._.norm if ent.has_extension("norm") else None
        eid = ent._.entity_id if ent.has_extension("entity_id") else None
        entities.append(Mention(ent.text, label, ent.start_char, ent.end_char, eid, norm or ent.text))
    claims = list(doc._.claims or []) if doc.has_extension("claims") else []
    compounds = list(doc._.compounds or []) if doc.has_extension("compounds") else []
    sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
    agencies = list(doc._.agencies or []) if doc.has_extension("agencies") else []
    return Article(
        id=raw.id,
        text=text if text is not None and _length(doc) == len(text) else doc.text,
        title=title if title is not None else raw.title,
        date=raw.date,
        source=raw.source,
        url=raw.url,
        entities=entities,
        claims=claims,
        compounds=compounds,
        removed=list(removed or []),
        sentences=sentences,
        agencies=agencies,
    )


def _length(doc: Doc) -> int:
    """Characters of ``doc.text`` without building it."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def _label(label: str) -> Optional[str]:
    """Map other models' label sets onto PER/LOC/ORG/MISC (de_core_news_lg uses the same four)."""
    if label in LABELS:
        return label
    return {"PERSON": "PER", "GPE": "LOC", "NORP": None, "FAC": "LOC", "OTH": "MISC"}.get(label)


def split_long_text(text: str, max_chars: int) -> list[tuple[int, str]]:
    """Cut a very long article into pieces of at most ``max_chars`` at paragraph (else line, else
    sentence-like, else any) boundaries; returns (offset, piece) pairs that concatenate to ``text``."""
    if len(text) <= max_chars:
        return [(0, text)]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            window = text[start:end]
            for sep in ("\n\n", "\n", ". ", " "):
                cut = window.rfind(sep)
                if cut > max_chars // 2:
                    end = start + cut + len(sep)
                    break
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def merge_parts(parts: Sequence[tuple[int, Article]]) -> Article:
    """One article from the analysed (offset, piece) parts of a long text (as cut by
    ``split_long_text``): the texts are joined and offsets moved back into the whole."""
    first = parts[0][1]
    text = "".join(part.text for _, part in parts)
    merged = replace(first, text=text, entities=[], claims=[], compounds=[], sentences=[], agencies=[])
    for offset, part in parts:
        merged.agencies.extend(a for a in part.agencies if a not in merged.agencies)
        merged.entities.extend(replace(m, start=m.start + offset, end=m.end + offset) for m in part.entities)
        merged.compounds.extend(replace(c, start=c.start + offset, end=c.end + offset) for c in part.compounds)
        merged.sentences.extend((s + offset, e + offset) for s, e in part.sentences)
        merged.claims.extend(claim.shifted(offset) for claim in part.claims)
    return merged
