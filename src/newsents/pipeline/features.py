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
    return _word_embeds(width, attrs, rows), _cluster_bag(width, cluster_rows, ClusterFeatures())


def _word_embeds(width: int, attrs: list[str], rows: list[int]) -> Model:
    """Hash embeddings of the word attributes ``attrs``, concatenated."""
    from spacy.ml.featureextractor import FeatureExtractor

    word_embeds = [
        HashEmbed(nO=width, nV=n_rows, column=i, seed=7 + i, dropout=0.0) for i, n_rows in enumerate(rows)
    ]
    return chain(FeatureExtractor(attrs), list2ragged(), with_array(concatenate(*word_embeds)), ragged2list())


def _cluster_bag(width: int, cluster_rows: int, features: Model, extra: tuple = ()) -> Model:
    """The cluster-id and prefix columns of ``features`` embedded and summed (a bag of features), with
    the embeddings ``extra`` of further columns."""
    embeds = [HashEmbed(nO=width, nV=cluster_rows, column=i, seed=100 + i, dropout=0.0)
              for i in range(len(PREFIX_BITS) + 1)]
    return chain(features, list2ragged(), with_array(add(*embeds, *extra)), ragged2list())


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


#: Codes of the knowledge-base match feature: 0 no match; then per label B(egin)/I(nside), and the
#: same for surfaces that are ambiguous (marked ``~`` or claimed by entities of several labels).
KB_LABELS = ("PER", "LOC", "ORG", "MISC")


def _kb_code(label: str, inside: bool, ambiguous: bool) -> int:
    return 1 + KB_LABELS.index(label) * 4 + (2 if ambiguous else 0) + (1 if inside else 0)


def build_kb_match_table(kb=None, tokenizer=None) -> dict:
    """Surface form (spaCy tokens joined by a space) -> code of its label, for the KB match feature.

    Forms are the names and aliases of the knowledge base plus their regular genitives
    (``KnowledgeBase.names(inflected=True)``). The label is that of the preferred entity; a form is
    ambiguous when every entity marks it ``~`` or entities of different labels claim it.
    Returned as ``{form: label_index * 2 + ambiguous}``, small enough to be stored in the weights.
    """
    if kb is None:
        from ..knowledge.kb import KnowledgeBase

        kb = KnowledgeBase.from_dir()
    if tokenizer is None:
        import spacy

        tokenizer = spacy.blank("de").tokenizer
    table = {}
    for surface, ids in sorted(kb.names(inflected=True).items()):
        entities = [kb.get(i) for i in ids]
        labels = {e.label for e in entities}
        ambiguous = len(labels) > 1 or all(surface in e.ambiguous for e in entities)
        key = " ".join(t.text for t in tokenizer(surface))
        if key:
            table[key] = KB_LABELS.index(entities[0].label) * 2 + int(ambiguous)
    return table


def kb_match_codes(words: list[str], table: dict, first: dict) -> list[int]:
    """Per token the KB match code: longest match first, left to right (``first``: first word ->
    the longest form starting with it, in tokens)."""
    codes = [0] * len(words)
    i, n = 0, len(words)
    while i < n:
        longest = first.get(words[i], 0)
        for length in range(min(longest, n - i), 0, -1):
            value = table.get(words[i] if length == 1 else " ".join(words[i:i + length]))
            if value is not None:
                label, ambiguous = KB_LABELS[value // 2], bool(value % 2)
                codes[i] = _kb_code(label, False, ambiguous)
                for j in range(i + 1, i + length):
                    codes[j] = _kb_code(label, True, ambiguous)
                i += length
                break
        else:
            i += 1
    return codes


def ClusterKBFeatures() -> Model[list[Doc], list[Ints2d]]:
    """Cluster-id features (as :func:`ClusterFeatures`) plus a column with the KB match code.

    The match table (``kb_table``) is built from the knowledge package when the model is
    initialised for training and is then saved with the weights; loading the model never reads the
    base.
    """
    index_cache: dict = {}  # not saved: the table -> first word -> longest form starting with it, in tokens

    def first_words(table: dict) -> dict[str, int]:
        cached = index_cache.get("table")
        if cached is None or cached[0] is not table:
            index: dict[str, int] = {}
            for key in table:
                words = key.split(" ")
                index[words[0]] = max(index.get(words[0], 0), len(words))
            cached = index_cache["table"] = (table, index)
        return cached[1]

    def forward(model: Model, docs: list[Doc], is_train: bool):
        ops = model.ops
        own = model.attrs.get("clusters")
        table = model.attrs["kb_table"] or {}
        first = first_words(table)
        cache: dict = {}
        out = []
        for doc in docs:
            ctable = own if own is not None else doc.vocab.lookups.get_table(CLUSTER_TABLE, {})
            codes = kb_match_codes([t.text for t in doc], table, first)
            rows = [row + [code] for row, code in zip(cluster_features(doc, ctable, cache), codes)]
            out.append(ops.asarray2i(rows, dtype="uint64") if rows else
                       ops.alloc2i(0, len(PREFIX_BITS) + 2, dtype="uint64"))
        return out, lambda dY: []

    def init(model: Model, X=None, Y=None):
        if model.attrs.get("kb_table") is None:
            model.attrs["kb_table"] = build_kb_match_table()

    return Model("cluster_features", forward, init=init, attrs={"clusters": None, "kb_table": None})


@registry.architectures("newsents.ClusterKBHashEmbed.v1")
def ClusterKBHashEmbed(
    width: int,
    attrs: list[str],
    rows: list[int],
    cluster_rows: int,
    kb_rows: int = 64,
) -> Model[list[Doc], list[Floats2d]]:
    """v2 plus a knowledge-base match feature: per token, the label of the longest KB name it lies
    in (begin/inside, ambiguous or not), embedded and summed into the bag of cluster features.
    An experiment (dev F1 0.7552 against 0.755, not shipped): see models/README.md."""
    words = _word_embeds(width, attrs, rows)
    kb_embed = HashEmbed(nO=width, nV=kb_rows, column=len(PREFIX_BITS) + 1, seed=200, dropout=0.0)
    clusters = _cluster_bag(width, cluster_rows, ClusterKBFeatures(), (kb_embed,))
    return chain(
        concatenate(words, clusters),
        with_array(Maxout(width, width * (len(attrs) + 1), nP=3, dropout=0.0, normalize=True)),
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
