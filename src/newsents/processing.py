"""Run the pipeline over a stream of raw articles: clean, ``nlp.pipe``, convert to ``Article``.

Shared by ``analyze``, ``Corpus`` and the CLI. An article a component fails on is reported, never
fatal: a failing batch is re-run article by article, so only the broken article is lost.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from typing import Callable, Deque, Iterable, Iterator, List, Optional, Tuple

from spacy.language import Language

from .clean import Cleaner, build_text
from .document import doc_to_article, merge_parts, split_long_text
from .records import Article, RawArticle

log = logging.getLogger("newsents")

#: Longer cleaned texts are analysed in pieces (spaCy's own limit is 1,000,000 characters).
MAX_CHARS = 200_000


@dataclass
class ProcessError:
    """An article the pipeline could not process."""

    path: str
    error: str
    message: str

    def to_dict(self) -> dict:
        return {"path": self.path, "error": self.error, "message": self.message}


def process_articles(
    nlp: Language,
    raws: Iterable[RawArticle],
    cleaner: Optional[Cleaner] = None,
    batch_size: int = 32,
    n_process: int = 1,
    on_error: Optional[Callable[[ProcessError], None]] = None,
    max_chars: int = MAX_CHARS,
) -> Iterator[Article]:
    """Yield one ``Article`` per raw article, in input order; failures go to ``on_error``.

    Articles longer than ``max_chars`` are analysed in paragraph-aligned pieces and merged, so a
    5 MB scrape neither exhausts memory nor hits spaCy's ``max_length``.
    """
    cleaner = cleaner or Cleaner()

    failed: set = set()

    def report(err: ProcessError) -> None:
        if err.path in failed:
            return  # one report per article, even when several of its pieces fail
        failed.add(err.path)
        log.warning("%s: %s: %s", err.path, err.error, err.message)
        if on_error is not None:
            on_error(err)

    def inputs() -> Iterator[Tuple[str, Part]]:
        for raw in raws:
            try:
                text, removed = build_text(raw, cleaner)
            except Exception as exc:  # a cleaning rule must never stop the batch
                report(ProcessError(raw.id, type(exc).__name__, f"cleaning failed: {exc}"))
                continue
            pieces = split_long_text(text, max_chars)
            for i, (offset, piece) in enumerate(pieces):
                yield piece, Part(raw, removed, offset, i == len(pieces) - 1)

    if n_process > 1:
        yield from _assemble(_parallel(nlp, inputs(), batch_size, n_process, report), report, failed)
        return
    yield from _assemble(_serial(nlp, inputs(), batch_size, report), report, failed)


@dataclass
class Part:
    """Context of one piece of an article on its way through ``nlp.pipe``."""

    raw: RawArticle
    removed: list
    offset: int  # where this piece starts in the cleaned article text
    last: bool  # the article's last piece


def _serial(nlp: Language, inputs, batch_size: int, report) -> Iterator[Tuple[Article, Part]]:
    for chunk in chunks(inputs, batch_size):
        try:
            docs = list(nlp.pipe(chunk, as_tuples=True, batch_size=batch_size))
        except Exception:  # find the article that broke the batch; keep the others
            docs = []
            for text, part in chunk:
                try:
                    docs.append((nlp(text), part))
                except Exception as exc:
                    report(ProcessError(part.raw.id, type(exc).__name__, f"pipeline failed: {exc}"))
        for doc, part in docs:
            yield doc_to_article(doc, part.raw, part.removed), part


def _assemble(analysed: Iterable[Tuple[Article, Part]], report, failed: set) -> Iterator[Article]:
    """Merge the pieces of long articles; an article with a failed piece is reported, not half-kept."""
    pieces: List[Tuple[int, Article]] = []
    for article, part in analysed:
        if pieces and pieces[0][1].id != part.raw.id:  # the last piece of the previous article failed
            report(ProcessError(pieces[0][1].id, "ProcessingError", "a piece of this long article failed"))
            pieces = []
        if part.raw.id in failed:
            continue
        pieces.append((part.offset, article))
        if part.last:
            yield article if len(pieces) == 1 and part.offset == 0 else merge_parts(pieces)
            pieces = []
    if pieces:
        report(ProcessError(pieces[0][1].id, "ProcessingError", "a piece of this long article failed"))


def chunks(items: Iterable, size: int) -> Iterator[List]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    chunk: List = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _parallel(nlp: Language, inputs, batch_size: int, n_process: int, report) -> Iterator[Tuple[Article, Part]]:
    """spaCy's multiprocessing; an article that does not come back from the workers is reported."""
    pending: Deque[Tuple[str, int]] = deque()

    def tracked():
        for text, part in inputs:
            pending.append((part.raw.id, part.offset))
            yield text, part

    for doc, part in nlp.pipe(tracked(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        key = (part.raw.id, part.offset)
        while pending and pending[0] != key:
            report(ProcessError(pending.popleft()[0], "ProcessingError", "the pipeline dropped this article"))
        if pending:
            pending.popleft()
        yield doc_to_article(doc, part.raw, part.removed), part
