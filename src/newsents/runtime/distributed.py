"""``newsents process --engine dask``: the batch job partitioned by input files and run on Dask.

The driver lists the input files exactly as the single-process reader does (same roots, same ids,
same order) and cuts the list into partitions of ``partition_size`` files (a ``.jsonl`` file is one
unit however many articles it holds). Each partition runs on a worker, which loads the model once
per process, and writes its own shard ``DIR/shards/articles-00017.jsonl`` (+ ``errors-00017.jsonl``)
atomically, then a ``.done`` marker with the shard's size and checksum. After all partitions, the
shards are concatenated in partition order into ``DIR/articles.jsonl`` and ``batch.finalize`` runs
linking and the graph on it, so the output equals the single-process output byte for byte.

A partition that fails is retried once (``retries=1``; a killed worker's task is rescheduled by
Dask); failing again, each of its files becomes a ``PartitionFailed`` line in ``errors.jsonl`` and
the other partitions are kept. ``resume=True`` skips partitions whose marker matches their shard
(same file list, size and SHA-256), so a truncated or missing shard is redone.

For a remote scheduler, ``DIR`` and the inputs must be visible to the workers at the same paths
(a shared filesystem), and the model must be loadable there under the same name or path.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from ..core.records import Failure
from ..io.files import AtomicFile
from ..io.output import (
    ARTICLES,
    ERRORS,
    SHARDS,
    OutputError,
    OutputFolder,
    atomic_write_text,
    dumps,
    encode_article,
    error_line,
)

__all__ = ["DaskEngine", "OutputError", "SchedulerUnreachable", "connect", "plan_partitions", "process_partition",
           "run_dask", "shard_done", "shard_paths", "worker_model"]
from .runner import RunOptions, RunSummary, execute

DEFAULT_PARTITION_SIZE = 64
CONNECT_TIMEOUT = 10.0
#: Dask settings for the workers of the LocalCluster newsents starts itself. It has no dashboard,
#: so nothing reads the statistical profile for which every worker samples its task thread's stack
#: every 10 ms; that sampling and a 20 ms event-loop tick took the GIL from the analysis often
#: enough to cost the workers about 10% CPU time (2 workers, 200 news articles). A cluster of your
#: own keeps its settings: ``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False`` does the same there.
LOCAL_WORKER_CONFIG = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "500ms"}

FileEntry = tuple[str, str]  # (path on disk, article id prefix = path relative to its input root)


class SchedulerUnreachable(ConnectionError):
    """The Dask scheduler at the given address did not answer within the timeout."""


@dataclass
class Plan:
    """The input files cut into partitions, plus what listing them reported."""

    partitions: list[list[FileEntry]]
    skipped: int = 0
    errors: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class PartitionResult:
    """What one partition did (returned by the worker; the shard itself is on disk)."""

    index: int
    articles: int = 0
    mentions: int = 0
    claims: int = 0
    failed: int = 0
    warnings: list[str] = field(default_factory=list)
    resumed: bool = False
    model_meta: Optional[dict] = None


# --------------------------------------------------------------------------- planning (driver)


def plan_partitions(inputs: Sequence[Union[str, Path]], partition_size: int = DEFAULT_PARTITION_SIZE,
                    exclude: Sequence[Union[str, Path]] = ()) -> Plan:
    """List the readable files under ``inputs`` as ``readers.iter_articles`` does and chunk them.

    Ids, order, skipped files (unsupported types, symlink duplicates) and listing errors are the
    reader's own, so the concatenated shards equal a single-process run.
    """
    from ..io.readers import ReadReport, input_files

    if partition_size < 1:
        raise ValueError(f"partition_size must be at least 1, got {partition_size}")
    plan = Plan(partitions=[])

    def error(path: str, kind: str, message: str) -> None:
        plan.errors.append(Failure(path, kind, message).to_dict())

    roots = [Path(p) for p in inputs]
    for root in roots:
        if not os.path.lexists(root):
            raise FileNotFoundError(f"input {root} does not exist")
        if not root.exists():
            raise FileNotFoundError(f"input {root} is a broken symlink -> {os.readlink(root)}")
    report = ReadReport()
    files: list[FileEntry] = [(str(path), rel) for path, rel in
                              input_files(roots, report, error, plan.warnings.append, exclude)]
    plan.skipped = report.skipped
    plan.partitions = [files[i:i + partition_size] for i in range(0, len(files), partition_size)]
    return plan


# --------------------------------------------------------------------------- shards


def shard_paths(out: Path, index: int) -> tuple[Path, Path, Path]:
    """(articles shard, errors shard, done marker) of partition ``index``."""
    d = Path(out) / SHARDS
    return (d / f"articles-{index:05d}.jsonl", d / f"errors-{index:05d}.jsonl", d / f"articles-{index:05d}.done")


def _files_digest(files: Sequence[FileEntry]) -> str:
    return hashlib.sha256(json.dumps([rel for _, rel in files]).encode("utf8")).hexdigest()


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def shard_done(out: Path, index: int, files: Sequence[FileEntry]) -> Optional[dict]:
    """The marker of a complete shard for exactly ``files``, or None (missing, truncated, other files)."""
    art, err, marker = shard_paths(out, index)
    try:
        info = json.loads(marker.read_text(encoding="utf8"))
        if info.get("files") != _files_digest(files):
            return None
        for path, key in ((art, "articles"), (err, "errors")):
            if path.stat().st_size != info[key]["bytes"] or _file_sha256(path) != info[key]["sha256"]:
                return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return info


# --------------------------------------------------------------------------- worker side

_MODELS: dict[str, object] = {}  # one pipeline per worker process, keyed by model name/path
_ZONES: dict[str, object] = {}  # its memory-zone cycler, kept across partitions (processing.ZoneCycler)
_NLP_LOCK = threading.Lock()  # one partition at a time per process: memory zones are per pipeline


def worker_model(model: str):
    """The pipeline ``model``, loaded once per worker process."""
    nlp = _MODELS.get(model)
    if nlp is None:
        from ..pipeline.backend import limit_blas_threads
        from ..pipeline.model import load
        from .allocator import tune_allocator

        limit_blas_threads(1)  # one BLAS thread per worker process: the workers share the cores
        tune_allocator(dask_worker=True)  # keep freed batch memory for reuse (see newsents.runtime.allocator)
        nlp = _MODELS[model] = load(model)
    return nlp


def process_partition(index: int, files: Sequence[FileEntry], out: str, model: str,
                      batch_size: int = 32, max_chars: Optional[int] = None) -> PartitionResult:
    """Read and analyse one partition's files and write its shard atomically (runs on a worker).

    Errors are ordered as in ``batch.run``: read errors as the reader meets them, processing
    errors as they occur. The NLP runs inside the worker's memory zones (``processing.ZoneCycler``,
    kept across partitions and renewed every ``ZONE_DOCS`` docs), so strings interned for these
    documents are freed without a cold vocabulary per partition; only ``Article`` records leave them.
    """
    from ..io.clean import Cleaner
    from ..io.readers import ReadReport
    from ..pipeline.model import model_meta
    from .processing import process_articles

    nlp = worker_model(model)
    report = ReadReport()
    result = PartitionResult(index=index)
    # streamed: a big .jsonl file need not fit in memory as JSON
    articles = AtomicFile(shard_paths(Path(out), index)[0], hashed=True)
    errors: list[str] = []

    def on_error(err: Failure) -> None:
        result.failed += 1
        errors.append(error_line(err.to_dict()))

    seen_errors = 0
    with _NLP_LOCK:  # a worker with several threads runs its partitions one after another
        zones = _zones(model, nlp)
        try:
            limit = {"max_article_chars": max_chars} if max_chars else {}
            for article in process_articles(nlp, _read_partition(files, report), Cleaner(), batch_size=batch_size,
                                            n_process=1, on_error=on_error, zones=zones, finish=encode_article,
                                            **limit):
                articles.write_line(article.line)
                result.articles += 1
                result.claims += article.claims
                result.mentions += article.mentions
                while seen_errors < len(report.errors):
                    errors.append(error_line(report.errors[seen_errors].to_dict()))
                    seen_errors += 1
        except BaseException:
            zones.close()
            articles.abort()
            raise
    for err in report.errors[seen_errors:]:
        errors.append(error_line(err.to_dict()))
    result.failed += len(report.errors)
    result.warnings = list(report.warnings)

    _commit_shard(Path(out), index, files, articles, errors, result)
    result.model_meta = model_meta(nlp)
    return result


def _read_partition(files: Sequence[FileEntry], report):
    """The raw articles of a partition's files, in order; read errors and warnings go to ``report``."""
    from ..io.readers import read_file

    def error(path: str, kind: str, message: str) -> None:
        report.errors.append(Failure(path, kind, message))

    for path, rel in files:
        for art in read_file(Path(path), rel, Path(path).suffix.lower(), error, report.warnings.append):
            report.read += 1
            yield art


