"""Indirect speech: a verb of saying with its content clause ("X sagte, die Lage sei ernst", "…, sagte
X", "X teilte mit, dass …", "X kündigte an, zu …"), ", so X" after or inside a clause, impersonal
sayings in a named document ("In der Erklärung heißt es, …") and a speaker-like subject with a
dass- or Konjunktiv clause after an unlisted verb ("X vertritt die Ansicht, dass …")."""

from __future__ import annotations

from typing import Optional

from . import reported
from .attribution import generic_at, generic_clause, generic_source, passive_agent, set_speaker
from .claimset import Draft
from .context import Context
from .direct import nested_quotes
from .tokens import between, next_at

Span2 = tuple[int, int]
#: a zu-infinitive content is looked for in this many tokens after the cue clause
ZU_WINDOW = 30
#: punctuation around an inserted ", so X," / "– so X –"
INSERT_OPEN = (",", "–", "—", "(")
INSERT_CLOSE = (",", "–", "—", ")")


def detect(ctx: Context, si: int) -> None:
    """Indirect claims of sentence si, cue by cue."""
    t = ctx.t
    s, e = t.sent_content(si)
    k = s
    while k < e:
        k = next_at(t.indirect_starts, k, t.n)  # other tokens start nothing here
        if k >= e:
            break
        if t.quote_of[k] >= 0 or k in ctx.used_cue or ctx.claims.inside(k):
            k += 1
            continue
        lemma = t.verb_lemma(k)
        if lemma is None:
            if (t.lower[k] in ctx.lex.particles and k - 1 >= s and t.text[k - 1] in INSERT_OPEN and k + 1 < e
                    and ctx.phr.is_np_start(k + 1)):
                particle_claim(ctx, si, k, s, e)
            elif generic_at(ctx, k):
                generic_source_claim(ctx, si, k, e)
            k += 1
            continue
        if t.negated(k) or generic_clause(ctx, k) or t.statal(k) or reported.wie_clause_verb(ctx, k, s):
            k += 1
            continue
        k = _verb_claim(ctx, si, k, lemma, s, e)


def _verb_claim(ctx: Context, si: int, k: int, lemma: str, s: int, e: int) -> int:
    """The claim of cue verb k, if its content is found; returns where to look on."""
    t = ctx.t
    flags = t.verb_flags(lemma)
    cs, ce = t.clause_start(k), t.verb_clause_end(k, lemma)
    found = None
    if "q" not in flags:
        found = content_after(ctx, flags, k, ce, e) or content_before(ctx, k, cs, s)
    if found is None:
        # a cue verb in the subjunctive ("Die Gruppe fordere einen Abzug, sagte er") is itself
        # reported content: its source is a later cue or the previous claim, not its own subject
        if "n" in flags and not t.is_konj(k):
            reported.np_claim(ctx, si, k, cs, ce, s, e)
        return k + 1
    (c0, c1), inverted = found
    c0, c1 = t.clip_paragraph(c0, c1, k)
    relay = None if inverted else trailing_relay(ctx, c0, c1)
    if relay is not None:
        c1 = relay[0]
    if not inverted:
        c1 = coordinated_cue(ctx, c0, c1)
        c1 = _main_clause_after(ctx, cs, c0, c1)
    c0, c1 = t.trim(c0, c1)
    if c1 <= c0 or t.count_words(c0, c1) < 2:
        return k + 1
    sp = ctx.phr.first_np_after(cs + 1 if cs < k else k + 1, ce) if inverted else ctx.phr.subject(k, cs, ce)
    if sp is None and t.passive(k, cs, ce):
        sp = passive_agent(ctx, cs, ce, k)  # "Von der Polizei wurde mitgeteilt, dass …"
    f = Draft((c0, c1), "indirect", si, si, cue=(k, k + 1), detector="indirect")
    ctx.used_cue.add(k)
    set_speaker(ctx, f, sp, k)
    if relay is not None and f.via is None:
        f.via = relay[1]
    ctx.claims.add(f)
    nested_quotes(ctx, f)
    return max(k + 1, c1 if c1 > k else k + 1)


def coordinated_cue(ctx: Context, c0: int, c1: int) -> int:
    """Where content [c0, c1) ends before a coordinated cue of the same subject ("bestätigte, dass …,
    und gab an, die Polizei zu informieren"): that cue makes a claim of its own."""
    t = ctx.t
    for j in range(c0 + 2, c1 - 2):
        if t.text[j - 1] == "," and t.lower[j] in t.words.conj_and and t.verb_lemma(j + 1) is not None \
                and j + 1 not in ctx.used_cue:
            return j - 1
    return c1


