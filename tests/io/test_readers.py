"""Tests for newsents.io.readers: formats, ids, dates and every broken-input case from issue 3."""

import json
import logging
import os
from pathlib import Path

import pytest

from newsents.io import readers
from newsents.io.dates import normalize_date
from newsents.io.readers import ReadReport, iter_articles, read_articles

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"

BODY = ("Minsk (dpa) - Der russische Verteidigungsminister Sergej Schoigu ist am Montag in Minsk eingetroffen. "
        "„Wir arbeiten eng zusammen“, sagte Schoigu.\n\n"
        "Laut Belta traf er auch Präsident Alexander Lukaschenko.")


def write(path: Path, data, encoding="utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_bytes(data.encode(encoding))
    return path


def read_all(path, report=None):
    report = report if report is not None else ReadReport()
    return list(iter_articles(path, report)), report


def kinds(report):
    return {e.path: e.error for e in report.errors}


# --------------------------------------------------------------------------- .txt


def test_txt_section_date_title_and_body(tmp_path):
    write(tmp_path / "ausland" / "a.txt", "Ausland\n\n12.02.2024\n\nSchoigu  in Minsk eingetroffen\n\n" + BODY + "\n")
    (art,), rep = read_all(tmp_path)
    assert art.id == "ausland/a.txt"
    assert art.title == "Schoigu in Minsk eingetroffen"
    assert art.date == "2024-02-12"
    assert art.meta["section"] == "Ausland"
    assert art.text == BODY
    assert "Ausland" not in art.text
    assert rep.errors == [] and rep.warnings == [] and rep.read == 1


@pytest.mark.parametrize("label", ["Inland", "Politik", "Germany", "Wirtschaft", "Politik > Ausland", "POLITIK"])
def test_txt_section_labels_are_dropped(tmp_path, label):
    write(tmp_path / "a.txt", f"{label}\nKreml weist Kritik zurück\n{BODY}")
    (art,), _ = read_all(tmp_path / "a.txt")
    assert art.title == "Kreml weist Kritik zurück"
    assert art.meta["section"] == label
    assert art.text == BODY


def test_txt_first_line_kept_when_not_a_section_word(tmp_path):
    write(tmp_path / "a.txt", "Moskau\nKreml weist Kritik zurück\n" + BODY)
    (art,), _ = read_all(tmp_path / "a.txt")
    assert art.title == "Moskau"  # not a section word: the first line is the headline
    assert art.text.startswith("Kreml weist Kritik zurück\n")
    assert "section" not in art.meta


def test_txt_noise_above_headline_is_not_the_title(tmp_path):
    write(tmp_path / "a.txt", "3f2a9c0e1b7d4e6f8a9b0c1d2e3f4a5b.jpg\nPolitik\nAnzeige\n\nSchoigu in Minsk\n\n" + BODY)
    (art,), _ = read_all(tmp_path / "a.txt")
    assert art.title == "Schoigu in Minsk"
    assert art.meta["section"] == "Politik"
    # the noise stays in the body so that cleaning removes and records it
    assert art.text == "3f2a9c0e1b7d4e6f8a9b0c1d2e3f4a5b.jpg\nAnzeige\n" + BODY


def test_txt_long_first_line_is_not_a_title(tmp_path):
    write(tmp_path / "a.txt", "x " * 150 + "\n\nZweiter Absatz.")
    (art,), _ = read_all(tmp_path / "a.txt")
    assert art.title is None
    assert art.text.startswith("x x")


def test_txt_utf8_bom_and_crlf(tmp_path):
    raw = "Politik\r\nSchoigu in Minsk\r\n\r\nErster Absatz.\r\nZweite Zeile."
    write(tmp_path / "a.txt", b"\xef\xbb\xbf" + raw.encode())
    (art,), rep = read_all(tmp_path / "a.txt")
    assert art.title == "Schoigu in Minsk"
    assert art.text == "Erster Absatz.\nZweite Zeile."
    assert "\r" not in art.text and "\ufeff" not in art.title
    assert rep.warnings == []


def test_txt_cp1252_is_read_with_warning(tmp_path):
    text = "Lukaschenko lobt Manöver\n\n„Wir sind bereit“, sagte Präsident Lukaschenko in Minsk – laut Belta."
    write(tmp_path / "alt.txt", text, encoding="cp1252")
    (art,), rep = read_all(tmp_path)
    assert art.title == "Lukaschenko lobt Manöver"
    assert art.text == "„Wir sind bereit“, sagte Präsident Lukaschenko in Minsk – laut Belta."
    assert art.meta["encoding"] == "cp1252"
    assert len(rep.warnings) == 1 and "alt.txt" in rep.warnings[0] and "cp1252" in rep.warnings[0]
    assert rep.errors == []


def test_utf16_with_bom(tmp_path):
    write(tmp_path / "u16.txt", "Schoigu in Minsk\n\nLukaschenko empfing Schoigu.", encoding="utf-16")
    (art,), rep = read_all(tmp_path)
    assert (art.title, art.text, art.meta["encoding"]) == ("Schoigu in Minsk", "Lukaschenko empfing Schoigu.", "utf-16")
    assert rep.errors == []


def test_undecodable_bytes_are_an_encoding_error(tmp_path):
    write(tmp_path / "kaputt.txt", b"Schoigu in Minsk\n\nText mit \x81\x8d Bytes, die es in cp1252 nicht gibt.")
    arts, rep = read_all(tmp_path)
    assert arts == []
    (err,) = rep.errors
    assert (err.path, err.error) == ("kaputt.txt", "EncodingError")
    assert "kaputt.txt" in err.message and "0x81" in err.message


def test_single_file_id_is_its_name(tmp_path):
    f = write(tmp_path / "deep" / "er" / "artikel.txt", "Titel\n\n" + BODY)
    (art,), _ = read_all(f)
    assert art.id == "artikel.txt"


# --------------------------------------------------------------------------- .json / .jsonl

RECORD = {"title": "Kreml: Manöver keine Bedrohung", "maintext": BODY, "description": "Kurzfassung.",
          "date_publish": "2024-02-13 11:42:00", "source_domain": "nachrichten.example",
          "url": "https://nachrichten.example/a", "authors": ["Redaktion"], "language": "de"}


def test_json_news_please_fields(tmp_path):
    write(tmp_path / "x" / "a.json", json.dumps(RECORD, ensure_ascii=False))
    (art,), rep = read_all(tmp_path)
    assert art.id == "x/a.json"
    assert (art.title, art.text, art.date) == (RECORD["title"], BODY, "2024-02-13T11:42:00")
    assert (art.source, art.url) == ("nachrichten.example", "https://nachrichten.example/a")
    assert art.meta["authors"] == ["Redaktion"] and art.meta["language"] == "de"
    assert rep.errors == []


def test_json_without_maintext_uses_description_with_warning(tmp_path):
    rec = {k: v for k, v in RECORD.items() if k != "maintext"}
    write(tmp_path / "a.json", json.dumps(rec))
    (art,), rep = read_all(tmp_path)
    assert art.text == "Kurzfassung."
    assert any("description" in w and "a.json" in w for w in rep.warnings)


def test_json_without_any_text_is_missing_text(tmp_path):
    write(tmp_path / "a.json", json.dumps({"title": "Nur ein Titel", "maintext": "  ", "description": None}))
    arts, rep = read_all(tmp_path)
    assert arts == []
    (err,) = rep.errors
    assert (err.path, err.error) == ("a.json", "MissingText")
    assert "a.json" in err.message and "maintext" in err.message


def test_invalid_json_is_an_error_with_clear_message(tmp_path):
    write(tmp_path / "kaputt.json", '{"title": "Abgeschnitten", "maintext": "Der Text')
    write(tmp_path / "ok.json", json.dumps(RECORD))
    arts, rep = read_all(tmp_path)
    assert [a.id for a in arts] == ["ok.json"]
    (err,) = rep.errors
    assert err.error == "JSONDecodeError" and err.path == "kaputt.json"
    assert err.message.startswith("kaputt.json: invalid JSON")


def test_json_scalar_is_not_an_article(tmp_path):
    write(tmp_path / "a.json", "42")
    _, rep = read_all(tmp_path)
    assert kinds(rep) == {"a.json": "NotAnArticle"}


def test_json_list_is_read_like_jsonl(tmp_path):
    write(tmp_path / "a.json", json.dumps([RECORD, {"title": "leer"}, RECORD]))
    arts, rep = read_all(tmp_path)
    assert [a.id for a in arts] == ["a.json#1", "a.json#3"]
    assert kinds(rep) == {"a.json#2": "MissingText"}


def test_jsonl_bad_line_only_fails_that_line(tmp_path):
    lines = [json.dumps(RECORD), "", '{"title": "kaputt", ', json.dumps({**RECORD, "title": "Dritter"})]
    write(tmp_path / "w" / "t.jsonl", "\n".join(lines) + "\n")
    arts, rep = read_all(tmp_path)
    assert [a.id for a in arts] == ["w/t.jsonl#1", "w/t.jsonl#4"]  # physical, 1-based line numbers
    assert arts[1].title == "Dritter"
    (err,) = rep.errors
    assert (err.path, err.error) == ("w/t.jsonl#3", "JSONDecodeError")
    assert "w/t.jsonl line 3" in err.message


def test_german_date_formats_in_records(tmp_path):
    dates = ("15.02.2024", "Donnerstag, 15. Februar 2024, 17:05 Uhr", "kein Datum")
    recs = [{**RECORD, "date_publish": d} for d in dates]
    write(tmp_path / "d.jsonl", "\n".join(json.dumps(r) for r in recs))
    arts, rep = read_all(tmp_path)
    assert [a.date for a in arts] == ["2024-02-15", "2024-02-15T17:05:00", None]
    assert any("kein Datum" in w for w in rep.warnings)


# --------------------------------------------------------------------------- .html

HTML = """<html><head><title>Schoigu beendet Besuch | Testseite</title>
<meta property="og:title" content="Schoigu beendet Besuch in Belarus">
<meta property="og:site_name" content="Testseite">
<meta property="article:published_time" content="2024-02-16T09:15:00+01:00">
<link rel="canonical" href="https://test.example/schoigu"></head>
<body><nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
<article><p>Ausland</p><h1>Schoigu beendet Besuch in Belarus</h1><p>16.02.2024, 09:15 Uhr</p>
<p>Minsk - Nach mehreren Tagen Gesprächen hat der russische Verteidigungsminister Sergej Schoigu seinen
Besuch in Belarus beendet. Zum Abschluss traf er erneut Präsident Alexander Lukaschenko in Minsk.</p>
<p>„Unsere Zusammenarbeit ist ein Faktor der Stabilität“, sagte Lukaschenko nach Angaben seines Pressedienstes.
Beide Seiten hätten vereinbart, die Ausbildung von Offizieren auszubauen, berichtete die Agentur Belta.</p>
</article><footer>Impressum</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path):
    write(tmp_path / "seite.html", HTML)
    (art,), rep = read_all(tmp_path)
    assert art.id == "seite.html"
    assert art.title == "Schoigu beendet Besuch in Belarus"
    assert art.date == "2024-02-16T09:15:00"  # the date line is more precise than the page date
    assert art.source == "Testseite"
    assert art.url == "https://test.example/schoigu"
    assert art.text.startswith("Minsk - Nach mehreren Tagen")
    assert "\n\n„Unsere Zusammenarbeit" in art.text
    assert "Startseite" not in art.text and "Impressum" not in art.text
    assert rep.errors == []


def test_html_without_body_text_is_missing_text(tmp_path):
    write(tmp_path / "leer.htm", "<html><head><title>Leer</title></head><body><nav>Menü</nav></body></html>")
    arts, rep = read_all(tmp_path)
    assert arts == []
    (err,) = rep.errors
    assert (err.path, err.error) == ("leer.htm", "MissingText")
    assert "leer.htm" in err.message


# --------------------------------------------------------------------------- broken inputs


def test_empty_and_whitespace_files(tmp_path):
    write(tmp_path / "leer.txt", b"")
    write(tmp_path / "blank.txt", "  \n\n \t\n")
    write(tmp_path / "leer.jsonl", b"")
    arts, rep = read_all(tmp_path)
    assert arts == []
    assert kinds(rep) == {"blank.txt": "EmptyFile", "leer.txt": "EmptyFile", "leer.jsonl": "EmptyFile"}
    assert all(e.path in e.message and "empty" in e.message for e in rep.errors)


def test_binary_file_with_txt_name(tmp_path):
    write(tmp_path / "bild.txt", bytes(range(256)) * 40)
    write(tmp_path / "steuer.txt", b"abc\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 50)  # control chars, no NUL
    arts, rep = read_all(tmp_path)
    assert arts == []
    assert kinds(rep) == {"bild.txt": "BinaryFile", "steuer.txt": "BinaryFile"}
    assert all("binary" in e.message for e in rep.errors)


def test_text_with_a_few_stray_controls_is_still_text(tmp_path):
    """Tabs, form feeds and ESC are allowed; other controls and DEL count up to 5% of the bytes."""
    line = "Die Agentur meldete\tam Montag\x0c neue Zahlen.\x1b\n"
    write(tmp_path / "streu.txt", ("Titel\n\n" + line * 40 + "\x01\x7f" * 30).encode("utf8"))
    write(tmp_path / "zuviel.txt", ("Titel\n\n" + line * 40 + "\x01\x7f" * 60).encode("utf8"))
    arts, rep = read_all(tmp_path)
    assert [a.id for a in arts] == ["streu.txt"]  # 60 of 1,867 bytes (3.2%)
    assert kinds(rep) == {"zuviel.txt": "BinaryFile"}  # 120 of 1,927 bytes (6.2%)


def test_five_megabyte_article_reads_fine(tmp_path):
    para = "Der russische Verteidigungsminister Sergej Schoigu sprach in Minsk mit Alexander Lukaschenko. " * 10
    body = "\n\n".join([para] * (5_000_000 // len(para) + 1))
    write(tmp_path / "gross.txt", "Langer Artikel\n\n" + body)
    assert (tmp_path / "gross.txt").stat().st_size > 5_000_000
    (art,), rep = read_all(tmp_path)
    assert art.title == "Langer Artikel"
    assert len(art.text) == len(body.strip())
    assert rep.errors == []


def test_unreadable_file(tmp_path):
    f = write(tmp_path / "geheim.txt", "Titel\n\n" + BODY)
    write(tmp_path / "ok.txt", "Titel\n\n" + BODY)
    f.chmod(0)
    try:
        if os.access(f, os.R_OK):
            pytest.skip("running as root: chmod 000 does not make the file unreadable")
        arts, rep = read_all(tmp_path)
        assert [a.id for a in arts] == ["ok.txt"]
        assert kinds(rep) == {"geheim.txt": "PermissionError"}
        assert "geheim.txt" in rep.errors[0].message and "permission denied" in rep.errors[0].message
    finally:
        f.chmod(0o644)


def test_permission_error_is_reported_not_raised(tmp_path, monkeypatch):
    """Same as above, independent of the user: the OS refuses to read one file."""
    write(tmp_path / "geheim.txt", "Titel\n\n" + BODY)
    write(tmp_path / "ok.txt", "Titel\n\n" + BODY)
    real = Path.open

    def fake(self, *args, **kwargs):
        if self.name == "geheim.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", fake)
    arts, rep = read_all(tmp_path)
    assert [a.id for a in arts] == ["ok.txt"]
    (err,) = rep.errors
    assert (err.path, err.error) == ("geheim.txt", "PermissionError")
    assert "permission denied" in err.message and "geheim.txt" in err.message


def test_symlink_loop_terminates_and_reads_each_file_once(tmp_path):
    root = tmp_path / "korpus"
    write(root / "a.txt", "Titel A\n\n" + BODY)
    write(root / "sub" / "b.txt", "Titel B\n\n" + BODY)
    os.symlink(root, root / "sub" / "loop")  # sub/loop -> korpus (ancestor)
    os.symlink(root / "sub", root / "zz-alias")  # second path to the same directory
    arts, rep = read_all(root)
    assert [a.id for a in arts] == ["a.txt", "sub/b.txt"]
    assert rep.errors == []
    assert len(rep.warnings) == 2 and all("already visited" in w for w in rep.warnings)


def test_symlinked_file_read_once(tmp_path):
    write(tmp_path / "a.txt", "Titel\n\n" + BODY)
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    arts, rep = read_all(tmp_path)
    assert [a.id for a in arts] == ["a.txt"]
    assert any("b.txt" in w and "a.txt" in w for w in rep.warnings)


def test_dangling_symlink_is_an_error_not_a_crash(tmp_path):
    write(tmp_path / "ok.txt", "Titel\n\n" + BODY)
    os.symlink(tmp_path / "weg.txt", tmp_path / "link.txt")
    arts, rep = read_all(tmp_path)
    assert [a.id for a in arts] == ["ok.txt"]
    assert kinds(rep) == {"link.txt": "FileNotFoundError"}
    assert "broken symlink" in rep.errors[0].message


def test_missing_input_raises_before_iterating(tmp_path):
    missing = tmp_path / "gibt-es-nicht"
    with pytest.raises(FileNotFoundError, match="gibt-es-nicht"):
        iter_articles(missing)  # raised at call time, not at the first next()
    with pytest.raises(FileNotFoundError, match="gibt-es-nicht"):
        iter_articles([tmp_path, missing])


def test_other_files_are_skipped_and_counted(tmp_path):
    write(tmp_path / "a.txt", "Titel\n\n" + BODY)
    write(tmp_path / "notizen.md", "# nichts")
    write(tmp_path / "bild.png", b"\x89PNG")
    write(tmp_path / "sub" / "daten.csv", "a,b")
    arts, rep = read_all(tmp_path)
    assert len(arts) == 1 and rep.skipped == 3 and rep.errors == []


def test_broken_inputs_never_stop_iteration_and_order_is_deterministic(tmp_path):
    write(tmp_path / "c" / "gut.txt", "Titel\n\n" + BODY)
    write(tmp_path / "a_leer.txt", b"")
    write(tmp_path / "b_kaputt.json", "{")
    write(tmp_path / "d.jsonl", json.dumps(RECORD) + "\nnope\n" + json.dumps(RECORD))
    write(tmp_path / "B.txt", "Titel\n\n" + BODY)
    first, rep = read_all(tmp_path)
    second, _ = read_all(tmp_path)
    assert [a.id for a in first] == ["B.txt", "c/gut.txt", "d.jsonl#1", "d.jsonl#3"]
    assert [a.id for a in first] == [a.id for a in second]
    assert [a.text for a in first] == [a.text for a in second]
    assert kinds(rep) == {"a_leer.txt": "EmptyFile", "b_kaputt.json": "JSONDecodeError", "d.jsonl#2": "JSONDecodeError"}


def test_read_articles_logs_instead_of_raising(tmp_path, caplog):
    write(tmp_path / "gut.txt", "Titel\n\n" + BODY)
    write(tmp_path / "kaputt.json", "{")
    with caplog.at_level(logging.WARNING, logger="newsents.io.readers"):
        arts = read_articles(tmp_path)
    assert [a.id for a in arts] == ["gut.txt"]
    assert any("kaputt.json" in r.getMessage() for r in caplog.records)


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize("value,expected", [
    ("2024-02-13 11:42:00", "2024-02-13T11:42:00"),
    ("2024-02-13T11:42:00Z", "2024-02-13T11:42:00+00:00"),
    ("2024-02-13", "2024-02-13"),
    ("13.02.2024", "2024-02-13"),
    ("13.2.24", "2024-02-13"),
    ("13.02.2024, 14:30 Uhr", "2024-02-13T14:30:00"),
    ("Stand: 13.02.2024 14:30 Uhr", "2024-02-13T14:30:00"),
    ("Dienstag, 13. Februar 2024", "2024-02-13"),
    ("13. März 2024", "2024-03-13"),
    ("February 13, 2024", "2024-02-13"),
    ("31.02.2024", None),
    ("Schoigu in Minsk", None),
    ("", None),
    (None, None),
])
def test_normalize_date(value, expected):
    assert normalize_date(value) == expected


# --------------------------------------------------------------------------- shipped examples


def test_example_folder_reads_and_broken_example_is_reported():
    arts, rep = read_all(EXAMPLES)
    ids = [a.id for a in arts]
    assert len(arts) == 9
    assert "2024-02-15-wochenticker.jsonl#3" in ids and "ausland/2024-02-13-chrenin-manoever.txt" in ids
    assert rep.errors == []
    assert rep.skipped == 1  # README.md
    assert any("chrenin" in w and "cp1252" in w for w in rep.warnings)
    assert all(a.text and a.title for a in arts)
    assert rep.summary() == "9 articles read, 1 file skipped, 0 errors, 1 warning"
    arts, rep = read_all([EXAMPLES, EXAMPLES.parent / "broken"])
    assert len(arts) == 9
    # several inputs: ids are relative to their common folder (examples/)
    assert kinds(rep) == {"broken/broken.json": "JSONDecodeError"}
    assert "articles/ausland/2024-02-13-chrenin-manoever.txt" in [a.id for a in arts]
    assert all("\r" not in a.text for a in arts)


def test_module_exports():
    assert readers.SUPPORTED_SUFFIXES == (".txt", ".json", ".jsonl", ".html", ".htm")
