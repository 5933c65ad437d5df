"""Dates of scraped articles: ISO, German ("Dienstag, 5. März 2024, 14:30 Uhr") and English forms
normalised to ISO 8601, and the reader lexicon (section labels, month and weekday names:
``knowledge/data/reader_lexicon.json``)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any, Optional

from ..knowledge import data_path


@lru_cache(maxsize=1)
def reader_lexicon() -> dict[str, Any]:
    raw = data_path("reader_lexicon.json").read_text(encoding="utf-8")
    lex = json.loads(raw)
    lex["_sections"] = {w.casefold() for w in lex["section_words"]}
    seps = "".join(re.escape(s) for s in lex["section_separators"])
    lex["_section_split"] = re.compile(f"\\s*[{seps}]\\s*")
    months = "|".join(sorted((re.escape(m) for m in lex["months"]), key=len, reverse=True))
    days = "|".join(sorted((re.escape(d) for d in lex["weekdays"]), key=len, reverse=True))
    prefixes = "|".join(sorted((re.escape(p) for p in lex["date_prefixes"]), key=len, reverse=True))
    time = r"(?:[,\s]+(?:um\s+|-\s*)?(?P<H>\d{1,2})[:.](?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?:Uhr|h)?)?"
    lead = rf"(?:(?:{prefixes})\s*:?\s*)?(?:(?:{days})\.?,?\s+)?"
    lex["_date_res"] = [
        re.compile(lead + r"(?P<d>\d{1,2})\.\s*(?P<m>\d{1,2})\.\s*(?P<y>\d{4}|\d{2})" + time, re.I),
        re.compile(lead + rf"(?P<d>\d{{1,2}})\.?\s+(?P<mn>{months})\.?\s+(?P<y>\d{{4}})" + time, re.I),
        re.compile(lead + rf"(?P<mn>{months})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})" + time, re.I),
        re.compile(rf"(?:(?:{prefixes})\s*:?\s*)?"
                   r"(?P<iso>\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)", re.I),
    ]
    return lex


def normalize_date(value: Any) -> Optional[str]:
    """ISO 8601 date (``2024-03-05``) or datetime (``2024-03-05T14:30:00[+01:00]``) string, or None.

    Accepts ISO strings (also news-please's ``2024-03-05 14:30:00``), German ``05.03.2024, 14:30 Uhr``
    and ``Dienstag, 5. März 2024``, English ``March 5, 2024``, date/datetime objects and Unix seconds.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        if 631152000 <= value <= 4102444800:  # 1990..2100
            return datetime.fromtimestamp(value, tz=timezone.utc).isoformat(timespec="seconds")
        return None
    if not isinstance(value, str):
        return None
    s = " ".join(value.split())
    if not s:
        return None
    lex = reader_lexicon()
    for rx in lex["_date_res"]:
        m = rx.fullmatch(s)
        if not m:
            continue
        g = m.groupdict()
        if g.get("iso"):
            return _iso(g["iso"])
        try:
            year = int(g["y"])
            if year < 100:
                year += 2000
            month = int(g["m"]) if g.get("m") else lex["months"][g["mn"].casefold()]
            d = date(year, month, int(g["d"]))
            if g.get("H") is None:
                return d.isoformat()
            t = datetime(d.year, d.month, d.day, int(g["H"]), int(g["M"]), int(g["S"] or 0))
            return t.isoformat(timespec="seconds")
        except (ValueError, KeyError):
            return None
    return None


def _iso(s: str) -> Optional[str]:
    s = s.strip().replace(" ", "T", 1)
    if s.endswith(("Z", "z")):
        s = s[:-1] + "+00:00"
    if "T" not in s:
        try:
            return date.fromisoformat(s).isoformat()
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(s).isoformat(timespec="seconds")
    except ValueError:
        try:
            return date.fromisoformat(s[:10]).isoformat()
        except ValueError:
            return None


