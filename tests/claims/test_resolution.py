"""Speaker resolution: the entity a speaker phrase refers to (pronouns by gender, number and
salience; role nouns by role, party and age; class nouns; possessives; affiliations; anonymous
sources), one row per short text, and the resolver alone."""

from __future__ import annotations

from claims_helpers import NO, Row, check_row, context, rows_param

ROWS = [
    # pronouns
    Row("Sergej Schoigu besuchte am Montag Minsk. Später erklärte er, die Truppen würden abziehen.",
        (("Sergej Schoigu", "PER"), ("Minsk", "LOC")), speaker="er", name="Sergej Schoigu", resolution="pronoun",
        id="er-last-person"),
    Row("Minister Jan Pohl traf Ministerin Anna Berg. Er sagte, die Gespräche seien gut gewesen.",
        (("Jan Pohl", "PER"), ("Anna Berg", "PER")), name="Jan Pohl", id="er-by-role-gender"),
    Row("Ministerin Anna Berg traf Minister Jan Pohl. Sie sagte, die Gespräche seien gut gewesen.",
        (("Anna Berg", "PER"), ("Jan Pohl", "PER")), name="Anna Berg", id="sie-by-role-gender"),
    Row("Anna Berg traf Jan Pohl. Sie sagte, die Gespräche seien gut gewesen.",
        (("Anna Berg", "PER"), ("Jan Pohl", "PER")), name="Anna Berg", id="sie-by-first-name"),
    Row("Anna Berg traf Jan Pohl. Er sagte, die Gespräche seien gut gewesen.",
        (("Anna Berg", "PER"), ("Jan Pohl", "PER")), name="Jan Pohl", id="er-by-first-name"),
    Row("Wolodymyr Selenskyj traf Swetlana Tichanowskaja. Sie sagte, die Gespräche seien gut gewesen.",
        (("Wolodymyr Selenskyj", "PER"), ("Swetlana Tichanowskaja", "PER")), name="Swetlana Tichanowskaja",
        id="curated-foreign-first-name"),
    Row("Frau Berg traf Jan Pohl. Sie sagte, die Gespräche seien gut gewesen.", (("Berg", "PER"), ("Jan Pohl", "PER")),
        name="Berg", id="frau-marks-the-gender"),
    Row("„Wir sind bereit“, sagte Olaf Scholz. Die Lage sei ernst, fügte er hinzu.", (("Olaf Scholz", "PER"),),
        content="Die Lage sei ernst", speaker="er", name="Olaf Scholz", resolution="pronoun", id="last-speaker"),
    Row("Annalena Baerbock besuchte Kiew. Dmytro Kuleba traf sie am Bahnhof. Jan Pohl kam später. Tom Berg auch. "
        "Sie betonte, Russland setze auf Zermürbung.", (("Annalena Baerbock", "PER"), ("Kiew", "LOC"),
        ("Dmytro Kuleba", "PER"), ("Jan Pohl", "PER"), ("Tom Berg", "PER"), ("Russland", "LOC")),
        content="Russland setze auf Zermürbung", name="Annalena Baerbock", id="sie-beyond-the-window"),
    Row("Die Gewerkschaft Nordbau protestierte. Sie forderten, dass das Werk bleibt.", (("Nordbau", "ORG"),),
        content="dass das Werk bleibt", name="Nordbau", resolution="pronoun", id="plural-sie-organisation"),
    Row("Die IG Metall erklärte sich. „Ohne die Belegschaft gäbe es diesen Gewinn nicht“, schrieb sie.",
        (("IG Metall", "ORG"),), content="„Ohne die Belegschaft gäbe es diesen Gewinn nicht“", name="IG Metall",
        id="sie-organisation-without-a-woman"),
    Row("Neuer Chef wird ein General, Heereskommandeur Abdel Kader Dschassim, der vor dem Parlament betonte, er sei "
        "bereit.", (("Abdel Kader Dschassim", "PER"),), speaker="der", name="Abdel Kader Dschassim",
        resolution="pronoun", id="relative-pronoun-refers-to-the-phrase-before-the-comma"),
    Row("Einer der 13 beteiligten Feuerwehrmänner sagte: „Ich habe schon viel gesehen.“",
        speaker="Einer der 13 beteiligten Feuerwehrmänner", name=NO, id="partitive-einer-der"),
    # role nouns
    Row("Sergej Schoigu besuchte am Montag Minsk. Der Minister sagte, die Lage sei ruhig.",
        (("Sergej Schoigu", "PER"), ("Minsk", "LOC")), speaker="Der Minister", name="Sergej Schoigu", resolution="role",
        id="der-minister"),
    Row("Bundeskanzler Olaf Scholz traf Annalena Baerbock. Der Kanzler sagte, die Lage sei ernst.",
        (("Olaf Scholz", "PER"), ("Annalena Baerbock", "PER")), speaker="Der Kanzler", name="Olaf Scholz",
        resolution="role", id="der-kanzler-by-title"),
    Row("Olaf Scholz (SPD) traf Annalena Baerbock (Grüne). Die Grünen-Politikerin sagte, man helfe.",
        (("Olaf Scholz", "PER"), ("SPD", "ORG"), ("Annalena Baerbock", "PER"), ("Grüne", "ORG")),
        name="Annalena Baerbock", resolution="role", id="party-politikerin"),
    Row("Stephan Weil (SPD) traf Markus Söder. Der SPD-Politiker sagte, man helfe.",
        (("Stephan Weil", "PER"), ("SPD", "ORG"), ("Markus Söder", "PER")), name="Stephan Weil", id="party-politiker"),
    Row("Die Agentur Belta meldete den Besuch von Alexander Lukaschenko. Der 68-Jährige sagte, er sei zufrieden.",
        (("Belta", "ORG"), ("Alexander Lukaschenko", "PER")), content="er sei zufrieden", speaker="Der 68-Jährige",
        name="Alexander Lukaschenko",
        id="age-without-an-age-given"),
    Row("Dmitri Peskow (56) traf Jan Pohl. Der 56-Jährige sagte, alles sei gut.",
        (("Dmitri Peskow", "PER"), ("Jan Pohl", "PER")), name="Dmitri Peskow", resolution="role", id="age-in-brackets"),
    Row("Ella Pamfilowa, 70, leitet die Wahl. Die 70-Jährige sagte: „Alles ist ruhig.“", (("Ella Pamfilowa", "PER"),),
        name="Ella Pamfilowa", id="age-in-commas"),
    Row("Vizekanzler Reinhold Mitterlehner rief zur Ordnung. Der ÖVP-Chef betonte, er stehe zum Programm.",
        (("Reinhold Mitterlehner", "PER"),), name="Reinhold Mitterlehner", id="party-chef"),
    Row("Finanzministerin Karin Keller-Sutter (FDP) sprach mit Colm Kelleher. Die Finanzministerin betonte, die Bank "
        "sei stabil.", (("Karin Keller-Sutter", "PER"), ("FDP", "ORG"), ("Colm Kelleher", "PER")),
        content="die Bank sei stabil", name="Karin Keller-Sutter", id="feminine-role-compound"),
    # class nouns
    Row("Das Verteidigungsministerium meldete Kämpfe. Das Ministerium teilte mit, es gebe Verletzte.",
        speaker="Das Ministerium", name="Verteidigungsministerium", resolution="role",
        content="es gebe Verletzte", id="das-ministerium"),
    Row("Der Technologiekonzern Siemens hat Gewinn erzielt. Das Unternehmen teilte mit, der Gewinn habe sich "
        "verdoppelt.", (("Siemens", "ORG"),), speaker="Das Unternehmen", name="Siemens", id="das-unternehmen"),
    Row("Der russische Inlandsgeheimdienst FSB hat die Kontrollen verstärkt. Der Geheimdienst erklärte, die Lage sei "
        "ruhig.", (("FSB", "ORG"),), content="die Lage sei ruhig", speaker="Der Geheimdienst", name="FSB",
        id="der-geheimdienst"),
    Row("Der russische Energiekonzern Gazprom meldete Verluste. Der Konzern erklärte, die Exporte fehlten.",
        (("Gazprom", "ORG"),), content="die Exporte fehlten", name="Gazprom", id="der-konzern"),
    Row("Die EU-Kommission legte den Entwurf vor. Die Kommission teilte mit, das Paket ziele auf Flüssiggas.",
        (("EU-Kommission", "ORG"),), content="das Paket ziele auf Flüssiggas", name="EU-Kommission",
        id="die-kommission"),
    Row("In Wien fielen Schüsse. Das teilte die Landespolizeidirektion Wien mit. Ein Sprecher sagte, alles sei "
        "unklar. Augenzeugen berichteten, "
        "sie hätten Schüsse gehört. Zwei Männer seien geflohen. Die Behörde betonte, es bestehe keine Gefahr.",
        (("Wien", "LOC"), ("Landespolizeidirektion Wien", "ORG")), content="es bestehe keine Gefahr",
        name="Landespolizeidirektion Wien", id="die-behoerde-far-back"),
    Row("Das Landgericht München II verurteilte den Mann. Das Gericht erklärte, die Tat sei geplant gewesen.",
        (("Landgericht München II", "ORG"),), content="die Tat sei geplant gewesen", name="Landgericht München II",
        resolution="role", id="das-gericht-heads-the-compound-of-the-name"),
    Row("Die Europäische Zentralbank senkte den Leitzins. Die Notenbank erklärte, die Inflation sinke.",
        (("Europäische Zentralbank", "ORG"),), content="die Inflation sinke", name="Europäische Zentralbank",
        resolution="role", id="die-notenbank-is-a-class-noun-not-a-designation"),
    Row("Naftogaz meldete einen Angriff auf ein Gaslager. Nach Angaben des Unternehmens wurde niemand verletzt.",
        (("Naftogaz", "ORG"),), content="wurde niemand verletzt", speaker="Angaben des Unternehmens", name="Naftogaz",
        id="angaben-des-unternehmens-the-owner-by-class-noun"),
    Row("Der Chipkonzern TSMC baut in Dresden. Bosch ist an dem Werk beteiligt. Der Konzern erklärte, die Chips "
        "seien unverzichtbar.", (("TSMC", "ORG"), ("Dresden", "LOC"), ("Bosch", "ORG")),
        content="die Chips seien unverzichtbar", name="Bosch", resolution="role",
        id="der-konzern-the-company-just-named-before-an-earlier-description"),
    Row("Ryanair meldete Verluste. Die Zahl der Passagiere sank. Der Konzern erklärte, die Lage sei schwierig.",
        (("Ryanair", "ORG"),), content="die Lage sei schwierig", name="Ryanair", resolution="role",
        id="der-konzern-nearest-organisation"),
    Row("Siemens hat 500 Stellen gestrichen. Die Bundesnetzagentur sagte, die Netze seien sicher. Der Konzern "
        "erklärte, die Aufträge seien gestiegen.", (("Siemens", "ORG"), ("Bundesnetzagentur", "ORG")),
        content="die Aufträge seien gestiegen", name="Siemens", resolution="role", id="der-konzern-not-an-authority"),
    Row("Volkswagen meldete Gewinne. Das Kraftfahrt-Bundesamt prüfte die Motoren. Die Behörde erklärte, die Werte "
        "seien zu hoch.", (("Volkswagen", "ORG"), ("Kraftfahrt-Bundesamt", "ORG")), content="die Werte seien zu hoch",
        name="Kraftfahrt-Bundesamt", resolution="role", id="die-behoerde-not-a-company"),
    Row("Die Bundesregierung lobte den Plan. Ryanair sagte, die Preise stiegen. Das Unternehmen erklärte, die Lage "
        "sei ernst.", (("Bundesregierung", "ORG"), ("Ryanair", "ORG")), content="die Lage sei ernst", name="Ryanair",
        resolution="role", id="das-unternehmen-last-company"),
    Row("Die Piper PA-34 Seneca stürzte ab. Die Polizei erklärte, es gebe keine Überlebenden.",
        (("Piper PA-34 Seneca", "ORG"),), content="es gebe keine Überlebenden", speaker="Die Polizei", name=NO,
        id="die-polizei-names-itself"),
    Row("Olaf Scholz besuchte Kiew. Scholz sagte, die Hilfe gehe weiter.", (("Olaf Scholz", "PER"), ("Kiew", "LOC"),
        ("Scholz", "PER")), speaker="Scholz", name="Olaf Scholz", resolution="name", id="surname-takes-the-full-name"),
    Row("Das Verteidigungsministerium erklärte, die Lage sei ruhig.", speaker="Das Verteidigungsministerium",
        name="Verteidigungsministerium", resolution="name", id="designation-without-entity"),
    Row("Nach Angaben des Verteidigungsministeriums gab es keine Toten.",
        speaker="Angaben des Verteidigungsministeriums", name="Verteidigungsministerium", id="designation-genitive"),
    # possessives
    Row("Vorstandschef Roland Busch stellte die Zahlen vor. Seinen Worten zufolge schwächelt das Geschäft in China.",
        (("Roland Busch", "PER"),), speaker="Seinen Worten", name="Roland Busch", resolution="possessive",
        id="seinen-worten"),
    Row("Der Minister Mykola Oleschtschuk sprach. Seinen Angaben nach wurden drei Drohnen abgeschossen.",
        (("Mykola Oleschtschuk", "PER"),), speaker="Seinen Angaben", cue="nach", name="Mykola Oleschtschuk",
        id="seinen-angaben-nach"),
    Row("Robert Habeck stellte den Plan vor. Habecks Angaben zufolge sinken die Preise.",
        (("Robert Habeck", "PER"), ("Habecks", "PER")), speaker="Habecks Angaben", name="Robert Habeck",
        resolution="possessive", id="genitive-name-angaben-resolves"),
    Row("Der Konzern Gazprom machte Verlust. Eigenen Angaben zufolge belief sich das Minus auf 629 Milliarden Rubel.",
        (("Gazprom", "ORG"),), speaker="Eigenen Angaben", name="Gazprom", id="eigene-angaben-previous-subject"),
    Row("Deutschlands höchster Richter sagte, das Gesetz sei verfassungswidrig.", (("Deutschlands", "LOC"),),
        speaker="Deutschlands höchster Richter", name=NO, id="place-genitive-opens-role-phrase"),
    Row("Moskau (AFP) – Der Konzern Gazprom machte Verlust. Eigenen Angaben zufolge belief sich das Minus auf 629 "
        "Milliarden Rubel.", (("Moskau", "LOC"), ("Gazprom", "ORG")), speaker="Eigenen Angaben", name="Gazprom",
        id="eigene-angaben-subject-after-dateline"),
    Row("Eigenen Angaben zufolge hat Gazprom 629 Milliarden Rubel verloren.", (("Gazprom", "ORG"),),
        speaker="Eigenen Angaben", name="Gazprom", id="eigene-angaben-later-subject"),
    # affiliations and anonymous sources
    Row("Ein Sprecher des Ministeriums sagte, der Plan sei solide.", speaker="Ein Sprecher des Ministeriums",
        name=NO, anonymous=True, affiliation="Ministeriums", id="anonymous-with-affiliation"),
    Row("Ein Sprecher des Kreml wies die Kritik zurück, die Lage sei ruhig.", (("Kreml", "ORG"),),
        speaker="Ein Sprecher des Kreml", name=NO, affiliation="Kreml", id="no-entity-for-an-unnamed-spokesman"),
    Row("Ein Polizeisprecher sagte, der Fahrer sei geflohen.", speaker="Ein Polizeisprecher", name=NO,
        id="compound-spokesman"),
    Row("Ein Polizeisprecher sagte, der Fahrer sei geflohen.", speaker="Ein Polizeisprecher",
        config={"anonymous_speakers": "drop"}, id="compound-spokesman-not-dropped"),
    Row("Ein Sprecher sagte, man prüfe den Fall.", speaker="Ein Sprecher", anonymous=True, name=NO,
        id="ein-sprecher-kept"),
    Row("Ein Sprecher sagte, man prüfe den Fall.", speaker=NO, config={"anonymous_speakers": "drop"},
        id="ein-sprecher-dropped"),
    Row("Augenzeugen berichteten, sie hätten Schüsse gehört.", speaker="Augenzeugen", anonymous=True, name=NO,
        id="augenzeugen"),
    Row("Kreise in Moskau sagten, der Plan sei gescheitert.", (("Moskau", "LOC"),), speaker="Kreise in Moskau",
        anonymous=True, name=NO, id="kreise-in-moskau"),
    Row("EU-Diplomaten sagten, die Einigung stehe.", speaker="EU-Diplomaten", anonymous=True, id="compound-diplomats"),
    Row("Innenminister Wolfgang Sobotka (ÖVP) sagte, er lasse sich nichts verbieten.",
        (("Wolfgang Sobotka", "PER"), ("ÖVP", "ORG")), name="Wolfgang Sobotka", affiliation="ÖVP",
        id="party-in-brackets"),
    Row("Der Vorsitzende des Bauverbands in Deutschland, Michael Knipper, sagte, der Markt sei leer.",
        (("Deutschland", "LOC"), ("Michael Knipper", "PER")),
        speaker="Der Vorsitzende des Bauverbands in Deutschland, Michael Knipper", name="Michael Knipper",
        id="role-genitive-place-name"),
    Row("Die Mitarbeiterin seines Büros in Bonn, Ada Thom, sagte, das Büro bleibe zu.",
        (("Bonn", "LOC"), ("Ada Thom", "PER")),
        speaker="Die Mitarbeiterin seines Büros in Bonn, Ada Thom", name="Ada Thom", id="role-place-name"),
    Row("Jan Pohl leitet das Amt. In dem Schreiben des Amtes heißt es, die Regeln hätten sich bewährt.",
        (("Jan Pohl", "PER"),), speaker="dem Schreiben des Amtes", name=NO, id="document-refers-to-no-person"),
    Row("So heißt es in dem Schreiben wörtlich: „Die Kinder werden sichergestellt.“", mode="direct",
        speaker="dem Schreiben", id="document-of-a-quote"),
    Row("Vor einer Woche sprach Ministerin Lea Voss im Landtag. Die Pläne der Opposition, die Schulen zu schließen, "
        "bezeichnete sie als „einen Angriff auf die Zukunft unserer Kinder“.",
        (("Lea Voss", "PER"), ("Landtag", "ORG")),
        content="„einen Angriff auf die Zukunft unserer Kinder“", speaker="sie", cue="bezeichnete", name="Lea Voss",
        id="pronoun-after-fronted-object"),
]


