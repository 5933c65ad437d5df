"""An offline, interactive explorer of a newsents output: one self-contained HTML page with the
co-mention graph, entity cards, the evidence of co-mentions, article views and a claims table.

    from newsents.explorer import write_html, view
    write_html("out/example")          # -> out/example/explorer.html
    view("out/example")                # inline in Jupyter

Nothing is fetched when the page opens: the data, cytoscape.js and the explorer's own code are inline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Optional, Union

from .inputs import ExplorerInputError, read_output
from .notebook import ExplorerView
from .page import render
from .payload import LEVELS, MAX_MB, build_payload

HTML_NAME = "explorer.html"

__all__ = ["HTML_NAME", "LEVELS", "MAX_MB", "ExplorerInputError", "ExplorerView", "build_html", "build_payload",
           "read_output", "view", "write_html"]


def build_html(articles: Iterable[Any], entities: Union[None, Mapping[str, Any], Iterable[Any]] = None, *,
               level: str = "article", min_weight: int = 1, top: int = 300, title: Optional[str] = None,
               max_edges: int = 2000, max_mb: float = MAX_MB) -> str:
    """The explorer page for article records (dicts of articles.jsonl, or ``Article`` objects) and
    the entities.jsonl records (a list, or a mapping by entity id).

    The graph holds the ``top`` most mentioned entities and their strongest ``max_edges`` co-mentions
    of at least ``min_weight`` (at ``level``: article, sentence or paragraph). The page holds the full
    text and claims of as many articles as fit into ``max_mb`` megabytes, those mentioning most graph
    entities first (all of a small corpus); counts, article lists and evidence cover all articles.
    Raises :class:`ExplorerInputError` for no articles or bad options."""
    payload = build_payload(articles, entities, level=level, min_weight=min_weight, top=top,
                            max_edges=max_edges, max_mb=max_mb, title=title)
    return render(payload)


def _default_title(out_dir: Path) -> str:
    return f"newsents explorer: {out_dir.resolve().name}"


def write_html(out_dir: Union[str, Path], html_path: Union[None, str, Path] = None, **opts: Any) -> Path:
    """Write the explorer page of an output folder (default ``OUT_DIR/explorer.html``); returns its path.
    ``opts`` are those of :func:`build_html`. Raises :class:`ExplorerInputError` for a missing or empty
    output folder."""
    out = Path(out_dir)
    articles, entities = read_output(out)
    opts.setdefault("title", _default_title(out))
    page = build_html(articles, entities, **opts)
    path = Path(html_path) if html_path is not None else out / HTML_NAME
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path


def view(source: Any, *, height: int = 720, **opts: Any) -> ExplorerView:
    """The explorer of ``source`` for Jupyter (shown inline as an iframe): an output folder, an
    explorer ``.html`` file, or a ``Corpus`` (anything with ``to_records()`` and ``entities``).
    ``opts`` are those of :func:`build_html`."""
    if hasattr(source, "to_records"):
        entities = [e.to_dict() if hasattr(e, "to_dict") else e for e in getattr(source, "entities", ())]
        return ExplorerView(build_html(list(source.to_records()), entities, **opts), height=height)
    path = Path(source)
    if path.is_file() and path.suffix.lower() in (".html", ".htm"):
        return ExplorerView(path.read_text(encoding="utf-8"), height=height)
    articles, entities = read_output(path)
    opts.setdefault("title", _default_title(path))
    return ExplorerView(build_html(articles, entities, **opts), height=height)
