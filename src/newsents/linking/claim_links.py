"""Claim speakers, vias and affiliations take the entity ids of the mentions they refer to."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Optional

from ..core.records import Mention
from .normalize import clean_name

if TYPE_CHECKING:
    from .entities import Linking


def link_claims(claims, mentions: Sequence[Mention], linking: Linking) -> None:
    """Claim speakers, vias and affiliations take the linked entity of what they refer to: a resolved
    speaker ("er", "der Kanzler") that of its ``antecedent`` mention and the entity's name (its NLP id
    stays when the antecedent is no mention); an anonymous one none; an unresolved one (or an older
    record) only a mention at its offsets or with its cleaned text, never a guess from its words."""
    by_span = {(m.start, m.end): m.entity_id for m in mentions}
    by_text: dict[str, Optional[str]] = {}
    for m in mentions:
        cn = clean_name(m.text, m.label)
        if cn and m.entity_id:
            by_text.setdefault(cn.text, m.entity_id)
            if m.label == "PER":
                by_text.setdefault(cn.text.split()[-1], m.entity_id)
    for c in claims:
        if c.speaker is not None:
            _link_speaker(c.speaker, by_span, by_text, linking)
        for ref in (c.via, getattr(c, "affiliation", None)):
            if ref is not None:
                ref.entity_id = _linked_ref(ref, by_span, by_text, linking)


def _link_speaker(sp, by_span: dict, by_text: dict, linking: Linking) -> None:
    antecedent = getattr(sp, "antecedent", None)
    if getattr(sp, "anonymous", False):
        sp.entity_id = None
        return
    if antecedent is not None:
        sp.entity_id = by_span.get((antecedent.start, antecedent.end)) or sp.entity_id
    else:
        eid = by_span.get((sp.start, sp.end))
        cn = clean_name(sp.text, "PER") if eid is None else None
        sp.entity_id = eid if eid is not None else (by_text.get(cn.text) if cn else None)
    entity = linking.get(sp.entity_id) if sp.entity_id else None
    if entity is not None and hasattr(sp, "name"):
        sp.name = entity.name


def _linked_ref(ref, by_span: dict, by_text: dict, linking: Linking) -> Optional[str]:
    eid = by_span.get((ref.start, ref.end))
    if eid is None:
        cn = clean_name(ref.text, "PER")
        if cn:
            eid = by_text.get(cn.text) or by_text.get(cn.text.split()[-1])
            if eid is None:
                ent = linking.find(ref.text)
                eid = ent.entity_id if ent else None
    return eid

