"""The one way newsents writes a finished file: atomically.

:class:`AtomicFile` writes to a temporary file beside the target (``NAME.<pid>.tmp``), and on
:meth:`~AtomicFile.commit` flushes, fsyncs, gives it normal permissions and renames it into place,
so no reader ever sees half a file and a killed run leaves at most a ``.tmp`` that the next run
removes. Used as a context manager it commits on success and removes the temporary file on any
error. It can count lines and bytes and hash what it wrote (Dask shards record that), and it can
hand its temporary path to a library that writes the file itself (Parquet).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any, Optional, Union

TMP_SUFFIX = ".tmp"


def dumps(record: Any) -> str:
    """One JSON line, compact, UTF-8 as it is (``ensure_ascii=False``)."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


class AtomicFile:
    """A file that appears at ``path`` whole, or not at all."""

    def __init__(self, path: Union[str, Path], hashed: bool = False, open_file: bool = True):
        self.path = Path(path)
        self.tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}{TMP_SUFFIX}")
        self.file: Optional[IO[bytes]] = open(self.tmp, "wb") if open_file else None
        self.hash = hashlib.sha256() if hashed else None
        self.bytes = self.lines = 0

    def write(self, data: Union[str, bytes]) -> None:
        raw = data.encode("utf8") if isinstance(data, str) else data
        assert self.file is not None, "this AtomicFile hands its path to another writer"
        self.file.write(raw)
        if self.hash is not None:
            self.hash.update(raw)
        self.bytes += len(raw)

    def write_line(self, line: str) -> None:
        self.write(line + "\n")
        self.lines += 1

    def commit(self) -> dict[str, Any]:
        """Move the finished file into place; returns its size, line count (and SHA-256 if hashed)."""
        if self.file is not None:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
        os.chmod(self.tmp, _umask_mode())
        os.replace(self.tmp, self.path)
        info: dict[str, Any] = {"bytes": self.bytes, "lines": self.lines}
        if self.hash is not None:
            info["sha256"] = self.hash.hexdigest()
        return info

    def abort(self) -> None:
        if self.file is not None and not self.file.closed:
            self.file.close()
        self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def atomic_write_text(path: Union[str, Path], text: str) -> None:
    """Write ``text`` to ``path`` atomically."""
    with AtomicFile(path) as f:
        f.write(text)


def atomic_write_jsonl(path: Union[str, Path], records: Iterable[dict[str, Any]]) -> int:
    """Stream ``records`` into ``path`` as JSON lines, atomically; returns the number of lines."""
    with AtomicFile(path) as f:
        for rec in records:
            f.write_line(dumps(rec))
    return f.lines


def remove_leftovers(folder: Path) -> None:
    """Remove the temporary files a killed run left in ``folder``."""
    for tmp in Path(folder).glob(f"*{TMP_SUFFIX}"):
        tmp.unlink(missing_ok=True)
