"""Docs become Article records (pipeline/document.py)."""



def test_article_text_is_the_docs_even_when_a_tokenizer_rewrites_it():
    import spacy

    from newsents.core.records import RawArticle
    from newsents.pipeline.document import doc_to_article

    nlp = spacy.blank("de")
    raw = RawArticle(id="a", text="Schoigu  kam.")
    doc = nlp("Schoigu  kam.")
    assert doc_to_article(doc, raw, text="Schoigu  kam.").text == "Schoigu  kam."
    rewritten = nlp("Schoigu kam.")  # as if a custom make_doc had collapsed the spaces
    assert doc_to_article(rewritten, raw, text="Schoigu  kam.").text == "Schoigu kam."
    assert doc_to_article(nlp(""), raw, text="").text == ""
