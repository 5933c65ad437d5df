"""Validate the hand-written gold-standard sets in src/newsents/evaluation/sets/.

Standard library only (no newsents imports): these tests check the files, not the system.
The formats are documented in src/newsents/evaluation/sets/README.md.
"""

import datetime
import json
import re
from collections import Counter
from pathlib import Path

import pytest

SETS = Path(__file__).resolve().parents[2] / "src" / "newsents" / "evaluation" / "sets"

NER_LABELS = {"PER", "LOC", "ORG", "MISC"}
MENTION = re.compile(r"\[\[([^\[\]|]*)\|([^\[\]|]*)\]\]")
NER_MIN_ARTICLES = {"dev": 20, "test": 40}
NER_WORDS = (80, 250)

SPEAKER_LABELS = {"PER", "ORG", "LOC", None}
MODES = {"direct", "indirect", "reported"}
PHENOMENA = {
    "name", "pronoun", "possessive", "role", "org_class", "affiliation", "relay",
    "continuation", "anonymous", "org", "headline", "inserted", "fronted_np",
}
SPAN_FIELDS = ("content", "cue", "speaker", "via", "affiliation")
CLAIM_KEYS = {"content", "cue", "speaker", "entity", "label", "mode", "via", "affiliation", "phenomenon"}
SPEAKER_MIN = {"dev": (15, 75), "test": (30, 150)}
SPEAKER_WORDS = (100, 300)
OPENING_QUOTES = "„»«\"“"
CLOSING_QUOTES = "“«»\"”"


# ----------------------------------------------------------------------------- parsing

def parse_ner(path):
    """Return (guideline_lines, articles); each article is a dict with header fields and 'text'."""
    lines = path.read_text(encoding="utf-8").split("\n")
    blocks, current = [], []
    for line in lines:
        if line == "---":
            blocks.append(current)
            current = []
        else:
            current.append(line)
    blocks.append(current)
    guideline, articles = blocks[0], []
    for block in blocks[1:]:
        header, i = {}, 0
        while i < len(block) and block[i].startswith("# "):
            key, sep, value = block[i][2:].partition(":")
            assert sep, f"malformed header line {block[i]!r}"
            header[key.strip()] = value.strip()
            i += 1
        header["text"] = "\n".join(block[i:]).strip("\n")
        articles.append(header)
    return guideline, articles


def plain(annotated):
    return MENTION.sub(lambda m: m.group(1), annotated)


def occurrences(text, sub):
    """Start offsets of every (possibly overlapping) occurrence of sub in text."""
    found, i = [], text.find(sub)
    while i != -1:
        found.append(i)
        i = text.find(sub, i + 1)
    return found


def locate(text, claim, field):
    """Offset of claim[field] in text, honouring <field>_at; fails on ambiguity or absence."""
    sub = claim[field]
    found = occurrences(text, sub)
    assert found, f"{field} {sub!r} does not occur in the text"
    if f"{field}_at" in claim:
        at = claim[f"{field}_at"]
        assert isinstance(at, int) and 0 <= at < len(found), f"{field}_at {at} invalid for {sub!r}"
        return found[at]
    assert len(found) == 1, f"{field} {sub!r} occurs {len(found)} times but has no {field}_at"
    return found[0]


def load_speakers(split):
    path = SETS / f"speakers.{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ner_split(split):
    return parse_ner(SETS / f"news_entities.{split}.txt")


# ----------------------------------------------------------------------------- news entities

@pytest.mark.parametrize("split", ["dev", "test"])
def test_ner_guideline_block(split):
    guideline, articles = ner_split(split)
    assert guideline and all(line.startswith("#") or not line.strip() for line in guideline)
    assert any("CC0" in line for line in guideline)
    assert len(articles) >= NER_MIN_ARTICLES[split]


@pytest.mark.parametrize("split", ["dev", "test"])
def test_ner_headers(split):
    _, articles = ner_split(split)
    for art in articles:
        assert re.fullmatch(rf"ne-{split}-\d{{3}}", art.get("id", "")), art.get("id")
        datetime.date.fromisoformat(art["date"])
        assert "agencies" in art, art["id"]
        agencies = [a.strip() for a in art["agencies"].split(",")] if art["agencies"] else []
        assert all(agencies), f"{art['id']}: empty agency in list"
        headline = art["text"].split("\n", 1)[0]
        assert headline.strip() and not headline.startswith("#"), art["id"]


@pytest.mark.parametrize("split", ["dev", "test"])
def test_ner_mentions_well_formed(split):
    _, articles = ner_split(split)
    for art in articles:
        text = art["text"]
        for surface, label in MENTION.findall(text):
            assert label in NER_LABELS, f"{art['id']}: bad label {label!r}"
            assert surface and surface == surface.strip(), f"{art['id']}: bad surface {surface!r}"
            assert "\n" not in surface
        rest = plain(text)
        for junk in ("[[", "]]", "|"):
            assert junk not in rest, f"{art['id']}: stray {junk!r} (malformed or nested mention)"
        low, high = NER_WORDS
        assert low <= len(rest.split()) <= high, f"{art['id']}: {len(rest.split())} words"


