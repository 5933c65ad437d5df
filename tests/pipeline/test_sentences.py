"""News sentence rules: abbreviations, ordinals, quotes, headlines."""

import pytest
import spacy

import newsents.pipeline.sentences  # noqa: F401


@pytest.fixture(scope="module")
def sents():
    nlp = spacy.blank("de")
    nlp.add_pipe("newsents_sentences")
    return lambda text: [s.text.strip() for s in nlp(text).sents]


def test_abbreviations_do_not_split(sents):
    assert sents("Dr. Müller kam z. B. am 3. Okt. nach Berlin. Dann ging er.") == [
        "Dr. Müller kam z. B. am 3. Okt. nach Berlin.", "Dann ging er."]


def test_split_abbreviation_from_list(sents):
    assert len(sents("Es kamen ca. 500 Menschen. Die Polizei war da.")) == 2


def test_quote_closing_mark_stays_with_sentence(sents):
    assert sents("Er sagte: „Das ist gut.“ Dann ging er.") == ["Er sagte: „Das ist gut.“", "Dann ging er."]


def test_quote_followed_by_comma_is_one_sentence(sents):
    assert sents("„Komm sofort!“, rief sie. Er kam.") == ["„Komm sofort!“, rief sie.", "Er kam."]


def test_straight_quotes(sents):
    assert sents('Schoigu sagte: "Wir sind bereit." Danach schwieg er.') == [
        'Schoigu sagte: "Wir sind bereit."', "Danach schwieg er."]


def test_headline_and_dateline(sents):
    out = sents("Manöver in Belarus\nMINSK (dpa) - Die Armee übt. Der Minister kam.")
    assert out == ["Manöver in Belarus", "MINSK (dpa) - Die Armee übt.", "Der Minister kam."]


def test_year_at_sentence_end_but_not_ordinal(sents):
    assert len(sents("Das war im Jahr 2020. Die Lage blieb ruhig.")) == 2
    assert len(sents("Am 3. Oktober wird gefeiert.")) == 1


def test_initials(sents):
    assert len(sents("Helmut K. Meier kam nach Minsk.")) == 1