def _main_clause_after(ctx: Context, cs: int, c0: int, c1: int) -> int:
    """Where content [c0, c1) ends when the cue's clause is subordinate and the main clause follows it:
    "Nachdem sie mitgeteilt hatte, dass er gesucht werde, hatte dieser versucht, …"."""
    t = ctx.t
    if t.lower[cs] not in ctx.lex.subordinating or t.lower[cs] in t.words.that:
        return c1
    for j in range(c0 + 2, c1 - 1):
        if t.text[j - 1] == "," and t.lower[j] in t.words.aux:
            return j - 1
    return c1


def trailing_relay(ctx: Context, c0: int, c1: int) -> Optional[tuple[int, Span2]]:
    """A relay clause closing indirect speech: "..., er sei bereit, zitierte ihn die Agentur
    Belta" -> (where the content ends, the relaying noun phrase)."""
    t = ctx.t
    for j in range(c0 + 2, c1):
        if t.text[j - 1] != "," or t.verb_lemma(j) not in ctx.lex.relay:
            continue
        ce = t.clause_end(j)
        p = j + 1
        while p < ce and t.lower[p] in t.words.pron_obj:
            p += 1  # "zitierte ihn die Agentur": the object pronoun is the speaker, not the relay
        via = ctx.phr.first_np_after(p, ce)
        if via is not None:
            return j - 1, via
    return None


def particle_claim(ctx: Context, si: int, k: int, s: int, e: int) -> bool:
    """", so X" after a clause ("Die Lage sei ernst, so der Minister") or inside it."""
    t = ctx.t
    sp = ctx.phr.np_forward(k + 1, t.clause_end(k + 1))
    c0 = s
    for i in range(k - 1, s - 1, -1):
        if ctx.claims.inside(i):
            c0 = i + 1
            break
    c1 = e if k - 2 >= s and t.is_konj(k - 2) or _speech_after_insert(ctx, sp[1], e) else k - 1
    c0, c1 = t.trim(*t.clip_paragraph(c0, c1, k))
    if t.count_words(c0, c1) < 3 or not t.has_verbish(c0, c1):
        return False
    f = Draft((c0, c1), "indirect", si, si, cue=(k, k + 1), detector="particle")
    ctx.used_cue.add(k)
    set_speaker(ctx, f, sp, k)
    ctx.claims.add(f)
    return True


def _speech_after_insert(ctx: Context, x: int, e: int) -> bool:
    """Whether the reported speech goes on after an inserted ", so X(, laut Y)," that closes after token
    x: "Das Problem ist, so der Präsident laut BBC, dass ...", "– so Herles –" before Konjunktiv (or after
    it: "Das Paket sei, so X, ein Schritt"); not
    "…, so Bernanke, bewirkte aber das Gegenteil" (the narrative resumes)."""
    t = ctx.t
    close = next((i for i in range(x, min(e, t.clause_end(x) + 1)) if t.text[i] in INSERT_CLOSE), None)
    if close is None or close + 1 >= e:
        return False
    nxt = close + 1
    return t.lower[nxt] in t.words.that or t.any_konj(nxt, t.clause_end(nxt)) or t.text[close] != ","


def generic_source_claim(ctx: Context, si: int, k: int, e: int) -> bool:
    """An indirect claim for "In der Erklärung heißt es, …" with the document as its speaker; a bare
    "hieß es" reports what no one named said: hearsay without a speaker, like "soll ... haben"."""
    t = ctx.t
    gs = generic_source(ctx, k)
    if gs is None:
        ph = t.phrase_at(ctx.lex.generic_phrases, k)
        gs = ((k, k + len(ph)), None) if ph is not None else None
    if gs is None:
        return False
    cue, sp = gs
    ce = t.clause_end(cue[1] - 1)
    s = t.sent_content(si)[0]
    # as a verb of saying with a zu-infinitive; or the clause before it ("…, hieß es aus Moskau")
    found = content_after(ctx, "zu", cue[0], ce, e) or content_before(ctx, cue[0], t.clause_start(cue[0]), s)
    if found is None:
        return False
    c0, c1 = t.trim(*t.clip_paragraph(found[0][0], found[0][1], cue[0]))
    if t.count_words(c0, c1) < 2:
        return False
    f = Draft((c0, c1), "indirect", si, si, cue=cue, detector="generic", hearsay=sp is None)
    ctx.used_cue.add(k)
    set_speaker(ctx, f, sp, k)
    ctx.claims.add(f)
    nested_quotes(ctx, f)
    return True


