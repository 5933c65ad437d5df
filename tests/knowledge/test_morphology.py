"""The one genitive rule (knowledge.morphology), one name per row."""

import pytest

from newsents.knowledge.morphology import apostrophe_stem, declined_names, genitive_stems


@pytest.mark.parametrize("name, stems", [
    ("Lukaschenkos", ["Lukaschenko"]),
    ("Russlands", ["Russland"]),
    ("Bundestages", ["Bundestage", "Bundestag"]),
    ("Schoigus", ["Schoigu"]),
    ("Selenskyjs", ["Selenskyj"]),
    ("Athens", ["Athen"]),          # German genitive of Athen
    ("Paris", []),                  # nominative in -s (genitive_exceptions.txt)
    ("Klaus", []),
    ("Jesus", []),
    ("Scholz", []),                 # no -s
    ("Strauss", []),                # a sibilant stem takes an apostrophe, never -s
    ("Marx", []),
    ("EUs", []),                    # too short to tell
    ("Kreml", []),
])
def test_genitive_stems(name, stems):
    assert genitive_stems(name) == stems


@pytest.mark.parametrize("name, stem", [
    ("Scholz'", "Scholz"), ("Scholz’", "Scholz"), ("Scholz", None), ("'", None),
])
def test_apostrophe_stem(name, stem):
    assert apostrophe_stem(name) == stem


@pytest.mark.parametrize("name, forms", [
    ("Militärischer Abschirmdienst", ["Militärische Abschirmdienst", "Militärischen Abschirmdienst",
                                      "Militärischen Abschirmdienstes*", "Militärischen Abschirmdiensts*"]),
    ("Europäische Zentralbank", ["Europäischen Zentralbank"]),           # feminine: no genitive -s
    ("Internationales Olympisches Komitee", ["Internationale Olympische Komitee",
                                             "Internationalen Olympischen Komitee",
                                             "Internationalen Olympischen Komitees*"]),
    ("Rotes Kreuz", ["Rote Kreuz", "Roten Kreuz", "Roten Kreuzes*"]),     # a sibilant takes -es only
    ("Deutscher Bundestag", ["Deutsche Bundestag", "Deutschen Bundestag", "Deutschen Bundestages*",
                             "Deutschen Bundestags*"]),
    ("Alternative für Deutschland", []),   # a noun before a lowercase word: no adjective
    ("Bundesamt für Justiz", []),          # no adjective in front
    ("Grüne", []),                         # a single word
])
def test_declined_names(name, forms):
    got = [" ".join(words) + ("*" if genitive else "") for words, genitive in declined_names(name.split())]
    assert got == forms
