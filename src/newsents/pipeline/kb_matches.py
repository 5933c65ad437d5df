"""Knowledge-base matches made from the words around them, for the KB ruler (``newsents_kb``).

The base's patterns (:mod:`newsents.pipeline.kb_patterns`) match surface forms; :class:`MatchExtender`
adds what the base cannot list: an institution of a place of the base (``Landgericht München I``,
``1. FC Nürnberg``), a company with its legal form (``Google Inc.``), and one-word designations of
an institution (``Energieministerium``), each an ORG match without an id where the base has none.
The word lists come from ``kb_ruler.json`` (``place_institutions``, ``legal_forms``,
``designation_heads``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from .kb_patterns import Match, Pattern, Reading

#: an ORG match without an id: an institution named by its class and place, or by its designation
INSTITUTION = Pattern((Reading("", "ORG", "place_institution", False),))
ROMAN = frozenset({"I", "II", "III", "IV", "V"})


@dataclass(frozen=True)
class MatchExtender:
    """Longer and added matches from the words around the base's matches."""

    institutions: frozenset[str]  #: class nouns and club prefixes before a place (Landgericht, FC)
    legal_forms: frozenset[str]  #: the last word of a company name (AG, Inc.)
    designation_heads: tuple[str, ...]  #: heads of one-word designations (ministerium)

    def institutions_of(self, doc: Doc, m: Match) -> Match:
        """A class noun or club prefix before a place of the base, with a roman numeral after it, make
        one ORG match without an id (``Landgericht München I``, ``1. FC Nürnberg``); a company of the
        base takes in a legal form after it (``Google Inc.``)."""
        start, end = m.mention
        if m.pattern.emit == 0 and start > 0 and "LOC" in m.pattern.labels and \
                doc[start - 1].text in self.institutions and doc[start - 1].whitespace_:
            start -= 1
            if start > 0 and doc[start - 1].text[:-1].isdigit() and doc[start - 1].text.endswith("."):
                start -= 1  # 1. FC Nürnberg
            if end < len(doc) and doc[end].text in ROMAN and doc[end - 1].whitespace_:
                end += 1
            return Match(start, end, INSTITUTION)
        if "ORG" in m.pattern.labels and end < len(doc) and doc[end].text in self.legal_forms \
                and doc[end - 1].whitespace_:
            return Match(m.start, end + 1, m.pattern)
        return m

    def with_institutions(self, doc: Doc, matches: list[Match]) -> list[Match]:
        """``matches``, each made longer by the words around it (:meth:`institutions_of`)."""
        return [self.institutions_of(doc, m) for m in matches]

    def with_designations(self, doc: Doc, orths: list[int], matches: list[Match], blocked: set[int]) -> list[Match]:
        """``matches`` with one-word designations of an institution that the base does not name for sure
        (``Energieministerium``, ``des Gesundheitsministeriums``, ``Handelsministerium`` that one
        ministry of the base claims as an ambiguous form): ORG matches without an id."""
        if not self.designation_heads:
            return matches
        strings = doc.vocab.strings
        designation = [self.is_designation(strings[o]) for o in orths]
        kept = [m for m in matches if not (m.end - m.start == 1 and m.pattern.ambiguous and designation[m.start])]
        taken = {i for m in kept for i in range(*m.mention)} | blocked
        added = [Match(i, i + 1, INSTITUTION) for i, d in enumerate(designation) if d and i not in taken]
        return sorted(kept + added, key=lambda m: m.start)

    def is_designation(self, text: str) -> bool:
        """A capitalised word of letters with at least four of them before a designation head."""
        if not text[:1].isupper() or not text.isalpha():
            return False
        head = next((h for h in self.designation_heads if text.lower().endswith(h)), None)
        return head is not None and len(text) >= len(head) + 4
