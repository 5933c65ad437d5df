"""Read and validate the knowledge-base files: every problem is collected, each naming ``file:line``.

The files are read through :mod:`newsents.knowledge.loader` (the one data-file reader); the schema
is :mod:`newsents.knowledge.kb_schema`. :func:`read_kb` is what ``KnowledgeBase.from_dir`` calls.
"""

from __future__ import annotations

import re
from pathlib import Path

from .kb_schema import (
    AMBIGUOUS_MARK,
    COLUMNS,
    KIND_LABEL,
    LABELS,
    OPTIONAL_COLUMNS,
    KBEntity,
    KBError,
    Role,
    expand_date,
    valid_date,
)
from .loader import DataFileError, Row, parse_rows, read_text

ID_RE = re.compile(r"^(PER|LOC|ORG|MISC):[a-z0-9]+(?:-[a-z0-9]+)*$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
COUNTRY_RE = re.compile(r"^(?:[A-Z]{2}|INT)$")
ROLE_RE = re.compile(r"^(?P<title>[^@|:]+)@(?P<org>(?:PER|LOC|ORG|MISC):[a-z0-9-]+|[A-Z]{2}|INT)"
                     r"(?::(?P<start>[0-9-]*)\.\.(?P<end>[0-9-]*))?$")


def read_kb(folder: Path) -> tuple[list[KBEntity], dict[str, int]]:
    """The entities of every ``*.tsv`` file in ``folder`` and the count per file.

    Raises :class:`KBError` listing every problem found, with file and line."""
    files = sorted(folder.glob("*.tsv"))
    if not files:
        raise KBError([f"{folder}: no *.tsv files"])
    errors: list[str] = []
    entities: list[KBEntity] = []
    counts: dict[str, int] = {}
    for file in files:
        parsed = read_file(file, errors)
        counts[file.name] = len(parsed)
        entities.extend(parsed)
    check_collection(entities, errors)
    if errors:
        raise KBError(errors)
    return entities, counts


def read_file(path: Path, errors: list[str]) -> list[KBEntity]:
    """Parse one TSV file; problems are appended to ``errors``."""
    try:
        _, text = read_text(path)
    except DataFileError as err:
        errors.append(f"{path.name}: {err.reason}")
        return []
    rows = iter(parse_rows(text, path))
    header = next(rows, None)
    if header is None:
        errors.append(f"{path.name}: no header row")
        return []
    if header.cells not in (COLUMNS, COLUMNS + OPTIONAL_COLUMNS):
        errors.append(f"{_where(header)}: header must be {' '.join(COLUMNS)} [adjectives], got {list(header.cells)}")
        return []
    entities = [parse_row(row, errors) for row in rows]
    return [e for e in entities if e is not None]


def _where(row: Row) -> str:
    return f"{row.path.name}:{row.line}"


def parse_row(row: Row, errors: list[str]) -> KBEntity | None:
    """One row as an entity, or ``None`` after recording its errors."""
    where = _where(row)
    if len(row) not in (len(COLUMNS), len(COLUMNS) + 1):
        errors.append(f"{where}: expected {len(COLUMNS)} or {len(COLUMNS) + 1} columns, got {len(row)}")
        return None
    cells = list(row.cells) + [""] * (len(COLUMNS) + 1 - len(row))
    entity_id, label, kind, name, aliases, country, qid, gender, roles, adjectives = cells
    before = len(errors)
    check_fields(where, entity_id, label, kind, country, qid, errors)
    check_person_fields(where, label, gender, roles, errors)
    if adjectives and label != "LOC":
        errors.append(f"{where}: adjectives are for LOC rows only")
    surfaces, ambiguous = parse_surfaces(name, aliases, where, errors)
    parsed_roles = parse_roles(roles, where, errors)
    if len(errors) > before:
        return None
    return KBEntity(
        id=entity_id, label=label, kind=kind, name=surfaces[0], aliases=tuple(surfaces[1:]),
        country=country, qid=qid, gender=gender, roles=parsed_roles,
        adjectives=tuple(a.strip() for a in adjectives.split("|") if a.strip()),
        ambiguous=frozenset(ambiguous), source=where,
    )


def check_fields(where: str, entity_id: str, label: str, kind: str, country: str, qid: str,
                 errors: list[str]) -> None:
    if label not in LABELS:
        errors.append(f"{where}: unknown label {label!r} (expected one of {', '.join(LABELS)})")
    if not ID_RE.match(entity_id):
        errors.append(f"{where}: malformed id {entity_id!r} (expected LABEL:lowercase-ascii-slug)")
    elif entity_id.split(":", 1)[0] != label:
        errors.append(f"{where}: id {entity_id!r} does not match label {label!r}")
    if kind not in KIND_LABEL:
        errors.append(f"{where}: unknown kind {kind!r}")
    elif label in LABELS and KIND_LABEL[kind] != label:
        errors.append(f"{where}: kind {kind!r} is a {KIND_LABEL[kind]} kind, not {label}")
    if country and not COUNTRY_RE.match(country):
        errors.append(f"{where}: malformed country {country!r} (expected ISO alpha-2 or INT)")
    if qid and not QID_RE.match(qid):
        errors.append(f"{where}: malformed QID {qid!r} (expected Q followed by digits)")


def check_person_fields(where: str, label: str, gender: str, roles: str, errors: list[str]) -> None:
    if gender and gender not in ("m", "f"):
        errors.append(f"{where}: gender must be m, f or empty, got {gender!r}")
    if label != "PER" and (gender or roles):
        errors.append(f"{where}: gender and roles are for PER rows only")


def parse_surfaces(name: str, aliases: str, where: str, errors: list[str]) -> tuple[list[str], set[str]]:
    """Name and aliases without their ``~`` marks, and the set of marked ones."""
    raw = [name] + aliases.split("|") if aliases else [name]
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


def parse_roles(roles: str, where: str, errors: list[str]) -> tuple[Role, ...]:
    parsed: list[Role] = []
    for item in (r.strip() for r in roles.split("|")) if roles else ():
        match = ROLE_RE.match(item)
        if not match:
            errors.append(f"{where}: malformed role {item!r} (expected Title@WHERE[:FROM..TO])")
            continue
        start, end = match["start"] or None, match["end"] or None
        bad = [d for d in (start, end) if d and not valid_date(d)]
        if bad:
            errors.append(f"{where}: malformed role date {bad[0]!r} in {item!r}")
            continue
        if start and end and expand_date(start, True) > expand_date(end, False):
            errors.append(f"{where}: role {item!r} ends before it starts")
            continue
        parsed.append(Role(match["title"].strip(), match["org"], start, end))
    return tuple(parsed)


def check_collection(entities: list[KBEntity], errors: list[str]) -> None:
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
