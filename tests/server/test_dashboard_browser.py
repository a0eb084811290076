"""The dashboard in a real browser: uvicorn on a free loopback port, Debian's Chromium through
Playwright, clicking from the overview to a dyad page and on to a highlighted sentence."""

from __future__ import annotations

import pytest
from builders import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS, playwright_or_skip

pytestmark = [pytest.mark.browser, pytest.mark.slow]

sync_api = playwright_or_skip()



@pytest.fixture(scope="module")
def page(server):
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=TIMEOUT_MS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.set_default_timeout(TIMEOUT_MS)
            tab = context.new_page()
            external = []
            tab.on("request", lambda r: external.append(r.url) if not r.url.startswith(server["url"]) else None)
            yield tab
            assert external == [], f"the dashboard loaded something from outside: {external}"
        finally:
            browser.close()



def test_overview_to_dyad_to_highlighted_document(server, page, screenshots):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server["url"] + "/")
    assert page.title() == "Overview · detente"
    assert page.locator("a.api-twin").get_attribute("href") == "/api/overview"

    page.locator("a.dyad-link", has_text="COL-USA").click()
    page.wait_for_url("**/dyad/COL-USA")
    chart = page.locator("figure.chart svg")
    chart.wait_for(state="visible")
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    assert page.locator("#timeline tbody tr").count() >= 3
    assert page.locator("#contradictions tbody tr").count() == 2
    page.screenshot(path=str(screenshots / "dyad.png"), full_page=True)
    assert (screenshots / "dyad.png").stat().st_size > 10_000

    b = server["b"]
    page.locator(f'#timeline a.evidence-link[href^="/documents/{b.doc_id}"]').first.click()
    page.wait_for_url(f"**/documents/{b.doc_id}?start=*")
    selected = page.locator("mark.evidence.selected")
    selected.first.wait_for(state="visible")
    assert selected.first.inner_text().startswith("The United States slapped a 25% tariff")
    assert selected.first.is_visible()
    page.screenshot(path=str(screenshots / "document.png"), full_page=False)
    assert errors == []


def test_events_filter_and_escaped_article_text(server, page):
    page.goto(server["url"] + "/events")
    page.select_option("select[name=type]", "THREATEN")
    page.locator("form.filters button").click()
    page.wait_for_url("**/events?*type=THREATEN*")
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 1
    rows.first.locator("a.evidence-link").click()
    page.wait_for_url(f"**/documents/{server['c'].doc_id}?start=*")
    mark = page.locator("mark.evidence.selected").first
    assert "<script>alert('x')</script>" in mark.inner_text()  # shown as text, never run
    assert page.evaluate("typeof window.alertWasCalled") == "undefined"
    assert page.locator("article.doc-text script").count() == 0
