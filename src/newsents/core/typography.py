"""Typography every layer reads: the pairs of quotation marks German news writes.

„…“, »…«, «…» (Swiss), “…”, ‚…‘ and "…"; the quote finder of :mod:`newsents.claims.quotes` pairs
them into quotes, the knowledge-base ruler reads a quoted name (der „Standard“) with them.
"""

from __future__ import annotations

#: opening mark -> the closing marks it accepts
QUOTE_PAIRS = {"„": "“”\"", "»": "«", "«": "»", "“": "”", "‚": "‘’", '"': '"'}


def closes(opening: str, closing: str) -> bool:
    """Whether the mark ``closing`` ends a quote that ``opening`` began."""
    return len(closing) == 1 and closing in QUOTE_PAIRS.get(opening, "")
