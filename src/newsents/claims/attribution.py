"""Giving a claim its speaker: the subject a detector found becomes the speaker, unless the clause
says it only relays the statement ("zitierte ihn die Agentur Belta", "unter Berufung auf X", "wurde
von X zitiert"), names a medium it was said to ("sagte X der Zeitung Y"), or is impersonal
("heißt es"). The phrase is then resolved to its entity (:mod:`newsents.claims.speakers`)."""

from __future__ import annotations

from typing import Optional

from .claimset import Draft
from .context import Context

Span2 = tuple[int, int]


def set_speaker(ctx: Context, f: Draft, sp: Optional[Span2], k: int) -> None:
    """Give draft ``f`` the speaker ``sp`` of cue k (resolved), or the relayed source behind it."""
    t, phr = ctx.t, ctx.phr
    if sp is None:
        cs = t.clause_start(k)
        last = ctx.claims.last
        if t.lower[cs] in t.words.conj_and and last is not None and last.sent == t.sent_of[k]:
            inherit(ctx, f)  # "..., und fügt hinzu: „…“": the elided subject of the previous claim
        return
    lemma = t.verb_lemma(k)
    cs, ce = t.clause_start(k), t.clause_end(k)
    relay_verb = bool(lemma and lemma in ctx.lex.relay)
    passive_aux = any(t.lower[x] in t.words.passive_aux for x in range(cs, ce))
    if relay_verb and not passive_aux:
        # relay: "zitierte ihn die Agentur Belta"
        obj = phr.first_np_after(cs, ce, exclude=sp, subject=False)
        if obj is not None:
            f.via, sp = sp, obj
    elif relay_verb:
        # "wurde Schoigu von der Agentur Belta zitiert": the agent relays, the subject speaks
        sp, f.via = passive_relay(ctx, sp, cs, ce, k)
    ber = berufung(ctx, cs, t.sents[t.sent_of[k]][1])
    if ber is not None:  # "X berichtete unter Berufung auf Y"
        f.via, sp = sp, ber
    elif f.via is None:
        f.via = media_after(ctx, sp, ce)
    if t.passive(k, cs, ce) and not relay_verb:
        sp = passive_agent(ctx, cs, ce, k)
        if sp is None:
            return
    plural = t.lower[k].endswith(tuple(t.words.plural_verb_ending))
    apply_referent(ctx, f, sp, plural, document=generic_at(ctx, k))


def apply_referent(ctx: Context, f: Draft, sp: Span2, plural_verb: bool = False, document: bool = False) -> None:
    """Resolve the speaker phrase ``sp`` and give it to ``f`` (unless it is dropped as anonymous).
    ``document``: the phrase names a document ("In dem Schreiben heißt es"), which refers to no
    earlier entity."""
    ref = ctx.res.resolve(sp, plural_verb=plural_verb)
    if ref.mention is not None and document and not sp[0] <= ref.mention.start < sp[1]:
        ref.mention, ref.how = None, None
    if ref.droppable and ctx.settings.drop_anonymous:
        f.anonymous = True  # a speaker was there, but is anonymous: the claim stands without one
        return
    if ctx.t.lower[sp[0]] in ctx.lex.generic_subjects:
        return
    f.set_referent(sp, ref.mention, ref.how, ref.anonymous, ref.affiliation)


def passive_relay(ctx: Context, sp: Span2, cs: int, ce: int, k: int) -> tuple[Span2, Optional[Span2]]:
    """(speaker, relay) of a passive relay verb: the agent phrase (von X) is the relay, also when the
    speaker phrase took it in as an affiliation ("Schoigu von der Agentur Belta")."""
    t = ctx.t
    for x in range(sp[0] + 1, sp[1]):
        if t.lower[x] in t.words.agent_prep and ctx.phr.is_np_start(x + 1, subject=False):
            return (sp[0], x), ctx.phr.np_forward(x + 1, sp[1])
    return sp, passive_agent(ctx, cs, ce, k)


