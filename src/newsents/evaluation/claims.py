"""Evaluate ``newsents_claims`` on the German news quotation data (GermEval 2023 SpkAtt style).

Usage: ``newsents evaluate-claims --split dev [--set quotation|speakers|all] [--model PATH]``. The
data (``german_news_quotation_2024``, CC BY-NC-SA, evaluation only) is read from ``../shared/data``
next to the repository or ``--data``; without it the command exits cleanly with a message. The set
``speakers`` is our own (CC0, :mod:`newsents.evaluation.speakers`).

Scoring follows the SpkAtt task-2 scheme: predicted and gold quotes of a document are paired
one-to-one by maximum total token-overlap F1 (same type as a tie-breaker); token-level TP/FP/FN
are counted per pair for the quote and each role, and precision/recall are macro-averaged over
pairs (an unpaired prediction counts as precision 0, an unpaired gold quote as recall 0).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import networkx as nx

REPO = Path(__file__).resolve().parents[3]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "german_news_quotation_2024"
ROLES = ("speaker", "cue", "frame", "addressee")

#: Gold quote types mapped onto newsents modes. FreeIndirect in this data is the hearsay
#: "soll ... haben" sentence without a cue, which newsents reports as mode "reported" (hearsay);
#: IndirectFreeIndirect is the cue-less Konjunktiv continuation, mode "indirect".
GOLD_MODE = {"Direct": "direct", "Indirect": "indirect", "IndirectFreeIndirect": "indirect",
             "FreeIndirect": "reported", "Reported": "reported"}


@dataclass
class Group:
    """One quote event as sorted token-id lists."""

    msg: list[int]
    roles: dict[str, list[int]]
    mode: Optional[str]


@dataclass
class Tally:
    """Macro P/R collection for one part (quote or a role)."""

    precisions: list[float] = field(default_factory=list)
    recalls: list[float] = field(default_factory=list)

    def add(self, gold: Sequence[int], sys_: Sequence[int]) -> None:
        g, s = set(gold), set(sys_)
        tp = len(g & s)
        if s:
            self.precisions.append(tp / len(s))
        if g:
            self.recalls.append(tp / len(g))

    def prf(self) -> tuple[float, float, float]:
        p = sum(self.precisions) / len(self.precisions) if self.precisions else 0.0
        r = sum(self.recalls) / len(self.recalls) if self.recalls else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def overlap_f1(a: Sequence[int], b: Sequence[int]) -> float:
    sa, sb = set(a), set(b)
    both = len(sa & sb)
    if not both:
        return 0.0
    p, r = both / len(sb), both / len(sa)
    return 2 * p * r / (p + r)


def pair_groups(sys_groups: list[Group], gold_groups: list[Group]) -> list[tuple[int, int]]:
    """Maximum-weight one-to-one pairing (gold index, system index) on quote-overlap F1."""
    g = nx.Graph()
    for i, gg in enumerate(gold_groups):
        for j, sg in enumerate(sys_groups):
            w = overlap_f1(gg.msg, sg.msg)
            if w > 0:
                g.add_edge(("g", i), ("s", j), weight=w + (0.01 if gg.mode == sg.mode else 0.0))
    pairs = []
    for a, b in nx.max_weight_matching(g):
        if a[0] == "s":
            a, b = b, a
        pairs.append((a[1], b[1]))
    return sorted(pairs)


@dataclass
class Scores:
    parts: dict[str, Tally] = field(default_factory=lambda: {p: Tally() for p in ("quote",) + ROLES})
    type_pairs: int = 0
    type_correct: int = 0
    n_gold: int = 0
    n_sys: int = 0

    def add_doc(self, sys_groups: list[Group], gold_groups: list[Group]) -> None:
        self.n_gold += len(gold_groups)
        self.n_sys += len(sys_groups)
        pairs = pair_groups(sys_groups, gold_groups)
        empty = Group([], {r: [] for r in ROLES}, None)
        done_g, done_s = set(), set()
        for gi, si in pairs:
            self._add(sys_groups[si], gold_groups[gi])
            self.type_pairs += 1
            self.type_correct += int(sys_groups[si].mode == gold_groups[gi].mode)
            done_g.add(gi)
            done_s.add(si)
        for si, sg in enumerate(sys_groups):
            if si not in done_s:
                self._add(sg, empty)
        for gi, gg in enumerate(gold_groups):
            if gi not in done_g:
                self._add(empty, gg)

    def _add(self, sg: Group, gg: Group) -> None:
        self.parts["quote"].add(gg.msg, sg.msg)
        for r in ROLES:
            self.parts[r].add(gg.roles.get(r, []), sg.roles.get(r, []))

    def summary(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for name in ("quote", "speaker", "cue"):
            p, r, f = self.parts[name].prf()
            key = "message" if name == "quote" else name
            out[f"{key}_p"], out[f"{key}_r"], out[f"{key}_f1"] = p, r, f
        ps = [x for t in self.parts.values() for x in t.precisions]
        rs = [x for t in self.parts.values() for x in t.recalls]
        p = sum(ps) / len(ps) if ps else 0.0
        r = sum(rs) / len(rs) if rs else 0.0
        out["joint_p"], out["joint_r"], out["joint_f1"] = p, r, (2 * p * r / (p + r) if p + r else 0.0)
        out["type_accuracy"] = self.type_correct / self.type_pairs if self.type_pairs else 0.0
        out["gold_quotes"], out["predicted"] = float(self.n_gold), float(self.n_sys)
        return out


# ---------------------------------------------------------------------------- data and pipeline


def read_split(split: str, data_dir: Path = DEFAULT_DATA) -> list[dict]:
    path = Path(data_dir) / f"{split}.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def gold_groups(doc: dict) -> list[Group]:
    out = []
    for a in doc["annotations"]:
        roles = {r: sorted(set((a.get(r) or {}).get("tokenIds", []))) for r in ROLES}
        out.append(Group(sorted(set(a["quote"]["tokenIds"])), roles, GOLD_MODE.get(a.get("type"))))
    return out


class TokenIndex:
    """Maps character spans of ``originalText`` to the gold token ids they cover."""

    def __init__(self, tokens: list[dict]):
        self.tokens = sorted(tokens, key=lambda t: t["charBegin"])
        self.begins = [t["charBegin"] for t in self.tokens]

    def ids(self, start: int, end: int) -> list[int]:
        import bisect

        out = []
        i = max(0, bisect.bisect_left(self.begins, start) - 1)
        while i < len(self.tokens) and self.tokens[i]["charBegin"] < end:
            t = self.tokens[i]
            mid = (t["charBegin"] + t["charEnd"]) / 2
            if start <= mid < end:
                out.append(t["id"])
            i += 1
        return out


def system_groups(doc, index: TokenIndex, source_cues: frozenset[str] = frozenset()) -> list[Group]:
    """newsents claims as scorer groups: a direct claim's message is its quoted parts only; an
    indirect claim's message leaves out the speaker and cue tokens inside its span, and so does a
    reported one whose cue names a source (``source_cues``: laut, nach, zufolge, demnach, ...). A
    reported claim whose cue is a verb keeps them: the data annotates such a statement ("Die SPD will
    die Steuer senken", "X bezeichnete die Lösung als Irrweg") as a whole, speaker and cue included."""
    from ..claims import find_quotes

    quotes = [index.ids(q.start, q.end) for q in find_quotes(doc.text)]
    quoted = {t for q in quotes for t in q}
    out = []
    for c in doc._.claims:
        msg = index.ids(c.content.start, c.content.end)
        sp = index.ids(c.speaker.start, c.speaker.end) if c.speaker else []
        cue = index.ids(c.cue.start, c.cue.end) if c.cue else []
        if c.mode == "direct":
            inner = [t for t in msg if t in quoted]
            msg = inner or msg
        elif not (c.mode == "reported" and c.cue is not None and c.cue.text.lower() not in source_cues):
            drop = set(sp) | set(cue)
            msg = [t for t in msg if t not in drop]
        out.append(Group(sorted(set(msg)), {"speaker": sorted(set(sp)), "cue": sorted(set(cue))}, c.mode))
    return out


@dataclass
class Resolution:
    """The resolution figure: of the gold claims whose speaker phrase names an entity (it contains an
    entity mention of the article), the share whose paired claim's speaker resolves to an entity
    carrying that name (an unpaired gold claim counts as wrong)."""

    named: int = 0
    right: int = 0
    paired: int = 0  # named gold claims that a claim was paired with

    def add_doc(self, doc, index: TokenIndex, d: dict, sys_groups: list[Group], gold: list[Group]) -> None:
        from .speakers import same_name

        pairs = dict(pair_groups(sys_groups, gold))
        by_id = {t["id"]: t for t in d["tokens"]}
        for gi, g in enumerate(gold):
            spans = [(by_id[i]["charBegin"], by_id[i]["charEnd"]) for i in g.roles.get("speaker", []) if i in by_id]
            if not spans:
                continue
            s, e = min(a for a, _ in spans), max(b for _, b in spans)
            names = named_in(doc, s, e)
            if not names:
                continue
            self.named += 1
            self.paired += gi in pairs
            claim = doc._.claims[pairs[gi]] if gi in pairs else None
            name = claim.speaker.name if claim is not None and claim.speaker is not None else None
            eid = claim.speaker.entity_id if claim is not None and claim.speaker is not None else None
            self.right += int(any(same_name(name, _norm(x)) or (eid is not None and eid == _eid(x)) for x in names))

    @property
    def share(self) -> float:
        return self.right / self.named if self.named else 0.0

    @property
    def share_of_found(self) -> float:
        """The same share among the gold claims newsents found (paired)."""
        return self.right / self.paired if self.paired else 0.0


ATTRIBUTE_WORDS = ("des", "der", "eines", "einer", "von", "vom")
DETERMINERS = ("der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen")
SOURCE_NOUNS = ("angaben", "informationen", "berichten", "aussagen", "meldungen", "mitteilung", "erklärung")


def named_in(doc, s: int, e: int) -> list:
    """The entities a gold speaker phrase (characters [s, e)) names as the speaker: its persons, else
    organisations and places that are no attribute of another noun ("ein Reporter des Senders n-tv"
    names no speaker; "der BGH" and "Angaben der Polizei" do). (Evaluation words, not the system's.)"""
    inside = [ent for ent in doc.ents if ent.label_ in ("PER", "ORG", "LOC")
              and s <= ent.start_char and ent.end_char <= e]
    persons = [ent for ent in inside if ent.label_ == "PER"]
    if persons:
        return persons
    out = []
    for ent in inside:
        before = [t for t in doc[:ent.start] if t.idx >= s]
        cut = next((i for i, t in enumerate(before) if t.lower_ in ATTRIBUTE_WORDS and i > 0), None)
        head = [t for t in before[:cut] if t.is_title and t.lower_ not in DETERMINERS] if cut is not None else []
        if not any(t.lower_ not in SOURCE_NOUNS for t in head):
            out.append(ent)
    return out


def _norm(ent) -> str:
    return (ent._.norm if ent.has_extension("norm") else None) or ent.text


def _eid(ent):
    return ent._.entity_id if ent.has_extension("entity_id") else None


def build_pipeline(model: Optional[str] = None, **claims_config):
    """The evaluated pipeline: newsents' model and components (``newsents.load``, which finds the
    shipped or installed model and raises if there is none) with the claims component configured as
    given; sentence boundaries and lookup lemmas are added if missing.

    (An earlier version fell back silently to a blank pipeline without entities when no model was
    found next to the source tree, e.g. after a wheel install: speaker F1 0.539 instead of 0.577.)"""
    from ..pipeline.model import load

    nlp = load(model or "auto")
    if not any(n in nlp.pipe_names for n in ("senter", "sentencizer", "parser", "newsents_sentences")):
        nlp.add_pipe("sentencizer")
    if not any("lemmatizer" in n for n in nlp.pipe_names):
        lem = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        lem.initialize()
    if "newsents_claims" in nlp.pipe_names:
        nlp.remove_pipe("newsents_claims")
    nlp.add_pipe("newsents_claims", config=claims_config)
    return nlp, nlp.meta.get("newsents", {}).get("source")


def source_cues(nlp) -> frozenset[str]:
    """The cue words of the pipeline's claims lexicon that name a source rather than being a verb of
    saying (prepositions, postpositions, "nach", wie-clauses, anaphors such as "demnach")."""
    comp = nlp.get_pipe("newsents_claims")
    comp.ensure_data()
    return frozenset(comp.lexicon.reported_firsts)


def evaluate(split: str, model: Optional[str] = None, data_dir: Path = DEFAULT_DATA, limit: int = 0,
             nlp=None, **claims_config) -> dict[str, float]:
    """GermEval 2023 SpkAtt scores of newsents' claims on a quotation split, and the resolution figure."""
    docs = read_split(split, data_dir)
    if limit:
        docs = docs[:limit]
    if nlp is None:
        nlp, _ = build_pipeline(model, **claims_config)
    from .speakers import function_word_speaker

    scores, resolution, function_words = Scores(), Resolution(), 0
    texts = [d["originalText"] for d in docs]
    cues = source_cues(nlp)
    for d, sdoc in zip(docs, nlp.pipe(texts, batch_size=16)):
        function_words += sum(function_word_speaker(c.speaker.text if c.speaker else None) for c in sdoc._.claims)
        index = TokenIndex(d["tokens"])
        sys_groups, gold = system_groups(sdoc, index, cues), gold_groups(d)
        scores.add_doc(sys_groups, gold)
        resolution.add_doc(sdoc, index, d, sys_groups, gold)
    out = scores.summary()
    out["resolution"] = resolution.share
    out["resolution_of_found"] = resolution.share_of_found
    out["named_speakers"] = float(resolution.named)
    out["function_word_speakers"] = float(function_words)
    return out


COUNTS = ("gold_quotes", "predicted", "named_speakers", "gold_claims", "function_word_speakers")


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=("dev", "test", "train"))
    ap.add_argument("--set", default="quotation", choices=("quotation", "speakers", "all"), dest="which",
                    help="quotation: German news quotations 2024 (GermEval scoring and resolution); "
                         "speakers: our own resolution set (evaluation/sets/speakers.*.jsonl); all: both")
    ap.add_argument("--model", default=None, help="spaCy pipeline name or path (default: newsents.load('auto'))")
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--anonymous-speakers", default="keep", choices=("drop", "keep"))
    ap.add_argument("--errors", action="store_true", help="list the speakers resolved wrongly (speakers set)")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = ap.parse_args(argv)
    results: dict[str, dict[str, float]] = {}
    nlp = None
    if args.which in ("quotation", "all"):
        if not (Path(args.data) / f"{args.split}.jsonl.gz").exists():
            print(f"no data at {args.data}; skipping claims evaluation", file=sys.stderr)
        else:
            nlp, source = build_pipeline(args.model, anonymous_speakers=args.anonymous_speakers)
            print(f"model: {source}", file=sys.stderr)
            results["quotation"] = evaluate(args.split, data_dir=Path(args.data), limit=args.limit, nlp=nlp)
    if args.which in ("speakers", "all") and args.split in ("dev", "test"):
        from .speakers import evaluate_set

        if nlp is None:
            nlp, source = build_pipeline(args.model, anonymous_speakers=args.anonymous_speakers)
            print(f"model: {source}", file=sys.stderr)
        errors: list[str] = []
        results["speakers"] = evaluate_set(nlp, args.split, errors=errors)
        if args.errors:
            print("\n".join(errors), file=sys.stderr)
    _print(results, args.json)
    return 0


def _print(results: dict[str, dict[str, float]], as_json: bool) -> None:
    if as_json:
        print(json.dumps(results if len(results) != 1 else next(iter(results.values())), indent=2))
        return
    for name, res in results.items():
        if len(results) > 1:
            print(f"# {name}")
        for k, v in res.items():
            print(f"{k:24s} {int(v)}" if k in COUNTS else f"{k:24s} {v:.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
