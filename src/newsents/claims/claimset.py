"""The one claim set the detectors of a document share, and the rules by which one detector's
finding may change a claim another detector made.

Detectors run sentence by sentence, in a fixed order (:mod:`newsents.claims.extract`); each adds
its claims with :meth:`ClaimSet.add`. A detector never assigns to another detector's claim; it asks
the claim set, which applies one of these rules and refuses otherwise:

1. **attribute** (``Das teilte das Ministerium mit.`` after a claim): the later sentence names the
   source of the claim before it. Allowed only when that claim has no speaker of its own (none, or
   one inherited from an earlier claim): it takes the new speaker and cue. A claim with its own
   speaker keeps it, and the new source becomes its ``via`` if it has none.
2. **relay** (``Laut BBC sagte der Minister, …``): a source named around a claim that already has a
   speaker becomes that claim's ``via``, only when it has none and the source is not inside the
   speaker's own phrase.
3. **extend** (a run of cue-less Konjunktiv sentences): the last claim, an indirect continuation
   without a cue and with the same speaker, grows to the end of the next sentence.
4. **adopt** (a quote inside indirect speech that was first read as a speaker-less continuation):
   a direct claim without a cue takes the speaker, cue and via of the claim that contains it.
5. **nest**: a quote inside an indirect or reported claim is added as a direct claim of the same
   speaker, placed before the claim that contains it.

At the end two claims with the same content are one: the first added wins (:meth:`ClaimSet.ordered`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span

Span2 = tuple[int, int]


@dataclass
class Draft:
    """A claim under construction, in token indices (end exclusive)."""

    content: Span2
    mode: str
    sent: int
    last_sent: int
    speaker: Optional[Span2] = None
    cue: Optional[Span2] = None
    via: Optional[Span2] = None
    hearsay: bool = False
    speaker_ent: Optional[Span] = None  # the entity mention the speaker resolves to
    resolution: Optional[str] = None  # how: name | pronoun | role | previous | possessive
    anonymous: bool = False
    inherited: bool = False  # speaker taken over from the previous claim
    affiliation: Optional[Span2] = None
    detector: str = ""

    def covers(self, si: int) -> bool:
        """Whether the claim spans sentence si."""
        return self.sent <= si <= self.last_sent

    def set_referent(self, sp: Span2, mention: Optional[Span], how: Optional[str], anonymous: bool,
                     affiliation: Optional[Span2]) -> None:
        """The speaker phrase ``sp`` and what it resolved to."""
        self.speaker, self.speaker_ent, self.resolution = sp, mention, how
        self.anonymous, self.affiliation = anonymous, affiliation

    def speaker_from(self, other: Draft) -> None:
        """Take ``other``'s speaker, resolution and relay (a continuation of it)."""
        self.speaker, self.speaker_ent, self.anonymous, self.via = \
            other.speaker, other.speaker_ent, other.anonymous, other.via
        self.resolution = "previous" if other.speaker_ent is not None else None
        self.affiliation = other.affiliation


class ClaimSet:
    """The claims of one document in the order they were found, with the merge rules above."""

    def __init__(self) -> None:
        self.items: list[Draft] = []

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Draft]:
        return iter(self.items)

    @property
    def last(self) -> Optional[Draft]:
        return self.items[-1] if self.items else None

    def recent(self, n: int) -> list[Draft]:
        return self.items[-n:]

    def since(self, n: int) -> list[Draft]:
        """The claims added after the first ``n``."""
        return self.items[n:]

    def covering(self, si: int, window: int = 3) -> list[Draft]:
        """Recent claims that span sentence si."""
        return [c for c in self.items[-window:] if c.covers(si)]

    def inside(self, k: int, window: int = 4) -> bool:
        """Whether token k is in the content of a recent claim."""
        return any(c.content[0] <= k < c.content[1] for c in self.items[-window:])

    def add(self, draft: Draft) -> Draft:
        self.items.append(draft)
        return draft

    # ------------------------------------------------------------------ merge rules

    def nest(self, draft: Draft) -> None:
        """Rule 5: a direct claim nested in the last claim, placed before it."""
        self.items.insert(len(self.items) - 1, draft)

    def attribute(self, prev: Draft, source: Draft, cue: Span2, phrase: Optional[Span2]) -> None:
        """Rule 1: the noun phrase ``phrase`` of cue ``cue`` names the source of ``prev``; ``source`` is
        a draft holding that source resolved (speaker, relay) as the detector attributed it."""
        if prev.speaker is None or prev.inherited:
            prev.speaker, prev.speaker_ent, prev.anonymous = source.speaker, source.speaker_ent, source.anonymous
            prev.resolution, prev.affiliation, prev.via = source.resolution, source.affiliation, source.via
            prev.cue, prev.inherited = cue, False
        elif prev.via is None and phrase is not None:
            prev.via = phrase

    def relay(self, claim: Draft, via: Span2) -> bool:
        """Rule 2: ``via`` relays ``claim`` (only when it has none and ``via`` is not its speaker's)."""
        if claim.via is not None or (claim.speaker and claim.speaker[0] <= via[0] < claim.speaker[1]):
            return False
        claim.via = via
        return True

    def extend(self, prev: Draft, end: int, si: int) -> bool:
        """Rule 3: the last claim, a cue-less indirect continuation, runs on to ``end`` (sentence si)."""
        if prev is not self.last or prev.mode != "indirect" or prev.cue is not None or prev.last_sent != si - 1:
            return False
        prev.content, prev.last_sent = (prev.content[0], end), si
        return True

    def adopt(self, direct: Draft, container: Draft) -> None:
        """Rule 4: a cue-less direct claim takes the speaker of the claim that contains it."""
        if direct.cue is not None:
            return
        direct.speaker, direct.cue, direct.via, direct.speaker_ent = \
            container.speaker, container.cue, container.via, container.speaker_ent
        direct.anonymous, direct.resolution, direct.affiliation = \
            container.anonymous, container.resolution, container.affiliation
        direct.inherited = False

    def ordered(self) -> list[Draft]:
        """The claims in text order, one per content span (the first added wins)."""
        out, seen = [], set()
        for f in sorted(self.items, key=lambda c: (c.content[0], c.content[1])):
            if f.content in seen or f.content[1] <= f.content[0]:
                continue
            seen.add(f.content)
            out.append(f)
        return out
