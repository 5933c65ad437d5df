"""Indirect speech: a verb of saying with its content clause, ", so X", impersonal sayings in a named
document, dass- and Konjunktiv clauses after unlisted verbs (one row per sentence)."""

from __future__ import annotations

from claims_helpers import NO, Row, check_row, context, rows_param

from newsents.claims import indirect

ROWS = [
    Row("Lukaschenko sagte, das Manöver richte sich gegen kein Nachbarland.", (("Lukaschenko", "PER"),),
        mode="indirect", content="das Manöver richte sich gegen kein Nachbarland", cue="sagte", speaker="Lukaschenko",
        id="sagte-konjunktiv"),
    Row("Die Regierung erklärte, dass die Grenze offen bleibt.", content="dass die Grenze offen bleibt",
        speaker="Die Regierung", id="dass-clause"),
    Row("Die Grenze bleibe offen, sagte Innenministerin Nancy Faeser.", (("Nancy Faeser", "PER"),),
        content="Die Grenze bleibe offen", speaker="Innenministerin Nancy Faeser", name="Nancy Faeser", id="inverted"),
    Row("Dolkun Isa, der Sekretär des Weltkongresses sagte, es sei schwierig.", (("Dolkun Isa", "PER"),),
        content="es sei schwierig", speaker="Dolkun Isa, der Sekretär des Weltkongresses", name="Dolkun Isa",
        id="name-then-apposition-with-article"),
    Row("Nachdem die Anwältin mitgeteilt hatte, dass der Mann gesucht werde, hatte der Richter die Polizei gerufen.",
        content="dass der Mann gesucht werde", speaker="die Anwältin", id="subordinate-cue-then-main-clause"),
    Row("Als der Minister sagte, die Lage sei ernst, war es schon zu spät.", content="die Lage sei ernst",
        speaker="der Minister", id="als-cue-then-main-clause"),
    Row("Der Minister sagte, die Lage sei ernst, und betonte, man werde handeln.", content="die Lage sei ernst",
        cue="sagte", speaker="Der Minister", n=2, id="coordinated-cue-first"),
    Row("Die Behörde bestätigte, dass ein Haftbefehl besteht, und gab an, die Polizei zu informieren.",
        content="die Polizei zu informieren", cue="gab", speaker="Die Behörde", n=2, id="coordinated-cue-second"),
    Row("Das Beben erreichte die Stärke 7,4, teilte der USGS in Denver mit.", (("USGS", "ORG"), ("Denver", "LOC")),
        content="Das Beben erreichte die Stärke 7,4", speaker="der USGS in Denver", name="USGS", id="org-seat"),
    Row("Frank Sichau, der als Sprecher der Fraktion fungiert, erklärte, das Gericht habe versagt.",
        (("Frank Sichau", "PER"),), speaker="Frank Sichau", content="das Gericht habe versagt", id="relative-clause"),
    Row("Laut BBC sagte der Minister Ali Hassan, die Pipeline werde gebaut.", (("BBC", "ORG"), ("Ali Hassan", "PER")),
        speaker="der Minister Ali Hassan", via="BBC", id="laut-relays-a-speech-sentence"),
    Row("Hugo Chávez vertritt die Ansicht, dass die Produktion zu mehr Hunger führt.", (("Hugo Chávez", "PER"),),
        mode="indirect", speaker="Hugo Chávez", content="dass die Produktion zu mehr Hunger führt",
        id="dass-after-unlisted-verb"),
    Row("General Anupong Paochinda, Oberbefehlshaber der Armee, hat angekündigt, er werde keine Soldaten einsetzen.",
        (("Anupong Paochinda", "PER"),), content="er werde keine Soldaten einsetzen", name="Anupong Paochinda",
        id="apposition-then-auxiliary"),
    Row("Schoigu sagte, man sei bereit, zitierte ihn die Agentur Belta.", (("Schoigu", "PER"), ("Belta", "ORG")),
        mode="indirect", content="man sei bereit", speaker="Schoigu", via="die Agentur Belta", id="trailing-relay"),
    Row("Auch auf mehrmalige Nachfrage aus dem Publikum musste er betonen, dass es kaum Daten gebe.", speaker="er",
        cue="betonen", id="adjective-in-pp"),
    Row("Ein hoher Beamter, den die Zeitung Nordblatt zitiert, kommentierte, die Erklärung sei ein bloßes Manöver.",
        (("Nordblatt", "ORG"),), cue="kommentierte", content="die Erklärung sei ein bloßes Manöver",
        id="cue-in-relative-clause"),
    Row("Die Kritik gilt den Banken der Welt, denen unter anderem Rafael Correa vorwirft, die Krise verursacht zu "
        "haben.", (("Rafael Correa", "PER"),), cue="vorwirft", speaker="Rafael Correa", id="unter-anderem"),
    Row("Der Angriff sei eine Strafe für alle Verräter, so der Sprecher der Bewegung, Omar Said.",
        (("Omar Said", "PER"),), speaker="der Sprecher der Bewegung, Omar Said", name="Omar Said",
        id="so-apposition-name"),
    Row("Der Korrespondent in Lima, Tom Weller, berichtete, dass die Erde lange gebebt habe.",
        (("Lima", "LOC"), ("Tom Weller", "LOC")), speaker="Der Korrespondent in Lima, Tom Weller", name="Tom Weller",
        id="apposition-with-wrong-label"),
    Row("Ministerin Ursula von der Leyen besuchte die Schule. Von der Leyen betonte, die Lehrer seien gut ausgebildet.",
        (("Ursula von der Leyen", "PER"),), speaker="Von der Leyen", cue="betonte", name="Ursula von der Leyen",
        id="particle-surname"),
    Row("Das Umweltministerium erklärte, von solchen Absprachen nichts zu wissen.", (("Umweltministerium", "ORG"),),
        mode="indirect", speaker="Das Umweltministerium", content="von solchen Absprachen nichts zu wissen",
        id="zu-infinitive"),
    Row("Unterdessen ruft die Vereinigung der Mönche, eine in Rangun ansässige Gruppe, alle Mönche dazu auf, keine "
        "Almosen anzunehmen.", (("Rangun", "LOC"),), cue="ruft", content="keine Almosen anzunehmen",
        id="separable-after-apposition"),
    Row("Das Bau- und Verkehrsministerium hat angekündigt, dem Konzern die Lizenz zu entziehen.",
        speaker="Das Bau- und Verkehrsministerium", id="vorfeld-coordination"),
    Row("Der Wetterdienst in Offenbach teilte mit, dass der Sturm nachlasse.", (("Offenbach", "LOC"),),
        speaker="Der Wetterdienst in Offenbach", id="vorfeld-place"),
    Row("Er akzeptierte seine Niederlage und gab zu, dass der Gegner sehr stark gewesen sei.", speaker="Er",
        id="und-gab-zu"),
    Row("Der Deutsche Journalisten-Verband (DJV) kritisierte, dass die Regeln zu streng seien.",
        (("Deutsche Journalisten-Verband", "ORG"),), speaker="Der Deutsche Journalisten-Verband (DJV)",
        id="bracketed-acronym"),
    Row("In einem Positionspapier des Innenministeriums heißt es, die Regeln hätten sich bewährt.", mode="indirect",
        cue="heißt es", speaker="einem Positionspapier des Innenministeriums", content="die Regeln hätten sich bewährt",
        id="heisst-es-in-document"),
    Row("Die Wahlkommission vertrat den Standpunkt, das Gericht sei dafür nicht zuständig.",
        (("Wahlkommission", "ORG"),), mode="indirect", speaker="Die Wahlkommission",
        content="das Gericht sei dafür nicht zuständig", id="konjunktiv-after-unlisted-verb"),
    Row("Aus Unternehmenskreisen verlautete, dass das Werk geschlossen werde.", mode="indirect",
        speaker="Unternehmenskreisen", anonymous=True, id="verlauten-aus"),
    Row("Die Lage sei ernst, sagte Ortsvorsteher Jan Pohl der Tageszeitung „Neues Blatt“.", (("Jan Pohl", "PER"),),
        speaker="Ortsvorsteher Jan Pohl", n=1, id="medium-is-not-content"),
    Row("Martin Berg, Sprecher des Mieterbundes kommentierte den Beschluss mit den Worten: „Das ist ein guter Tag.“",
        (("Martin Berg", "PER"), ("Mieterbundes", "ORG")), speaker="Martin Berg, Sprecher des Mieterbundes",
        name="Martin Berg", affiliation="Mieterbundes", id="name-before-role-apposition"),
    Row("Die Arbeitslosigkeit werde steigen, sagte Stefano Scarpetta von der OECD.",
        (("Stefano Scarpetta", "PER"), ("OECD", "ORG")), speaker="Stefano Scarpetta von der OECD",
        name="Stefano Scarpetta", affiliation="OECD", id="person-von-affiliation"),
    Row("Renate Anderl vom ÖGB sagte, man brauche Hilfe.", (("Renate Anderl", "PER"), ("ÖGB", "ORG")),
        name="Renate Anderl", affiliation="ÖGB", id="person-vom-affiliation"),
    Row("Kremlsprecher Peskow sagte laut der Agentur Interfax, die Lieferungen änderten nichts an den Zielen Moskaus.",
        (("Peskow", "PER"), ("Interfax", "ORG"), ("Moskaus", "LOC")), mode="indirect", speaker="Kremlsprecher Peskow",
        via="der Agentur Interfax", content="die Lieferungen änderten nichts an den Zielen Moskaus",
        id="laut-inside-speech-clause"),
    Row("Wie die Agentur Tass berichtete, teilte der FSB mit, die Maßnahmen seien vorübergehend.",
        (("Tass", "ORG"), ("FSB", "ORG")), speaker="der FSB", name="FSB", via="die Agentur Tass",
        content="die Maßnahmen seien vorübergehend", id="wie-relays-teilte-mit"),
    Row("Das Querschießen muss ein Ende haben, sagte Mitterlehner: Ein neuer Anfang und neue Regeln müssen her.",
        (("Mitterlehner", "PER"),), speaker="Mitterlehner", name="Mitterlehner", id="fronted-clause-is-no-subject"),
    Row("Finanzvorstand Ralf Thomas sagte, die Kunden bauten dort derzeit ihre Lagerbestände ab.",
        (("Ralf Thomas", "PER"),), mode="indirect", content="die Kunden bauten dort derzeit ihre Lagerbestände ab",
        name="Ralf Thomas", id="indicative-main-clause-after-sagte"),
    Row("Zu dem geplanten Manöver sagte Selenskyj, man sei vorbereitet.", (("Selenskyj", "PER"),), cue="sagte",
        speaker="Selenskyj", id="attributive-participle-is-no-cue"),
    Row("Die Zahl sei hoch – so Herles – und steige weiter.", (("Herles", "PER"),), cue="so", speaker="Herles",
        mode="indirect", id="inserted-so-with-dashes"),
    Row("Das Problem sei vielmehr, so der Präsident laut BBC, dass das Gas ersetzt werden solle.",
        (("BBC", "ORG"),), cue="so", speaker="der Präsident", via="BBC",
        content="Das Problem sei vielmehr, so der Präsident laut BBC, dass das Gas ersetzt werden solle",
        id="inserted-so-relay-then-dass"),
    Row("Eine Krise sei nicht zu befürchten, so Notenbankchef Ben Bernanke, bewirkte aber das Gegenteil.",
        (("Ben Bernanke", "PER"),), cue="so", content="Eine Krise sei nicht zu befürchten",
        id="inserted-so-then-narrative"),
    Row("Das Paket sei, so der Außenbeauftragte Josep Borrell, ein wichtiger Schritt.", (("Josep Borrell", "PER"),),
        cue="so", name="Josep Borrell", content="Das Paket sei, so der Außenbeauftragte Josep Borrell, ein wichtiger "
        "Schritt", id="inserted-so-with-commas"),
    Row("Varoufakis' Antwort: Das sei Erpressung.", (("Varoufakis'", "PER"),), cue="Antwort", speaker="Varoufakis'",
        name="Varoufakis", mode="indirect", content="Das sei Erpressung", id="genitive-name-antwort"),
    Row("Chrenin sagte, die Übung beginne im April. Der Kreml-Chef habe die Pläne gebilligt, hieß es aus Moskau.",
        (("Chrenin", "PER"), ("Moskau", "LOC")), content="Der Kreml-Chef habe die Pläne gebilligt", cue="hieß es",
        speaker="Moskau", name="Moskau", id="hiess-es-aus-place-after-the-content"),
    Row("Aus Delegationskreisen hieß es, der Besuch sei geheim gehalten worden.", cue="hieß es",
        speaker="Delegationskreisen", anonymous=True, name=NO, id="hiess-es-aus-circles"),
]


@rows_param(ROWS)
def test_indirect(base, comp, comp_drop, row):
    check_row(base, comp, comp_drop, row)


def test_indirect_detector_alone(base, comp):
    ctx = context(base, comp, "Lukaschenko sagte, das Manöver richte sich gegen niemanden.", [("Lukaschenko", "PER")])
    indirect.detect(ctx, 0)
    [draft] = list(ctx.claims)
    assert (draft.mode, draft.detector) == ("indirect", "indirect")
    assert ctx.t.ref(*draft.content).text == "das Manöver richte sich gegen niemanden"
