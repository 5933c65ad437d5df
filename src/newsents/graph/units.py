"""The per-article reduction both graph engines share: units (article, sentence, paragraph), days
and periods, entity ids of mentions, and the rows of one article after the filters."""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import re
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Optional, Union

from ..knowledge.ids import entity_id
from ..knowledge.kb import LABELS, MEASURE_KINDS, default_kb

LEVELS = ("article", "sentence", "paragraph")
PERIODS = ("day", "week", "month")
DEFAULT_MAX_PROVENANCE = 20
#: attributes holding lists; GraphML/GEXF cannot store lists, so they travel as JSON strings.

DateLike = Union[str, _dt.date, _dt.datetime, None]

# --------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------


def as_record(article: Any) -> dict[str, Any]:
    """Accept an ``Article`` (anything with ``to_dict``) or its dict record."""
    if isinstance(article, Mapping):
        return article  # type: ignore[return-value]
    if hasattr(article, "to_dict"):
        return article.to_dict()
    raise TypeError(f"expected an Article or a dict, got {type(article).__name__}")


_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def day_of(date: DateLike) -> Optional[str]:
    """The ``YYYY-MM-DD`` day of an ISO date/datetime (string or object), or None when unknown."""
    if date is None:
        return None
    if isinstance(date, (_dt.date, _dt.datetime)):
        return date.isoformat()[:10]
    m = _DAY_RE.match(str(date).strip())
    return m.group(0) if m else None


def period_of(day: str, freq: str) -> str:
    """Period key of a day: ``2024-03-05`` (day), ``2024-W10`` (ISO week) or ``2024-03`` (month)."""
    if freq == "day":
        return day
    if freq == "month":
        return day[:7]
    if freq == "week":
        y, w, _ = _dt.date.fromisoformat(day).isocalendar()
        return f"{y}-W{w:02d}"
    raise ValueError(f"freq must be one of {PERIODS}, got {freq!r}")


def entity_id_of(mention: Mapping[str, Any]) -> str:
    """The mention's entity id, or ``LABEL:slug(text)`` when it was not linked."""
    eid = mention.get("entity_id")
    if eid:
        return str(eid)
    return entity_id(mention.get("label") or "MISC", str(mention.get("text", "")))


def label_for(eid: str, mention_label: Optional[str], entities: Optional[Mapping[str, Mapping]]) -> str:
    """Entity label used for filtering: entities.jsonl, else the id's prefix, else the mention's label."""
    if entities is not None:
        info = entities.get(eid)
        if info and info.get("label"):
            return str(info["label"])
    if ":" in eid:
        return eid.split(":", 1)[0]
    return mention_label or "MISC"


@functools.lru_cache(maxsize=1)
def measure_ids() -> frozenset[str]:
    """Ids of currencies and units (``MISC:euro``, ``MISC:us-dollar``): the knowledge base's
    entities of those kinds, and the ids any label would give their unambiguous names (``ORG:euro``,
    ``MISC:dollar`` in outputs linked before the base)."""
    out: set[str] = set()
    for entity in default_kb():
        if entity.kind in MEASURE_KINDS:
            out.add(entity.id)
            out.update(entity_id(label, s) for s in entity.surfaces for label in LABELS
                       if s not in entity.ambiguous and sum(c.isalpha() for c in s) >= 2)  # not "€"
    return frozenset(out)


def is_measure(eid: str, entities: Optional[Mapping[str, Mapping]] = None) -> bool:
    """Whether an entity id is a currency or unit (see :func:`measure_ids`; entities.jsonl's ``kind`` too)."""
    if eid in measure_ids():
        return True
    info = entities.get(eid) if entities is not None else None
    return bool(info) and info.get("kind") in MEASURE_KINDS


def norm_labels(labels: Union[None, str, Iterable[str]]) -> Optional[set[str]]:
    if labels is None:
        return None
    if isinstance(labels, str):
        labels = [x for x in labels.split(",")]
    out = {x.strip().upper() for x in labels if x and x.strip()}
    return out or None


