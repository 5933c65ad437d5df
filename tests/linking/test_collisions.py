"""Two different entities never share an id (linking/collisions.py): names whose slugs coincide
only through the cut at 80 characters are parted deterministically; variants of one entity that
slugify alike (Łukasz/Lukasz) keep their one id."""

from __future__ import annotations

import json

from helpers import art, link_ids

from newsents.knowledge.ids import entity_id
from newsents.linking.linker import relink_output

#: Two organisations whose names differ only after the 80th character of their slug.
LONG = "Landesarbeitsgemeinschaft der Kinderbetreuungseinrichtungen und Hochschulverwaltungen in Nordrhein-Westfalen"
NORTH, SOUTH = f"{LONG} Nord", f"{LONG} Süd"


def corpus():
    return [art("a", f"Die [{NORTH}|ORG] tagte, die [{NORTH}|ORG] beschloss."),
            art("b", f"Die [{SOUTH}|ORG] tagte."),
            art("c", "[Jan Łukasz|PER] und [Jan Lukasz|PER] sind einer.")]


def test_the_slugs_collide():
    assert entity_id("ORG", NORTH) == entity_id("ORG", SOUTH)


def test_colliding_names_get_different_ids():
    linking, ids = link_ids(corpus())
    plain = entity_id("ORG", NORTH)
    north = {eid for (aid, _), eid in ids.items() if aid == "a"}
    south = {eid for (aid, _), eid in ids.items() if aid == "b"}
    assert north == {plain}  # the entity with more mentions keeps the id
    (other,) = south
    assert other != plain and other.startswith(plain + "-")
    assert linking.get(plain).name == NORTH and linking.get(other).name == SOUTH
    assert linking.get(other).mentions == 1 and linking.get(plain).mentions == 2
    assert linking.find(SOUTH).entity_id == other
    assert len({e.entity_id for e in linking.entities}) == len(linking.entities)


def test_the_parting_is_deterministic():
    articles = corpus()
    _, first = link_ids(articles)
    _, reversed_ = link_ids(corpus(), order=list(reversed(corpus())))
    _, partitioned = link_ids(corpus(), partitions=2)
    assert first == reversed_ == partitioned


def test_one_entity_whose_variants_slugify_alike_keeps_one_id():
    linking, ids = link_ids(corpus())
    assert {eid for (aid, _), eid in ids.items() if aid == "c"} == {"PER:jan-lukasz"}
    assert linking.get("PER:jan-lukasz").mentions == 2


def test_relinked_output_has_unique_ids(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with (out / "articles.jsonl").open("w", encoding="utf8") as f:
        for a in corpus():
            f.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
    relink_output(out)
    rows = [json.loads(line) for line in (out / "entities.jsonl").read_text(encoding="utf8").splitlines()]
    names = {r["entity_id"]: r["name"] for r in rows}
    assert len(names) == len(rows)
    assert {names[entity_id("ORG", NORTH)]} == {NORTH}
    assert SOUTH in names.values()
