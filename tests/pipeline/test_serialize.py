"""Every newsents component round-trips its data through to_bytes/from_bytes and to_disk/from_disk
(alone and inside a saved pipeline), takes data through initialize, and honours spaCy's error
handler (after spacy-transformers' tests/test_serialize.py)."""

from __future__ import annotations

import pytest
import spacy

import newsents.claims  # noqa: F401  (registers newsents_claims)
import newsents.pipeline.entities  # noqa: F401
import newsents.pipeline.kb_ruler  # noqa: F401
import newsents.pipeline.lemmas  # noqa: F401
import newsents.pipeline.mood  # noqa: F401
import newsents.pipeline.sentences  # noqa: F401


def _edit(name: str, data: dict) -> dict:
    """The component's data with one recognisable change."""
    data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in data.items()}
    if name == "newsents_sentences":
        data["abbreviations"] = [*data["abbreviations"], "Xyz"]
    elif name == "newsents_lemmatizer":
        data["table"] = {"richte": "richten", "Xyz": "xyz"}
    elif name == "newsents_mood":
        data["forms"] = {**data["forms"], "konj1": [*data["forms"]["konj1"], "xyze"]}
    elif name == "newsents_entities":
        data["lexicon"] = {**data["lexicon"], "titles": [*data["lexicon"]["titles"], "Xyz"]}
    elif name == "newsents_kb":
        data["table"] = data["table"] + "Xyzstadt\tLOC:xyzstadt\tLOC\tcity\t\t1\n"
    elif name == "newsents_claims":
        data["cues"] = data["cues"] + "xyzen\tverb\tindirect\t\n"
    return data


FACTORIES = ["newsents_sentences", "newsents_lemmatizer", "newsents_mood", "newsents_kb", "newsents_entities",
             "newsents_claims"]


@pytest.fixture(params=FACTORIES)
def component(request):
    nlp = spacy.blank("de")
    pipe = nlp.add_pipe(request.param)
    pipe.initialize(data=_edit(request.param, pipe.data))
    return nlp, pipe


def test_to_bytes_from_bytes_round_trip(component):
    nlp, pipe = component
    other = spacy.blank("de").add_pipe(pipe.name)
    other.from_bytes(pipe.to_bytes())
    assert other.data == pipe.data
    assert other.to_bytes() == pipe.to_bytes()


def test_to_disk_from_disk_round_trip(component, tmp_path):
    nlp, pipe = component
    pipe.to_disk(tmp_path / "c")
    other = spacy.blank("de").add_pipe(pipe.name).from_disk(tmp_path / "c")
    assert other.data == pipe.data


def test_saved_pipeline_keeps_the_data(component, tmp_path):
    nlp, pipe = component
    nlp.to_disk(tmp_path / "p")
    assert spacy.load(tmp_path / "p").get_pipe(pipe.name).data == pipe.data
    assert spacy.blank("de").from_bytes(nlp.to_bytes()) is not None


def test_initialize_replaces_the_data(component):
    nlp, pipe = component
    default = spacy.blank("de").add_pipe(pipe.name).data
    assert pipe.data != default
    pipe.initialize()
    assert pipe.data == default


def test_initialize_rejects_incomplete_data(component):
    nlp, pipe = component
    with pytest.raises(ValueError, match="data lacks"):
        pipe.initialize(data={})


def test_error_handler_gets_the_failing_doc(component, monkeypatch):
    nlp, pipe = component
    seen = []
    pipe.set_error_handler(lambda name, proc, docs, err: seen.append((name, [d.text for d in docs], type(err))))

    def broken(doc):
        raise RuntimeError("boom")

    monkeypatch.setattr(type(pipe), "__call__", lambda self, doc: broken(doc))
    assert list(pipe.pipe([nlp.make_doc("Ein Satz.")])) == []
    assert seen == [(pipe.name, ["Ein Satz."], RuntimeError)]


def test_default_error_handler_raises(component, monkeypatch):
    nlp, pipe = component
    monkeypatch.setattr(type(pipe), "__call__", lambda self, doc: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError, match="boom"):
        list(pipe.pipe([nlp.make_doc("Ein Satz.")]))
