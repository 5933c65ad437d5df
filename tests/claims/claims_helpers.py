"""Shared helpers for the claims tests: a small German pipeline (sentences, lookup lemmas), entities
set by hand, and table rows that state what one sentence must give."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

import pytest
import spacy

from newsents.claims import ClaimsComponent
from newsents.claims.context import Settings
from newsents.claims.extract import context_for


def pipeline():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    lem = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lem.initialize()
    return nlp


@pytest.fixture(scope="session")
def base():
    return pipeline()


@pytest.fixture(scope="session")
def comp(base):
    return ClaimsComponent(base)


@pytest.fixture(scope="session")
def comp_drop(base):
    return ClaimsComponent(base, anonymous_speakers="drop")


def make_doc(base, text: str, ents=()):
    """Tokenise, segment and lemmatise ``text``; entities from (surface, label) pairs in text order."""
    doc = base(text)
    spans, pos = [], 0
    for surface, label in ents:
        start = text.index(surface, pos)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
        pos = start + len(surface)
    doc.ents = spans
    return doc


def run(base, comp, text: str, ents=()):
    return comp(make_doc(base, text, ents))


def context(base, comp, text: str, ents=()):
    """The detectors' context of a document (nothing detected yet): for testing one detector alone."""
    comp.ensure_data()
    return context_for(make_doc(base, text, ents), comp.lexicon, comp.memo, Settings())


def check_offsets(doc) -> None:
    text = doc.text
    for c in doc._.claims:
        refs = [c.content, c.speaker, c.cue, c.via, c.affiliation]
        if c.speaker is not None and c.speaker.antecedent is not None:
            refs.append(c.speaker.antecedent)
        for ref in refs:
            if ref is not None and ref.start >= 0:
                assert 0 <= ref.start < ref.end <= len(text)
                assert text[ref.start:ref.end] == ref.text


NO = object()  # "this field must be None"


@dataclass
class Row:
    """One sentence (or short text) and what one of its claims must be.

    ``content`` picks the claim (the one whose content text equals it, else contains it); without it
    the text must give exactly one claim (``n`` claims when set). Fields left at None are not
    checked; ``NO`` means the field must be empty."""

    text: str
    ents: tuple = ()
    content: Optional[str] = None
    mode: Optional[str] = None
    cue: Any = None
    speaker: Any = None
    name: Any = None  # the speaker's resolved entity name
    resolution: Any = None
    via: Any = None
    affiliation: Any = None
    anonymous: Optional[bool] = None
    hearsay: Optional[bool] = None
    n: Optional[int] = None
    config: dict = field(default_factory=dict)
    id: str = ""


def row_id(row: Row) -> str:
    return row.id or row.text[:40]


def _text(ref):
    return None if ref is None else ref.text


def _field_ok(want, got) -> bool:
    return got is None if want is NO else got == want


def check_row(base, comp, comp_drop, row: Row) -> None:
    component = comp_drop if row.config.get("anonymous_speakers") == "drop" else comp
    doc = run(base, component, row.text, row.ents)
    check_offsets(doc)
    claims = doc._.claims
    if row.n is not None:
        assert len(claims) == row.n, [c.content.text for c in claims]
    if row.content is None:
        if row.n is None:
            assert len(claims) == 1, [c.content.text for c in claims]
        if not claims:
            return
        c = claims[0]
    else:
        exact = [c for c in claims if c.content.text == row.content]
        loose = [c for c in claims if row.content in c.content.text]
        assert exact or loose, f"no claim {row.content!r} in {[c.content.text for c in claims]}"
        c = (exact or loose)[0]
    sp = c.speaker
    got = {"mode": c.mode, "cue": _text(c.cue), "speaker": _text(sp), "name": sp.name if sp else None,
           "resolution": sp.resolution if sp else None, "via": _text(c.via), "affiliation": _text(c.affiliation),
           "anonymous": sp.anonymous if sp else None, "hearsay": c.hearsay}
    for key, value in got.items():
        want = getattr(row, key)
        if want is None:
            continue
        assert _field_ok(want, value), f"{key}: want {want!r}, got {value!r} (claim {c})"


def rows_param(rows):
    return pytest.mark.parametrize("row", rows, ids=[row_id(r) for r in rows])