def content_after(ctx: Context, flags: str, k: int, ce: int, e: int) -> Optional[tuple[Span2, bool]]:
    """The content after the cue clause ending at ``ce``: a dass/ob clause, a colon, Konjunktiv, a
    clause carrying an embedded quote, or (cue flag ``zu``) a zu-infinitive; ((start, end), False)."""
    t, w = ctx.t, ctx.t.words
    if ce >= e or t.text[ce] not in (",", ":") or ce + 1 >= e:
        return None
    c0 = ce + 1
    if t.quote_of[c0] >= 0:
        return None
    if t.verb_lemma(c0) and t.text[ce] == ",":
        return None  # "X, den die Zeitung zitiert, kommentierte, …": the comma closes a relative clause
    if t.lower[c0] in w.that or t.lower[c0] in w.whether or t.text[ce] == ":":
        return (c0, e), False
    c_end = e
    for i in between(t.cue_at, c0, e):
        if t.verb_lemma(i) and i > c0 and t.text[i - 1] == "," and i not in ctx.used_cue:
            c_end = i - 1  # the content ends before a following ", sagte X" / ", so X"
            break
    if t.any_konj(c0, c_end):
        return (c0, e), False
    if c0 + 1 < c_end and t.quote_of[c0 + 1] < 0 and any(
            t.quote_of[i] >= 0 and is_pending(ctx, t.quote_of[i]) for i in range(c0 + 1, c_end)):
        return (c0, e), False  # "sagte, der Fahrer „konnte nicht anders“": a clause carrying a quote
    if "zu" in flags and _zu_infinitive(ctx, c0, c_end):
        return (c0, e), False
    if t.text[ce] == "," and main_clause(ctx, c0):
        return (c0, e), False  # "sagte, die Kunden bauten dort ihre Lager ab": indicative (or ambiguous) speech
    return None


def main_clause(ctx: Context, c0: int) -> bool:
    """Whether a main clause (verb second) opens at c0: a noun phrase or pronoun, then a finite verb
    ("die Sanktionen schadeten Europa"); not an apposition, relative or subordinate clause."""
    t, phr = ctx.t, ctx.phr
    if not phr.is_np_start(c0) or t.lower[c0] in ctx.lex.generic_subjects:
        return False
    v = phr.np_forward(c0, t.clause_end(c0))[1]
    if v >= t.clause_end(c0) or t.cap[v] or t.punct[v] or t.quote_of[v] >= 0:
        return False
    low = t.lower[v]
    return low in t.words.aux or not (t.closed_class(low) or low in t.words.neg or low in t.words.time)


def _zu_infinitive(ctx: Context, c0: int, c_end: int) -> bool:
    t, w = ctx.t, ctx.t.words
    for i in range(c0, min(c_end, c0 + ZU_WINDOW)):
        low = t.lower[i]
        infix = low.endswith(tuple(w.infinitive_ending)) and any(z in low[2:-3] for z in w.infinitive)
        if low in w.infinitive or (infix and i + 1 < t.n and t.boundary[i + 1]):
            return True  # "zu wissen", "anzunehmen"
    return False


def content_before(ctx: Context, k: int, cs: int, s: int) -> Optional[tuple[Span2, bool]]:
    """", sagte X." after a clause: the clause(s) before the comma are the content; ((start, end), True)."""
    t = ctx.t
    if cs != k and _perfect_after(ctx, k, cs, s):
        k = cs  # "..., hatte Obama in Moskau gesagt.": the auxiliary opens the inverted cue clause
    if cs != k or k - 1 < s or t.text[k - 1] != ",":
        return None
    c0 = s
    for i in range(k - 1, s - 1, -1):
        if t.quote_of[i] >= 0 and not is_pending(ctx, t.quote_of[i]) or ctx.claims.inside(i):
            c0 = i + 1
            break
    if k - 1 - c0 < 2 or not t.has_verbish(c0, k - 1):
        return None
    return (c0, k - 1), True


def _perfect_after(ctx: Context, k: int, cs: int, s: int) -> bool:
    """Whether participle k closes an inverted perfect cue clause opening with its auxiliary after a
    comma: "Es drohe ein Wettlauf, hatte Obama gesagt." / "…, hat der Minister am Montag gesagt"."""
    t = ctx.t
    if not (s < cs < k and t.text[cs - 1] == "," and t.lower[cs] in t.words.aux):
        return False
    end = t.clause_end(k)
    return k + 1 >= end and not any(t.verb_lemma(x) for x in range(cs + 1, k))


