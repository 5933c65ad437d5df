"""What newsents knows about German and about the news world, as validated data files.

Every word list, lexicon and the knowledge base live in ``knowledge/data/`` and are read through
:mod:`newsents.knowledge.loader`; no other module opens a data file itself.
"""

from .loader import DATA_DIR, DataFileError, data_path, parse_rows, read_json, read_lines, read_rows, read_text

__all__ = ["DATA_DIR", "DataFileError", "data_path", "parse_rows", "read_json", "read_lines", "read_rows", "read_text"]
