"""Direct speech: a quote with its cue before („Er sagte: „…“") or after it („…“, sagte X; „…“, so X),
split quotes („…“, so X, „…“), quotes without a cue that continue the previous speaker, and quotes
inside indirect or reported speech ("Der Plan sei „eine Aufgabe für Jahre“") that become direct
claims of that claim's speaker."""

from __future__ import annotations

import bisect
from typing import Optional

from .attribution import generic_at, generic_source, inherit, set_speaker
from .claimset import Draft
from .context import Context
from .tokens import SENT_END

Span2 = tuple[int, int]
#: a cue frame is looked for at most this many tokens before or after a quote
FRAME = 40
#: claims of the sentence at hand are among this many most recent ones
RECENT = 30


def segment_after(ctx: Context, qe: int) -> Span2:
    """The tokens after a quote up to the sentence end, the next quote or a paragraph break."""
    t = ctx.t
    j, lim = qe, min(t.n, qe + FRAME)
    while j < lim and t.quote_of[j] < 0 and t.text[j] not in SENT_END:
        if j > qe and t.para_break_after[j - 1]:
            break
        j += 1
    return qe, j


def segment_before(ctx: Context, qs: int) -> Span2:
    """The tokens before a quote back to the sentence start, a quote or a paragraph break (a colon
    right before the quote may end the line above)."""
    t = ctx.t
    j, lim = qs, max(0, qs - FRAME)
    while j > lim and t.quote_of[j - 1] < 0 and t.text[j - 1] not in SENT_END \
            and not (t.para_break_after[j - 1] and not (j == qs and t.text[j - 1] == ":")):
        j -= 1
    return j, qs


def _frame_after(ctx: Context, qi: int) -> tuple[Optional[Span2], Optional[Span2], bool, list[int]]:
    """(cue, speaker, generic, quote parts) of the frame after quote qi: „…“, sagte X (, „…“)."""
    t, phr = ctx.t, ctx.phr
    qe = t.quotes[qi][1]
    parts = [qi]
    a0, a1 = segment_after(ctx, qe)
    if a0 < a1 and _verb_final(ctx, a0) and not t.short_quote[qi]:
        # "Er hat den Plan als „Unsinn“ bezeichnet.": the cue closes the clause around the quote
        return (a0, a0 + 1), phr.subject(a0, t.clause_start(t.quotes[qi][0]), a0 + 1), False, parts
    if not (a0 < a1 and t.text[a0] == ","):
        return None, None, False, parts
    ce = t.clause_end(a0 + 1) if a0 + 1 < t.n else a1
    ce = min(max(ce, a0 + 1), a1)
    cue = speaker = None
    for k in range(a0 + 1, ce):
        if t.lower[k] in ctx.lex.particles and k == a0 + 1:
            cue, speaker = (k, k + 1), phr.first_np_after(k + 1, ce)
            break
        if t.verb_lemma(k) and not t.negated(k):
            cue, speaker = (k, k + 1), phr.subject(k, a0 + 1, ce, left=False)
            break
        if t.lower[k] in ctx.lex.generic_subjects or generic_at(ctx, k):
            gs = generic_source(ctx, k)
            if gs is not None:  # „…“, heißt es in der Erklärung
                cue, speaker = gs
                break
            return None, None, True, parts  # „…“, heißt es: a quote without a speaker
    if cue is not None and a1 < t.n and t.quote_of[a1] == qi + 1 and a1 - 1 >= 0 and t.text[a1 - 1] in (",", ":"):
        parts.append(qi + 1)
    return cue, speaker, False, parts


def _verb_final(ctx: Context, k: int) -> bool:
    """A cue verb right after a quote that ends its clause: "… als „Unsinn“ bezeichnet."."""
    t = ctx.t
    end = k + 1 >= t.n or t.text[k + 1] in SENT_END or t.text[k + 1] == ","
    return end and not t.cap[k] and t.verb_lemma(k) is not None and not t.negated(k)


def _frame_before(ctx: Context, qs: int) -> tuple[Optional[Span2], Optional[Span2]]:
    """(cue, speaker) of the frame before a quote: "Er sagte: „…“", "Er nannte den Plan „Unsinn“"."""
    t, phr = ctx.t, ctx.phr
    b0, b1 = segment_before(ctx, qs)
    # the cue must be in the quote's own clause or the one right before it, not further left in an
    # indirect clause
    j = _clause_back(ctx, b0, b1)
    if j > b0 and t.text[b1 - 1] == ":" and _apposition_only(ctx, j, b1 - 1):
        j = _clause_back(ctx, b0, j)  # "So sagte Olli Rehn, EU-Erweiterungskommissar: „…“"
    b0 = max(b0, j)
    if b0 >= b1:
        return None, None
    for k in range(b1 - 1, b0 - 1, -1):
        if t.verb_lemma(k) and not t.negated(k):
            return (k, k + 1), phr.subject(k, t.clause_start(k), t.clause_end(k))
        gs = generic_source(ctx, k) if generic_at(ctx, k) else None
        if gs is not None:  # "So heißt es in dem Schreiben: „…“"
            return gs
    found = quote_phrase(ctx, b0, b1)
    return found if found[0] is not None else colon_frame(ctx, b0, b1)


