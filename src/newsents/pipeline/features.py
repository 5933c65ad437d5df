"""Model architectures of the shipped pipeline: hash embeddings plus distributional word clusters.

Without pretrained vectors, Brown-style word clusters are the cheapest strong signal for NER
(names of the same kind share a cluster). During training the table lives in ``vocab.lookups``
under spaCy's own name ``lexeme_cluster``; the shipped model keeps it as an attribute of the
cluster layer (``embed_cluster_table``), saved with the weights and fast to load.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

from spacy.ml.models.tok2vec import MultiHashEmbed
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import (
    HashEmbed,
    Maxout,
    Model,
    add,
    chain,
    concatenate,
    list2ragged,
    ragged2list,
    with_array,
)
from thinc.types import Floats2d, Ints2d

CLUSTER_TABLE = "lexeme_cluster"
#: Bit-prefix lengths of a cluster path that become features (coarse to fine), plus the full id.
PREFIX_BITS = (4, 6, 10, 14)


def cluster_features(doc: Doc, table, cache: Optional[dict] = None) -> list[list[int]]:
    """Per token: the full cluster id and its bit prefixes, each tagged with its length.

    ``table`` maps words to cluster ids: a plain dict (shipped model) or a spaCy lookups Table.
    ``cache`` (word hash -> row) saves recomputing frequent words within a batch.
    """
    cache = {} if cache is None else cache
    rows = []
    for token in doc:
        row = cache.get(token.orth)
        if row is None:
            cid = table.get(token.text, 0) or table.get(token.lower_, 0)
            bits = cid.bit_length()
            row = [cid] + [(n << 40) | (cid >> max(0, bits - n)) for n in PREFIX_BITS]
            cache[token.orth] = row
        rows.append(row)
    return rows


def ClusterFeatures() -> Model[list[Doc], list[Ints2d]]:
    """Extract cluster-id features per token.

    The table is the model's own ``clusters`` attribute (a dict saved with the weights, fast to
    load) or, during training, the ``lexeme_cluster`` table in ``doc.vocab.lookups``.
    """

    def forward(model: Model, docs: list[Doc], is_train: bool):
        ops = model.ops
        out = []
        own = model.attrs.get("clusters")
        cache: dict = {}
        for doc in docs:
            table = own if own is not None else doc.vocab.lookups.get_table(CLUSTER_TABLE, {})
            feats = cluster_features(doc, table, cache)
            width = len(PREFIX_BITS) + 1
            arr = ops.asarray2i(feats, dtype="uint64") if feats else ops.alloc2i(0, width, dtype="uint64")
            out.append(arr)
        return out, lambda dY: []

    return Model("cluster_features", forward, attrs={"clusters": None})


@registry.architectures("newsents.ClusterHashEmbed.v1")
def ClusterHashEmbed(
    width: int,
    attrs: list[str],
    rows: list[int],
    cluster_rows: int,
) -> Model[list[Doc], list[Floats2d]]:
    """spaCy's MultiHashEmbed concatenated with embeddings of word-cluster features, mixed by Maxout."""
    words = MultiHashEmbed(width=width, attrs=attrs, rows=rows, include_static_vectors=False)
    n_cols = len(PREFIX_BITS) + 1
    cluster_embeds = [
        HashEmbed(nO=width, nV=cluster_rows, column=i, seed=100 + i, dropout=0.0) for i in range(n_cols)
    ]
    clusters = chain(
        ClusterFeatures(),
        list2ragged(),
        with_array(concatenate(*cluster_embeds)),
        with_array(Maxout(width, width * n_cols, nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
    return chain(
        concatenate(words, clusters),
        with_array(Maxout(width, width * 2, nP=3, dropout=0.0, normalize=True)),
    )


def _word_and_cluster_embeds(width: int, attrs: list[str], rows: list[int], cluster_rows: int):
    """Hash embeddings of the word attributes (concatenated) and of the cluster features (summed)."""
    from spacy.ml.featureextractor import FeatureExtractor

    word_embeds = [
        HashEmbed(nO=width, nV=n_rows, column=i, seed=7 + i, dropout=0.0) for i, n_rows in enumerate(rows)
    ]
    words = chain(FeatureExtractor(attrs), list2ragged(), with_array(concatenate(*word_embeds)), ragged2list())
    clusters = chain(
        ClusterFeatures(),
        list2ragged(),
        with_array(add(*[HashEmbed(nO=width, nV=cluster_rows, column=i, seed=100 + i, dropout=0.0)
                         for i in range(len(PREFIX_BITS) + 1)])),
        ragged2list(),
    )
    return words, clusters


@registry.architectures("newsents.ClusterHashEmbed.v2")
def ClusterHashEmbed_v2(
    width: int,
    attrs: list[str],
    rows: list[int],
    cluster_rows: int,
) -> Model[list[Doc], list[Floats2d]]:
    """Cheaper than v1: word-attribute and cluster embeddings are mixed by a single Maxout, and the
    cluster-prefix embeddings are summed (a bag of features) instead of mixed by their own layer."""
    words, clusters = _word_and_cluster_embeds(width, attrs, rows, cluster_rows)
    return chain(
        concatenate(words, clusters),
        with_array(Maxout(width, width * (len(attrs) + 1), nP=3, dropout=0.0, normalize=True)),
    )


@registry.architectures("newsents.ClusterCharEmbed.v1")
def ClusterCharEmbed(
    width: int,
    attrs: list[str],
    rows: list[int],
    cluster_rows: int,
    nM: int = 16,
    nC: int = 8,
) -> Model[list[Doc], list[Floats2d]]:
    """v2 plus spaCy's character embedding (first and last ``nC // 2`` characters of each word,
    ``nM`` dims each): German name morphology (-enko, -ow, -ski; -ung, -ismus) carries type signals.
    An experiment (dev F1 0.757 vs 0.755, slower): see models/README.md."""
    from spacy.ml._character_embed import CharacterEmbed

    words, clusters = _word_and_cluster_embeds(width, attrs, rows, cluster_rows)
    return chain(
        concatenate(words, clusters, CharacterEmbed(nM=nM, nC=nC)),
        with_array(Maxout(width, width * (len(attrs) + 1) + nM * nC, nP=3, dropout=0.0, normalize=True)),
    )


def load_cluster_table(min_log_prob: float = -16.0) -> dict:
    """Word -> cluster id from spacy-lookups-data, pruned to words frequent enough to matter."""
    from .lookups import log_probs, read_table

    probs = log_probs()
    return {w: c for w, c in read_table("lexeme_cluster").items() if c and probs.get(w, -99.0) >= min_log_prob}


@registry.callbacks("newsents.cluster_lookups.v1")
def cluster_lookups(min_log_prob: float = -16.0) -> Callable:
    """An ``initialize.before_init`` callback that puts the pruned cluster table into the vocab."""

    def before_init(nlp):
        lookups = nlp.vocab.lookups
        if lookups.has_table(CLUSTER_TABLE):
            lookups.remove_table(CLUSTER_TABLE)
        lookups.add_table(CLUSTER_TABLE, load_cluster_table(min_log_prob))
        return nlp

    return before_init


def embed_cluster_table(nlp, min_log_prob: float = -16.0) -> None:
    """Move the cluster table from ``vocab.lookups`` into the tok2vec weights (loads ~50x faster)."""
    table = load_cluster_table(min_log_prob)
    found = False
    for _name, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if node.name == "cluster_features":
                node.attrs["clusters"] = table
                found = True
    if not found:
        raise ValueError("no cluster_features layer in this pipeline")
    if nlp.vocab.lookups.has_table(CLUSTER_TABLE):
        nlp.vocab.lookups.remove_table(CLUSTER_TABLE)
