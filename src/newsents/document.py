"""Turn a processed spaCy ``Doc`` into an ``Article`` record (entities, claims, compounds, sentences)."""

from __future__ import annotations

from typing import List, Optional, Sequence

from spacy.tokens import Doc

from .records import Article, Mention, RawArticle, Removal

LABELS = ("PER", "LOC", "ORG", "MISC")


def doc_to_article(doc: Doc, raw: RawArticle, removed: Optional[Sequence[Removal]] = None,
                   title: Optional[str] = None) -> Article:
    """Collect what the pipeline found in ``doc`` (whose text is the cleaned article text)."""
    entities: List[Mention] = []
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
    return Article(
        id=raw.id,
        text=doc.text,
        title=title if title is not None else raw.title,
        date=raw.date,
        source=raw.source,
        url=raw.url,
        entities=entities,
        claims=claims,
        compounds=compounds,
        removed=list(removed or []),
        sentences=sentences,
    )


def _label(label: str) -> Optional[str]:
    """Map other models' label sets onto PER/LOC/ORG/MISC (de_core_news_lg uses the same four)."""
    if label in LABELS:
        return label
    return {"PERSON": "PER", "GPE": "LOC", "NORP": None, "FAC": "LOC", "OTH": "MISC"}.get(label)
