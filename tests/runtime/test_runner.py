"""One runner core (runtime/runner.py): every engine runs through ``execute``, which prepares the output
folder, runs the corpus steps and writes the manifest; an engine only maps articles to workers."""

from __future__ import annotations

import json

import pytest
from helpers import art

from newsents.io.output import OutputError, encode_article
from newsents.runtime.runner import RunOptions, execute


class ListEngine:
    """An engine that 'analyses' ready-made articles: what execute asks of an engine, nothing more."""

    sharded = False

    def __init__(self, articles):
        self.articles = articles
        self.calls: list[str] = []

    def prepare(self, options):
        self.calls.append("prepare")

    def map(self, options, folder, summary, progress):
        self.calls.append("map")
        for a in self.articles:
            if a.id not in folder.done_ids and folder.write_article(encode_article(a)):
                summary.articles += 1

    def write_parquet(self, folder):
        self.calls.append("parquet")

    def manifest(self, options):
        return {"name": "list"}, {"engine": "list"}


def articles():
    return [art("a", "[Sergej Schoigu|PER] traf [Alexander Lukaschenko|PER]."),
            art("b", "[Schoigu|PER] sprach in [Minsk|LOC].")]


def test_execute_prepares_maps_finalizes_and_writes_the_manifest(tmp_path):
    out = tmp_path / "out"
    engine = ListEngine(articles())
    summary = execute(RunOptions([tmp_path], out, fmt="parquet"), engine)
    assert engine.calls == ["prepare", "map", "parquet"]
    assert summary.articles == 2 and summary.entities >= 3 and summary.mentions == 4
    assert {p.name for p in out.iterdir()} >= {"articles.jsonl", "entities.jsonl", "graph.graphml", "errors.jsonl",
                                                "manifest.json"}
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf8"))
    assert manifest["model"] == {"name": "list"} and manifest["options"] == {"inputs": [str(tmp_path)],
                                                                             "engine": "list"}
    ids = {m["entity_id"] for line in (out / "articles.jsonl").read_text(encoding="utf8").splitlines()
           for m in json.loads(line)["entities"]}
    assert "PER:sergej-schoigu" in ids


def test_the_folder_is_the_runners_not_the_engines(tmp_path):
    out = tmp_path / "out"
    execute(RunOptions([tmp_path], out), ListEngine(articles()))
    with pytest.raises(OutputError):  # neither resume nor overwrite
        execute(RunOptions([tmp_path], out), ListEngine(articles()))
    again = execute(RunOptions([tmp_path], out, resume=True), ListEngine(articles()))
    assert again.resumed == 2 and again.articles == 0


def test_unknown_format_is_refused_before_anything_is_made(tmp_path):
    engine = ListEngine([])
    with pytest.raises(ValueError):
        execute(RunOptions([tmp_path], tmp_path / "out", fmt="csv"), engine)
    assert engine.calls == [] and not (tmp_path / "out").exists()
