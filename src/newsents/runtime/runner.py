"""One runner core for ``newsents process``: the options of a run (:class:`RunOptions`, built once by
the CLI, ``batch.run`` or ``distributed.run_dask``) and :func:`execute`, the steps every run takes:

1. check the options, read the alias table, and let the engine get ready (list the inputs, load
   or resolve the model), so that a bad input, alias table or model leaves no half-made folder;
2. open the :class:`~newsents.io.output.OutputFolder` (lock, refuse to clobber, resume, overwrite);
3. ``engine.map``: analyse the articles not done yet into the folder: the only step in which the
   engines differ (this process or its worker pool: ``batch.LocalEngine``; partitions on Dask:
   ``distributed.DaskEngine``);
4. the corpus steps over ``articles.jsonl`` (linking, entities table, graph), Parquet tables if
   asked, and the manifest, written last through the folder.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Protocol, Union

from ..core import __version__
from ..io.output import OutputFolder
from .finalize import finalize_run
from .processing import MAX_ARTICLE_CHARS

if TYPE_CHECKING:
    from ..graph import GraphFilter

FORMATS = ("jsonl", "parquet")


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


@dataclass
class RunOptions:
    """Every option of one run of ``newsents process``."""

    inputs: Sequence[Union[str, Path]]
    out: Union[str, Path]
    model: Optional[str] = "auto"
    n_process: int = 1  # local engine: worker processes for spaCy
    batch_size: int = 32  # texts per batch (also bounded by characters)
    max_chars: int = MAX_ARTICLE_CHARS  # longer articles are cut at a paragraph boundary
    resume: bool = False
    overwrite: bool = False
    aliases: Any = None  # an alias table, its path, or None
    fmt: str = "jsonl"  # or "parquet": also DIR/parquet/ tables
    graph: Optional[GraphFilter] = None  # what graph.graphml keeps (None: every entity and edge)
    quiet: bool = False
    # the Dask engine
    scheduler: Optional[str] = None
    partition_size: int = 64
    n_workers: int = 2
    connect_timeout: float = 10.0
    retries: int = 1

    def check(self) -> None:
        """ValueError for an unknown option value (the CLI also refuses --resume with --overwrite)."""
        if self.fmt not in FORMATS:
            raise ValueError(f"unknown output format {self.fmt!r}; use {' or '.join(map(repr, FORMATS))}")


class Engine(Protocol):
    """How a run maps articles to workers; everything else is :func:`execute`'s."""

    sharded: bool  # workers write shards that the engine joins (the folder is prepared for that)

    def prepare(self, options: RunOptions) -> None:
        """Check the inputs and get the model ready, before the output folder is touched."""

    def map(self, options: RunOptions, folder: OutputFolder, summary: RunSummary,
            progress: Optional[Callable[[int], None]]) -> None:
        """Analyse every article not done yet into ``folder``; count into ``summary``."""

    def write_parquet(self, folder: OutputFolder) -> None:
        """The Parquet tables of the output (``fmt="parquet"``)."""

    def manifest(self, options: RunOptions) -> tuple[dict, dict]:
        """(model meta, engine options) for ``manifest.json``."""


def load_aliases(aliases):
    """The alias table of ``aliases`` (a path) read and checked now, or None."""
    if aliases is None or not isinstance(aliases, (str, Path)):
        return aliases
    from ..linking.linker import AliasTable

    return AliasTable.from_file(aliases)


def execute(options: RunOptions, engine: Engine, progress: Optional[Callable[[int], None]] = None) -> RunSummary:
    """Run ``options`` with ``engine`` and return the summary.

    Raises ``FileNotFoundError`` for a missing input, ``AliasTableError`` for a bad alias table and
    ``OutputError`` for an unusable folder, before any work is done."""
    options.check()
    aliases = load_aliases(options.aliases)  # a bad alias table is found before any NLP starts
    engine.prepare(options)  # inputs and model: before the folder is made
    folder = OutputFolder(Path(options.out), resume=options.resume, overwrite=options.overwrite,
                          sharded=engine.sharded).open()
    try:
        started = time.perf_counter()
        summary = RunSummary(resumed=folder.resumed_articles)
        engine.map(options, folder, summary, progress)
        folder.finish()
        finalize_run(summary, folder.path, aliases, options.graph)
        if options.fmt == "parquet":
            engine.write_parquet(folder)
        summary.seconds = round(time.perf_counter() - started, 2)
        folder.write_manifest(manifest(options, engine, summary))
    finally:
        folder.close()  # the streams (if the run was interrupted: it stays resumable) and the lock
    return summary


def manifest(options: RunOptions, engine: Engine, summary: RunSummary) -> dict:
    """``manifest.json``: version, model, the run's options, counts and the time it finished."""
    model, engine_options = engine.manifest(options)
    return {
        "newsents_version": __version__,
        "model": model,
        "options": {"inputs": [str(p) for p in options.inputs], **engine_options},
        "counts": summary.to_dict(),
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
