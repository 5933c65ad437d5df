"""Score any loadable pipeline on GermEval 2014 NER and on UD German sentences, lemmas and mood.

NER: outer chunks, PER/LOC/ORG/MISC (OTH -> MISC), exact character-span match, micro and per-label
P/R/F1, plus a PER/LOC/ORG-only figure. UD: sentence-boundary F1 over running text built from
consecutive treebank sentences, lemma accuracy and Mood=Sub P/R/F1 on tokens aligned by offsets.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .germeval import read_sentences

DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
NER_FILES = {"train": "germ.train.iob2", "dev": "NER-de-dev.tsv", "test": "NER-de-test.tsv"}
UD_FILES = {
    "gsd-dev": "ud_german_gsd/de_gsd-ud-dev.conllu",
    "gsd-test": "ud_german_gsd/de_gsd-ud-test.conllu",
    "pud-test": "ud_german_pud/de_pud-ud-test.conllu",
}


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def to_dict(self) -> dict[str, float]:
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f": round(self.f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def _sentence_text(words: Sequence[str], spaces: Sequence[bool]) -> tuple[str, list[int]]:
    text, offsets = [], []
    pos = 0
    for w, sp in zip(words, spaces):
        offsets.append(pos)
        text.append(w + (" " if sp else ""))
        pos += len(w) + (1 if sp else 0)
    return "".join(text), offsets


def with_kb_ruler(nlp):
    """``nlp`` with the knowledge-base ruler (``newsents_kb``) after its NER, as in the full pipeline."""
    if "newsents_kb" not in nlp.pipe_names:
        from ..pipeline import kb_ruler  # noqa: F401  (registers the factory)

        nlp.add_pipe("newsents_kb", after="ner")
        nlp.get_pipe("newsents_kb").initialize()
    return nlp


def evaluate_ner(nlp, data: Path = DEFAULT_DATA, split: str = "test", limit: int = 0,
                 batch_size: int = 256) -> dict[str, object]:
    """Exact-match outer-chunk NER scores of ``nlp`` on a GermEval 2014 split."""
    path = Path(data) / "germeval2014" / NER_FILES[split]
    if not path.exists():
        raise FileNotFoundError(f"GermEval 2014 {split} split not found at {path} (pass --data DIR)")
    sents = list(read_sentences(path))
    if limit:
        sents = sents[:limit]
    texts, golds = [], []
    for s in sents:
        text, offs = _sentence_text(s.words, s.spaces)
        texts.append(text)
        golds.append({(offs[a], offs[b - 1] + len(s.words[b - 1]), lab) for a, b, lab in s.spans()})
    labels = ["PER", "LOC", "ORG", "MISC"]
    per_label = {lab: PRF() for lab in labels}
    micro, core = PRF(), PRF()
    start = time.perf_counter()
    for doc, gold in zip(nlp.pipe(texts, batch_size=batch_size), golds):
        pred = {(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in labels}
        micro.add(gold, pred)
        core.add({g for g in gold if g[2] != "MISC"}, {p for p in pred if p[2] != "MISC"})
        for lab in labels:
            per_label[lab].add({g for g in gold if g[2] == lab}, {p for p in pred if p[2] == lab})
    return {
        "split": split,
        "sentences": len(sents),
        "micro": micro.to_dict(),
        "per_label": {lab: prf.to_dict() for lab, prf in per_label.items()},
        "per_loc_org": core.to_dict(),
        "seconds": round(time.perf_counter() - start, 1),
    }


@dataclass
class UDToken:
    form: str
    lemma: str
    feats: str
    start: int


@dataclass
class UDSentence:
    text: str
    tokens: list[UDToken] = field(default_factory=list)


def read_conllu(path: Path) -> Iterator[UDSentence]:
    """Sentences with surface tokens (multiword ranges kept as one token) and their offsets."""
    text, rows = None, []
    with open(path, encoding="utf8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# text = "):
                text = line[len("# text = "):]
            elif not line:
                if text is not None:
                    yield _align(text, rows)
                text, rows = None, []
            elif not line.startswith("#"):
                rows.append(line.split("\t"))
    if text is not None:
        yield _align(text, rows)


def _align(text: str, rows: list[list[str]]) -> UDSentence:
    sent = UDSentence(text)
    pos, skip_until = 0, 0
    for cols in rows:
        tid = cols[0]
        if "." in tid:
            continue
        if "-" in tid:
            a, b = (int(x) for x in tid.split("-"))
            skip_until = b
            form, lemma, feats = cols[1], "_", "_"
        else:
            if int(tid) <= skip_until:
                continue
            form, lemma, feats = cols[1], cols[2], cols[5]
        found = text.find(form, pos)
        if found < 0:
            continue
        sent.tokens.append(UDToken(form, lemma, feats, found))
        pos = found + len(form)
    return sent


def evaluate_ud(nlp, treebank: str = "gsd-test", data: Path = DEFAULT_DATA,
                sents_per_doc: int = 10) -> dict[str, object]:
    """Sentence-boundary F1, lemma accuracy and Mood=Sub P/R/F1 of ``nlp`` on a UD German treebank."""
    path = Path(data) / UD_FILES[treebank]
    if not path.exists():
        raise FileNotFoundError(f"UD treebank {treebank} not found at {path} (pass --data DIR)")
    sents = list(read_conllu(path))
    boundaries, mood = PRF(), PRF()
    lemma_ok = lemma_n = 0
    for i in range(0, len(sents), sents_per_doc):
        group = sents[i:i + sents_per_doc]
        text, starts, gold_tokens = "", [], []
        for s in group:
            if text:
                text += " "
            starts.append(len(text))
            gold_tokens.extend((len(text) + t.start, t) for t in s.tokens)
            text += s.text
        doc = nlp(text)
        boundaries.add(set(starts[1:]), {sent.start_char for sent in doc.sents} - {0})
        by_start = {tok.idx: tok for tok in doc}
        gold_mood, pred_mood = set(), set()
        for start, gt in gold_tokens:
            if "Mood=Sub" in gt.feats:
                gold_mood.add(start)
            tok = by_start.get(start)
            if tok is None or tok.text != gt.form:
                continue
            if gt.lemma not in ("_", ""):
                lemma_n += 1
                lemma_ok += tok.lemma_ == gt.lemma
        pred_mood = {t.idx for t in doc if "Sub" in t.morph.get("Mood")}
        mood.add(gold_mood, pred_mood)
    return {
        "treebank": treebank,
        "sentences": len(sents),
        "sentence_boundaries": boundaries.to_dict(),
        "lemma_accuracy": round(lemma_ok / lemma_n, 4) if lemma_n else None,
        "mood_sub": mood.to_dict(),
    }
