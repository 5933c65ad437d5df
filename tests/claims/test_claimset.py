"""The merge rules of the shared claim set: no detector changes another's claim except through them."""

from __future__ import annotations

from newsents.claims.claimset import ClaimSet, Draft


def test_attribute_fills_a_claim_without_its_own_speaker_only():
    claims = ClaimSet()
    own = claims.add(Draft((0, 5), "reported", 0, 0, speaker=(0, 1), cue=(1, 2)))
    bare = claims.add(Draft((6, 10), "reported", 1, 1))
    source = Draft((6, 10), "reported", 2, 2, speaker=(11, 13), resolution="name")
    claims.attribute(bare, source, (12, 13), (11, 13))
    assert (bare.speaker, bare.cue, bare.resolution) == ((11, 13), (12, 13), "name")
    claims.attribute(own, source, (12, 13), (11, 13))
    assert own.speaker == (0, 1) and own.cue == (1, 2) and own.via == (11, 13)  # relayed, not rewritten


def test_relay_never_replaces_a_via_or_takes_the_speakers_own_words():
    claims = ClaimSet()
    c = claims.add(Draft((0, 5), "indirect", 0, 0, speaker=(6, 9)))
    assert not claims.relay(c, (7, 8))
    assert claims.relay(c, (10, 12)) and c.via == (10, 12)
    assert not claims.relay(c, (13, 14)) and c.via == (10, 12)


def test_extend_only_the_last_cue_less_indirect_claim():
    claims = ClaimSet()
    first = claims.add(Draft((0, 5), "indirect", 0, 0))
    assert claims.extend(first, 9, 1) and first.content == (0, 9) and first.last_sent == 1
    cued = claims.add(Draft((10, 12), "indirect", 2, 2, cue=(9, 10)))
    assert not claims.extend(cued, 15, 3)
    assert not claims.extend(first, 15, 2)  # not the last claim


def test_adopt_and_nest():
    claims = ClaimSet()
    quote = claims.add(Draft((3, 5), "direct", 0, 0, speaker=(20, 21), inherited=True))
    container = claims.add(Draft((0, 8), "indirect", 0, 0, speaker=(9, 10), cue=(8, 9), resolution="name"))
    claims.adopt(quote, container)
    assert (quote.speaker, quote.cue, quote.inherited) == ((9, 10), (8, 9), False)
    claims.nest(Draft((5, 7), "direct", 0, 0))
    assert [c.content for c in claims] == [(3, 5), (5, 7), (0, 8)]


def test_ordered_keeps_the_first_of_equal_contents():
    claims = ClaimSet()
    claims.add(Draft((4, 6), "direct", 0, 0, detector="a"))
    claims.add(Draft((0, 2), "indirect", 0, 0))
    claims.add(Draft((4, 6), "direct", 0, 0, detector="b"))
    assert [(c.content, c.detector) for c in claims.ordered()] == [((0, 2), ""), ((4, 6), "a")]
