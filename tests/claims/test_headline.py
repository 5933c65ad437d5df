"""Headline claims: "Speaker: statement" on the title line."""

from __future__ import annotations

from claims_helpers import NO, Row, check_row, context, rows_param

from newsents.claims import headline

ROWS = [
    Row("Scholz: Keine Taurus-Lieferung an die Ukraine\nBerlin – Der Kanzler bleibt dabei.", (("Scholz", "PER"),),
        content="Keine Taurus-Lieferung an die Ukraine", mode="reported", cue=NO, speaker="Scholz", name="Scholz",
        id="reported-headline"),
    Row("Obama: „Sieg für Sicherheit in der Welt“\nWashington – Der Präsident sprach am Abend.", (("Obama", "PER"),),
        content="„Sieg für Sicherheit in der Welt“", mode="direct", speaker="Obama", id="quoted-headline"),
    Row("Kanzler Scholz: Keine Taurus-Lieferung\nBerlin – Er bleibt dabei.", (("Scholz", "PER"),),
        content="Keine Taurus-Lieferung", speaker="Kanzler Scholz", name="Scholz", id="role-and-name"),
    Row("Mitterlehner: „Das Querschießen muss ein Ende haben“\nWien – Der Streit geht weiter.",
        (("Mitterlehner", "PER"),), content="„Das Querschießen muss ein Ende haben“", mode="direct",
        speaker="Mitterlehner", id="short-quote-headline"),
    Row("Terrorgefahr: Swift-Konzerte in Wien abgesagt\nWien – Die Konzerte fallen aus.", (("Wien", "LOC"),), n=0,
        id="topic-headline-is-no-claim"),
    Row("Scholz: Keine Taurus-Lieferung an die Ukraine. Berlin – Der Kanzler bleibt dabei.", (("Scholz", "PER"),),
        n=0, id="no-title-line-no-headline"),
]


@rows_param(ROWS)
def test_headline(base, comp, comp_drop, row):
    check_row(base, comp, comp_drop, row)


def test_headline_detector_alone(base, comp):
    ctx = context(base, comp, "OECD: Die Arbeitslosigkeit steigt\nParis – Mehr dazu.", [("OECD", "ORG")])
    headline.detect(ctx)
    [draft] = list(ctx.claims)
    assert draft.detector == "headline" and ctx.t.ref(*draft.speaker).text == "OECD"
