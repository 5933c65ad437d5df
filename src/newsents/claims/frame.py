"""Claims as a table, for notebooks."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas

COLUMNS = ["article", "date", "speaker", "speaker_entity", "mode", "cue", "content", "via", "hearsay",
           "speaker_name", "resolution", "affiliation"]


def claims_frame(articles) -> pandas.DataFrame:
    """One row per claim of ``articles`` (Article objects or articles.jsonl dicts): who (the words at the
    cue, the entity they resolve to and its name, how they were resolved), what, how, relayed by whom."""
    import pandas as pd

    rows = []
    for a in articles:
        d = a.to_dict() if hasattr(a, "to_dict") else a
        for c in d.get("claims", []):
            sp = c.get("speaker") or {}
            rows.append({
                "article": d.get("id"),
                "date": d.get("date"),
                "speaker": sp.get("text"),
                "speaker_entity": sp.get("entity_id"),
                "speaker_name": sp.get("name"),
                "resolution": sp.get("resolution"),
                "mode": c.get("mode"),
                "cue": (c.get("cue") or {}).get("text"),
                "content": c["content"]["text"],
                "via": (c.get("via") or {}).get("text"),
                "affiliation": (c.get("affiliation") or {}).get("text"),
                "hearsay": bool(c.get("hearsay", False)),
            })
    return pd.DataFrame(rows, columns=COLUMNS)
