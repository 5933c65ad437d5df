"""Helpers shared by the tests of every subpackage: articles from marked-up text (``[surface|LABEL]``
or ``[surface|LABEL|norm]`` marks a mention; ``norm``: the pipeline's nominative of it), the example
articles, a generated corpus of news files and a JSON-lines reader."""

from __future__ import annotations

import json
import re
from pathlib import Path

from newsents.core.records import Article, Mention
from newsents.linking.linker import EntityLinker

#: The project's example articles (examples/articles, examples/broken).
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

ARTICLE = """Manöver in Belarus, Folge {i}

Minsk. Verteidigungsminister Sergej Schoigu hat am Montag in Minsk den belarussischen Machthaber
Alexander Lukaschenko getroffen. „Wir stehen an der Seite unserer Verbündeten“, sagte Schoigu.
Lukaschenko sagte, das Manöver richte sich gegen kein Nachbarland. Das berichtete die Agentur Belta.
"""

MARK = re.compile(r"\[([^\]|]+)\|([A-Z]+)(?:\|([^\]]*))?\]")


def art(aid: str, marked: str) -> Article:
    """Article ``aid`` from marked-up text; mention offsets point into the clean text."""
    text, mentions, pos = "", [], 0
    for m in MARK.finditer(marked):
        text += marked[pos:m.start()]
        start = len(text)
        text += m.group(1)
        mentions.append(Mention(m.group(1), m.group(2), start, len(text), norm=m.group(3)))
        pos = m.end()
    article = Article(aid, text + marked[pos:], entities=mentions)
    assert all(article.text[x.start:x.end] == x.text for x in mentions)
    return article


def write_corpus(folder: Path, n: int) -> Path:
    """``n`` news articles as .txt files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"artikel-{i:04d}.txt").write_text(ARTICLE.format(i=i), encoding="utf8")
    return folder


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf8").splitlines() if line.strip()]


def link_ids(articles: list[Article], order: list[Article] | None = None, partitions: int = 1):
    """Link ``articles`` (added in ``order``, spread over ``partitions`` linkers that are merged, as
    the Dask engine does) -> (the linking, {(article id, mention start): entity id})."""
    linkers = [EntityLinker() for _ in range(partitions)]
    for n, a in enumerate(order or articles):
        linkers[n % partitions].add_article(a)
    linker = linkers[0]
    for other in linkers[1:]:
        linker.merge(other)
    linking = linker.link()
    ids = {}
    for a in articles:
        linking.apply(a)
        ids.update({(a.id, m.start): m.entity_id for m in a.entities})
    return linking, ids
