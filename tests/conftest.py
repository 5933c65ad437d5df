"""Shared fixtures: the shipped pipeline is loaded once per test session."""

import os

import pytest

os.environ.setdefault("OMP_NUM_THREADS", "1")


@pytest.fixture(scope="session")
def nlp():
    """The full newsents pipeline on the shipped model (de_core_news_lg is not used in tests)."""
    import newsents
    from newsents.pipeline.model import shipped_model_path

    return newsents.load(str(shipped_model_path()))


@pytest.fixture(scope="session")
def base_nlp():
    """The shipped model without newsents' analysis components."""
    import newsents
    from newsents.pipeline.model import shipped_model_path

    return newsents.load(str(shipped_model_path()), components=False)


@pytest.fixture
def blank():
    """A blank German pipeline for unit tests that set entities by hand."""
    import spacy

    return spacy.blank("de")
