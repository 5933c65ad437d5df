"""Benchmarks for name-variant linking.

quality: B-cubed precision/recall/F1 on benchmarks/variants/articles.txt (hand-written German
         news-style texts with gold entity keys) for the linker and an exact-string baseline.
scale:   time and peak memory for linking a synthetic stream of N mentions over M distinct names.

    python benchmarks/bench_linking.py quality [--errors] [--file heldout.txt]
    python benchmarks/bench_linking.py scale --entities 40000 --mentions 1000000
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsents.core.records import Article, Mention
from newsents.linking.linker import EntityLinker

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"\[([^\]|]+)\|([A-Z]+)\|([^\]|]+)\]")


def load_gold(path: Path = HERE / "variants" / "articles.txt") -> list[tuple[Article, list[str]]]:
    """Articles with mentions and their gold keys from the ``[surface|LABEL|gold]`` markup."""
    out = []
    for block in re.split(r"^## ", path.read_text(encoding="utf-8"), flags=re.M):
        if not block.strip():
            continue
        aid, _, body = block.partition("\n")
        text, mentions, gold, pos = "", [], [], 0
        for m in MARK.finditer(body):
            text += body[pos:m.start()]
            start = len(text)
            text += m.group(1)
            mentions.append(Mention(m.group(1), m.group(2), start, len(text)))
            gold.append(m.group(3))
            pos = m.end()
        text += body[pos:]
        out.append((Article(aid.strip(), text.strip("\n"), entities=mentions), gold))
    return out


def bcubed(pred: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 over mentions (each mention weighs the same)."""
    by_pred: dict[str, list[int]] = defaultdict(list)
    by_gold: dict[str, list[int]] = defaultdict(list)
    for i, (p, g) in enumerate(zip(pred, gold)):
        by_pred[p].append(i)
        by_gold[g].append(i)
    p_sum = r_sum = 0.0
    for p, g in zip(pred, gold):
        same = sum(1 for j in by_pred[p] if gold[j] == g)
        p_sum += same / len(by_pred[p])
        r_sum += same / len(by_gold[g])
    n = len(gold)
    P, R = p_sum / n, r_sum / n
    return P, R, 2 * P * R / (P + R) if P + R else 0.0


def quality(show_errors: bool = False, path: Path = HERE / "variants" / "articles.txt"
            ) -> dict[str, tuple[float, float, float]]:
    data = load_gold(path)
    gold = [g for _, gs in data for g in gs]
    # baseline: exact (label, surface) strings
    base = [f"{m.label}|{m.text}" for a, _ in data for m in a.entities]
    linker = EntityLinker()
    for a, _ in data:
        linker.add_article(a)
    linking = linker.link()
    pred = []
    for i, (a, _) in enumerate(data):
        linking.apply(a)
        pred.extend(m.entity_id or f"none:{i}:{m.start}" for m in a.entities)
    res = {"exact-string baseline": bcubed(base, gold), "newsents linker": bcubed(pred, gold)}
    n_ent = len(set(gold))
    print(f"variant benchmark {path.name}: {len(gold)} mentions, {n_ent} gold entities, {len(data)} articles")
    print(f"{'system':24} {'P':>6} {'R':>6} {'F1':>6}")
    for k, (P, R, F) in res.items():
        print(f"{k:24} {P:6.3f} {R:6.3f} {F:6.3f}")
    if show_errors:
        surf = [m.text for a, _ in data for m in a.entities]
        g2p: dict[str, set] = defaultdict(set)
        p2g: dict[str, set] = defaultdict(set)
        for s, p, g in zip(surf, pred, gold):
            g2p[g].add((p, s))
            p2g[p].add(g)
        print("\nsplit gold entities (missed merges):")
        for g, ps in sorted(g2p.items()):
            if len({p for p, _ in ps}) > 1:
                print(f"  {g}: " + "; ".join(f"{p} <- {s}" for p, s in sorted(ps)))
        print("\nwrong merges:")
        for p, gs in sorted(p2g.items()):
            if len(gs) > 1:
                print(f"  {p}: {sorted(gs)}")
    return res


# ------------------------------------------------------------------------------------------
# scale

_SYL = ["ka", "lo", "mi", "ser", "gej", "tin", "ow", "ew", "ski", "scha", "ko", "ra", "nu", "wa", "li", "de",
        "bor", "an", "ten", "vi", "ros", "pe", "sch", "ul", "man", "ber", "ger", "hof", "ing", "ma", "ri", "to"]
_TITLES = ["Minister", "Präsident", "Kremlchef", "Sprecherin", "Bürgermeister", "Ex-Kanzler"]


def _word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_SYL) for _ in range(n)).capitalize()


