"""One pass over a document's sentences: the detectors in a fixed order, then the claim records.

Per sentence: direct quotes that open in it, indirect speech, dass-clauses after unlisted verbs,
reported statements; then, only if the sentence has no claim yet, a stated intention, hearsay and
a Konjunktiv continuation (in that order, the first that finds one wins). Quotes embedded in a
clause wait until the sentence's other claims are known (:func:`newsents.claims.direct.settle_pending`).
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span

from ..core.records import Claim
from . import continuation, direct, headline, indirect, reported
from .claimset import ClaimSet
from .context import Context, Settings
from .lexicon import CueLexicon
from .memo import WordMemo
from .output import to_claims
from .phrases import PhraseFinder
from .speakers import SpeakerResolver
from .tokens import TokenTable


def context_for(doc: Doc, lexicon: CueLexicon, memo: WordMemo, settings: Settings) -> Context:
    """The detectors' shared state for ``doc`` (token table, phrases, resolver, an empty claim set)."""
    table = TokenTable(doc, lexicon, memo, settings.max_quote_chars)
    phrases = PhraseFinder(table)
    claims = ClaimSet()
    return Context(table, phrases, SpeakerResolver(table, phrases, claims), claims, settings)


def run(ctx: Context) -> None:
    """All detectors over all sentences of the document."""
    t = ctx.t
    headline.detect(ctx)
    qi = 0
    for si, (s, e) in enumerate(t.sents):
        if si in ctx.claimed_sents:
            # covered by a quote that started in an earlier sentence
            while qi < len(t.quotes) and t.quotes[qi][0] < e:
                qi += 1
            continue
        before = len(ctx.claims)
        while qi < len(t.quotes) and t.quotes[qi][0] < e:
            qi = direct.detect(ctx, qi) if t.quotes[qi][0] >= s else qi + 1
        indirect.detect(ctx, si)
        indirect.dass_clause(ctx, si)
        reported.detect(ctx, si)
        for fallback in (indirect.noun_claim, reported.intent, reported.hearsay, continuation.detect):
            if len(ctx.claims) == before:
                fallback(ctx, si)
        if ctx.pending:
            direct.settle_pending(ctx, before)


def extract(doc: Doc, lexicon: CueLexicon, memo: WordMemo,
            settings: Settings) -> tuple[list[Claim], list[Optional[Span]]]:
    """The claims of ``doc`` and, per claim, the entity mention its speaker resolves to."""
    ctx = context_for(doc, lexicon, memo, settings)
    run(ctx)
    return to_claims(ctx)
