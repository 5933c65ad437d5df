"""The knowledge-base ruler (newsents_kb): one row per precedence rule of its module docstring.

The model's output is simulated: each row gives the spans the statistical NER found, the ruler runs
on a blank German pipeline with the shipped knowledge base, and the row says what must come out.
"""

from __future__ import annotations

import re

import pytest
import spacy

import newsents.pipeline.kb_ruler  # noqa: F401  (registers newsents_kb)
from newsents.knowledge.kb import default_kb
from newsents.pipeline.kb_ruler import _PLAIN_WORD


@pytest.fixture(scope="module")
def ruler_nlp():
    nlp = spacy.blank("de")
    nlp.add_pipe("newsents_kb").initialize()
    return nlp


def run(nlp, text: str, model: list[tuple[str, str]]):
    """The ruler's output for ``text`` when the model found ``model`` ([(surface, label)], in order)."""
    doc = nlp.make_doc(text)
    spans, pos = [], 0
    for surface, label in model:
        start = text.index(surface, pos)
        pos = start + len(surface)
        span = doc.char_span(start, pos, label=label)
        assert span is not None, surface
        spans.append(span)
    doc.ents = spans
    doc = nlp.get_pipe("newsents_kb")(doc)
    return [(e.text, e.label_) for e in doc.ents], doc


