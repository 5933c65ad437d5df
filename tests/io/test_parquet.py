"""Parquet tables carry every field of the JSONL contract: a record written to ``articles.jsonl``,
turned into Parquet and read back gives the same claims (speaker resolution, affiliation, via) and
article fields (agencies)."""

from __future__ import annotations

import json

import pyarrow.parquet as pq

from newsents.core.records import Article, Claim, SpanRef, SpeakerRef
from newsents.io.output import ARTICLES
from newsents.io.parquet import write_parquet

TEXT = "Moskau (dpa) – Stefano Scarpetta von der OECD sagte laut Interfax, er sei zufrieden."


def _article() -> Article:
    speaker = SpeakerRef("er", 67, 69, "PER:stefano_scarpetta", "Stefano Scarpetta", "pronoun",
                         SpanRef("Stefano Scarpetta", 15, 32), False)
    claim = Claim(content=SpanRef("er sei zufrieden", 67, 83), mode="indirect", speaker=speaker,
                  cue=SpanRef("sagte", 46, 51), via=SpanRef("Interfax", 57, 65, "ORG:interfax"),
                  affiliation=SpanRef("OECD", 41, 45, "ORG:oecd"))
    anonymous = Claim(content=SpanRef("zufrieden", 74, 83), mode="reported",
                      speaker=SpeakerRef("ein Sprecher", 0, 0, anonymous=True))
    return Article(id="a1", text=TEXT, claims=[claim, anonymous], agencies=["dpa"], comention="paragraph")


def _round_trip(tmp_path, record: dict) -> tuple[dict, list[dict]]:
    (tmp_path / ARTICLES).write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    write_parquet(tmp_path)
    articles = pq.read_table(tmp_path / "parquet" / "articles-00000.parquet").to_pylist()
    claims = pq.read_table(tmp_path / "parquet" / "claims-00000.parquet").to_pylist()
    return articles[0], claims


def test_claims_keep_speaker_resolution_affiliation_and_via(tmp_path):
    record = _article().to_dict()
    _art, claims = _round_trip(tmp_path, record)
    assert len(claims) == 2
    for row, original in zip(claims, record["claims"]):
        assert {k: row[k] for k in original} == original
    first = claims[0]
    assert first["speaker"]["entity_id"] == "PER:stefano_scarpetta"
    assert first["speaker"]["resolution"] == "pronoun"
    assert first["speaker"]["antecedent"] == {"text": "Stefano Scarpetta", "start": 15, "end": 32}
    assert first["affiliation"]["entity_id"] == "ORG:oecd"
    assert first["via"] == {"text": "Interfax", "start": 57, "end": 65, "entity_id": "ORG:interfax"}
    assert claims[1]["speaker"]["anonymous"] is True and claims[1]["affiliation"] is None


def test_article_keeps_agencies(tmp_path):
    record = _article().to_dict()
    art, _claims = _round_trip(tmp_path, record)
    assert art["agencies"] == ["dpa"]
    assert art["comention"] == "paragraph"
    assert Article.from_dict({**record, "agencies": art["agencies"]}).agencies == ["dpa"]