def _zones(model: str, nlp):
    """The worker's memory-zone cycler of ``model``, kept across partitions."""
    from .processing import ZoneCycler

    zones = _ZONES.get(model)
    if zones is None:
        zones = _ZONES[model] = ZoneCycler(nlp)
    return zones


def _commit_shard(out: Path, index: int, files: Sequence[FileEntry], articles: AtomicFile, errors: list[str],
                  result: PartitionResult) -> None:
    """Move the partition's article and error shards into place, then write its done marker."""
    err_file = AtomicFile(shard_paths(out, index)[1], hashed=True)
    for line in errors:
        err_file.write_line(line)
    try:
        art_info = articles.commit()
    except BaseException:
        articles.abort()
        err_file.abort()
        raise
    info = {"index": index, "files": _files_digest(files), "articles": art_info, "errors": err_file.commit(),
            "mentions": result.mentions, "claims": result.claims, "failed": result.failed, "warnings": result.warnings}
    atomic_write_text(shard_paths(out, index)[2], json.dumps(info, ensure_ascii=False) + "\n")  # last: done


# --------------------------------------------------------------------------- driver


def connect(scheduler: Optional[str] = None, n_workers: int = 2, threads_per_worker: int = 1,
            timeout: float = CONNECT_TIMEOUT):
    """A Dask client and the LocalCluster it owns (None for a remote scheduler).

    Raises ``SchedulerUnreachable`` naming the address when ``scheduler`` does not answer in ``timeout`` s.
    """
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout=timeout), None
        except Exception as err:  # timeouts, refused connections, and peers that do not speak Dask's protocol
            raise SchedulerUnreachable(
                f"could not connect to a Dask scheduler at {scheduler} (timeout {timeout:g} s; {type(err).__name__}: "
                f"{str(err)[:120]}); start one with `dask scheduler` or leave out --scheduler for a local "
                f"cluster") from err
    import dask

    with dask.config.set(LOCAL_WORKER_CONFIG):  # read by the nannies as they start (the caller's config stays)
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=threads_per_worker, processes=True,
                               dashboard_address=None)
    return Client(cluster), cluster


