"""The record model every layer shares (articles, mentions, claims, failures), its display, and small
helpers."""

__version__ = "0.1.0"
