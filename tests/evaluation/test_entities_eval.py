"""The own-news-set evaluation (evaluation/entities.py): parsing, offset alignment and scoring."""

from __future__ import annotations

import pytest

from newsents.evaluation.entities import SETS, evaluate_entities, offset_map, read_gold


def test_gold_sets_parse_with_offsets():
    for split, minimum in (("dev", 20), ("test", 40)):
        articles = read_gold(split)
        assert len(articles) >= minimum
        for a in articles:
            assert a.headline and a.body and a.id.startswith(f"ne-{split}")
            for start, end, label in a.mentions:
                assert label in ("PER", "LOC", "ORG", "MISC") and a.text[start:end].strip() == a.text[start:end]


@pytest.mark.parametrize(("source", "target", "offset", "mapped"), [
    ("Moskau (dpa) – Text", "Moskau (dpa) – Text", 8, 8),
    ("Titel\n\nText über Kiew", "Titel\nText über Kiew", 17, 16),  # a blank line less after cleaning
    ("Foto: AP\nKiew", "Kiew", 0, None),  # a removed line maps nowhere
])
def test_offset_map(source, target, offset, mapped):
    assert offset_map(source, target).get(offset) == mapped


def test_scores_two_articles(nlp, tmp_path):
    text = (SETS / "news_entities.dev.txt").read_text(encoding="utf-8")
    head, *blocks = text.split("\n---\n")
    path = tmp_path / "two.txt"
    path.write_text("\n---\n".join([head, *blocks[:2]]), encoding="utf-8")
    result = evaluate_entities(nlp, "dev", path, errors=True)
    assert result["articles"] == 2 and result["mentions"] == sum(len(a.mentions) for a in read_gold("dev", path))
    assert result["micro"]["f"] > 0.8 and result["agencies"]["r"] == 1.0
    assert set(result["per_label"]) == {"PER", "LOC", "ORG", "MISC"} and "errors" in result
