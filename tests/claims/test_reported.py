"""Reported statements: laut, zufolge, nach Angaben, wie-clauses, "Das teilte X mit", Demnach,
hearsay, noun objects of flagged verbs and stated intentions (one row per sentence)."""

from __future__ import annotations

from claims_helpers import NO, Row, check_row, context, rows_param

from newsents.claims import reported

ROWS = [
    Row("Laut Polizei wurden drei Menschen verletzt.", (("Polizei", "ORG"),), mode="reported", cue="Laut",
        speaker="Polizei", content="wurden drei Menschen verletzt", id="laut"),
    Row("Dem Innenministerium zufolge ist die Lage ruhig.", (("Innenministerium", "ORG"),), cue="zufolge",
        speaker="Dem Innenministerium", content="ist die Lage ruhig", id="zufolge"),
    Row("Nach Angaben des Roten Kreuzes gab es zehn Tote.", (("Roten Kreuzes", "ORG"),), mode="reported",
        speaker="Angaben des Roten Kreuzes", content="gab es zehn Tote", id="nach-angaben-des"),
    Row("Die Brücke ist gesperrt, wie die Stadt Köln mitteilte.", (("Köln", "LOC"),), mode="reported",
        content="Die Brücke ist gesperrt", speaker="die Stadt Köln", id="wie-mitteilte-after"),
    Row("Die Lage ist ernst, wie Alan Stern, Direktor der NASA, betonte.", (("Alan Stern", "PER"), ("NASA", "ORG")),
        content="Die Lage ist ernst", cue="betonte", speaker="Alan Stern, Direktor der NASA", name="Alan Stern",
        id="wie-after-apposition-comma"),
    Row("Der Flug wird Raffinesse erfordern, wie Alan Stern, Direktor der NASA betont.",
        (("Alan Stern", "PER"), ("NASA", "ORG")), content="Der Flug wird Raffinesse erfordern", cue="betont",
        name="Alan Stern", id="wie-after-apposition-sentence-end"),
    Row("Wie die UN-Mission im Südsudan (UNMISS) mitteilte, flohen die Menschen.",
        (("UN-Mission", "ORG"), ("Südsudan", "LOC"), ("UNMISS", "ORG")), content="flohen die Menschen",
        speaker="die UN-Mission im Südsudan (UNMISS)", name="UNMISS", id="wie-clause-org-seat"),
    Row("Die Armee hat 300 Soldaten entsandt. Das teilte das Verteidigungsministerium mit.",
        content="Die Armee hat 300 Soldaten entsandt", speaker="das Verteidigungsministerium", cue="teilte",
        name="Verteidigungsministerium", resolution="name", id="das-teilte-mit"),
    Row("Der Täter soll vor der Tat getrunken haben.", mode="reported", hearsay=True, speaker=NO, id="hearsay"),
    Row("Die Polizei teilte mit, in der Nacht seien 800 Autos angezündet worden. Die Feuerwehr war im Einsatz. "
        "In Lyon sollen drei Lagerhallen abgebrannt sein.", content="In Lyon sollen drei Lagerhallen abgebrannt sein",
        hearsay=True, speaker="Die Polizei", id="hearsay-source-two-sentences-before"),
    Row("Die Polizei teilte mit, in der Nacht seien 800 Autos angezündet worden.\n\nIn Lyon sollen drei Lagerhallen "
        "abgebrannt sein.", content="In Lyon sollen drei Lagerhallen abgebrannt sein", hearsay=True, speaker=NO,
        id="hearsay-after-paragraph-break"),
    Row("Die Polizei sprach von 800 brennenden Autos.", mode="reported", speaker="Die Polizei",
        content="Die Polizei sprach von 800 brennenden Autos.", id="noun-object"),
    Row("Nach Angaben informierter Kreise betrug das Lösegeld drei Millionen Dollar.", mode="reported", cue="Nach",
        speaker="Angaben informierter Kreise", content="betrug das Lösegeld drei Millionen Dollar",
        id="nach-angaben-genitive-without-article"),
    Row("Nach Angaben Ibrahims wurden 45 Mitglieder verletzt.", (("Ibrahims", "PER"),), mode="reported", cue="Nach",
        speaker="Angaben Ibrahims", content="wurden 45 Mitglieder verletzt", id="nach-angaben-genitive-name-after"),
    Row("Dabei wurden offiziellen chinesischen Angaben zufolge 200 Menschen getötet.", mode="reported",
        cue="zufolge", speaker="offiziellen chinesischen Angaben", id="adjectives-before-the-source-zufolge"),
    Row("Der Zugriff gelang nach Polizeiangaben binnen weniger Minuten.", speaker="Polizeiangaben", cue="nach",
        mode="reported", id="source-compound"),
    Row("Die Sonde fliegt nach NASA-Angaben in nur 200 Kilometern Höhe vorbei.", speaker="NASA-Angaben",
        id="acronym-source-compound"),
    Row("Die Sonde fliegt nach Angaben in nur 200 Kilometern Höhe vorbei.", speaker="Angaben", anonymous=True,
        id="bare-angaben-anonymous"),
    Row("Die Sonde fliegt nach Angaben in nur 200 Kilometern Höhe vorbei.", speaker=NO,
        config={"anonymous_speakers": "drop"}, id="bare-angaben-dropped"),
    Row("Der Minister Kurt Beck hat eigenen Angaben zufolge viele Briefe erhalten.", (("Kurt Beck", "PER"),),
        speaker="eigenen Angaben", cue="zufolge", name="Kurt Beck", resolution="possessive", id="eigene-angaben"),
    Row("Die Firma Holzbau Kern stellt nach eigenen Angaben jährlich 300 Häuser her.", (("Holzbau Kern", "ORG"),),
        speaker="eigenen Angaben", name="Holzbau Kern", id="nach-eigenen-angaben"),
    Row("Wie die Sprecherin des Verbandes, Ute Lorenz, mitteilte, wird das Treffen verschoben.",
        (("Ute Lorenz", "PER"),), cue="mitteilte", content="wird das Treffen verschoben", name="Ute Lorenz",
        id="wie-clause-past-apposition"),
    Row("Der Fernsehsender „Kanal Nord“ berichtete von der Bergung von 56 Verletzten.", mode="reported",
        cue="berichtete", speaker="Der Fernsehsender „Kanal Nord“", id="medium-with-quoted-name"),
    Row("Nach einer Stellungnahme der Armee befand sich der Hubschrauber auf einem Übungsflug.", (("Armee", "ORG"),),
        cue="Nach", speaker="einer Stellungnahme der Armee", id="stellungnahme"),
    Row("Die Kinder sind nach Celebis Angaben in großer Gefahr.", (("Celebis", "PER"),), speaker="Celebis Angaben",
        resolution="possessive", id="genitive-name-angaben"),
    Row("Die Gefahr einer Seuche besteht nach Expertenmeinung vor allem im Winter.", speaker="Expertenmeinung",
        id="expertenmeinung"),
    Row("Senatorin Lisa Brandt kritisierte den Plan. Die Kosten seien ihrer Meinung nach viel zu hoch angesetzt "
        "worden, und das gefährde die Schulen.", (("Lisa Brandt", "PER"),), content="Die Kosten seien",
        speaker="ihrer Meinung", cue="nach", name="Lisa Brandt", resolution="possessive", id="ihrer-meinung-nach"),
    Row("Laut israelischen Behörden gab es zehn Tote und viele Verletzte.", cue="Laut",
        speaker="israelischen Behörden", id="laut-adjective"),
    Row("Laut israelischen Medien gab es zehn Tote und viele Verletzte.", cue="Laut", speaker="israelischen Medien",
        anonymous=True, id="laut-anonymous-media"),
    Row("Dabei hätten Soldaten laut „Reuters“ Warnschüsse in die Luft abgegeben.", (("Reuters", "ORG"),),
        cue="laut", speaker="„Reuters“", name="Reuters", id="laut-name-then-noun"),
    Row("Laut Brasiliens UN-Botschafter Sergio Danese ist die Lage ernst.",
        (("Brasiliens", "LOC"), ("Sergio Danese", "PER")), cue="Laut",
        speaker="Brasiliens UN-Botschafter Sergio Danese", name="Sergio Danese", id="laut-genitive-name-compound-role"),
    Row("Laut Mexikos Innenminister Francisco Ramirez ist die Regierung überwältigt.",
        (("Mexikos", "LOC"), ("Francisco Ramirez", "PER")), cue="Laut",
        speaker="Mexikos Innenminister Francisco Ramirez", name="Francisco Ramirez", id="laut-genitive-name-role"),
    Row("Laut dieser Studie würden viele Familien auf ein Auto verzichten.", speaker="dieser Studie",
        content="würden viele Familien auf ein Auto verzichten", id="laut-determiner"),
    Row("Laut Berliner Polizei ist die Demonstration, zu der ein Bündnis von 167 Gruppen aufgerufen hatte, friedlich "
        "verlaufen.", cue="Laut", speaker="Berliner Polizei", id="relative-cue-does-not-take-over"),
    Row("In den Bergen kam es Informationen des Senders Radio Nord zufolge zu Felsstürzen.", (("Radio Nord", "ORG"),),
        speaker="Informationen des Senders Radio Nord", id="zufolge-head-noun"),
    Row("Das Beben war Berichten der Sender Kanal Nord und Kanal Süd zufolge bis Berlin zu spüren.",
        (("Kanal Nord", "ORG"), ("Kanal Süd", "ORG"), ("Berlin", "LOC")),
        speaker="Berichten der Sender Kanal Nord und Kanal Süd", id="zufolge-coordinated"),
    Row("Nach Angaben der New York Times und der Washington Post ist der Plan gescheitert.",
        (("New York Times", "ORG"), ("Washington Post", "ORG")),
        speaker="Angaben der New York Times und der Washington Post", id="nach-angaben-coordinated"),
    Row("Mehrere Häuser seien zerstört worden, so Polizei- und Militärkreise.", speaker="Polizei- und Militärkreise",
        cue="so", id="truncated-compound"),
    Row("Der Verfassungsschutz berichtete über mehr als 1600 Angriffe im vergangenen Jahr.", mode="reported",
        speaker="Der Verfassungsschutz", cue="berichtete", id="institution-head-noun"),
    Row("Von der Polizei wurden mehrere Festnahmen in der Innenstadt gemeldet.", mode="reported",
        speaker="der Polizei", cue="gemeldet", id="passive-agent"),
    Row("Der Deutsche Wetterdienst rechnet mit schweren Stürmen am Wochenende.", (("Deutsche Wetterdienst", "ORG"),),
        mode="reported", cue="rechnet", speaker="Der Deutsche Wetterdienst", id="stance-rechnen"),
    Row("Die Gewerkschaft Nordbau protestierte gegen die Schließung des Werks.", (("Nordbau", "ORG"),),
        cue="protestierte", id="stance-protestieren"),
    Row("Der Deutsche Wetterdienst geht von einem Temperatursturz aus.", (("Deutsche Wetterdienst", "ORG"),),
        mode="reported", cue="geht",
        speaker="Der Deutsche Wetterdienst", id="noun-object-ausgehen"),
    Row("Die Versicherung Nordsee schätzt den Schaden auf 30 Millionen Euro.", (("Nordsee", "ORG"),),
        mode="reported", cue="schätzt", speaker="Die Versicherung Nordsee", id="noun-object-schaetzen"),
    Row("Die Feuerwehr beziffert den Schaden mit zwei Millionen Euro.", mode="reported", cue="beziffert",
        speaker="Die Feuerwehr", id="noun-object-beziffern"),
    Row("Die Partei XY sprach sich für einen höheren Mindestlohn aus.", (("Partei XY", "ORG"),), mode="reported",
        cue="sprach", speaker="Die Partei XY", id="noun-object-aussprechen"),
    Row("Die Polizei verwies auf die hohe Zahl von Unfällen an der Kreuzung.", mode="reported", cue="verwies",
        speaker="Die Polizei", id="noun-object-verweisen"),
    Row("Analysten sprachen von einem schwachen Quartal.", mode="reported", cue="sprachen", speaker="Analysten",
        anonymous=True, id="noun-object-strong-plural-form"),
    Row("Die Armeeleitung sprach von einem normalen Absturz der Maschine.", mode="reported", cue="sprach",
        speaker="Die Armeeleitung", id="noun-object-leitung"),
    Row("Seit Jahren fordert der mexikanische Staat die Rückgabe des Kunstwerks.", mode="reported", cue="fordert",
        speaker="der mexikanische Staat", id="noun-object-staat"),
    Row("Mehrere Länderparlamente fordern Konsequenzen aus den Affären.", mode="reported", cue="fordern",
        speaker="Mehrere Länderparlamente", id="noun-object-parlamente"),
    Row("Ein Anwohner sprach von lauten Explosionen in der Nacht.", mode="reported", cue="sprach",
        speaker="Ein Anwohner", anonymous=True, id="anonymous-kept"),
    Row("Ein Anwohner sprach von lauten Explosionen in der Nacht.", mode="reported", cue="sprach", speaker=NO,
        config={"anonymous_speakers": "drop"}, id="anonymous-dropped"),
    Row("Wie das Umweltministerium am Dienstag bekannt gab, wird das Kraftwerk im Mai abgeschaltet.",
        (("Umweltministerium", "ORG"),), speaker="das Umweltministerium", cue="gab",
        content="wird das Kraftwerk im Mai abgeschaltet", id="separable-written-apart"),
    Row("Wie aus Regierungskreisen verlautete, soll der Minister bald zurücktreten.", speaker="Regierungskreisen",
        cue="verlautete", anonymous=True, id="wie-aus-kreisen"),
    Row("Die Agentur Nordpress berichtete über einen Brand in Kiel. Demnach wurden drei Menschen leicht verletzt.",
        (("Nordpress", "ORG"), ("Kiel", "LOC")), content="wurden drei Menschen leicht verletzt", cue="Demnach",
        speaker="Die Agentur Nordpress", name="Nordpress", resolution="previous", id="demnach-continues-the-source"),
    Row("Der Abzug soll demnach erst im Herbst beginnen.", cue="demnach", speaker=NO, id="demnach-is-never-a-speaker"),
    Row("Wahlprogramm: Die Partei XY will die Mehrwertsteuer auf Lebensmittel senken.", (("Partei XY", "ORG"),),
        mode="reported", speaker="Die Partei XY", cue=NO, content="Die Partei XY will die Mehrwertsteuer auf "
        "Lebensmittel senken", id="intent-of-an-organisation"),
    Row("Der Fall wird nach Angaben der Staatsanwaltschaft Krefeld „ganz besonders sorgfältig“ geprüft.",
        (("Staatsanwaltschaft Krefeld", "ORG"),), content="Der Fall wird", cue="nach",
        speaker="Angaben der Staatsanwaltschaft Krefeld", id="a-quote-after-the-source-is-not-part-of-it"),
    Row("„Der Täter kam nachts“, sagte sie nach Polizeiangaben.",
        content="„Der Täter kam nachts“", speaker="sie", via="Polizeiangaben", id="source-compound-relays"),
    Row("Kommersant berichtete über Pläne. Dem Bericht zufolge könnten bis zu 1600 Stellen wegfallen.",
        (("Kommersant", "ORG"),), content="könnten bis zu 1600 Stellen wegfallen", speaker="Dem Bericht",
        name="Kommersant", resolution="previous", id="dem-bericht-zufolge"),
]


@rows_param(ROWS)
def test_reported(base, comp, comp_drop, row):
    check_row(base, comp, comp_drop, row)


def test_reported_detector_alone(base, comp):
    ctx = context(base, comp, "Laut Polizei wurden drei Menschen verletzt.", [("Polizei", "ORG")])
    reported.detect(ctx, 0)
    [draft] = list(ctx.claims)
    assert (draft.mode, draft.detector, ctx.t.ref(*draft.cue).text) == ("reported", "reported", "Laut")


def test_hearsay_detector_alone(base, comp):
    ctx = context(base, comp, "Der Täter soll vor der Tat getrunken haben.")
    assert reported.has_hearsay(ctx, 0, ctx.t.n)
    reported.hearsay(ctx, 0)
    [draft] = list(ctx.claims)
    assert draft.hearsay and draft.speaker is None