def colon_frame(ctx: Context, b0: int, b1: int) -> tuple[Optional[Span2], Optional[Span2]]:
    """(cue, speaker) for a quote after a colon whose clause has no verb of saying ("Das Angebot lehnt
    er ab: „…“", "Den Unmut brachte die Sprecherin zum Ausdruck: „…“"): the clause's finite verb
    (:meth:`PhraseFinder.first_finite`) and its subject, when that can make statements."""
    t, phr = ctx.t, ctx.phr
    if b1 - 1 <= b0 or t.text[b1 - 1] != ":":
        return None, None
    k = phr.first_finite(b0, b1 - 1)
    if k is None or t.negated(k):
        return None, None
    sp = phr.subject(k, t.clause_start(k), t.clause_end(k))
    if sp is None or not phr.speaker_like(sp):
        return None, None
    return (k, k + 1), sp


def _clause_back(ctx: Context, b0: int, b1: int) -> int:
    """Start of the clause that ends at b1 (a comma or colon right before b1 belongs to it)."""
    t = ctx.t
    j = b1
    if j > b0 and t.text[j - 1] in (",", ":"):
        j -= 1
    while j > b0 and not t.boundary[j - 1]:
        j -= 1
    return j


def _apposition_only(ctx: Context, j: int, b1: int) -> bool:
    """Whether [j, b1) after a comma is an apposition (capitalised words, articles, no verb) rather than a clause."""
    t = ctx.t
    return j > 0 and t.text[j - 1] == "," and all(
        t.cap[x] or t.punct[x] or t.closed_class(t.lower[x]) or t.adj_like(t.lower[x]) for x in range(j, b1)) \
        and not any(t.verb_lemma(x) for x in range(j, b1))


def quote_phrase(ctx: Context, b0: int, b1: int) -> tuple[Optional[Span2], Optional[Span2]]:
    """(cue, speaker) for "X versuchte mit den Worten zu beruhigen: „…“": a phrase of the cue lexicon
    (kind ``quotephrase``) introduces the quote; the speaker is the subject of its clause."""
    t, phr = ctx.t, ctx.phr
    for ph in ctx.lex.quote_phrases:
        for i in range(b0, b1 - len(ph) + 1):
            if tuple(t.lower[i:i + len(ph)]) != ph:
                continue
            cs, ce = t.clause_start(i), t.clause_end(i)
            # the finite verb: the first lowercase open-class word of the clause
            k = next((x for x in range(cs, i) if not t.cap[x] and not t.punct[x]
                      and not t.closed_class(t.lower[x])), i)
            sp = phr.subject(k, cs, ce) if k < i else phr.fronted_subject(i, cs)
            if sp is not None and sp[0] <= i < sp[1]:
                sp = None
            return (i, i + len(ph)), sp
    return None, None


def embedded(ctx: Context, qs: int) -> bool:
    """Whether the quote starting at token qs continues a clause of its sentence (a word right before
    it: "der Fahrer „konnte …“"), rather than standing after a colon, a comma or at the sentence start."""
    t = ctx.t
    p = qs - 1
    return p >= t.sents[t.sent_of[qs]][0] and not t.punct[p] and not t.para_break_after[p]


def np_cue(ctx: Context, k: int, qs: int) -> bool:
    """Whether cue k is a verb whose noun object carries the statement (flag ``n``) and the quote at
    ``qs`` sits inside that object ("warnten vor einem „drohenden Abfluss“ ins Ausland"): the
    sentence is then a reported claim and the quote a direct claim nested in it."""
    t = ctx.t
    flags = t.verb_flags(t.verb_lemma(k))
    if "n" not in flags or "q" in flags:
        return False  # (q: "nannte den Plan „Unsinn“" names the quote itself)
    return not any(t.text[x] in (":", ",") or t.quote_mark(x) for x in range(k + 1, qs))


