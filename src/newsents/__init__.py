"""newsents: who appears in German news, who said what, and who is mentioned with whom.

Quick use::

    import newsents
    nlp = newsents.load()                 # shipped model, or de_core_news_lg when installed
    article = newsents.analyze(text, title="...", date="2024-05-01")
    corpus = newsents.Corpus().process("articles/")
"""

__version__ = "0.1.0"

from .core.records import Article, Claim, Mention, RawArticle, SpanRef  # noqa: E402
from .corpus import Corpus, analyze  # noqa: E402
from .io.readers import read_articles  # noqa: E402
from .pipeline.model import ModelNotFoundError, load  # noqa: E402

__all__ = [
    "Article", "Claim", "Corpus", "Mention", "ModelNotFoundError", "RawArticle", "SpanRef",
    "__version__", "analyze", "load", "read_articles",
]
