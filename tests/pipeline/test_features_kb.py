"""The knowledge-base match feature of ``newsents.ClusterKBHashEmbed.v1``: per-token codes of the
longest base name, and a table that travels with the weights."""

from __future__ import annotations

import pytest
import spacy
from thinc.api import NumpyOps

from newsents.pipeline.features import (
    ClusterKBHashEmbed,
    _kb_code,
    build_kb_match_table,
    kb_match_codes,
)


@pytest.fixture(scope="module")
def table():
    return build_kb_match_table()


def _first(table):
    first: dict[str, int] = {}
    for key in table:
        words = key.split(" ")
        first[words[0]] = max(first.get(words[0], 0), len(words))
    return first


BEGIN, INSIDE = False, True
#: row: words, expected (label, inside, ambiguous) per word, None for no match
ROWS = [
    ("Wladimir Putin sprach", [("PER", BEGIN, False), ("PER", INSIDE, False), None]),
    ("in Moskau ,", [None, ("LOC", BEGIN, False), None]),
    ("Merkels Rede", [("PER", BEGIN, False), None]),  # a regular genitive of a base name
    ("das Auswärtige Amt", [None, ("ORG", BEGIN, False), ("ORG", INSIDE, False)]),  # the longest match wins
    ("der FSB ermittelt", [None, ("ORG", BEGIN, False), None]),
    ("Das Außenministerium schwieg", [None, ("ORG", BEGIN, True), None]),  # several ministries: ambiguous
    ("die Halbleiterbranche wächst", [None, None, None]),
]


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_longest_match_codes(table, text, expected):
    codes = kb_match_codes(text.split(" "), table, _first(table))
    assert codes == [0 if e is None else _kb_code(*e) for e in expected]


def test_table_is_stored_with_the_weights(table):
    """The table is built at initialisation and saved in the model: loading never reads the base."""
    nlp = spacy.blank("de")
    docs = [nlp("Wladimir Putin sprach in Moskau mit dem FSB .")]
    model = ClusterKBHashEmbed(width=8, attrs=["NORM"], rows=[50], cluster_rows=50, kb_rows=32)
    model.initialize(X=docs)
    feats = next(n for n in model.walk() if n.name == "cluster_features")
    assert feats.attrs["kb_table"] == table
    out = model.predict(docs)
    assert out[0].shape == (len(docs[0]), 8)
    copy = ClusterKBHashEmbed(width=8, attrs=["NORM"], rows=[50], cluster_rows=50, kb_rows=32)
    copy.from_bytes(model.to_bytes())
    assert next(n for n in copy.walk() if n.name == "cluster_features").attrs["kb_table"] == table
    assert NumpyOps().xp.allclose(copy.predict(docs)[0], out[0])