RULES = [
    # rule, text, model spans, expected spans
    ("1 credit in brackets", "Moskau (dpa) – Der Kreml schweigt.", [("Moskau", "LOC"), ("dpa", "ORG")],
     [("Moskau", "LOC"), ("Kreml", "ORG")]),
    ("1 credit with date", "Die Regierung tagte. (APA, 3.5.2016)", [("APA", "ORG")], []),
    ("1 source line", "Der Streit geht weiter. Quelle: Reuters", [("Reuters", "ORG")], []),
    ("1 material credit", "Die Lage bleibt ernst. Mit Material von AFP", [("AFP", "ORG")], []),
    ("1 photo credit", "Foto: AP\nDie Lage bleibt ernst.", [("AP", "ORG")], []),
    ("2 same span retyped", "Das meldete Belta am Abend.", [("Belta", "PER")], [("Belta", "ORG")]),
    ("2 company not a place", "SanDisk verkauft Speicher.", [("SanDisk", "LOC")], [("SanDisk", "ORG")]),
    ("2 agency not a person", "Das berichtete Reuters.", [("Reuters", "PER")], [("Reuters", "ORG")]),
    ("2 platform with context", "Er schrieb auf X, es sei vorbei.", [("X", "PER")], [("X", "ORG")]),
    ("2 descriptor trimmed", "Das meldete die Agentur Interfax.", [("Agentur Interfax", "ORG")], [("Interfax", "ORG")]),
    ("2 model label among readings", "Der Vatikan reagierte.", [("Vatikan", "ORG")], [("Vatikan", "ORG")]),
    ("2 genitive keeps the model label", "Stanleys Hafen liegt ruhig.", [("Stanleys", "PER")], [("Stanleys", "PER")]),
    ("2 place named club stays a place", "Sie studierte in Cambridge.", [("Cambridge", "LOC")], [("Cambridge", "LOC")]),
    ("2 legal form makes a company", "Die Muster Werke GmbH wächst.", [("Muster Werke GmbH", "LOC")],
     [("Muster Werke GmbH", "ORG")]),
    ("2 company takes its legal form", "Die Google Inc. wächst.", [("Google Inc.", "MISC")], [("Google Inc.", "ORG")]),
    ("3 longer name", "Western Digital kauft zu.", [("Western", "ORG")], [("Western Digital", "ORG")]),
    ("3 institution of a place", "Die Staatsanwaltschaft München I ermittelt.", [("München", "LOC")],
     [("Staatsanwaltschaft München I", "ORG")]),
    ("3 name with a genitive of another entity", "Das Gericht der EU urteilte.", [("EU", "ORG")],
     [("Gericht der EU", "ORG")]),
    ("3 club of a place", "Der 1. FC Nürnberg siegte.", [("Nürnberg", "LOC")], [("1. FC Nürnberg", "ORG")]),
    ("4 adjacent person split", "Das teilte der FSB Lukaschenko mit.", [("FSB Lukaschenko", "ORG")],
     [("FSB", "ORG"), ("Lukaschenko", "PER")]),
    ("4 slash pair split", "Berlin/Kiew (dpa) – Die Gespräche laufen.", [("Berlin/Kiew", "LOC")],
     [("Berlin", "LOC"), ("Kiew", "LOC")]),
    ("4 club and city stay", "Der THW Kiel gewann.", [("THW Kiel", "ORG")], [("THW Kiel", "ORG")]),
    ("4 unknown slash part stays", "Der TSV Odenhausen/Lahn gewann.", [("TSV Odenhausen/Lahn", "ORG")],
     [("TSV Odenhausen/Lahn", "ORG")]),
    ("4 first name stays a person", "Paris Hilton kam.", [("Paris Hilton", "PER")], [("Paris Hilton", "PER")]),
    ("5 genitive and noun", "Lukaschenkos Pressedienst teilte mit.", [("Lukaschenkos Pressedienst", "PER")],
     [("Lukaschenkos", "PER")]),
    ("6 compound common noun", "Die Halbleiterbranche wächst.", [("Halbleiterbranche", "LOC")], []),
    ("6 hyphenated common noun", "Die Native-Advertising-Prinzipien gelten.",
     [("Native-Advertising-Prinzipien", "LOC")], []),
    ("6 class noun", "Die Partei tagte.", [("Partei", "ORG")], []),
    ("6 class noun as a surname stays", "Richter sagte, er komme.", [("Richter", "PER")], [("Richter", "PER")]),
    ("7 class noun makes an organisation", "Dazu zählte die Bande Lockbit.", [("Lockbit", "LOC")],
     [("Lockbit", "ORG")]),
    ("7 compound class noun", "Die Hackergruppe Killnet bekannte sich.", [("Killnet", "PER")], [("Killnet", "ORG")]),
    ("7 class noun makes a place", "Die Kleinstadt Awdijiwka fiel.", [("Awdijiwka", "ORG")], [("Awdijiwka", "LOC")]),
    ("7 person with a first name stays", "Der Partei Sahra Wagenknechts fehlt Geld.", [("Sahra Wagenknechts", "PER")],
     [("Sahra Wagenknechts", "PER")]),
    ("8 model wins", "Die Deutsche Welle Akademie lädt ein.", [("Deutsche Welle Akademie", "ORG")],
     [("Deutsche Welle Akademie", "ORG")]),
    ("8 whitespace trimmed", "Apple\nDer Konzern wächst.", [("Apple\n", "ORG")], [("Apple", "ORG")]),
    ("8 platform before a full stop", "Sie schrieb auf X. Dann ging sie.", [("X.", "PER")], [("X", "ORG")]),
    ("8 roman numeral keeps its full stop", "Papst Pius X. starb.", [("Pius X.", "PER")], [("Pius X.", "PER")]),
    ("2 a country's genitive retypes a person", "Der Emir Katars reiste.", [("Katars", "PER")], [("Katars", "LOC")]),
    ("3 declined name over split spans", "Die Vereinigten Arabischen Emirate fördern mehr.",
     [("Vereinigten Arabischen", "LOC"), ("Emirate", "LOC")], [("Vereinigten Arabischen Emirate", "LOC")]),
    ("9 designation without id", "Das Energieministerium schwieg.", [], [("Energieministerium", "ORG")]),
    ("9 designation in the genitive", "Ein Sprecher des Gesundheitsministeriums.", [],
     [("Gesundheitsministeriums", "ORG")]),
    ("9 the bare class noun is no designation", "Das Ministerium schwieg.", [], []),
    ("9 designation one ministry claims ambiguously", "Das chinesische Handelsministerium reagierte.", [],
     [("Handelsministerium", "ORG")]),
    ("2 descriptor in the genitive trimmed", "Die Tarife des Arbeitgeberverbands Gesamtmetall.",
     [("Arbeitgeberverbands Gesamtmetall", "ORG")], [("Gesamtmetall", "ORG")]),
    ("9 quoted ambiguous name after a cue", "Wie der „Standard“ berichtete.", [], [("Standard", "ORG")]),
    ("9 quoted common word", "Er sprach von einem „Standard“ für alle.", [], []),
    ("9 added name", "Der FSB ermittelt.", [], [("FSB", "ORG")]),
    ("9 added genitive", "Schoigus Besuch und Selenskyjs Plan.", [], [("Schoigus", "PER"), ("Selenskyjs", "PER")]),
    ("9 ambiguous with descriptor", "Die Terrormiliz IS drohte.", [], [("IS", "ORG")]),
    ("9 ambiguous with article", "Der IS drohte erneut.", [], [("IS", "ORG")]),
    ("9 ambiguous without context", "In IS Aktien investieren.", [], []),
    ("9 never lowercase", "Er kam vom essen und las die dpa nicht.", [], []),
    ("9 common word homograph", "Essen ist fertig.", [], []),
    ("9 currency not added", "Das kostet 5 Euro.", [], []),
    ("9 longer unknown name", "Das Fraunhofer FIT rechnet.", [], []),
    ("9 a year does not lengthen a name", "Western Digital 2016 übernahm.", [], [("Western Digital", "ORG")]),
    ("9 article name at a sentence start", "Die Welt ist groß.", [], []),
    ("9 article name inside a sentence", "Das schrieb Die Welt am Sonntag.", [], [("Die Welt", "ORG")]),
    ("9 generic designation without id", "Das Außenministerium schwieg.", [], [("Außenministerium", "ORG")]),
    ("9 named event", "Er reiste zur Münchner Sicherheitskonferenz.", [], [("Münchner Sicherheitskonferenz", "MISC")]),
    ("9 stock index", "Der Dax verlor, der SMI legte zu.", [], [("Dax", "MISC"), ("SMI", "MISC")]),
    ("9 index typed over the model", "Der Swiss Market Index stieg.", [("Swiss Market Index", "ORG")],
     [("Swiss Market Index", "MISC")]),
    ("10 the building", "Er wartete vor dem Kanzleramt.", [("Kanzleramt", "ORG")], [("Kanzleramt", "LOC")]),
    ("10 the building, added", "Proteste vor dem Weißen Haus.", [], [("Weißen Haus", "LOC")]),
    ("10 the institution", "Das Kanzleramt schwieg, im Kreml hieß es nein.", [("Kanzleramt", "ORG")],
     [("Kanzleramt", "ORG"), ("Kreml", "ORG")]),
]


