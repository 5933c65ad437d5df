"""The knowledge-base ruler: ``nlp.add_pipe("newsents_kb", after="ner")``.

It runs after the statistical NER and before ``newsents_entities``, and corrects the model's spans
with the names of the knowledge base (:mod:`newsents.knowledge.kb`): it adds names the model
missed, fixes their types, splits spans that swallow a name of the base, drops compounds of common
nouns, and takes agency credits out of the mentions into ``doc._.agencies``. Spans it confirms or
adds carry the base id in ``span.kb_id_`` (``newsents_entities`` uses it as ``entity_id``).

Terms: *M* is a span of the model, *K* a match of the base (:mod:`newsents.pipeline.kb_patterns`:
leftmost-longest over tokens, with derived genitives). K is **safe** when its form is not marked
``~`` in the base, or when context makes it a name: a described form (``Terrormiliz IS``), an
article before an ambiguous acronym (``der IS``), a preposition or descriptor before an ambiguous
platform (``auf X``), an article or ``laut`` before a quoted name (``der „Standard“``). A form
marked ``~`` by two or more ORG or LOC entities (``Außenministerium``, ``Bundesrat``) is safe as a
name of that label, without an id (which one, the linker may say). A form written in lowercase
(``dpa``) is never safe: the ruler never adds a lowercase word, it may only confirm or retype a span
of the model; nor is a name led by an article at a sentence start (``Die Welt``, ``Die Partei``).

Precedence (the first rule that applies wins; tested one row per rule in
``tests/pipeline/test_kb_ruler.py``):

1. **Credits.** Agency credits (``(dpa)``, ``(APA, 3.5.2016)``, ``Quelle: Reuters``, ``Mit Material
   von AFP``) and photo credits (``Foto: AP``) are no mentions: every M and K inside one is dropped.
   The agencies of the credits (not of photo credits) go into ``doc._.agencies``.
2. **Same span.** K covers exactly M (or M minus descriptor words in front: ``Agentur Interfax`` →
   ``Interfax``): M keeps its span (trimmed) and takes the label of K's readings: the model's label
   when one reading has it (``Vatikan`` may be ORG or LOC), else the preferred reading's (``Belta``
   PER → ORG, ``SanDisk`` LOC → ORG, ``X`` PER → ORG). A derived genitive never retypes
   (``Stanleys`` PER stays PER) unless all its readings are countries (``Katars`` PER → LOC), nor
   does a university or club named after its place
   (``Cambridge`` LOC stays LOC). Whatever K says, an M that ends in a legal form (``AG``,
   ``GmbH``, ``Inc.``: ``legal_forms``) is ORG.
3. **Longer name.** A safe K contains M and is longer (``Western`` → ``Western Digital``,
   ``Amt`` → ``Auswärtiges Amt``): K replaces every M inside it, with K's label. An institution or
   club named by its class and a place of the base counts as a K of its own, ORG without an id
   (``Landgericht München I``, ``Staatsanwaltschaft Hamburg``, ``1. FC Nürnberg``:
   ``place_institutions``), and a company K takes in a legal form after it (``Google Inc.``).
4. **Swallowed names.** M is not a form of the base but is tiled by two or more safe K: M is split
   into them when they are separated by ``/`` (``Berlin/Kiew`` → ``Berlin`` + ``Kiew``), or when a
   person and a name of another label stand side by side (``FSB Lukaschenko`` → ``FSB`` +
   ``Lukaschenko``). Not a club and its city (``THW Kiel``), a slash pair with a part the base does
   not know (``TSV Odenhausen/Lahn``), or a person whose first word is a first name (``Paris
   Hilton``).
5. **Genitive + noun.** M begins with a derived genitive K of M's label and goes on with words that
   are no name of the base (``Lukaschenkos Pressedienst``): M is cut to the genitive.
6. **Common nouns.** M is one word (hyphens allowed), no form of the base, and ends in a head of
   ``common_heads`` (``Halbleiterbranche``, ``Cyberkriminalität``, ``Native-Advertising-Prinzipien``)
   or is a role or class noun of ``roles.tsv`` (``Partei``, ``Ministerium``; a person ``Richter`` is
   a surname): M is dropped (a hyphen compound whose first part is a name of the base is left to
   ``newsents_entities``).
7. **Class noun.** M is no form of the base and right after a class noun that fixes a type
   (``typing_heads``: ``die Bande Lockbit``, ``die Hackergruppe Killnet`` ORG; ``die Kleinstadt
   Awdijiwka`` LOC): M takes that label (not a person whose first word is a first name: ``der
   Partei Sahra Wagenknechts``).
8. **Model wins.** Any other M stays as it is (whitespace tokens at its edges are trimmed:
   ``Apple\n``); a K that overlaps M only in part is ignored. (Before all rules, ``X.`` after a
   platform cue is split into the platform and a full stop that ends the sentence: ``auf X.``)
9. **Added names.** A safe K that overlaps no M is added with its preferred reading's label, unless
   its kind is a currency or unit (``Euro``: kept out of the mentions the model did not find), or an
   acronym, a model code or a short number follows it (``Fraunhofer FIT``, ``Airbus A320``: a longer
   name the base does not know; a year does not count).
10. **Buildings.** Whatever rule made it, a mention of an institution named after its seat
    (``buildings``: Kreml, Kanzleramt, Weißes Haus) after a preposition of place (``building_cues``:
    ``vor dem Kanzleramt``) is the building: LOC, without the institution's id.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..core.typography import closes
from ..knowledge import read_json
from ..knowledge.kb import MEASURE_KINDS, default_kb
from ..knowledge.names import FirstNames
from ..knowledge.roles import roles
from .bylines import Credit, CreditFinder
from .component import DataComponent
from .kb_matches import MatchExtender
from .kb_patterns import Descriptors, Match, Pattern, PatternSet, kb_table, parse_table

AGENCY_KIND = "news_agency"
#: a word the tokenizer keeps whole: letters and digits, starting with a letter, inner hyphens
_PLAIN_WORD = re.compile(r"^[^\W\d_][^\W_]*(?:-[^\W_]+)*$")
PLATFORM_KIND = "platform"
#: kinds of organisations named after their place (Cambridge, Chelsea): a LOC span keeps its label
PLACE_NAMED_KINDS = frozenset({"university", "sports_club"})
#: kinds of places no person is named after: their derived genitive retypes a person span (Katars)
STATE_KINDS = frozenset({"country", "continent"})
#: names led by an article (Die Welt, Der Spiegel) read as common words at a sentence start
ARTICLES = frozenset({"Die", "Der", "Das", "Den", "Dem", "Des"})
ARTICLE_WORDS = frozenset(a.lower() for a in ARTICLES)


class KBRuler(DataComponent):
    """Corrects NER spans with the knowledge base (precedence rules in the module docstring).

    Data ``table`` (``kb_table.tsv``: the base's surface forms, see :func:`kb_table`) and ``lexicon``
    (``kb_ruler.json`` plus the descriptor words of ``roles.tsv``)."""

    files = {"table": "kb_table.tsv", "lexicon": "kb_ruler.json"}

    def __init__(self, nlp: Language, name: str = "newsents_kb"):
        super().__init__(nlp, name)
        self.tokenizer = nlp.tokenizer
        if not Doc.has_extension("agencies"):
            Doc.set_extension("agencies", default=None)

    def default_data(self) -> dict[str, Any]:
        lexicon = read_json("kb_ruler.json")
        lex = roles()
        lexicon["descriptors"] = sorted({w.text for w in lex.words if not w.is_suffix and _describes(w)})
        lexicon["descriptor_suffixes"] = sorted({w.text.lower() for w in lex.words if w.is_suffix and _describes(w)})
        lexicon["first_names"] = sorted(FirstNames.load().names())
        return {"table": kb_table(default_kb()), "lexicon": lexicon}

    def set_data(self, data: dict[str, Any]) -> None:
        super().set_data(data)
        lexicon = data["lexicon"]
        table, self.names = parse_table(data["table"])
        self.descriptors = Descriptors(frozenset(w.lower() for w in lexicon.get("descriptors", [])),
                                       tuple(lexicon.get("descriptor_suffixes", [])),
                                       frozenset(lexicon.get("name_words", [])),
                                       tuple(lexicon.get("descriptor_heads", [])))
        self.patterns = PatternSet(table, self._tokenize, self.descriptors)
        self.heads = tuple(sorted(lexicon.get("common_heads", []), key=len, reverse=True))
        self.article_cues = frozenset(lexicon.get("article_cues", []))
        self.platform_cues = frozenset(lexicon.get("platform_cues", []))
        self.first_names = frozenset(lexicon.get("first_names", []))
        self.extend = MatchExtender(frozenset(lexicon.get("place_institutions", [])),
                                    frozenset(lexicon.get("legal_forms", [])),
                                    tuple(lexicon.get("designation_heads", [])))
        self.quoted_name_cues = frozenset(lexicon.get("quoted_name_cues", []))
        self.typing_heads = [(label, tuple(heads)) for label, heads in lexicon.get("typing_heads", {}).items()]
        self.buildings = frozenset(lexicon.get("buildings", []))
        self.building_cues = frozenset(lexicon.get("building_cues", []))
        self.surfaces = frozenset(table)
        self.letter_platforms = frozenset(s for s, readings in table.items()
                                          if len(s) == 1 and any(r.kind == PLATFORM_KIND for r in readings))
        agencies = {s: self.names.get(r.id, s) for s, readings in table.items() for r in readings[:1]
                    if r.kind == AGENCY_KIND and not r.ambiguous}
        self.credits = CreditFinder(agencies, lexicon.get("credit_markers", []), lexicon.get("credit_fillers", []),
                                    lexicon.get("photo_markers", []))

    def _tokenize(self, texts: list[str]) -> list[list[str]]:
        """The tokens of each surface form as the pipeline's tokenizer splits them; plain words
        (letters and digits, inner hyphens) split at spaces without asking it (the same result,
        checked by a test, twenty times faster)."""
        out: dict[int, list[str]] = {}
        rest = []
        for i, text in enumerate(texts):
            words = text.split(" ")
            if all(_PLAIN_WORD.match(w) for w in words):
                out[i] = words
            else:
                rest.append(i)
        for i, doc in zip(rest, self.tokenizer.pipe(texts[i] for i in rest)):
            out[i] = [t.text for t in doc]
        return [out[i] for i in range(len(texts))]

    # --- component -----------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        self.ensure_data()
        if not len(doc):
            doc._.agencies = []
            return doc
        text = doc.text  # (built from the tokens: once)
        if any(f"{letter}." in text for letter in self.letter_platforms):
            _split_periods(doc, [t.i for t in doc if self._platform_period(doc, t.i)])
        credits = self.credits.find(text)
        doc._.agencies = list(dict.fromkeys(a for c in credits if not c.photo for a in c.agencies))
        blocked = _blocked_tokens(doc, credits)
        orths = doc.to_array([ORTH]).tolist() if len(doc) > 1 else [doc[0].orth]
        matches = [m for m in self.patterns.matches(orths) if not blocked.intersection(range(*m.mention))]
        matches = self.extend.with_designations(doc, orths, self.extend.with_institutions(doc, matches), blocked)
        spans = self.resolve(doc, [e for e in doc.ents if not blocked.intersection(range(e.start, e.end))], matches)
        doc.ents = filter_spans([self._building(doc, s) for s in spans])
        return doc

    def resolve(self, doc: Doc, ents: list[Span], matches: list[Match]) -> list[Span]:
        """The spans after rules 2 to 9 (rule 1, credits, and rule 10, buildings, are applied by the caller)."""
        by_token: dict[int, Match] = {}
        for m in matches:
            for i in range(*m.mention):
                by_token[i] = m
        used: set[int] = set()
        out: list[Span] = []
        for ent in ents:
            inside = [m for m in dict.fromkeys(by_token[i] for i in range(ent.start, ent.end) if i in by_token)]
            spans = self._fix(doc, ent, inside)
            for m in inside:
                if any(s.start <= m.mention[0] and m.mention[1] <= s.end for s in spans):
                    used.add(id(m))
            used.update(id(m) for m in inside if _overlaps(m, ent))
            out.extend(spans)
        taken = {i for s in out for i in range(s.start, s.end)}
        for m in matches:
            if id(m) in used or taken.intersection(range(*m.mention)):
                continue
            if self.safe(doc, m) and m.pattern.preferred.kind not in MEASURE_KINDS and self._addable(doc, m):  # rule 9
                out.append(self._span(doc, m, m.pattern.preferred.label))
        return out

    @staticmethod
    def _state_genitive(m: Match) -> bool:
        """A derived genitive whose every reading is a country or continent (``Katars``, ``Chinas``): it
        retypes a person span, since no person is named after a country (``Stanleys`` stays PER)."""
        return all(r.kind in STATE_KINDS for r in m.pattern.readings)

    def _fix(self, doc: Doc, ent: Span, inside: list[Match]) -> list[Span]:
        """Rules 2 to 8 for one model span and the matches that overlap it."""
        ent = _strip_space(ent)
        if ent is None:
            return []
        if ent.label_ != "ORG" and self._legal(ent):  # rule 2 (legal form)
            ent = Span(doc, ent.start, ent.end, label="ORG", kb_id=ent.kb_id)
        whole = [m for m in inside if m.mention == (ent.start, ent.end)]
        trimmed = [m for m in inside if m.mention[1] == ent.end and m.mention[0] > ent.start
                   and all(self._describes(doc[i].text, ent.label_ == "PER") for i in range(ent.start, m.mention[0]))]
        if whole or trimmed:  # rule 2
            m = (whole or trimmed)[0]
            if not m.pattern.genitive or ent.label_ in m.pattern.labels or self._state_genitive(m):
                return [self._span(doc, m, self.label(ent.label_, m.pattern))]
            return [ent]
        longer = [m for m in inside if m.mention[0] <= ent.start and ent.end <= m.mention[1] and self.safe(doc, m)]
        if longer:  # rule 3
            return [self._span(doc, longer[0], longer[0].pattern.preferred.label)]
        parts = self._tiles(doc, ent, inside)
        if parts:  # rule 4
            return [self._span(doc, m, m.pattern.preferred.label) for m in parts]
        first = inside[0] if inside else None
        if first is not None and first.pattern.genitive and first.mention[0] == ent.start \
                and first.mention[1] < ent.end and len(inside) == 1 and ent.label_ in first.pattern.labels:  # rule 5
            return [self._span(doc, first, ent.label_)]
        if self.common_compound(ent.text, ent.label_):  # rule 6
            return []
        typed = self.class_label(doc, ent)
        if typed and typed != ent.label_:  # rule 7
            return [Span(doc, ent.start, ent.end, label=typed, kb_id=ent.kb_id)]
        return [ent]  # rule 8

    # --- rule helpers ----------------------------------------------------------------------------
    def label(self, model_label: str, pattern: Pattern) -> str:
        """The model's label when a reading has it, else the preferred reading's (rule 2); a place
        stays a place when the base knows the form only as a university or club (Cambridge)."""
        if model_label in pattern.labels:
            return model_label
        if model_label == "LOC" and all(r.kind in PLACE_NAMED_KINDS for r in pattern.readings):
            return model_label
        return pattern.preferred.label

    def safe(self, doc: Doc, m: Match) -> bool:
        """Whether a match is a name without the model's help (see the module docstring)."""
        text = doc[m.mention[0]].text
        if text[:1].islower():
            return False
        if text in ARTICLES and _sentence_start(doc, m.mention[0]):
            return False  # Die Welt, Die Zeit, Die Partei: at a sentence start also common words
        if not m.pattern.ambiguous:
            return True
        if m.pattern.generic and len(text) >= 4 and not text.isupper():
            return True
        prev = doc[m.start - 1].text if m.start > 0 else ""
        preferred = m.pattern.preferred
        if preferred.kind == PLATFORM_KIND and (prev in self.platform_cues or self.descriptors.describes(prev)):
            return True
        if _quoted(doc, m.start, m.end) and m.start > 1 and doc[m.start - 2].text in self.quoted_name_cues:
            return True  # „Standard“, „Krone“: a quoted title names the medium or organisation
        word = doc[m.mention[0]:m.mention[1]].text
        return word.isupper() and word.isalpha() and len(word) >= 2 and prev in self.article_cues \
            and _ends_phrase(doc, m.end)

    def common_compound(self, text: str, label: str = "") -> bool:
        """Rule 6: one word, no form of the base, ending in a common-noun head or being a class noun
        of ``roles.tsv`` (``Partei``, ``Ministerium``; not for a person: ``Richter`` is a surname)."""
        if " " in text or text in self.surfaces or not text[:1].isupper():
            return False
        if "-" in text and text.partition("-")[0] in self.surfaces:
            return False  # Kreml-Chef: newsents_entities records the name in the compound
        low = text.lower()
        if low in self.descriptors.words:
            return label != "PER"
        hyphen = "-" in text
        if hyphen:
            low = text.rpartition("-")[2].lower()
        if not low.endswith(self.heads):  # (one C-level test; most words end in no head)
            return False
        head = next(h for h in self.heads if low.endswith(h))  # the longest (heads are sorted so)
        return (hyphen and low == head) or len(low) > len(head) + 2

    def _platform_period(self, doc: Doc, i: int) -> bool:
        """``auf X.`` at a sentence end: the tokenizer keeps a capital and a full stop together (an
        initial); after a platform cue, with a one-letter platform of the base, they are two tokens."""
        text = doc[i].text
        return len(text) == 2 and text[1] == "." and text[0] in self.letter_platforms and i > 0 \
            and doc[i - 1].text in self.platform_cues

    def class_label(self, doc: Doc, ent: Span) -> str:
        """Rule 7: the label that a class noun right before M fixes (``die Bande Lockbit``: ORG), or ''."""
        if ent.start == 0 or ent.text in self.surfaces:
            return ""
        if ent.label_ == "PER" and doc[ent.start].text in self.first_names:
            return ""
        word = doc[ent.start - 1]
        if not word.whitespace_ or not word.text[:1].isupper() or not word.is_alpha:
            return ""
        low = word.text.lower()
        return next((label for label, heads in self.typing_heads if low.endswith(heads)), "")

    def _building(self, doc: Doc, span: Span) -> Span:
        """Rule 10: an institution named after its seat is the building after a preposition of place."""
        if span.kb_id_ not in self.buildings or span.start == 0:
            return span
        before = doc[span.start - 1]
        if before.text.lower() in ARTICLE_WORDS and span.start > 1:
            before = doc[span.start - 2]
        if before.text not in self.building_cues:
            return span
        return Span(doc, span.start, span.end, label="LOC")

    def _legal(self, ent: Span) -> bool:
        """The span ends in a legal form of a company (``Google Inc.``, ``Saar-Elektrizitäts-AG``)."""
        last, legal_forms = ent[-1].text, self.extend.legal_forms
        return len(ent) > 1 and last in legal_forms or "-" in last and last.rpartition("-")[2] in ("AG", "GmbH")

    def _describes(self, word: str, person: bool = False) -> bool:
        return word[:1].islower() or self.descriptors.describes(word, person)

    def _addable(self, doc: Doc, m: Match) -> bool:
        """Rule 9: not glued to the word before, and no acronym or number after it (``Fraunhofer
        FIT``, ``Airbus A320``: the name goes on)."""
        start, end = m.mention
        before = doc[start - 1] if start > 0 else None
        if before is not None and not before.whitespace_ and before.text[-1:].isalnum():
            return False
        after = doc[end] if end < len(doc) and doc[end - 1].whitespace_ else None
        return after is None or not _continues_name(after.text)

    def _tiles(self, doc: Doc, ent: Span, inside: list[Match]) -> Optional[list[Match]]:
        """Rule 4: two or more safe matches covering M completely, separated by ``/`` or standing
        side by side as a person and a name of another label."""
        if len(inside) < 2 or ent.text in self.surfaces:
            return None
        if ent.label_ == "PER" and doc[ent.start].text in self.first_names:
            return None
        pos, slashes = ent.start, 0
        for m in inside:
            while pos < m.mention[0] and doc[pos].text == "/":
                pos, slashes = pos + 1, slashes + 1
            if m.mention[0] != pos or not self.safe(doc, m):
                return None
            pos = m.mention[1]
        if pos != ent.end:
            return None
        labels = {m.pattern.preferred.label for m in inside}
        if slashes == len(inside) - 1 or ("PER" in labels and len(labels) > 1):
            return inside
        return None

    @staticmethod
    def _span(doc: Doc, m: Match, label: str) -> Span:
        """The mention of ``m`` with ``label`` and the base id of its reading of that label (none
        when several entities claim the form ambiguously: ``Außenministerium``)."""
        readings = [r for r in m.pattern.readings if r.label == label] or [m.pattern.preferred]
        unique = not m.pattern.ambiguous or len({r.id for r in readings}) == 1
        return Span(doc, m.mention[0], m.mention[1], label=label, kb_id=readings[0].id if unique else "")


def _describes(word) -> bool:
    """A ``roles.tsv`` row that describes rather than names (role, title, class noun, medium)."""
    return word.entities == "title" or word.linking in ("role", "descriptor") or \
        bool({"org_role", "media", "person_head"} & set(word.claims))


def _split_periods(doc: Doc, hits: list[int]) -> None:
    """Split each token of ``hits`` (``X.``) into the letter and a full stop that ends the sentence
    when a capital follows; the model's spans keep the letter only."""
    if not hits:
        return
    ents = [(e.start, e.end, e.label_, e.kb_id_) for e in doc.ents]
    with doc.retokenize() as retokenizer:
        for i in hits:
            retokenizer.split(doc[i], [doc[i].text[0], "."], heads=[doc[i], doc[i]])

    def shift(k: int) -> int:
        return k + sum(1 for h in hits if h < k)

    doc.ents = [Span(doc, shift(a), shift(b) - (b - 1 in hits), label=label, kb_id=kb) for a, b, label, kb in ents]
    for n, h in enumerate(hits):
        nxt = h + n + 2
        if nxt < len(doc) and doc[nxt].text[:1].isupper():
            doc[nxt].is_sent_start = True


def _quoted(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) stand between an opening and a closing quotation mark."""
    return 0 < start and end < len(doc) and closes(doc[start - 1].text, doc[end].text) \
        and not doc[start - 1].whitespace_ and not doc[end - 1].whitespace_


def _blocked_tokens(doc: Doc, credits: list[Credit]) -> set[int]:
    out: set[int] = set()
    for c in credits:
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


def _strip_space(ent: Span) -> Optional[Span]:
    """The span without whitespace tokens at its edges (``Apple\n``), None if nothing is left."""
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].is_space:
        start += 1
    while end > start and ent.doc[end - 1].is_space:
        end -= 1
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(ent.doc, start, end, label=ent.label_, kb_id=ent.kb_id) if end > start else None


def _overlaps(m: Match, ent: Span) -> bool:
    return m.mention[0] < ent.end and ent.start < m.mention[1]


def _continues_name(word: str) -> bool:
    """An acronym (FIT), a model code (A320, ID.3) or a short number (Nord Stream 2, Bayern 3)
    after a name makes it part of a longer name; a year (2016) or an amount does not."""
    if word.isalpha():
        return word.isupper() and len(word) >= 2
    has_digit, has_alpha = any(c.isdigit() for c in word), any(c.isalpha() for c in word)
    return has_digit and has_alpha or word.isdigit() and len(word) <= 2


def _sentence_start(doc: Doc, i: int) -> bool:
    """The token begins a sentence, a line or a quotation (the model's sentences are not needed)."""
    if i == 0:
        return True
    prev = doc[i - 1]
    return prev.is_space or "\n" in prev.whitespace_ or prev.text in (".", "!", "?", ":", "„", "\"", "»", "–", "-")


def _ends_phrase(doc: Doc, end: int) -> bool:
    """The token after ``end`` does not continue a name (no capitalised noun follows: der IS hat …)."""
    if end >= len(doc):
        return True
    nxt = doc[end]
    return not (nxt.text[:1].isupper() and nxt.is_alpha)


@Language.factory("newsents_kb", default_config={}, requires=["doc.ents"],
                  assigns=["doc.ents", "token.ent_kb_id", "doc._.agencies"])
def make_kb_ruler(nlp: Language, name: str) -> KBRuler:
    return KBRuler(nlp, name)
