"""Continued reported speech: a Konjunktiv sentence without a cue ("Es gehe nur um Verteidigung.")
continues the previous claim's speaker, or takes the speaker-like subject of the sentence before it
when that sentence is no claim ("Edler sieht darin Parallelen. Die Ursache sei nie gefunden
worden."). A run of such sentences is one claim (merge rule 3)."""

from __future__ import annotations

from typing import Optional

from .claimset import Draft
from .context import Context
from .direct import nested_quotes
from .tokens import between

Span2 = tuple[int, int]


def detect(ctx: Context, si: int) -> None:
    """The continuation claim of sentence si, if it is a cue-less Konjunktiv sentence."""
    t = ctx.t
    prev = _previous(ctx, si)
    alt = prev_subject(ctx, si)
    if prev is None and alt is None:
        return
    s, e = t.sent_content(si)
    konj = _konjunktiv(ctx, s, e, prev)
    if konj is None:
        return
    if any(t.quote_of[i] >= 0 for i in range(s, e)) and t.count_words(s, e) < 4:
        return
    c0, c1 = t.trim(*t.clip_paragraph(s, e, konj), drop_final=False)
    if t.count_words(c0, c1) < 3:
        return
    f = Draft((c0, c1), "indirect", si, si, detector="continuation")
    own = own_subject(ctx, s, konj)
    if own is not None:
        alt = own  # "Der Bürgermeister, Bob Parker, teilte mit, es seien …": the sentence names its speaker
    if alt is not None:
        assert alt.speaker is not None
        f.set_referent(alt.speaker, alt.speaker_ent, alt.resolution, alt.anonymous, alt.affiliation)
        f.inherited = True
    elif prev is not None and (prev.last_sent >= si - 1 or not t.para_break_in(prev.content[1] - 1, s)):
        # the speaker carries over to the next sentence and within its paragraph, not to a later paragraph
        f.speaker_from(prev)
        f.inherited = prev.speaker is not None
    if prev is not None and prev.speaker == f.speaker and prev.content[1] <= c0 \
            and not t.para_break_in(prev.content[1] - 1, c0) and ctx.claims.extend(prev, c1, si):
        nested_quotes(ctx, prev)  # a run of cue-less Konjunktiv sentences is one continued statement
        return
    ctx.claims.add(f)


def _previous(ctx: Context, si: int) -> Optional[Draft]:
    """The claim this sentence may continue: the last one, if recent and not a cue-less report."""
    prev = ctx.claims.last
    if prev is not None and (prev.last_sent < si - ctx.settings.continuation_window
                             or prev.mode == "reported" and prev.cue is None):
        return None
    return prev


def _konjunktiv(ctx: Context, s: int, e: int, prev: Optional[Draft]) -> Optional[int]:
    """The first Konjunktiv verb of a main clause in [s, e) (Konjunktiv II only as a substitute form
    listed in the data and after indirect speech)."""
    t = ctx.t
    for i in between(t.konj_at, s, e):
        k = t.is_konj(i)
        if k and t.lower[t.clause_start(i)] in ctx.lex.subordinating:
            continue
        if k == "k1" or (k == "k2" and prev is not None and ctx.lex.konj.get(t.lower[i]) == "k2"
                         and prev.mode != "direct"):
            return i
    return None


def own_subject(ctx: Context, s: int, konj: int) -> Optional[Draft]:
    """The named subject opening the sentence when the Konjunktiv is in a later clause: the sentence
    frames the statement itself ("Der Wahlsieger erklarte indessen, es sei …")."""
    t, phr = ctx.t, ctx.phr
    if not phr.is_np_start(s) or t.lower[s] in t.words.demonstr or konj < t.clause_end(s):
        return None
    sp = phr.np_forward(s, t.clause_end(s))
    if sp[1] >= konj or not any(t.ent_of[x] >= 0 and t.ent_label[t.ent_of[x]] in ("PER", "ORG") for x in range(*sp)):
        return None
    ref = ctx.res.resolve(sp)
    found = Draft(sp, "indirect", t.sent_of[s], t.sent_of[s])
    found.set_referent(sp, ref.mention, ref.how, ref.anonymous, ref.affiliation)
    return found


def prev_subject(ctx: Context, si: int) -> Optional[Draft]:
    """The speaker-like subject opening the previous sentence (as a draft holding only the speaker),
    when that sentence is in the same paragraph and no claim; else None."""
    t, w = ctx.t, ctx.t.words
    if si == 0 or ctx.claims.covering(si - 1):
        return None
    ps, pe = t.sent_content(si - 1)
    if pe <= ps or t.para_break_after[pe - 1] or t.para_break_in(ps, pe - 1):
        return None
    if not ctx.phr.is_np_start(ps) or t.lower[ps] in w.demonstr or t.is_konj(ps):
        return None
    sp = ctx.phr.np_forward(ps, t.clause_end(ps))
    if not ctx.phr.speaker_like(sp) or t.any_konj(ps, pe):
        return None
    ref = ctx.res.resolve(sp)
    if ref.droppable and ctx.settings.drop_anonymous:
        return None
    found = Draft(sp, "indirect", si - 1, si - 1)
    found.set_referent(sp, ref.mention, ref.how, ref.anonymous, ref.affiliation)
    return found