@pytest.mark.parametrize(("rule", "text", "model", "expected"), RULES, ids=[r[0] for r in RULES])
def test_precedence_rule(ruler_nlp, rule, text, model, expected):
    got, _ = run(ruler_nlp, text, model)
    assert got == expected


@pytest.mark.parametrize(("text", "agencies"), [
    ("Moskau (dpa) – Text.", ["dpa"]),
    ("Wien (APA, 3.5.2016) – Text.", ["APA"]),
    ("Text. (dpa/AFP)", ["dpa", "AFP"]),
    ("Text.\nQuelle: Reuters", ["Reuters"]),
    ("Text.\nMit Material von AFP und dpa", ["AFP", "dpa"]),
    ("Foto: AP\nText.", []),
    ("Text über die SPD (SPD) und Reuters.", []),
])
def test_agencies(ruler_nlp, text, agencies):
    _, doc = run(ruler_nlp, text, [])
    assert doc._.agencies == agencies


@pytest.mark.parametrize(("text", "entity_id"), [
    ("Der FSB ermittelt.", "ORG:fsb"),
    ("Der Föderale Sicherheitsdienst ermittelt.", "ORG:fsb"),  # declined from "Föderaler Sicherheitsdienst"
    ("Der Militärische Abschirmdienst warnte.", "ORG:mad"),
    ("Ein Sprecher des Militärischen Abschirmdienstes.", "ORG:mad"),
    ("Die Zinsen der Europäischen Zentralbank.", "ORG:ezb"),
    ("Des Föderalen Sicherheitsdienstes Akten.", "ORG:fsb"),
    ("Die Terrormiliz IS drohte.", "ORG:is"),
    ("Das Außenministerium schwieg.", ""),  # several ministries claim the form
    ("Das Landgericht Berlin urteilte.", ""),  # an institution of a place: no id in the base
    ("Russlands Armee.", "LOC:russland"),
])
def test_kb_ids_on_spans(ruler_nlp, text, entity_id):
    _, doc = run(ruler_nlp, text, [])
    assert [e.kb_id_ for e in doc.ents][:1] == ([entity_id] if entity_id or doc.ents else [])