@rows_param(ROWS)
def test_resolution(base, comp, comp_drop, row):
    check_row(base, comp, comp_drop, row)


def _span(ctx, words: str) -> tuple[int, int]:
    toks = words.split()
    t = ctx.t
    for i in range(t.n - len(toks) + 1):
        if t.text[i:i + len(toks)] == toks:
            return i, i + len(toks)
    raise AssertionError(words)


def test_resolver_alone(base, comp):
    ctx = context(base, comp, "Bundeskanzler Olaf Scholz (SPD) traf Annalena Baerbock. Der Kanzler lobte sie. "
                              "Die Grünen-Politikerin dankte ihm.", [("Olaf Scholz", "PER"), ("SPD", "ORG"),
                                                                     ("Annalena Baerbock", "PER")])
    res = ctx.res
    ref = res.resolve(_span(ctx, "Der Kanzler"))
    assert (ref.mention.text, ref.how) == ("Olaf Scholz", "role")
    ref = res.resolve(_span(ctx, "Die Grünen-Politikerin"))
    assert ref.mention.text == "Annalena Baerbock" and ref.how == "role"
    ref = res.resolve(_span(ctx, "Bundeskanzler Olaf Scholz ( SPD )"))
    assert (ref.mention.text, ref.how, ctx.t.ref(*ref.affiliation).text) == ("Olaf Scholz", "name", "SPD")
    entity = res.entities.of(ref.mention)
    assert (entity.name, entity.gender, "bundeskanzler" in entity.roles, "spd" in entity.parties) == \
        ("Olaf Scholz", "m", True, True)


def test_resolver_never_resolves_a_function_word(base, comp):
    ctx = context(base, comp, "Jan Pohl kam. Demnach sei alles gut.", [("Jan Pohl", "PER")])
    ref = ctx.res.resolve(_span(ctx, "Demnach"))
    assert ref.mention is None and ref.how is None
