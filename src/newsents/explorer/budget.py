"""Which articles the page holds in full (text, entity marks, claims): as many as fit into the page
size left after everything else, those that mention most graph entities first (then most claims,
then newest)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import Any, Optional

from .page import page_overhead, script_json
from .records import day_of, text_record

__all__ = ["choose_text_articles", "give_back", "json_size", "page_overhead", "priority"]


def json_size(obj: Any) -> int:
    """Bytes of ``obj`` as the page's JSON."""
    return len(script_json(obj).encode("utf-8"))


def _day_number(day: Optional[str]) -> int:
    try:
        return _dt.date.fromisoformat(day).toordinal() if day else 0
    except ValueError:
        return 0


def priority(arts: Sequence[dict[str, Any]], mentions: Sequence[list[list[Any]]], claims: Sequence[list[Any]],
             node_ents: set[int]) -> list[int]:
    """Article indexes, the most relevant to the graph first."""
    def key(i: int):
        ents = {m[2] for m in mentions[i] if m[2] in node_ents}
        return (-len(ents), -len(claims[i]), -_day_number(day_of(arts[i].get("date"))), i)

    return sorted(range(len(arts)), key=key)


#: Articles passed over in a row (too big for what is left) after which the filling stops.
MISSES = 50


def text_cost(arts: Sequence[dict[str, Any]], i: int, mentions: Sequence[list[list[Any]]],
              claims: Sequence[list[Any]], cache: Optional[dict[int, int]] = None) -> int:
    """Bytes article ``i`` adds to the page in full: its text record and its claims (memoised in ``cache``)."""
    if cache is not None and i in cache:
        return cache[i]
    cost = json_size(text_record(arts[i], i, mentions[i])) + json_size(claims[i]) + 2
    if cache is not None:
        cache[i] = cost
    return cost


def choose_text_articles(arts: Sequence[dict[str, Any]], mentions: Sequence[list[list[Any]]],
                         claims: Sequence[list[Any]], order: Sequence[int], budget: int,
                         skip: Sequence[bool], cache: Optional[dict[int, int]] = None) -> list[bool]:
    """Articles (not in ``skip``) to add in full, in ``order`` (see :func:`priority`) while their
    cost fits into ``budget`` bytes; one too big for what is left is passed over for smaller ones
    (until :data:`MISSES` in a row)."""
    keep = [False] * len(arts)
    left, misses = budget, 0
    for i in order:
        if left < 200 or misses >= MISSES:
            break
        if skip[i]:
            continue
        cost = text_cost(arts, i, mentions, claims, cache)
        if cost <= left:
            keep[i] = True
            left -= cost
            misses = 0
        else:
            misses += 1
    return keep


def give_back(arts: Sequence[dict[str, Any]], mentions: Sequence[list[list[Any]]], claims: Sequence[list[Any]],
              order: Sequence[int], with_text: Sequence[bool], over: int,
              cache: Optional[dict[int, int]] = None) -> list[bool]:
    """``with_text`` less its least relevant articles, until at least ``over`` bytes are freed."""
    keep = list(with_text)
    for i in reversed(order):
        if over <= 0:
            break
        if keep[i]:
            keep[i] = False
            over -= text_cost(arts, i, mentions, claims, cache)
    return keep
