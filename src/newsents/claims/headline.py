"""Headline claims: a title line that opens with a speaker and a colon ("Scholz: Keine
Taurus-Lieferung", "Obama: „Sieg für Sicherheit in der Welt“", "Kanzler Scholz: …").

The title is the document's first line when a line break ends it. The speaker is one person or
organisation entity (with a role noun before it); a topic before the colon ("Terrorgefahr:
Swift-Konzerte abgesagt") makes no claim. A quoted statement is direct, any other reported.
"""

from __future__ import annotations

from typing import Optional

from .attribution import apply_referent
from .claimset import Draft
from .context import Context

Span2 = tuple[int, int]
#: a headline speaker is at most this many tokens long ("Bundeskanzler Olaf Scholz")
MAX_SPEAKER = 5


def title_line(ctx: Context) -> Optional[Span2]:
    """Token span of the first line, when a line break ends it within the first sentence or two."""
    t = ctx.t
    for i in range(min(t.n, 60)):
        if t.para_break_after[i]:
            return t.trim(0, i + 1, drop_final=False) if i > 0 else None
    return None


def detect(ctx: Context) -> None:
    """The claim of the title line, if it has the shape "Speaker: statement"."""
    t = ctx.t
    line = title_line(ctx)
    if line is None:
        return
    s, e = line
    colon = next((x for x in range(s, min(e, s + MAX_SPEAKER + 1)) if t.text[x] == ":"), None)
    if colon is None or colon == s or t.count_words(colon + 1, e) < 2:
        return
    sp = _speaker(ctx, s, colon)
    if sp is None:
        return
    c0, c1 = t.trim(colon + 1, e)
    qi = t.quote_of[c0]
    direct = qi >= 0 and t.quotes[qi][1] >= c1
    if direct:
        c0, c1 = t.quotes[qi][0], t.quotes[qi][1]
    f = Draft((c0, c1), "direct" if direct else "reported", t.sent_of[c0], t.sent_of[c1 - 1], detector="headline")
    apply_referent(ctx, f, sp)
    ctx.claimed_sents.update(si for si in range(t.sent_of[s], f.last_sent + 1) if t.sents[si][1] <= e + 1)
    ctx.claims.add(f)


def _speaker(ctx: Context, s: int, colon: int) -> Optional[Span2]:
    """The speaker before the colon: one PER or ORG entity that ends at it, after role nouns only."""
    t = ctx.t
    ent = t.ent_at(colon - 1)
    if ent is None or ent.end != colon or ent.label_ not in ("PER", "ORG"):
        return None
    for x in range(s, ent.start):
        if t.ent_of[x] >= 0 or not t.cap[x] or not ctx.lex.roles.role_gender(t.lower[x])[0]:
            return None
    return s, colon
