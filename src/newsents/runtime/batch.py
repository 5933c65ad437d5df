"""The batch job behind ``newsents process``: inputs -> output folder, resumable, never stopped by one bad file.

Per-article NLP streams into ``articles.jsonl``; the corpus-level steps (entity linking, the
entities table, the co-mention graph) then run over that file without holding the corpus in memory.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional, Union

from ..core import __version__
from ..core.records import Failure
from ..io.clean import Cleaner
from ..io.output import ARTICLES, GRAPH, OutputFolder, encode_article
from ..io.readers import ReadReport, iter_articles
from .processing import MAX_ARTICLE_CHARS, process_articles

log = logging.getLogger("newsents")


@dataclass
class RunSummary:
    """What a run did, for the end-of-run screen and ``manifest.json``."""

    articles: int = 0  # analysed in this invocation
    resumed: int = 0  # already in the folder from an interrupted run (--resume)
    entities: int = 0  # the counts below describe the whole output folder
    mentions: int = 0
    claims: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    finalize_seconds: float = 0.0  # of ``seconds``: the corpus-level steps (linking, entities table, graph)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def to_dict(self) -> dict:
        d = asdict(self)
        d["warnings"] = self.warnings[:50]
        return d


def run(
    inputs: Sequence[Union[str, Path]],
    out: Union[str, Path],
    nlp=None,
    model: Optional[str] = "auto",
    n_process: int = 1,
    batch_size: int = 32,
    resume: bool = False,
    overwrite: bool = False,
    progress: Optional[Callable[[int], None]] = None,
    aliases: Optional[Union[str, Path]] = None,
    fmt: str = "jsonl",
    max_chars: int = MAX_ARTICLE_CHARS,
) -> RunSummary:
    """Process ``inputs`` into the output folder ``out`` and return the summary.

    Raises ``FileNotFoundError`` for a missing input and ``OutputError`` for an unusable folder,
    before any work is done. ``fmt="parquet"`` also writes articles, mentions and claims tables
    under ``DIR/parquet/`` (the JSONL files are always written).
    """
    if fmt not in ("jsonl", "parquet"):
        raise ValueError(f"unknown output format {fmt!r}; use 'jsonl' or 'parquet'")
    from ..pipeline.model import load
    from .allocator import tune_allocator

    tune_allocator()  # a batch job owns its process: keep freed batch memory for reuse
    paths = [Path(p) for p in inputs]
    for p in paths:
        if not p.exists():
            raise FileNotFoundError(f"input {p} does not exist")
    aliases = load_aliases(aliases)  # a bad alias table is found before any NLP starts
    if nlp is None:
        nlp = load(model)  # before the folder is made: a bad model leaves no half-made output folder
    folder = OutputFolder(Path(out), resume=resume, overwrite=overwrite).open()
    try:
        started = time.perf_counter()
        summary = RunSummary(resumed=folder.resumed_articles)
        _analyse(nlp, paths, folder, summary, n_process, batch_size, progress, max_chars)
        folder.finish()
        finalize_run(summary, folder.path, aliases)
        if fmt == "parquet":
            from ..io.parquet import write_parquet

            write_parquet(folder.path)
        summary.seconds = round(time.perf_counter() - started, 2)
        folder.write_manifest(_manifest(nlp, summary, inputs, n_process, batch_size, resume))
    finally:
        folder.close()  # the streams (if the run was interrupted: it stays resumable) and the lock
    return summary


def load_aliases(aliases):
    """The alias table of ``aliases`` (a path) read and checked now, or None."""
    if aliases is None or not isinstance(aliases, (str, Path)):
        return aliases
    from ..linking.linker import AliasTable

    return AliasTable.from_file(aliases)


def _analyse(nlp, paths: list[Path], folder: OutputFolder, summary: RunSummary, n_process: int, batch_size: int,
             progress: Optional[Callable[[int], None]], max_chars: int = MAX_ARTICLE_CHARS) -> None:
    """Read, clean and analyse every article not done yet into ``folder``; errors as they occur."""
    report = ReadReport()

    def fresh(raws):
        for raw in raws:
            if raw.id not in folder.done_ids:
                yield raw

    def on_error(err: Failure) -> None:
        summary.failed += 1
        folder.write_error(err.to_dict())

    seen_errors = 0
    raws = iter_articles(paths, report, exclude=[folder.path])
    for article in process_articles(nlp, fresh(raws), Cleaner(), batch_size=batch_size,
                                    n_process=n_process, on_error=on_error, finish=encode_article,
                                    max_article_chars=max_chars):
        if not folder.write_article(article):
            summary.failed += 1
            continue
        summary.articles += 1
        summary.claims += article.claims
        summary.mentions += article.mentions
        while seen_errors < len(report.errors):  # read errors, as the reader meets them
            folder.write_error(report.errors[seen_errors].to_dict())
            seen_errors += 1
        if progress:
            progress(1)
    for err in report.errors[seen_errors:]:
        folder.write_error(err.to_dict())
    summary.failed += len(report.errors)
    summary.skipped = report.skipped
    summary.warnings = list(report.warnings)


@dataclass
class OutputCounts:
    """What the whole output folder holds (after a resume: more than the last invocation made)."""

    articles: int = 0
    mentions: int = 0
    claims: int = 0

    def add(self, record: dict) -> None:
        self.articles += 1
        self.mentions += len(record.get("entities") or ())
        self.claims += len(record.get("claims") or ())


def finalize(out: Path, aliases: Optional[Union[str, Path]] = None, counts: Optional[OutputCounts] = None) -> int:
    """Corpus-level steps over ``articles.jsonl``: link entities, write entities.jsonl and the graph.

    Two streaming passes: one collects the names to link, one writes the entity ids and feeds the
    co-mention counts (in memory), so the graph costs no third pass. Past ``DUCKDB_THRESHOLD_BYTES``
    DuckDB aggregates the graph in a pass of its own and its sorted edge rows are streamed out.
    """
    out = Path(out)
    with _cyclic_gc_paused():
        return _finalize(out, aliases, counts)


def _finalize(out: Path, aliases: Optional[Union[str, Path]], counts: Optional[OutputCounts] = None) -> int:
    from ..graph import DUCKDB_THRESHOLD_BYTES, CoMentions, GraphFilter
    from ..graph.store import write_graphml_duckdb
    from ..io.output import iter_jsonl
    from ..linking.linker import link_output, rewrite_output

    linking = link_output(out, aliases=aliases)
    entities = {e.entity_id: e.to_dict() for e in linking.entities}
    count = counts.add if counts is not None else None
    if (out / ARTICLES).stat().st_size > DUCKDB_THRESHOLD_BYTES:
        rewrite_output(out, linking, each=count)
        write_graphml_duckdb(iter_jsonl(out / ARTICLES), out / GRAPH, GraphFilter(), entities=entities)
    else:
        graph = CoMentions(GraphFilter(), entities=entities)

        def each(record: dict) -> None:
            graph.add(record)
            if count is not None:
                count(record)

        rewrite_output(out, linking, each=each)
        graph.write_graphml(out / GRAPH)
    return len(linking.entities)


@contextmanager
def _cyclic_gc_paused():
    """Pause Python's cyclic garbage collector for the corpus step. The step keeps hundreds of
    thousands of new objects (edges, name tables: 65k edges for 500 news articles), and each full
    collection walked all of them and the loaded model's objects as well: a quarter of the step's time.
    The step makes almost no reference cycles (a few hundred objects, not growing with the corpus:
    measured on 10 to 8,000 articles); reference counting frees the rest as before, and the
    collector resumes afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def finalize_run(summary: RunSummary, out: Path, aliases: Optional[Union[str, Path]] = None) -> None:
    """:func:`finalize` for a run: sets the summary's counts of the whole output (entities, mentions,
    claims: after a resume they include the articles of earlier invocations) and ``finalize_seconds``."""
    start = time.perf_counter()
    counts = OutputCounts()
    summary.entities = finalize(out, aliases=aliases, counts=counts)
    summary.mentions, summary.claims = counts.mentions, counts.claims
    summary.finalize_seconds = round(time.perf_counter() - start, 2)


def _manifest(nlp, summary: RunSummary, inputs, n_process: int, batch_size: int, resume: bool) -> dict:
    from ..pipeline.model import model_meta

    return {
        "newsents_version": __version__,
        "model": model_meta(nlp),
        "options": {"inputs": [str(p) for p in inputs], "n_process": n_process, "batch_size": batch_size,
                    "resume": resume},
        "counts": summary.to_dict(),
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
