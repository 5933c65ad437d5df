"""The claims evaluation: GermEval-style scorer, skipping without data, the resolution name match and
the speakers-set scorer."""

from __future__ import annotations

import re

import pytest

from newsents.core.records import Claim, SpanRef, SpeakerRef
from newsents.evaluation.claims import Group, Scores, TokenIndex, overlap_f1, pair_groups, system_groups
from newsents.evaluation.speakers import SpeakerScores, function_word_speaker, same_name


def test_scorer_pairs_and_macro_averages():
    assert overlap_f1([1, 2, 3, 4], [3, 4, 5, 6]) == pytest.approx(0.5)
    gold = [Group([1, 2, 3, 4], {"speaker": [10]}, "direct"), Group([20, 21], {"speaker": [30, 31]}, "indirect")]
    system = [Group([20, 21, 22, 23], {"speaker": [30]}, "indirect"), Group([1, 2, 3, 4], {"speaker": [10]}, "direct"),
              Group([50], {}, "reported")]
    assert pair_groups(system, gold) == [(0, 1), (1, 0)]
    sc = Scores()
    sc.add_doc(system, gold)
    r = sc.summary()
    # messages: precision 1, 0.5 and 0 (unpaired), recall 1 and 1
    assert r["message_p"] == pytest.approx(0.5) and r["message_r"] == pytest.approx(1.0)
    # speakers: precision 1 and 1, recall 1 and 0.5
    assert r["speaker_p"] == pytest.approx(1.0) and r["speaker_r"] == pytest.approx(0.75)
    assert r["type_accuracy"] == pytest.approx(1.0)


class _Doc:
    """The two things system_groups reads of a processed Doc."""

    def __init__(self, text: str, claims: list[Claim]):
        self.text = text
        self._ = type("Underscore", (), {"claims": claims})()


def _words(text: str) -> tuple[TokenIndex, dict[str, int]]:
    tokens, ids = [], {}
    for i, m in enumerate(re.finditer(r"\w+", text)):
        tokens.append({"id": i, "charBegin": m.start(), "charEnd": m.end()})
        ids[m.group()] = i
    return TokenIndex(tokens), ids


@pytest.mark.parametrize("text,speaker,cue,mode,kept", [
    ("Die SPD will die Steuer senken.", "SPD", "will", "reported", True),  # a verb cue: the whole statement
    ("Laut Polizei brannten drei Hallen.", "Polizei", "Laut", "reported", False),  # a source cue: left out
    ("Die Polizei sagte, drei Hallen brannten.", "Polizei", "sagte", "indirect", False),
])
def test_message_tokens_of_a_claim(text, speaker, cue, mode, kept):
    index, ids = _words(text)
    claim = Claim(SpanRef(text, 0, len(text)), mode, speaker=SpeakerRef(speaker, text.index(speaker),
                                                                        text.index(speaker) + len(speaker)),
                  cue=SpanRef(cue, text.index(cue), text.index(cue) + len(cue)))
    (group,) = system_groups(_Doc(text, [claim]), index, frozenset({"laut", "nach", "zufolge"}))
    assert (ids[speaker] in group.msg, ids[cue] in group.msg) == (kept, kept)
    assert group.roles["speaker"] == [ids[speaker]]


def test_evaluation_skips_cleanly_without_data(tmp_path, capsys):
    from newsents.evaluation.claims import main

    assert main(["--split", "dev", "--data", str(tmp_path / "missing")]) == 0
    assert "skipping" in capsys.readouterr().err


@pytest.mark.parametrize("system,gold,same", [
    ("Olaf Scholz", "Olaf Scholz", True),
    ("Scholz", "Olaf Scholz", True),
    ("Internationale Währungsfonds", "Internationaler Währungsfonds", True),
    ("Kommission", "EU-Kommission", True),
    ("Grünen", "Grüne", True),
    ("Friedrich Merz", "Olaf Scholz", False),
    (None, "Olaf Scholz", False),
])
def test_same_name(system, gold, same):
    assert same_name(system, gold) is same


def test_speakers_scorer():
    text = "Scholz sagte, er helfe. Ein Sprecher sagte, es gehe."
    article = {"id": "x", "text": text, "claims": [
        {"content": "er helfe", "speaker": "Scholz", "entity": "Olaf Scholz", "phenomenon": "name"},
        {"content": "es gehe", "speaker": "Ein Sprecher", "entity": None, "phenomenon": "anonymous"}]}
    claims = [Claim(SpanRef("er helfe", 14, 22), "indirect", speaker=SpeakerRef("Scholz", 0, 6, "PER:s", "Scholz")),
              Claim(SpanRef("es gehe", 44, 51), "indirect", speaker=SpeakerRef("Ein Sprecher", 24, 36, anonymous=True))]
    sc = SpeakerScores()
    sc.add(article, claims)
    r = sc.summary()
    assert (r["claims_f1"], r["resolution"], r["anonymous"], r["function_word_speakers"]) == (1.0, 1.0, 1.0, 0.0)
    assert function_word_speaker("Demnach") and not function_word_speaker("er")
