"""Two different entities never share an id.

An id is ``LABEL:slug`` of a name (:func:`knowledge.ids.entity_id`), and slugs lose information:
they are cut at 80 characters, fold punctuation and transliterate. So two names can slugify to one
id although they name different entities (two long names that differ only after 80 characters;
``X`` and a name without letters). Knowledge-base and alias-table ids are chosen on purpose and are
never collisions; a collision is a slug id whose names are neither one slug before the cut nor
one cluster of the corpus linker (``Шойгу`` and ``Schoigu`` are one entity, not a collision).

The check is deterministic: of the names behind one id, grouped into entities, the group with the
most mentions keeps the id (ties: the alphabetically first name); each other group gets the id with
a short hash of its first name (``ORG:...-3f9a1c``). This is the one case where an id depends on
the corpus and not on the article alone: it needs the other entity to notice the collision.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Optional

from ..knowledge.ids import name_digest, slugify
from .kb_ids import IdRule, IdStats

#: (label, name) -> the linker's cluster of that name, or None when the corpus has no node for it.
ClusterOf = Callable[[str, str], Optional[int]]


def find_collisions(stats: IdStats, rule: IdRule, cluster_of: ClusterOf) -> dict[tuple[str, str], str]:
    """(id, name) -> new id for every name that would share its id with a different entity."""
    renames: dict[tuple[str, str], str] = {}
    taken = set(stats.labels)
    for eid in sorted(stats.names):
        names = stats.names[eid]
        if len(names) < 2 or rule.entity(eid) is not None:
            continue
        label = stats.labels[eid]
        groups = _entities_of(label, sorted(names), cluster_of)
        if len(groups) < 2:
            continue
        groups.sort(key=lambda g: (-sum(names[n] for n in g), g[0]))
        for group in groups[1:]:
            new = _disambiguated(eid, label, group[0], taken)
            taken.add(new)
            for name in group:
                renames[(eid, name)] = new
    return renames


def _entities_of(label: str, names: list[str], cluster_of: ClusterOf) -> list[list[str]]:
    """The names grouped into entities: one slug before the cut, or one linker cluster."""
    groups: list[list[str]] = []
    keys: list[set] = []
    for name in names:
        mine = {("slug", _full_slug(name))}
        cluster = cluster_of(label, name)
        if cluster is not None:
            mine.add(("cluster", cluster))
        hit = next((k for k, seen in enumerate(keys) if seen & mine), None)
        if hit is None:
            groups.append([name])
            keys.append(mine)
        else:
            groups[hit].append(name)
            keys[hit] |= mine
    return groups


def _full_slug(name: str) -> str:
    """The slug of a name before the cut; a name with no letter or digit is only itself."""
    return slugify(name, limit=None) or f"raw:{name}"


def _disambiguated(eid: str, label: str, name: str, taken: set[str]) -> str:
    digest = name_digest(f"{label}:{name}")
    size = 6
    while f"{eid}-{digest[:size]}" in taken and size < len(digest):
        size += 2
    return f"{eid}-{digest[:size]}"


def split_stats(stats: IdStats, renames: dict[tuple[str, str], str], cluster_of: ClusterOf) -> IdStats:
    """A copy of ``stats`` with the renamed names under their new ids; a within-article form moves
    with the name of its cluster (or of its own text)."""
    out = IdStats(dict(stats.labels), dict(stats.surfaces), dict(stats.articles),
                  {eid: Counter(c) for eid, c in stats.names.items()}, dict(stats.form_ids))
    for (eid, name), new in sorted(renames.items()):
        out.labels[new] = stats.labels[eid]
        out.surfaces[(new, name)] = out.surfaces.pop((eid, name))
        out.articles[(new, name)] = out.articles.pop((eid, name))
        out.names.setdefault(new, Counter())[name] = out.names[eid].pop(name)
    moved = _moved_forms(stats, renames, cluster_of)
    for key, (eid, new) in moved.items():
        counts = Counter(out.form_ids[key])
        counts[new] += counts.pop(eid)
        out.form_ids[key] = counts
    return out


def _moved_forms(stats: IdStats, renames: dict[tuple[str, str], str],
                 cluster_of: ClusterOf) -> dict[tuple[str, str], tuple[str, str]]:
    """(label, form) -> (old id, new id) of the forms whose id a rename moves."""
    by_id: dict[str, dict[object, str]] = {}
    for (eid, name), new in renames.items():
        label = stats.labels[eid]
        marks = by_id.setdefault(eid, {})
        marks[("slug", _full_slug(name))] = new
        cluster = cluster_of(label, name)
        if cluster is not None:
            marks[("cluster", cluster)] = new
    moved = {}
    for (label, form), counts in stats.form_ids.items():
        for eid in sorted(set(counts) & set(by_id)):
            cluster = cluster_of(label, form)
            new = by_id[eid].get(("cluster", cluster)) if cluster is not None else None
            new = new or by_id[eid].get(("slug", _full_slug(form)))
            if new is not None:
                moved[(label, form)] = (eid, new)
    return moved