def detect(ctx: Context, qi: int, defer: bool = True) -> int:
    """Claim for quote qi (joining split quotes); returns the index of the next unhandled quote.

    An embedded quote without its own cue, or followed by the cue of the whole clause
    ("Die Lage sei „ernst“, so X"), waits for the claim of its sentence (:func:`settle_pending`)."""
    t = ctx.t
    qs, qe, _q = t.quotes[qi]
    cue, speaker, generic, parts = _frame_after(ctx, qi)
    if cue is None:
        cue, speaker = _frame_before(ctx, qs)
    if ctx.phr.name_quote(qi):
        return qi + 1
    if defer and embedded(ctx, qs) and t.sent_of[qs] == t.sent_of[qe - 1] and (
            cue is None or cue[0] >= qe or np_cue(ctx, cue[0], qs)):
        ctx.pending.append((qi, qe))
        return qi + 1
    qe_last = t.quotes[parts[-1]][1]
    if not _speech_like(ctx, qs, qe, qe_last, cue):
        return qi + 1
    f = Draft((qs, qe_last), "direct", t.sent_of[qs], t.sent_of[qe_last - 1], cue=cue, detector="direct")
    if cue is not None:
        ctx.used_cue.add(cue[0])
        set_speaker(ctx, f, speaker, cue[0])
    elif not generic and _continues_a_source(ctx):
        inherit(ctx, f)
    ctx.claimed_sents.update(range(f.sent + 1, f.last_sent + 1))
    ctx.claims.add(f)
    return parts[-1] + 1


def _continues_a_source(ctx: Context) -> bool:
    """Whether a quote without a cue may take the previous claim's speaker: only one that names a
    source (an entity, a pronoun or role resolved to one, an anonymous source), not a phrase that
    merely opens the clause ("Folgendes", "Die Speicherung von Fingerabdrücken")."""
    prev = ctx.claims.last
    return prev is not None and (prev.speaker_ent is not None or prev.anonymous)


def _speech_like(ctx: Context, qs: int, qe: int, qe_last: int, cue: Optional[Span2]) -> bool:
    """Whether a quote is speech: with a cue, any words; without one, a full sentence of enough words
    (short cue-less quotes and titles without sentence-final punctuation are names, not speech)."""
    t = ctx.t
    words = t.count_words(qs, qe_last)
    if cue is not None:
        return words >= 1
    full_sentence = not any(not t.punct[i] for i in range(*segment_before(ctx, qs))) and \
        not any(not t.punct[i] for i in range(*segment_after(ctx, qe)))
    if words < max(ctx.settings.min_quote_words, 5) and not full_sentence:
        return False
    return words >= ctx.settings.min_quote_words and t.ends_sentence(qe_last)


def nested_quotes(ctx: Context, f: Draft) -> None:
    """Quoted words inside an indirect or reported claim ("er habe „bewusst“ gehandelt") are direct
    claims of the same speaker (merge rules 4 and 5 of :mod:`newsents.claims.claimset`)."""
    t = ctx.t
    j = bisect.bisect_left(t.quote_starts, f.content[0])
    for qs, qe, _ in t.quotes[j:]:
        if qs >= f.content[1]:
            break
        words = [i for i in range(qs, qe) if not t.punct[i]]
        if ctx.phr.name_quote(t.quote_of[qs]) or (f.speaker and f.speaker[0] <= qs < f.speaker[1]):
            continue
        if not (f.content[0] <= qs and qe <= f.content[1] and words and not all(t.cap[i] for i in words)):
            continue
        same = [c for c in ctx.claims.recent(RECENT) if c.mode == "direct" and c.content == (qs, qe)]
        for c in same:
            ctx.claims.adopt(c, f)  # a quote first read as a speaker-less continuation
        if not same:
            d = Draft((qs, qe), "direct", f.sent, f.last_sent, speaker=f.speaker, cue=f.cue, via=f.via,
                      speaker_ent=f.speaker_ent, anonymous=f.anonymous, resolution=f.resolution,
                      affiliation=f.affiliation, detector="nested")
            ctx.claims.nest(d)


def settle_pending(ctx: Context, before: int) -> None:
    """Quotes embedded in a clause („…“ inside indirect or reported speech) become direct claims of
    the sentence's claim that contains them; a quote no claim contains is a claim of its own."""
    pending, ctx.pending = ctx.pending, []
    for f in [c for c in ctx.claims.since(before) if c.mode != "direct"]:
        nested_quotes(ctx, f)
    done = {c.content for c in ctx.claims.recent(RECENT) if c.mode == "direct"}
    for qi, q_end in pending:
        qs = ctx.t.quotes[qi][0]
        if (qs, q_end) in done or any(c.content[0] <= qs and q_end <= c.content[1] for c in ctx.claims.since(before)):
            continue
        detect(ctx, qi, defer=False)
