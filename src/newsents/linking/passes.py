"""Linking over an output folder: one streaming pass collects names, another writes the ids."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Optional, Union

from ..core.records import Article
from .aliases import AliasTable
from .entities import Linking
from .linker import EntityLinker

PathLike = Union[str, os.PathLike]


def link_corpus(articles: Iterable[Article], aliases: Optional[AliasTable] = None) -> Linking:
    """Link a stream of articles (one pass; only distinct names are kept in memory)."""
    linker = EntityLinker(aliases)
    for a in articles:
        linker.add_article(a)
    return linker.link()


def _iter_articles(path: Path) -> Iterator[tuple[dict, Article]]:
    from ..io.output import iter_jsonl

    for d in iter_jsonl(path):
        yield d, Article.from_dict(d)


def link_output(out_dir: PathLike, aliases: Union[AliasTable, PathLike, None] = None) -> Linking:
    """Link the names of an existing output directory (one streaming pass over DIR/articles.jsonl)."""
    if aliases is not None and not isinstance(aliases, AliasTable):
        aliases = AliasTable.from_file(aliases)
    linker = EntityLinker(aliases)
    for _, art in _iter_articles(Path(out_dir) / "articles.jsonl"):
        linker.add_article(art)
    return linker.link()


def rewrite_output(out_dir: PathLike, linking: Linking, each: Optional[Callable[[dict], None]] = None) -> None:
    """Write ``linking``'s entity ids into DIR/articles.jsonl (atomically: temp file + os.replace)
    and write DIR/entities.jsonl. ``each`` sees every rewritten record, so another corpus step
    (``process`` builds its graph here) needs no pass of its own."""
    from ..io.output import atomic_write_jsonl

    out = Path(out_dir)
    path = out / "articles.jsonl"

    def relinked() -> Iterator[dict]:
        for d, art in _iter_articles(path):
            linking.apply(art)
            for md, m in zip(d.get("entities", []), art.entities):
                md["entity_id"] = m.entity_id
            for cd, c in zip(d.get("claims", []), art.claims):
                for role in ("speaker", "via", "affiliation"):
                    ref = getattr(c, role)
                    if cd.get(role) and ref is not None:
                        cd[role]["entity_id"] = ref.entity_id
                if cd.get("speaker") and "name" in cd["speaker"] and c.speaker is not None:
                    cd["speaker"]["name"] = c.speaker.name  # the linked entity's canonical name
            if each is not None:
                each(d)
            yield d

    atomic_write_jsonl(path, relinked())
    linking.write_entities(out / "entities.jsonl")


def relink_output(out_dir: PathLike, aliases: Union[AliasTable, PathLike, None] = None) -> Linking:
    """Re-link an existing output directory without re-running NLP: rewrites the entity ids in
    DIR/articles.jsonl and DIR/entities.jsonl (:func:`link_output` + :func:`rewrite_output`)."""
    linking = link_output(out_dir, aliases)
    rewrite_output(out_dir, linking)
    return linking
