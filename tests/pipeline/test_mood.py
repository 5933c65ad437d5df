"""Rule-based Konjunktiv detection."""

import pytest
import spacy

import newsents.pipeline.lemmas  # noqa: F401
import newsents.pipeline.mood  # noqa: F401


@pytest.fixture(scope="module")
def moods():
    nlp = spacy.blank("de")
    nlp.add_pipe("newsents_lemmatizer").initialize(table={"richte": "richten", "richtet": "richten",
                                                         "gehe": "gehen", "eine": "einen", "klare": "klaren"})
    nlp.add_pipe("newsents_mood")
    return lambda text: {t.text: str(t.morph) for t in nlp(text) if t.morph.get("Mood")}


def test_konjunktiv_one_from_list_and_suffix_rule(moods):
    out = moods("Er sagte, das Manöver richte sich gegen niemanden, es sei geplant.")
    assert out == {"richte": "Mood=Sub|Tense=Pres|VerbForm=Fin", "sei": "Mood=Sub|Tense=Pres|VerbForm=Fin"}


def test_konjunktiv_two(moods):
    assert moods("Sie erklärte, man würde das prüfen, wenn es nötig wäre.") == {
        "würde": "Mood=Sub|Tense=Past|VerbForm=Fin", "wäre": "Mood=Sub|Tense=Past|VerbForm=Fin"}


def test_indicative_and_first_person_are_not_marked(moods):
    assert moods("Ich gehe nach Hause, und er richtet den Raum.") == {}


def test_adjectives_after_articles_are_not_verbs(moods):
    assert moods("Es gab eine klare Antwort.") == {}
