"""The newsents knowledge base: the entities German-language news mentions most, as validated TSV files.

The base lives in ``knowledge/data/kb/*.tsv`` (schema: :mod:`newsents.knowledge.kb_schema`; reading
and validation: :mod:`newsents.knowledge.kb_read`). :class:`KnowledgeBase` indexes the surface forms
of its entities: :meth:`KnowledgeBase.lookup` finds the entities a name denotes (regular genitives
and case variants included), :meth:`KnowledgeBase.names` lists the forms for a phrase matcher.
:func:`default_kb` is the shipped base, loaded once per process.

Run ``python -m newsents.knowledge.kb`` (or ``newsents kb``) to print the coverage report.
"""

from __future__ import annotations

import datetime as _dt
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from .ids import slugify
from .kb_read import read_kb
from .kb_schema import (
    AMBIGUOUS_MARK,
    COLUMNS,
    KB_DIR,
    KIND_LABEL,
    KINDS,
    LABELS,
    MEASURE_KINDS,
    MIN_GENITIVE_BASE,
    OPTIONAL_COLUMNS,
    KBEntity,
    KBError,
    Role,
)

__all__ = [
    "AMBIGUOUS_MARK", "COLUMNS", "KB_DIR", "KINDS", "KIND_LABEL", "LABELS", "MEASURE_KINDS", "MIN_GENITIVE_BASE",
    "OPTIONAL_COLUMNS", "KBEntity", "KBError", "KnowledgeBase", "Role", "coverage_report", "default_kb", "main",
    "slugify",
]


class KnowledgeBase:
    """The entities of the knowledge base with an index of their surface forms.

    Build it with :meth:`from_dir` (the shipped base by default) or from entities directly.
    """

    def __init__(self, entities: Iterable[KBEntity], files: dict[str, int] | None = None):
        self._entities: dict[str, KBEntity] = {}
        for entity in entities:
            self._entities[entity.id] = entity
        self.files: dict[str, int] = dict(files or {})
        self._index: dict[str, tuple[str, ...]] = _build_index(self._entities.values())
        self._folded: dict[str, tuple[str, ...]] | None = None
        self.ambiguous_surfaces: frozenset[str] = frozenset(
            s for e in self._entities.values() for s in e.ambiguous)

    # --- construction -------------------------------------------------------------------------
    @classmethod
    def from_dir(cls, path: str | Path | None = None) -> KnowledgeBase:
        """Load and validate every ``*.tsv`` file of ``path`` (default: the shipped base).

        Raises :class:`KBError` listing every problem found, with file and line.
        """
        entities, counts = read_kb(Path(path) if path is not None else KB_DIR)
        return cls(entities, counts)

    # --- access -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._entities)

    def __iter__(self) -> Iterator[KBEntity]:
        return iter(self._entities.values())

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._entities

    def get(self, entity_id: str) -> KBEntity | None:
        """The entity with id ``entity_id``, or ``None``."""
        return self._entities.get(entity_id)

    def by_label(self, label: str) -> list[KBEntity]:
        """All entities of ``label`` (PER, LOC, ORG, MISC)."""
        return [e for e in self._entities.values() if e.label == label]

    def by_kind(self, kind: str) -> list[KBEntity]:
        """All entities of ``kind``."""
        return [e for e in self._entities.values() if e.kind == kind]

    def lookup(self, surface: str) -> list[KBEntity]:
        """The entities that ``surface`` names, preferred reading first; ``[]`` if none.

        Matching, in this order (the first step that finds something wins):

        1. the exact surface form of a name or alias (case-sensitive);
        2. a regular German genitive of one of at least four characters: the form plus ``s``,
           ``es`` (``Russlands``, ``Schoigus``, ``Bundestages``) or an apostrophe (``Paris'``);
        3. case variants: a surface in ALL CAPS (headlines, bylines: ``DPA``, ``RUSSLAND``) is
           compared case-insensitively; a capitalised word of four letters or more matches an
           all-caps name or alias (``Nato`` → ``NATO``, ``Unesco`` → ``UNESCO``).
           Lowercase surfaces never match case-insensitively (``essen`` is not the city).
        """
        surface = surface.strip()
        for candidate in _candidates(surface):
            ids = self._index.get(candidate)
            if ids:
                return [self._entities[i] for i in ids]
        ids = self._case_variant(surface)
        return [self._entities[i] for i in ids]

    def _case_variant(self, surface: str) -> tuple[str, ...]:
        letters = [ch for ch in surface if ch.isalpha()]
        if len(letters) < 2:
            return ()
        if self._folded is None:
            self._folded = _fold_index(self._index)
        if surface.isupper():
            for candidate in _candidates(surface, upper=True):
                ids = self._folded.get(candidate.casefold())
                if ids:
                    return ids
            return ()
        if len(letters) >= 4 and surface[:1].isupper() and surface[1:].islower():
            ids = self._index.get(surface.upper())
            if ids:
                return ids
        return ()

    def names(self, inflected: bool = False, include_ambiguous: bool = True) -> dict[str, tuple[str, ...]]:
        """Surface form → entity ids (preferred first), for a phrase matcher.

        ``inflected`` adds the regular genitive of each form (``-s``; an apostrophe after s, x, z
        and ß). ``include_ambiguous=False`` leaves out forms marked ``~`` by every entity that
        claims them.
        """
        result: dict[str, tuple[str, ...]] = {}
        for surface, ids in self._index.items():
            if not include_ambiguous and all(surface in self._entities[i].ambiguous for i in ids):
                continue
            result[surface] = ids
        if inflected:
            for surface, ids in list(result.items()):
                genitive = surface + ("'" if surface[-1:] in "sxzß" else "s")
                if genitive not in result and surface[-1:].isalpha():
                    result[genitive] = ids
        return result

    def roles_of(self, entity_id: str, date: str | _dt.date | None = None) -> list[Role]:
        """The roles of person ``entity_id``; with ``date``, only those held on that day."""
        entity = self._entities.get(entity_id)
        if entity is None:
            return []
        if date is None:
            return list(entity.roles)
        return [role for role in entity.roles if role.active(date)]

    def coverage(self) -> dict[str, dict[str, int]]:
        """Counts of the base: per file, label, kind, QID presence and person attributes."""
        persons = self.by_label("PER")
        entities = list(self._entities.values())
        return {
            "files": dict(sorted(self.files.items())),
            "labels": dict(Counter(e.label for e in entities).most_common()),
            "kinds": dict(Counter(e.kind for e in entities).most_common()),
            "qid": {"with": sum(1 for e in entities if e.qid), "without": sum(1 for e in entities if not e.qid)},
            "persons": {
                "total": len(persons),
                "with_gender": sum(1 for p in persons if p.gender),
                "with_roles": sum(1 for p in persons if p.roles),
                "roles": sum(len(p.roles) for p in persons),
            },
            "surfaces": {"total": len(self._index), "ambiguous": len(self.ambiguous_surfaces),
                         "locations_with_adjectives": sum(1 for e in entities if e.adjectives)},
        }