def _remove_shard(out: Path, index: int) -> None:
    """Drop what is left of partition ``index``'s shard (files only), so it is redone from scratch."""
    for path in shard_paths(out, index):
        if path.is_file():
            path.unlink()


def _concat(out: Path, name: str, sources: Sequence[Union[Path, list[str]]]) -> None:
    """Stream shard files (or lists of ready lines) in order into ``out/name`` atomically."""
    with AtomicFile(out / name) as dst:
        for src in sources:
            if isinstance(src, Path):
                with open(src, "rb") as f:
                    for block in iter(lambda f=f: f.read(1 << 20), b""):
                        dst.write(block)
            else:
                for line in src:
                    dst.write_line(line)


class DaskEngine:
    """Partitions of input files mapped onto Dask workers; each writes its shard, and the driver
    joins the shards in partition order into the folder's ``articles.jsonl`` and ``errors.jsonl``.

    Uses ``client`` if given, else connects to ``options.scheduler`` (``tcp://host:8786``), else
    starts a LocalCluster of ``options.n_workers`` single-threaded processes and shuts it down."""

    sharded = True

    def __init__(self, client=None):
        self.client = client
        self.plan = Plan(partitions=[])
        self.model_name = ""
        self.model_meta: Optional[dict] = None
        self.results: dict[int, PartitionResult] = {}

    def prepare(self, options: RunOptions) -> None:
        from ..pipeline.model import resolve_model

        out = Path(options.out)
        self.plan = plan_partitions(options.inputs, options.partition_size, exclude=[out])  # before any work
        self.model_name = resolve_model(options.model)[0]  # resolved here: every worker loads the same pipeline
        if os.path.exists(self.model_name):
            self.model_name = str(Path(self.model_name).resolve())

    def map(self, options: RunOptions, folder: OutputFolder, summary: RunSummary,
            progress: Optional[Callable[[int], None]]) -> None:
        out, plan = folder.path, self.plan
        results, todo = _resumed_shards(plan, out, options.resume, summary)
        failed_lines: dict[int, list[str]] = {}
        if todo:
            client, cluster = self.client, None
            if client is None:
                client, cluster = connect(options.scheduler, n_workers=options.n_workers,
                                          timeout=options.connect_timeout)
            try:
                task = functools.partial(process_partition, out=str(out.resolve()), model=self.model_name,
                                         batch_size=options.batch_size, max_chars=options.max_chars)
                self.model_meta = _run_partitions(client, task, plan, todo, out, options.retries, results,
                                                  failed_lines, progress)
            finally:
                if self.client is None:
                    client.close()
                    if cluster is not None:
                        cluster.close()
        _join_shards(plan, out, results, failed_lines, summary)
        self.results = results

    def write_parquet(self, folder: OutputFolder) -> None:
        from ..io.parquet import write_parquet

        write_parquet(folder.path, [(i, self.results[i].articles) for i in sorted(self.results)])

    def manifest(self, options: RunOptions) -> tuple[dict, dict]:
        return self.model_meta or {"source": self.model_name}, {
            "engine": "dask", "scheduler": options.scheduler, "partition_size": options.partition_size,
            "partitions": len(self.plan.partitions), "batch_size": options.batch_size, "resume": options.resume,
            "format": options.fmt}


