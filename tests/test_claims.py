"""Unit tests of newsents.claims on small hand-made German docs (entities set by hand, no model)."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Span

from newsents.claims.component import ClaimsComponent, claims_frame, find_quotes
from newsents.core.records import Article


def _pipeline(**config):
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    lem = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lem.initialize()
    return nlp


@pytest.fixture(scope="module")
def base():
    return _pipeline()


@pytest.fixture(scope="module")
def comp(base):
    return ClaimsComponent(base)


@pytest.fixture(scope="module")
def comp_keep(base):
    return ClaimsComponent(base, anonymous_speakers="keep")


def run(base, comp, text, ents=()):
    """Tokenise, segment and lemmatise ``text``; set entities from (surface, label); run the claims."""
    doc = base(text)
    spans, pos = [], 0
    for surface, label in ents:
        start = text.index(surface, pos)
        spans.append(doc.char_span(start, start + len(surface), label=label))
        pos = start + len(surface)
    doc.ents = spans
    return comp(doc)


def check_offsets(doc):
    text = doc.text
    for c in doc._.claims:
        for ref in (c.content, c.speaker, c.cue, c.via):
            if ref is not None and ref.start >= 0:
                assert 0 <= ref.start < ref.end <= len(text)
                assert text[ref.start:ref.end] == ref.text


# ---------------------------------------------------------------------------- direct quotes


def test_direct_quote_speaker_after(base, comp):
    doc = run(base, comp, "„Das ist falsch“, sagte Verteidigungsminister Sergej Schoigu am Montag.",
              [("Sergej Schoigu", "PER")])
    [c] = doc._.claims
    assert c.mode == "direct"
    assert c.content.text == "„Das ist falsch“"
    assert c.cue.text == "sagte"
    assert c.speaker.text == "Verteidigungsminister Sergej Schoigu"
    assert doc._.claim_speakers[0].text == "Sergej Schoigu"
    check_offsets(doc)


def test_direct_quote_speaker_before_with_colon(base, comp):
    doc = run(base, comp, "Schoigu sagte: „Wir sind bereit.“", [("Schoigu", "PER")])
    [c] = doc._.claims
    assert (c.mode, c.speaker.text, c.cue.text, c.content.text) == ("direct", "Schoigu", "sagte", "„Wir sind bereit.“")


def test_split_quote_is_one_claim_with_all_parts(base, comp):
    text = "„Wir kämpfen“, so Schoigu, „bis zum Ende.“"
    doc = run(base, comp, text, [("Schoigu", "PER")])
    [c] = doc._.claims
    assert c.content.start == 0 and c.content.end == len(text)
    assert c.cue.text == "so" and c.speaker.text == "Schoigu"


def test_quote_over_several_sentences(base, comp):
    text = "„Die Lage ist ernst. Wir müssen handeln. Sofort.“, sagte Merkel."
    doc = run(base, comp, text, [("Merkel", "PER")])
    [c] = doc._.claims
    assert c.content.text == "„Die Lage ist ernst. Wir müssen handeln. Sofort.“"
    assert c.speaker.text == "Merkel"


def test_other_quotation_marks_and_entities(base, comp):
    for text in ("»Wir bleiben hier«, sagte Scholz.", '"Wir bleiben hier", sagte Scholz.',
                 "&bdquo;Wir bleiben hier&ldquo;, sagte Scholz."):
        doc = run(base, comp, text, [("Scholz", "PER")])
        assert len(doc._.claims) == 1, text
        c = doc._.claims[0]
        assert c.mode == "direct" and "Wir bleiben hier" in c.content.text and c.speaker.text == "Scholz"
        check_offsets(doc)


def test_quote_continuation_keeps_previous_speaker(base, comp):
    text = "Scholz sagte: „Wir bleiben hier.“ „Niemand wird uns vertreiben.“"
    doc = run(base, comp, text, [("Scholz", "PER")])
    assert len(doc._.claims) == 2
    assert doc._.claims[1].speaker.text == "Scholz" and doc._.claims[1].cue is None


def test_scare_quotes_and_titles_are_no_claims(base, comp):
    doc = run(base, comp, "Der Film „Das Boot“ läuft heute. Die Band „Landser“ wurde verboten.")
    assert doc._.claims == []


# ---------------------------------------------------------------------------- indirect speech


def test_indirect_konjunktiv_and_continuation(base, comp):
    text = ("Lukaschenko sagte, das Manöver richte sich gegen kein Nachbarland. "
            "Es gehe nur um Verteidigung. Der Regen hörte am Abend auf.")
    doc = run(base, comp, text, [("Lukaschenko", "PER")])
    assert [c.mode for c in doc._.claims] == ["indirect", "indirect"]
    first, second = doc._.claims
    assert first.content.text == "das Manöver richte sich gegen kein Nachbarland"
    assert first.speaker.text == "Lukaschenko" and first.cue.text == "sagte"
    assert second.content.text.startswith("Es gehe nur um Verteidigung")
    assert second.cue is None and second.speaker.text == "Lukaschenko"


def test_indirect_dass_clause_and_inverted_cue(base, comp):
    doc = run(base, comp, "Die Regierung erklärte, dass die Grenze offen bleibt.")
    [c] = doc._.claims
    assert c.content.text == "dass die Grenze offen bleibt" and c.speaker.text == "Die Regierung"
    doc = run(base, comp, "Die Grenze bleibe offen, sagte Innenministerin Nancy Faeser.", [("Nancy Faeser", "PER")])
    [c] = doc._.claims
    assert c.content.text == "Die Grenze bleibe offen"
    assert c.speaker.text == "Innenministerin Nancy Faeser"


def test_subject_after_embedded_relative_clause(base, comp):
    text = "Frank Sichau, der als Sprecher der Fraktion fungiert, erklärte, das Gericht habe versagt."
    doc = run(base, comp, text, [("Frank Sichau", "PER")])
    [c] = doc._.claims
    assert c.speaker.text == "Frank Sichau" and c.content.text == "das Gericht habe versagt"


# ---------------------------------------------------------------------------- reported statements


def test_reported_laut_zufolge_nach_angaben(base, comp):
    doc = run(base, comp, "Laut Polizei wurden drei Menschen verletzt.", [("Polizei", "ORG")])
    [c] = doc._.claims
    assert (c.mode, c.cue.text, c.speaker.text) == ("reported", "Laut", "Polizei")
    assert c.content.text == "wurden drei Menschen verletzt"

    doc = run(base, comp, "Dem Innenministerium zufolge ist die Lage ruhig.", [("Innenministerium", "ORG")])
    [c] = doc._.claims
    assert c.cue.text == "zufolge" and "Innenministerium" in c.speaker.text
    assert c.content.text == "ist die Lage ruhig"

    doc = run(base, comp, "Nach Angaben des Roten Kreuzes gab es zehn Tote.", [("Roten Kreuzes", "ORG")])
    [c] = doc._.claims
    assert c.mode == "reported" and c.speaker.text.endswith("Roten Kreuzes")
    assert doc._.claim_speakers[0].text == "Roten Kreuzes"
    assert c.content.text == "gab es zehn Tote"


def test_reported_wie_x_mitteilte_and_das_teilte_x_mit(base, comp):
    doc = run(base, comp, "Die Brücke ist gesperrt, wie die Stadt Köln mitteilte.", [("Köln", "LOC")])
    [c] = doc._.claims
    assert (c.mode, c.content.text, c.speaker.text) == ("reported", "Die Brücke ist gesperrt", "die Stadt Köln")

    text = "Die Armee hat 300 Soldaten entsandt. Das teilte das Verteidigungsministerium mit."
    doc = run(base, comp, text)
    [c] = doc._.claims
    assert c.content.text == "Die Armee hat 300 Soldaten entsandt"
    assert c.speaker.text == "das Verteidigungsministerium" and c.cue.text == "teilte"


def test_hearsay(base, comp):
    doc = run(base, comp, "Der Täter soll vor der Tat getrunken haben.")
    [c] = doc._.claims
    assert c.hearsay and c.mode == "reported" and c.speaker is None


# ---------------------------------------------------------------------------- speakers and via


def test_role_and_pronoun_resolution(base, comp):
    text = ("Sergej Schoigu besuchte am Montag Minsk. Der Minister sagte, die Lage sei ruhig. "
            "Später erklärte er, die Truppen würden abziehen.")
    doc = run(base, comp, text, [("Sergej Schoigu", "PER"), ("Minsk", "LOC")])
    assert len(doc._.claims) == 2
    assert doc._.claims[0].speaker.text == "Der Minister"
    assert doc._.claims[1].speaker.text == "er"
    assert [e.text for e in doc._.claim_speakers] == ["Sergej Schoigu", "Sergej Schoigu"]


def test_age_noun_and_agency_resolution(base, comp):
    text = "Die Agentur Belta meldete den Besuch von Alexander Lukaschenko. Der 68-Jährige sagte, er sei zufrieden."
    doc = run(base, comp, text, [("Belta", "ORG"), ("Alexander Lukaschenko", "PER")])
    [c] = [c for c in doc._.claims if c.mode == "indirect"]
    i = doc._.claims.index(c)
    assert c.speaker.text == "Der 68-Jährige" and doc._.claim_speakers[i].text == "Alexander Lukaschenko"


def test_anonymous_speaker_dropped_or_kept(base, comp, comp_keep):
    text = "Ein Sprecher sagte, man prüfe den Fall."
    [c] = run(base, comp, text)._.claims
    assert c.speaker is None and c.mode == "indirect"
    doc = run(base, comp_keep, text)
    [c] = doc._.claims
    assert c.speaker.text == "Ein Sprecher" and doc._.claim_speakers[0] is None


def test_via_relay(base, comp):
    text = "Lukaschenko kam nach Moskau. „Wir werden siegen“, zitierte ihn die Agentur Belta."
    doc = run(base, comp, text, [("Lukaschenko", "PER"), ("Moskau", "LOC"), ("Belta", "ORG")])
    [c] = doc._.claims
    assert c.speaker.text == "ihn" and doc._.claim_speakers[0].text == "Lukaschenko"
    assert c.via.text == "die Agentur Belta"

    text = "Die Agentur Reuters berichtete unter Berufung auf Diplomaten, die Gespräche seien gescheitert."
    doc = run(base, comp, text, [("Reuters", "ORG")])
    [c] = doc._.claims
    assert c.via.text == "Die Agentur Reuters" and c.content.text == "die Gespräche seien gescheitert"


def test_entity_id_extension_is_used(base, comp):
    if not Span.has_extension("entity_id"):
        Span.set_extension("entity_id", default=None)
    ext = Span.get_extension("entity_id")
    if ext[2] is not None and ext[3] is None:  # a getter without setter: cannot set by hand
        pytest.skip("Span._.entity_id is computed by another component")
    doc = base("Sergej Schoigu landete in Minsk. Er sagte, die Lage sei ruhig.")
    doc.ents = [doc.char_span(0, 14, label="PER")]
    doc.ents[0]._.entity_id = "PER:sergej-schoigu"
    comp(doc)
    [c] = doc._.claims
    assert c.speaker.text == "Er" and c.speaker.entity_id == "PER:sergej-schoigu"


# ---------------------------------------------------------------------------- not claims


@pytest.mark.parametrize("text", [
    "Man sagt, der Winter werde hart.",
    "Es heißt, er sei krank.",
    "Die Ursache nannte er nicht.",
    "Merkel dankte den Helfern.",
    "Scholz begrüßte den Schritt.",
    "Der Minister sagte nicht, ob die Grenze offen bleibe.",
])
def test_not_claims(base, comp, text):
    assert run(base, comp, text, [])._.claims == []


# ---------------------------------------------------------------------------- bad input


BAD = [
    "„Das ist ein Zitat ohne Ende, sagte er.\n\nNeuer Absatz ohne Bezug. Er sagte, alles sei gut.",
    "„" + "Ein sehr langer Satz im Zitat. " * 400 + "“, sagte Merkel.",
    "„Er sagte: ‚Wir kommen‘ und »ging« dann.“, berichtete Müller.",
    "„Alles in einem Zitat.\n\nZweiter Absatz.\n\nDritter Absatz.“",
    "Tisch. Stuhl. Lampe! Und? „“ \"\" » « ‚ ‘",
    "The minister said, \"we will win\", according to Reuters.",
    "\n\n\n",
    "",
    "&quot;Nur ein Zeichen",
]


@pytest.mark.parametrize("text", BAD)
def test_bad_input_no_crash_valid_offsets(base, comp, text):
    doc = run(base, comp, text)
    check_offsets(doc)
    for c in doc._.claims:
        assert "\n\n" not in c.content.text  # no claim spans unrelated paragraphs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(list("abc XY.,:;\n„“\"»«‚‘") + ["sagte ", "sei ", "laut ", "so ", "Er ", "&bdquo;"]),
                max_size=60).map("".join))
def test_random_text_offsets_valid(base, comp, text):
    doc = run(base, comp, text)
    check_offsets(doc)


def test_find_quotes_pairs_and_nesting():
    text = "„Er rief ‚Halt‘ und ging.“ Dann »kam« sie. &bdquo;Ja&ldquo; und \"nein\"."
    qs = find_quotes(text)
    assert [text[q.start:q.end] for q in qs] == ["„Er rief ‚Halt‘ und ging.“", "»kam«", "&bdquo;Ja&ldquo;", "\"nein\""]
    assert text[qs[0].inner_start:qs[0].inner_end] == "Er rief ‚Halt‘ und ging."
    # an unclosed mark inside a paragraph is ignored; one opening a paragraph runs to its end
    assert find_quotes("Er sagte „nichts. Dann ging er.") == []
    [q] = find_quotes("„Erster Absatz eines Zitats.\n„Zweiter Absatz.“")[:1]
    assert text and q.closed is False


# ---------------------------------------------------------------------------- morphology, serialisation, tables


def test_morphology_is_used_when_present(base, comp):
    doc = base("Der Minister sagte, das Heer marschiere morgen.")
    for t in doc:
        if t.text == "marschiere":
            t.set_morph("Mood=Sub|Tense=Pres")
            t.lemma_ = ""
    comp(doc)
    [c] = doc._.claims
    assert c.content.text == "das Heer marschiere morgen"


def test_component_in_pipeline_roundtrip(tmp_path):
    nlp = _pipeline()
    nlp.add_pipe("newsents_claims", config={"anonymous_speakers": "keep"})
    text = "„Wir bleiben“, sagte Scholz."
    before = [c.to_dict() for c in nlp(text)._.claims]
    nlp.to_disk(tmp_path / "m")
    again = spacy.load(tmp_path / "m")
    assert [c.to_dict() for c in again(text)._.claims] == before
    assert (tmp_path / "m" / "newsents_claims" / "cues.tsv").exists()


def test_claims_frame(base, comp):
    text = "„Wir bleiben“, sagte Scholz."
    doc = run(base, comp, text, [("Scholz", "PER")])
    art = Article(id="a1", text=text, date="2024-05-01", claims=doc._.claims)
    df = claims_frame([art, art.to_dict()])
    assert list(df.columns[:7]) == ["article", "date", "speaker", "speaker_entity", "mode", "cue", "content"]
    assert len(df) == 2 and df.iloc[0]["speaker"] == "Scholz" and df.iloc[1]["mode"] == "direct"
    assert claims_frame([]).empty


# ---------------------------------------------------------------------------- further patterns


def test_quoted_words_inside_indirect_speech_are_direct_claims_too(base, comp):
    text = "Der Staatsanwalt sagte, der Mann habe „bewusst und gewollt“ gehandelt."
    doc = run(base, comp, text)
    modes = sorted(c.mode for c in doc._.claims)
    assert modes == ["direct", "indirect"]
    direct = [c for c in doc._.claims if c.mode == "direct"][0]
    assert direct.content.text == "„bewusst und gewollt“" and direct.speaker.text == "Der Staatsanwalt"


def test_laut_source_in_a_speech_sentence_is_via(base, comp):
    text = "Laut BBC sagte der Minister Ali Hassan, die Pipeline werde gebaut."
    doc = run(base, comp, text, [("BBC", "ORG"), ("Ali Hassan", "PER")])
    [c] = doc._.claims
    assert c.speaker.text == "der Minister Ali Hassan" and c.via.text == "BBC"


def test_noun_object_speech_act_is_reported_only_for_flagged_verbs(base, comp):
    doc = run(base, comp, "Die Polizei sprach von 800 brennenden Autos.")
    [c] = doc._.claims
    assert c.mode == "reported" and c.speaker.text == "Die Polizei"
    assert c.content.text == "Die Polizei sprach von 800 brennenden Autos."
    assert run(base, comp, "Die Überschwemmungen haben 35 Todesopfer gefordert.")._.claims == []


def test_dass_clause_after_unlisted_verb(base, comp):
    text = "Hugo Chávez vertritt die Ansicht, dass die Produktion zu mehr Hunger führt."
    doc = run(base, comp, text, [("Hugo Chávez", "PER")])
    [c] = doc._.claims
    assert c.mode == "indirect" and c.speaker.text == "Hugo Chávez"
    assert c.content.text == "dass die Produktion zu mehr Hunger führt"


def test_subject_after_apposition_with_auxiliary(base, comp):
    text = "General Anupong Paochinda, Oberbefehlshaber der Armee, hat angekündigt, er werde keine Soldaten einsetzen."
    doc = run(base, comp, text, [("Anupong Paochinda", "PER")])
    [c] = doc._.claims
    assert c.speaker.text.startswith("General Anupong Paochinda")
    assert c.content.text == "er werde keine Soldaten einsetzen"


@pytest.mark.slow
def test_runtime_is_linear_in_document_length(base, comp):
    import gc
    import time

    para = ("„Wir bleiben hier“, sagte Scholz. Merkel erklärte, die Lage sei ernst. Es gehe um alles. "
            "Laut Polizei wurden drei Menschen verletzt. Das teilte das Ministerium mit.\n\n")
    times = []
    for reps in (100, 400):
        doc = base(para * reps)
        gc.collect()  # time the component, not a collection of the whole test session's heap
        gc.disable()
        try:
            t0 = time.perf_counter()
            comp(doc)
            times.append(time.perf_counter() - t0)
        finally:
            gc.enable()
        assert len(doc._.claims) == 5 * reps - reps  # the Polizei sentence is claimed by "Das teilte ... mit"
        check_offsets(doc)
    assert times[1] < 12 * max(times[0], 0.01)


# ---------------------------------------------------------------------------- the evaluation scorer


def test_scorer_pairs_and_macro_averages():
    from newsents.evaluation.claims import Group, Scores, overlap_f1, pair_groups

    assert overlap_f1([1, 2, 3, 4], [3, 4, 5, 6]) == pytest.approx(0.5)
    gold = [Group([1, 2, 3, 4], {"speaker": [10]}, "direct"), Group([20, 21], {"speaker": [30, 31]}, "indirect")]
    system = [Group([20, 21, 22, 23], {"speaker": [30]}, "indirect"), Group([1, 2, 3, 4], {"speaker": [10]}, "direct"),
              Group([50], {}, "reported")]
    assert pair_groups(system, gold) == [(0, 1), (1, 0)]
    sc = Scores()
    sc.add_doc(system, gold)
    r = sc.summary()
    # messages: precision 1, 0.5 and 0 (unpaired), recall 1 and 1
    assert r["message_p"] == pytest.approx(0.5) and r["message_r"] == pytest.approx(1.0)
    # speakers: precision 1 and 1, recall 1 and 0.5
    assert r["speaker_p"] == pytest.approx(1.0) and r["speaker_r"] == pytest.approx(0.75)
    assert r["type_accuracy"] == pytest.approx(1.0)


def test_evaluation_skips_cleanly_without_data(tmp_path, capsys):
    from newsents.evaluation.claims import main

    assert main(["--split", "dev", "--data", str(tmp_path / "missing")]) == 0
    assert "skipping" in capsys.readouterr().err


def test_indirect_speech_with_trailing_relay_clause(base, comp):
    doc = run(base, comp, "Schoigu sagte, man sei bereit, zitierte ihn die Agentur Belta.",
              [("Schoigu", "PER"), ("Belta", "ORG")])
    check_offsets(doc)
    (c,) = doc._.claims
    assert c.mode == "indirect"
    assert c.content.text == "man sei bereit"
    assert c.speaker.text == "Schoigu"
    assert c.via is not None and c.via.text == "die Agentur Belta"


# ---------------------------------------------------------------------------- issue 5: speaker F1 work


def _by_mode(doc, mode):
    return [c for c in doc._.claims if c.mode == mode]


def test_quotes_inside_a_clause_with_trailing_cue_are_nested_in_an_indirect_claim(base, comp):
    doc = run(base, comp, "Die „schwer bewaffneten Wachleute“ hätten „mehrere Gäste grundlos geschlagen“, so Brenner.",
              [("Brenner", "PER")])
    [ind] = _by_mode(doc, "indirect")
    assert ind.content.text == "Die „schwer bewaffneten Wachleute“ hätten „mehrere Gäste grundlos geschlagen“"
    assert (ind.speaker.text, ind.cue.text) == ("Brenner", "so")
    direct = _by_mode(doc, "direct")
    assert [c.content.text for c in direct] == ["„schwer bewaffneten Wachleute“", "„mehrere Gäste grundlos geschlagen“"]
    assert all(c.speaker.text == "Brenner" for c in direct)
    check_offsets(doc)


def test_clause_carrying_a_quote_after_a_cue_is_indirect_speech(base, comp):
    doc = run(base, comp, "Die Stadt meldete einen Unfall. Bürgermeisterin Kaya meinte nun, der Fahrer "
                          "„konnte und wollte sich nicht an die Regeln halten“.",
              [("Kaya", "PER")])
    [ind] = [c for c in _by_mode(doc, "indirect")]
    assert ind.content.text.startswith("der Fahrer „konnte")
    assert (ind.speaker.text, ind.cue.text) == ("Bürgermeisterin Kaya", "meinte")
    [quote] = [c for c in _by_mode(doc, "direct")]
    # the quote belongs to Kaya, not to the previous sentence's speaker
    assert quote.content.text == "„konnte und wollte sich nicht an die Regeln halten“"
    assert quote.speaker.text == "Bürgermeisterin Kaya"


def test_quote_inside_a_laut_sentence_gets_the_laut_source(base, comp):
    doc = run(base, comp, "Der Roman ist laut Jurorin Anna Berg eine „kluge und komische Geschichte über das Leben“.",
              [("Anna Berg", "PER")])
    [rep] = _by_mode(doc, "reported")
    assert (rep.speaker.text, rep.cue.text) == ("Jurorin Anna Berg", "laut")
    [quote] = _by_mode(doc, "direct")
    assert quote.speaker.text == "Jurorin Anna Berg"
    assert doc._.claim_speakers[[c.mode for c in doc._.claims].index("direct")].text == "Anna Berg"


def test_short_quote_naming_a_medium_is_no_claim(base, comp):
    doc = run(base, comp, "Die Lage sei ernst, sagte Ortsvorsteher Jan Pohl der Tageszeitung „Neues Blatt“.",
              [("Jan Pohl", "PER")])
    assert [c.mode for c in doc._.claims] == ["indirect"]
    [c] = doc._.claims
    assert c.speaker.text == "Ortsvorsteher Jan Pohl"
    assert "Neues Blatt" not in c.content.text


def test_source_compound_naming_an_institution_is_not_anonymous(base, comp):
    doc = run(base, comp, "Der Zugriff gelang nach Polizeiangaben binnen weniger Minuten.")
    [c] = doc._.claims
    assert (c.speaker.text, c.cue.text, c.mode) == ("Polizeiangaben", "nach", "reported")
    doc = run(base, comp, "Die Sonde fliegt nach NASA-Angaben in nur 200 Kilometern Höhe vorbei.")
    assert doc._.claims[0].speaker.text == "NASA-Angaben"
    doc = run(base, comp, "Die Sonde fliegt nach Angaben in nur 200 Kilometern Höhe vorbei.")
    assert doc._.claims[0].speaker is None  # no owner named: anonymous, dropped by default


def test_eigene_angaben_refer_to_the_subject(base, comp):
    doc = run(base, comp, "Der Minister Kurt Beck hat eigenen Angaben zufolge viele Briefe von Beschäftigten erhalten.",
              [("Kurt Beck", "PER")])
    [c] = doc._.claims
    assert (c.speaker.text, c.cue.text) == ("eigenen Angaben", "zufolge")
    assert doc._.claim_speakers[0].text == "Kurt Beck"
    doc = run(base, comp, "Die Firma Holzbau Kern stellt nach eigenen Angaben jährlich 300 Häuser her.",
              [("Holzbau Kern", "ORG")])
    [c] = doc._.claims
    assert c.speaker.text == "eigenen Angaben" and doc._.claim_speakers[0].text == "Holzbau Kern"


def test_pronoun_after_the_verb_is_the_subject_after_a_fronted_object(base, comp):
    doc = run(base, comp, "Vor einer Woche sprach Ministerin Lea Voss im Landtag. Die Pläne der Opposition, die Schulen "
                          "zu schließen, bezeichnete sie als „einen Angriff auf die Zukunft unserer Kinder“.",
              [("Lea Voss", "PER"), ("Landtag", "ORG")])
    [c] = _by_mode(doc, "direct")
    assert (c.speaker.text, c.cue.text) == ("sie", "bezeichnete")
    assert doc._.claim_speakers[doc._.claims.index(c)].text == "Lea Voss"


def test_adjective_inside_a_prepositional_phrase_is_no_subject(base, comp):
    doc = run(base, comp, "Auch auf mehrmalige Nachfrage aus dem Publikum musste er betonen, dass es kaum Daten gebe.")
    [c] = doc._.claims
    assert (c.speaker.text, c.cue.text) == ("er", "betonen")


def test_wie_clause_runs_past_an_apposition(base, comp):
    doc = run(base, comp, "Wie die Sprecherin des Verbandes, Ute Lorenz, mitteilte, wird das Treffen verschoben.",
              [("Ute Lorenz", "PER")])
    [c] = doc._.claims
    assert c.cue.text == "mitteilte"
    assert c.content.text == "wird das Treffen verschoben"
    assert c.speaker is not None and c.speaker.text.startswith("die Sprecherin")


def test_medium_head_noun_before_a_quoted_name_makes_a_speaker(base, comp):
    doc = run(base, comp, "Der Fernsehsender „Kanal Nord“ berichtete von der Bergung von 56 Verletzten.")
    [c] = doc._.claims
    assert (c.mode, c.cue.text, c.speaker.text) == ("reported", "berichtete", "Der Fernsehsender „Kanal Nord“")


def test_embedded_quote_without_a_claim_still_stands_alone(base, comp):
    # no cue and no claim in the sentence: the long quote is a claim of the previous speaker, as before
    doc = run(base, comp, "„Wir bauen neu“, sagte Holm. Der Plan bleibe „eine Aufgabe für die nächsten zehn Jahre.“",
              [("Holm", "PER")])
    texts = [c.content.text for c in doc._.claims]
    assert "„eine Aufgabe für die nächsten zehn Jahre.“" in " ".join(texts)
    assert all(c.speaker is not None and c.speaker.text == "Holm" for c in doc._.claims)
    check_offsets(doc)


def test_nach_with_more_source_nouns_genitive_names_and_compounds(base, comp):
    doc = run(base, comp, "Nach einer Stellungnahme der Armee befand sich der Hubschrauber auf einem Übungsflug.",
              [("Armee", "ORG")])
    [c] = doc._.claims
    assert (c.cue.text, c.speaker.text) == ("Nach", "einer Stellungnahme der Armee")
    doc = run(base, comp, "Die Kinder sind nach Celebis Angaben in großer Gefahr.", [("Celebis", "PER")])
    assert doc._.claims[0].speaker.text == "Celebis Angaben"
    doc = run(base, comp, "Die Gefahr einer Seuche besteht nach Expertenmeinung vor allem im Winter.")
    assert doc._.claims[0].speaker.text == "Expertenmeinung"
    # "nach" of time or place is no source
    assert run(base, comp, "Nach dem Spiel fuhren die Fans mit dem Zug nach Hause.")._.claims == []


def test_possessive_source_before_postposition_nach(base, comp):
    doc = run(base, comp, "Senatorin Lisa Brandt kritisierte den Plan. Die Kosten seien ihrer Meinung nach viel zu hoch "
                          "angesetzt worden, und das gefährde die Schulen.", [("Lisa Brandt", "PER")])
    c = [c for c in doc._.claims if c.cue is not None and c.cue.text == "nach"][0]
    assert c.speaker.text == "ihrer Meinung"
    assert doc._.claim_speakers[doc._.claims.index(c)].text == "Lisa Brandt"


def test_laut_before_an_adjective_and_a_determiner_pronoun(base, comp):
    doc = run(base, comp, "Laut israelischen Behörden gab es zehn Tote und viele Verletzte.")
    [c] = doc._.claims
    assert (c.cue.text, c.speaker.text) == ("Laut", "israelischen Behörden")
    # "Medien" names no one: the claim stays, its anonymous speaker is dropped by default
    [c] = run(base, comp, "Laut israelischen Medien gab es zehn Tote und viele Verletzte.")._.claims
    assert c.cue.text == "Laut" and c.speaker is None
    doc = run(base, comp, "Laut dieser Studie würden viele Familien auf ein Auto verzichten.")
    [c] = doc._.claims
    assert c.speaker.text == "dieser Studie"
    assert c.content.text == "würden viele Familien auf ein Auto verzichten"


def test_cue_verb_in_a_relative_clause_does_not_take_over_a_laut_claim(base, comp):
    doc = run(base, comp, "Laut Berliner Polizei ist die Demonstration, zu der ein Bündnis von 167 Gruppen aufgerufen "
                          "hatte, friedlich verlaufen.")
    [c] = doc._.claims
    assert (c.cue.text, c.speaker.text) == ("Laut", "Berliner Polizei")


def test_quote_introduced_by_mit_den_worten(base, comp):
    doc = run(base, comp, "Der Sprecher, Steffen Lorenz, versuchte mit den Worten zu beruhigen: „Der Fonds ist stabil.“",
              [("Steffen Lorenz", "PER")])
    [c] = doc._.claims
    assert (c.mode, c.cue.text, c.speaker.text) == ("direct", "mit den Worten", "Der Sprecher, Steffen Lorenz")


def test_quoted_source_name_after_laut_is_no_claim_and_a_name_quote_keeps_the_fronted_subject(base, comp):
    doc = run(base, comp, "Anna Holm, eine Vertreterin der Gruppe „Grüne Insel Nord“, kommentierte die Entscheidung "
                          "laut „tagesschau.de“ mit folgenden Worten: „Es gibt hier keinen Markt dafür.“",
              [("Anna Holm", "PER")])
    [c] = doc._.claims
    assert c.content.text == "„Es gibt hier keinen Markt dafür.“"
    assert c.speaker.text.startswith("Anna Holm")


def test_konjunktiv_sentence_after_a_non_claim_takes_that_sentences_subject(base, comp):
    doc = run(base, comp, "Bürgermeister Jens Ohm sagte, der Bau beginne im Mai. Umweltexperte Paul Rieder sieht darin "
                          "Parallelen zu einem früheren Brand. Die Ursache für den Brand sei nie gefunden worden.",
              [("Jens Ohm", "PER"), ("Paul Rieder", "PER")])
    last = doc._.claims[-1]
    assert last.content.text == "Die Ursache für den Brand sei nie gefunden worden."
    assert last.speaker.text == "Umweltexperte Paul Rieder"
    assert doc._.claim_speakers[-1].text == "Paul Rieder"
    # without a speaker-like subject before it, the older speaker continues
    doc = run(base, comp, "Bürgermeister Jens Ohm sagte, der Bau beginne im Mai. Der Winter war lang. "
                          "Die Kosten seien aber gedeckt.", [("Jens Ohm", "PER")])
    assert doc._.claims[-1].speaker.text == "Bürgermeister Jens Ohm"
    # and a Konjunktiv sentence with neither stays no claim
    assert run(base, comp, "Der Winter war lang. Die Kosten seien aber gedeckt.")._.claims == []


def test_demnach_is_the_speaker_span_and_refers_to_the_previous_source(base, comp):
    doc = run(base, comp, "Die Agentur Nordpress berichtete über einen Brand in Kiel. Demnach wurden drei Menschen "
                          "leicht verletzt.", [("Nordpress", "ORG"), ("Kiel", "LOC")])
    c = doc._.claims[-1]
    assert (c.mode, c.cue.text, c.speaker.text) == ("reported", "Demnach", "Demnach")
    assert c.content.text == "wurden drei Menschen leicht verletzt"
    assert doc._.claim_speakers[-1].text == "Nordpress"
    # inside the sentence and without an earlier claim: still a reported claim, speaker unresolved
    doc = run(base, comp, "Der Abzug soll demnach erst im Herbst beginnen.")
    [c] = doc._.claims
    assert c.speaker.text == "demnach" and doc._.claim_speakers[0] is None


def test_fronted_dative_medium_is_not_the_speaker(base, comp):
    doc = run(base, comp, "Der örtlichen Zeitung sagte Anna Brenner: „Ich werde weiter für die Freiheit kämpfen.“",
              [("Anna Brenner", "PER")])
    [c] = doc._.claims
    assert (c.speaker.text, c.cue.text) == ("Anna Brenner", "sagte")
    # a subject that merely contains a medium stays the subject
    doc = run(base, comp, "Der Sprecher der Zeitung sagte: „Wir drucken weiter wie bisher.“")
    assert doc._.claims[0].speaker.text == "Der Sprecher der Zeitung"


def test_indefinite_speaker_naming_its_institution_is_not_anonymous(base, comp):
    [c] = run(base, comp, "Ein Polizeisprecher sagte, der Fahrer sei geflohen.")._.claims
    assert c.speaker.text == "Ein Polizeisprecher"
    [c] = run(base, comp, "Ein Sprecher des Ministeriums sagte, der Plan sei solide.")._.claims
    assert c.speaker.text == "Ein Sprecher des Ministeriums"
    [c] = run(base, comp, "Ein Sprecher sagte, der Plan sei solide.")._.claims
    assert c.speaker is None  # still anonymous, dropped by default


def test_speaker_phrase_keeps_a_place_phrase_before_an_appositive_name(base, comp):
    doc = run(base, comp, "Der Vorsitzende des Bauverbands in Deutschland, Michael Knipper, sagte, der Markt sei leer.",
              [("Deutschland", "LOC"), ("Michael Knipper", "PER")])
    [c] = doc._.claims
    assert c.speaker.text == "Der Vorsitzende des Bauverbands in Deutschland, Michael Knipper"
    assert doc._.claim_speakers[0].text == "Michael Knipper"
    doc = run(base, comp, "Die Mitarbeiterin seines Büros in Bonn, Ada Thom, sagte, das Büro bleibe zu.",
              [("Bonn", "LOC"), ("Ada Thom", "PER")])
    assert doc._.claims[0].speaker.text == "Die Mitarbeiterin seines Büros in Bonn, Ada Thom"


def test_cue_verb_of_a_relative_clause_leaves_the_main_verb_its_claim(base, comp):
    doc = run(base, comp, "Ein hoher Beamter, den die Zeitung Nordblatt zitiert, kommentierte, die Erklärung sei "
                          "ein bloßes Manöver.", [("Nordblatt", "ORG")])
    [c] = doc._.claims
    assert c.cue.text == "kommentierte"
    assert c.content.text == "die Erklärung sei ein bloßes Manöver"


def test_quote_after_dass_gets_the_speaker_of_the_indirect_claim(base, comp):
    doc = run(base, comp, "Die Polizei sprach mit allen. John Berg von der Hilfsorganisation Nordhilfe sagte, dass, "
                          "„wenn sich die Vorwürfe bestätigen, dies ein schweres Verbrechen wäre.“",
              [("John Berg", "PER"), ("Nordhilfe", "ORG")])
    direct = _by_mode(doc, "direct")
    assert len(direct) == 1
    assert direct[0].speaker.text == "John Berg von der Hilfsorganisation Nordhilfe"
    assert direct[0].cue.text == "sagte"


def test_unter_anderem_is_no_prepositional_phrase_before_the_subject(base, comp):
    doc = run(base, comp, "Die Kritik gilt den Banken der Welt, denen unter anderem Rafael Correa vorwirft, die Krise "
                          "verursacht zu haben.", [("Rafael Correa", "PER")])
    [c] = doc._.claims
    assert (c.cue.text, c.speaker.text) == ("vorwirft", "Rafael Correa")


# ---------------------------------------------------------------------------- round 2 (issue #5)


def test_appositive_name_after_a_role_noun_even_with_a_wrong_label_or_after_the_clause(base, comp):
    doc = run(base, comp, "Der Korrespondent in Lima, Tom Weller, berichtete, dass die Erde lange gebebt habe.",
              [("Lima", "LOC"), ("Tom Weller", "LOC")])
    assert doc._.claims[0].speaker.text == "Der Korrespondent in Lima, Tom Weller"
    doc = run(base, comp, "Der Angriff sei eine Strafe für alle Verräter, so der Sprecher der Bewegung, Omar Said.",
              [("Omar Said", "PER")])
    assert doc._.claims[0].speaker.text == "der Sprecher der Bewegung, Omar Said"
    # a place after a plain noun (no role) is no apposition
    doc = run(base, comp, "Die Zahl der Opfer, Lima, sagte er, sei hoch.", [("Lima", "LOC")])
    assert all(c.speaker is None or "Lima" not in c.speaker.text for c in doc._.claims)


def test_surname_with_capitalised_particle_opening_a_sentence_is_a_speaker(base, comp):
    text = ("Ministerin Ursula von der Leyen besuchte die Schule. Von der Leyen betonte, die Lehrer seien "
            "gut ausgebildet.")
    doc = run(base, comp, text, [("Ursula von der Leyen", "PER")])
    [c] = doc._.claims
    assert (c.speaker.text, c.cue.text) == ("Von der Leyen", "betonte")
    assert doc._.claim_speakers[0].text == "Ursula von der Leyen"
    # without a person of that name in the document the phrase stays a prepositional phrase
    doc = run(base, comp, "Von der Bühne rief er: „Wir bleiben hier!“")
    assert doc._.claims[0].speaker.text == "er"


def test_quote_inside_the_noun_object_of_a_flagged_verb_is_nested_in_a_reported_claim(base, comp):
    doc = run(base, comp, "Der Verband warnte vor einem „gefährlichen Abbau von Stellen“ im ganzen Land.",
              [("Verband", "ORG")])
    reported, direct = _by_mode(doc, "reported"), _by_mode(doc, "direct")
    assert [c.content.text for c in reported] == ["Der Verband warnte vor einem „gefährlichen Abbau von Stellen“ im ganzen Land."]
    assert [c.content.text for c in direct] == ["„gefährlichen Abbau von Stellen“"]
    assert reported[0].speaker.text == direct[0].speaker.text == "Der Verband"
    # verbs that name the quote itself ("nannte ... „…“", flag q) keep a single direct claim
    doc = run(base, comp, "Der Minister Jan Pohl nannte den Plan einen „groben Unfug ohne jeden Sinn“.",
              [("Jan Pohl", "PER")])
    assert [c.mode for c in doc._.claims] == ["direct"]


def test_stance_verbs_with_a_noun_object_are_reported_claims(base, comp):
    doc = run(base, comp, "Der Deutsche Wetterdienst rechnet mit schweren Stürmen am Wochenende.",
              [("Deutsche Wetterdienst", "ORG")])
    [c] = doc._.claims
    assert (c.mode, c.cue.text, c.speaker.text) == ("reported", "rechnet", "Der Deutsche Wetterdienst")
    doc = run(base, comp, "Die Gewerkschaft Nordbau protestierte gegen die Schließung des Werks.",
              [("Nordbau", "ORG")])
    assert [c.cue.text for c in doc._.claims] == ["protestierte"]


def test_run_of_konjunktiv_continuation_sentences_is_one_claim(base, comp):
    text = ("Der Minister Jan Pohl sagte, die Lage sei ernst. Die Armee sei bereit. Man habe genug Vorräte. "
            "Das Wetter bleibt kalt.")
    doc = run(base, comp, text, [("Jan Pohl", "PER")])
    assert [(c.mode, c.content.text) for c in doc._.claims] == [
        ("indirect", "die Lage sei ernst"),
        ("indirect", "Die Armee sei bereit. Man habe genug Vorräte.")]
    assert doc._.claims[1].speaker.text == "Der Minister Jan Pohl"
    # a new paragraph starts a new claim
    doc = run(base, comp, "Der Minister Jan Pohl sagte, die Lage sei ernst. Die Armee sei bereit.\n\nMan habe genug "
                          "Vorräte.", [("Jan Pohl", "PER")])
    assert len(doc._.claims) == 3


def test_zu_infinitive_content_after_any_verb_of_saying(base, comp):
    doc = run(base, comp, "Das Umweltministerium erklärte, von solchen Absprachen nichts zu wissen.",
              [("Umweltministerium", "ORG")])
    [c] = doc._.claims
    assert (c.mode, c.speaker.text, c.content.text) == ("indirect", "Das Umweltministerium",
                                                        "von solchen Absprachen nichts zu wissen")


def test_separable_particle_after_an_apposition(base, comp):
    doc = run(base, comp, "Unterdessen ruft die Vereinigung der Mönche, eine in Rangun ansässige Gruppe, alle Mönche "
                          "dazu auf, keine Almosen anzunehmen.", [("Rangun", "LOC")])
    [c] = doc._.claims
    assert c.cue.text == "ruft"
    assert c.content.text == "keine Almosen anzunehmen"
    assert c.speaker.text.startswith("die Vereinigung der Mönche")


def test_pronoun_resolves_to_a_person_of_matching_gender(base, comp):
    text = "Minister Jan Pohl traf Ministerin Anna Berg. Er sagte, die Gespräche seien gut gewesen."
    doc = run(base, comp, text, [("Jan Pohl", "PER"), ("Anna Berg", "PER")])
    assert doc._.claim_speakers[0].text == "Jan Pohl"
    text = "Ministerin Anna Berg traf Minister Jan Pohl. Sie sagte, die Gespräche seien gut gewesen."
    doc = run(base, comp, text, [("Anna Berg", "PER"), ("Jan Pohl", "PER")])
    assert doc._.claim_speakers[0].text == "Anna Berg"
    # a bare name has no gender: the nearest person is taken
    text = "Anna Berg traf Jan Pohl. Sie sagte, die Gespräche seien gut gewesen."
    doc = run(base, comp, text, [("Anna Berg", "PER"), ("Jan Pohl", "PER")])
    assert doc._.claim_speakers[0].text == "Jan Pohl"


def test_vorfeld_subject_keeps_its_attributes_up_to_the_finite_verb(base, comp):
    doc = run(base, comp, "Das Bau- und Verkehrsministerium hat angekündigt, dem Konzern die Lizenz zu entziehen.")
    assert doc._.claims[0].speaker.text == "Das Bau- und Verkehrsministerium"
    doc = run(base, comp, "Der Wetterdienst in Offenbach teilte mit, dass der Sturm nachlasse.", [("Offenbach", "LOC")])
    assert doc._.claims[0].speaker.text == "Der Wetterdienst in Offenbach"
    doc = run(base, comp, "Er akzeptierte seine Niederlage und gab zu, dass der Gegner sehr stark gewesen sei.")
    assert doc._.claims[0].speaker.text == "Er"


def test_bracketed_acronym_and_coordinated_sources_belong_to_the_speaker(base, comp):
    doc = run(base, comp, "Der Deutsche Journalisten-Verband (DJV) kritisierte, dass die Regeln zu streng seien.",
              [("Deutsche Journalisten-Verband", "ORG")])
    assert doc._.claims[0].speaker.text == "Der Deutsche Journalisten-Verband (DJV)"
    doc = run(base, comp, "Nach Angaben der New York Times und der Washington Post ist der Plan gescheitert.",
              [("New York Times", "ORG"), ("Washington Post", "ORG")])
    assert doc._.claims[0].speaker.text == "Angaben der New York Times und der Washington Post"


def test_impersonal_saying_in_a_named_document_takes_the_document_as_speaker(base, comp):
    doc = run(base, comp, "In einem Positionspapier des Innenministeriums heißt es, die Regeln hätten sich bewährt.")
    [c] = doc._.claims
    assert (c.mode, c.cue.text, c.speaker.text) == ("indirect", "heißt es", "einem Positionspapier des Innenministeriums")
    assert c.content.text == "die Regeln hätten sich bewährt"
    doc = run(base, comp, "So heißt es in dem Schreiben wörtlich: „Die Kinder werden sichergestellt.“")
    [c] = doc._.claims
    assert (c.mode, c.speaker.text) == ("direct", "dem Schreiben")
    # a bare "heißt es", or a place after "in", names no source
    for text, ents in (("Es heißt, die Regeln hätten sich bewährt.", []),
                       ("In Berlin hieß es, die Regeln hätten sich bewährt.", [("Berlin", "LOC")])):
        doc = run(base, comp, text, ents)
        assert all(c.speaker is None for c in doc._.claims)


def test_generic_pronoun_subjects_make_no_claim(base, comp):
    doc = run(base, comp, "Der Bär ist nah, und keiner könne sagen, was dann passiere.")
    assert all(c.speaker is None or c.speaker.text != "Der Bär" for c in doc._.claims)
    doc = run(base, comp, "Niemand sagte, dass der Plan scheitern werde.")
    assert doc._.claims == []


def test_continuation_speaker_does_not_carry_into_a_later_paragraph(base, comp):
    text = "Der Minister Jan Pohl sagte, die Lage sei ernst. Das Wetter bleibt kalt.\n\nDie Armee sei bereit."
    doc = run(base, comp, text, [("Jan Pohl", "PER")])
    assert [c.content.text for c in doc._.claims] == ["die Lage sei ernst", "Die Armee sei bereit."]
    assert doc._.claims[1].speaker is None
    # within the paragraph (or into the next sentence) it does
    text = "Der Minister Jan Pohl sagte, die Lage sei ernst. Das Wetter bleibt kalt. Die Armee sei bereit."
    doc = run(base, comp, text, [("Jan Pohl", "PER")])
    assert doc._.claims[1].speaker.text == "Der Minister Jan Pohl"


def test_document_source_of_an_impersonal_saying_resolves_to_no_earlier_person(base, comp):
    text = "Jan Pohl leitet das Amt. In dem Schreiben des Amtes heißt es, die Regeln hätten sich bewährt."
    doc = run(base, comp, text, [("Jan Pohl", "PER")])
    [c] = doc._.claims
    assert c.speaker.text == "dem Schreiben des Amtes"
    assert doc._.claim_speakers == [None]


# ---------------------------------------------------------------------------- round 3


def test_stated_intention_of_an_organisation_is_a_reported_claim(base, comp):
    doc = run(base, comp, "Wahlprogramm: Die Partei XY will die Mehrwertsteuer auf Lebensmittel senken. "
              "Zudem will sich die Partei XY für kürzere Wartezeiten einsetzen. "
              "Jan Pohl will morgen nach Rom fahren.",
              [("Partei XY", "ORG"), ("Partei XY", "ORG"), ("Jan Pohl", "PER"), ("Rom", "LOC")])
    claims = doc._.claims
    assert [(c.mode, c.speaker.text, c.cue) for c in claims] == [
        ("reported", "Die Partei XY", None), ("reported", "die Partei XY", None)]
    assert claims[0].content.text.startswith("Die Partei XY will")  # the label before the colon is left out
    check_offsets(doc)


def test_anonymous_speaker_of_a_flagged_verb_keeps_the_claim_without_a_speaker(base, comp, comp_keep):
    text = "Ein Anwohner sprach von lauten Explosionen in der Nacht."
    [c] = run(base, comp, text)._.claims
    assert (c.mode, c.speaker, c.cue.text) == ("reported", None, "sprach")
    [k] = run(base, comp_keep, text)._.claims
    assert k.speaker.text == "Ein Anwohner"


def test_separable_particle_written_apart_before_the_verb_in_a_wie_clause(base, comp):
    doc = run(base, comp, "Wie das Umweltministerium am Dienstag bekannt gab, wird das Kraftwerk im Mai abgeschaltet.",
              [("Umweltministerium", "ORG")])
    [c] = doc._.claims
    assert (c.speaker.text, c.cue.text) == ("das Umweltministerium", "gab")
    assert c.content.text == "wird das Kraftwerk im Mai abgeschaltet"


def test_konjunktiv_clause_after_a_main_clause_without_a_cue(base, comp):
    doc = run(base, comp, "Die Wahlkommission vertrat den Standpunkt, das Gericht sei dafür nicht zuständig.",
              [("Wahlkommission", "ORG")])
    [c] = doc._.claims
    assert (c.mode, c.speaker.text, c.content.text) == ("indirect", "Die Wahlkommission", "das Gericht sei dafür nicht zuständig")
    # a relative clause is no statement: no claim
    doc = run(base, comp, "Die Kommission prüfte den Antrag, der fehlerhaft gewesen sei.", [("Kommission", "ORG")])
    assert doc._.claims == []


def test_verlauten_takes_its_source_from_the_aus_phrase(base, comp):
    doc = run(base, comp, "Wie aus Regierungskreisen verlautete, soll der Minister bald zurücktreten.")
    [c] = doc._.claims
    assert (c.speaker.text, c.cue.text) == ("Regierungskreisen", "verlautete")
    doc = run(base, comp, "Aus Unternehmenskreisen verlautete, dass das Werk geschlossen werde.")
    [c] = doc._.claims
    assert (c.mode, c.speaker.text, c.content.text) == ("indirect", "Unternehmenskreisen", "dass das Werk geschlossen werde")


def test_short_lowercase_quote_after_a_noun_is_speech_not_a_name(base, comp):
    doc = run(base, comp, "Die Anwältin Eva Roth gab an, dass ihre Mandantin „große Angst hatte“.", [("Eva Roth", "PER")])
    modes = sorted((c.mode, c.content.text, c.speaker.text) for c in doc._.claims)
    assert modes == [("direct", "„große Angst hatte“", "Die Anwältin Eva Roth"),
                     ("indirect", "dass ihre Mandantin „große Angst hatte“", "Die Anwältin Eva Roth")]
    # a capitalised short quote after a noun is still a name: die Zeitung „Neues Blatt“
    doc = run(base, comp, "Das berichtete die Zeitung „Neues Blatt“ am Montag.")
    assert all(c.content.text != "„Neues Blatt“" for c in doc._.claims)


def test_konjunktiv_of_verbs_in_ern_continues_a_statement(base, comp):
    doc = run(base, comp, "Die Ministerin Eva Roth sagte, das Gesetz sei fertig. Daran ändere auch die Kritik nichts.",
              [("Eva Roth", "PER")])
    claims = doc._.claims
    assert claims[-1].content.text.endswith("Daran ändere auch die Kritik nichts.")
    assert claims[-1].speaker.text == "Die Ministerin Eva Roth"


def test_name_before_a_role_apposition_belongs_to_the_speaker(base, comp):
    doc = run(base, comp, "Martin Berg, Sprecher des Mieterbundes kommentierte den Beschluss mit den Worten: „Das ist ein guter Tag.“",
              [("Martin Berg", "PER"), ("Mieterbundes", "ORG")])
    [c] = doc._.claims
    assert c.speaker.text == "Martin Berg, Sprecher des Mieterbundes"


def test_zufolge_source_keeps_its_head_noun_and_coordinated_names(base, comp):
    doc = run(base, comp, "In den Bergen kam es Informationen des Senders Radio Nord zufolge zu Felsstürzen.",
              [("Radio Nord", "ORG")])
    [c] = doc._.claims
    assert c.speaker.text == "Informationen des Senders Radio Nord"
    doc = run(base, comp, "Das Beben war Berichten der Sender Kanal Nord und Kanal Süd zufolge bis Berlin zu spüren.",
              [("Kanal Nord", "ORG"), ("Kanal Süd", "ORG"), ("Berlin", "LOC")])
    [c] = doc._.claims
    assert c.speaker.text == "Berichten der Sender Kanal Nord und Kanal Süd"


def test_institution_head_nouns_make_a_speaker_without_an_entity(base, comp):
    doc = run(base, comp, "Der Verfassungsschutz berichtete über mehr als 1600 Angriffe im vergangenen Jahr.")
    [c] = doc._.claims
    assert (c.mode, c.speaker.text, c.cue.text) == ("reported", "Der Verfassungsschutz", "berichtete")


def test_agent_of_a_passive_speech_verb_with_a_noun_object_is_the_speaker(base, comp):
    doc = run(base, comp, "Von der Polizei wurden mehrere Festnahmen in der Innenstadt gemeldet.")
    [c] = doc._.claims
    assert (c.mode, c.speaker.text, c.cue.text) == ("reported", "der Polizei", "gemeldet")
    assert c.content.text == "Von der Polizei wurden mehrere Festnahmen in der Innenstadt gemeldet."


def test_truncated_compound_coordination_belongs_to_the_speaker(base, comp):
    doc = run(base, comp, "Mehrere Häuser seien zerstört worden, so Polizei- und Militärkreise.")
    [c] = doc._.claims
    assert (c.speaker.text, c.cue.text) == ("Polizei- und Militärkreise", "so")
