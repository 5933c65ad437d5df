"""Articles from marked-up text, for the tests of every subpackage: ``[surface|LABEL]`` or
``[surface|LABEL|norm]`` marks a mention (``norm``: the pipeline's nominative of it)."""

from __future__ import annotations

import re

from newsents.core.records import Article, Mention

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
