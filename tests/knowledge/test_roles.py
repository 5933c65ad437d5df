"""The one title and role lexicon (knowledge/data/roles.tsv): views per stage and validation."""

from pathlib import Path

import pytest

from newsents.knowledge import DataFileError
from newsents.knowledge.roles import COLUMNS, load_roles, roles


def test_shipped_lexicon_loads_with_each_stages_view():
    lex = roles()
    titles, suffixes = lex.entity_titles()
    assert {"Präsident", "Dr.", "Kreml-Chef"} <= titles and "minister" in suffixes
    words, link_suffixes, particles = lex.linking_titles()
    assert {"der", "präsident", "nachrichtenagentur"} <= words and "minister" in link_suffixes
    assert {"von", "van"} <= particles and "der" not in particles
    classes = lex.claims_classes()
    assert "ministerium" in classes["org_role"] and classes["gender"] == {"herr": "m", "frau": "f"}


@pytest.mark.parametrize("noun, gender", [
    ("Minister", "m"), ("Ministerin", "f"), ("Verteidigungsminister", "m"), ("Außenministerin", "f"),
    ("Kanzler", "m"), ("Kanzlerin", "f"), ("Vorsitzende", ""),
])
def test_gender_of_role_nouns(noun, gender):
    assert roles().gender_of(noun) == gender


HEADER = "\t".join(COLUMNS)


@pytest.mark.parametrize("row, message", [
    ("Minister\tx\ttitle\trole\t-", "gender must be one of"),
    ("Minister\tm\tname\trole\t-", "entities must be one of"),
    ("Minister\tm\ttitle\tstrip\t-", "linking must be one of"),
    ("Minister\tm\ttitle\trole\tperson_haed", "unknown claims class 'person_haed'"),
    ("Minister\tm\ttitle", "expected 5 tab-separated columns, got 3"),
    ("Minister\tm\ttitle\trole\t-\nminister\tm\t-\trole\t-", "listed twice"),
])
def test_malformed_rows_are_errors_naming_file_and_line(tmp_path: Path, row, message):
    path = tmp_path / "roles.tsv"
    path.write_text(f"# comment\n{HEADER}\n{row}\n", encoding="utf8")
    with pytest.raises(DataFileError, match=message) as err:
        load_roles(path)
    assert f"{path}:" in str(err.value)


def test_wrong_header_is_an_error(tmp_path: Path):
    path = tmp_path / "roles.tsv"
    path.write_text("word\tgender\n", encoding="utf8")
    with pytest.raises(DataFileError, match="expected the header"):
        load_roles(path)
