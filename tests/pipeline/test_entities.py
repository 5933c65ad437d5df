"""German fixes on NER output, on hand-built docs (no model needed)."""

import pytest
import spacy

import newsents.pipeline.entities  # noqa: F401
from newsents.knowledge.ids import entity_id, slugify


@pytest.fixture(scope="module")
def fix():
    nlp = spacy.blank("de")
    fixer = nlp.add_pipe("newsents_entities")

    def run(text, ents):
        doc = nlp.make_doc(text)
        spans = []
        for surface, label in ents:
            start = text.index(surface)
            spans.append(doc.char_span(start, start + len(surface), label=label))
        doc.ents = spans
        return fixer(doc)

    return run


def test_titles_are_cut_off_names(fix):
    doc = fix("Verteidigungsminister Sergej Schoigu reiste ab.", [("Verteidigungsminister Sergej Schoigu", "PER")])
    assert [(e.text, e.label_) for e in doc.ents] == [("Sergej Schoigu", "PER")]
    assert doc.ents[0]._.entity_id == "PER:sergej-schoigu"


def test_genitive_keeps_surface_and_normalises(fix):
    doc = fix("Lukaschenkos Sprecher widersprach.", [("Lukaschenkos", "PER")])
    ent = doc.ents[0]
    assert (ent.text, ent._.norm, ent._.entity_id) == ("Lukaschenkos", "Lukaschenko", "PER:lukaschenko")


def test_genitive_apostrophe_is_part_of_the_mention(fix):
    doc = fix("Scholz' Sprecher widersprach.", [("Scholz", "PER")])
    assert doc.ents[0].text == "Scholz'"
    assert doc.ents[0]._.norm == "Scholz"


def test_names_ending_in_s_are_not_genitives(fix):
    doc = fix("Der Sänger Klaus Meine kam nach Paris.", [("Klaus Meine", "PER"), ("Paris", "LOC")])
    assert [e._.norm for e in doc.ents] == ["Klaus Meine", "Paris"]


def test_genitive_stem_seen_elsewhere(fix):
    doc = fix("Putin sprach. Die Rede Putins war lang.", [("Putin", "PER"), ("Putins", "PER")])
    assert [e._.norm for e in doc.ents] == ["Putin", "Putin"]


def test_derived_adjectives_are_not_entities(fix):
    doc = fix("Die russische Armee und die Berliner Regierung.", [("russische", "MISC"), ("Berliner", "LOC")])
    assert list(doc.ents) == []


def test_hyphen_compounds_are_references_not_mentions(fix):
    doc = fix("Der Kreml-Chef lobte die Putin-Regierung beim Nato-Gipfel in Wilna.",
              [("Putin-Regierung", "PER"), ("Wilna", "LOC")])
    assert [e.text for e in doc.ents] == ["Wilna"]
    assert [(c.text, c.name) for c in doc._.compounds] == [
        ("Kreml-Chef", "Kreml"), ("Putin-Regierung", "Putin"), ("Nato-Gipfel", "Nato")]
    c = doc._.compounds[1]
    assert doc.text[c.start:c.end] == "Putin-Regierung"


def test_hyphenated_names_stay(fix):
    doc = fix("Die Friedrich-Ebert-Stiftung in Baden-Württemberg.",
              [("Friedrich-Ebert-Stiftung", "ORG"), ("Baden-Württemberg", "LOC")])
    assert [e.text for e in doc.ents] == ["Friedrich-Ebert-Stiftung", "Baden-Württemberg"]
    assert doc._.compounds == []


def test_slugs_are_readable_ascii():
    assert slugify("Sergej Schoigu") == "sergej-schoigu"
    assert slugify("Müller-Lüdenscheidt") == "mueller-luedenscheidt"
    assert entity_id("LOC", "Kyjiw") == "LOC:kyjiw"
    assert slugify("!!!") == "x"


def _with_title(pipe, title):
    lexicon = dict(pipe.data["lexicon"])
    lexicon["titles"] = [*lexicon["titles"], title]
    pipe.initialize(data={"lexicon": lexicon})


def test_lexicon_serialises(tmp_path):
    nlp = spacy.blank("de")
    pipe = nlp.add_pipe("newsents_entities")
    _with_title(pipe, "Oberstleutnant")
    nlp.to_disk(tmp_path / "p")
    assert "Oberstleutnant" in spacy.load(tmp_path / "p").get_pipe("newsents_entities").titles


def test_compounds_are_the_same_on_repeated_words_and_follow_head_edits():
    """The component remembers, per word, whether it is a compound: a second document gets the same
    answer, and an edited list of compound heads is taken into account."""
    nlp = spacy.blank("de")
    fixer = nlp.add_pipe("newsents_entities")
    assert "Versteher" not in fixer.data["lexicon"]["compound_heads"]
    text = "Der Kreml-Chef traf einen Putin-Versteher und den Kreml-Chef erneut."
    first = [(c.text, c.name, c.start) for c in fixer(nlp.make_doc(text))._.compounds]
    assert first == [("Kreml-Chef", "Kreml", 4), ("Kreml-Chef", "Kreml", text.rindex("Kreml-Chef"))]
    assert [(c.text, c.name, c.start) for c in fixer(nlp.make_doc(text))._.compounds] == first
    lexicon = dict(fixer.data["lexicon"])
    lexicon["compound_heads"] = [*lexicon["compound_heads"], "Versteher"]
    fixer.initialize(data={"lexicon": lexicon})
    again = [(c.text, c.name) for c in fixer(nlp.make_doc(text))._.compounds]
    assert again == [("Kreml-Chef", "Kreml"), ("Putin-Versteher", "Putin"), ("Kreml-Chef", "Kreml")]
