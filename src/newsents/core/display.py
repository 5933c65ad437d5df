"""Readable HTML for Jupyter: entities highlighted with displaCy, claims and entities as tables."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy import displacy

if TYPE_CHECKING:  # pragma: no cover
    from .records import Article, Claim

COLORS = {"PER": "#f4b6c2", "LOC": "#b6e3f4", "ORG": "#c9f4b6", "MISC": "#f4e3b6"}


def entities_html(article: Article) -> str:
    """The article text with its entity mentions highlighted (displaCy's manual mode)."""
    data = {
        "text": article.text,
        "ents": [{"start": m.start, "end": m.end, "label": m.label} for m in article.entities],
        "title": None,
    }
    return displacy.render(data, style="ent", manual=True, jupyter=False, options={"colors": COLORS})


def claims_table(claims: Iterable[Claim]) -> str:
    rows = []
    for c in claims:
        speaker = c.speaker.text if c.speaker else "–"
        via = c.via.text if c.via else ""
        cue = c.cue.text if c.cue else ""
        rows.append(
            f"<tr><td>{html.escape(speaker)}</td><td>{html.escape(c.mode)}</td><td>{html.escape(cue)}</td>"
            f"<td>{html.escape(c.content.text[:300])}</td><td>{html.escape(via)}</td></tr>"
        )
    if not rows:
        return "<p><i>no claims</i></p>"
    head = "<tr><th>speaker</th><th>mode</th><th>cue</th><th>content</th><th>via</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def entity_html(entity) -> str:
    """A linked entity: name, label, id, counts and its surface variants."""
    variants = ", ".join(f"{html.escape(v)} ({n})" for v, n in sorted(entity.variants.items(), key=lambda x: -x[1]))
    qid = f" · Wikidata {html.escape(entity.qid)}" if getattr(entity, "qid", None) else ""
    color = COLORS.get(entity.label, "#ddd")
    return (
        f"<div><b>{html.escape(entity.name)}</b> <span style='background:{color};padding:0 4px'>"
        f"{html.escape(entity.label)}</span> <code>{html.escape(entity.entity_id)}</code>{qid}<br>"
        f"<small>{entity.mentions} mentions in {entity.articles} articles; variants: {variants}</small></div>"
    )


def article_html(article: Article) -> str:
    meta = " · ".join(html.escape(x) for x in (article.source, article.date, article.id) if x)
    n = len(article.removed)
    removed = f"<p><small>cleaning removed {n} pieces of noise</small></p>" if n else ""
    return (
        f"<div><h4>{html.escape(article.title or article.id)}</h4><p><small>{meta}</small></p>"
        f"{entities_html(article)}{removed}<h5>Claims</h5>{claims_table(article.claims)}</div>"
    )
