"""The one way newsents reads its data files: lines, tab-separated rows and JSON, with errors that
name the file and line.

Data files are UTF-8; ``#`` starts a comment line and blank lines are skipped. A name is looked up
in ``knowledge/data``; a path is read as it is (users pass their own files).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

#: The folder of newsents' data files (installed as package data).
DATA_DIR = Path(__file__).resolve().parent / "data"

PathLike = Union[str, Path]


class DataFileError(ValueError):
    """A data file is missing or malformed; the message names the file, the line and the reason."""

    def __init__(self, path: PathLike, reason: str, line: Optional[int] = None):
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {reason}")
        self.path, self.line, self.reason = str(path), line, reason


def data_path(name: PathLike) -> Path:
    """A ``str`` names a file in ``knowledge/data`` (``"roles.tsv"``, ``"kb/media.tsv"``); a ``Path``
    is used as it is (a user's own file)."""
    return name if isinstance(name, Path) else DATA_DIR / name


def read_text(name: PathLike) -> tuple[Path, str]:
    path = data_path(name)
    try:
        return path, path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except UnicodeDecodeError as err:
        raise DataFileError(path, f"not UTF-8 ({err.reason} at byte {err.start})") from None


@dataclass(frozen=True)
class Row:
    """One row of a tab-separated data file, with its line number for error messages."""

    path: Path
    line: int
    cells: tuple[str, ...]

    def __getitem__(self, i: int) -> str:
        return self.cells[i]

    def __len__(self) -> int:
        return len(self.cells)

    def get(self, i: int, default: str = "") -> str:
        return self.cells[i] if i < len(self.cells) and self.cells[i] != "" else default

    def error(self, reason: str) -> DataFileError:
        return DataFileError(self.path, reason, self.line)


def iter_lines(name: PathLike) -> Iterator[tuple[int, str]]:
    """(line number, line) of the lines that are neither blank nor comments, without the newline."""
    _path, text = read_text(name)
    return _content_lines(text)


def _content_lines(text: str) -> Iterator[tuple[int, str]]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield lineno, line


def read_lines(name: PathLike) -> list[str]:
    """The lines that are neither blank nor comments, without the newline."""
    return [line for _, line in iter_lines(name)]


def read_rows(name: PathLike, min_columns: int = 1, max_columns: Optional[int] = None,
              header: Optional[tuple[str, ...]] = None) -> Iterator[Row]:
    """Rows of a tab-separated file (cells stripped). ``header``: the first row must be exactly
    these column names (it is not yielded). Rows with fewer than ``min_columns`` or more than
    ``max_columns`` cells are an error naming the line."""
    path, text = read_text(name)
    return parse_rows(text, path, min_columns, max_columns, header)


def parse_rows(text: str, source: PathLike, min_columns: int = 1, max_columns: Optional[int] = None,
               header: Optional[tuple[str, ...]] = None) -> Iterator[Row]:
    """:func:`read_rows` of a file's text (``source`` names it in errors), e.g. data saved with a pipeline."""
    path = Path(source)
    first = header is not None
    for lineno, line in _content_lines(text):
        cells = tuple(c.strip() for c in line.split("\t"))
        if first:
            if cells != header:
                raise DataFileError(path, f"expected the header {' | '.join(header)}, got {' | '.join(cells)}", lineno)
            first = False
            continue
        if len(cells) < min_columns or max_columns is not None and len(cells) > max_columns:
            want = f"{min_columns}" if max_columns == min_columns else f"{min_columns} to {max_columns or 'any'}"
            raise DataFileError(path, f"expected {want} tab-separated columns, got {len(cells)}", lineno)
        yield Row(path, lineno, cells)


def read_json(name: PathLike) -> Any:
    """A JSON data file; keys starting with ``_`` (comments) are dropped from a top-level object."""
    path, text = read_text(name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise DataFileError(path, f"invalid JSON: {err.msg} (column {err.colno})", err.lineno) from None
    if isinstance(data, dict):
        return {k: v for k, v in data.items() if not k.startswith("_")}
    return data
