"""A hostile output folder: an article whose title, text, names, claims, noise and metadata try to run
code in the explorer page (closing the data script, event handlers, comments, placeholders, a
``javascript:`` link), mixed with quotes, emoji (outside the BMP, so JavaScript offsets differ from
Python's), right-to-left text, U+2028/2029 and a lone surrogate.

Every payload that would run sets ``window.__pwned`` or opens an alert; the tests check neither happens
and that the text is shown literally."""

from __future__ import annotations

import json
from pathlib import Path

SCRIPT = "</script><script>window.__pwned=1;alert(1)</script>"
IMG = '<img src=x onerror="window.__pwned=2;alert(2)">'
TITLE = f'{SCRIPT} „Zitat“ "quoted" & \'single\' {IMG} 🚀 <!-- {{{{DATA}}}}'
EVIL_NAME = f'O\'Brien "{SCRIPT}" 🙂'
ARABIC = "محمد بن سلمان"
HEBREW = "בנימין נתניהו"
EVIL_URL = "javascript:window.__pwned=3;alert(3)"
EVIL_QID = 'Q1" onmouseover="window.__pwned=4'
NOISE = '<svg onload="window.__pwned=5;alert(5)"></svg>'

PARAGRAPHS = [
    TITLE,
    f"🇩🇪 Berlin 🚀 - {EVIL_NAME} sagte, {SCRIPT} sei \u2028 nur ein Test {IMG}.",
    f"{ARABIC} traf {HEBREW} in Berlin\u2029 und {EVIL_NAME} war auch dort.",
    f"„Wir lassen uns nicht einschüchtern {IMG}“, sagte {ARABIC}.",
]
TEXT = "\n\n".join(PARAGRAPHS)

ENTITIES = [
    {"entity_id": "PER:evil", "name": EVIL_NAME, "label": "PER", "variants": {EVIL_NAME: 2, SCRIPT: 1},
     "mentions": 2, "articles": 1, "qid": EVIL_QID, "note": IMG},
    {"entity_id": "PER:mbs", "name": ARABIC, "label": "PER", "variants": {ARABIC: 2}, "mentions": 2, "articles": 1,
     "qid": "Q312515"},
    {"entity_id": "PER:netanjahu", "name": HEBREW, "label": "PER", "variants": {HEBREW: 1}, "mentions": 1,
     "articles": 1},
    {"entity_id": "LOC:berlin", "name": "Berlin", "label": "LOC", "variants": {"Berlin": 2}, "mentions": 2,
     "articles": 1},
]
IDS = {EVIL_NAME: "PER:evil", ARABIC: "PER:mbs", HEBREW: "PER:netanjahu", "Berlin": "LOC:berlin"}


def _span(text: str, needle: str, start: int = 0) -> dict:
    s = TEXT.index(needle, start)
    return {"text": needle, "start": s, "end": s + len(needle)}


def _mentions() -> list[dict]:
    out = []
    for name, eid in IDS.items():
        at = TEXT.find(name)
        while at >= 0:
            out.append({"text": name, "label": eid.split(":")[0], "start": at, "end": at + len(name),
                        "entity_id": eid})
            at = TEXT.find(name, at + len(name))
    return sorted(out, key=lambda m: m["start"])


def _claims() -> list[dict]:
    p1 = TEXT.index(PARAGRAPHS[1])
    p3 = TEXT.index(PARAGRAPHS[3])
    quote = f"„Wir lassen uns nicht einschüchtern {IMG}“"
    return [
        {"speaker": {**_span(TEXT, EVIL_NAME, p1), "entity_id": "PER:evil", "name": EVIL_NAME},
         "cue": _span(TEXT, "sagte", p1), "content": _span(TEXT, f"{SCRIPT} sei \u2028 nur ein Test {IMG}", p1),
         "mode": "indirect", "via": {"text": ARABIC, "entity_id": "PER:mbs"}, "hearsay": True,
         "affiliation": SCRIPT},
        {"speaker": {**_span(TEXT, ARABIC, p3), "entity_id": "PER:mbs"}, "cue": _span(TEXT, "sagte", p3),
         "content": _span(TEXT, quote, p3), "mode": "direct", "via": None, "hearsay": False},
    ]


def _sentences() -> list[list[int]]:
    out, pos = [], 0
    for p in PARAGRAPHS:
        s = TEXT.index(p, pos)
        out.append([s, s + len(p)])
        pos = s + len(p)
    return out


def article() -> dict:
    return {"id": f"hostile/{SCRIPT}.txt", "title": TITLE, "date": "2024-03-01T10:00:00", "source": NOISE,
            "url": EVIL_URL, "text": TEXT, "entities": _mentions(), "claims": _claims(), "compounds": [],
            "removed": [{"rule": f"image_caption{IMG}", "text": NOISE}, {"rule": "lone", "text": "x\ud800y"}],
            "sentences": _sentences()}


def write_output(out: Path) -> Path:
    """An output folder (articles.jsonl, entities.jsonl) with the hostile article and a plain one."""
    out.mkdir(parents=True, exist_ok=True)
    plain = {"id": "plain.txt", "title": "Berlin heute", "date": "2024-03-02", "source": None, "url": None,
             "text": "Berlin heute. Berlin morgen.", "entities": [
                 {"text": "Berlin", "label": "LOC", "start": 0, "end": 6, "entity_id": "LOC:berlin"}],
             "claims": [], "compounds": [], "removed": [], "sentences": [[0, 13], [14, 28]]}
    with open(out / "articles.jsonl", "w", encoding="utf-8") as f:
        for rec in (article(), plain):
            f.write(json.dumps(rec) + "\n")  # ensure_ascii: the lone surrogate stays an escape
    with open(out / "entities.jsonl", "w", encoding="utf-8") as f:
        for rec in ENTITIES:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return out
