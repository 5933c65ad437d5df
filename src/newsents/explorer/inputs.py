"""Reading what the explorer shows: an output folder of ``newsents process`` (``articles.jsonl``,
``entities.jsonl``) or records in memory, checked so that bad input fails with a clear message."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Union

from ..io.output import ARTICLES, ENTITIES, JsonlError, iter_jsonl


class ExplorerInputError(ValueError):
    """The input cannot be shown: a missing or empty output folder, or unreadable records."""


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSONL file (blank lines skipped); a bad line names file and line."""
    try:
        yield from iter_jsonl(path, required=None, strict=True)
    except JsonlError as e:
        raise ExplorerInputError(str(e)) from None


def read_output(out_dir: Union[str, Path]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``(articles, entities)`` of an output folder; raises :class:`ExplorerInputError` when the folder
    is missing, is not an output folder, or holds no articles."""
    out = Path(out_dir)
    if not out.exists():
        raise ExplorerInputError(f"{out}: no such output folder")
    if not out.is_dir():
        raise ExplorerInputError(f"{out}: not a folder (expected the output folder of `newsents process`)")
    path = out / ARTICLES
    if not path.is_file():
        raise ExplorerInputError(
            f"{out}: no {ARTICLES} in this folder (make one with `newsents process INPUT --out {out}`)")
    articles = list(read_jsonl(path))
    if not articles:
        raise ExplorerInputError(f"{out}: {ARTICLES} holds no articles, so there is nothing to show")
    ents_path = out / ENTITIES
    entities = list(read_jsonl(ents_path)) if ents_path.is_file() else []
    return articles, entities


def as_records(articles: Iterable[Any]) -> list[dict[str, Any]]:
    """Article dicts from dicts or objects with ``to_dict`` (``newsents.Article``)."""
    out = []
    for i, a in enumerate(articles):
        if not isinstance(a, Mapping) and hasattr(a, "to_dict"):
            a = a.to_dict()
        if not isinstance(a, Mapping):
            raise ExplorerInputError(f"article {i}: expected a dict record, got {type(a).__name__}")
        out.append(dict(a))
    if not out:
        raise ExplorerInputError("no articles: there is nothing to show")
    return out


def entity_map(entities: Union[None, Mapping[str, Any], Iterable[Any]]) -> dict[str, dict[str, Any]]:
    """``{entity_id: record}`` from the entities.jsonl records (a list, or a mapping already)."""
    if entities is None:
        return {}
    items = entities.values() if isinstance(entities, Mapping) else entities
    out: dict[str, dict[str, Any]] = {}
    for e in items:
        if not isinstance(e, Mapping) and hasattr(e, "to_dict"):
            e = e.to_dict()
        if isinstance(e, Mapping) and e.get("entity_id"):
            out[str(e["entity_id"])] = dict(e)
    return out
