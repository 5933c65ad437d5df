"""Where the evaluation data (``shared/data``) is: the evaluations and benchmarks read it, nothing
ships it. Looked for in this order: ``--data``, ``$NEWSENTS_DATA``, ``./shared/data``,
``../shared/data`` (from the repository or the current folder), the source checkout's sibling
``shared/data``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Union

ENV_VAR = "NEWSENTS_DATA"
_CHECKOUT = Path(__file__).resolve().parents[3]  # the repository, for a source (editable) install


class DataNotFound(FileNotFoundError):
    """No evaluation data where it was looked for; the message lists the places."""


def candidates(explicit: Optional[Union[str, Path]] = None) -> list[Path]:
    if explicit is not None:
        return [Path(explicit)]
    found = [Path(os.environ[ENV_VAR])] if os.environ.get(ENV_VAR) else []
    cwd = Path.cwd()
    return found + [cwd / "shared" / "data", cwd.parent / "shared" / "data", _CHECKOUT.parent / "shared" / "data"]


def find_data(explicit: Optional[Union[str, Path]] = None, needs: str = "") -> Path:
    """The data folder (holding ``needs``, e.g. ``germeval2014``); raises :class:`DataNotFound`."""
    tried = candidates(explicit)
    for path in tried:
        if (path / needs).exists():
            return path
    raise DataNotFound(f"evaluation data{f' ({needs})' if needs else ''} not found in "
                       f"{', '.join(str(p) for p in tried)}; pass --data DIR or set ${ENV_VAR}")
