"""The schema of the newsents knowledge base: its columns, kinds and record types.

The base lives in ``knowledge/data/kb/*.tsv``; :mod:`newsents.knowledge.kb` loads it (through
:mod:`newsents.knowledge.kb_read`, which validates every row) and looks names up.

The files are UTF-8, one entity per line, readable and diffable. Each file starts with ``#``
comment lines giving its content, sources and licence, then a header row and the rows. Columns
(the same in every file; an empty cell means unknown or not applicable)::

    id  label  kind  name  aliases  country  qid  gender  roles  [adjectives]

``id``
    ``LABEL:slug``, stable forever. The slug is lowercase ASCII (ä→ae, ö→oe, ü→ue, ß→ss, other
    diacritics stripped), words joined by ``-``: ``ORG:fsb``, ``PER:olaf-scholz``, ``LOC:kiew``.
    Generated rows take :func:`newsents.knowledge.ids.entity_id` of their name; curated rows may
    choose a shorter slug (``ORG:fsb``).
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

Run ``python -m newsents.knowledge.kb`` (or ``newsents kb``) to print the coverage report.
"""

from __future__ import annotations

import datetime as _dt
import re
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
        "religious_organisation", "platform", "cultural_institution",
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
    "MISC": ("currency", "unit", "event", "product", "law", "index"),
}
KIND_LABEL: dict[str, str] = {kind: label for label, kinds in KINDS.items() for kind in kinds}
#: Kinds that measure amounts rather than name actors: not graph nodes by default.
MEASURE_KINDS = frozenset({"currency", "unit"})

COLUMNS = ("id", "label", "kind", "name", "aliases", "country", "qid", "gender", "roles")
OPTIONAL_COLUMNS = ("adjectives",)
AMBIGUOUS_MARK = "~"
#: The shortest form a regular genitive is derived from ("Nils" is not the Nile's genitive).
MIN_GENITIVE_BASE = 4


class KBError(ValueError):
    """The knowledge base files are malformed; ``errors`` lists every problem as ``file:line: message``."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        shown = "\n  ".join(self.errors[:50])
        more = f"\n  … and {len(self.errors) - 50} more" if len(self.errors) > 50 else ""
        super().__init__(f"{len(self.errors)} error(s) in the knowledge base:\n  {shown}{more}")


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
        day = expand_date(day, first=True)
        if self.start and expand_date(self.start, first=True) > day:
            return False
        return not (self.end and expand_date(self.end, first=False) < day)

    def __str__(self) -> str:
        dates = f":{self.start or ''}..{self.end or ''}" if (self.start or self.end) else ""
        return f"{self.title}@{self.org}{dates}"


def expand_date(date: str, first: bool) -> str:
    """A partial ISO date as a full day: the first (or last) day of its year or month."""
    if len(date) == 4:
        return f"{date}-01-01" if first else f"{date}-12-31"
    if len(date) == 7:
        return f"{date}-01" if first else f"{date}-31"
    return date


DATE_RE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")


def valid_date(text: str) -> bool:
    """``YYYY``, ``YYYY-MM`` or a real ``YYYY-MM-DD`` day."""
    if not DATE_RE.match(text):
        return False
    if len(text) == 10:
        try:
            _dt.date.fromisoformat(text)
        except ValueError:
            return False
    return True


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
