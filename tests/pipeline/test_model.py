"""The shipped model and ``newsents.load``: choice order, errors, robustness on odd input."""

import json

import pytest

import newsents
from newsents.pipeline import model as model_mod
from newsents.pipeline.model import ModelNotFoundError, resolve_model, shipped_model_path


def test_shipped_model_finds_person_place_organisation(base_nlp):
    doc = base_nlp("Bundeskanzler Olaf Scholz traf am Dienstag in Berlin Vertreter der Europäischen Union.")
    labels = {(e.text, e.label_) for e in doc.ents}
    assert ("Olaf Scholz", "PER") in labels
    assert ("Berlin", "LOC") in labels
    assert any(label == "ORG" and "Union" in text for text, label in labels)


def test_shipped_model_meta_names_itself(base_nlp):
    assert base_nlp.meta["name"] == "newsents_news"
    assert base_nlp.meta["lang"] == "de"
    assert base_nlp.meta["version"]
    assert base_nlp.meta["newsents"]["source"] == str(shipped_model_path())
    assert {"newsents_sentences", "ner", "newsents_lemmatizer", "newsents_mood"} <= set(base_nlp.pipe_names)


def test_shipped_model_lemmas_and_mood(base_nlp):
    doc = base_nlp("Der Sprecher sagte, das Manöver richte sich gegen niemanden und sei lange geplant.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["sagte"] == "sagen"
    moods = {t.text for t in doc if "Sub" in t.morph.get("Mood")}
    assert {"richte", "sei"} <= moods
    assert "sagte" not in moods


def test_order_explicit_wins(monkeypatch):
    monkeypatch.setenv("NEWSENTS_MODEL", "/somewhere/else")
    monkeypatch.setattr(model_mod, "_is_installed", lambda name: True)
    assert resolve_model("my_model") == ["my_model"]


def test_order_env_before_installed_package(monkeypatch):
    monkeypatch.setenv("NEWSENTS_MODEL", "/from/env")
    monkeypatch.setattr(model_mod, "_is_installed", lambda name: True)
    assert resolve_model("auto") == ["/from/env"]


def test_order_de_core_news_lg_when_installed(monkeypatch):
    monkeypatch.delenv("NEWSENTS_MODEL", raising=False)
    monkeypatch.setattr(model_mod, "_is_installed", lambda name: name == "de_core_news_lg")
    assert resolve_model() == ["de_core_news_lg"]


def test_order_shipped_when_nothing_else(monkeypatch):
    monkeypatch.delenv("NEWSENTS_MODEL", raising=False)
    monkeypatch.setattr(model_mod, "_is_installed", lambda name: False)
    assert resolve_model() == [str(shipped_model_path())]


def test_load_uses_de_core_news_lg_when_present(monkeypatch, base_nlp):
    """With the package faked present, load() asks spaCy for it by name."""
    asked = []
    monkeypatch.delenv("NEWSENTS_MODEL", raising=False)
    monkeypatch.setattr(model_mod, "_is_installed", lambda name: name == "de_core_news_lg")
    monkeypatch.setattr(model_mod.spacy, "load", lambda name, **kw: asked.append(name) or base_nlp)
    nlp = newsents.load(components=False)
    assert asked == ["de_core_news_lg"]
    assert nlp.meta["newsents"]["source"] == "de_core_news_lg"


def test_load_nonexistent_names_what_was_tried():
    with pytest.raises(ModelNotFoundError) as err:
        newsents.load("nonexistent")
    msg = str(err.value)
    assert "'nonexistent'" in msg and "pip install de_core_news_lg" in msg


def test_load_folder_without_config(tmp_path):
    with pytest.raises(ModelNotFoundError, match="no config.cfg"):
        newsents.load(str(tmp_path))


def test_load_corrupt_model_folder(tmp_path):
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(shipped_model_path(), broken)
    (broken / "ner" / "model").write_bytes(b"\x00garbage")
    with pytest.raises(ModelNotFoundError, match="could not load") as err:
        newsents.load(str(broken))
    assert str(broken) in str(err.value)


def test_shipped_model_size_and_load_time():
    size = sum(p.stat().st_size for p in shipped_model_path().rglob("*") if p.is_file())
    assert size <= 30 * 1024 * 1024
    meta = json.loads((shipped_model_path() / "meta.json").read_text())
    assert meta["name"] == "newsents_news"


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t  ", "Text mit \x00 Steuer\x07zeichen \x1b und \u200b Breiten",
     "Сергей Шойгу встретился с Лукашенко in Minsk.",
     "„„„ »« ‚‘ ...!!! ??", "a" * 5000],
)
def test_pipeline_survives_odd_text(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    for ent in doc.ents:
        assert text[ent.start_char:ent.end_char] == ent.text


@pytest.mark.slow
def test_pipeline_survives_one_megabyte(nlp):
    sentence = "Der Minister sagte in Berlin, die Lage sei ernst. "
    text = sentence * (1_000_000 // len(sentence))
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    doc = nlp(text)
    assert len(doc.ents) > 1000


def test_loaded_models_use_numpy_blas_and_agree_with_blis(base_nlp):
    """load() moves every layer to numpy-BLAS ops; the entities equal those under thinc's BLIS."""
    import spacy
    from thinc.api import NumpyOps

    from newsents.pipeline.backend import use_blas_ops

    for _, pipe in base_nlp.pipeline:
        if hasattr(pipe, "model"):
            assert all(not node.ops.use_blis for node in pipe.model.walk())
    text = "Der russische Verteidigungsminister Sergej Schoigu traf in Minsk Vertreter der Agentur Belta."
    fast = [(e.text, e.label_) for e in base_nlp(text).ents]
    blis_nlp = spacy.load(shipped_model_path())
    for _, pipe in blis_nlp.pipeline:
        if hasattr(pipe, "model"):
            pipe.model._to_ops(NumpyOps(use_blis=True))
    assert fast == [(e.text, e.label_) for e in blis_nlp(text).ents]
    assert ("Sergej Schoigu", "PER") in fast
    use_blas_ops(blis_nlp)
    assert not blis_nlp.get_pipe("tok2vec").model.ops.use_blis


def test_limit_blas_threads_caps_numpy_blas():
    from threadpoolctl import threadpool_info

    from newsents.pipeline.backend import limit_blas_threads

    with limit_blas_threads(1):
        assert {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"} == {1}
