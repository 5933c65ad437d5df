"""Reported statements: a source named by a preposition or postposition ("laut X", "X zufolge",
"nach Angaben des X", "seiner Meinung nach"), a wie-clause ("wie X mitteilte"), "Das teilte X mit"
after the statement, "Demnach" continuing the previous source, hearsay ("soll ... haben"), speech
acts whose noun object carries the statement ("Die Polizei sprach von 800 Autos") and stated
intentions of organisations ("Die SPD will die Steuer senken")."""

from __future__ import annotations

from typing import Optional, Union

from ..knowledge.morphology import genitive_stems
from .attribution import inherit, passive_agent, set_speaker
from .claimset import Draft
from .context import Context
from .tokens import between

Span2 = tuple[int, int]
#: a hearsay sentence continues the source of a claim at most this many sentences before it
HEARSAY_GAP = 2
#: a wie-clause ends at most this many tokens after "wie"
WIE_WINDOW = 25
#: what a cue handler answers: go on scanning (None), stop the sentence ("stop"), or (speaker, cue)
Found = Union[None, str, tuple[Optional[Span2], Span2]]


def detect(ctx: Context, si: int) -> None:
    """Reported claims of sentence si (or the attribution of the claim before it)."""
    t = ctx.t
    s, e = t.sent_content(si)
    state = {"has_claim": bool(ctx.claims.covering(si))}
    for i in between(t.reported_starts, s, e):  # other tokens open no reported-speech cue
        if t.quote_of[i] >= 0:
            continue
        found = _cue_at(ctx, si, i, s, e, state)
        if found == "stop":
            return
        if found is None or isinstance(found, str):
            continue
        sp, cue = found
        if state["has_claim"]:
            _relay_sentence_claims(ctx, si, sp, cue)
            return
        add_reported(ctx, si, _content(ctx, i, s, e, sp, cue), sp, cue)
        state["has_claim"] = True


def _cue_at(ctx: Context, si: int, i: int, s: int, e: int, state: dict) -> Found:
    t, w, lex = ctx.t, ctx.t.words, ctx.lex
    low = t.lower[i]
    if low in lex.preps and i + 1 < e and _prep_object(ctx, i, e):
        return ctx.phr.np_forward(i + 1, t.clause_end(i + 1)), (i, i + 1)
    if low in lex.postps:
        return ctx.phr.np_backward(i, t.clause_start(i)), (i, i + 1)
    if low in w.source_nach:
        return _nach(ctx, i, s, e)
    if low in lex.anaphors:
        _anaphor(ctx, si, i, s, e, state["has_claim"])
        return "stop"
    if low in w.clause_wie and i + 1 < e and (i == s or t.text[i - 1] == ","):
        if _wie_clause(ctx, si, i, s, e, state["has_claim"]):
            state["has_claim"] = True
        return None
    if low in w.demonstr and i == s and i + 1 < e and t.verb_lemma(i + 1) and si > 0:
        return _attribute_previous(ctx, si, i + 1)
    return None


def _prep_object(ctx: Context, i: int, e: int) -> bool:
    """Whether a source preposition at i has its source after it ("laut israelischen Medien")."""
    t = ctx.t
    q = t.quote_of[i + 1]
    return ctx.phr.is_np_start(i + 1, subject=False) or (q >= 0 and t.short_quote[q]) or (
        i + 2 < e and t.adj_like(t.lower[i + 1]) and t.cap[i + 2])


