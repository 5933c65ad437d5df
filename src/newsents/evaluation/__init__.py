"""Evaluation and training: GermEval 2014 NER, UD German sentences/lemmas/mood, news quotations, and
the script that trains the shipped model. Reads ``../shared/data``; nothing here is imported by
the library itself."""
