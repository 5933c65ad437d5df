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
from .document import doc_to_article
from .records import Article, RawArticle

log = logging.getLogger("newsents")


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
) -> Iterator[Article]:
    """Yield one ``Article`` per raw article, in input order; failures go to ``on_error``."""
    cleaner = cleaner or Cleaner()

    def report(err: ProcessError) -> None:
        log.warning("%s: %s: %s", err.path, err.error, err.message)
        if on_error is not None:
            on_error(err)

    def inputs() -> Iterator[Tuple[str, Tuple[RawArticle, list]]]:
        for raw in raws:
            try:
                text, removed = build_text(raw, cleaner)
            except Exception as exc:  # a cleaning rule must never stop the batch
                report(ProcessError(raw.id, type(exc).__name__, f"cleaning failed: {exc}"))
                continue
            yield text, (raw, removed)

    if n_process > 1:
        yield from _parallel(nlp, inputs(), batch_size, n_process, report)
        return
    for chunk in _chunks(inputs(), batch_size):
        try:
            docs = list(nlp.pipe(chunk, as_tuples=True, batch_size=batch_size))
        except Exception:  # find the article that broke the batch; keep the others
            docs = []
            for text, ctx in chunk:
                try:
                    docs.append((nlp(text), ctx))
                except Exception as exc:
                    report(ProcessError(ctx[0].id, type(exc).__name__, f"pipeline failed: {exc}"))
        for doc, (raw, removed) in docs:
            yield doc_to_article(doc, raw, removed)


def _chunks(items: Iterable, size: int) -> Iterator[List]:
    chunk: List = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _parallel(nlp: Language, inputs, batch_size: int, n_process: int, report) -> Iterator[Article]:
    """spaCy's multiprocessing; an article that does not come back from the workers is reported."""
    pending: Deque[str] = deque()

    def tracked():
        for text, ctx in inputs:
            pending.append(ctx[0].id)
            yield text, ctx

    for doc, (raw, removed) in nlp.pipe(tracked(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        while pending and pending[0] != raw.id:
            report(ProcessError(pending.popleft(), "ProcessingError", "the pipeline dropped this article"))
        if pending:
            pending.popleft()
        yield doc_to_article(doc, raw, removed)