def _nach(ctx: Context, i: int, s: int, e: int) -> Found:
    """"seiner Meinung nach"; "nach Angaben des Ministeriums", "nach eigenen Angaben", "nach Celebis Angaben"."""
    t, w, res = ctx.t, ctx.t.words, ctx.res
    if i - 2 >= s and res.is_source(i - 1) and t.lower[i - 2] in w.possessive:
        return (i - 2, i), (i, i + 1)
    if i + 1 >= e:
        return None
    j = i + 1
    while j < min(e, i + 4) and t.lower[j] not in ctx.lex.sources and not t.cap[j] and (
            t.adj_like(t.lower[j]) or t.lower[j] in w.det_obl or t.lower[j] in w.det_indef
            or t.lower[j] in w.reflexive):
        j += 1
    if j + 1 < e and t.cap[j] and not res.is_source(j) and res.is_source(j + 1) and (
            genitive_stems(t.text[j]) or t.ent_of[j] >= 0):
        j += 1  # a genitive name before the source: "nach Celebis Angaben"
    if not (j < e and res.is_source(j)):
        return None
    # the speaker span starts at the source noun: "nach Angaben des Ministeriums"
    ce = t.clause_end(j + 1) if j + 1 < e else e
    sp = (i + 1, j + 1)
    if t.lower[j - 1] in w.reflexive and j - 1 > i:
        sp = (j - 1, j + 1)  # "nach eigenen Angaben"
    if j + 2 < ce and (t.lower[j + 1] in w.source_attr or t.lower[j + 1] in w.det_gen):
        g0 = j + 2 if t.lower[j + 1] in w.source_prep else j + 1
        sp = (i + 1, ctx.phr.np_forward(g0, ce)[1])
    elif j + 2 < ce and t.adj_like(t.lower[j + 1]) and t.cap[j + 2] \
            and t.lower[j + 1].endswith(tuple(w.genitive_adj_ending)):
        sp = (i + 1, j + 3)  # a genitive without article: "nach Angaben informierter Kreise"
    elif j + 1 < ce and t.ent_of[j + 1] >= 0 and t.ents[t.ent_of[j + 1]].start == j + 1 \
            and genitive_stems(t.ents[t.ent_of[j + 1]][-1].text):
        sp = (i + 1, t.ents[t.ent_of[j + 1]].end)  # a genitive name after it: "nach Angaben Ibrahims"
    return sp, (i, i + 1)


def _anaphor(ctx: Context, si: int, i: int, s: int, e: int, has_claim: bool) -> None:
    """"Demnach ...": the cue continues the source of the previous claim, which is the speaker (an
    adverb is never a speaker: without a previous source the claim has none)."""
    t = ctx.t
    last = ctx.claims.last
    prev = last if last is not None and last.last_sent >= si - 1 else None
    if has_claim:
        return
    c0, c1 = t.trim(*((i + 1, e) if i == s else (s, e)))
    if t.count_words(c0, c1) < 3:
        return
    f = Draft((c0, c1), "reported", si, si, cue=(i, i + 1), detector="anaphor")
    if prev is not None and prev.speaker is not None:
        f.speaker_from(prev)
        f.inherited = True
    f.hearsay = has_hearsay(ctx, c0, c1)
    ctx.claims.add(f)


def _wie_clause(ctx: Context, si: int, i: int, s: int, e: int, has_claim: bool) -> bool:
    """"Die Brücke ist gesperrt, wie die Stadt mitteilte." / "Wie X mitteilte, ...": True when a cue was found."""
    t = ctx.t
    ce = _wie_end(ctx, i, e)
    cue = sp = None
    for k in range(i + 1, ce):
        if t.verb_lemma(k):
            sp = ctx.phr.subject(k, i + 1, ce)
            ctx.used_cue.add(k)
            cue = (k, k + 1)
            break
    if cue is None:
        return False
    if sp is not None and t.lower[sp[0]] in ctx.lex.generic_subjects:
        return True  # "wie man sagt", "wie man es erwartet hatte": a comparison, no one's claim
    if has_claim:
        _relay_sentence_claims(ctx, si, sp, cue)  # "Wie die Agentur Tass berichtete, teilte der FSB mit, …"
    else:
        add_reported(ctx, si, (ce, e) if i == s else (s, i), sp, cue)
    return True