def _build_index(entities: Iterable[KBEntity]) -> dict[str, tuple[str, ...]]:
    """Surface form → ids; for each form, entities that do not mark it ambiguous come first."""
    index: dict[str, list[tuple[int, int, str]]] = {}
    for order, entity in enumerate(entities):
        for surface in entity.surfaces:
            rank = 1 if surface in entity.ambiguous else 0
            index.setdefault(surface, []).append((rank, order, entity.id))
    return {surface: tuple(i for _, _, i in sorted(items)) for surface, items in index.items()}


def _fold_index(index: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    folded: dict[str, list[str]] = {}
    for surface, ids in index.items():
        bucket = folded.setdefault(surface.casefold(), [])
        bucket.extend(i for i in ids if i not in bucket)
    return {k: tuple(v) for k, v in folded.items()}


def _candidates(surface: str, upper: bool = False) -> Iterator[str]:
    """``surface`` itself, then the forms it may be a regular genitive of."""
    yield surface
    s_suffix, es_suffix = ("S", "ES") if upper else ("s", "es")
    if surface.endswith(("'", "’")) and len(surface) > MIN_GENITIVE_BASE:
        yield surface[:-1]
    elif surface.endswith(s_suffix) and len(surface) > MIN_GENITIVE_BASE:
        yield surface[:-1]
        if surface.endswith(es_suffix) and len(surface) > MIN_GENITIVE_BASE + 1:
            yield surface[:-2]


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The shipped knowledge base, read and validated once per process."""
    return KnowledgeBase.from_dir()


# --- report -----------------------------------------------------------------------------------
def coverage_report(kb: KnowledgeBase) -> str:
    """The coverage of ``kb`` as a plain-text table."""
    cov = kb.coverage()
    lines = [f"newsents knowledge base: {len(kb)} entities, {cov['surfaces']['total']} surface forms "
             f"({cov['surfaces']['ambiguous']} marked ambiguous)", ""]
    lines += _table("file", cov["files"])
    by_file_label = Counter((e.source.split(":", 1)[0], e.label) for e in kb)
    lines += ["", f"{'file':<22}" + "".join(f"{label:>7}" for label in LABELS)]
    for file in cov["files"]:
        lines.append(f"{file:<22}" + "".join(f"{by_file_label[(file, label)]:>7}" for label in LABELS))
    lines += [""] + _table("label", cov["labels"])
    lines += [""] + _table("kind", cov["kinds"])
    q, p = cov["qid"], cov["persons"]
    lines += ["", f"Wikidata QID: {q['with']} with, {q['without']} without",
              f"persons: {p['total']}, with gender {p['with_gender']}, with roles {p['with_roles']} "
              f"({p['roles']} roles)",
              f"locations with adjectives/demonyms: {cov['surfaces']['locations_with_adjectives']}"]
    return "\n".join(lines)


def _table(title: str, counts: dict[str, int]) -> list[str]:
    width = max([len(title)] + [len(k) for k in counts]) + 2
    rows = [f"{title:<{width}}{'count':>7}", "-" * (width + 7)]
    rows += [f"{key:<{width}}{value:>7}" for key, value in counts.items()]
    rows.append(f"{'total':<{width}}{sum(counts.values()):>7}")
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the coverage report of the base in ``argv[0]`` (default: the shipped base)."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        kb = KnowledgeBase.from_dir(argv[0] if argv else None)
    except KBError as error:
        print(error, file=sys.stderr)
        return 1
    print(coverage_report(kb))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