def is_pending(ctx: Context, qi: int) -> bool:
    """Whether quote qi is an embedded quote still waiting for the claim of its sentence."""
    return any(p[0] == qi for p in ctx.pending)


# ---------------------------------------------------------------------------- dass / Konjunktiv without a cue


def dass_clause(ctx: Context, si: int) -> None:
    """A speaker-like subject whose main clause ends in ", dass ..." or in a Konjunktiv-I clause without
    a listed cue ("Chávez vertritt die Ansicht, dass ...", "Die Kommission hatte den Standpunkt
    vertreten, das Gericht sei nicht zuständig"): an indirect claim."""
    t = ctx.t
    s, e = t.sent_content(si)
    if ctx.claims.covering(si):
        return
    for d in range(s + 2, e - 2):
        if t.text[d - 1] != "," or t.quote_of[d] >= 0:
            continue
        if t.lower[d] not in t.words.dass and not konj_clause(ctx, d):
            continue
        _dass_claim(ctx, si, d, s, e)
        return


def _dass_claim(ctx: Context, si: int, d: int, s: int, e: int) -> None:
    t = ctx.t
    cs = t.clause_start(d - 1)
    if t.any_konj(cs, d - 1) or (cs != s and not (cs > s and t.text[cs - 1] in (",", ")"))):
        return
    sp = ctx.phr.np_forward(cs, d - 1) if ctx.phr.is_np_start(cs) else None
    if sp is None or sp[1] >= d - 1 or not ctx.phr.speaker_like(sp):
        return
    k = sp[1]
    if t.punct[k] or t.cap[k] or t.closed_class(t.lower[k]) or t.negated(k):
        return
    c0, c1 = t.clip_paragraph(*t.trim(d, e), d)
    if t.count_words(c0, c1) < 4:
        return
    f = Draft((c0, c1), "indirect", si, si, cue=(k, k + 1), detector="dass")
    set_speaker(ctx, f, sp, k)
    ctx.claims.add(f)
    nested_quotes(ctx, f)


def konj_clause(ctx: Context, d: int) -> bool:
    """Whether the clause opening at token d (after a comma) is a main-clause-order Konjunktiv-I
    statement ("das Gericht sei nicht zuständig"), not a relative or subordinate clause."""
    t, w = ctx.t, ctx.t.words
    low = t.lower[d]
    relative = low in w.relative and not (low in w.det_nom and d + 1 < t.n and t.cap[d + 1])
    if relative or low in w.conj or low in w.that or low in ctx.lex.preps or t.punct[d]:
        return False
    return any(t.is_konj(x) == "k1" for x in between(t.konj_at, d, t.clause_end(d)))


# ---------------------------------------------------------------------------- "X' Antwort: …"


def noun_claim(ctx: Context, si: int) -> None:
    """A speech noun owned by a speaker before a colon ("Varoufakis' Antwort: Das sei Erpressung",
    "Die Antwort des Ministers: …"): the rest of the sentence is the statement."""
    t = ctx.t
    s, e = t.sent_content(si)
    if ctx.claims.covering(si):
        return
    for k in range(s, min(e - 2, s + 12)):
        if t.lower[k] not in ctx.lex.speech_nouns or t.text[k + 1] != ":" or t.quote_of[k] >= 0:
            continue
        sp = _owner(ctx, k, s)
        c0, c1 = t.trim(k + 2, e)
        if sp is None or t.count_words(c0, c1) < 2:
            return
        qi = t.quote_of[c0]
        mode = "direct" if qi >= 0 and t.quotes[qi][1] >= c1 else "indirect" if t.any_konj(c0, c1) else "reported"
        f = Draft((c0, c1), mode, si, si, cue=(k, k + 1), detector="noun")
        set_speaker(ctx, f, sp, k)
        ctx.claims.add(f)
        return


def _owner(ctx: Context, k: int, s: int) -> Optional[Span2]:
    """The genitive owner of the speech noun at k: an entity right before it ("Varoufakis' Antwort")
    or a genitive phrase after it ("die Antwort des Ministers")."""
    t = ctx.t
    ent = t.ent_at(k - 1) if k > s else None
    if ent is not None and ent.end == k and ent.label_ in ("PER", "ORG"):
        return ent.start, ent.end
    return None
