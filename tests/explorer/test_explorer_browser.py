"""The explorer in a real headless Chromium: the graph renders, search, node and edge clicks, the article
view, the claims table, the filters, a console without errors, and a hostile article that runs nothing.

Skipped without Chromium/chromedriver unless NEWSENTS_REQUIRE_BROWSER=1 (see conftest.py)."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from explorer_hostile import ARABIC, EVIL_NAME, EVIL_QID, HEBREW, IMG, SCRIPT, TITLE
from explorer_support import OUTPUT, ROOT, console_problems, open_page

from newsents.explorer import build_payload, read_output, write_html

SCHOIGU = "PER:sergej-schoigu"
SCHOIGU_QUOTE = "Wir zeigen, dass unsere beiden Armeen zusammenarbeiten können"


@pytest.fixture(scope="module")
def example(example_out, tmp_path_factory):
    """The example output, its payload (what the page should show) and the page."""
    articles, entities = read_output(example_out)
    payload = build_payload(articles, entities, title=f"newsents explorer: {example_out.name}")
    page = write_html(example_out, tmp_path_factory.mktemp("page") / "explorer.html")
    return articles, payload, page


@pytest.fixture
def page(browser, example):
    """The example page freshly opened; after the test, the console must hold no error."""
    open_page(browser, example[2])
    yield browser
    assert browser.execute_script("return window.newsentsExplorer.errors") == []
    assert console_problems(browser) == []


def wait_for(driver, script: str, timeout: float = 10.0):
    """Poll ``return <script>`` until truthy; its value, or an AssertionError naming the script."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script("return " + script)
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for: {script}")


def panel(driver):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, "panel")


def css(driver, selector):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def click_at(driver, x: float, y: float) -> None:
    """A real mouse click at viewport coordinates (what a user does on the canvas)."""
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(int(x), int(y))
    actions.pointer_action.click()
    actions.perform()


def test_graph_renders_the_expected_nodes(page, example):
    _, payload, _ = example
    api = "window.newsentsExplorer"
    assert page.execute_script(f"return {api}.nodeCount()") == len(payload["nodes"]) > 10
    assert page.execute_script(f"return {api}.visibleNodeCount()") == len(payload["nodes"])
    assert page.execute_script(f"return {api}.edgeCount()") == len(payload["edges"])
    # the canvas really has pixels drawn (not just a graph model)
    painted = page.execute_script("""
        let n = 0;
        for (const c of document.querySelectorAll('#cy canvas')) {
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        }
        return n;""")
    assert painted > 10_000
    status = css(page, "#graph-status")[0].text
    assert f"Showing {len(payload['nodes'])} of {len(payload['nodes'])} entities" in status


def test_search_finds_schoigu_and_shows_his_card_and_claims(page):
    from selenium.webdriver.common.keys import Keys

    box = css(page, "#search")[0]
    box.send_keys("Schoigu")
    results = wait_for(page, "document.querySelectorAll('#search-results button').length")
    assert results >= 1
    assert css(page, "#search-results button")[0].text == "Sergej Schoigu"
    box.send_keys(Keys.ENTER)
    wait_for(page, f"document.querySelector('#panel .entity-card[data-entity=\"{SCHOIGU}\"]')")
    card = panel(page).text
    assert "Sergej Schoigu" in card and "Shoigu" in card and "Sergei Schoigu" in card
    made = css(page, "#panel .claims-made .claim-content")
    assert SCHOIGU_QUOTE in " ".join(m.text for m in made)
    # the node is selected in the graph, and a variant finds him too
    assert page.execute_script("return window.newsentsExplorer.search('shoigu')")[0] == SCHOIGU
    assert page.execute_script("return window.newsentsExplorer.search('Schoigu')")[0] == SCHOIGU


def test_clicking_a_node_opens_its_card_and_articles(page, example):
    articles, _, _ = example
    page.execute_script(f"window.newsentsExplorer.openArticle({json.dumps(articles[0]['id'])})")
    page.execute_script(f"window.newsentsExplorer.select('{SCHOIGU}')")  # centre and zoom on him
    time.sleep(0.6)
    page.execute_script(f"window.newsentsExplorer.openArticle({json.dumps(articles[1]['id'])})")
    pos = page.execute_script(f"return window.newsentsExplorer.nodeClientPosition('{SCHOIGU}')")
    click_at(page, pos["x"], pos["y"])
    wait_for(page, f"document.querySelector('#panel .entity-card[data-entity=\"{SCHOIGU}\"]')")
    links = css(page, "#panel .articles button.link")
    assert len(links) == sum(any(m["entity_id"] == SCHOIGU for m in a["entities"]) for a in articles) >= 3
    links[0].click()
    wait_for(page, "document.querySelector('#panel .article-view')")
    assert "Schoigu" in panel(page).text


