"""The newsents knowledge base: the entities German-language news mentions most, as validated TSV files.

The base lives in ``knowledge/data/kb/*.tsv`` (UTF-8, one entity per line, readable and diffable).
Each file starts with ``#`` comment lines giving its content, sources and licence, then a header row
and the rows. Columns (the same in every file; an empty cell means unknown or not applicable)::

    id  label  kind  name  aliases  country  qid  gender  roles  [adjectives]

``id``
    ``LABEL:slug``, stable forever. The slug is lowercase ASCII (ä→ae, ö→oe, ü→ue, ß→ss, other
    diacritics stripped), words joined by ``-``: ``ORG:fsb``, ``PER:olaf-scholz``, ``LOC:kiew``.
    Ids are unique across all files and their prefix equals the label column.
``label``
    PER, LOC, ORG or MISC.
``kind``
    One of :data:`KINDS` (each kind belongs to one label); a misspelt kind is an error.
``name``
    The canonical German name, as a German reader expects it as a node label.
``aliases``
    ``|``-separated surface forms: abbreviations, long forms, irregular inflected forms, other
    transliterations and languages, older names. Regular genitives (``Russlands``, ``Schoigus``,
    ``Bundestages``) need not be listed: :meth:`KnowledgeBase.lookup` derives them.
``country``
    ISO 3166-1 alpha-2 code (``DE``, ``RU``, ``XK`` for Kosovo) or ``INT`` for international bodies.
``qid``
    Wikidata QID (``Q`` + digits), only where it is certain; otherwise empty.
``gender``
    PER only: ``m``, ``f`` or empty.
``roles``
    PER only: ``|``-separated ``Title@WHERE[:FROM..TO]``. WHERE is a country code, ``INT``, ``EU`` or
    the id of an entity in the base (``Parteivorsitzender@ORG:spd:2019..2021``); FROM and TO are
    ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and either may be left open (``Kremlsprecher@RU:2012..``).
    Roles are hints: what an article says wins.
``adjectives`` (optional 10th column, LOC only)
    ``|``-separated German adjective stems in lowercase (``russisch``: inflected forms add
    -e/-en/-er/-es/-em) and demonyms as written (``Russe``, ``Russin``, ``Russen``, ``Russinnen``).

Ambiguous surface forms
    A name or alias written with a leading ``~`` (``~Zürich`` on the canton, ``~Essen`` on the city)
    is *ambiguous*: it also denotes another entity or is a common German word, so a matcher should
    want context before trusting it. The marker is not part of the surface form. Rule for duplicates:
    when entities of the same label claim the same surface form, all claims but at most one must be
    marked ``~``; the unmarked claim is the preferred reading and comes first in lookups. Entities of
    different labels may share a surface form freely (``Kreml`` may be ORG and LOC).

Run ``python -m newsents.knowledge.kb`` to print the coverage report.
"""

from __future__ import annotations

import datetime as _dt
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

#: The folder of the shipped knowledge base.
KB_DIR = Path(__file__).resolve().parent / "data" / "kb"

LABELS = ("PER", "LOC", "ORG", "MISC")

#: The controlled vocabulary of kinds, by label. A kind belongs to exactly one label.
KINDS: dict[str, tuple[str, ...]] = {
    "ORG": (
        "news_agency", "newspaper", "magazine", "broadcaster", "online_media", "media_group",
        "government", "ministry", "head_of_state_office", "parliament", "court", "authority",
        "agency", "central_bank", "party", "parliamentary_group", "intelligence_service",
        "armed_forces", "police", "international_organisation", "militant_group", "company",
        "stock_exchange", "ngo", "trade_union", "business_association", "think_tank",
        "research_institute", "university", "sports_club", "sports_federation",
        "religious_organisation", "platform",
    ),
    "LOC": (
        "continent", "country", "historic_country", "territory", "state", "region", "city",
        "district", "island", "body_of_water", "mountain", "landmark",
    ),
    "PER": (
        "politician", "head_of_state", "head_of_government", "minister", "diplomat",
        "military_officer", "official", "spokesperson", "journalist", "businessperson",
        "activist", "royal", "religious_leader", "judge", "athlete", "artist", "scientist",
        "militant_leader",
    ),
    "MISC": ("currency", "event", "product"),
}
KIND_LABEL: dict[str, str] = {kind: label for label, kinds in KINDS.items() for kind in kinds}

COLUMNS = ("id", "label", "kind", "name", "aliases", "country", "qid", "gender", "roles")
OPTIONAL_COLUMNS = ("adjectives",)
AMBIGUOUS_MARK = "~"
#: The shortest form a regular genitive is derived from ("Nils" is not the Nile's genitive).
MIN_GENITIVE_BASE = 4

_ID_RE = re.compile(r"^(PER|LOC|ORG|MISC):[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")
_COUNTRY_RE = re.compile(r"^(?:[A-Z]{2}|INT)$")
_DATE_RE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
_ROLE_RE = re.compile(r"^(?P<title>[^@|:]+)@(?P<org>(?:PER|LOC|ORG|MISC):[a-z0-9-]+|[A-Z]{2}|INT)"
                      r"(?::(?P<start>[0-9-]*)\.\.(?P<end>[0-9-]*))?$")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss",
                          # letters that Unicode does not decompose into a base letter and a diacritic
                          "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Æ": "Ae", "æ": "ae",
                          "Œ": "Oe", "œ": "oe", "Þ": "Th", "þ": "th", "ð": "d", "ı": "i", "Ħ": "H", "ħ": "h"})


