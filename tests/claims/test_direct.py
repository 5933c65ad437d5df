"""Direct speech: quotes with their cue before or after, split quotes, cue-less continuations and
quotes nested in indirect or reported speech (one row per sentence)."""

from __future__ import annotations

from claims_helpers import NO, Row, check_row, context, rows_param

from newsents.claims import direct

ROWS = [
    Row("Der Beschluss sieht vor, dass die Daten gespeichert werden. „Wir können die Daten nicht vernichten.“",
        mode="direct", content="„Wir können die Daten nicht vernichten.“", speaker=NO,
        id="cueless-quote-takes-no-speaker-from-a-claim-that-names-no-source"),
    Row("Der Fund sei sensationell, berichtete die Deutsche Presse-Agentur (dpa).",
        (("Deutsche Presse-Agentur", "ORG"),),
        mode="indirect", content="Der Fund sei sensationell", speaker="die Deutsche Presse-Agentur (dpa)",
        id="lowercase-acronym-in-brackets-belongs-to-the-speaker"),
    Row("So sagte Olli Rehn, EU-Erweiterungskommissar: „Das ist ein guter Tag.“", (("Olli Rehn", "PER"),),
        mode="direct", content="„Das ist ein guter Tag.“", cue="sagte", speaker="Olli Rehn",
        id="cue-clause-before-an-apposition-and-colon"),
    Row("Die Behörden beschuldigten die Männer, Mitglieder von „Al-Qaida“ zu sein.", n=1,
        id="quoted-name-inside-indirect-speech"),
    Row("Das Angebot lehnt er jedoch ab: „Das lasse ich nicht zu.“", mode="direct",
        content="„Das lasse ich nicht zu.“", cue="lehnt", speaker="er",
        id="colon-after-a-clause-without-a-verb-of-saying"),
    Row("Die Lage ist klar: „Wir müssen handeln.“", n=0, id="colon-after-a-clause-whose-subject-makes-no-statement"),
    Row("„Das ist falsch“, sagte Verteidigungsminister Sergej Schoigu am Montag.", (("Sergej Schoigu", "PER"),),
        mode="direct", content="„Das ist falsch“", cue="sagte", speaker="Verteidigungsminister Sergej Schoigu",
        name="Sergej Schoigu", resolution="name", id="cue-after"),
    Row("Schoigu sagte: „Wir sind bereit.“", (("Schoigu", "PER"),), mode="direct", content="„Wir sind bereit.“",
        cue="sagte", speaker="Schoigu", id="cue-before-colon"),
    Row("„Wir kämpfen“, so Schoigu, „bis zum Ende.“", (("Schoigu", "PER"),),
        content="„Wir kämpfen“, so Schoigu, „bis zum Ende.“", cue="so", speaker="Schoigu", id="split-quote"),
    Row("„Die Lage ist ernst. Wir müssen handeln. Sofort.“, sagte Merkel.", (("Merkel", "PER"),),
        content="„Die Lage ist ernst. Wir müssen handeln. Sofort.“", speaker="Merkel", id="several-sentences"),
    Row("»Wir bleiben hier«, sagte Scholz.", (("Scholz", "PER"),), mode="direct", speaker="Scholz", id="guillemets"),
    Row('"Wir bleiben hier", sagte Scholz.', (("Scholz", "PER"),), mode="direct", speaker="Scholz", id="ascii-quotes"),
    Row("&bdquo;Wir bleiben hier&ldquo;, sagte Scholz.", (("Scholz", "PER"),), mode="direct", speaker="Scholz",
        id="html-entities"),
    Row("Scholz sagte: „Wir bleiben hier.“ „Niemand wird uns vertreiben.“", (("Scholz", "PER"),),
        content="„Niemand wird uns vertreiben.“", cue=NO, speaker="Scholz", resolution="previous", n=2,
        id="cue-less-continuation"),
    Row("Der Staatsanwalt sagte, der Mann habe „bewusst und gewollt“ gehandelt.", content="„bewusst und gewollt“",
        mode="direct", speaker="Der Staatsanwalt", n=2, id="nested-in-indirect"),
    Row("Die „schwer bewaffneten Wachleute“ hätten „mehrere Gäste grundlos geschlagen“, so Brenner.",
        (("Brenner", "PER"),), content="„mehrere Gäste grundlos geschlagen“", mode="direct", speaker="Brenner", n=3,
        id="nested-before-so"),
    Row("Die Stadt meldete einen Unfall. Bürgermeisterin Kaya meinte nun, der Fahrer „konnte und wollte sich nicht "
        "an die Regeln halten“.", (("Kaya", "PER"),), content="„konnte und wollte sich nicht an die Regeln halten“",
        speaker="Bürgermeisterin Kaya", id="quote-in-content-clause"),
    Row("Der Roman ist laut Jurorin Anna Berg eine „kluge und komische Geschichte über das Leben“.",
        (("Anna Berg", "PER"),), content="„kluge und komische Geschichte über das Leben“", speaker="Jurorin Anna Berg",
        name="Anna Berg", id="quote-in-laut-sentence"),
    Row("Der Sprecher, Steffen Lorenz, versuchte mit den Worten zu beruhigen: „Der Fonds ist stabil.“",
        (("Steffen Lorenz", "PER"),), mode="direct", cue="mit den Worten", speaker="Der Sprecher, Steffen Lorenz",
        name="Steffen Lorenz", id="mit-den-worten"),
    Row("Der örtlichen Zeitung sagte Anna Brenner: „Ich werde weiter für die Freiheit kämpfen.“",
        (("Anna Brenner", "PER"),), speaker="Anna Brenner", cue="sagte", id="fronted-dative-medium"),
    Row("Der Sprecher der Zeitung sagte: „Wir drucken weiter wie bisher.“", speaker="Der Sprecher der Zeitung",
        name=NO, id="medium-inside-subject"),
    Row("„Wir bauen neu“, sagte Holm. Der Plan bleibe „eine Aufgabe für die nächsten zehn Jahre.“", (("Holm", "PER"),),
        content="„eine Aufgabe für die nächsten zehn Jahre.“", speaker="Holm", id="embedded-quote-alone"),
    Row("Die Polizei sprach mit allen. John Berg von der Hilfsorganisation Nordhilfe sagte, dass, „wenn sich die "
        "Vorwürfe bestätigen, dies ein schweres Verbrechen wäre.“", (("John Berg", "PER"), ("Nordhilfe", "ORG")),
        content="„wenn sich die Vorwürfe bestätigen, dies ein schweres Verbrechen wäre.“",
        speaker="John Berg von der Hilfsorganisation Nordhilfe", cue="sagte", name="John Berg",
        affiliation="Nordhilfe", id="quote-after-dass"),
    Row("Anna Holm, eine Vertreterin der Gruppe „Grüne Insel Nord“, kommentierte die Entscheidung laut „tagesschau.de“ "
        "mit folgenden Worten: „Es gibt hier keinen Markt dafür.“", (("Anna Holm", "PER"),),
        content="„Es gibt hier keinen Markt dafür.“", name="Anna Holm", id="name-quotes-around-the-subject"),
    Row("Von der Bühne rief er: „Wir bleiben hier!“", speaker="er", id="von-der-is-no-name-here"),
    Row("Die Anwältin Eva Roth gab an, dass ihre Mandantin „große Angst hatte“.", (("Eva Roth", "PER"),),
        content="„große Angst hatte“", mode="direct", speaker="Die Anwältin Eva Roth", n=2, id="lowercase-short-quote"),
    Row("Der Minister Jan Pohl nannte den Plan einen „groben Unfug ohne jeden Sinn“.", (("Jan Pohl", "PER"),),
        mode="direct", n=1, id="nennen-names-the-quote"),
    Row("Der Verband warnte vor einem „gefährlichen Abbau von Stellen“ im ganzen Land.", (("Verband", "ORG"),),
        content="„gefährlichen Abbau von Stellen“", mode="direct", speaker="Der Verband", n=2,
        id="quote-in-noun-object"),
    Row("Lukaschenko kam nach Moskau. „Wir werden siegen“, zitierte ihn die Agentur Belta.",
        (("Lukaschenko", "PER"), ("Moskau", "LOC"), ("Belta", "ORG")), speaker="ihn", name="Lukaschenko",
        resolution="pronoun", via="die Agentur Belta", id="relay-zitierte-ihn"),
    # issue 17
    Row("„Sie fühlen sich hier wirklich wie zu Hause“, wurde Schoigu von der staatlichen belarussischen "
        "Nachrichtenagentur Belta zitiert.", (("Schoigu", "PER"), ("Belta", "ORG")), speaker="Schoigu",
        name="Schoigu", via="der staatlichen belarussischen Nachrichtenagentur Belta", id="relay-passive-zitiert"),
    Row("„Wir wissen, dass wir nicht allein sind“, sagte Selenskyj. Deutschland habe der Ukraine sehr geholfen, "
        "fügte er hinzu.", (("Selenskyj", "PER"), ("Deutschland", "LOC"), ("Ukraine", "LOC")),
        content="„Wir wissen, dass wir nicht allein sind“", speaker="Selenskyj", name="Selenskyj", n=2,
        id="selenskyj-then-er-1"),
    Row("„Wir zeigen, dass unsere Armeen zusammenarbeiten können“, sagte Schoigu nach Angaben seines Ministeriums.",
        (("Schoigu", "PER"),), speaker="Schoigu", via="seines Ministeriums", id="via-is-the-owner-not-angaben"),
    Row("Bundeskanzler Olaf Scholz hat die geplante Militärübung als „ein Signal, das wir ernst nehmen“ bezeichnet.",
        (("Olaf Scholz", "PER"),), cue="bezeichnet", speaker="Bundeskanzler Olaf Scholz", name="Olaf Scholz",
        id="cue-after-the-quote-closes-the-clause"),
]


@rows_param(ROWS)
def test_direct(base, comp, comp_drop, row):
    check_row(base, comp, comp_drop, row)


def test_direct_detector_alone(base, comp):
    ctx = context(base, comp, "„Wir bleiben hier“, sagte Scholz.", [("Scholz", "PER")])
    assert direct.detect(ctx, 0) == 1
    [draft] = list(ctx.claims)
    assert draft.mode == "direct" and draft.detector == "direct"
    assert ctx.t.ref(*draft.speaker).text == "Scholz" and draft.resolution == "name"


def test_segments_stop_at_sentence_and_paragraph(base, comp):
    ctx = context(base, comp, "Er kam.\n„Wir bleiben“, sagte er. Dann ging er.")
    qs, qe, _ = ctx.t.quotes[0]
    s, e = direct.segment_after(ctx, qe)
    assert [ctx.t.text[i] for i in range(s, e)] == [",", "sagte", "er"]
    assert direct.segment_before(ctx, qs) == (qs, qs)
