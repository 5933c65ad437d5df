"""Continued reported speech: cue-less Konjunktiv sentences after a claim, or after a sentence that
names a speaker-like subject; runs of them are one claim; paragraphs end the speaker."""

from __future__ import annotations

from claims_helpers import NO, Row, check_row, context, rows_param

from newsents.claims import continuation, indirect

ROWS = [
    Row("Lukaschenko sagte, das Manöver richte sich gegen kein Nachbarland. Es gehe nur um Verteidigung. Der Regen "
        "hörte am Abend auf.", (("Lukaschenko", "PER"),), content="Es gehe nur um Verteidigung.", mode="indirect",
        cue=NO, speaker="Lukaschenko", resolution="previous", n=2, id="konjunktiv-continues"),
    Row("Bürgermeister Jens Ohm sagte, der Bau beginne im Mai. Umweltexperte Paul Rieder sieht darin Parallelen zu "
        "einem früheren Brand. Die Ursache für den Brand sei nie gefunden worden.",
        (("Jens Ohm", "PER"), ("Paul Rieder", "PER")), content="Die Ursache für den Brand sei nie gefunden worden.",
        speaker="Umweltexperte Paul Rieder", name="Paul Rieder", id="previous-sentence-subject"),
    Row("Bürgermeister Jens Ohm sagte, der Bau beginne im Mai. Der Winter war lang. Die Kosten seien aber gedeckt.",
        (("Jens Ohm", "PER"),), content="Die Kosten seien aber gedeckt.", speaker="Bürgermeister Jens Ohm",
        id="older-speaker-continues"),
    Row("Der Winter war lang. Die Kosten seien aber gedeckt.", n=0, id="no-speaker-no-claim"),
    Row("Der Minister Jan Pohl sagte, die Lage sei ernst. Die Armee sei bereit. Man habe genug Vorräte. Das Wetter "
        "bleibt kalt.", (("Jan Pohl", "PER"),), content="Die Armee sei bereit. Man habe genug Vorräte.",
        speaker="Der Minister Jan Pohl", n=2, id="run-is-one-claim"),
    Row("Der Minister Jan Pohl sagte, die Lage sei ernst. Die Armee sei bereit.\n\nMan habe genug Vorräte.",
        (("Jan Pohl", "PER"),), n=3, id="paragraph-starts-a-new-claim"),
    Row("Der Minister Jan Pohl sagte, die Lage sei ernst. Das Wetter bleibt kalt.\n\nDie Armee sei bereit.",
        (("Jan Pohl", "PER"),), content="Die Armee sei bereit.", speaker=NO, id="no-speaker-into-a-later-paragraph"),
    Row("Der Minister Jan Pohl sagte, die Lage sei ernst. Das Wetter bleibt kalt. Die Armee sei bereit.",
        (("Jan Pohl", "PER"),), content="Die Armee sei bereit.", speaker="Der Minister Jan Pohl",
        id="speaker-within-the-paragraph"),
    Row("Die Ministerin Eva Roth sagte, das Gesetz sei fertig. Daran ändere auch die Kritik nichts.",
        (("Eva Roth", "PER"),), content="Daran ändere auch die Kritik nichts.", speaker="Die Ministerin Eva Roth",
        id="konjunktiv-of-ern-verb"),
    Row("Der Minister Kurt Beck sagte, er werde kandidieren. Der Täter soll aus Berlin stammen.",
        (("Kurt Beck", "PER"),), content="Der Täter soll aus Berlin stammen", hearsay=True,
        speaker="Der Minister Kurt Beck", id="hearsay-modal-after-a-claim"),
    Row("Die Polizei teilte mit, dass ein Mann festgenommen wurde. Er soll das Feuer gelegt haben.",
        content="Er soll das Feuer gelegt haben", hearsay=True, speaker="Die Polizei", id="hearsay-perfect-inherits"),
]


@rows_param(ROWS)
def test_continuation(base, comp, comp_drop, row):
    check_row(base, comp, comp_drop, row)


def test_continuation_detector_alone(base, comp):
    ctx = context(base, comp, "Lukaschenko sagte, das Manöver richte sich gegen niemanden. Es gehe um Verteidigung.",
                  [("Lukaschenko", "PER")])
    indirect.detect(ctx, 0)
    continuation.detect(ctx, 1)
    first, second = list(ctx.claims)
    assert second.detector == "continuation" and second.cue is None and second.resolution == "previous"
    assert second.speaker == first.speaker and second.inherited
