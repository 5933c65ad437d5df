"""The shipped knowledge base: lookups, validation of malformed files, roles, coverage, first names."""

import re
from pathlib import Path

import pytest

from newsents.knowledge.kb import (
    KB_DIR,
    KINDS,
    KBError,
    KnowledgeBase,
    Role,
    coverage_report,
    main,
    slugify,
)
from newsents.knowledge.names import FirstNames

HEADER = "id\tlabel\tkind\tname\taliases\tcountry\tqid\tgender\troles\tadjectives\n"


@pytest.fixture(scope="module")
def kb():
    return KnowledgeBase.from_dir()


@pytest.fixture(scope="module")
def first_names():
    return FirstNames.load()


# --- lookups that must work ---------------------------------------------------------------------
@pytest.mark.parametrize(("surface", "entity_id", "label", "kind"), [
    ("FSB", "ORG:fsb", "ORG", "intelligence_service"),
    ("Föderaler Sicherheitsdienst", "ORG:fsb", "ORG", "intelligence_service"),
    ("Föderalen Sicherheitsdienstes", "ORG:fsb", "ORG", "intelligence_service"),
    ("Kiew", "LOC:kiew", "LOC", "city"),
    ("Kyjiw", "LOC:kiew", "LOC", "city"),
    ("Kyiv", "LOC:kiew", "LOC", "city"),
    ("Belta", "ORG:belta", "ORG", "news_agency"),
    ("BelTA", "ORG:belta", "ORG", "news_agency"),
    ("Reuters", "ORG:reuters", "ORG", "news_agency"),
    ("Interfax", "ORG:interfax", "ORG", "news_agency"),
    ("Tass", "ORG:tass", "ORG", "news_agency"),
    ("APA", "ORG:apa", "ORG", "news_agency"),
    ("dpa", "ORG:dpa", "ORG", "news_agency"),
    ("SanDisk", "ORG:sandisk", "ORG", "company"),
    ("Western Digital", "ORG:western-digital", "ORG", "company"),
    ("Kronen Zeitung", "ORG:kronen-zeitung", "ORG", "newspaper"),
    ("Kraftfahrt-Bundesamt", "ORG:kba", "ORG", "authority"),
    ("Auswärtiges Amt", "ORG:auswaertiges-amt", "ORG", "ministry"),
    ("Bundesregierung", "ORG:bundesregierung", "ORG", "government"),
    ("Kreml", "ORG:kreml", "ORG", "government"),
    ("Bundesnachrichtendienst", "ORG:bnd", "ORG", "intelligence_service"),
    ("EU-Kommission", "ORG:eu-kommission", "ORG", "international_organisation"),
    ("Nato", "ORG:nato", "ORG", "international_organisation"),
    ("NATO", "ORG:nato", "ORG", "international_organisation"),
    ("Islamischer Staat", "ORG:is", "ORG", "militant_group"),
    ("Schoigu", "PER:sergej-schoigu", "PER", "minister"),
    ("Shoigu", "PER:sergej-schoigu", "PER", "minister"),
    ("Schoigus", "PER:sergej-schoigu", "PER", "minister"),
    ("Selenskyjs", "PER:wolodymyr-selenskyj", "PER", "head_of_state"),
    ("Lukaschenko", "PER:alexander-lukaschenko", "PER", "head_of_state"),
    ("Peskow", "PER:dmitri-peskow", "PER", "spokesperson"),
    ("Viktor Chrenin", "PER:viktor-chrenin", "PER", "minister"),
    ("Russlands", "LOC:russland", "LOC", "country"),
    ("Russland", "LOC:russland", "LOC", "country"),
    ("Weißrussland", "LOC:belarus", "LOC", "country"),
    ("Vereinigte Staaten", "LOC:usa", "LOC", "country"),
    ("Krim", "LOC:krim", "LOC", "region"),
    ("Gazastreifen", "LOC:gazastreifen", "LOC", "region"),
    ("Wien", "LOC:wien", "LOC", "city"),
    ("Euro", "MISC:euro", "MISC", "currency"),
])
def test_lookup(kb, surface, entity_id, label, kind):
    found = kb.lookup(surface)
    assert found, surface
    assert found[0].id == entity_id
    assert (found[0].label, found[0].kind) == (label, kind)


