"""Assemble the shipped German pipeline from a trained NER and newsents' rule components.

The shipped model holds the linguistic base (tokenizer, news sentence rules, NER, lookup lemmas,
verb mood). newsents' own analysis components are added on top by ``newsents.load()``, so they
work the same on ``de_core_news_lg``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import spacy
from spacy.language import Language

from . import features, lemmas, mood, sentences  # noqa: F401  (register factories and architectures)

MODEL_VERSION = "0.1.0"


def assemble_pipeline(ner_model: Path, meta: Optional[dict] = None) -> Language:
    """Load a trained NER pipeline and add sentences, lemmas and mood; set the model card meta."""
    nlp = spacy.load(ner_model)
    min_log_prob = nlp.config["initialize"]["before_init"].get("min_log_prob", -16.0)
    features.embed_cluster_table(nlp, min_log_prob)
    nlp.add_pipe("newsents_sentences", first=True)
    nlp.add_pipe("newsents_lemmatizer", after="ner")
    nlp.add_pipe("newsents_mood", after="newsents_lemmatizer")
    nlp.get_pipe("newsents_lemmatizer").initialize()
    nlp.meta.update(
        {
            "name": "newsents_news",
            "version": MODEL_VERSION,
            "description": "German news pipeline of newsents: news sentence rules, CNN NER "
            "(PER/LOC/ORG/MISC, GermEval 2014) with word-cluster features, lookup lemmas, rule-based verb mood.",
            "author": "newsents",
            "license": "CC BY 4.0 (trained on GermEval 2014); lemma and cluster tables from spacy-lookups-data (MIT)",
            "sources": [
                {"name": "GermEval 2014 NER (NoSta-D)", "url": "https://sites.google.com/site/germeval2014ner/",
                 "license": "CC BY 4.0", "author": "Benikova, Biemann, Reznicek"},
                {"name": "spacy-lookups-data (de lemma lookup, lexeme clusters)",
                 "url": "https://github.com/explosion/spacy-lookups-data", "license": "MIT"},
            ],
            **(meta or {}),
        }
    )
    return nlp
