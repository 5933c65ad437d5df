"""The output folder of ``newsents process``: atomic files, resumable article stream.

``articles.jsonl`` grows as ``articles.jsonl.partial`` while a run is going (flushed per article,
so a killed run loses at most the line being written) and is renamed into place when the run
ends. ``--resume`` keeps the complete lines of the partial (or final) file and skips their ids.
Every other file is written to a temp file and renamed, so no reader ever sees half a file.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Optional

from .files import atomic_write_jsonl, atomic_write_text, dumps, remove_leftovers
from .lock import FolderLock, FolderLocked

if TYPE_CHECKING:
    from ..core.records import Article

ARTICLES = "articles.jsonl"
ENTITIES = "entities.jsonl"
ERRORS = "errors.jsonl"
MANIFEST = "manifest.json"
GRAPH = "graph.graphml"
PARTIAL = ".partial"
SHARDS = "shards"

log = logging.getLogger("newsents")


class OutputError(RuntimeError):
    """The output folder cannot be used (exists without --resume/--overwrite, not writable, in use)."""


__all__ = ["FolderLocked", "JsonlError", "OutputError", "OutputFolder", "atomic_write_jsonl", "atomic_write_text",
           "dumps"]




def error_line(record: dict[str, Any]) -> str:
    """An ``errors.jsonl`` line; strings that cannot be UTF-8 (lone surrogates) are escaped, so an
    error line is always writable."""
    line = dumps(record)
    try:
        line.encode("utf8")
    except UnicodeEncodeError:
        line = json.dumps(record, ensure_ascii=True, separators=(",", ":"))
    return line


@dataclass(frozen=True)
class ArticleLine:
    """An analysed article as its ``articles.jsonl`` line, with the counts a run reports of it.

    Worker processes send these instead of ``Article`` objects: a string pickles at a fraction of
    the cost of the object tree, and the process writing the output only has to write it.
    """

    id: str
    line: str  # the JSON record, without its newline
    mentions: int
    claims: int


def encode_article(article: Article) -> ArticleLine:
    """``article`` as the line ``articles.jsonl`` holds for it."""
    return ArticleLine(article.id, dumps(article.to_dict()), len(article.entities), len(article.claims))


class JsonlError(ValueError):
    """A bad line of a JSON-lines file read with ``strict=True``; names the file and line."""


def iter_jsonl(path: Path, required: Optional[str] = "id", strict: bool = False) -> Iterator[dict[str, Any]]:
    """Stream the records (objects, with key ``required`` unless it is None) of a JSON-lines file;
    blank lines are skipped. Invalid lines (e.g. the truncated last line of a killed run) are
    skipped with one warning saying how many, or with ``strict=True`` raise :class:`JsonlError`."""
    bad: list[int] = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                problem = f"not valid JSON ({e.msg})"
            else:
                if isinstance(rec, dict) and (required is None or required in rec):
                    yield rec
                    continue
                problem = (f"expected a JSON object, got {type(rec).__name__}" if not isinstance(rec, dict)
                           else f"the record has no {required!r}")
            if strict:
                raise JsonlError(f"{path}:{lineno}: {problem}")
            bad.append(lineno)
    if bad:
        where = ", ".join(map(str, bad[:5])) + (" ..." if len(bad) > 5 else "")
        warnings.warn(f"{path}: skipped {len(bad)} invalid line(s) (line {where}); read what was valid",
                      stacklevel=2)


class OutputFolder:
    """Owns ``DIR`` for a run: checks and locks it, prepares it (refuse to clobber, resume, overwrite),
    appends articles and errors, finalises files and writes the manifest last.

    ``sharded=True`` prepares it for the Dask engine, whose workers write ``DIR/shards/`` and whose
    driver then joins the shards into ``articles.jsonl`` and ``errors.jsonl`` (no streams here)."""

    def __init__(self, path: Path, resume: bool = False, overwrite: bool = False, sharded: bool = False):
        self.path = Path(path)
        self.resume = resume
        self.overwrite = overwrite
        self.sharded = sharded
        self.done_ids: set[str] = set()
        self.resumed_articles = 0
        self._articles: Optional[IO[str]] = None
        self._errors: Optional[IO[str]] = None
        self._lock: Optional[FolderLock] = None

    @property
    def articles_path(self) -> Path:
        return self.path / ARTICLES

    def open(self) -> OutputFolder:
        """Prepare the folder: refuse to clobber, recover a partial run on resume."""
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(f"cannot create output folder {self.path}: {err.strerror}") from err
        if not os.access(self.path, os.W_OK | os.X_OK):
            raise OutputError(f"output folder {self.path} is not writable")
        self._lock = FolderLock(self.path).acquire()  # before anything in the folder is touched
        remove_leftovers(self.path)  # temporary files of a run killed while it wrote them
        try:
            self._prepare_shards() if self.sharded else self._prepare()
        except BaseException:
            self.release()
            raise
        return self

    def _prepare(self) -> None:
        final = self.articles_path
        partial = self.path / (ARTICLES + PARTIAL)
        self._refuse_to_clobber(final.exists() or partial.exists())
        if self.overwrite and not self.resume:
            self._unlink(ARTICLES, ARTICLES + PARTIAL, ERRORS, ERRORS + PARTIAL, ENTITIES, MANIFEST, GRAPH)
        if self.resume:
            if not partial.exists() and final.exists():
                os.replace(final, partial)
            if partial.exists():
                self._truncate_to_complete_lines(partial)
                for rec in iter_jsonl(partial):
                    self.done_ids.add(rec["id"])
                self.resumed_articles = len(self.done_ids)
            # every input not yet done is read and processed again, so its errors recur: start afresh
            self._unlink(ERRORS, ERRORS + PARTIAL)
        self._articles = open(partial, "a", encoding="utf8")
        self._errors = open(self.path / (ERRORS + PARTIAL), "w", encoding="utf8")

    def _prepare_shards(self) -> None:
        shards = self.path / SHARDS
        try:
            shards.mkdir(exist_ok=True)
        except OSError as err:
            raise OutputError(f"cannot create output folder {shards}: {err.strerror}") from err
        self._refuse_to_clobber(self.articles_path.exists() or any(shards.iterdir()))
        if self.overwrite and not self.resume:
            shutil.rmtree(shards)
            shards.mkdir()
            self._unlink(ARTICLES, ENTITIES, ERRORS, MANIFEST, GRAPH)
        for tmp in shards.glob("*.tmp"):  # left by a killed worker
            tmp.unlink()

    def _refuse_to_clobber(self, used: bool) -> None:
        if used and not (self.resume or self.overwrite):
            raise OutputError(
                f"{self.path} already holds newsents output; pass --resume to continue it or --overwrite to replace it")

    def _unlink(self, *names: str) -> None:
        for name in names:
            (self.path / name).unlink(missing_ok=True)

    @staticmethod
    def _truncate_to_complete_lines(path: Path) -> None:
        """Cut a line a killed run left half-written."""
        with open(path, "rb+") as f:
            data = f.read()
            if data and not data.endswith(b"\n"):
                f.truncate(data.rfind(b"\n") + 1)

    def write_article(self, article: ArticleLine) -> bool:
        """Append one article's line; a line that cannot be encoded becomes an error line instead
        (returns False). An OS error (a full disk) is raised: the run stops, resumable."""
        assert self._articles is not None, "call open() first"
        try:
            data = article.line.encode("utf8") + b"\n"
        except UnicodeEncodeError as err:
            self.write_error({"path": article.id, "error": "UnicodeEncodeError",
                              "message": f"{article.id}: the analysed article cannot be written as UTF-8 "
                                         f"({err.reason})"})
            return False
        self._articles.buffer.write(data)
        self._articles.flush()
        self.done_ids.add(article.id)
        return True

    def write_error(self, record: dict[str, Any]) -> None:
        assert self._errors is not None, "call open() first"
        self._errors.write(error_line(record) + "\n")
        self._errors.flush()

    def finish(self) -> None:
        """Close the streams and move the finished files into place (sharded: the engine joined them)."""
        if self.sharded:
            return
        for name, handle in ((ARTICLES, self._articles), (ERRORS, self._errors)):
            if handle is not None:
                handle.flush()
                os.fsync(handle.fileno())
                handle.close()
            os.replace(self.path / (name + PARTIAL), self.path / name)
        self._articles = self._errors = None

    def close(self) -> None:
        """Close without finalising (an interrupted run stays resumable) and release the folder.

        Only a run that stops early gets here with open streams, so it is already failing with its own
        error: a stream that cannot flush its rest (a full disk refuses it again) is closed anyway, its
        half-written line is cut by ``--resume``, and the lock is released all the same."""
        handles, self._articles, self._errors = (self._articles, self._errors), None, None
        try:
            for handle in handles:
                if handle is not None:
                    try:
                        handle.close()
                    except OSError as err:
                        log.warning("%s: closing %s failed: %s", self.path, handle.name, err)
        finally:
            self.release()

    def release(self) -> None:
        """Release the folder's lock (after the run's last write: the manifest)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        atomic_write_text(self.path / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