@pytest.mark.parametrize(("surface", "entity_id"), [
    ("RUSSLAND", "LOC:russland"),  # all caps (headline)
    ("RUSSLANDS", "LOC:russland"),  # all caps genitive
    ("Unesco", "ORG:unesco"),
    ("Paris'", "LOC:paris"),  # apostrophe genitive
    ("Bundestages", "ORG:bundestag"),  # -es genitive
])
def test_lookup_variants(kb, surface, entity_id):
    assert kb.lookup(surface)[0].id == entity_id


@pytest.mark.parametrize("surface", ["essen", "russland", "Halbleiterbranche", "Cyberkriminalität", "Nils", "", "s"])
def test_lookup_misses(kb, surface):
    assert kb.lookup(surface) == []


def test_ambiguous_forms_rank_the_unmarked_reading_first(kb):
    zurich = kb.lookup("Zürich")
    assert [e.id for e in zurich[:2]] == ["LOC:zuerich", "LOC:kanton-zuerich"]
    assert "Zürich" in kb.get("LOC:kanton-zuerich").ambiguous
    assert kb.lookup("Bundesrat")[0].id == "ORG:bundesrat"
    assert {e.id for e in kb.lookup("Bundesrat")} >= {"ORG:bundesrat-oesterreich", "ORG:bundesrat-schweiz"}


def test_names_for_a_phrase_matcher(kb):
    names = kb.names()
    assert names["Föderalen Sicherheitsdienstes"] == ("ORG:fsb",)
    inflected = kb.names(inflected=True)
    assert inflected["Russlands"][0] == "LOC:russland"
    assert "Essen" not in kb.names(include_ambiguous=False)


def test_country_adjectives(kb):
    russia = kb.get("LOC:russland")
    assert {"russisch", "Russe", "Russin", "Russen"} <= set(russia.adjectives)
    assert "deutsch" in kb.get("LOC:deutschland").adjectives


# --- roles ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("entity_id", "date", "titles"), [
    ("PER:olaf-scholz", "2023-06-01", {"Bundeskanzler"}),
    ("PER:olaf-scholz", "2019-06-01", {"Bundesfinanzminister", "Vizekanzler"}),
    ("PER:angela-merkel", "2010-01-01", {"Bundeskanzlerin", "CDU-Vorsitzende"}),
    ("PER:sergej-schoigu", "2022-03-01", {"Verteidigungsminister"}),
    ("PER:sergej-schoigu", "2024-06-01", {"Sekretär des Sicherheitsrats"}),
    ("PER:dmitri-peskow", "2022-03-01", {"Kremlsprecher"}),
    ("PER:wolodymyr-selenskyj", "2015-01-01", set()),
])
def test_roles_at_a_date(kb, entity_id, date, titles):
    assert {role.title for role in kb.roles_of(entity_id, date)} == titles


def test_roles_accept_partial_dates_and_open_ends():
    role = Role("Präsident", "RU", "2012", None)
    assert role.active("2012-01-01") and role.active("2030-12-31")
    assert not role.active("2011-12-31")
    assert Role("Chef", "DE", None, "2019-05").active("2019-05-31")
    assert str(Role("Kremlsprecher", "RU", "2012-05", None)) == "Kremlsprecher@RU:2012-05.."


def test_persons_have_gender(kb):
    persons = kb.by_label("PER")
    assert len(persons) > 300
    assert all(p.gender in ("m", "f") for p in persons)
    assert kb.get("PER:angela-merkel").gender == "f"


# --- the shipped files ----------------------------------------------------------------------------
def test_shipped_files_are_large(kb):
    # Load time is a benchmark (benchmarks/bench_kb.py), not a timed test.
    assert len(kb) >= 3000
    cov = kb.coverage()
    assert cov["labels"]["ORG"] >= 500 and cov["labels"]["PER"] >= 300 and cov["labels"]["LOC"] >= 1000


def test_shipped_ids_unique_and_well_formed(kb):
    ids = [e.id for e in kb]
    assert len(ids) == len(set(ids))
    for entity in kb:
        assert re.fullmatch(r"(PER|LOC|ORG|MISC):[a-z0-9]+(-[a-z0-9]+)*", entity.id)
        assert entity.id.startswith(entity.label + ":")
        assert entity.kind in KINDS[entity.label]