def wie_clause_verb(ctx: Context, k: int, s: int) -> bool:
    """Whether verb k closes a wie-clause ("..., wie Alan Stern, Direktor der NASA, betonte"), which
    :func:`_wie_clause` reads (the cue of a reported claim, not of indirect speech)."""
    t, w = ctx.t, ctx.t.words
    for i in range(k - 1, max(s, k - WIE_WINDOW) - 1, -1):
        if t.verb_lemma(i) or t.lower[i] in w.aux or t.quote_of[i] >= 0 or t.text[i] in (";", ":"):
            return False
        if t.lower[i] in w.clause_wie and (i == s or t.text[i - 1] == ","):
            return i + 1 < k
    return False


def _wie_end(ctx: Context, i: int, e: int) -> int:
    t = ctx.t
    lim = min(e, i + WIE_WINDOW)
    ce = i + 1
    while ce < lim and t.text[ce] not in (",", ";", ":") and t.quote_of[ce] < 0:
        ce += 1
    if ce < e and t.text[ce] == "," and not any(t.verb_lemma(x) for x in range(i + 1, ce)):
        # "Wie die Sprecherin, Anna Berg, mitteilte, ...": the clause runs on past an apposition
        x = ce + 1
        while x < lim and t.text[x] not in (";", ":") and t.quote_of[x] < 0 and not t.verb_lemma(x):
            x += 1
        if x < e and t.verb_lemma(x) and (x + 1 >= e or t.text[x + 1] == "," or t.boundary[x + 1]):
            ce = x + 1  # ("..., wie Alan Stern, Direktor der NASA, betonte.": up to the sentence end)
    return ce


def _attribute_previous(ctx: Context, si: int, k: int) -> Found:
    """"Die Armee hat 300 Soldaten entsandt. Das teilte das Ministerium mit.": the previous sentence
    is the claim (merge rule 1 when it is one already)."""
    t = ctx.t
    if t.negated(k):
        return None
    sp = ctx.phr.first_np_after(k + 1, t.clause_end(k))
    prevs = ctx.claims.covering(si - 1)
    ctx.used_cue.add(k)
    if prevs:
        # the previous sentence is already a claim: attribute it (or relay it) instead
        source = Draft(prevs[-1].content, "reported", si, si, via=prevs[-1].via)
        set_speaker(ctx, source, sp, k)
        ctx.claims.attribute(prevs[-1], source, (k, k + 1), sp)
        return "stop"
    ps, pe = t.sent_content(si - 1)
    f = Draft(t.trim(ps, pe), "reported", si - 1, si, cue=(k, k + 1), detector="demonstr")
    set_speaker(ctx, f, sp, k)
    ctx.claims.add(f)
    return "stop"


def _relay_sentence_claims(ctx: Context, si: int, sp: Optional[Span2], cue: Span2) -> None:
    """"Laut BBC sagte der Minister, ...": the source relays the claim of this sentence (merge rule 2).
    Of "nach Angaben seines Ministeriums" the owner relays; a bare "nach Angaben" names no relay."""
    t = ctx.t
    if sp is not None and ctx.res.is_source(sp[0]):
        owner = sp[0] + 1
        if owner < sp[1] and (t.lower[owner] in t.words.source_prep):
            owner += 1
        if owner < sp[1]:
            sp = (owner, sp[1])
        elif not ctx.res.owned_source(sp[0]):
            sp = None  # "nach Angaben" names no one; "nach Polizeiangaben" does
    if sp is None:
        return
    for c in ctx.claims.recent(3):
        if c.covers(si) and c.cue != cue:
            ctx.claims.relay(c, sp)


