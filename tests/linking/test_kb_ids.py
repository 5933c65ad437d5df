"""Entity ids that never change (linking/kb_ids.py): base entities get their base id, other names an
id from the nominative of their name, and an article gets the same ids alone and in any batch."""

from __future__ import annotations

import itertools
import json

import pytest
from helpers import art, link_ids

from newsents.core.records import Article, Mention
from newsents.linking.kb_ids import IdRule, nominative
from newsents.linking.linker import relink_output


def linked(articles: list[Article]) -> dict[tuple[str, int], str]:
    return link_ids(articles)[1]


@pytest.mark.parametrize(("marked", "expected"), [
    ("[FSB|ORG] ermittelt.", "ORG:fsb"),
    ("Der [Föderale Sicherheitsdienst|ORG] ermittelt.", "ORG:fsb"),
    ("Der [Föderaler Sicherheitsdienst|ORG] ermittelt.", "ORG:fsb"),
    ("Akten des [Föderalen Sicherheitsdienstes|ORG].", "ORG:fsb"),
    ("[Russlands|LOC] Armee.", "LOC:russland"),
    ("[Schoigu|PER] sprach.", "PER:sergej-schoigu"),
    ("[Shoigu|PER] sprach.", "PER:sergej-schoigu"),
    ("[Шойгу|PER] sprach.", "PER:sergej-schoigu"),
    ("[Nato|ORG] und", "ORG:nato"),
    ("[Agentur Belta|ORG] meldete.", "ORG:belta"),
    ("[Heinz Mustermann|PER] sprach.", "PER:heinz-mustermann"),
    ("[Mustermanns|PER|Mustermann] Vorschlag.", "PER:mustermann"),
    ("[Mustermanns|PER] Vorschlag.", "PER:mustermanns"),  # nothing says it is a genitive
    ("[Klitschko|PER] sprach.", "PER:klitschko"),  # two brothers in the base: no base id
    ("[Paris|LOC] und", "LOC:paris"),
])
def test_id_of_a_name_alone(marked, expected):
    a = art("x", marked)
    assert linked([a])[("x", a.entities[0].start)] == expected


@pytest.mark.parametrize(("marked", "index", "expected"), [
    ("[Sergej Schoigu|PER] kam. [Schoigu|PER] sprach.", 1, "PER:sergej-schoigu"),
    ("[Heike Scholz|PER] kam. [Scholz|PER] sprach.", 1, "PER:heike-scholz"),  # the article's Scholz
    ("[Arabella Kiesbauers|PER] Show. [Kiesbauer|PER] lacht.", 0, "PER:arabella-kiesbauer"),
    ("[Arabella Kiesbauers|PER] Show. [Kiesbauer|PER] lacht.", 1, "PER:arabella-kiesbauer"),
    ("Die [Internet Watch Foundation|ORG] ([IWF|ORG]) meldet.", 1, "ORG:internet-watch-foundation"),
])
def test_id_from_the_article(marked, index, expected):
    a = art("x", marked)
    assert linked([a])[("x", a.entities[index].start)] == expected


def test_pipeline_context_id_counts_when_the_name_is_ambiguous():
    a = art("x", "Die Terrormiliz [IS|ORG] drohte.")
    a.entities[0].entity_id = "ORG:is"  # newsents_kb saw "Terrormiliz IS"
    b = art("y", "Er schrieb auf [X|ORG].")
    b.entities[0].entity_id = "ORG:x"  # one letter is no name for the linker, but the ruler knew it
    ids = linked([a, b])
    assert ids[("x", a.entities[0].start)] == "ORG:is" and ids[("y", b.entities[0].start)] == "ORG:x"


BATCH = [
    "[Shoigu|PER] und [Sergei Schoigu|PER] trafen [Alexander Lukaschenko|PER] in [Minsk|LOC].",
    "[Russlands|LOC] Einfluss wächst; [Heinz Mustermann|PER] und [Mustermann|PER].",
    "Der [Föderale Sicherheitsdienst (FSB)|ORG] und der [FSB|ORG] in [Kiew|LOC] und [Kyjiw|LOC].",
    "[Klaus Beispiel|PER] sprach. Später [Beispiels|PER|Beispiel] Rede und [Beispiel|PER].",
    "[Maria Beispiel|PER] antwortete; [Mustermann|PER] schwieg; [Russland|LOC] auch.",
]


def test_same_ids_alone_and_in_any_batch():
    articles = [art(f"b{i}", text) for i, text in enumerate(BATCH)]
    alone = {}
    for a in articles:
        alone.update(linked([art(a.id, BATCH[int(a.id[1:])])]))
    for order in itertools.permutations(range(len(BATCH))):
        batch = [art(f"b{i}", BATCH[i]) for i in order]
        assert linked(batch) == alone


def test_corpus_variants_become_linked_hints_not_new_ids(tmp_path):
    arts = [art("h1", "[Maximilian Beispielmann|PER] sprach."), art("h2", "[Maximilian Beispielman|PER] sprach.")]
    with (tmp_path / "articles.jsonl").open("w", encoding="utf-8") as f:
        for a in arts:
            f.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
    linking = relink_output(tmp_path)
    one, two = linking.get("PER:maximilian-beispielmann"), linking.get("PER:maximilian-beispielman")
    assert one and two and one.linked == ["PER:maximilian-beispielman"] and two.linked == [one.entity_id]


def test_entities_carry_qid_and_kind(tmp_path):
    arts = [art("q", "[Minsk|LOC] und [FSB|ORG] und [Heinz Mustermann|PER].")]
    with (tmp_path / "articles.jsonl").open("w", encoding="utf-8") as f:
        f.write(json.dumps(arts[0].to_dict(), ensure_ascii=False) + "\n")
    relink_output(tmp_path)
    rows = {r["entity_id"]: r for r in map(json.loads, (tmp_path / "entities.jsonl").read_text().splitlines())}
    assert rows["LOC:minsk"]["qid"].startswith("Q") and rows["LOC:minsk"]["kind"] == "city"
    assert rows["ORG:fsb"]["kind"] == "intelligence_service" and rows["ORG:fsb"]["name"] == "FSB"
    assert "qid" not in rows["PER:heinz-mustermann"] and "kind" not in rows["PER:heinz-mustermann"]


@pytest.mark.parametrize(("form", "norms", "words", "expected"), [
    ("Müllers", ["Müller"], set(), "Müller"),
    ("Hans Müllers", [], {"Müller"}, "Hans Müller"),
    ("Hans", [], set(), "Hans"),
    ("Scholz'", [], set(), "Scholz"),
    ("Paris", [], {"Pari"}, "Paris"),  # a nominative in -s (genitive exceptions)
])
def test_nominative(form, norms, words, expected):
    members = [Mention(form, "PER", 0, len(form), norm=n) for n in norms] or [Mention(form, "PER", 0, len(form))]
    if norms:
        members = [Mention(form, "PER", 0, len(form), norm=norms[0])]
    assert nominative(form, members, words) == expected


def test_form_id_of_unseen_names():
    rule = IdRule()
    assert rule.form_id("LOC", "Russlands") == "LOC:russland"
    assert rule.form_id("ORG", "Föderalen Sicherheitsdienstes") == "ORG:fsb"
    assert rule.form_id("PER", "Heinz Mustermann") == "PER:heinz-mustermann"
