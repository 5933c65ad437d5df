"""The batch job behind ``newsents process`` on this machine: inputs -> output folder, resumable,
never stopped by one bad file.

Per-article NLP streams into ``articles.jsonl`` (in this process or a pool of ``n_process``
workers: :class:`LocalEngine`); the steps every run shares are :func:`runner.execute`'s, and the
corpus-level steps (entity linking, the entities table, the co-mention graph) then run over that
file without holding the corpus in memory (:mod:`.finalize`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Optional, Union

from ..core.records import Failure
from ..io.clean import Cleaner
from ..io.output import OutputFolder, encode_article
from ..io.readers import ReadReport, iter_articles
from .finalize import OutputCounts, finalize, finalize_run
from .processing import MAX_ARTICLE_CHARS, process_articles
from .runner import RunOptions, RunSummary, execute, load_aliases

__all__ = ["LocalEngine", "OutputCounts", "RunOptions", "RunSummary", "finalize", "finalize_run", "load_aliases",
           "run"]

log = logging.getLogger("newsents")


class LocalEngine:
    """Articles analysed in this process, or by a pool of ``options.n_process`` worker processes,
    streamed into the folder's ``articles.jsonl`` as they finish."""

    sharded = False

    def __init__(self, nlp=None):
        self.nlp = nlp

    def prepare(self, options: RunOptions) -> None:
        from ..pipeline.model import load
        from .allocator import tune_allocator

        tune_allocator()  # a batch job owns its process: keep freed batch memory for reuse
        for p in options.inputs:
            if not Path(p).exists():
                raise FileNotFoundError(f"input {p} does not exist")
        if self.nlp is None:
            self.nlp = load(options.model)  # before the folder is made: a bad model leaves no half-made folder

    def map(self, options: RunOptions, folder: OutputFolder, summary: RunSummary,
            progress: Optional[Callable[[int], None]]) -> None:
        _analyse(self.nlp, [Path(p) for p in options.inputs], folder, summary, options.n_process,
                 options.batch_size, progress, options.max_chars)

    def write_parquet(self, folder: OutputFolder) -> None:
        from ..io.parquet import write_parquet

        write_parquet(folder.path)

    def manifest(self, options: RunOptions) -> tuple[dict, dict]:
        from ..pipeline.model import model_meta

        return model_meta(self.nlp), {"n_process": options.n_process, "batch_size": options.batch_size,
                                      "resume": options.resume}


def run(
    inputs: Sequence[Union[str, Path]],
    out: Union[str, Path],
    nlp=None,
    progress: Optional[Callable[[int], None]] = None,
    **options,
) -> RunSummary:
    """Process ``inputs`` into the output folder ``out`` and return the summary; ``options`` are the
    fields of :class:`RunOptions` (``model``, ``n_process``, ``batch_size``, ``resume``, ``overwrite``,
    ``aliases``, ``fmt``, ``max_chars``, ...).

    Raises ``FileNotFoundError`` for a missing input and ``OutputError`` for an unusable folder,
    before any work is done. ``fmt="parquet"`` also writes articles, mentions and claims tables
    under ``DIR/parquet/`` (the JSONL files are always written).
    """
    return execute(RunOptions(list(inputs), out, **options), LocalEngine(nlp), progress)


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