def _content(ctx: Context, i: int, s: int, e: int, sp: Optional[Span2], cue: Span2) -> Span2:
    """The content of a reported claim whose cue is at i: the rest of the sentence after a fronted
    source, the part before a source at the end, else the whole sentence."""
    t = ctx.t
    if i == s or (i - 1 >= s and t.lower[i - 1] in t.words.conj_and):
        c0 = sp[1] if sp else cue[1]
        if t.lower[i] in t.words.source_nach:
            c0 = max(c0, cue[1])
        return c0, e
    if sp is not None and sp[1] >= e - 1:
        return s, i
    if t.lower[i] in ctx.lex.postps and sp is not None and sp[0] == s:
        return i + 1, e
    return s, e


def add_reported(ctx: Context, si: int, content: Span2, sp: Optional[Span2], cue: Span2) -> None:
    t = ctx.t
    c0, c1 = t.trim(*content)
    c0, c1 = t.clip_paragraph(c0, c1, cue[0]) if c0 < c1 else (c0, c1)
    if t.count_words(c0, c1) < 3:
        return
    f = Draft((c0, c1), "reported", si, si, cue=cue, detector="reported")
    if sp is not None:
        ref = ctx.res.resolve(sp)
        if not (ref.droppable and ctx.settings.drop_anonymous):
            f.set_referent(sp, ref.mention, ref.how, ref.anonymous, ref.affiliation)
    f.hearsay = has_hearsay(ctx, c0, c1)
    ctx.claims.add(f)


# ---------------------------------------------------------------------------- hearsay


def has_hearsay(ctx: Context, s: int, e: int) -> bool:
    """"soll ... haben/sein": a hearsay modal with a perfect infinitive at the clause end."""
    t, w = ctx.t, ctx.t.words
    for i in between(t.hearsay_at, s, e):
        if t.quote_of[i] >= 0:
            continue
        ce = t.clause_end(i + 1) if i + 1 < t.n else e
        for j in range(i + 1, min(ce, e) + 1):
            if j < t.n and t.lower[j] in w.perfect_aux and j - 1 > i and _participle(ctx, t.lower[j - 1]):
                return True
    return False


def _hearsay_modal(ctx: Context, s: int, e: int) -> bool:
    """A hearsay modal in a main clause ("Dabei sollen acht Menschen ums Leben gekommen sein", "Der Bär
    soll eingefangen werden"): right after a claim, the sentence continues what its source said."""
    t = ctx.t
    for i in between(t.hearsay_at, s, min(e, s + 8)):
        if t.quote_of[i] < 0 and t.lower[t.clause_start(i)] not in ctx.lex.subordinating:
            return True
    return False


def _participle(ctx: Context, low: str) -> bool:
    w = ctx.t.words
    return low.startswith(tuple(w.participle_prefix)) or low.endswith(tuple(w.participle_ending)) \
        or low.endswith(tuple(w.infinitive_ending)) or low in w.passive_part


def hearsay(ctx: Context, si: int) -> None:
    """A hearsay sentence without a cue: a reported claim, of the previous sentence's source if any."""
    t = ctx.t
    s, e = t.sent_content(si)
    last = ctx.claims.last
    follows = last is not None and last.last_sent >= si - 1 and last.speaker is not None \
        and not t.para_break_in(last.content[1] - 1, s)
    if not has_hearsay(ctx, s, e) and not (follows and _hearsay_modal(ctx, s, e)):
        return
    f = Draft(t.trim(s, e), "reported", si, si, hearsay=True, detector="hearsay")
    if last is not None and last.last_sent >= si - HEARSAY_GAP and last.speaker is not None \
            and not t.para_break_in(last.content[1] - 1, s):
        # "Die Polizei teilte mit, ... Der Täter soll ...": the source of the previous sentence
        inherit(ctx, f)
    ctx.claims.add(f)


# ---------------------------------------------------------------------------- noun objects and intentions