def run_dask(
    inputs: Sequence[Union[str, Path]],
    out: Union[str, Path],
    client=None,
    progress: Optional[Callable[[int], None]] = None,
    **options,
) -> RunSummary:
    """Process ``inputs`` into ``out`` on Dask and return the summary (same folder layout as
    ``batch.run``); ``options`` are the fields of :class:`RunOptions` (``model``, ``scheduler``,
    ``partition_size``, ``n_workers``, ``batch_size``, ``resume``, ``overwrite``, ``aliases``,
    ``connect_timeout``, ``retries``, ``fmt``, ``max_chars``). ``progress(n)`` is called with the
    article count of each finished partition. ``fmt="parquet"`` also writes
    ``DIR/parquet/{articles,mentions,claims}-NNNNN.parquet`` per shard (JSONL is always kept)."""
    return execute(RunOptions(list(inputs), out, **options), DaskEngine(client), progress)


def _resumed_shards(plan: Plan, out: Path, resume: bool,
                    summary: RunSummary) -> tuple[dict[int, PartitionResult], list[int]]:
    """(results of the partitions whose shard is complete (on --resume), indexes of those to run)."""
    results: dict[int, PartitionResult] = {}
    todo = []
    for i, files in enumerate(plan.partitions):
        info = shard_done(out, i, files) if resume else None
        if info is not None:
            results[i] = PartitionResult(index=i, articles=info["articles"]["lines"], mentions=info["mentions"],
                                         claims=info["claims"], failed=info["failed"],
                                         warnings=info.get("warnings", []), resumed=True)
            summary.resumed += info["articles"]["lines"]
        else:
            _remove_shard(out, i)
            todo.append(i)
    return results, todo


def _run_partitions(client, task: Callable, plan: Plan, todo: list[int], out: Path, retries: int,
                    results: dict[int, PartitionResult], failed_lines: dict[int, list[str]],
                    progress) -> Optional[dict]:
    """Run ``task`` (``process_partition``) for each partition in ``todo`` on Dask; a partition that
    fails after its retries becomes one ``PartitionFailed`` error per file. Returns the model meta."""
    from distributed import as_completed

    token = hashlib.sha256(f"{out.resolve()}|{time.time_ns()}".encode()).hexdigest()[:10]
    futures = {client.submit(task, i, plan.partitions[i], retries=retries, pure=False,
                             key=f"newsents-partition-{i:05d}-{token}"): i for i in todo}
    model_meta = None
    for fut in as_completed(futures):
        i = futures[fut]
        try:
            res = fut.result()
        except Exception as err:  # noqa: BLE001  (also KilledWorker, CancelledError)
            tries = f"{retries} retr{'y' if retries == 1 else 'ies'}"
            failed_lines[i] = [dumps({"path": rel, "error": "PartitionFailed", "message":
                                      f"{rel}: partition {i} failed after {tries}: {type(err).__name__}: {err}"})
                               for _, rel in plan.partitions[i]]
            _remove_shard(out, i)
            continue
        finally:
            fut.release()
        results[i] = res
        model_meta = model_meta or res.model_meta
        if progress:
            progress(res.articles)
    return model_meta


def _join_shards(plan: Plan, out: Path, results: dict[int, PartitionResult], failed_lines: dict[int, list[str]],
                 summary: RunSummary) -> None:
    """Concatenate the shards in partition order into articles.jsonl and errors.jsonl; count them."""
    article_sources: list[Union[Path, list[str]]] = []
    error_sources: list[Union[Path, list[str]]] = [[dumps(e) for e in plan.errors]]
    for i in range(len(plan.partitions)):
        art, err, _ = shard_paths(out, i)
        if i in results:
            article_sources.append(art)
            error_sources.append(err)
            r = results[i]
            if not r.resumed:  # as in batch.run: this run's work, resumed articles apart
                summary.articles += r.articles
            summary.failed += r.failed
            summary.warnings.extend(r.warnings)
        else:
            error_sources.append(failed_lines.get(i, []))
            summary.failed += len(plan.partitions[i])
    summary.failed += len(plan.errors)
    summary.skipped = plan.skipped
    summary.warnings = plan.warnings + summary.warnings
    _concat(out, ARTICLES, article_sources)
    _concat(out, ERRORS, error_sources)
