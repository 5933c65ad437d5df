"""Training augmentation by knowledge-base entity replacement (``train augment --augment RATIO``)."""

from __future__ import annotations

import pytest
import spacy

from newsents.evaluation.augment import Replacer, augmented_docs, known_surfaces, replace_entities
from newsents.evaluation.germeval import Sentence
from newsents.knowledge.kb import default_kb


def _sentence(tagged: str) -> Sentence:
    """``Merkel/B-PER reiste nach Paris/B-LOC .`` -> a Sentence (untagged words are O)."""
    words, tags = [], []
    for item in tagged.split():
        word, _, tag = item.partition("/")
        words.append(word)
        tags.append(tag or "O")
    return Sentence(words, tags)


@pytest.fixture(scope="module")
def setup():
    nlp = spacy.blank("de")
    kb = default_kb()
    sentences = [_sentence(s) for s in SENTENCES]
    known = known_surfaces(sentences) | {(e.label, s) for e in kb for s in e.surfaces}
    return nlp, kb, sentences, known


SENTENCES = [
    "Angela/B-PER Merkel/I-PER traf in Moskau/B-LOC den Chef von Gazprom/B-ORG .",
    "Merkels/B-PER Besuch bei der Bundeswehr/B-ORG verlief ruhig .",
    "Die Bundesliga/B-MISC startet in Paris'/B-LOC Vororten nicht .",
]

#: row: sentence index, label -> the replaced span is a base name of that label
ROWS = [(0, "PER"), (0, "LOC"), (0, "ORG"), (1, "PER"), (1, "ORG"), (2, "LOC")]


@pytest.mark.parametrize(("index", "label"), ROWS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_replacement_is_a_base_name_of_the_same_label(setup, index, label, seed):
    nlp, kb, sentences, known = setup
    sent = sentences[index]
    words, spaces, spans = replace_entities(sent, Replacer(kb, nlp.tokenizer, known, seed))
    assert len(words) == len(spaces) and [lab for _, _, lab in spans] == [lab for _, _, lab in sent.spans()]
    old = next(s for s in sent.spans() if s[2] == label)
    new = next(s for s in spans if s[2] == label)
    surface = "".join(w + (" " if sp else "") for w, sp in zip(words[new[0]:new[1]], spaces[new[0]:new[1]])).strip()
    genitive = " ".join(sent.words[old[0]:old[1]]) in ("Merkels", "Paris'")
    base = surface[:-1] if genitive and surface.endswith(("s", "'")) else surface
    assert base and any(e.label == label for e in kb.lookup(base)), (surface, label)


def test_genitive_stays_a_genitive(setup):
    nlp, kb, sentences, known = setup
    for seed in range(5):
        words, _, spans = replace_entities(sentences[1], Replacer(kb, nlp.tokenizer, known, seed))
        start, end, _ = spans[0]
        assert words[end - 1].endswith("s") or words[end - 1] == "'"


def test_misc_and_other_words_stay(setup):
    nlp, kb, sentences, known = setup
    words, _, spans = replace_entities(sentences[2], Replacer(kb, nlp.tokenizer, known, 0))
    assert words[:3] == ["Die", "Bundesliga", "startet"] and spans[0] == (1, 2, "MISC")
    assert words[-3:] == ["Vororten", "nicht", "."]


def test_docs_have_consistent_offsets_and_are_seeded(setup):
    nlp, kb, sentences, _ = setup
    docs = list(augmented_docs(nlp, sentences, kb, ratio=2.0, seed=3))
    assert len(docs) == 6
    for doc in docs:
        assert doc.ents
        for ent in doc.ents:
            assert doc.text[ent.start_char:ent.end_char] == ent.text and ent.text.strip() == ent.text
        assert nlp.make_doc(doc.text).text == doc.text
    again = [d.text for d in augmented_docs(nlp, sentences, kb, ratio=2.0, seed=3)]
    assert again == [d.text for d in docs]
