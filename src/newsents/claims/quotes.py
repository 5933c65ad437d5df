"""Quotation marks: pairing them into top-level quotes by a character scan (linear in text length).

German news writes „…“, »…«, «…» (Swiss), “…” and "…", also as HTML entities (``&bdquo;``); a
quote never crosses a line break, and an unclosed „ or » that opens a paragraph runs to its end
(multi-paragraph quotes repeat the opening mark on each paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.typography import QUOTE_PAIRS

#: canonical mark -> (closers it accepts); HTML-entity spellings are mapped to canonical marks.
OPENERS = QUOTE_PAIRS
ENTITIES = {
    "bdquo": "„", "ldquo": "“", "rdquo": "”", "raquo": "»", "laquo": "«", "quot": '"',
    "sbquo": "‚", "lsquo": "‘", "rsquo": "’", "#8222": "„", "#8220": "“", "#8221": "”",
    "#187": "»", "#171": "«", "#34": '"', "#8218": "‚", "#8216": "‘", "#8217": "’",
    "#x201e": "„", "#x201c": "“", "#x201d": "”", "#xbb": "»", "#xab": "«", "#x22": '"',
}
_ENTITY_NAMES = "|".join(re.escape(k) for k in ENTITIES)
_MARK_RE = re.compile(rf"&(?:{_ENTITY_NAMES});|[„“”»«‚‘’\"\n]", re.I)
#: the marks a token can be (for the token table)
QUOTE_MARKS = "„“”»«‚‘\""
#: at most this many quotes open inside each other
MAX_DEPTH = 4


@dataclass
class Quote:
    """A top-level quotation: character span including its marks, and the inner text span."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True


def is_quote_mark(token: str) -> bool:
    """A quotation mark token, also spelled as an HTML entity (&bdquo;)."""
    return token in QUOTE_MARKS or (token.startswith("&") and token.endswith(";")) and token[1:-1].lower() in ENTITIES


def _marks(text: str) -> list[tuple[str, int, int]]:
    """(canonical mark or newline, start, end) of every mark, then a final newline at the text end."""
    marks = []
    for m in _MARK_RE.finditer(text):
        s = m.group(0)
        ch = "\n" if s == "\n" else (ENTITIES.get(s[1:-1].lower(), "") if s.startswith("&") else s)
        marks.append((ch, m.start(), m.end()))
    marks.append(("\n", len(text), len(text)))
    return marks


class _Scan:
    """The state of the scan over one text: the stack of open marks in the current paragraph."""

    def __init__(self, text: str, max_chars: int):
        self.text, self.max_chars = text, max_chars
        self.quotes: list[Quote] = []
        self.stack: list[tuple[str, int, int]] = []  # (mark, start, end); stack[0] is the top-level opener
        self.para_start = 0

    def line_break(self, s: int, e: int) -> None:
        """End of a paragraph: an unclosed „ or » that opened it runs to here; other marks are dropped."""
        if self.stack:
            op, os_, oe = self.stack[0]
            if op in "„»" and not self.text[self.para_start:os_].strip() and s - os_ <= self.max_chars:
                end = s
                while end > oe and self.text[end - 1].isspace():
                    end -= 1
                if end > oe:
                    self.quotes.append(Quote(os_, end, oe, end, closed=False))
        self.stack = []
        self.para_start = e

    def mark(self, ch: str, s: int, e: int) -> None:
        stack = self.stack
        if not stack:
            if ch in OPENERS and (ch not in "“«" or _english_open(self.text, s, e)):
                stack.append((ch, s, e))
            return
        top = stack[-1][0]
        if ch in OPENERS[top] and not (ch == '"' and top != '"' and len(stack) == 1 and '"' not in OPENERS[top]):
            _op, os_, oe = stack.pop()
            if not stack and s + 1 - os_ <= self.max_chars and s > oe:
                self.quotes.append(Quote(os_, e, oe, s))
            return
        if ch in OPENERS and ch != "“" and len(stack) < MAX_DEPTH and not (ch == "«" and stack[0][0] == "«"):
            stack.append((ch, s, e))


def find_quotes(text: str, max_chars: int = 5000) -> list[Quote]:
    """Pair quotation marks paragraph by paragraph; keep top-level quotes only.

    A quote never crosses a line break. An unclosed „ or » that opens a paragraph runs to the
    paragraph's end (multi-paragraph quotes repeat the opening mark); other unmatched marks are
    ignored, so unbalanced text cannot produce a claim over unrelated paragraphs.
    """
    scan = _Scan(text, max_chars)
    for ch, s, e in _marks(text):
        if ch == "\n":
            scan.line_break(s, e)
        else:
            scan.mark(ch, s, e)
    return scan.quotes


def _english_open(text: str, s: int, e: int) -> bool:
    """“ or « opens a quote only before a word and after a space or line start."""
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < len(text) else " "
    return (before.isspace() or before in "([:") and not after.isspace()
