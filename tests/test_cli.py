"""The command line: exit codes of ``newsents process``, and the commands that work on an existing
output (graph, link)."""

from pathlib import Path

from helpers import EXAMPLES, read_jsonl
from typer.testing import CliRunner

from newsents.cli import app
from newsents.pipeline.model import shipped_model_path
from newsents.runtime.batch import run


def test_cli_exit_codes(tmp_path):
    runner = CliRunner()
    model = str(shipped_model_path())
    ok = runner.invoke(app, ["process", str(EXAMPLES / "articles"), "--out", str(tmp_path / "a"), "--model", model])
    assert ok.exit_code == 0, ok.output
    assert "articles" in ok.output and "claims" in ok.output
    failed = runner.invoke(app, ["process", str(EXAMPLES / "broken"), str(EXAMPLES / "articles"), "--out",
                                 str(tmp_path / "b"), "--model", model, "--quiet"])
    assert failed.exit_code == 1
    missing = runner.invoke(app, ["process", str(tmp_path / "nope"), "--out", str(tmp_path / "c")])
    assert missing.exit_code == 2 and "does not exist" in missing.output
    again = runner.invoke(app, ["process", str(EXAMPLES / "articles"), "--out", str(tmp_path / "a"), "--model", model])
    assert again.exit_code == 2 and "--resume" in again.output
    bad_model = runner.invoke(app, ["process", str(EXAMPLES / "articles"), "--out", str(tmp_path / "d"),
                                    "--model", "nonexistent"])
    assert bad_model.exit_code == 2 and "nonexistent" in bad_model.output


def test_cli_graph_and_link_from_existing_output(nlp, tmp_path):
    out = tmp_path / "out"
    run([EXAMPLES / "articles"], out, nlp=nlp)
    runner = CliRunner()
    res = runner.invoke(app, ["graph", str(out), "--level", "sentence", "--labels", "PER,ORG", "--format", "gexf"])
    assert res.exit_code == 0, res.output
    assert Path(res.output.strip()).exists()
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("name,label,aliases,qid\nSergej Schoigu,PER,Shoigu|Sergei Shoigu,Q315577\n", encoding="utf8")
    res = runner.invoke(app, ["link", str(out), "--aliases", str(aliases)])
    assert res.exit_code == 0, res.output
    entities = {e["entity_id"]: e for e in read_jsonl(out / "entities.jsonl")}
    assert entities["PER:sergej-schoigu"].get("qid") == "Q315577"
