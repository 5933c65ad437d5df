"""Claim records from the drafts: offsets into ``doc.text``, the speaker's entity (id, canonical
name, how it was resolved, the mention it was resolved to), the relay and the affiliation."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span

from ..core.records import Claim, SpanRef, SpeakerRef
from ..knowledge.ids import entity_id as make_id
from .claimset import Draft
from .context import Context
from .mentions import ArticleEntities, base_name


def entity_of(entities: ArticleEntities, mention: Optional[Span]) -> tuple[Optional[str], Optional[str]]:
    """(entity id, canonical name) of a mention: its article entity's, or for a one-token designation
    without an entity ("Verteidigungsministeriums") its own."""
    if mention is None:
        return None, None
    ent = entities.of(mention) if mention.label_ and entities.t.ent_of[mention.start] >= 0 else None
    if ent is not None:
        return entities.id_of(ent), ent.name
    name = base_name(mention.text)
    return make_id(mention.label_ or "ORG", name), name


def speaker_ref(ctx: Context, f: Draft) -> Optional[SpeakerRef]:
    t = ctx.t
    ref = t.ref(*f.speaker) if f.speaker else None
    if ref is None:
        return None
    eid, name = entity_of(ctx.res.entities, f.speaker_ent)
    antecedent = t.ref(f.speaker_ent.start, f.speaker_ent.end) if f.speaker_ent is not None else None
    return SpeakerRef(ref.text, ref.start, ref.end, eid, name, f.resolution if eid else None, antecedent,
                      f.anonymous and eid is None)


def linked_ref(ctx: Context, span: Optional[tuple[int, int]]) -> Optional[SpanRef]:
    """A via or affiliation: its text span and the entity it names (None when it names none)."""
    if span is None:
        return None
    ref = ctx.t.ref(*span)
    if ref is not None:
        ref.entity_id = entity_of(ctx.res.entities, ctx.res.resolve(span).mention)[0]
    return ref


def to_claims(ctx: Context) -> tuple[list[Claim], list[Optional[Span]]]:
    """The claims in text order, and per claim the entity mention its speaker resolves to."""
    t = ctx.t
    out: list[Claim] = []
    ents: list[Optional[Span]] = []
    for f in ctx.claims.ordered():
        content = t.ref(*f.content)
        assert content is not None
        speaker = speaker_ref(ctx, f)
        cue = t.ref(*f.cue) if f.cue else None
        out.append(Claim(content=content, mode=f.mode, speaker=speaker, cue=cue, via=linked_ref(ctx, f.via),
                         hearsay=f.hearsay, affiliation=linked_ref(ctx, f.affiliation)))
        ents.append(f.speaker_ent if speaker is not None else None)
    return out, ents