class KBError(ValueError):
    """The knowledge base files are malformed; ``errors`` lists every problem as ``file:line: message``."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        shown = "\n  ".join(self.errors[:50])
        more = f"\n  … and {len(self.errors) - 50} more" if len(self.errors) > 50 else ""
        super().__init__(f"{len(self.errors)} error(s) in the knowledge base:\n  {shown}{more}")


def slugify(text: str) -> str:
    """The id slug of ``text``: lowercase ASCII, umlauts transcribed, other diacritics dropped, ``-`` joined."""
    text = unicodedata.normalize("NFKD", text.translate(_UMLAUTS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", text))


@dataclass(frozen=True)
class Role:
    """A role a person held: ``title`` at ``org`` (country code, INT or entity id) from ``start`` to ``end``.

    Dates are ISO strings of year, month or day precision; ``None`` means open or unknown.
    """

    title: str
    org: str
    start: str | None = None
    end: str | None = None

    def active(self, date: str | _dt.date) -> bool:
        """Whether the role was held on ``date`` (a role without dates counts as held: it is a hint)."""
        day = date.isoformat() if isinstance(date, _dt.date) else str(date)
        day = _expand(day, first=True)
        if self.start and _expand(self.start, first=True) > day:
            return False
        return not (self.end and _expand(self.end, first=False) < day)

    def __str__(self) -> str:
        dates = f":{self.start or ''}..{self.end or ''}" if (self.start or self.end) else ""
        return f"{self.title}@{self.org}{dates}"


def _expand(date: str, first: bool) -> str:
    """A partial ISO date as a full day: the first (or last) day of its year or month."""
    if len(date) == 4:
        return f"{date}-01-01" if first else f"{date}-12-31"
    if len(date) == 7:
        return f"{date}-01" if first else f"{date}-31"
    return date


@dataclass(frozen=True)
class KBEntity:
    """One entity of the knowledge base."""

    id: str
    label: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str = ""
    qid: str = ""
    gender: str = ""
    roles: tuple[Role, ...] = ()
    adjectives: tuple[str, ...] = ()
    #: surface forms (name or aliases) marked ``~`` in the file: they need context
    ambiguous: frozenset[str] = field(default_factory=frozenset)
    source: str = ""  #: ``file:line`` the entity was read from

    @property
    def surfaces(self) -> tuple[str, ...]:
        """The name followed by the aliases."""
        return (self.name, *self.aliases)


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
        folder = Path(path) if path is not None else KB_DIR
        files = sorted(folder.glob("*.tsv"))
        if not files:
            raise KBError([f"{folder}: no *.tsv files"])
        errors: list[str] = []
        entities: list[KBEntity] = []
        counts: dict[str, int] = {}
        for file in files:
            parsed = _read_file(file, errors)
            counts[file.name] = len(parsed)
            entities.extend(parsed)
        _check_collection(entities, errors)
        if errors:
            raise KBError(errors)
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


# --- reading and validation -------------------------------------------------------------------
def _read_file(path: Path, errors: list[str]) -> list[KBEntity]:
    """Parse one TSV file; problems are appended to ``errors``."""
    entities: list[KBEntity] = []
    header_seen = False
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            where = f"{path.name}:{number}"
            cells = line.split("\t")
            if not header_seen:
                header_seen = True
                if tuple(cells) not in (COLUMNS, COLUMNS + OPTIONAL_COLUMNS):
                    errors.append(f"{where}: header must be {' '.join(COLUMNS)} [adjectives], got {cells}")
                    return entities
                continue
            entity = _parse_row(cells, where, errors)
            if entity is not None:
                entities.append(entity)
    if not header_seen:
        errors.append(f"{path.name}: no header row")
    return entities


def _parse_row(cells: list[str], where: str, errors: list[str]) -> KBEntity | None:
    """One row as an entity, or ``None`` after recording its errors."""
    if len(cells) not in (len(COLUMNS), len(COLUMNS) + 1):
        errors.append(f"{where}: expected {len(COLUMNS)} or {len(COLUMNS) + 1} columns, got {len(cells)}")
        return None
    cells = [c.strip() for c in cells] + [""] * (len(COLUMNS) + 1 - len(cells))
    entity_id, label, kind, name, aliases, country, qid, gender, roles, adjectives = cells
    before = len(errors)
    _check_fields(where, entity_id, label, kind, country, qid, errors)
    _check_person_fields(where, label, gender, roles, errors)
    if adjectives and label != "LOC":
        errors.append(f"{where}: adjectives are for LOC rows only")
    surfaces, ambiguous = _parse_surfaces(name, aliases, where, errors)
    parsed_roles = _parse_roles(roles, where, errors)
    if len(errors) > before:
        return None
    return KBEntity(
        id=entity_id, label=label, kind=kind, name=surfaces[0], aliases=tuple(surfaces[1:]),
        country=country, qid=qid, gender=gender, roles=parsed_roles,
        adjectives=tuple(a.strip() for a in adjectives.split("|") if a.strip()),
        ambiguous=frozenset(ambiguous), source=where,
    )


def _check_fields(where: str, entity_id: str, label: str, kind: str, country: str, qid: str,
                  errors: list[str]) -> None:
    if label not in LABELS:
        errors.append(f"{where}: unknown label {label!r} (expected one of {', '.join(LABELS)})")
    if not _ID_RE.match(entity_id):
        errors.append(f"{where}: malformed id {entity_id!r} (expected LABEL:lowercase-ascii-slug)")
    elif entity_id.split(":", 1)[0] != label:
        errors.append(f"{where}: id {entity_id!r} does not match label {label!r}")
    if kind not in KIND_LABEL:
        errors.append(f"{where}: unknown kind {kind!r}")
    elif label in LABELS and KIND_LABEL[kind] != label:
        errors.append(f"{where}: kind {kind!r} is a {KIND_LABEL[kind]} kind, not {label}")
    if country and not _COUNTRY_RE.match(country):
        errors.append(f"{where}: malformed country {country!r} (expected ISO alpha-2 or INT)")
    if qid and not _QID_RE.match(qid):
        errors.append(f"{where}: malformed QID {qid!r} (expected Q followed by digits)")


def _check_person_fields(where: str, label: str, gender: str, roles: str, errors: list[str]) -> None:
    if gender and gender not in ("m", "f"):
        errors.append(f"{where}: gender must be m, f or empty, got {gender!r}")
    if label != "PER" and (gender or roles):
        errors.append(f"{where}: gender and roles are for PER rows only")


def _parse_surfaces(name: str, aliases: str, where: str, errors: list[str]) -> tuple[list[str], set[str]]:
    """Name and aliases without their ``~`` marks, and the set of marked ones."""
    raw = [name] + [a for a in aliases.split("|")] if aliases else [name]
    surfaces: list[str] = []
    ambiguous: set[str] = set()
    for item in raw:
        item = item.strip()
        marked = item.startswith(AMBIGUOUS_MARK)
        item = item[1:].strip() if marked else item
        if not item:
            errors.append(f"{where}: empty name or alias")
            continue
        if item in surfaces:
            errors.append(f"{where}: surface form {item!r} is listed twice")
            continue
        surfaces.append(item)
        if marked:
            ambiguous.add(item)
    if not surfaces:
        surfaces.append("")
    return surfaces, ambiguous


def _parse_roles(roles: str, where: str, errors: list[str]) -> tuple[Role, ...]:
    parsed: list[Role] = []
    for item in (r.strip() for r in roles.split("|")) if roles else ():
        match = _ROLE_RE.match(item)
        if not match:
            errors.append(f"{where}: malformed role {item!r} (expected Title@WHERE[:FROM..TO])")
            continue
        start, end = match["start"] or None, match["end"] or None
        bad = [d for d in (start, end) if d and not _valid_date(d)]
        if bad:
            errors.append(f"{where}: malformed role date {bad[0]!r} in {item!r}")
            continue
        if start and end and _expand(start, True) > _expand(end, False):
            errors.append(f"{where}: role {item!r} ends before it starts")
            continue
        parsed.append(Role(match["title"].strip(), match["org"], start, end))
    return tuple(parsed)


def _valid_date(text: str) -> bool:
    if not _DATE_RE.match(text):
        return False
    if len(text) == 10:
        try:
            _dt.date.fromisoformat(text)
        except ValueError:
            return False
    return True


def _check_collection(entities: list[KBEntity], errors: list[str]) -> None:
    """Checks across rows and files: unique ids, duplicate surfaces, role targets, country codes."""
    seen: dict[str, str] = {}
    for entity in entities:
        if entity.id in seen:
            errors.append(f"{entity.source}: duplicate id {entity.id!r} (first at {seen[entity.id]})")
        else:
            seen[entity.id] = entity.source
    claims: dict[tuple[str, str], list[KBEntity]] = {}
    for entity in entities:
        for surface in entity.surfaces:
            claims.setdefault((entity.label, surface), []).append(entity)
    for (label, surface), owners in claims.items():
        unmarked = [e for e in owners if surface not in e.ambiguous]
        if len(owners) > 1 and len(unmarked) > 1:
            where = ", ".join(f"{e.id} ({e.source})" for e in unmarked)
            errors.append(f"{unmarked[1].source}: {label} surface form {surface!r} is claimed by {where}; "
                          f"mark all but one with '~'")
    countries = {e.country for e in entities if e.kind in ("country", "territory") and e.country}
    for entity in entities:
        if countries and entity.country and entity.country != "INT" and entity.country not in countries:
            errors.append(f"{entity.source}: unknown country code {entity.country!r}")
        for role in entity.roles:
            if ":" in role.org and role.org not in seen:
                errors.append(f"{entity.source}: role {str(role)!r} names unknown entity {role.org!r}")


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