def test_article_view_highlights_entities_claims_and_noise(page, example):
    articles, _, _ = example
    art = next(a for a in articles if a["id"] == "2024-02-13-peskow-kreml.json")
    page.execute_script(f"window.newsentsExplorer.openArticle({json.dumps(art['id'])})")
    wait_for(page, "document.querySelector('#panel .article-view')")
    marks = page.execute_script("""return Array.from(document.querySelectorAll('#panel .article-text mark.ent'))
        .map((m) => [m.firstChild ? m.textContent.slice(0, m.textContent.length - m.lastChild.textContent.length)
                     : '', m.lastChild.textContent, getComputedStyle(m).backgroundColor]);""")
    assert [m[0] for m in marks] == [e["text"] for e in art["entities"]]
    assert [m[1] for m in marks] == [e["label"] for e in art["entities"]]
    assert {m[2] for m in marks if m[1] == "PER"} == {"rgb(170, 156, 252)"}  # displaCy's #aa9cfc
    for role in ("speaker", "cue", "content"):
        assert css(page, f"#panel .article-text .c-{role}"), role
    assert len(css(page, "#panel .removed li")) == len(art["removed"])
    assert len(css(page, "#panel .article-view .claim")) == len(art["claims"])
    # an entity in the text opens its card
    css(page, "#panel .article-text mark.ent.linked")[0].click()
    wait_for(page, "document.querySelector('#panel .entity-card')")


def test_edge_evidence_lists_sentences_with_both(page):
    page.execute_script(f"window.newsentsExplorer.openEdge('{SCHOIGU}', 'LOC:minsk')")
    wait_for(page, "document.querySelector('#panel .edge-card')")
    quotes = css(page, "#panel .evidence blockquote")
    assert quotes
    for q in quotes:
        marked = [m.text for m in q.find_elements("css selector", "mark")]
        assert "Minsk" in marked and any("Sch" in m or "Sho" in m for m in marked)
    assert "Schoigu zu Gesprächen" in panel(page).text  # an article title with the evidence


def test_clicking_an_edge_shows_its_evidence(page, example):
    _, payload, _ = example
    ids = [e["id"] for e in payload["entities"]]
    api = "window.newsentsExplorer"
    page.execute_script(f"{api}.fit()")
    nodes = [page.execute_script(f"return {api}.nodeClientPosition(arguments[0])", ids[n[0]]) for n in payload["nodes"]]

    def clearance(p):  # distance from the point to the nearest node centre
        return min(((p["x"] - q["x"]) ** 2 + (p["y"] - q["y"]) ** 2) ** 0.5 for q in nodes)

    edges = [(ids[payload["nodes"][e[0]][0]], ids[payload["nodes"][e[1]][0]]) for e in payload["edges"] if e[8]]
    mids = [(page.execute_script(f"return {api}.edgeClientMidpoint(arguments[0], arguments[1])", a, b), a, b)
            for a, b in edges]
    mid, a, b = max(mids, key=lambda m: clearance(m[0]))
    assert clearance(mid) > 25
    click_at(page, mid["x"], mid["y"])
    wait_for(page, "document.querySelector('#panel .edge-card')")
    names = [x.text for x in css(page, "#panel .edge-card h2 button")]
    assert sorted(names) == sorted(payload["entities"][ids.index(x)]["name"] for x in (a, b))
    assert css(page, "#panel .evidence blockquote mark")


def test_claims_table_sorts_and_filters(page, example):
    _, payload, _ = example
    from selenium.webdriver.support.ui import Select

    css(page, "#tab-claims")[0].click()
    rows = css(page, "#claims-table tbody tr")
    assert len(rows) == len(payload["claims"])
    Select(css(page, "#claims-mode")[0]).select_by_value("direct")
    modes = [r.find_elements("css selector", "td")[4].text for r in css(page, "#claims-table tbody tr")]
    assert modes and set(modes) == {"direct"} and len(modes) == sum(c[5] == "direct" for c in payload["claims"])
    Select(css(page, "#claims-mode")[0]).select_by_value("")
    css(page, "#claims-speaker")[0].send_keys("Schoigu")
    speakers = [r.find_elements("css selector", "td")[1].text for r in css(page, "#claims-table tbody tr")]
    assert speakers and set(speakers) == {"Sergej Schoigu"}
    css(page, "#claims-speaker")[0].clear()
    page.execute_script("document.getElementById('claims-speaker').dispatchEvent(new Event('input'))")
    header = css(page, "#claims-table th")[0]
    header.click()  # date, ascending after the default descending... either way it must be ordered
    dates = [r.find_elements("css selector", "td")[0].text for r in css(page, "#claims-table tbody tr")]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) or dated == sorted(dated, reverse=True)
    assert dated != sorted(dated, reverse=True) or header.get_attribute("aria-sort") == "descending"