def np_claim(ctx: Context, si: int, k: int, cs: int, ce: int, s: int, e: int) -> None:
    """A speech act whose noun object carries the statement ("Die Polizei sprach von 800 Autos"):
    the sentence is a reported claim. Only for verbs flagged ``n`` in the cue lexicon."""
    t, w = ctx.t, ctx.t.words
    first = t.lower[cs]
    if ctx.claims.covering(si) or first in w.that or first in w.conj or (first in w.demonstr and k == cs + 1) \
            or any(t.quote_of[i] >= 0 for i in range(cs, ce)) and t.count_words(cs, ce) < 4:
        return
    if cs > 0 and t.text[cs - 1] == "(":
        return  # "(Wikinews berichtete)"
    rel = cs + 1 if first in w.prep else cs
    if cs > 0 and t.text[cs - 1] == "," and rel < k and t.lower[rel] in w.relative:
        return  # "…, zu der ein Bündnis aufgerufen hatte": a relative clause inside another statement
    if cs == k and s < k and (t.lower[s] in w.conj or t.lower[s] in w.that):
        return  # "Wie X, Y, mitteilte, ...": a subordinate clause, handled as a reported claim
    sp = ctx.phr.subject(k, cs, ce)
    if t.passive(k, cs, ce):
        sp = passive_agent(ctx, cs, ce, k)  # "Von der Bewegung wurden Proteste angekündigt"
    if sp is None or not ctx.phr.speaker_like(sp):
        return
    c0, c1 = t.clip_paragraph(*t.trim(s, e, drop_final=False), k)
    rest = [i for i in range(c0, c1) if not (sp[0] <= i < sp[1]) and i != k and not t.punct[i]]
    if len(rest) < 2:
        return
    f = Draft((c0, c1), "reported", si, si, cue=(k, k + 1), detector="np")
    ctx.used_cue.add(k)
    set_speaker(ctx, f, sp, k)
    if f.speaker is None and not f.anonymous:
        return
    f.hearsay = has_hearsay(ctx, c0, c1)
    ctx.claims.add(f)


def intent(ctx: Context, si: int) -> None:
    """A stated intention of a named actor ("Die SPD will die Steuer senken", "Dort will die Firma
    bauen"): a reported claim of the subject of a finite "wollen" (category ``intent``) in a main
    clause, when that subject is an organisation entity: a party's or agency's "will" states its
    programme, while a person's plans are mostly narrative.
    A short label before a colon ("Bildung: Die SPD will ...") is no part of the clause."""
    t, w = ctx.t, ctx.t.words
    s, e = t.sent_content(si)
    if ctx.claims.covering(si):
        return
    k = next((k for k in range(s, min(e, s + 12)) if t.lower[k] in w.intent and t.quote_of[k] < 0), None)
    if k is None:
        return
    cs, ce = t.clause_start(k), t.clause_end(k)
    label = cs > s and t.text[cs - 1] == ":" and t.count_words(s, cs) <= 4
    if (cs != s and not label) or t.lower[cs] in w.that or t.lower[cs] in w.conj or t.negated(k):
        return
    sp = ctx.phr.subject(k, cs, ce)
    if sp is not None and sp[1] <= k and not ctx.phr.speaker_like(sp):
        sp = ctx.phr.first_np_after(k + 1, ce)  # "Darüberhinaus will sich die SPD ...": the fronted adverbial
    if sp is None or (sp[1] - sp[0] == 1 and t.lower[sp[0]] in w.pron) or not ctx.phr.speaker_like(sp):
        return
    c0, c1 = t.clip_paragraph(*t.trim(cs, e, drop_final=False), k)
    if t.count_words(c0, c1) < 4 or any(t.quote_of[i] >= 0 for i in range(c0, c1)):
        return
    f = Draft((c0, c1), "reported", si, si, detector="intent")
    set_speaker(ctx, f, sp, k)
    ent = f.speaker_ent
    if f.speaker is None or ent is None or ent.label_ != "ORG" or f.resolution != "name" or t.ent_of[ent.start] < 0:
        return  # an organisation entity named in the clause, not one a class noun refers back to
    f.hearsay = has_hearsay(ctx, c0, c1)
    ctx.claims.add(f)
