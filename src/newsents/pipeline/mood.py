"""Rule-based verb mood for pipelines without a morphologizer: ``nlp.add_pipe("newsents_mood")``.

Konjunktiv I marks indirect speech in German news ("das Manöver richte sich gegen ..."); claim
extraction needs it. Forms come from ``data/mood_forms.json`` and a suffix rule over lookup lemmas
(richte <- richten). Tokens found get ``Mood=Sub`` with ``Tense=Pres`` (Konj. I) or ``Tense=Past``
(Konj. II); existing morphology from a trained morphologizer is left alone.
"""

from __future__ import annotations

from typing import Any, Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..knowledge import read_json
from .component import DataComponent

KONJ1 = "Mood=Sub|Tense=Pres|VerbForm=Fin"
KONJ2 = "Mood=Sub|Tense=Past|VerbForm=Fin"


class MoodTagger(DataComponent):
    """Marks Konjunktiv I/II verb forms in ``token.morph`` (data ``forms``: ``mood_forms.json``)."""

    files = {"forms": "mood_forms.json"}

    def __init__(self, nlp: Language, name: str = "newsents_mood", ambiguous_konj2: bool = False):
        super().__init__(nlp, name)
        self.ambiguous_konj2 = ambiguous_konj2

    def default_data(self) -> dict[str, Any]:
        return {"forms": read_json("mood_forms.json")}

    def set_data(self, data: dict[str, Any]) -> None:
        super().set_data(data)
        self.forms = {k: v for k, v in data["forms"].items() if not k.startswith("_")}
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
        if not self._candidate(lower):
            return None
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

    def _candidate(self, lower: str) -> bool:
        """Whether a form can be a subjunctive at all: the cheap first test of :meth:`mood_of`, which lets
        most words pass before the context is read."""
        return lower in self.konj2 or lower in self.konj1 or (
            lower.endswith("e") and len(lower) > 3 and lower not in self.block)

    def _first_person(self, token: Token) -> bool:
        doc = token.doc
        for j in (token.i - 1, token.i + 1):
            if 0 <= j < len(doc) and doc[j].lower_ in self.first_person:
                return True
        return False

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_data()
        for token in doc:
            if token.has_morph():
                continue
            mood = self.mood_of(token)
            if mood:
                token.set_morph(mood)
        return doc


@Language.factory("newsents_mood", default_config={"ambiguous_konj2": False}, requires=["token.lemma"],
                  assigns=["token.morph"])
def make_mood(nlp: Language, name: str, ambiguous_konj2: bool) -> MoodTagger:
    return MoodTagger(nlp, name, ambiguous_konj2=ambiguous_konj2)
