"""The spaCy pipeline: model loading, the shipped model's rule components (sentences, lemmas, mood),
newsents' entity component, and the conversion of a ``Doc`` into an ``Article`` record."""
