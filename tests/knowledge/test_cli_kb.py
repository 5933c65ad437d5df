"""``newsents kb``: the knowledge base's coverage report and lookups from the command line."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsents.cli import app


def test_kb_coverage_report():
    result = CliRunner().invoke(app, ["kb"])
    assert result.exit_code == 0 and "newsents knowledge base:" in result.output and "media.tsv" in result.output


def test_kb_lookup_and_json():
    found = json.loads(CliRunner().invoke(app, ["kb", "--lookup", "Föderalen Sicherheitsdienstes"]).output)
    assert found["Föderalen Sicherheitsdienstes"][0]["id"] == "ORG:fsb"
    counts = json.loads(CliRunner().invoke(app, ["kb", "--json"]).output)
    assert counts["entities"] > 3000 and counts["labels"]["ORG"] > 1000


def test_kb_reports_errors(tmp_path):
    (tmp_path / "bad.tsv").write_text("id\tlabel\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["kb", "--path", str(tmp_path)])
    assert result.exit_code == 1 and "header must be" in result.output