class WarnOnce:
    """Collects the fall-backs of one build so each is warned about once, not once per article."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __call__(self, key: str, message: str) -> None:
        if key not in self.seen:
            self.seen.add(key)
            warnings.warn(message, stacklevel=3)


# --------------------------------------------------------------------------------------------
# units (article / sentence / paragraph) and the per-article mention rows both engines share
# --------------------------------------------------------------------------------------------

_SENT_END = re.compile(r"[.!?…]+[\"'»«“”‘’)]*\s+")
_PARA_BLANK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_PARA_LINE = re.compile(r"\n\s*")


def split_spans(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in pattern.finditer(text):
        if m.start() > start:
            spans.append((start, m.start() if pattern is not _SENT_END else m.end()))
        start = m.end()
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def fallback_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by a plain split after . ! ? (used when an article has no ``sentences``)."""
    return split_spans(text, _SENT_END)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blocks separated by blank lines, or by line breaks if there are none."""
    pattern = _PARA_BLANK if _PARA_BLANK.search(text) else _PARA_LINE
    return split_spans(text, pattern)


def unit_spans(article: Mapping[str, Any], level: str, warn: Optional[WarnOnce] = None) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of an article's units at ``level``."""
    text = article.get("text") or ""
    if level == "article":
        return [(0, len(text))]
    if level == "sentence":
        sents = article.get("sentences")
        if sents:
            spans = [(s[0], s[1]) for s in sents]
            if any(spans[i][0] > spans[i + 1][0] for i in range(len(spans) - 1)):
                spans.sort()
            return spans
        if warn is not None and text:
            warn("nosent", "some articles have no 'sentences' offsets; falling back to splitting on . ! ?")
        return fallback_sentences(text)
    if level == "paragraph":
        return paragraphs(text)
    raise ValueError(f"level must be one of {LEVELS}, got {level!r}")


@dataclass
class ArticleRows:
    """One article reduced to what graphs need: id, day, and ``(unit, entity_id, label, text)`` rows."""

    id: str
    day: Optional[str]
    rows: list[tuple[int, str, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class GraphFilter:
    """What a graph keeps: the unit of co-mention (``level``: article, sentence or paragraph),
    entity ``labels``, the ``min_weight`` of an edge, a date range, how many article ids an edge
    lists (``max_provenance``) and whether currencies and units are nodes (``measures``). Every
    graph function takes one; :meth:`of` builds one from keyword options."""

    level: str = "article"
    labels: Union[None, str, Iterable[str]] = None
    min_weight: int = 1
    date_from: DateLike = None
    date_to: DateLike = None
    max_provenance: int = DEFAULT_MAX_PROVENANCE
    measures: bool = False

    @classmethod
    def of(cls, filters: Optional[GraphFilter] = None, **options: Any) -> GraphFilter:
        """``filters`` (default: no filter) with ``options`` (the field names) replaced."""
        if filters is not None and not isinstance(filters, GraphFilter):
            raise TypeError(f"filters must be a GraphFilter, got {type(filters).__name__}; "
                            "pass level=..., labels=... as keywords")
        base = filters if filters is not None else cls()
        return replace(base, **options) if options else base


def article_rows(
    filters: GraphFilter,
    entities: Optional[Mapping[str, Mapping]] = None,
    warn: Optional[WarnOnce] = None,
) -> Callable[[Any], Optional[ArticleRows]]:
    """A function reducing one article to its mention rows (filtered by label, unit-indexed), or
    None when the article's date is filtered out. A mention belongs to the unit its start offset
    falls in. Currencies and units (Euro, Dollar, Barrel: :func:`is_measure`) are no graph nodes
    unless ``measures=True``. Both engines reduce articles with it, which is why the in-memory and
    the DuckDB graph agree."""
    level, measures = filters.level, filters.measures
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
    warn = warn or WarnOnce()
    lab = norm_labels(filters.labels)
    d_from, d_to = day_of(filters.date_from), day_of(filters.date_to)
    if (filters.date_from is not None and d_from is None) or (filters.date_to is not None and d_to is None):
        raise ValueError("date_from/date_to must be ISO dates (YYYY-MM-DD)")

    def rows(art: Any) -> Optional[ArticleRows]:
        a = as_record(art)
        day = day_of(a.get("date"))
        if d_from or d_to:
            if day is None or (d_from and day < d_from) or (d_to and day > d_to):
                return None
        rec = ArticleRows(str(a.get("id")), day)
        ents = a.get("entities") or []
        if ents:
            # a very long article counts its co-mentions per paragraph even at article level (its record
            # says so): otherwise every pair of its entities is an edge
            unit_level = "paragraph" if level == "article" and a.get("comention") == "paragraph" else level
            spans = unit_spans(a, unit_level, warn) if unit_level != "article" else [(0, 0)]
            starts = [s for s, _ in spans]
            for m in ents:
                eid = entity_id_of(m)
                label = label_for(eid, m.get("label"), entities)
                if lab is not None and label not in lab or not measures and is_measure(eid, entities):
                    continue
                unit = 0
                if unit_level != "article":
                    unit = max(bisect.bisect_right(starts, int(m.get("start", 0))) - 1, 0)
                rec.rows.append((unit, eid, label, str(m.get("text", ""))))
        return rec

    return rows