def passive_agent(ctx: Context, cs: int, ce: int, k: int) -> Optional[Span2]:
    """The agent of a passive cue: "Von der Polizei wurden Festnahmen gemeldet"."""
    t = ctx.t
    for x in range(cs, ce - 1):
        if t.lower[x] in t.words.agent_prep and x != k and ctx.phr.is_np_start(x + 1, subject=False):
            return ctx.phr.np_forward(x + 1, ce)
    return None


def berufung(ctx: Context, s: int, e: int) -> Optional[Span2]:
    """The source of "unter Berufung auf X" in [s, e)."""
    t = ctx.t
    for ph in ctx.lex.berufung:
        for i in range(s, e - len(ph)):
            if tuple(t.lower[i:i + len(ph)]) == ph:
                j = i + len(ph)
                if j < e and not t.punct[j]:
                    return ctx.phr.np_forward(j, t.clause_end(j))
    return None


def media_after(ctx: Context, sp: Span2, ce: int) -> Optional[Span2]:
    """"sagte X der Zeitung Y" / "gegenüber dem Sender Y": the medium relaying the statement."""
    t, w = ctx.t, ctx.t.words
    media, tails = ctx.lex.roles.media, tuple(w.media_tail)
    j = sp[1]
    while j < ce and j < sp[1] + 4:
        low = t.lower[j]
        if (low in w.media_det or low in w.media_prep) and j + 1 < ce:
            k = j + 1
            if low in w.media_prep and k < ce and t.lower[k] in w.dative_det:
                k += 1
            if k < ce and (t.lower[k] in media or t.lower[k].endswith(tails)):
                return ctx.phr.np_forward(j if low not in w.media_prep else j + 1, ce)
        j += 1
    return None


def inherit(ctx: Context, f: Draft) -> None:
    """Take the speaker of the previous claim when it is close enough (continuation)."""
    prev = ctx.claims.last
    if prev is None or prev.last_sent < f.sent - ctx.settings.continuation_window or prev.speaker is None:
        return
    f.speaker_from(prev)
    f.inherited = True


# ---------------------------------------------------------------------------- impersonal sayings


def generic_at(ctx: Context, k: int) -> bool:
    """Whether an impersonal saying ("heißt es") starts at token k."""
    if ctx.t.lower[k] not in ctx.lex.generic_firsts:
        return False
    return ctx.t.phrase_at(ctx.lex.generic_phrases, k) is not None


def generic_clause(ctx: Context, k: int) -> bool:
    """Whether the clause of k has a generic subject (man, niemand) or an impersonal saying."""
    t = ctx.t
    cs, ce = t.clause_start(k), t.clause_end(k)
    return any(t.lower[i] in ctx.lex.generic_subjects or generic_at(ctx, i) for i in range(cs, ce))


def generic_source(ctx: Context, k: int) -> Optional[tuple[Span2, Span2]]:
    """(cue, speaker) for an impersonal saying at k whose clause names the document it is read in
    ("In einer Erklärung des Ministeriums heißt es"): the document is the source. None otherwise
    (a bare "heißt es", or a place or time after "in": "In Berlin hieß es")."""
    t, w = ctx.t, ctx.t.words
    ph = t.phrase_at(ctx.lex.generic_phrases, k)
    if ph is None:
        return None
    cs, ce = t.clause_start(k), t.clause_end(k)
    for x in range(cs, ce - 1):
        from_ = t.lower[x] in w.source_from  # "Aus Regierungskreisen hieß es", "hieß es aus Moskau"
        if k <= x < k + len(ph) or not (t.lower[x] in w.in_prep or from_):
            continue
        y = x + 1
        if not (t.cap[y] or ctx.phr.is_determiner(t.lower[y])):
            continue
        np_ = ctx.phr.np_forward(y, ce)
        nouns = [z for z in range(np_[0], np_[1]) if t.cap[z]]
        if not nouns or t.lower[nouns[0]] in w.time:
            continue
        if not from_ and (t.ent_of[nouns[0]] >= 0 or any(
                t.ent_label[t.ent_of[z]] == "LOC" for z in nouns if t.ent_of[z] >= 0 and z == nouns[-1])):
            continue  # "In Berlin hieß es": a place, not a document
        return (k, k + len(ph)), np_
    return None
