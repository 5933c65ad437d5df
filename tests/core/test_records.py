"""The record model: Article.to_dict()/from_dict() is lossless, also through JSON (property test)."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from newsents.core.records import (
    RESOLUTIONS,
    Article,
    Claim,
    CompoundRef,
    Failure,
    Mention,
    Removal,
    SpanRef,
    SpeakerRef,
)

text = st.text(max_size=30)
opt_text = st.none() | text
offset = st.integers(min_value=-1, max_value=10_000)
span = st.builds(SpanRef, text, offset, offset, opt_text)
mention = st.builds(Mention, text, st.sampled_from(["PER", "LOC", "ORG", "MISC"]), offset, offset, opt_text, opt_text)
plain_span = st.builds(SpanRef, text, offset, offset)  # content and cue are no entity references
speaker = st.builds(SpeakerRef, text, offset, offset, opt_text, opt_text, st.none() | st.sampled_from(RESOLUTIONS),
                    st.none() | plain_span, st.booleans())  # the antecedent is a plain span
claim = st.builds(Claim, plain_span, st.sampled_from(["direct", "indirect", "reported"]), st.none() | speaker,
                  st.none() | plain_span, st.none() | span, st.booleans(), st.none() | span)
article = st.builds(
    Article, text, text, opt_text, opt_text, opt_text, opt_text,
    st.lists(mention, max_size=4), st.lists(claim, max_size=3),
    st.lists(st.builds(CompoundRef, text, text, offset, offset), max_size=2),
    st.lists(st.builds(Removal, text, text), max_size=2),
    st.lists(st.tuples(offset, offset), max_size=3),
    st.lists(text, max_size=3),  # agencies
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


def test_agencies_round_trip_and_default_to_empty():
    a = Article("x", "Moskau (dpa) – Text.", agencies=["dpa", "AFP"])
    assert a.to_dict()["agencies"] == ["dpa", "AFP"] and Article.from_dict(a.to_dict()) == a
    assert Article.from_dict({"id": "x", "text": "t"}).agencies == []


def test_failure_round_trips():
    f = Failure("a/b.json", "JSONDecodeError", "a/b.json: invalid JSON")
    assert Failure.from_dict(f.to_dict()) == f


def test_speaker_record_keeps_resolution_antecedent_and_affiliation():
    c = Claim(SpanRef("man helfe", 30, 39), "indirect",
              speaker=SpeakerRef("Er", 20, 22, "PER:olaf-scholz", "Olaf Scholz", "pronoun",
                                 SpanRef("Olaf Scholz", 0, 11)),
              affiliation=SpanRef("SPD", 13, 16, "ORG:spd"))
    d = c.to_dict()
    assert d["speaker"] == {"text": "Er", "start": 20, "end": 22, "entity_id": "PER:olaf-scholz", "name": "Olaf Scholz",
                            "resolution": "pronoun", "antecedent": {"text": "Olaf Scholz", "start": 0, "end": 11},
                            "anonymous": False}
    assert d["affiliation"] == {"text": "SPD", "start": 13, "end": 16, "entity_id": "ORG:spd"}
    assert Claim.from_dict(d) == c
    moved = c.shifted(100)
    assert (moved.speaker.start, moved.speaker.antecedent.start, moved.affiliation.start) == (120, 100, 113)


def test_older_speaker_records_load_without_resolution():
    c = Claim.from_dict({"content": {"text": "x"}, "mode": "direct", "speaker": {"text": "Er", "start": 1, "end": 3}})
    assert c.speaker == SpeakerRef("Er", 1, 3) and c.affiliation is None
