"""The record model every layer shares (articles, mentions, claims, failures) and its display."""
