"""The claims lexicon is read from data files and validated: a misspelt kind, category, flag or value
is an error naming the file and line."""

from __future__ import annotations

import pytest

from newsents.claims.lexicon import CueLexicon, WordClasses, parse_words
from newsents.knowledge import DataFileError, read_text


def _texts():
    return [read_text(name)[1] for name in ("cues.tsv", "claims_konjunktiv.tsv", "claims_words.tsv", "roles.tsv")]


def test_shipped_lexicon_loads_with_every_category():
    lex = CueLexicon.from_texts(*_texts())
    assert "sagen" in lex.verbs and lex.particle_of["mitteilen"] == "mit"
    assert "laut" in lex.preps and "zufolge" in lex.postps and "antwort" in lex.speech_nouns
    for category in WordClasses.categories():
        assert getattr(lex.words, category), f"claims_words.tsv has no word of {category}"
    assert lex.roles.role_gender("Finanzministerin") == (True, "f")
    assert lex.roles.role_gender("Bundeskanzler") == (True, "m")
    assert lex.roles.role_gender("Grünen-Politikerin") == (True, "f")


@pytest.mark.parametrize("line,message", [
    ("sagen\tverbb\tindirect\n", "unknown kind 'verbb'"),
    ("sagen\tverb\tindirekt\n", "mode must be one of"),
    ("sagen\tverb\tindirect\txz\n", "unknown flag 'x'"),
])
def test_misspelt_cue_row_is_an_error_naming_file_and_line(line, message):
    cues, konj, words, roles = _texts()
    with pytest.raises(DataFileError, match=message) as err:
        CueLexicon.from_texts("# comment\n" + line, konj, words, roles, sources=("my_cues.tsv", "k", "w", "r"))
    assert "my_cues.tsv:2" in str(err.value)


def test_misspelt_category_is_an_error_not_an_empty_table():
    with pytest.raises(DataFileError, match="unknown category 'prepp'") as err:
        parse_words("auf\tprep\nin\tprepp\n", "words.tsv")
    assert "words.tsv:2" in str(err.value)


def test_wrong_value_of_a_valued_category():
    with pytest.raises(DataFileError, match="category pron takes the values"):
        parse_words("er\tpron\tPERSON\n", "words.tsv")
    with pytest.raises(DataFileError, match="takes the values"):
        parse_words("auf\tprep\tx\n", "words.tsv")


def test_org_class_takes_organisation_kinds_of_the_knowledge_base():
    assert parse_words("konzern\torg_class\tcompany,media_group\n", "words.tsv").org_class == {
        "konzern": "company,media_group"}
    with pytest.raises(DataFileError, match="org_class takes organisation kinds"):
        parse_words("konzern\torg_class\tcompany,compnay\n", "words.tsv")
    with pytest.raises(DataFileError, match="org_class takes organisation kinds"):
        parse_words("konzern\torg_class\tcity\n", "words.tsv")


def test_strong_form_takes_an_infinitive():
    assert parse_words("sprachen\tstrong_form\tsprechen\n", "words.tsv").strong_form == {"sprachen": "sprechen"}
    with pytest.raises(DataFileError, match="strong_form takes the infinitive"):
        parse_words("sprachen\tstrong_form\n", "words.tsv")


def test_konjunktiv_kind_is_validated():
    cues, _, words, roles = _texts()
    with pytest.raises(DataFileError, match="kind must be one of k1, k2"):
        CueLexicon.from_texts(cues, "sei\tk3\n", words, roles)


def test_first_names_are_validated():
    lex = CueLexicon.from_texts(*_texts())
    lex.with_first_names(("name\tgender\tbirths\nAnna\tf\t10\n", "a.tsv"), ("name\tgender\nAnna\tm\n", "b.tsv"))
    assert lex.first_names.gender("Anna") == "m"  # later files override
    with pytest.raises(DataFileError, match="gender must be m, f or"):
        lex.with_first_names(("Anna\tx\n", "c.tsv"))
