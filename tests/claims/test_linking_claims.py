"""Corpus linking keeps what claims resolution found: a pronoun or role speaker takes the linked entity
of the mention it was resolved to (issue 17: linking used to overwrite it with None)."""

from __future__ import annotations

from newsents.core.records import Article, Claim, Mention, SpanRef, SpeakerRef
from newsents.linking.linker import link_corpus

TEXT = "Bundeskanzler Olaf Scholz traf Selenskyj. Er sagte, man helfe. Laut Interfax sei das falsch."


def _article(**speaker) -> Article:
    mentions = [Mention("Olaf Scholz", "PER", 14, 25, "PER:olaf-scholz", "Olaf Scholz"),
                Mention("Selenskyj", "PER", 31, 40, "PER:selenskyj", "Selenskyj"),
                Mention("Interfax", "ORG", 69, 77, "ORG:interfax", "Interfax")]
    sp = SpeakerRef("Er", 42, 44, **speaker)
    claims = [Claim(SpanRef("man helfe", 52, 61), "indirect", speaker=sp, cue=SpanRef("sagte", 45, 50)),
              Claim(SpanRef("sei das falsch", 78, 92), "reported", via=SpanRef("Interfax", 69, 77))]
    return Article("a", TEXT, entities=mentions, claims=claims)


def test_pronoun_speaker_takes_the_linked_entity_of_its_antecedent():
    art = _article(entity_id="PER:olaf-scholz", name="Olaf Scholz", resolution="pronoun",
                   antecedent=SpanRef("Olaf Scholz", 14, 25))
    other = Article("b", "Scholz sagte nichts.", entities=[Mention("Scholz", "PER", 0, 6, None, "Scholz")])
    linking = link_corpus([art, other])
    linking.apply(art)
    sp = art.claims[0].speaker
    scholz = linking.find("Olaf Scholz")
    assert sp.entity_id == scholz.entity_id and sp.name == scholz.name
    assert sp.text == "Er" and sp.resolution == "pronoun"
    assert art.claims[1].via.entity_id == linking.find("Interfax").entity_id


def test_unresolved_and_anonymous_speakers_are_not_guessed_from_their_words():
    art = _article(anonymous=True)
    link_corpus([art]).apply(art)
    assert art.claims[0].speaker.entity_id is None
    art = _article()
    link_corpus([art]).apply(art)
    assert art.claims[0].speaker.entity_id is None and art.claims[0].speaker.name is None
