"""Remove scraping noise (disclaimers, image names, photo credits, teasers, banners) from article text.

Noise must not yield entities or claims, so it is cut before NLP and every cut is recorded as a
``Removal``. The rules are regexes in ``data/noise_rules.json``: ``line`` rules drop a whole line that
matches, ``span`` rules cut matches inside a line (a line whose remainder then matches a line rule
goes too). Whitespace is tidied only where needed, and ``CleanResult.segments`` aligns the cleaned
text with the input. ``build_text`` assembles the analysed text (title + blank line + cleaned body),
to which all downstream offsets refer.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Union

import numpy as np

from ..core.records import RawArticle, Removal
from ..knowledge import data_path

LINE = "line"
SPAN = "span"
_PUNCT_AFTER = set(".,;:!?)]}“”\"'…")
_WS = re.compile(r"[ \t\u00a0]*")  # used only to measure whitespace runs next to a cut
_MULTI_WS = re.compile(r"[ \t]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class NoiseRule:
    """One noise pattern: ``line`` (drop matching lines) or ``span`` (cut matches within a line)."""

    name: str
    kind: str
    pattern: str
    ignorecase: bool = False
    max_chars: Optional[int] = None  # line rules: only lines up to this length
    description: str = ""
    enabled: bool = True
    #: span rules: a cheap pattern every match must contain (same flags), e.g. "©"; lines without
    #: it skip the rule's regex (most lines: the cuts cost half of cleaning time before)
    prefilter: Optional[str] = None
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    prefilter_regex: Optional[re.Pattern[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in (LINE, SPAN):
            raise ValueError(f"noise rule {self.name!r}: kind must be 'line' or 'span', not {self.kind!r}")
        flags = re.IGNORECASE if self.ignorecase else 0
        try:
            self.regex = re.compile(self.pattern, flags)
            self.prefilter_regex = re.compile(self.prefilter, flags) if self.prefilter else None
        except re.error as e:
            raise ValueError(f"noise rule {self.name!r}: invalid regex ({e})") from None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> NoiseRule:
        known = {"name", "kind", "pattern", "ignorecase", "max_chars", "description", "enabled", "prefilter"}
        return cls(**{k: v for k, v in d.items() if k in known})


@dataclass
class CleanResult:
    """Cleaned text, what was removed (in rule order per line), and an alignment to the input.

    ``segments`` are ``(clean_start, orig_start, length)`` runs: ``text[c:c+n]`` comes from
    ``original[o:o+n]`` (identical except that a kept tab/CR becomes a space/newline). They let an
    evaluation map offsets in the cleaned text back to gold offsets in the uncleaned text.
    """

    text: str
    removed: list[Removal] = field(default_factory=list)
    segments: list[tuple[int, int, int]] = field(default_factory=list)

    def to_original(self, i: int) -> int:
        """Offset in the input text of the character at cleaned offset ``i`` (0 <= i < len(text))."""
        if not 0 <= i < len(self.text):
            raise IndexError(f"offset {i} outside the cleaned text (length {len(self.text)})")
        k = bisect_right(self.segments, (i, float("inf"), 0)) - 1
        c, o, _n = self.segments[k]
        return o + (i - c)

    def to_original_span(self, start: int, end: int) -> tuple[int, int]:
        """Input-text span covering the cleaned span ``[start, end)`` (may include removed noise inside)."""
        if end <= start:
            o = self.to_original(start) if start < len(self.text) else self._end()
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1

    def _end(self) -> int:
        if not self.segments:
            return 0
        c, o, n = self.segments[-1]
        return o + n


def load_rules(path: Union[str, Path, None] = None) -> list[NoiseRule]:
    """Rules from a JSON file (``{"rules": [...]}`` or a bare list); the package rules when ``path`` is None."""
    if path is None:
        raw = data_path("noise_rules.json").read_text(encoding="utf-8")
        where = "package noise_rules.json"
    else:
        raw = Path(path).read_text(encoding="utf-8")
        where = str(path)
    data = json.loads(raw)
    items = data["rules"] if isinstance(data, dict) else data
    rules = []
    for i, d in enumerate(items):
        if "name" not in d:
            raise ValueError(f"{where}: rule #{i + 1} has no 'name'")
        if d.get("enabled", True) and "pattern" not in d:
            raise ValueError(f"{where}: rule {d['name']!r} has no 'pattern'")
        if "pattern" not in d:  # a bare {"name": ..., "enabled": false} switch-off entry
            d = {**d, "kind": d.get("kind", LINE), "pattern": "(?!)"}
        rules.append(NoiseRule.from_dict(d))
    return rules


def _merge(base: list[NoiseRule], extra: Iterable[NoiseRule]) -> list[NoiseRule]:
    """Extra rules replace base rules of the same name (in place) or are appended."""
    out = list(base)
    index = {r.name: i for i, r in enumerate(out)}
    for r in extra:
        if r.name in index:
            out[index[r.name]] = r
        else:
            index[r.name] = len(out)
            out.append(r)
    return [r for r in out if r.enabled]


class Cleaner:
    """Applies noise rules line by line and tidies the whitespace the cuts leave behind."""

    def __init__(self, rules: Optional[Iterable[Union[NoiseRule, dict[str, Any]]]] = None,
                 extra_rules_path: Union[str, Path, None] = None):
        base = load_rules() if rules is None else [
            r if isinstance(r, NoiseRule) else NoiseRule.from_dict(r) for r in rules]
        extra = load_rules(extra_rules_path) if extra_rules_path is not None else []
        self.rules = _merge(base, extra)
        self.line_rules = [r for r in self.rules if r.kind == LINE]
        self.span_rules = [r for r in self.rules if r.kind == SPAN]

    def clean(self, text: str) -> CleanResult:
        """Remove noise lines and spans; keep paragraphs as ``\\n\\n`` and lines as ``\\n``."""
        removed: list[Removal] = []
        parts: list[str] = []
        maps: list[np.ndarray] = []
        pending_breaks: list[int] = []  # input offsets of line breaks since the last kept line
        blank_seen = False
        pos_line = 0
        for m in _LINE_BREAK.finditer(text + "\n"):
            line, pos = _tidy(text[pos_line:m.start()], np.arange(pos_line, m.start(), dtype=np.int64))
            brk = m.end() - 1 if m.end() <= len(text) else -1  # offset of the kept break char
            pos_line = m.end()
            if not line:
                blank_seen = True
            elif (rule := self._line_rule(line)) is not None:
                removed.append(Removal(rule.name, line))
            else:
                before = line
                for rule in self.span_rules:
                    if rule.prefilter_regex is None or rule.prefilter_regex.search(line):
                        line, pos = self._cut(rule, line, pos, removed)
                line, pos = _tidy(line, pos)
                if line and line != before and (rule := self._line_rule(line)) is not None:
                    removed.append(Removal(rule.name, line))  # what is left after the cuts is noise too
                    line = ""
                if line:  # a line emptied by cuts disappears instead of becoming a paragraph break
                    if parts:
                        n_nl = 2 if blank_seen else 1
                        parts.append("\n" * n_nl)
                        maps.append(np.asarray(pending_breaks[:n_nl], dtype=np.int64))
                    parts.append(line)
                    maps.append(pos)
                    pending_breaks, blank_seen = [], False
            if brk >= 0:
                pending_breaks.append(brk)
        return CleanResult("".join(parts), removed, _segments(maps))

    def _line_rule(self, line: str) -> Optional[NoiseRule]:
        for rule in self.line_rules:
            if rule.max_chars is not None and len(line) > rule.max_chars:
                continue
            if rule.regex.fullmatch(line):
                return rule
        return None

    @staticmethod
    def _cut(rule: NoiseRule, line: str, pos: np.ndarray,
             removed: list[Removal]) -> tuple[str, np.ndarray]:
        """Cut every match of a span rule; eat the whitespace on one side so no double space or
        space-before-punctuation remains. ``pos`` maps line characters to input offsets."""
        pieces: list[str] = []
        kept: list[np.ndarray] = []
        prev = 0
        for m in rule.regex.finditer(line):
            s, e = m.span()
            if s == e:
                continue
            removed.append(Removal(rule.name, m.group().strip()))
            after = e + len(_WS.match(line, e).group())
            if after >= len(line) or line[after] in _PUNCT_AFTER:
                e = after  # "A (Foto: AP)." -> "A."
                while s > prev and line[s - 1] in " \t\u00a0":
                    s -= 1
            elif s == 0 or line[s - 1] in " \t\u00a0":
                e = after  # "A (Foto: AP) B" -> "A B"
            s = max(s, prev)
            pieces.append(line[prev:s])
            kept.append(pos[prev:s])
            prev = e
        if not pieces:
            return line, pos
        pieces.append(line[prev:])
        kept.append(pos[prev:])
        return "".join(pieces), np.concatenate(kept)


def _tidy(line: str, pos: np.ndarray) -> tuple[str, np.ndarray]:
    """Collapse runs of spaces/tabs to one space and strip the line, keeping ``pos`` aligned."""
    if "\t" in line or "  " in line:
        pieces: list[str] = []
        kept: list[np.ndarray] = []
        prev = 0
        for m in _MULTI_WS.finditer(line):
            s, e = m.span()
            if e - s == 1 and line[s] == " ":
                continue
            pieces += [line[prev:s], " "]
            kept += [pos[prev:s], pos[s:s + 1]]
            prev = e
        pieces.append(line[prev:])
        kept.append(pos[prev:])
        line, pos = "".join(pieces), np.concatenate(kept)
    stripped = line.strip()
    if len(stripped) != len(line):
        lead = len(line) - len(line.lstrip())
        line, pos = stripped, pos[lead:lead + len(stripped)]
    return line, pos


def _segments(maps: list[np.ndarray]) -> list[tuple[int, int, int]]:
    """Compress the per-character input offsets into (clean_start, orig_start, length) runs."""
    if not maps:
        return []
    allpos = np.concatenate(maps)
    if not len(allpos):
        return []
    cuts = np.flatnonzero(np.diff(allpos) != 1) + 1
    starts = np.concatenate(([0], cuts))
    ends = np.concatenate((cuts, [len(allpos)]))
    return [(int(a), int(allpos[a]), int(b - a)) for a, b in zip(starts, ends)]


@lru_cache(maxsize=1)
def default_cleaner() -> Cleaner:
    """A shared Cleaner with the package rules."""
    return Cleaner()


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold().rstrip(" .:")


def build_text(raw: RawArticle, cleaner: Optional[Cleaner] = None) -> tuple[str, list[Removal]]:
    """The analysed text: title + ``"\\n\\n"`` + cleaned body (title not repeated if the body starts
    with it), and the removals. All entity/claim offsets refer to this string."""
    text, removed, _ = build_text_aligned(raw, cleaner)
    return text, removed


def build_text_aligned(raw: RawArticle, cleaner: Optional[Cleaner] = None
                       ) -> tuple[str, list[Removal], list[tuple[int, int, int]]]:
    """``build_text`` plus ``(text_start, raw_start, length)`` runs that map the body part of the
    analysed text back into ``raw.text`` (the title has no source there), e.g. to score against gold
    offsets of the uncleaned text."""
    result = (cleaner or default_cleaner()).clean(raw.text or "")
    body = result.text
    title = " ".join(raw.title.split()) if raw.title else ""
    if title and body:
        first, _, rest = body.partition("\n")
        if _norm(first) == _norm(title):
            body = rest.lstrip("\n")
    drop = len(result.text) - len(body)
    shift = len(title) + 2 if title and body else 0
    segments = []
    for c, o, n in result.segments:
        if c + n <= drop:
            continue
        if c < drop:
            o, n, c = o + drop - c, n - (drop - c), drop
        segments.append((c - drop + shift, o, n))
    text = f"{title}\n\n{body}" if title and body else (title or body)
    return text, result.removed, segments
