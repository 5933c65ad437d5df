"""Entity ids: ``LABEL:slug``, readable and stable (the same name gives the same id in every run)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Optional

from .translit import ascii_fold, transliterate, transliterate_greek

_SLUG_FOLD = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ł": "l", "ø": "oe", "æ": "ae", "œ": "oe",
              "đ": "d", "ı": "i", "þ": "th"}


def slugify(text: str, limit: Optional[int] = 80) -> str:
    """Readable ASCII slug for ids: 'Sergej Schoigu' -> 'sergej-schoigu', 'Шойгу' -> 'schoigu',
    'Μητσοτάκης' -> 'mitsotakis'. A name whose letters have no Latin spelling here (Chinese, Arabic)
    gets a short hash of itself, so that two such names never share an id ('习近平' -> 'x-1b6f...').
    The slug is cut at ``limit`` characters (None: not cut); :mod:`linking.collisions` keeps two
    names that only the cut joins apart."""
    nfc = unicodedata.normalize("NFC", text)
    t = transliterate_greek(transliterate(nfc)).lower()
    t = "".join(_SLUG_FOLD.get(c, c) for c in t)
    t = ascii_fold(t)
    slug = re.sub(r"[^a-z0-9]+", "-", t).strip("-")[:limit].strip("-")
    letters = sum(1 for c in nfc if c.isalpha())
    kept = sum(1 for c in slug if c.isalpha())
    if letters and kept * 2 < letters:  # most letters had no Latin spelling
        digest = name_digest(nfc)[:10]
        return f"{slug}-{digest}" if slug else f"x-{digest}"
    return slug or "x"


def name_digest(text: str) -> str:
    """The hex digest that id suffixes take their first characters from (names without a Latin
    spelling here, names parted by :mod:`linking.collisions`)."""
    return hashlib.sha1(text.encode("utf8")).hexdigest()


def entity_id(label: str, name: str) -> str:
    """``LABEL:slug`` of a name, the id format used across newsents (``PER:sergej-schoigu``)."""
    return f"{label}:{slugify(name)}"