def test_shipped_qids_are_well_formed_and_unique(kb):
    qids = [e.qid for e in kb if e.qid]
    assert len(qids) > 300
    assert all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in qids)
    assert len(qids) == len(set(qids))
    assert kb.get("LOC:deutschland").qid == "Q183"
    assert kb.get("PER:angela-merkel").qid == "Q567"


def test_every_file_names_its_source_and_licence():
    for path in sorted(KB_DIR.glob("*.tsv")):
        head = "".join(line for line in path.read_text(encoding="utf-8").splitlines(True)[:12] if line.startswith("#"))
        assert "Source" in head, path.name
        assert re.search(r"CC0|CC BY|Unicode License", head), path.name


def test_coverage_report_and_entry_point(kb, capsys):
    report = coverage_report(kb)
    assert "persons.tsv" in report and "Wikidata QID" in report
    assert main([]) == 0
    assert "newsents knowledge base" in capsys.readouterr().out


# --- validation errors on bad files ---------------------------------------------------------------
GOOD = "ORG:dpa\tORG\tnews_agency\tdpa\tDeutsche Presse-Agentur\tDE\t\t\t\n"


def _kb_from(tmp_path: Path, rows: str, header: str = HEADER) -> KnowledgeBase:
    (tmp_path / "test.tsv").write_text("# a test file\n" + header + rows, encoding="utf-8")
    return KnowledgeBase.from_dir(tmp_path)


def test_a_good_fixture_loads(tmp_path):
    kb = _kb_from(tmp_path, GOOD + "PER:olaf-scholz\tPER\tpolitician\tOlaf Scholz\tScholz\tDE\tQ61053\tm\t"
                  "Bundeskanzler@DE:2021-12-08..2025-05-06|Parteichef@ORG:dpa:2019..\n")
    assert len(kb) == 2
    assert kb.roles_of("PER:olaf-scholz", "2022-01-01")[0].title == "Bundeskanzler"


@pytest.mark.parametrize(("row", "message"), [
    ("ORG:x\tORG\tnews_agency\tX\n", "expected 9 or 10 columns"),
    ("ORG:x\tXYZ\tnews_agency\tX\t\tDE\t\t\t\n", "unknown label"),
    ("ORG:x\tORG\tnews_agensy\tX\t\tDE\t\t\t\n", "unknown kind 'news_agensy'"),
    ("ORG:x\tORG\tcity\tX\t\tDE\t\t\t\n", "is a LOC kind"),
    ("ORG:Bad_Id\tORG\tnews_agency\tX\t\tDE\t\t\t\n", "malformed id"),
    ("LOC:x\tORG\tnews_agency\tX\t\tDE\t\t\t\n", "does not match label"),
    (GOOD + "ORG:dpa\tORG\tnews_agency\tDPA2\t\tDE\t\t\t\n", "duplicate id"),
    (GOOD + "ORG:y\tORG\tnews_agency\tY\tdpa\tDE\t\t\t\n", "is claimed by"),
    ("ORG:x\tORG\tnews_agency\tX\t\tDE\tQ12a\t\t\n", "malformed QID"),
    ("ORG:x\tORG\tnews_agency\tX\t\tDE\tQ0\t\t\n", "malformed QID"),
    ("PER:x\tPER\tpolitician\tX\t\tDE\t\tw\t\n", "gender must be"),
    ("ORG:x\tORG\tnews_agency\tX\t\tDE\t\tm\t\n", "for PER rows only"),
    ("PER:x\tPER\tpolitician\tX\t\tDE\t\tm\tKanzler@DE:2021-13-01..\n", "malformed role date"),
    ("PER:x\tPER\tpolitician\tX\t\tDE\t\tm\tKanzler@DE:2021-02-30..\n", "malformed role date"),
    ("PER:x\tPER\tpolitician\tX\t\tDE\t\tm\tKanzler DE 2021\n", "malformed role"),
    ("PER:x\tPER\tpolitician\tX\t\tDE\t\tm\tKanzler@DE:2021..2019\n", "ends before it starts"),
    ("PER:x\tPER\tpolitician\tX\t\tDE\t\tm\tKanzler@ORG:nowhere:2021..\n", "unknown entity"),
    ("ORG:x\tORG\tnews_agency\tX\t\tDEU\t\t\t\n", "malformed country"),
    ("ORG:x\tORG\tnews_agency\tX\tY|Y\tDE\t\t\t\n", "listed twice"),
    ("ORG:x\tORG\tnews_agency\tX\tY||Z\tDE\t\t\t\n", "empty name or alias"),
    ("ORG:x\tORG\tnews_agency\tX\t\tDE\t\t\t\trussisch\n", "adjectives are for LOC rows only"),
])
def test_validation_errors(tmp_path, row, message):
    with pytest.raises(KBError) as caught:
        _kb_from(tmp_path, row)
    assert message in str(caught.value)
    assert "test.tsv:" in caught.value.errors[0]  # file and line are named


