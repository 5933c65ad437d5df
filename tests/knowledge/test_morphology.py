"""The one genitive rule (knowledge.morphology), one name per row."""

import pytest

from newsents.knowledge.morphology import apostrophe_stem, genitive_stems


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
