"""The share of pipeline time the claims component takes (claims detection and speaker resolution),
on 10kGNAD test articles (CC BY-NC-SA, benchmark use only; skipped with a message without the data).

The full newsents pipeline runs once without ``newsents_claims`` (the docs are kept), then the claims
component alone runs over those docs; the share is claims / (rest of the pipeline + claims). Each
repetition times both parts again; the median share is reported (target: at most 20%).

    python benchmarks/bench_claims.py --limit 300 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import DEFAULT_DATA, read_gnad  # noqa: E402


def measure(nlp, texts: list[str]) -> tuple[float, float, int]:
    """(seconds of the pipeline without claims, seconds of the claims component, claims found)."""
    claims = nlp.get_pipe("newsents_claims")
    with nlp.select_pipes(disable=["newsents_claims"]):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=32))
        rest = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in docs:
        claims(doc)
    spent = time.perf_counter() - t0
    return rest, spent, sum(len(doc._.claims) for doc in docs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=300, help="articles (0: all 1,028)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", default="auto")
    args = ap.parse_args()
    if not (args.data / "10kgnad" / "test.csv").exists():
        print(f"10kGNAD not found under {args.data}; skipping the claims benchmark", file=sys.stderr)
        return 0
    import newsents

    texts = list(read_gnad(args.data, args.limit or 10**9))
    nlp = newsents.load(args.model)
    nlp.get_pipe("newsents_claims")(nlp.make_doc("Er sagte, es sei gut."))  # load the data outside the timing
    runs = [measure(nlp, texts) for _ in range(args.repeat)]
    shares = [spent / (rest + spent) for rest, spent, _ in runs]
    result = {"articles": len(texts), "claims": runs[0][2], "share_median": statistics.median(shares),
              "shares": [round(x, 4) for x in shares],
              "claims_seconds": [round(s, 2) for _, s, _ in runs], "rest_seconds": [round(r, 2) for r, _, _ in runs]}
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
