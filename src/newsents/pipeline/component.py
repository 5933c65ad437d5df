"""The shape every newsents pipeline component shares, after spaCy's own rule components
(``Sentencizer``, ``EntityRuler``): a ``Pipe`` whose knowledge is named data.

- The data (lists and dicts of strings) comes from ``newsents.knowledge`` unless it is given to
  ``initialize(data=...)``; it is loaded on first use, so a pipeline read from disk loads it once.
- ``to_bytes``/``from_bytes`` and ``to_disk``/``from_disk`` save and restore exactly that data (one
  file per key on disk: ``.json``, ``.msgpack`` or plain text for ``.tsv``/``.txt``).
- ``set_error_handler`` comes from ``Pipe``: ``nlp.pipe`` hands a failing document to the handler
  (``Pipe.pipe``); the default re-raises.

Subclasses name their files, say where the default data comes from and build their tables from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar, Optional

import srsly
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc
from spacy.util import ensure_path

TEXT_SUFFIXES = (".tsv", ".txt")


class DataComponent(Pipe):
    """A rule component whose state is ``data``: a dict of named, serialisable values."""

    #: data key -> file name in the component's folder (its suffix says how it is written)
    files: ClassVar[dict[str, str]] = {}

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.vocab = nlp.vocab
        self._data: Optional[dict[str, Any]] = None

    # --- data ---------------------------------------------------------------------------------
    def default_data(self) -> dict[str, Any]:
        """The data shipped with newsents (``knowledge/data``)."""
        raise NotImplementedError

    def set_data(self, data: dict[str, Any]) -> None:
        """Build the component's tables from ``data``; subclasses extend this and call it."""
        missing = [key for key in self.files if key not in data]
        if missing:
            raise ValueError(f"{self.name}: data lacks {', '.join(missing)} (needs {', '.join(self.files)})")
        self._data = {key: data[key] for key in self.files}

    @property
    def data(self) -> dict[str, Any]:
        self.ensure_data()
        assert self._data is not None
        return self._data

    def ensure_data(self) -> None:
        """Load the default data unless data was set (``__call__`` starts with this)."""
        if self._data is None:
            self.set_data(self.default_data())

    def initialize(self, get_examples=None, *, nlp: Optional[Language] = None,
                   data: Optional[dict[str, Any]] = None) -> None:
        """Set the data: ``data`` (keys as in :attr:`files`) or the shipped default."""
        self.set_data(data if data is not None else self.default_data())

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    # --- serialisation ------------------------------------------------------------------------
    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps(self.data)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = tuple()) -> DataComponent:
        self.set_data(srsly.msgpack_loads(bytes_data))
        return self

    def to_disk(self, path, *, exclude: Iterable[str] = tuple()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        for key, file in self.files.items():
            _write(path / file, self.data[key])

    def from_disk(self, path, *, exclude: Iterable[str] = tuple()) -> DataComponent:
        path = ensure_path(path)
        self.set_data({key: _read(path / file) for key, file in self.files.items()})
        return self


def _write(path: Path, value: Any) -> None:
    if path.suffix == ".msgpack":
        srsly.write_msgpack(path, value)
    elif path.suffix in TEXT_SUFFIXES:
        path.write_text(value, encoding="utf8")
    else:
        srsly.write_json(path, value)


def _read(path: Path) -> Any:
    if not path.exists():
        raise FileNotFoundError(f"{path.parent.name}: {path.name} is missing from the saved component")
    if path.suffix == ".msgpack":
        return srsly.read_msgpack(path)
    if path.suffix in TEXT_SUFFIXES:
        return path.read_text(encoding="utf8")
    return srsly.read_json(path)