def test_ner_ids_unique():
    ids = [art["id"] for split in ("dev", "test") for art in ner_split(split)[1]]
    assert len(ids) == len(set(ids))


def test_ner_every_label_used():
    for split in ("dev", "test"):
        labels = Counter(label for art in ner_split(split)[1] for _, label in MENTION.findall(art["text"]))
        assert set(labels) == NER_LABELS, (split, labels)


# ----------------------------------------------------------------------------- speakers

@pytest.mark.parametrize("split", ["dev", "test"])
def test_speakers_counts(split):
    articles = load_speakers(split)
    min_articles, min_claims = SPEAKER_MIN[split]
    assert len(articles) >= min_articles
    assert sum(len(a["claims"]) for a in articles) >= min_claims
    assert sum(len(a.get("not_claims", [])) for a in articles) >= 3


@pytest.mark.parametrize("split", ["dev", "test"])
def test_speakers_articles(split):
    for art in load_speakers(split):
        assert re.fullmatch(rf"sp-{split}-\d{{3}}", art["id"]), art["id"]
        datetime.date.fromisoformat(art["date"])
        assert art["title"] == art["text"].split("\n", 1)[0], art["id"]
        low, high = SPEAKER_WORDS
        assert low <= len(art["text"].split()) <= high, f"{art['id']}: {len(art['text'].split())} words"
        assert art["claims"], art["id"]


def test_speakers_ids_unique():
    ids = [art["id"] for split in ("dev", "test") for art in load_speakers(split)]
    assert len(ids) == len(set(ids))


def check_claim(text, claim):
    assert CLAIM_KEYS <= set(claim), f"missing keys {CLAIM_KEYS - set(claim)}"
    extra = set(claim) - CLAIM_KEYS - {f"{f}_at" for f in SPAN_FIELDS}
    assert not extra, f"unknown keys {extra}"
    assert claim["mode"] in MODES and claim["label"] in SPEAKER_LABELS and claim["phenomenon"] in PHENOMENA
    assert (claim["entity"] is None) == (claim["label"] is None), "entity and label must be null together"
    starts = {}
    for field in SPAN_FIELDS:
        value = claim[field]
        if value is None:
            assert f"{field}_at" not in claim, f"{field}_at without {field}"
            continue
        assert isinstance(value, str) and value == value.strip() and value, f"bad {field} {value!r}"
        starts[field] = locate(text, claim, field)
    # guideline consistency (see README)
    if claim["speaker"] is None:
        assert claim["phenomenon"] == "continuation", "only continuations may lack a speaker"
    if claim["cue"] is None:
        assert claim["phenomenon"] in {"headline", "continuation"}, "only headlines/continuations may lack a cue"
    if claim["phenomenon"] == "relay":
        assert claim["via"] is not None
    if claim["phenomenon"] == "affiliation":
        assert claim["affiliation"] is not None
    if claim["phenomenon"] == "headline":
        assert starts["content"] < len(text.split("\n", 1)[0]), "headline claim outside the headline"
    start, end = starts["content"], starts["content"] + len(claim["content"])
    quoted = 0 < start and end < len(text) and text[start - 1] in OPENING_QUOTES and text[end] in CLOSING_QUOTES
    assert quoted == (claim["mode"] == "direct"), "direct mode iff the content is enclosed in quotation marks"
    return start, end


@pytest.mark.parametrize("split", ["dev", "test"])
def test_speakers_claims(split):
    for art in load_speakers(split):
        text, spans = art["text"], []
        for i, claim in enumerate(art["claims"]):
            try:
                spans.append(check_claim(text, claim))
            except AssertionError as err:
                raise AssertionError(f"{art['id']} claim {i}: {err}") from err
        for sub in art.get("not_claims", []):
            found = occurrences(text, sub)
            assert len(found) == 1, f"{art['id']}: not_claim {sub!r} must occur exactly once"
            s, e = found[0], found[0] + len(sub)
            assert all(e <= cs or ce <= s for cs, ce in spans), f"{art['id']}: not_claim {sub!r} overlaps a claim"


def test_speakers_phenomena_coverage():
    test_counts = Counter(c["phenomenon"] for a in load_speakers("test") for c in a["claims"])
    dev_counts = Counter(c["phenomenon"] for a in load_speakers("dev") for c in a["claims"])
    for phenomenon in PHENOMENA:
        assert test_counts[phenomenon] >= 3, (phenomenon, test_counts[phenomenon])
        assert dev_counts[phenomenon] >= 1, (phenomenon, dev_counts[phenomenon])
    for split in ("dev", "test"):
        modes = Counter(c["mode"] for a in load_speakers(split) for c in a["claims"])
        assert set(modes) == MODES, (split, modes)
