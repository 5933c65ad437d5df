"""The evaluation entry points on tiny hand-made files in the shared-data layout (no real data)."""

import pytest
import spacy

from newsents.evaluation.germeval import map_tag, read_sentences
from newsents.evaluation.ner_ud import PRF, evaluate_ner, evaluate_ud

GERMEVAL = """#\thttp://example.org\t[2024-01-01]\t
1\tSergej\tB-PER\tO
2\tSchoigu\tI-PER\tO
3\treiste\tO\tO
4\tnach\tO\tO
5\tMinsk\tB-LOC\tO
6\t.\tO\tO

#\thttp://example.org\t[2024-01-01]\t
1\tDie\tO\tO
2\tdeutsche\tB-LOCderiv\tO
3\tEU-Kommission\tB-ORGpart\tO
4\ttagte\tO\tO
5\tin\tO\tO
6\tBrüssel\tB-LOC\tO
7\t.\tO\tO
"""

CONLLU = """# sent_id = test-s1
# text = Er sagte, das sei gut.
1\tEr\ter\tPRON\tPPER\t_\t2\tnsubj\t_\t_
2\tsagte\tsagen\tVERB\tVVFIN\tMood=Ind\t0\troot\t_\tSpaceAfter=No
3\t,\t,\tPUNCT\t$,\t_\t5\tpunct\t_\t_
4\tdas\tder\tPRON\tPDS\t_\t5\tnsubj\t_\t_
5\tsei\tsein\tAUX\tVAFIN\tMood=Sub\t2\tccomp\t_\t_
6\tgut\tgut\tADJ\tADJD\t_\t5\tadvmod\t_\tSpaceAfter=No
7\t.\t.\tPUNCT\t$.\t_\t2\tpunct\t_\t_

# sent_id = test-s2
# text = Dann ging er.
1\tDann\tdann\tADV\tADV\t_\t2\tadvmod\t_\t_
2\tging\tgehen\tVERB\tVVFIN\tMood=Ind\t0\troot\t_\t_
3\ter\ter\tPRON\tPPER\t_\t2\tnsubj\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t$.\t_\t2\tpunct\t_\t_
"""


@pytest.fixture
def data(tmp_path):
    (tmp_path / "germeval2014").mkdir()
    (tmp_path / "germeval2014" / "NER-de-test.tsv").write_text(GERMEVAL, encoding="utf8")
    (tmp_path / "ud_german_gsd").mkdir()
    (tmp_path / "ud_german_gsd" / "de_gsd-ud-test.conllu").write_text(CONLLU, encoding="utf8")
    return tmp_path


def test_germeval_outer_tags_and_mapping(data):
    sents = list(read_sentences(data / "germeval2014" / "NER-de-test.tsv"))
    assert [s.spans() for s in sents] == [[(0, 2, "PER"), (4, 5, "LOC")], [(5, 6, "LOC")]]
    assert map_tag("B-OTH") == "B-MISC" and map_tag("I-LOCderiv") == "O" and map_tag("B-ORGpart") == "O"


def _fake_ner(entities):
    """A pipeline whose 'NER' marks fixed strings, so the expected scores can be counted by hand."""
    nlp = spacy.blank("de")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": label, "pattern": text} for text, label in entities])
    return nlp


def test_evaluate_ner_counts_exact_spans(data):
    # "EU" inside the token "EU-Kommission" cannot be marked (gold calls it ORGpart -> O anyway)
    nlp = _fake_ner([("Sergej Schoigu", "PER"), ("Minsk", "ORG"), ("Brüssel", "LOC"), ("EU", "ORG")])
    res = evaluate_ner(nlp, data, "test")
    assert (res["micro"]["tp"], res["micro"]["fp"], res["micro"]["fn"]) == (2, 1, 1)
    assert res["per_label"]["PER"]["f"] == 1.0
    assert res["per_label"]["LOC"]["tp"] == 1 and res["per_label"]["LOC"]["fn"] == 1
    assert res["per_loc_org"]["tp"] == 2


def test_evaluate_ud_sentences_lemmas_mood(data, base_nlp):
    res = evaluate_ud(base_nlp, "gsd-test", data)
    assert res["sentence_boundaries"]["f"] == 1.0
    assert res["mood_sub"]["tp"] == 1 and res["mood_sub"]["fn"] == 0
    assert 0.5 < res["lemma_accuracy"] <= 1.0


def test_missing_data_is_a_clear_error(tmp_path, base_nlp):
    with pytest.raises(FileNotFoundError, match="germeval2014"):
        evaluate_ner(base_nlp, tmp_path, "test")
    with pytest.raises(FileNotFoundError, match="pass --data"):
        evaluate_ud(base_nlp, "pud-test", tmp_path)


def test_prf():
    prf = PRF()
    prf.add({1, 2, 3}, {2, 3, 4, 5})
    assert (prf.tp, prf.fp, prf.fn) == (2, 2, 1)
    assert round(prf.f, 4) == round(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3), 4)
