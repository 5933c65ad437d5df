"""Run the pipeline over a stream of raw articles: clean, ``nlp.pipe``, convert to ``Article``.

Shared by ``analyze``, ``Corpus`` and the CLI. An article a component fails on is reported, never
fatal: a failing batch is re-run article by article, so only the broken article is lost. With
``n_process > 1`` worker processes run this same serial path on chunks of raw articles.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Any, Optional, Union

from spacy.language import Language

from ..core.records import Article, Failure, RawArticle, Removal
from ..core.util import chunks
from ..io.clean import Cleaner, build_text
from ..pipeline.document import doc_to_article, merge_parts, split_long_text

log = logging.getLogger("newsents")

#: Longer cleaned texts are analysed in pieces (spaCy's own limit is 1,000,000 characters).
PIECE_CHARS = 200_000
#: Longer articles are cut here (at a paragraph boundary) and the cut is recorded (``--max-chars``).
MAX_ARTICLE_CHARS = 2_000_000
#: A batch sent to ``nlp.pipe`` holds at most this many characters (and ``batch_size`` texts): memory
#: is bounded by characters, not by count (32 pieces of 200k characters took 3.5 GB; 5 pieces of one
#: 2,000,000-character article, at a bound of 1,000,000, still 3.3 GB; one piece per batch 1.1 GB).
#: News batches stay far below it (32 articles of 3,000 characters: 96,000).
BATCH_CHARS = PIECE_CHARS
#: Articles longer than this count their co-mentions per paragraph (``Article.comention``).
LONG_ARTICLE_CHARS = 100_000


@dataclass(frozen=True)
class Limits:
    """How much text goes where: pieces, articles, batches (see the constants above)."""

    piece_chars: int = PIECE_CHARS
    max_article_chars: int = MAX_ARTICLE_CHARS
    batch_chars: int = BATCH_CHARS


def process_articles(
    nlp: Language,
    raws: Iterable[RawArticle],
    cleaner: Optional[Cleaner] = None,
    batch_size: int = 32,
    n_process: int = 1,
    on_error: Optional[Callable[[Failure], None]] = None,
    piece_chars: int = PIECE_CHARS,
    max_article_chars: int = MAX_ARTICLE_CHARS,
    memory_zones: bool = True,
    zones: Optional[ZoneCycler] = None,
    finish: Optional[Callable[[Article], Any]] = None,
) -> Iterator[Any]:
    """Yield one ``Article`` per raw article, in input order; failures go to ``on_error``.

    Articles longer than ``max_article_chars`` are cut at a paragraph boundary (recorded in
    ``removed`` as rule ``max_chars``); longer than ``piece_chars``, they are analysed in
    paragraph-aligned pieces and merged, so a 5 MB scrape neither exhausts memory nor hits spaCy's
    ``max_length``; batches are bounded by characters too (``BATCH_CHARS``). Articles longer than
    ``LONG_ARTICLE_CHARS`` get ``comention="paragraph"``. With ``n_process > 1``
    chunks of raw articles are analysed in worker processes (see :func:`_parallel`).

    ``memory_zones``: analyse inside ``nlp.memory_zone()``, renewed every ``ZONE_DOCS`` docs (see
    :class:`ZoneCycler`), so long runs do not grow the vocab. A ``Doc`` the caller makes with the
    same ``nlp`` while iterating is then only valid until the next article is taken; pass False
    to keep such docs (nothing is zoned either when the caller is inside a memory zone already).
    ``zones``: a :class:`ZoneCycler` the caller keeps across calls (a worker process's), left open
    at the end, so short calls do not each start from a cold vocabulary.
    ``finish``: yield ``finish(article)`` instead, computed where the article is made (in the worker
    with ``n_process > 1``; ``output.encode_article`` has the workers send finished JSON lines, not
    objects for the parent to unpickle and encode). It must pickle by name for spawned workers.
    """
    cleaner = cleaner or Cleaner()
    limits = Limits(piece_chars, max_article_chars)

    def report(err: Failure) -> None:
        log.warning("%s: %s: %s", err.path, err.error, err.message)
        if on_error is not None:
            on_error(err)

    if n_process > 1:
        yield from _parallel(nlp, raws, cleaner, batch_size, n_process, limits, report, finish)
        return
    if zones is not None:
        yield from _process(nlp, raws, cleaner, batch_size, limits, report, zones, finish)
        return
    own = ZoneCycler(nlp, enabled=memory_zones)
    try:
        yield from _process(nlp, raws, cleaner, batch_size, limits, report, own, finish)
    finally:
        own.close()


def _process(nlp: Language, raws: Iterable[RawArticle], cleaner: Cleaner, batch_size: int, limits: Limits,
             on_error: Callable[[Failure], None], zones: Optional[ZoneCycler] = None,
             finish: Optional[Callable[[Article], Any]] = None) -> Iterator[Any]:
    """The serial path: clean, cut and split long texts, ``nlp.pipe``, convert, merge pieces (then
    ``finish``). Whatever goes wrong with one article (cleaning, analysis, conversion, ``finish``)
    is reported for that article and the others go on."""
    failed: set = set()

    def report(err: Failure) -> None:
        if err.path in failed:
            return  # one report per article, even when several of its pieces fail
        failed.add(err.path)
        on_error(err)

    def inputs() -> Iterator[tuple[str, Part]]:
        for raw in raws:
            try:
                raw, dropped = precut(raw, limits.max_article_chars)
                text, removed = build_text(raw, cleaner)
                text = cut_to_limit(text, removed, limits.max_article_chars, raw.id, dropped)
            except Exception as exc:  # a cleaning rule must never stop the batch
                report(Failure(raw.id, type(exc).__name__, f"cleaning failed: {exc}"))
                continue
            pieces = split_long_text(text, limits.piece_chars)
            for i, (offset, piece) in enumerate(pieces):
                yield piece, Part(raw, removed, offset, i == len(pieces) - 1, piece)

    articles = _assemble(_serial(nlp, inputs(), batch_size, report, zones, limits.batch_chars), report, failed)
    for article in articles:
        if finish is None:
            yield article
            continue
        try:
            done = finish(article)
        except Exception as exc:  # e.g. an article that cannot be encoded
            report(Failure(article.id, type(exc).__name__, f"{article.id}: writing the result failed: {exc}"))
            continue
        yield done


def cut_to_limit(text: str, removed: list, max_chars: int, article_id: str, dropped: int = 0) -> str:
    """``text`` cut at the last paragraph break before ``max_chars`` (or at ``max_chars``); the cut is
    recorded in ``removed`` (rule ``max_chars``) and logged. ``dropped``: characters :func:`precut`
    took off the raw text already (counted in the record)."""
    if len(text) <= max_chars and not dropped:
        return text
    cut = paragraph_cut(text, max_chars) if len(text) > max_chars else len(text)
    total = len(text) + dropped
    log.warning("%s: %d characters; cut to the first %d (--max-chars)", article_id, total, cut)
    removed.append(Removal("max_chars", f"[{total - cut:,} characters after character {cut:,} cut]"))
    return text[:cut]


def precut(raw: RawArticle, max_chars: int) -> tuple[RawArticle, int]:
    """``raw`` with its text cut before cleaning at the last paragraph break before ``2 * max_chars``,
    when it is longer: cleaning a 50 MB text took 1.2 GB and 16 s to keep 2,000,000 characters of it.
    Cleaning only removes text, so what ``cut_to_limit`` then keeps is the same unless cleaning drops
    more than half of the text kept here. Returns the article and the number of characters cut."""
    keep = 2 * max_chars
    if len(raw.text or "") <= keep:
        return raw, 0
    cut = paragraph_cut(raw.text, keep)
    return replace(raw, text=raw.text[:cut]), len(raw.text) - cut


def paragraph_cut(text: str, limit: int) -> int:
    """Where to cut ``text`` (longer than ``limit``): at its last paragraph break before ``limit``,
    or at ``limit`` when that break lies in the first half."""
    cut = text.rfind("\n\n", 0, limit)
    return cut if cut > limit // 2 else limit


@dataclass
class Part:
    """Context of one piece of an article on its way through ``nlp.pipe``."""

    raw: RawArticle
    removed: list
    offset: int  # where this piece starts in the cleaned article text
    last: bool  # the article's last piece
    text: str  # the piece itself: the Doc's text, without joining its tokens again


#: Docs analysed inside one ``nlp.memory_zone()`` before it is closed and a new one opened.
ZONE_DOCS = 1000
#: Docs analysed before the first zone, to warm the vocabulary and tokenizer cache (see ZoneCycler).
ZONE_WARMUP_DOCS = 1000


class ZoneCycler:
    """Keeps an ``nlp.memory_zone()`` open over many batches and renews it every ``every`` docs,
    after a first ``warmup`` docs analysed outside any zone.

    Strings and lexemes that a zone's docs add to the vocab are freed when it closes, so a run over
    millions of articles does not grow; renewing per batch instead would recreate the lexemes of
    frequent words each time (measured: about 18% slower at 32 docs per zone, 1-2% at 400+).
    The price (spaCy 3.8): inside a zone the tokenizer adds nothing to its cache and every lexeme
    is made anew, which doubled tokenizing time (500 10kGNAD articles: 1.66 s in a cold zone).
    The warm-up docs stay: their words become permanent lexemes and tokenizer-cache entries, a
    bounded, one-time growth (the vocabulary of ``warmup`` articles; the cache holds 10,000
    chunks), after which the same zone costs 0.85 s, as without zones.
    Nothing may keep a ``Doc`` past :meth:`count`: callers convert docs to ``Article`` first.
    """

    def __init__(self, nlp: Language, every: Optional[int] = None, enabled: bool = True,
                 warmup: Optional[int] = None):
        self.nlp, self.every, self.enabled = nlp, every or ZONE_DOCS, enabled
        self.warmup = ZONE_WARMUP_DOCS if warmup is None else warmup
        self.zone = None
        self.docs = 0
        self.seen = 0

    def open(self) -> None:
        """Enter a zone unless one is open (ours, or the caller's: zones must not be nested) or
        the warm-up is not over."""
        if (self.enabled and self.zone is None and self.seen >= self.warmup and hasattr(self.nlp, "memory_zone")
                and not getattr(self.nlp.vocab, "in_memory_zone", False)):
            self.zone = self.nlp.memory_zone()
            self.zone.__enter__()
            self.docs = 0

    def count(self, n: int) -> None:
        """``n`` more docs are done with; close the zone once it has seen ``every``."""
        self.seen += n
        self.docs += n
        if self.docs >= self.every:
            self.close()

    def close(self) -> None:
        if self.zone is not None:
            zone, self.zone = self.zone, None
            zone.__exit__(None, None, None)


def _serial(nlp: Language, inputs, batch_size: int, report, zones: Optional[ZoneCycler] = None,
            batch_chars: int = BATCH_CHARS) -> Iterator[tuple[Article, Part]]:
    """``nlp.pipe`` batch by batch (at most ``batch_size`` texts and ``batch_chars`` characters) inside
    memory zones: ``zones`` (closed by whoever passed it; a worker keeps its own open across tasks)
    or else a cycler of its own, closed when the stream ends."""
    own = zones is None
    zones = zones or ZoneCycler(nlp)
    try:
        for chunk in chunks(inputs, batch_size, max_weight=batch_chars, weight=_text_length):
            zones.open()
            try:
                docs = list(nlp.pipe(chunk, as_tuples=True, batch_size=batch_size))
            except Exception:  # find the article that broke the batch; keep the others
                docs = []
                for text, part in chunk:
                    try:
                        docs.append((nlp(text), part))
                    except Exception as exc:
                        report(Failure(part.raw.id, type(exc).__name__, f"pipeline failed: {exc}"))
            done = []
            for doc, part in docs:
                try:
                    done.append((doc_to_article(doc, part.raw, part.removed, text=part.text), part))
                except Exception as exc:
                    report(Failure(part.raw.id, type(exc).__name__, f"converting the analysis failed: {exc}"))
            del docs
            zones.count(len(chunk))
            yield from done
    finally:
        if own:
            zones.close()


def _text_length(item: tuple[str, Part]) -> int:
    return len(item[0])


def _assemble(analysed: Iterable[tuple[Article, Part]], report, failed: set) -> Iterator[Article]:
    """Merge the pieces of long articles; an article with a failed piece is reported, not half-kept."""
    pieces: list[tuple[int, Article]] = []
    for article, part in analysed:
        if pieces and pieces[0][1].id != part.raw.id:  # the last piece of the previous article failed
            report(Failure(pieces[0][1].id, "ProcessingError", "a piece of this long article failed"))
            pieces = []
        if part.raw.id in failed:
            continue
        pieces.append((part.offset, article))
        if part.last:
            whole = article if len(pieces) == 1 and part.offset == 0 else merge_parts(pieces)
            if len(whole.text) > LONG_ARTICLE_CHARS:
                whole.comention = "paragraph"
            yield whole
            pieces = []
    if pieces:
        report(Failure(pieces[0][1].id, "ProcessingError", "a piece of this long article failed"))


# --------------------------------------------------------------------------- n_process > 1

#: Raw articles per task sent to a worker process, in multiples of ``batch_size`` (small tasks keep
#: the workers evenly loaded to the end; the memory zone spans tasks, so they cost little).
CHUNK_BATCHES = 1
#: Tasks in flight per worker: keeps the workers busy while bounding the memory of a streamed input.
TASKS_PER_WORKER = 3

_WORKER: dict = {}  # the worker process's pipeline and settings


def _init_worker(nlp: Union[Language, str], cleaner: Cleaner, batch_size: int, limits: Limits,
                 finish: Optional[Callable[[Article], Any]] = None) -> None:
    """Set up a worker process: the parent's pipeline (fork) or the same model loaded by name (spawn).
    One BLAS thread per worker: the workers already share the cores."""
    from ..pipeline.backend import limit_blas_threads
    from .allocator import tune_allocator
    from .signals import die_with_parent

    die_with_parent()  # a killed parent (kill -9, SIGTERM) leaves no worker behind
    limit_blas_threads(1)
    tune_allocator()  # inherited through fork; a spawned worker sets it itself
    if isinstance(nlp, str):
        from ..pipeline.model import load

        nlp = load(nlp)
    _WORKER.update(nlp=nlp, cleaner=cleaner, batch_size=batch_size, limits=limits, zones=ZoneCycler(nlp),
                   finish=finish)


def _work(raws: list[RawArticle]) -> list[tuple[str, object]]:
    """Run the serial path over one chunk in a worker; returns ("article", Article or what ``finish``
    made of it) and ("error", Failure) events in the order the serial path produces them. The
    worker's memory zone spans tasks (:class:`ZoneCycler`), so a long run does not grow the worker's vocab."""
    nlp = _WORKER["nlp"]
    zones = _WORKER["zones"]
    events: list[tuple[str, object]] = []
    try:
        for article in _process(nlp, raws, _WORKER["cleaner"], _WORKER["batch_size"], _WORKER["limits"],
                                lambda err: events.append(("error", err)), zones, _WORKER["finish"]):
            events.append(("article", article))
    except BaseException:
        zones.close()
        raise
    return events


def _parallel(nlp: Language, raws: Iterable[RawArticle], cleaner: Cleaner, batch_size: int, n_process: int,
              limits: Limits, report: Callable[[Failure], None],
              finish: Optional[Callable[[Article], Any]] = None) -> Iterator[Any]:
    """Analyse chunks of raw articles in ``n_process`` worker processes, results in input order.

    Each worker holds the pipeline once (inherited through ``fork`` on Linux; elsewhere each worker
    loads the model that ``newsents.load`` recorded in ``nlp.meta``) and runs the whole serial path
    on its chunk (cleaning, ``nlp.pipe``, ``doc_to_article``, memory zones), sending back finished
    ``Article`` records, or what ``finish`` makes of them there (``batch.run``: their JSON lines). (spaCy's own
    ``nlp.pipe(n_process=...)`` tokenizes in the parent and ships every ``Doc`` both ways, which on
    a 2-core machine made the parent the bottleneck: 1.38x for 2 processes.) When a worker dies, the
    pool is replaced and each lost chunk is re-run alone, then article by article, so only the
    article that kills its worker is reported (``WorkerDied``).
    """
    if sys.platform.startswith("linux"):  # fork: workers share the loaded pipeline, nothing is pickled
        ctx, model = mp.get_context("fork"), nlp
    else:  # spawn (macOS, Windows): a pipeline cannot be pickled; workers load the same model by name
        ctx, model = mp.get_context("spawn"), nlp.meta.get("newsents", {}).get("source")
        if not model:
            log.warning("n_process=%d needs a pipeline loaded with newsents.load() on this platform; "
                        "running in one process", n_process)
            yield from _process(nlp, raws, cleaner, batch_size, limits, report, finish=finish)
            return
    pool = _WorkerPool(ctx, (model, cleaner, batch_size, limits, finish), n_process, report)
    yield from pool.run(chunks(raws, batch_size * CHUNK_BATCHES))


class _WorkerPool:
    """The worker processes of :func:`_parallel`: submit chunks, collect their events in order, and
    replace the pool when a worker dies."""

    def __init__(self, ctx, init: tuple, n_process: int, report: Callable[[Failure], None]):
        self.ctx, self.init, self.n_process, self.report = ctx, init, n_process, report
        self.pending: deque[tuple[list[RawArticle], Future]] = deque()

    def new(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=self.ctx, initializer=_init_worker, initargs=self.init)

    def alone(self, chunk: list[RawArticle]) -> list[tuple[str, object]]:
        """Re-run a chunk a dead worker held, in a process of its own (narrowed down to one article)."""
        try:
            with self.new(1) as one:
                return one.submit(_work, chunk).result()
        except BrokenProcessPool as exc:
            if len(chunk) == 1:
                return [("error", Failure(chunk[0].id, "WorkerDied",
                                          f"the worker process died analysing this article: {exc}"))]
            return [event for raw in chunk for event in self.alone([raw])]

    def drain_one(self) -> Iterator[Any]:
        chunk, future = self.pending.popleft()
        try:
            events = future.result()
        except BrokenProcessPool:  # a worker died (killed, out of memory, crashed): every pending task is lost
            events = self.alone(chunk)
        except Exception as exc:  # noqa: BLE001  (e.g. a result that cannot be pickled): lose this chunk only
            events = [("error", Failure(raw.id, type(exc).__name__, f"worker failed on this chunk: {exc}"))
                      for raw in chunk]
        for kind, item in events:
            if kind == "article":
                yield item
            else:
                self.report(item)  # type: ignore[arg-type]

    def run(self, chunked: Iterable[list[RawArticle]]) -> Iterator[Any]:
        pool = self.new(self.n_process)
        try:
            for chunk in chunked:
                try:
                    future = pool.submit(_work, chunk)
                except BrokenProcessPool:  # pending tasks of the dead pool are re-run when drained
                    pool.shutdown(wait=True)
                    pool = self.new(self.n_process)
                    future = pool.submit(_work, chunk)
                self.pending.append((chunk, future))
                while len(self.pending) > self.n_process * TASKS_PER_WORKER:
                    yield from self.drain_one()
            while self.pending:
                yield from self.drain_one()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
