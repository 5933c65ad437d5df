"""The page as HTML (no browser): inert data, escaping, the Content-Security-Policy, nothing fetched,
the vendored assets and their licence, and the Jupyter view."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources

import pytest
from explorer_hostile import SCRIPT, TITLE

from newsents.explorer import ExplorerView, build_html, read_output, view, write_html
from newsents.explorer.page import script_json
from newsents.explorer.payload import COLORS

DATA_OPEN = '<script type="application/json" id="newsents-data">'


def _data_of(page: str) -> dict:
    return json.loads(page.split(DATA_OPEN, 1)[1].split("</script>", 1)[0])


@pytest.fixture(scope="module")
def hostile_page(hostile_out, tmp_path_factory):
    path = tmp_path_factory.mktemp("page") / "hostile.html"
    return write_html(hostile_out, path, title=TITLE).read_text(encoding="utf-8")


def test_script_json_escapes_what_could_end_the_script():
    text = script_json({"a": "</script><!-- & \u2028\u2029 > '\"", "b": "x\ud800"})
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029 > '\"", "b": "x\ud800"}
    text.encode("utf-8")  # a lone surrogate does not make the page invalid UTF-8


def test_hostile_data_cannot_add_markup(hostile_page):
    # exactly the page's two script elements, its own style elements, and no tag from the data
    assert len(re.findall(r"<script", hostile_page, re.IGNORECASE)) == 2
    assert len(re.findall(r"</script", hostile_page, re.IGNORECASE)) == 2
    assert "<img" not in hostile_page and "<svg" not in hostile_page and "<!--" not in hostile_page
    title = hostile_page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert html.unescape(title) == TITLE and "<" not in title  # {{DATA}} in it was not filled in either
    data = _data_of(hostile_page)
    assert data["articles"][0][1] == TITLE == data["meta"]["title"]


def _csp(page: str) -> str:
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert m, "the page has a Content-Security-Policy"
    return html.unescape(m.group(1))


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_csp_allows_only_the_pages_own_scripts_and_styles(hostile_page):
    policy = _csp(hostile_page)
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "connect-src" not in policy  # falls back to default-src 'none': nothing is fetched
    scripts = re.findall(r"<script>(.*?)</script>", hostile_page, re.DOTALL)
    styles = re.findall(r"<style[^>]*>(.*?)</style>", hostile_page, re.DOTALL)
    assert len(scripts) == 1 and len(styles) == 2
    script_src = re.search(r"script-src ([^;]+)", policy).group(1).split()
    style_src = re.search(r"style-src ([^;]+)", policy).group(1).split()
    assert script_src == [_sha(scripts[0])]
    assert sorted(style_src) == sorted(_sha(s) for s in styles)


def test_nothing_is_loaded_from_outside(hostile_page):
    # data is escaped JSON (no "<"), so every tag in the page is the page's own
    tags = re.findall(r"<[a-zA-Z][^>]*>", hostile_page.split(DATA_OPEN)[0])
    assert not [t for t in tags if re.search(r"\s(src|href)=", t)]
    assert "<link" not in hostile_page and "@import" not in hostile_page
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", hostile_page)
    code = re.findall(r"<script>(.*?)</script>", hostile_page, re.DOTALL)[0]
    assert "XMLHttpRequest" not in code and "fetch(" not in code and "innerHTML" not in code.split("})();")[-1]


def test_own_code_builds_the_dom_without_innerhtml():
    js = resources.files("newsents.explorer") / "assets" / "js"
    for f in js.iterdir():
        text = f.read_text(encoding="utf-8")
        for bad in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert bad not in text, f"{f.name} uses {bad}"


def test_vendored_library_and_licence():
    assets = resources.files("newsents.explorer") / "assets"
    pkg = json.loads((assets / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((assets / "package-lock.json").read_text(encoding="utf-8"))
    version = pkg["dependencies"]["cytoscape"]
    assert lock["packages"]["node_modules/cytoscape"]["version"] == version
    assert lock["packages"]["node_modules/cytoscape"]["license"] == "MIT"
    assert f'"{version}"' in (assets / "cytoscape.min.js").read_text(encoding="utf-8")
    assert "Permission is hereby granted" in (assets / "cytoscape.LICENSE").read_text(encoding="utf-8")
    assert version in (assets / "README.md").read_text(encoding="utf-8")


def test_colours_are_displacys():
    from spacy.displacy.render import DEFAULT_LABEL_COLORS

    for label, colour in DEFAULT_LABEL_COLORS.items():
        assert COLORS[label] == colour
    assert COLORS["PER"] == DEFAULT_LABEL_COLORS["PERSON"]


def test_view_is_a_sandboxed_srcdoc_iframe(hostile_out):
    v = view(hostile_out, height=500)
    assert isinstance(v, ExplorerView)
    frame = v._repr_html_()
    assert frame.startswith("<iframe srcdoc=\"") and 'sandbox="allow-scripts' in frame and "500px" in frame
    assert "allow-same-origin" not in frame
    srcdoc = re.match(r'<iframe srcdoc="([^"]*)"', frame).group(1)
    assert "<" not in srcdoc and html.unescape(srcdoc) == v.html
    assert SCRIPT not in frame


def test_view_of_an_html_file_and_of_a_corpus(hostile_out, tmp_path):
    path = write_html(hostile_out, tmp_path / "page.html")
    assert view(path).html == path.read_text(encoding="utf-8")
    articles, entities = read_output(hostile_out)

    class Entity:
        def __init__(self, record):
            self.record = record

        def to_dict(self):
            return self.record

    class FakeCorpus:  # what view() needs of a newsents.Corpus
        def __init__(self):
            self.entities = [Entity(e) for e in entities]

        def to_records(self):
            return iter(articles)

    page = view(FakeCorpus(), title="corpus").html
    assert _data_of(page)["meta"]["title"] == "corpus"
    assert _data_of(page)["meta"]["counts"]["articles"] == 2


def test_build_html_is_deterministic(hostile_out):
    articles, entities = read_output(hostile_out)
    assert build_html(articles, entities) == build_html(articles, entities)
