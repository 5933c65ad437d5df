"""Agency credits: bylines and source lines of agency news, found by rule.

A credit names the agencies an article comes from; it is metadata, not a mention. Recognised forms
(each item an agency of the knowledge base, kind ``news_agency``, compared case-insensitively):

- a bracket holding agencies, optionally with a date, initials or ``red``: ``(dpa)``,
  ``Moskau (dpa) –``, ``(APA, 3.5.2016)``, ``(dpa/AFP)``, ``(red, APA)``, ``(SDA/sda)``;
- a credit marker and agencies: ``Quelle: Reuters``, ``Mit Material von AFP``, ``© dpa``;
- a line made of agencies only: ``dpa/AFP/red``, ``APA``.

A **photo credit** (``Foto: AP``, ``(Bild: picture alliance/dpa)``) is boilerplate: the names in
it are no mentions, and its agencies are not the article's agencies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: separators between the items of a credit
_ITEM_SPLIT = re.compile(r"\s*(?:[/,;&+]|\bund\b)\s*")
_DATE = re.compile(r"^\d{1,2}\.\s?\d{1,2}\.(?:\s?\d{2,4})?$|^\d{4}-\d{2}-\d{2}$|^\d{1,2}\.\s?\w+\s?\d{4}$")
_INITIALS = re.compile(r"^[a-zäöü]{1,4}\.?$")
_BRACKET = re.compile(r"\(([^()\n]{1,80})\)")
_LINE = re.compile(r"^[ \t]*([^\n]{1,80}?)[ \t]*$", re.M)


@dataclass(frozen=True)
class Credit:
    """A credit in the text: its character span, the agencies it names (canonical names, in order)
    and whether it is a photo credit (then ``agencies`` are not the article's)."""

    start: int
    end: int
    agencies: tuple[str, ...]
    photo: bool = False


class CreditFinder:
    """Finds credits in a text. ``agencies``: surface form -> canonical name of news agencies."""

    def __init__(self, agencies: dict[str, str], markers: Iterable[str], fillers: Iterable[str],
                 photo_markers: Iterable[str]):
        self.agencies = {k.casefold(): v for k, v in agencies.items()}
        self.fillers = {f.casefold() for f in fillers}
        marks = sorted(markers, key=len, reverse=True)
        photos = sorted(photo_markers, key=len, reverse=True)
        self._marker = re.compile(r"(?:^|(?<=[\s(.]))(" + "|".join(re.escape(m) for m in marks) + r")[ \t]*:?[ \t]*"
                                  r"([^\n()]{1,80})")
        self._photo = re.compile(r"(?:^|(?<=[\s(]))(?:" + "|".join(re.escape(m) for m in photos) + r")[ \t]*:[ \t]*"
                                 r"([^\n()]{1,120})")
        first = {k.split()[0] for k in self.agencies} if self.agencies else set()
        self._first_words = first

    def find(self, text: str) -> list[Credit]:
        """Every credit in ``text``, by start offset (photo credits included)."""
        if not self.agencies:
            return []
        credits: dict[int, Credit] = {}
        for m in self._photo.finditer(text):
            credits[m.start()] = Credit(m.start(), m.end(), (), photo=True)
        for m in _BRACKET.finditer(text):
            names = self._items(m.group(1), allow_dates=True)
            if names and not _inside(m.start(), credits):
                credits[m.start()] = Credit(m.start(), m.end(), names)
        for m in self._marker.finditer(text):
            names = self._items(m.group(2).rstrip(" .–-"), allow_dates=True)
            if names and not _inside(m.start(), credits):
                credits[m.start()] = Credit(m.start(), m.start(2) + len(m.group(2).rstrip(" .–-")), names)
        for m in _LINE.finditer(text):
            if m.group(1) and m.group(1).split("/")[0].split(",")[0].strip().casefold() in self.agencies:
                names = self._items(m.group(1), allow_dates=False)
                if names and not _inside(m.start(1), credits):
                    credits[m.start(1)] = Credit(m.start(1), m.end(1), names)
        return [credits[k] for k in sorted(credits)]

    def _items(self, content: str, allow_dates: bool) -> tuple[str, ...]:
        """The agencies of a credit's content, or () when anything in it is not part of a credit."""
        names: list[str] = []
        for item in _ITEM_SPLIT.split(content.strip()):
            item = item.strip(" .–-")
            if not item:
                continue
            name = self.agencies.get(item.casefold())
            if name is not None:
                names.append(name)
            elif item.casefold() in self.fillers or _INITIALS.match(item) or (allow_dates and _DATE.match(item)):
                continue
            else:
                return ()
        return tuple(dict.fromkeys(names))


def _inside(offset: int, credits: dict[int, Credit]) -> bool:
    return any(c.start <= offset < c.end for c in credits.values())