@pytest.mark.parametrize("word", [
    "Halbleiterbranche", "Cyberkriminalität", "Native-Advertising-Prinzipien", "Autoindustrie", "Energiepolitik",
    "Flüchtlingskrise", "Heizungsgesetz", "Munitionsmangel", "Bürojobs", "Zinsentwicklung", "Datenschutzregeln",
    "Rüstungsexperten", "Partei", "Ministerium", "Regierung",
])
def test_common_nouns_are_no_entities(ruler_nlp, word):
    assert ruler_nlp.get_pipe("newsents_kb").common_compound(word)


@pytest.mark.parametrize("word", [
    "Bundesregierung", "Kraftfahrt-Bundesamt", "EU-Kommission", "Deutschland", "Max-Planck-Gesellschaft",
    "Volkswagen", "Bundesverfassungsgericht", "Europa", "Kreml-Chef",
])
def test_names_and_name_compounds_are_kept(ruler_nlp, word):
    assert not ruler_nlp.get_pipe("newsents_kb").common_compound(word)


def test_platform_full_stop_ends_the_sentence(nlp):
    """``auf X.``: the letter is the platform, the full stop ends the sentence (offsets unchanged)."""
    text = "Das schrieb sie auf X. Zuletzt hatte Ungarn blockiert."
    doc = nlp(text)
    assert doc.text == text
    assert [s.text for s in doc.sents] == ["Das schrieb sie auf X.", "Zuletzt hatte Ungarn blockiert."]
    assert [(e.text, e.label_, e.start_char) for e in doc.ents][:1] == [("X", "ORG", text.index("X."))]


def test_plain_words_tokenize_as_the_tokenizer_does(ruler_nlp):
    """The ruler splits plain surface forms at spaces instead of asking the tokenizer: the same."""
    surfaces = [s for s in default_kb().names() if all(_PLAIN_WORD.match(w) for w in s.split(" "))]
    assert len(surfaces) > 5000
    for doc, surface in zip(ruler_nlp.tokenizer.pipe(surfaces), surfaces):
        assert [t.text for t in doc] == surface.split(" "), surface


def test_full_pipeline_examples(nlp):
    """What the issue found, through the whole shipped pipeline."""
    doc = nlp("Moskau (dpa) – Der FSB Lukaschenko teilte mit, Belta und Reuters berichteten. "
              "Schoigus Besuch in Berlin/Kiew. Die Halbleiterbranche wächst.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert {("FSB", "ORG"), ("Lukaschenko", "PER"), ("Belta", "ORG"), ("Reuters", "ORG"), ("Schoigus", "PER"),
            ("Berlin", "LOC"), ("Kiew", "LOC")} <= ents
    assert not any(re.search("dpa|branche", t) for t, _ in ents)
    assert doc._.agencies == ["dpa"]
