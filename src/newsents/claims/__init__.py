"""Attributed claims: who said what (direct quotes, Konjunktiv I indirect speech, reported statements),
with the cue and the relaying source."""

from .component import ClaimsComponent, claims_frame, find_quotes, make_claims

__all__ = ["ClaimsComponent", "claims_frame", "find_quotes", "make_claims"]
