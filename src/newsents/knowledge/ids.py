"""Entity ids: ``LABEL:slug``, readable and stable (the same name gives the same id in every run)."""

from __future__ import annotations

import re
import unicodedata

from .translit import ascii_fold, transliterate

_SLUG_FOLD = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ł": "l", "ø": "oe", "æ": "ae", "œ": "oe",
              "đ": "d", "ı": "i", "þ": "th"}


def slugify(text: str) -> str:
    """Readable ASCII slug for ids: 'Sergej Schoigu' -> 'sergej-schoigu', 'Lukaschenko' stays."""
    t = transliterate(unicodedata.normalize("NFC", text)).lower()
    t = "".join(_SLUG_FOLD.get(c, c) for c in t)
    t = ascii_fold(t)
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return t[:80].strip("-") or "x"


def entity_id(label: str, name: str) -> str:
    """``LABEL:slug`` of a name, the id format used across newsents (``PER:sergej-schoigu``)."""
    return f"{label}:{slugify(name)}"
