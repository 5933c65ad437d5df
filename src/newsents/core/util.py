"""Small helpers every layer uses: fixed-size chunks of a stream, and a bounded memo."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Generic, Optional, TypeVar

T = TypeVar("T")
V = TypeVar("V")


def chunks(items: Iterable[T], size: int, max_weight: Optional[int] = None,
           weight: Optional[Callable[[T], int]] = None) -> Iterator[list[T]]:
    """Consecutive lists of at most ``size`` items (the last may be shorter); with ``max_weight``,
    a list also ends before its items' ``weight`` would pass it (a single heavier item stands alone)."""
    chunk: list[T] = []
    total = 0
    for item in items:
        w = weight(item) if weight is not None else 0
        if chunk and max_weight is not None and total + w > max_weight:
            yield chunk
            chunk, total = [], 0
        chunk.append(item)
        total += w
        if len(chunk) >= size:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


class BoundedCache(dict, Generic[V]):
    """A memo kept across documents that forgets everything once it holds ``max_size`` entries.

    Components memoise per-word answers across millions of documents; the vocabulary of a long run
    is unbounded, so the memo is cleared when full (cheaper than LRU bookkeeping on every hit, and
    the frequent words are back after a few documents). A plain ``dict`` for lookups; store with
    :meth:`put` (or :meth:`make_room` before a batch of inserts)."""

    def __init__(self, max_size: int):
        super().__init__()
        self.max_size = max_size

    def put(self, key: Hashable, value: V) -> V:
        if len(self) >= self.max_size:
            self.clear()
        self[key] = value
        return value

    def make_room(self, n: int) -> bool:
        """Clear the memo if ``n`` more entries would overflow it; True when it was cleared."""
        if len(self) + n > self.max_size:
            self.clear()
            return True
        return False
