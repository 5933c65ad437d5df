"""Corpus-level linking: name variants of one real entity within and across articles get one id."""
