"""newsents: who appears in German news, who said what, and who is mentioned with whom.

Quick use::

    import newsents
    nlp = newsents.load()                 # shipped model, or de_core_news_lg when installed
    article = newsents.analyze(text, title="...", date="2024-05-01")
    corpus = newsents.Corpus().process("articles/")
"""

from .core import __version__
from .core.records import Article, Claim, Mention, RawArticle, SpanRef
from .corpus import Corpus, analyze
from .io.readers import read_articles
from .pipeline.model import ModelNotFoundError, load


def view(source, **opts):
    """The offline explorer of an output folder (or .html file, or Corpus), inline in Jupyter."""
    from .explorer import view as _view

    return _view(source, **opts)


__all__ = [
    "Article", "Claim", "Corpus", "Mention", "ModelNotFoundError", "RawArticle", "SpanRef",
    "__version__", "analyze", "load", "read_articles", "view",
]