def _set(page, element_id: str, value) -> None:
    page.execute_script("const el = document.getElementById(arguments[0]); el.value = arguments[1];"
                        "el.dispatchEvent(new Event('input', {bubbles: true}));", element_id, str(value))


def test_filters_by_label_weight_and_date(page, example):
    _, payload, _ = example
    ents, arts = payload["entities"], payload["articles"]
    nodes = [ents[n[0]] for n in payload["nodes"]]
    api = "return window.newsentsExplorer."
    css(page, "input[data-label='PER']")[0].click()
    assert page.execute_script(api + "visibleNodeCount()") == sum(e["label"] != "PER" for e in nodes)
    css(page, "input[data-label='PER']")[0].click()
    _set(page, "min-weight", 3)
    assert page.execute_script(api + "visibleEdgeCount()") == sum(e[2] >= 3 for e in payload["edges"])
    _set(page, "min-weight", 1)
    _set(page, "date-from", "2024-02-16")
    expected = sum(any((arts[i][2] or "")[:10] >= "2024-02-16" for i in itertools.accumulate(e["ad"])) for e in nodes)
    assert 0 < page.execute_script(api + "visibleNodeCount()") == expected < len(nodes)
    _set(page, "date-from", "")
    assert page.execute_script(api + "visibleNodeCount()") == len(nodes)


def test_screenshot(page):
    page.execute_script(f"window.newsentsExplorer.select('{SCHOIGU}')")
    time.sleep(0.5)
    page.execute_script("window.newsentsExplorer.fit()")
    time.sleep(0.2)
    OUTPUT.mkdir(exist_ok=True)
    shot = OUTPUT / "explorer.png"
    assert page.save_screenshot(str(shot)) and shot.stat().st_size > 20_000
    if os.environ.get("NEWSENTS_UPDATE_SCREENSHOT") == "1":  # the README's picture
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copyfile(shot, ROOT / "docs" / "explorer.png")


def test_hostile_article_runs_nothing_and_shows_text_literally(browser, hostile_out, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException

    page = write_html(hostile_out, tmp_path / "hostile.html", title=TITLE)
    open_page(browser, page)
    api = "window.newsentsExplorer"
    article_id = json.loads(Path(hostile_out / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])["id"]
    browser.execute_script(f"{api}.openArticle(arguments[0])", article_id)
    assert browser.find_element("css selector", "#panel .article-view h2").text == TITLE
    text = browser.execute_script("return document.querySelector('#panel .article-text').textContent")
    assert SCRIPT in text and IMG in text and ARABIC in text and HEBREW in text and "🇩🇪" in text
    marks = browser.execute_script("""return Array.from(document.querySelectorAll('#panel .article-text mark.ent'))
        .map((m) => m.textContent.slice(0, m.textContent.length - m.lastChild.textContent.length));""")
    assert marks == ["Berlin", EVIL_NAME, ARABIC, HEBREW, "Berlin", EVIL_NAME, ARABIC]
    browser.execute_script(f"{api}.select('PER:evil')")
    assert browser.find_element("css selector", "#panel h2").text == EVIL_NAME
    assert EVIL_QID in panel(browser).text  # shown as text, not as a link
    assert browser.execute_script("return document.querySelectorAll('a[href^=\"javascript:\"], [onmouseover], "
                                  "[onerror], [onload], #app script, #app img, #app svg').length") == 0
    css(browser, "#tab-claims")[0].click()
    assert SCRIPT in css(browser, "#claims-table tbody")[0].text
    assert browser.execute_script(f"return {api}.search('script').length") >= 1
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    assert browser.execute_script("return window.__pwned === undefined")
    assert browser.execute_script(f"return {api}.errors") == []
    assert console_problems(browser) == []


def test_jupyter_view_runs_inside_its_sandboxed_iframe(browser, hostile_out, tmp_path):
    """The iframe of ``view()`` (what Jupyter shows) runs the explorer, and the hostile data nothing."""
    from selenium.webdriver.common.by import By

    from newsents.explorer import view

    host = tmp_path / "notebook.html"
    host.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><h1>notebook</h1>"
                    + view(hostile_out, height=600, title=TITLE)._repr_html_() + "</body></html>", encoding="utf-8")
    browser.get_log("browser")
    browser.get(host.as_uri())
    browser.switch_to.frame(browser.find_element(By.TAG_NAME, "iframe"))
    try:
        wait_for(browser, "window.newsentsExplorer && window.newsentsExplorer.ready", timeout=30)
        assert browser.execute_script("return window.newsentsExplorer.nodeCount()") == 4
        assert browser.find_element(By.CSS_SELECTOR, "header h1").text == TITLE
        assert browser.execute_script("return window.__pwned === undefined")
    finally:
        browser.switch_to.default_content()
    assert browser.execute_script("return window.__pwned === undefined")
    assert console_problems(browser) == []