def test_validation_names_the_line(tmp_path):
    with pytest.raises(KBError) as caught:
        _kb_from(tmp_path, GOOD + "ORG:x\tORG\tnews_agensy\tX\t\tDE\t\t\t\n")
    assert caught.value.errors[0].startswith("test.tsv:4:")


def test_bad_header_and_empty_folder(tmp_path):
    with pytest.raises(KBError, match="header must be"):
        _kb_from(tmp_path, GOOD, header="id\tname\n")
    with pytest.raises(KBError, match="no \\*.tsv files"):
        KnowledgeBase.from_dir(tmp_path / "missing")


def test_ambiguity_marker_allows_shared_surfaces(tmp_path):
    kb = _kb_from(tmp_path, "LOC:zuerich\tLOC\tcity\tZürich\t\tCH\t\t\t\n"
                            "LOC:kanton-zuerich\tLOC\tstate\tKanton Zürich\t~Zürich\tCH\t\t\t\n"
                            "ORG:zuerich-club\tORG\tsports_club\tZürich\t\tCH\t\t\t\n")
    # unmarked readings first (any label), then the ones marked ~
    assert [e.id for e in kb.lookup("Zürich")] == ["LOC:zuerich", "ORG:zuerich-club", "LOC:kanton-zuerich"]


def test_unknown_country_code_is_an_error_when_countries_are_loaded(tmp_path):
    with pytest.raises(KBError, match="unknown country code 'ZZ'"):
        _kb_from(tmp_path, "LOC:deutschland\tLOC\tcountry\tDeutschland\t\tDE\tQ183\t\t\n"
                           "ORG:x\tORG\tcompany\tX\t\tZZ\t\t\t\n")


@pytest.mark.parametrize(("text", "slug"), [
    ("Föderaler Sicherheitsdienst", "foederaler-sicherheitsdienst"),
    ("Olaf Scholz", "olaf-scholz"),
    ("Kraftfahrt-Bundesamt", "kraftfahrt-bundesamt"),
    ("Łódź", "lodz"),
    ("Straße von Hormus", "strasse-von-hormus"),
])
def test_slugify(text, slug):
    assert slugify(text) == slug


# --- first names ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "gender"), [
    ("Olaf", "m"), ("Annalena", "f"), ("Wolodymyr", "m"), ("Jewgeni", "m"), ("Swetlana", "f"),
    ("Ursula", "f"), ("Emmanuel", "m"), ("Recep", "m"), ("Sergej", "m"), ("Alexander", "m"),
    ("Maria", "f"), ("OLAF", "m"), ("Hans-Peter", "m"), ("Kim", None), ("Xyzzyq", None), ("", None),
])
def test_first_name_gender(first_names, name, gender):
    assert first_names.gender(name) == gender


def test_first_name_files_are_small_and_attributed():
    data = KB_DIR.parent
    berlin = (data / "first_names.tsv").read_text(encoding="utf-8")
    assert (data / "first_names.tsv").stat().st_size < 400_000
    assert "LABO" in berlin and "BerlinOnline" in berlin and "CC BY 3.0 DE" in berlin
    assert "CC0" in (data / "first_names_extra.tsv").read_text(encoding="utf-8")


def test_extra_names_override_berlin(tmp_path):
    (tmp_path / "first_names.tsv").write_text("name\tgender\tbirths\nAndrea\t?\t228\nJan\tm\t9\n", encoding="utf-8")
    (tmp_path / "first_names_extra.tsv").write_text("# c\nname\tgender\nAndrea\tm\n", encoding="utf-8")
    names = FirstNames.load(tmp_path)
    assert names.gender("Andrea") == "m" and names.gender("Jan") == "m" and len(names) == 2
