"""The Python API for notebooks and scripts: ``analyze`` one text, ``Corpus`` for many articles.

``Corpus`` keeps analysed ``Article`` records in memory (for corpora that fit; the CLI streams the
large ones) and offers the corpus-level views: linked entities, claims and mentions as DataFrames,
the co-mention graph and the evidence behind an edge.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path
from typing import Optional, Union

from spacy.language import Language

from .core.records import Article, Failure, RawArticle
from .io.clean import Cleaner
from .io.readers import ReadReport, iter_articles
from .runtime.allocator import tune_allocator
from .runtime.processing import process_articles

_default_nlp: Optional[Language] = None


def _nlp(nlp: Optional[Language] = None, model: Optional[str] = "auto") -> Language:
    """The given pipeline, or the default one loaded once per session."""
    global _default_nlp
    if nlp is not None:
        return nlp
    if model not in (None, "auto"):
        from .pipeline.model import load

        return load(model)
    if _default_nlp is None:
        from .pipeline.model import load

        _default_nlp = load()
    return _default_nlp


def analyze(text: str, nlp: Optional[Language] = None, *, id: str = "article", title: Optional[str] = None,
            date: Optional[str] = None, source: Optional[str] = None, url: Optional[str] = None,
            cleaner: Optional[Cleaner] = None) -> Article:
    """Clean and analyse one article text; offsets in the result refer to ``article.text``."""
    raw = RawArticle(id=id, text=text, title=title, date=date, source=source, url=url)
    errors: list[Failure] = []
    out = list(process_articles(_nlp(nlp), [raw], cleaner or Cleaner(), on_error=errors.append))
    if errors:
        raise RuntimeError(f"{errors[0].path}: {errors[0].error}: {errors[0].message}")
    return out[0]


class Corpus:
    """A collection of analysed articles with corpus-level linking, tables and graphs."""

    def __init__(self, nlp: Optional[Language] = None, model: Optional[str] = "auto",
                 cleaner: Optional[Cleaner] = None, aliases: Optional[Union[str, Path]] = None):
        self._nlp = nlp
        self._model = model
        self.cleaner = cleaner or Cleaner()
        self.aliases = aliases
        self.articles: list[Article] = []
        self.errors: list[Failure] = []
        self.skipped = 0
        self._linking = None

    # --- building -------------------------------------------------------------------------------
    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = _nlp(None, self._model)
        return self._nlp

    def add(self, text: str, **meta) -> Article:
        """Analyse one text and keep it (``meta``: id, title, date, source, url)."""
        meta.setdefault("id", f"article-{len(self.articles) + 1}")
        article = analyze(text, self.nlp, cleaner=self.cleaner, **meta)
        return self.add_article(article)

    def add_article(self, article: Article) -> Article:
        """Keep an already analysed article (e.g. read back from ``articles.jsonl``)."""
        self.articles.append(article)
        self._linking = None
        return article

    def process(self, paths, n_process: int = 1, batch_size: int = 32, engine: str = "local", client=None,
                out: Optional[Union[str, Path]] = None, partition_size: int = 64) -> Corpus:
        """Read files/folders (txt, json, jsonl, html) and analyse every article; broken files are
        recorded in ``corpus.errors`` and skipped.

        ``engine="dask"`` runs the batch job on Dask (``client``: an existing ``distributed.Client``,
        else a LocalCluster) into ``out`` (default: a temporary folder) and loads its articles.
        """
        if engine == "dask":
            return self._process_dask(paths, client, out, batch_size, partition_size)
        if engine != "local":
            raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
        tune_allocator()  # a batch job: keep freed batch memory for reuse (see newsents.runtime.allocator)
        report = ReadReport()
        raws = iter_articles(paths, report)
        for article in process_articles(self.nlp, raws, self.cleaner, batch_size=batch_size,
                                        n_process=n_process, on_error=self.errors.append):
            self.articles.append(article)
        self.errors.extend(report.errors)
        self.skipped += report.skipped
        self._linking = None
        return self

    def _process_dask(self, paths, client, out, batch_size: int, partition_size: int) -> Corpus:
        import tempfile

        from .io.output import ARTICLES, ERRORS, iter_jsonl
        from .pipeline.model import resolve_model
        from .runtime.distributed import run_dask

        if isinstance(paths, (str, Path)):
            paths = [paths]
        folder = Path(out) if out is not None else Path(tempfile.mkdtemp(prefix="newsents-dask-"))
        # the workers load the same pipeline: the one given (by its source) or the one load() would pick
        if self._nlp is not None:
            model = self._nlp.meta.get("newsents", {}).get("source") or "auto"
        else:
            model = resolve_model(self._model)[0]
        summary = run_dask(paths, folder, model=model, client=client, batch_size=batch_size,
                           partition_size=partition_size, overwrite=out is not None, aliases=self.aliases)
        for rec in iter_jsonl(folder / ARTICLES):
            self.articles.append(Article.from_dict(rec))
        if (folder / ERRORS).exists():
            self.errors.extend(Failure.from_dict(e) for e in iter_jsonl(folder / ERRORS, "path"))
        self.skipped += summary.skipped
        self._linking = None
        return self

    @classmethod
    def from_output(cls, out_dir: Union[str, Path], **kwargs) -> Corpus:
        """Load the articles of a ``newsents process`` output folder (no NLP is re-run)."""
        from .io.output import ARTICLES, iter_jsonl

        corpus = cls(**kwargs)
        for rec in iter_jsonl(Path(out_dir) / ARTICLES):
            corpus.articles.append(Article.from_dict(rec))
        return corpus

    # --- access ---------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __getitem__(self, key: Union[int, str]) -> Article:
        if isinstance(key, int):
            return self.articles[key]
        for article in self.articles:
            if article.id == key:
                return article
        raise KeyError(key)

    # --- corpus-level views -------------------------------------------------------------------
    def link(self, aliases: Optional[Union[str, Path]] = None):
        """Link name variants across the corpus; sets ``entity_id`` on every mention."""
        from .linking.linker import AliasTable, EntityLinker

        table = aliases if aliases is not None else self.aliases
        if isinstance(table, (str, Path)):
            table = AliasTable.from_file(table)
        linker = EntityLinker(aliases=table)
        for article in self.articles:
            linker.add_article(article)
        self._linking = linker.link()
        for article in self.articles:
            self._linking.apply(article)
        return self._linking

    def ensure_linked(self) -> None:
        """Link the corpus unless it is linked already (every mention then has its entity id)."""
        if self._linking is None:
            self.link()

    @property
    def linking(self):
        if self._linking is None:
            self.link()
        return self._linking

    @property
    def entities(self) -> list:
        """Linked entities (name, label, variants, mention and article counts)."""
        return list(self.linking.entities)

    def entity(self, name: str, label: Optional[str] = None):
        """Look an entity up by any of its variants ("Schoigu", "Shoigu", "Schoigus")."""
        return self.linking.find(name, label=label)

    def to_records(self) -> Iterator[dict]:
        self.ensure_linked()
        return (a.to_dict() for a in self.articles)

    def mentions_frame(self):
        """One row per mention: article, date, text, label, entity_id, offsets."""
        import pandas as pd

        self.ensure_linked()
        rows = [{"article": a.id, "date": a.date, "text": m.text, "label": m.label, "entity_id": m.entity_id,
                 "start": m.start, "end": m.end} for a in self.articles for m in a.entities]
        return pd.DataFrame(rows, columns=["article", "date", "text", "label", "entity_id", "start", "end"])

    def entities_frame(self):
        """One row per linked entity, most mentioned first."""
        import pandas as pd

        rows = [{"entity_id": e.entity_id, "name": e.name, "label": e.label, "mentions": e.mentions,
                 "articles": e.articles, "variants": dict(e.variants)} for e in self.entities]
        df = pd.DataFrame(rows, columns=["entity_id", "name", "label", "mentions", "articles", "variants"])
        return df.sort_values(["mentions", "entity_id"], ascending=[False, True]).reset_index(drop=True)

    def claims_frame(self):
        """Who said what: article, date, speaker, speaker entity, mode, cue, content, via."""
        from .claims import claims_frame

        self.ensure_linked()
        return claims_frame(self.articles)

    def edges_frame(self, level: str = "article", **filters):
        """The co-mention edges as a table: source, target, names, weight, articles, dates."""
        import pandas as pd

        G = self.graph(level=level, **filters)
        rows = [{"source": a, "target": b, "source_name": G.nodes[a].get("name"), "target_name": G.nodes[b].get("name"),
                 "weight": d.get("weight"), "articles": d.get("articles"), "first_date": d.get("first_date"),
                 "last_date": d.get("last_date")} for a, b, d in G.edges(data=True)]
        cols = ["source", "target", "source_name", "target_name", "weight", "articles", "first_date", "last_date"]
        df = pd.DataFrame(rows, columns=cols)
        return df.sort_values(["weight", "source", "target"], ascending=[False, True, True]).reset_index(drop=True)

    def graph(self, level: str = "article", **filters):
        """The co-mention graph (networkx) of the linked entities; see ``newsents.graph.build_graph``."""
        from .graph import GraphFilter, build_graph

        return build_graph(self.to_records(), GraphFilter.of(level=level, **filters), entities=self._entity_map())

    def evidence(self, a: str, b: str, level: str = "sentence"):
        """The articles and sentences in which two entities (ids, names or variants) occur together."""
        from .graph import evidence, name_index

        entities = self._entity_map()
        return evidence(self.to_records(), a, b, level=level, names=name_index(entities), entities=entities)

    def _entity_map(self) -> dict[str, dict]:
        return {e.entity_id: e.to_dict() for e in self.entities}

    def save(self, out_dir: Union[str, Path]) -> Path:
        """Write ``articles.jsonl``, ``entities.jsonl`` and ``graph.graphml`` like ``newsents process``."""
        from .io.files import atomic_write_jsonl
        from .io.output import ARTICLES
        from .runtime.batch import finalize

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        atomic_write_jsonl(out / ARTICLES, self.to_records())
        finalize(out, aliases=self.aliases)
        return out

    def view(self, height: int = 720, **opts):
        """The explorer of this corpus inline in Jupyter (opts: level, min_weight, top, max_edges, max_mb, title)."""
        from .explorer import view

        return view(self, height=height, **opts)

    def _repr_html_(self) -> str:
        n_mentions = sum(len(a.entities) for a in self.articles)
        n_claims = sum(len(a.claims) for a in self.articles)
        rows = "".join(
            f"<tr><td>{html.escape(a.id)}</td><td>{html.escape(a.title or '')}</td><td>{html.escape(a.date or '')}</td>"
            f"<td>{len(a.entities)}</td><td>{len(a.claims)}</td></tr>"
            for a in self.articles[:20]
        )
        more = f"<p><small>… and {len(self.articles) - 20} more</small></p>" if len(self.articles) > 20 else ""
        return (
            f"<div><b>Corpus</b>: {len(self.articles)} articles, {n_mentions} mentions, {n_claims} claims, "
            f"{len(self.errors)} errors<table><tr><th>id</th><th>title</th><th>date</th><th>entities</th>"
            f"<th>claims</th></tr>{rows}</table>{more}</div>"
        )

    def __repr__(self) -> str:
        n_mentions = sum(len(a.entities) for a in self.articles)
        n_claims = sum(len(a.claims) for a in self.articles)
        return (f"<Corpus: {len(self.articles)} articles, {n_mentions} mentions, {n_claims} claims, "
                f"{len(self.errors)} errors>")
