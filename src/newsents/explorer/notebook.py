"""The explorer inline in Jupyter: the page in a sandboxed ``<iframe srcdoc>``."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Union


class ExplorerView:
    """An explorer page; Jupyter shows it inline (``_repr_html_``), ``save`` writes it to a file."""

    def __init__(self, page: str, height: int = 720):
        self.html = page
        self.height = int(height)

    def _repr_html_(self) -> str:
        # allow-scripts without allow-same-origin: the page runs in an opaque origin and cannot reach
        # the notebook; popups (Wikidata and source links) and downloads (CSV) stay possible
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" title="newsents explorer" '
                f'style="width: 100%; height: {self.height}px; border: 1px solid #d8dde3;" '
                'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads" '
                'referrerpolicy="no-referrer" loading="lazy"></iframe>')

    def save(self, path: Union[str, Path]) -> Path:
        path = Path(path)
        path.write_text(self.html, encoding="utf-8")
        return path

    def __repr__(self) -> str:
        return f"<newsents explorer page, {len(self.html.encode('utf-8')):,} bytes>"
