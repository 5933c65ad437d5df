"""Attributed claims (who said what, how, relayed by whom): the spaCy component ``newsents_claims``.

Rule-based and linear in document length: quotation marks are paired by a character scan, cue
words come from the data file ``cues.tsv`` (verbs, prepositions, hearsay modals), and the speaker
is found from tokens, lookup lemmas, entities and sentence boundaries only, so the shipped model
(no tagger, no parser) suffices; a dependency parse or morphology is used when present. The
speaker is resolved to the entity it refers to (:mod:`newsents.claims.speakers`).

Results are ``doc._.claims`` (list of :class:`newsents.core.records.Claim`, offsets into ``doc.text``)
and ``doc._.claim_speakers`` (per claim, the entity mention its speaker resolves to).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..knowledge import read_text
from ..pipeline.component import DataComponent
from .context import Settings
from .extract import extract
from .frame import claims_frame
from .lexicon import CueLexicon
from .memo import WordMemo
from .quotes import find_quotes

CUES_FILE = "cues.tsv"
KONJ_FILE = "claims_konjunktiv.tsv"
WORDS_FILE = "claims_words.tsv"
ROLES_FILE = "roles.tsv"  # the role classes of speaker phrases, from the one role lexicon
NAMES_FILES = ("first_names.tsv", "first_names_extra.tsv")  # first-name gender (Berlin names CC BY, curated)
DATA_FILES = (CUES_FILE, KONJ_FILE, WORDS_FILE, ROLES_FILE, *NAMES_FILES)
SPEAKERS_KEY = "newsents_claim_speakers"
__all__ = ["ClaimsComponent", "claims_frame", "find_quotes", "make_claims"]  # (older imports read these here)


@Language.factory(
    "newsents_claims",
    default_config={"data_dir": None, "anonymous_speakers": "keep", "max_quote_chars": 5000,
                    "continuation_window": 3, "min_quote_words": 3},
    requires=["doc.ents", "token.is_sent_start", "token.lemma", "token.morph"],
    assigns=["doc._.claims", "doc._.claim_speakers"],
)
def make_claims(nlp: Language, name: str, data_dir: Optional[str], anonymous_speakers: str,
                max_quote_chars: int, continuation_window: int, min_quote_words: int) -> ClaimsComponent:
    return ClaimsComponent(nlp, name, data_dir=data_dir, anonymous_speakers=anonymous_speakers,
                           max_quote_chars=max_quote_chars, continuation_window=continuation_window,
                           min_quote_words=min_quote_words)


def _claim_speakers(doc: Doc) -> Optional[list[Optional[Span]]]:
    """The entity span each claim's speaker resolves to (None where unresolved)."""
    offsets = doc.user_data.get(SPEAKERS_KEY)
    if offsets is None:
        return None
    return [doc[o[0]:o[1]] if o is not None else None for o in offsets]


class ClaimsComponent(DataComponent):
    """Sets ``doc._.claims`` (and ``doc._.claim_speakers``: the entity span each speaker resolves to).

    Data: the texts of the cue lexicon (``cues.tsv``), the Konjunktiv forms, the closed word classes,
    the role lexicon (``roles.tsv``) and the first-name gender lexicon (``first_names.tsv``, generated
    from the Berlin first names, CC BY 3.0 DE, and ``first_names_extra.tsv``); from ``data_dir`` when
    the config names one."""

    files = {"cues": CUES_FILE, "konjunktiv": KONJ_FILE, "words": WORDS_FILE, "roles": ROLES_FILE,
             "first_names": NAMES_FILES[0], "first_names_extra": NAMES_FILES[1]}

    def __init__(self, nlp: Language, name: str = "newsents_claims", data_dir: Optional[str] = None,
                 anonymous_speakers: str = "keep", max_quote_chars: int = 5000,
                 continuation_window: int = 3, min_quote_words: int = 3):
        if not Doc.has_extension("claims"):
            Doc.set_extension("claims", default=None)
        if not Doc.has_extension("claim_speakers"):
            Doc.set_extension("claim_speakers", getter=_claim_speakers)
        if anonymous_speakers not in ("drop", "keep"):
            raise ValueError("anonymous_speakers must be 'drop' or 'keep'")
        super().__init__(nlp, name)
        self.data_dir = Path(data_dir) if data_dir else None
        self.settings = Settings(anonymous_speakers, max_quote_chars, continuation_window, min_quote_words)

    @property
    def anonymous_speakers(self) -> str:
        return self.settings.anonymous_speakers

    def default_data(self) -> dict[str, Any]:
        return {key: read_text(self.data_dir / file if self.data_dir else file)[1] for key, file in self.files.items()}

    def set_data(self, data: dict[str, Any]) -> None:
        super().set_data(data)
        sources = tuple(str(self.data_dir / f) if self.data_dir else f for f in DATA_FILES)
        self.lexicon = CueLexicon.from_texts(data["cues"], data["konjunktiv"], data["words"], data["roles"],
                                             sources=sources[:4]).with_first_names(  # type: ignore[arg-type]
            (data["first_names"], sources[4]), (data["first_names_extra"], sources[5]))
        self.memo = WordMemo(self.lexicon)  # memos kept across documents, bounded over millions of them

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_data()
        claims, speakers = extract(doc, self.lexicon, self.memo, self.settings)
        doc._.claims = claims
        # token offsets, not Span objects: user_data must stay msgpack-serialisable (n_process, DocBin)
        doc.user_data[SPEAKERS_KEY] = [(sp.start, sp.end) if sp is not None else None for sp in speakers]
        return doc
