"""``--format parquet``: the final ``articles.jsonl`` as articles, mentions and claims Parquet tables.

Written after linking (so entity ids are the final ones), streaming, one file set per shard:
``DIR/parquet/{articles,mentions,claims}-00017.parquet``. Fields and nesting follow the JSONL
contract (claims keep their speaker/cue/content/via structs); mentions and claims carry
``article_id`` and their position in the article; a claim's speaker carries its resolution (entity
id and name, how it was resolved, the antecedent mention, anonymous), and its affiliation; an article
its agencies (bylines). Readable with pandas, pyarrow and DuckDB
(``SELECT * FROM 'DIR/parquet/mentions-*.parquet'``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Optional, Union

import pyarrow as pa
import pyarrow.parquet as pq

from ..core.util import chunks
from .files import AtomicFile
from .output import ARTICLES, iter_jsonl

PARQUET = "parquet"
ROW_GROUP_ARTICLES = 1000  # articles buffered per row group: bounds memory on big shards

_span = pa.struct([("text", pa.string()), ("start", pa.int32()), ("end", pa.int32())])
_linked = pa.struct([("text", pa.string()), ("start", pa.int32()), ("end", pa.int32()), ("entity_id", pa.string())])
#: the speaker: its words, the entity they resolve to (id and name), how, the mention resolved to, anonymous
_speaker = pa.struct([("text", pa.string()), ("start", pa.int32()), ("end", pa.int32()), ("entity_id", pa.string()),
                      ("name", pa.string()), ("resolution", pa.string()), ("antecedent", _span),
                      ("anonymous", pa.bool_())])

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("id", pa.string()), ("title", pa.string()), ("date", pa.string()), ("source", pa.string()),
        ("url", pa.string()), ("text", pa.string()),
        ("compounds", pa.list_(pa.struct([("text", pa.string()), ("name", pa.string()),
                                          ("start", pa.int32()), ("end", pa.int32())]))),
        ("removed", pa.list_(pa.struct([("rule", pa.string()), ("text", pa.string())]))),
        ("sentences", pa.list_(pa.list_(pa.int32()))), ("agencies", pa.list_(pa.string())),
        ("comention", pa.string()),
    ]),
    "mentions": pa.schema([
        ("article_id", pa.string()), ("mention", pa.int32()), ("text", pa.string()), ("label", pa.string()),
        ("start", pa.int32()), ("end", pa.int32()), ("entity_id", pa.string()),
    ]),
    "claims": pa.schema([
        ("article_id", pa.string()), ("claim", pa.int32()), ("speaker", _speaker), ("cue", _span),
        ("content", _span), ("mode", pa.string()), ("via", _linked), ("affiliation", _linked),
        ("hearsay", pa.bool_()),
    ]),
}


CLAIM_FIELDS = ("speaker", "cue", "content", "mode", "via", "affiliation", "hearsay")


def rows(record: dict) -> tuple[dict, list[dict], list[dict]]:
    """One ``articles.jsonl`` record as (article row, mention rows, claim rows)."""
    art = {k: record.get(k) for k in SCHEMAS["articles"].names}
    for k in ("compounds", "removed", "sentences", "agencies"):
        art[k] = art[k] or []
    aid = record["id"]
    mentions = [{"article_id": aid, "mention": i, **{k: m.get(k) for k in ("text", "label", "start", "end",
                                                                         "entity_id")}}
                for i, m in enumerate(record.get("entities", []))]
    claims = [{"article_id": aid, "claim": i, **{k: c.get(k) for k in CLAIM_FIELDS}}
              for i, c in enumerate(record.get("claims", []))]
    return art, mentions, claims


def _write_set(folder: Path, index: int, records: Iterator[dict]) -> list[Path]:
    """Write one file set (articles/mentions/claims of ``records``) through temp files + os.replace."""
    files = {name: AtomicFile(folder / f"{name}-{index:05d}.parquet", open_file=False) for name in SCHEMAS}
    writers = {name: pq.ParquetWriter(f.tmp, SCHEMAS[name]) for name, f in files.items()}
    try:
        for chunk in chunks(records, ROW_GROUP_ARTICLES):
            table_rows: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
            for rec in chunk:
                art, mentions, claims = rows(rec)
                table_rows["articles"].append(art)
                table_rows["mentions"].extend(mentions)
                table_rows["claims"].extend(claims)
            for name, data in table_rows.items():
                if data:
                    writers[name].write_table(pa.Table.from_pylist(data, schema=SCHEMAS[name]))
    except BaseException:
        for name, w in writers.items():
            w.close()
            files[name].abort()
        raise
    for name, w in writers.items():
        w.close()
        files[name].commit()
    return [f.path for f in files.values()]


def write_parquet(out: Union[str, Path], shards: Optional[Sequence[tuple[int, int]]] = None) -> list[Path]:
    """Write ``DIR/parquet/*.parquet`` from ``DIR/articles.jsonl``; returns the files written.

    ``shards`` lists (shard index, number of articles) in file order, one file set each; without
    it the whole file is one set with index 0. Stale sets from an earlier run are removed first.
    """
    out = Path(out)
    folder = out / PARQUET
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.parquet*"):
        old.unlink()
    stream = iter_jsonl(out / ARTICLES)
    if shards is None:
        return _write_set(folder, 0, stream)

    def take(n: int) -> Iterator[dict]:
        for _ in range(n):
            rec = next(stream, None)
            if rec is None:
                raise ValueError(f"{out / ARTICLES} holds fewer articles than its shards")
            yield rec

    written: list[Path] = []
    for index, n in shards:
        written.extend(_write_set(folder, index, take(n)))
    if next(stream, None) is not None:
        raise ValueError(f"{out / ARTICLES} holds more articles than its shards")
    return written
