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


GERMEVAL_KB = """#\thttp://example.org\t[2024-01-01]\t
1\tDer\tO\tO
2\tBundesnachrichtendienst\tB-ORG\tO
3\twarnte\tO\tO
4\t.\tO\tO

#\thttp://example.org\t[2024-01-01]\t
1\tDie\tO\tO
2\tKronen\tB-ORG\tO
3\tZeitung\tI-ORG\tO
4\tberichtete\tO\tO
5\t.\tO\tO
"""


def test_evaluate_ner_with_kb_ruler(tmp_path):
    """``evaluate-ner --kb`` scores the model with the knowledge-base ruler after it: the two
    institutions the model alone misses are found."""
    (tmp_path / "germeval2014").mkdir()
    (tmp_path / "germeval2014" / "NER-de-test.tsv").write_text(GERMEVAL_KB, encoding="utf8")
    runs = {}
    for flags in ([], ["--kb"]):
        result = CliRunner().invoke(app, ["evaluate-ner", "--data", str(tmp_path), *flags])
        assert result.exit_code == 0, result.output
        runs[bool(flags)] = json.loads(result.output[result.output.index("{"):])
    assert runs[True]["kb_ruler"] is True and runs[False]["kb_ruler"] is False
    assert runs[True]["per_label"]["ORG"]["tp"] == 2 and runs[True]["per_label"]["ORG"]["fp"] == 0
    assert runs[False]["per_label"]["ORG"]["tp"] < 2
