"""Sentences that are no claims, and speakers that must never be: function words and adverbs."""

from __future__ import annotations

import pytest
from claims_helpers import Row, check_row, rows_param, run

ROWS = [Row(text, ents, n=0, id=i) for i, text, ents in [
    ("generic-man", "Man sagt, der Winter werde hart.", ()),
    ("negated-object", "Die Ursache nannte er nicht.", ()),
    ("danken", "Merkel dankte den Helfern.", (("Merkel", "PER"),)),
    ("begruessen", "Scholz begrüßte den Schritt.", (("Scholz", "PER"),)),
    ("negated-cue", "Der Minister sagte nicht, ob die Grenze offen bleibe.", ()),
    ("titles-in-quotes", "Der Film „Das Boot“ läuft heute. Die Band „Landser“ wurde verboten.", ()),
    ("disaster-demands-victims", "Die Überschwemmungen haben 35 Todesopfer gefordert.", ()),
    ("relative-konjunktiv", "Die Kommission prüfte den Antrag, der fehlerhaft gewesen sei.", (("Kommission", "ORG"),)),
    ("nach-of-time-and-place", "Nach dem Spiel fuhren die Fans mit dem Zug nach Hause.", ()),
    ("niemand", "Niemand sagte, dass der Plan scheitern werde.", ()),
    ("wie-man-sagt", "Er hat das Evangelium, wie man sagt, ohne Veränderungen gelebt.", ()),
    ("wie-man-erwartet", "Es folgte ein Schlusswort, das so klang, wie man es nicht erwartet hatte.", ()),
    ("name-in-quotes", "Die Analysten der „Wind of Change Research Group“ waren in Kiew.", (("Kiew", "LOC"),)),
    ("aeusserst-is-no-verb", "Die Analysten halten das für äußerst ungewöhnlich.", ()),
    ("quoted-newspaper-name", "Das berichtete die Zeitung „Neues Blatt“ am Montag.", ()),
    ("person-intent-is-narrative", "Jan Pohl will morgen nach Rom fahren.", (("Jan Pohl", "PER"), ("Rom", "LOC"))),
    ("topic-headline", "Terrorgefahr: Swift-Konzerte in Wien abgesagt\nWien – Die Konzerte fallen aus.",
     (("Wien", "LOC"), ("Wien", "LOC"))),
]]


@rows_param(ROWS)
def test_not_claims(base, comp, comp_drop, row):
    check_row(base, comp, comp_drop, row)


SPEAKER_TEXTS = [
    ("Der Abzug soll demnach erst im Herbst beginnen.", ()),
    ("Das Querschießen muss ein Ende haben, sagte Mitterlehner.", (("Mitterlehner", "PER"),)),
    ("Es sei zu spät, sagte er. Das teilte der Sprecher mit.", ()),
    ("Zuerst habe sie nicht damit gerechnet. Dann sei alles schnell gegangen.", ()),
    ("Zu dem geplanten Manöver von Russland sagte Selenskyj, man sei vorbereitet.", (("Selenskyj", "PER"),)),
    ("Wobei zu bemerken ist, dass der Kandidat zu spät erschienen war.", ()),
]
FUNCTION_WORDS = {"demnach", "das", "es", "der", "die", "dabei", "dazu", "zuerst", "dann", "so", "manöver", "wobei"}


@pytest.mark.parametrize("text,ents", SPEAKER_TEXTS, ids=[t[:30] for t, _ in SPEAKER_TEXTS])
def test_no_function_word_or_adverb_is_a_speaker(base, comp, text, ents):
    for c in run(base, comp, text, ents)._.claims:
        assert c.speaker is None or c.speaker.text.lower() not in FUNCTION_WORDS, c
