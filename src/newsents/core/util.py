"""Small helpers every layer uses: fixed-size chunks of a stream, and a bounded memo."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")
V = TypeVar("V")


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
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
