"""What newsents knows about German and about the news world, as validated data files.

Every word list, lexicon and the knowledge base live in ``knowledge/data/`` and are read through
this package; no other module opens a data file itself.
"""

from pathlib import Path

#: The folder of newsents' data files (installed as package data).
DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(name: str) -> Path:
    """The path of the data file ``name`` (relative to ``knowledge/data``)."""
    return DATA_DIR / name
