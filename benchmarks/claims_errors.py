"""Error analysis of the claims stage on a quotation-2024 split (dev by default; tune on dev only).

Prints, per error kind, counts and examples: gold quotes with no paired claim (missed, by gold type),
claims with no gold quote (spurious, by mode and detector-independent mode), pairs whose speaker
tokens differ (wrong speaker span) and pairs whose message overlap is partial (boundary).

    python benchmarks/claims_errors.py --split dev [--show missed,spurious,speaker,boundary] [--n 40]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from newsents.evaluation.claims import (
    DEFAULT_DATA,
    TokenIndex,
    build_pipeline,
    gold_groups,
    overlap_f1,
    pair_groups,
    read_split,
    source_cues,
    system_groups,
)


def _text(d: dict, ids) -> str:
    by_id = {t["id"]: t["text"] for t in d["tokens"]}
    return " ".join(by_id[i] for i in sorted(ids) if i in by_id)


def _sentence(d: dict, ids) -> str:
    if not ids:
        return ""
    by_id = {t["id"]: t for t in d["tokens"]}
    sents = {by_id[i]["sentence"] for i in ids if i in by_id}
    return " ".join(t["text"] for t in d["tokens"] if t["sentence"] in sents)[:400]


def analyse(docs, nlp) -> dict[str, list[str]]:
    """Error lines by kind."""
    out: dict[str, list[str]] = {"missed": [], "spurious": [], "speaker": [], "boundary": []}
    counts: Counter = Counter()
    cues = source_cues(nlp)
    for d, doc in zip(docs, nlp.pipe([d["originalText"] for d in docs], batch_size=16)):
        index = TokenIndex(d["tokens"])
        sys_g, gold = system_groups(doc, index, cues), gold_groups(d)
        raw = [a.get("type") for a in d["annotations"]]
        pairs = pair_groups(sys_g, gold)
        gp, sp = {g for g, _ in pairs}, {s for _, s in pairs}
        for gi, g in enumerate(gold):
            if gi not in gp:
                counts[f"missed {raw[gi]}"] += 1
                out["missed"].append(f"[{raw[gi]}] sp={_text(d, g.roles['speaker'])!r} :: {_sentence(d, g.msg)}")
        for si, s in enumerate(sys_g):
            if si not in sp:
                counts[f"spurious {s.mode}"] += 1
                out["spurious"].append(f"[{s.mode}] sp={_text(d, s.roles['speaker'])!r} msg={_text(d, s.msg)[:200]}")
        for gi, si in pairs:
            g, s = gold[gi], sys_g[si]
            if set(g.roles["speaker"]) != set(s.roles["speaker"]):
                counts["speaker differs"] += 1
                out["speaker"].append(f"[{raw[gi]}/{s.mode}] gold={_text(d, g.roles['speaker'])!r} "
                                      f"sys={_text(d, s.roles['speaker'])!r} :: {_sentence(d, g.msg)[:250]}")
            if overlap_f1(g.msg, s.msg) < 0.9:
                counts["boundary"] += 1
                out["boundary"].append(f"[{raw[gi]}/{s.mode}] f1={overlap_f1(g.msg, s.msg):.2f}"
                                       f"\n   gold={_text(d, g.msg)[:250]}\n   sys ={_text(d, s.msg)[:250]}")
    for k, v in sorted(counts.items()):
        print(f"{k:28s} {v}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--show", default="missed,spurious,speaker,boundary")
    ap.add_argument("--n", type=int, default=40)
    args = ap.parse_args()
    docs = read_split(args.split, Path(args.data))
    nlp, _ = build_pipeline(None, anonymous_speakers="keep")
    errors = analyse(docs, nlp)
    for kind in args.show.split(","):
        print(f"\n## {kind} ({len(errors[kind])})")
        for line in errors[kind][:args.n]:
            print(" -", line)


if __name__ == "__main__":
    main()
