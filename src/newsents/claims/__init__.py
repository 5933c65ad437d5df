"""Attributed claims: who said what (direct quotes, Konjunktiv I indirect speech, reported statements),
with the cue, the relaying source and the entity the speaker refers to.

Modules: ``component`` (the spaCy component), ``extract`` (the pass over a document), ``lexicon``
(data files), ``tokens`` (token table), ``phrases`` (noun phrases), ``speakers`` (resolution),
``claimset`` (the shared claim set and its merge rules), one module per detector (``direct``,
``indirect``, ``reported``, ``continuation``, ``headline``), ``quotes`` (quotation marks).
"""

from .component import ClaimsComponent, make_claims
from .frame import claims_frame
from .quotes import find_quotes

__all__ = ["ClaimsComponent", "claims_frame", "find_quotes", "make_claims"]