def synthetic(n_entities: int, n_mentions: int, seed: int = 0) -> Iterator[Article]:
    """A stream of articles of ~10 mentions: persons as full name, surname, genitive or with title;
    organisations and places with genitives. Deterministic for a seed."""
    rng = random.Random(seed)
    ents = []
    for _ in range(n_entities):
        kind = rng.random()
        if kind < 0.6:
            ents.append(("PER", _word(rng, 2), _word(rng, rng.randint(2, 4))))
        elif kind < 0.8:
            suffix = rng.choice(["AG", "Partei", "Bank", "Verband"])
            ents.append(("ORG", None, _word(rng, rng.randint(2, 4)) + " " + suffix))
        else:
            ents.append(("LOC", None, _word(rng, rng.randint(2, 4))))
    weights = [1.0 / (r + 1) ** 0.6 for r in range(n_entities)]
    cum = list(itertools.accumulate(weights))
    made = 0
    art = 0
    while made < n_mentions:
        picks = rng.choices(range(n_entities), cum_weights=cum, k=4)
        mentions: list[Mention] = []
        for e in picks:
            label, given, name = ents[e]
            if label == "PER":
                forms = [f"{given} {name}", name, name + "s", f"{rng.choice(_TITLES)} {name}"]
            else:
                forms = [name, name + "s" if not name.endswith("s") else name, name]
            for f in rng.sample(forms, k=min(len(forms), rng.randint(1, 3))):
                mentions.append(Mention(f, label, 0, len(f)))
        made += len(mentions)
        art += 1
        yield Article(f"s{art}", "", entities=mentions)


def scale(n_entities: int, n_mentions: int) -> None:
    t0 = time.perf_counter()
    linker = EntityLinker()
    n = 0
    for a in synthetic(n_entities, n_mentions):
        linker.add_article(a)
        n += len(a.entities)
    t1 = time.perf_counter()
    linking = linker.link()
    t2 = time.perf_counter()
    for a in synthetic(n_entities, n_mentions):
        linking.apply(a)
    t3 = time.perf_counter()
    names = len(linker._surfaces)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"mentions={n} distinct (label, form) names={names} entities={len(linking.entities)}")
    print(f"collect {t1 - t0:.1f}s  cluster {t2 - t1:.1f}s  apply {t3 - t2:.1f}s  total {t3 - t0:.1f}s  "
          f"peak RSS {rss:.0f} MB")


def real(n_articles: int, model: str, data: Path, show: int) -> None:
    """Run the pipeline's NER on 10kGNAD articles (Der Standard, no entity gold), link, and list the
    entities with most distinct variants for manual inspection of merges."""
    if not data.exists():
        print(f"skipped: {data} not found")
        return
    import csv as _csv

    import spacy

    import newsents.pipeline.features  # noqa: F401  (registers the model's architectures)

    nlp = spacy.load(model)
    rows = []
    with data.open(encoding="utf-8") as f:
        for i, row in enumerate(_csv.reader(f, delimiter=";", quotechar="'")):
            if i >= n_articles:
                break
            rows.append(row[1])
    t0 = time.perf_counter()
    arts = []
    for i, doc in enumerate(nlp.pipe(rows, batch_size=32)):
        ms = [Mention(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents]
        arts.append(Article(f"gnad{i}", doc.text, entities=ms))
    t1 = time.perf_counter()
    linker = EntityLinker()
    for a in arts:
        linker.add_article(a)
    linking = linker.link()
    for a in arts:
        linking.apply(a)
    t2 = time.perf_counter()
    n_m = sum(len(a.entities) for a in arts)
    print(f"{len(arts)} articles, {n_m} mentions, {len(linker._surfaces)} distinct names, "
          f"{len(linking.entities)} entities; NER {t1 - t0:.1f}s, linking {t2 - t1:.2f}s")
    multi = sorted(linking.entities, key=lambda e: (-len(e.variants), e.entity_id))[:show]
    for e in multi:
        print(f"  {e.entity_id:40} {e.mentions:4}  " + " | ".join(list(e.variants)[:12]))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    q = sub.add_parser("quality")
    q.add_argument("--errors", action="store_true", help="list missed and wrong merges")
    q.add_argument("--file", default="articles.txt", help="file under benchmarks/variants/ (heldout.txt: "
                   "written after development, never tuned on)")
    s = sub.add_parser("scale")
    s.add_argument("--entities", type=int, default=4000)
    s.add_argument("--mentions", type=int, default=100_000)
    r = sub.add_parser("real", help="link NER output on 10kGNAD (needs ../shared/data and the model)")
    r.add_argument("--articles", type=int, default=300)
    r.add_argument("--model", default=str(HERE.parent / "models" / "de_newsents_news"))
    r.add_argument("--data", default=str(HERE.parent.parent / "shared" / "data" / "10kgnad" / "test.csv"))
    r.add_argument("--show", type=int, default=40)
    args = ap.parse_args(argv)
    if args.cmd == "quality":
        quality(args.errors, HERE / "variants" / args.file)
    elif args.cmd == "real":
        real(args.articles, args.model, Path(args.data), args.show)
    else:
        scale(args.entities, args.mentions)


if __name__ == "__main__":
    sys.exit(main())
