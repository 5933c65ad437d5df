"""What the detectors of one document share: the token table, the phrase finder, the speaker
resolver, the claim set and the component's settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from .claimset import ClaimSet
from .lexicon import CueLexicon
from .phrases import PhraseFinder
from .speakers import SpeakerResolver
from .tokens import TokenTable


@dataclass(frozen=True)
class Settings:
    """The component's configuration (``newsents_claims`` factory keys)."""

    anonymous_speakers: str = "keep"
    max_quote_chars: int = 5000
    continuation_window: int = 3
    min_quote_words: int = 3

    @property
    def drop_anonymous(self) -> bool:
        return self.anonymous_speakers == "drop"


@dataclass
class Context:
    """One document's state while the detectors run."""

    t: TokenTable
    phr: PhraseFinder
    res: SpeakerResolver
    claims: ClaimSet
    settings: Settings
    used_cue: set[int] = field(default_factory=set)  # cue tokens a claim already took
    pending: list[tuple[int, int]] = field(default_factory=list)  # (quote index, end) of embedded quotes
    claimed_sents: set[int] = field(default_factory=set)  # sentences inside a quote of an earlier sentence

    @property
    def lex(self) -> CueLexicon:
        return self.t.lex
