"""One article record reduced to what the page needs: metadata, entity spans, claims, noise.

Entities are referred to by their index in the page's entity table (-1: not an entity of the table).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from typing import Any, Optional

_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
#: Claim keys the page shows in their own columns; other scalar keys are shown as extra fields.
CLAIM_KEYS = {"speaker", "cue", "content", "mode", "via", "hearsay"}
SPAN_KEYS = {"text", "start", "end", "entity_id", "label"}

Resolver = Callable[[Mapping[str, Any]], int]


def day_of(date: Any) -> Optional[str]:
    """``YYYY-MM-DD`` of an ISO date or datetime string, or None."""
    if date is None:
        return None
    m = _DAY_RE.match(str(date).strip())
    return m.group(0) if m else None


def text_or_none(value: Any) -> Optional[str]:
    return None if value is None or value == "" else str(value)


def scalar_extras(record: Mapping[str, Any], known: set[str], prefix: str = "") -> dict[str, Any]:
    """Keys this page has no column for, with scalar values (shown as extra fields, e.g. ``affiliation``)."""
    out = {}
    for k, v in record.items():
        if k in known or v is None or v == "":
            continue
        if isinstance(v, (str, int, float, bool)):
            out[prefix + str(k)] = v
    return out


def article_meta(article: Mapping[str, Any], i: int, sources: dict[str, int]) -> list[Any]:
    """``[id, title, date, source index (-1: none), url]`` of one article; ``sources`` grows."""
    aid = article.get("id")
    source = text_or_none(article.get("source"))
    k = sources.setdefault(source, len(sources)) if source is not None else -1
    return [str(aid) if aid is not None else f"#{i}", text_or_none(article.get("title")),
            text_or_none(article.get("date")), k, text_or_none(article.get("url"))]


def obj(value: Any) -> dict[str, Any]:
    """``value`` when it is a JSON object (dict), else an empty one."""
    return value if isinstance(value, dict) else {}


def _span(d: Any) -> tuple[int, int]:
    """``(start, end)`` of a span dict; ``(-1, -1)`` when it has none."""
    if not isinstance(d, dict):
        return -1, -1
    s, e = d.get("start"), d.get("end")
    if type(s) is int and type(e) is int:  # the usual case, fast
        return s, e
    try:
        return int(s), int(e)
    except (TypeError, ValueError):
        return -1, -1


def mention_rows(article: Mapping[str, Any], resolve: Resolver) -> list[list[Any]]:
    """``[start, end, entity index, label]`` of each entity mention, by start."""
    rows = []
    for m in article.get("entities") or ():
        if not isinstance(m, dict):
            continue
        s, e = _span(m)
        if 0 <= s < e:
            rows.append([s, e, resolve(m), str(m.get("label") or "MISC")])
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


def text_record(article: Mapping[str, Any], i: int, mentions: list[list[Any]]) -> dict[str, Any]:
    """The article view's data: cleaned text, entity spans, removed noise, names inside compounds."""
    removed = [[str(r.get("rule") or ""), str(r.get("text") or "")]
               for r in article.get("removed") or () if isinstance(r, dict)]
    compounds = []
    for c in article.get("compounds") or ():
        if isinstance(c, dict):
            s, e = _span(c)
            compounds.append([s, e, str(c.get("text") or ""), str(c.get("name") or "")])
    return {"a": i, "text": str(article.get("text") or ""), "ents": mentions, "removed": removed,
            "compounds": compounds}


def _speaker_index(speaker: Mapping[str, Any], mentions: list[list[Any]], resolve: Resolver) -> int:
    """The speaker's entity: its own id, else the mention inside the speaker span (ending last)."""
    if speaker.get("entity_id"):
        return resolve(speaker)
    s, e = _span(speaker)
    inside = [m for m in mentions if m[0] >= s and m[1] <= e and m[2] >= 0]
    return inside[-1][2] if inside else -1


def _about(cs: int, ce: int, mentions: list[list[Any]], speaker: int) -> list[int]:
    """Entities mentioned inside the content span (not the speaker itself), in order of first mention."""
    seen: list[int] = []
    for s, e, ent, _label in mentions:
        if s >= cs and e <= ce and ent >= 0 and ent != speaker and ent not in seen:
            seen.append(ent)
    return seen


def claim_row(claim: Mapping[str, Any], i: int, mentions: list[list[Any]], resolve: Resolver) -> list[Any]:
    """``[article, speaker text, speaker entity, cue, content, mode, via text, via entity, hearsay,
    about entities, spans [speaker s,e, cue s,e, content s,e], extras]`` of one claim."""
    speaker, cue, content, via = (obj(claim.get(k)) for k in ("speaker", "cue", "content", "via"))
    who = _speaker_index(speaker, mentions, resolve) if speaker else -1
    cs, ce = _span(content)
    extras = scalar_extras(claim, CLAIM_KEYS)
    extras.update(scalar_extras(speaker, SPAN_KEYS, prefix="speaker "))
    return [i, text_or_none(speaker.get("text")), who, text_or_none(cue.get("text")),
            str(content.get("text") or ""), str(claim.get("mode") or ""), text_or_none(via.get("text")),
            resolve(via) if via.get("entity_id") else -1, 1 if claim.get("hearsay") else 0,
            _about(cs, ce, mentions, who), [*_span(speaker), *_span(cue), cs, ce], extras]


def drop_sliceable(texts: list[dict[str, Any]], claims: list[list[Any]]) -> None:
    """Claim texts the page can cut from its article text (speaker, cue, content) become None."""
    text_of = {t["a"]: t["text"] for t in texts}
    for c in claims:
        text = text_of.get(c[0])
        if text is None:
            continue
        spans = c[10]
        for col, (s, e) in ((1, spans[0:2]), (3, spans[2:4]), (4, spans[4:6])):
            if c[col] is not None and 0 <= s < e and text[s:e] == c[col]:
                c[col] = None


def utf16_offsets(text: str) -> Optional[Callable[[int], int]]:
    """Python offsets (code points) -> JavaScript offsets (UTF-16 units) for ``text``; None when they
    are the same (no character beyond U+FFFF, such as an emoji)."""
    astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
    if not astral:
        return None

    def convert(offset: int) -> int:
        return offset if offset < 0 else offset + bisect.bisect_left(astral, offset)

    return convert


def to_utf16(texts: list[dict[str, Any]], claims: list[list[Any]], sentences: list[list[Any]]) -> None:
    """Rewrite, in place, the offsets into the texts the page holds as UTF-16 offsets."""
    convert = {t["a"]: f for t in texts if (f := utf16_offsets(t["text"])) is not None}
    if not convert:
        return
    for t in texts:
        f = convert.get(t["a"])
        if f:
            for row in t["ents"] + t["compounds"]:
                row[0], row[1] = f(row[0]), f(row[1])
    for c in claims:
        f = convert.get(c[0])
        if f:
            c[10] = [f(x) for x in c[10]]
    for s in sentences:
        f = convert.get(s[0])
        if f and s[3] is None:
            s[1], s[2] = f(s[1]), f(s[2])
