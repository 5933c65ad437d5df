"""Benchmark of the offline explorer (newsents.explorer) on a synthetic 10,000-article output folder:
the HTML size, the Python build time, and the time until the page is interactive in headless Chromium.
Reports figures; not a timed test.

    python benchmarks/bench_explorer.py                       # 10,000 articles, top 300, 3 runs
    python benchmarks/bench_explorer.py --articles 10000 --top 300 --runs 3 --keep /tmp/bench-explorer

Synthetic corpus shaped like the example articles: about 900 characters, 7 sentences, 14 mentions,
5 claims and 2 removed noise snippets per article, over 2,000 entities with Zipf-like popularity
(p ~ 1/(rank+10)) and 1-3 name variants each. Generated once into --keep (not timed).
"Interactive" is the page's own ``window.newsentsExplorer.readyAt``: ``performance.now()`` (ms since
navigation start) when the data is unpacked, the tables are built and the graph has been drawn
(two animation frames after cytoscape's ready); the median of --runs fresh page loads.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

LABELS = ("PER", "PER", "PER", "PER", "LOC", "LOC", "LOC", "ORG", "ORG", "MISC")
SYL = ("ka", "ro", "mi", "lan", "ber", "so", "vic", "tan", "del", "gu", "schu", "ner", "wal", "tor", "li", "ma",
       "sch", "ov", "ens", "dor", "ra", "hel", "frie", "mo")
CUES = ("sagte", "erklärte", "betonte", "teilte mit", "kritisierte")
SOURCES = tuple(f"quelle{k}.example" for k in range(12))
NOISE = ("Lesen Sie auch: Was das Manöver für die Nato bedeutet", "Teilen | Facebook | WhatsApp | E-Mail",
         "Foto: picture alliance / dpa", "Jetzt den Newsletter abonnieren und nichts verpassen!")


def _name(rng, parts: int) -> str:
    return " ".join("".join(rng.choice(SYL, size=int(rng.integers(2, 4)))).capitalize() for _ in range(parts))


def make_entities(rng, n: int) -> list[dict]:
    """Entity id, label, canonical name and variants (PER: full, last name, genitive)."""
    out = []
    for k in range(n):
        label = LABELS[k % len(LABELS)]
        name = _name(rng, 2 if label == "PER" else 1)
        if label == "ORG":
            name = f"Agentur {name}" if k % 2 else f"{name} AG"
        variants = [name]
        if label == "PER":
            variants += [name.split()[-1], name.split()[-1] + "s"]
        elif k % 3 == 0:
            variants.append(name + "s")
        out.append({"entity_id": f"{label}:e{k}", "label": label, "name": name, "variants": variants})
    return out


class ArticleWriter:
    """Builds one article's text with exact offsets for mentions, claims and sentences."""

    def __init__(self):
        self.parts, self.pos, self.mentions, self.claims, self.sentences = [], 0, [], [], []

    def add(self, text: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start, self.pos

    def mention(self, ent: dict, variant: str) -> dict:
        s, e = self.add(variant)
        m = {"text": variant, "label": ent["label"], "start": s, "end": e, "entity_id": ent["entity_id"]}
        self.mentions.append(m)
        return m

    def claim_sentence(self, rng, speaker: dict, a: dict, b: dict, cue: str) -> None:
        s0 = self.pos
        sp = self.mention(speaker, str(rng.choice(speaker["variants"])))
        cs, ce = self.add(f" {cue}, ")
        c0 = self.pos
        self.mention(a, str(rng.choice(a["variants"])))
        self.add(" habe bei dem Treffen in ")
        self.mention(b, b["name"])
        self.add(" „wichtige Fortschritte“ erzielt")
        c1 = self.pos
        self.add(". ")
        spk = {"text": sp["text"], "start": sp["start"], "end": sp["end"], "entity_id": sp["entity_id"]}
        cue_ref = {"text": cue, "start": cs + 1, "end": ce - 2}
        self.claims.append({"speaker": spk, "cue": cue_ref, "content": {"text": self.text()[c0:c1], "start": c0,
                            "end": c1}, "mode": "indirect", "via": None, "hearsay": False})
        q0 = c1 - len("„wichtige Fortschritte“ erzielt")
        self.claims.append({"speaker": spk, "cue": cue_ref, "content": {"text": "„wichtige Fortschritte“",
                            "start": q0, "end": q0 + len("„wichtige Fortschritte“")}, "mode": "direct", "via": None,
                            "hearsay": False})
        self.sentences.append([s0, self.pos - 1])

    def plain_sentence(self, rng, a: dict, b: dict) -> None:
        s0 = self.pos
        self.add("Am Montag trafen sich Vertreter von ")
        self.mention(a, str(rng.choice(a["variants"])))
        self.add(" und ")
        self.mention(b, str(rng.choice(b["variants"])))
        self.add(" zu Gesprächen über die Lage in der Region und die nächsten Schritte. ")
        self.sentences.append([s0, self.pos - 1])

    def text(self) -> str:
        return "".join(self.parts)


def make_article(rng, i: int, ents: list[dict], p) -> dict:
    picks = [ents[int(k)] for k in rng.choice(len(ents), size=16, p=p)]
    w = ArticleWriter()
    title = f"{picks[0]['name']} trifft {picks[1]['name']} in {picks[2]['name']}"
    w.add(title + "\n\n")
    w.sentences.append([0, len(title)])
    for k in range(6):
        a, b, c = picks[3 + 2 * k], picks[4 + 2 * k], picks[(5 + 2 * k) % 16]
        if k % 2 == 0:
            w.claim_sentence(rng, a, b, c, CUES[(i + k) % len(CUES)])
        else:
            w.plain_sentence(rng, a, b)
    day = f"2024-{1 + i % 12:02d}-{1 + (i * 7) % 28:02d}"
    w.claims.pop()  # 5 claims, like the examples
    return {"id": f"ressort{i % 7}/{day}-artikel-{i}.txt", "title": title, "date": f"{day}T{8 + i % 12:02d}:00:00",
            "source": SOURCES[i % len(SOURCES)], "url": f"https://{SOURCES[i % len(SOURCES)]}/politik/{day}/a{i}",
            "text": w.text(), "entities": w.mentions, "claims": w.claims, "compounds": [],
            "removed": [{"rule": "read_also", "text": NOISE[(i + k) % len(NOISE)]} for k in range(2)],
            "sentences": w.sentences}


def generate(out: Path, n_articles: int, n_entities: int = 2000, seed: int = 0) -> None:
    """Write articles.jsonl and entities.jsonl (counts and variants from the generated mentions)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    ents = make_entities(rng, n_entities)
    p = 1.0 / (np.arange(n_entities) + 10.0)
    p /= p.sum()
    stats = {e["entity_id"]: {"variants": {}, "articles": set()} for e in ents}
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "articles.jsonl", "w", encoding="utf-8") as f:
        for i in range(n_articles):
            art = make_article(rng, i, ents, p)
            for m in art["entities"]:
                st = stats[m["entity_id"]]
                st["variants"][m["text"]] = st["variants"].get(m["text"], 0) + 1
                st["articles"].add(i)
            f.write(json.dumps(art, ensure_ascii=False) + "\n")
    with open(out / "entities.jsonl", "w", encoding="utf-8") as f:
        for e in ents:
            st = stats[e["entity_id"]]
            if st["articles"]:
                f.write(json.dumps({"entity_id": e["entity_id"], "name": e["name"], "label": e["label"],
                                    "variants": st["variants"], "mentions": sum(st["variants"].values()),
                                    "articles": len(st["articles"])}, ensure_ascii=False) + "\n")


def build(out: Path, html: Path, top: int, runs: int, max_edges: int) -> dict:
    """Median seconds of reading the folder, building the payload and rendering the page."""
    from newsents.explorer import read_output
    from newsents.explorer.page import render, script_json
    from newsents.explorer.payload import build_payload

    times = {"read_s": [], "payload_s": [], "render_s": []}
    for _ in range(runs):
        t0 = time.perf_counter()
        articles, entities = read_output(out)
        t1 = time.perf_counter()
        payload = build_payload(articles, entities, top=top, max_edges=max_edges)
        t2 = time.perf_counter()
        page = render(payload)
        t3 = time.perf_counter()
        for key, dt in zip(times, (t1 - t0, t2 - t1, t3 - t2)):
            times[key].append(dt)
    html.write_text(page, encoding="utf-8")
    res = {k: round(statistics.median(v), 2) for k, v in times.items()}
    res["build_total_s"] = round(sum(res.values()), 2)
    res["html_mb"] = round(len(page.encode("utf-8")) / 1e6, 2)
    res["payload_mb_by_part"] = {k: round(len(script_json(v).encode("utf-8")) / 1e6, 2) for k, v in payload.items()
                                 if k not in ("format", "colors")}
    res["counts"] = payload["meta"]["counts"]
    return res


def browser_ready_ms(html: Path, runs: int) -> tuple[list[float], list[dict]]:
    """``readyAt`` of fresh page loads in headless Chromium (Debian's chromium and chromedriver), and
    the page's own marks (ms since navigation start: script start, data unpacked, views, graph, ready)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    flags = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-dev-shm-usage", "--window-size=1400,900")
    out, marks = [], []
    for _ in range(runs):
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in (*flags, f"--user-data-dir={tempfile.mkdtemp(prefix='bench-explorer-')}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
        try:
            driver.get(html.resolve().as_uri())
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                ready = driver.execute_script("return window.newsentsExplorer && window.newsentsExplorer.readyAt")
                if ready:
                    out.append(round(float(ready)))
                    marks.append(driver.execute_script("return window.newsentsExplorer.timings"))
                    break
                time.sleep(0.05)
            errors = driver.execute_script("return window.newsentsExplorer ? window.newsentsExplorer.errors : null")
            if errors:
                print(f"# page errors: {errors}", file=sys.stderr)
        finally:
            driver.quit()
    return out, marks


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--entities", type=int, default=2_000)
    ap.add_argument("--top", type=int, default=300)
    ap.add_argument("--max-edges", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "newsents-bench-explorer")
    a = ap.parse_args()
    out = a.keep / f"out_{a.articles}_{a.entities}"
    if not (out / "articles.jsonl").exists():
        t = time.perf_counter()
        generate(out, a.articles, a.entities)
        print(f"# generated {out} in {time.perf_counter() - t:.0f}s", file=sys.stderr)
    html = out / "explorer.html"
    res = {"articles": a.articles, "entities": a.entities, "top": a.top, "max_edges": a.max_edges, "runs": a.runs,
           "articles_jsonl_mb": round((out / "articles.jsonl").stat().st_size / 1e6, 1)}
    res.update(build(out, html, a.top, a.runs, a.max_edges))
    ready, marks = browser_ready_ms(html, a.runs)
    res["ready_ms_runs"] = ready
    res["page_marks_ms_median"] = {k: statistics.median(m[k] for m in marks) for k in (marks[0] if marks else {})}
    res["ready_ms_median"] = statistics.median(ready) if ready else None
    res["loadavg_1m"] = round(os.getloadavg()[0], 1)
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
