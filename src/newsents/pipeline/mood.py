"""Rule-based verb mood for pipelines without a morphologizer: ``nlp.add_pipe("newsents_mood")``.

Konjunktiv I marks indirect speech in German news ("das Manöver richte sich gegen ..."); claim
extraction needs it. Forms come from ``data/mood_forms.json`` and a suffix rule over lookup lemmas
(richte <- richten). Tokens found get ``Mood=Sub`` with ``Tense=Pres`` (Konj. I) or ``Tense=Past``
(Konj. II); existing morphology from a trained morphologizer is left alone.
"""

from __future__ import annotations

from typing import Optional

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import ensure_path

from ..knowledge import DATA_DIR

DATA = DATA_DIR
KONJ1 = "Mood=Sub|Tense=Pres|VerbForm=Fin"
KONJ2 = "Mood=Sub|Tense=Past|VerbForm=Fin"


class MoodTagger:
    """Marks Konjunktiv I/II verb forms in ``token.morph``."""

    def __init__(self, nlp: Language, name: str = "newsents_mood", forms: Optional[dict[str, list[str]]] = None,
                 ambiguous_konj2: bool = False):
        self.name = name
        self.ambiguous_konj2 = ambiguous_konj2
        self._set_forms(forms if forms is not None else srsly.read_json(DATA / "mood_forms.json"))

    def _set_forms(self, forms: dict[str, list[str]]) -> None:
        self.forms = {k: v for k, v in forms.items() if not k.startswith("_")}
        self.konj1 = set(self.forms.get("konj1", []))
        self.konj2 = set(self.forms.get("konj2", []))
        if self.ambiguous_konj2:
            self.konj2 |= set(self.forms.get("konj2_ambiguous", []))
        self.block = set(self.forms.get("konj1_suffix_block", []))
        self.first_person = set(self.forms.get("first_person", []))
        self.not_after = set(self.forms.get("not_after", []))

    def mood_of(self, token: Token) -> Optional[str]:
        """The morph string for a subjunctive form, or None."""
        lower = token.lower_
        if lower in self.konj2 and (token.is_lower or token.is_sent_start):
            return KONJ2
        if not (token.is_lower or token.is_sent_start) or self._first_person(token):
            return None
        if lower in self.konj1:
            return KONJ1
        if not lower.endswith("e") or not token.is_lower or lower in self.block or len(lower) <= 3:
            return None
        if token.i > 0 and token.doc[token.i - 1].lower_ in self.not_after:
            return None
        lemma = token.lemma_.lower()
        return KONJ1 if lemma == lower + "n" and lemma.endswith("en") else None

    def _first_person(self, token: Token) -> bool:
        doc = token.doc
        for j in (token.i - 1, token.i + 1):
            if 0 <= j < len(doc) and doc[j].lower_ in self.first_person:
                return True
        return False

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.has_morph():
                continue
            mood = self.mood_of(token)
            if mood:
                token.set_morph(mood)
        return doc

    def to_disk(self, path, exclude=tuple()):
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "mood_forms.json", self.forms)

    def from_disk(self, path, exclude=tuple()):
        self._set_forms(srsly.read_json(ensure_path(path) / "mood_forms.json"))
        return self


@Language.factory("newsents_mood", default_config={"ambiguous_konj2": False})
def make_mood(nlp: Language, name: str, ambiguous_konj2: bool) -> MoodTagger:
    return MoodTagger(nlp, name, ambiguous_konj2=ambiguous_konj2)
