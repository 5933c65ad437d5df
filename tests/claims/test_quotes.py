"""Pairing quotation marks: one row per text and the quotes it must give."""

from __future__ import annotations

import pytest

from newsents.claims import find_quotes

ROWS = [
    ("„Er rief ‚Halt‘ und ging.“ Dann »kam« sie. &bdquo;Ja&ldquo; und \"nein\".",
     ["„Er rief ‚Halt‘ und ging.“", "»kam«", "&bdquo;Ja&ldquo;", "\"nein\""]),
    ("Er sagte „nichts. Dann ging er.", []),  # an unclosed mark inside a paragraph is ignored
    ("«Wir bleiben», sagte sie.", ["«Wir bleiben»"]),
    ("Er sagte: “Wir bleiben.” Dann ging er.", ["“Wir bleiben.”"]),
    ("„Eins\nzwei“", ["„Eins"]),  # no quote crosses a line break; „ opening a paragraph runs to its end
    ("„Erster Absatz eines Zitats.\n„Zweiter Absatz.“", ["„Erster Absatz eines Zitats.", "„Zweiter Absatz.“"]),
]


@pytest.mark.parametrize("text,quotes", ROWS, ids=[r[0][:25] for r in ROWS])
def test_find_quotes(text, quotes):
    assert [text[q.start:q.end] for q in find_quotes(text)] == quotes


def test_inner_span_and_unclosed_paragraph_quote():
    text = "„Er rief ‚Halt‘ und ging.“"
    [q] = find_quotes(text)
    assert text[q.inner_start:q.inner_end] == "Er rief ‚Halt‘ und ging." and q.closed
    [q] = find_quotes("„Erster Absatz eines Zitats.\n„Zweiter Absatz.“")[:1]
    assert q.closed is False


def test_max_chars():
    assert find_quotes("„" + "x " * 100 + "“", max_chars=50) == []
