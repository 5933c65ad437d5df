"""Typed records that cross module borders: raw articles, mentions, claims, analysed articles.

They mirror the ``articles.jsonl`` contract: every offset is a Python string offset into
``Article.text`` (the cleaned text, beginning with the title), so ``text[start:end]`` is the span.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Optional, TypedDict


@dataclass
class RawArticle:
    """An article as read from disk, before cleaning and NLP."""

    id: str
    text: str
    title: Optional[str] = None
    date: Optional[str] = None  # ISO 8601 or None
    source: Optional[str] = None
    url: Optional[str] = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Failure:
    """An input that could not be read or processed: one line of ``errors.jsonl``.

    ``path`` is the article id (the input path, ``file.jsonl#17`` for a line); ``error`` a short
    class name (``JSONDecodeError``, ``BinaryFile``, ``WorkerDied``); ``message`` says what happened
    and names the file."""

    path: str
    error: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "error": self.error, "message": self.message}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Failure:
        return cls(str(d["path"]), str(d["error"]), str(d["message"]))


class RemovalRecord(TypedDict):
    rule: str
    text: str


class MentionRecord(TypedDict):
    text: str
    label: str
    start: int
    end: int
    entity_id: Optional[str]
    norm: Optional[str]


class CompoundRecord(TypedDict):
    text: str
    name: str
    start: int
    end: int


class SpanRecord(TypedDict, total=False):
    text: str
    start: int
    end: int
    entity_id: Optional[str]


class SpeakerRecord(TypedDict, total=False):
    """The speaker of a claim: the words near the cue and the entity they refer to."""

    text: str
    start: int
    end: int
    entity_id: Optional[str]  # the entity the speaker refers to (also for "er", "der Minister")
    name: Optional[str]  # that entity's canonical name ("Olaf Scholz" for "Scholz", "er", "der Kanzler")
    resolution: Optional[str]  # how: name | pronoun | role | previous | possessive (None: unresolved)
    antecedent: Optional[SpanRecord]  # the entity mention the speaker was resolved to (linking re-links it)
    anonymous: bool  # an unnamed source ("ein Sprecher", "Augenzeugen"): no entity by design


class ClaimRecord(TypedDict, total=False):
    speaker: Optional[SpeakerRecord]
    cue: Optional[SpanRecord]
    content: SpanRecord
    mode: str
    via: Optional[SpanRecord]
    affiliation: Optional[SpanRecord]  # the speaker's organisation ("Scarpetta von der OECD")
    hearsay: bool


class _ArticleOptional(TypedDict, total=False):
    comention: str  # "paragraph": a very long article whose co-mentions count per paragraph


class ArticleRecord(_ArticleOptional):
    """One line of ``articles.jsonl``."""

    id: str
    title: Optional[str]
    date: Optional[str]
    source: Optional[str]
    url: Optional[str]
    text: str
    entities: list[MentionRecord]
    claims: list[ClaimRecord]
    compounds: list[CompoundRecord]
    removed: list[RemovalRecord]
    sentences: list[list[int]]
    agencies: list[str]


@dataclass
class Removal:
    """A piece of noise removed by cleaning: which rule, and the removed text."""

    rule: str
    text: str

    def to_dict(self) -> RemovalRecord:
        return {"rule": self.rule, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Removal:
        return cls(d["rule"], d["text"])


@dataclass
class Mention:
    """An entity mention in an article's text."""

    text: str
    label: str
    start: int
    end: int
    entity_id: Optional[str] = None
    norm: Optional[str] = None  # normalised name (genitive stripped, title removed)

    def to_dict(self) -> MentionRecord:
        return {"text": self.text, "label": self.label, "start": self.start, "end": self.end,
                "entity_id": self.entity_id, "norm": self.norm}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        return cls(d["text"], d["label"], d["start"], d["end"], d.get("entity_id"), d.get("norm"))


@dataclass
class CompoundRef:
    """A name embedded in a hyphen compound (Kreml-Chef -> Kreml): recorded, not a mention."""

    text: str  # the whole compound, e.g. "Putin-Regierung"
    name: str  # the embedded name, e.g. "Putin"
    start: int
    end: int

    def to_dict(self) -> CompoundRecord:
        return {"text": self.text, "name": self.name, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CompoundRef:
        return cls(d["text"], d["name"], d["start"], d["end"])


@dataclass
class SpanRef:
    """A text span (offsets into the article text), optionally linked to an entity."""

    text: str
    start: int
    end: int
    entity_id: Optional[str] = None

    def to_dict(self, with_entity: bool = True) -> SpanRecord:
        d: SpanRecord = {"text": self.text, "start": self.start, "end": self.end}
        if with_entity:
            d["entity_id"] = self.entity_id
        return d

    @classmethod
    def from_dict(cls, d: Optional[dict[str, Any]]) -> Optional[SpanRef]:
        """The span of a record (None for None; records older than the offsets get -1)."""
        if not d:
            return None
        return cls(d["text"], d.get("start", -1), d.get("end", -1), d.get("entity_id"))

    def shifted(self, offset: int) -> SpanRef:
        """The same span moved by ``offset`` (offsets of -1, from older records, stay)."""
        if self.start < 0:
            return self
        return replace(self, start=self.start + offset, end=self.end + offset)


#: How a speaker was resolved to its entity (``SpeakerRef.resolution``).
RESOLUTIONS = ("name", "pronoun", "role", "previous", "possessive")


@dataclass
class SpeakerRef(SpanRef):
    """A claim's speaker: the words near the cue (``text``, offsets) and the entity they refer to.

    ``entity_id`` and ``name`` are the entity (``name`` its canonical name in the article, after
    corpus linking the linked entity's name); ``resolution`` says how the words were resolved
    (one of :data:`RESOLUTIONS`, None when unresolved); ``antecedent`` is the entity mention they
    were resolved to, which linking maps to the linked entity; ``anonymous`` marks an unnamed
    source ("ein Sprecher", "Augenzeugen"), which has no entity by design."""

    name: Optional[str] = None
    resolution: Optional[str] = None
    antecedent: Optional[SpanRef] = None
    anonymous: bool = False

    def to_dict(self, with_entity: bool = True) -> SpeakerRecord:  # type: ignore[override]
        return {"text": self.text, "start": self.start, "end": self.end, "entity_id": self.entity_id,
                "name": self.name, "resolution": self.resolution,
                "antecedent": self.antecedent.to_dict(with_entity=False) if self.antecedent else None,
                "anonymous": self.anonymous}

    @classmethod
    def from_dict(cls, d: Optional[dict[str, Any]]) -> Optional[SpeakerRef]:
        """The speaker of a record (None for None; older records lack the resolution fields)."""
        if not d:
            return None
        return cls(d["text"], d.get("start", -1), d.get("end", -1), d.get("entity_id"), d.get("name"),
                   d.get("resolution"), SpanRef.from_dict(d.get("antecedent")), bool(d.get("anonymous", False)))

    def shifted(self, offset: int) -> SpeakerRef:
        """The same speaker with its offsets (and its antecedent's) moved by ``offset``."""
        moved = SpanRef.shifted(self, offset)
        return replace(moved, antecedent=self.antecedent.shifted(offset) if self.antecedent else None)


@dataclass
class Claim:
    """An attributed statement: who (speaker) said what (content), how (mode), relayed by whom (via),
    and the speaker's organisation when the speaker's own phrase names it (affiliation)."""

    content: SpanRef
    mode: str  # "direct" | "indirect" | "reported"
    speaker: Optional[SpeakerRef] = None
    cue: Optional[SpanRef] = None
    via: Optional[SpanRef] = None
    hearsay: bool = False
    affiliation: Optional[SpanRef] = None

    def _repr_html_(self) -> str:
        from .display import claims_table

        return claims_table([self])

    def to_dict(self) -> ClaimRecord:
        return {
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict(with_entity=False) if self.cue else None,
            "content": self.content.to_dict(with_entity=False),
            "mode": self.mode,
            "via": self.via.to_dict() if self.via else None,
            "affiliation": self.affiliation.to_dict() if self.affiliation else None,
            "hearsay": self.hearsay,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        content = SpanRef.from_dict(d["content"])
        assert content is not None, "a claim has content"
        return cls(content=content, mode=d["mode"], speaker=SpeakerRef.from_dict(d.get("speaker")),
                   cue=SpanRef.from_dict(d.get("cue")), via=SpanRef.from_dict(d.get("via")),
                   hearsay=d.get("hearsay", False), affiliation=SpanRef.from_dict(d.get("affiliation")))

    def shifted(self, offset: int) -> Claim:
        """The same claim with every offset moved by ``offset`` (a piece of a long text put back)."""
        def move(ref):
            return ref.shifted(offset) if ref is not None else None

        return replace(self, content=self.content.shifted(offset), speaker=move(self.speaker), cue=move(self.cue),
                       via=move(self.via), affiliation=move(self.affiliation))


@dataclass
class Article:
    """An analysed article: cleaned text, metadata, entity mentions, claims and what cleaning removed."""

    id: str
    text: str
    title: Optional[str] = None
    date: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    entities: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    compounds: list[CompoundRef] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # (start, end) offsets into text
    #: news agencies credited in bylines and source lines ("Moskau (dpa) –", "Quelle: Reuters"),
    #: canonical names of the knowledge base (dpa, APA, AFP, Reuters); credits are no mentions
    agencies: list[str] = field(default_factory=list)
    #: None, or "paragraph" for an article so long (``runtime.processing.LONG_ARTICLE_CHARS``) that its
    #: entities co-occur per paragraph, not across the whole text (every pair would be an edge)
    comention: Optional[str] = None

    def to_dict(self) -> ArticleRecord:
        """The ``articles.jsonl`` record; :meth:`from_dict` gives back an equal article."""
        record = self._record()
        if self.comention is not None:
            record["comention"] = self.comention
        return record

    def _record(self) -> ArticleRecord:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "url": self.url,
            "text": self.text,
            "entities": [m.to_dict() for m in self.entities],
            "claims": [c.to_dict() for c in self.claims],
            "compounds": [c.to_dict() for c in self.compounds],
            "removed": [r.to_dict() for r in self.removed],
            "sentences": [list(s) for s in self.sentences],
            "agencies": list(self.agencies),
        }

    def _repr_html_(self) -> str:
        from .display import article_html

        return article_html(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        """Rebuild an article from its ``articles.jsonl`` record (older records may lack fields)."""
        return cls(
            id=d["id"],
            text=d.get("text", ""),
            title=d.get("title"),
            date=d.get("date"),
            source=d.get("source"),
            url=d.get("url"),
            entities=[Mention.from_dict(m) for m in d.get("entities", [])],
            claims=[Claim.from_dict(c) for c in d.get("claims", [])],
            compounds=[CompoundRef.from_dict(c) for c in d.get("compounds", [])],
            removed=[Removal.from_dict(r) for r in d.get("removed", [])],
            sentences=[(s[0], s[1]) for s in d.get("sentences", [])],
            agencies=list(d.get("agencies", [])),
            comention=d.get("comention"),
        )


# --- msgpack support: Doc extensions holding these records survive Doc.to_bytes, DocBin and
# --- nlp.pipe(n_process=...), which serialise doc.user_data with srsly's msgpack.
def _record_types() -> dict[str, type]:
    return {cls.__name__: cls for cls in (Removal, Mention, CompoundRef, SpanRef, SpeakerRef, Claim)}


def _encode_record(obj, chain=None):
    from dataclasses import fields, is_dataclass

    if is_dataclass(obj) and type(obj).__name__ in _record_types():
        return {"__newsents__": type(obj).__name__, "f": {f.name: getattr(obj, f.name) for f in fields(obj)}}
    return obj if chain is None else chain(obj)


def _decode_record(obj, chain=None):
    if isinstance(obj, dict) and "__newsents__" in obj:
        return _record_types()[obj["__newsents__"]](**obj["f"])
    return obj if chain is None else chain(obj)


def _register_msgpack() -> None:
    import srsly

    srsly.msgpack_encoders.register("newsents_records", func=_encode_record)
    srsly.msgpack_decoders.register("newsents_records", func=_decode_record)


_register_msgpack()
