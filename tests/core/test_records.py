"""The record model: Article.to_dict()/from_dict() is lossless, also through JSON (property test)."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from newsents.core.records import Article, Claim, CompoundRef, Failure, Mention, Removal, SpanRef

text = st.text(max_size=30)
opt_text = st.none() | text
offset = st.integers(min_value=-1, max_value=10_000)
span = st.builds(SpanRef, text, offset, offset, opt_text)
mention = st.builds(Mention, text, st.sampled_from(["PER", "LOC", "ORG", "MISC"]), offset, offset, opt_text, opt_text)
plain_span = st.builds(SpanRef, text, offset, offset)  # content and cue are no entity references
claim = st.builds(Claim, plain_span, st.sampled_from(["direct", "indirect", "reported"]), st.none() | span,
                  st.none() | plain_span, st.none() | span, st.booleans())
article = st.builds(
    Article, text, text, opt_text, opt_text, opt_text, opt_text,
    st.lists(mention, max_size=4), st.lists(claim, max_size=3),
    st.lists(st.builds(CompoundRef, text, text, offset, offset), max_size=2),
    st.lists(st.builds(Removal, text, text), max_size=2),
    st.lists(st.tuples(offset, offset), max_size=3),
)


@settings(max_examples=200, deadline=None)
@given(article)
def test_article_round_trips_through_its_record_and_json(a):
    assert Article.from_dict(a.to_dict()) == a
    assert Article.from_dict(json.loads(json.dumps(a.to_dict(), ensure_ascii=False))) == a


def test_record_keeps_norm_and_via_offsets():
    a = Article("x", "Lukaschenkos Plan, laut Belta.",
                entities=[Mention("Lukaschenkos", "PER", 0, 12, "PER:l", "Lukaschenko")],
                claims=[Claim(SpanRef("Plan", 13, 17), "reported", via=SpanRef("Belta", 24, 29, "ORG:belta"))])
    d = a.to_dict()
    assert d["entities"][0]["norm"] == "Lukaschenko"
    assert d["claims"][0]["via"] == {"text": "Belta", "start": 24, "end": 29, "entity_id": "ORG:belta"}


def test_older_records_without_offsets_still_load():
    d = {"id": "x", "text": "t", "claims": [{"content": {"text": "c"}, "mode": "direct", "via": {"text": "Belta"}}]}
    via = Article.from_dict(d).claims[0].via
    assert via == SpanRef("Belta", -1, -1, None)


def test_failure_round_trips():
    f = Failure("a/b.json", "JSONDecodeError", "a/b.json: invalid JSON")
    assert Failure.from_dict(f.to_dict()) == f
