"""Every dashboard page at 1400 px and at 390 px (a phone) in Debian's Chromium: a screenshot
of each, no page scrolling sideways (`scrollWidth <= innerWidth`), tables reflowed into cards,
the index chart drawn for the width with text at its size, nothing loaded from outside."""

from __future__ import annotations

import pytest
from builders import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS, playwright_or_skip

pytestmark = [pytest.mark.browser, pytest.mark.slow]

sync_api = playwright_or_skip()



WIDTHS = {"wide": (1400, 900), "phone": (390, 844)}
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def pages(server) -> dict[str, str]:
    """Every kind of page, by name: lists, one record, the briefing, the API docs, an error."""
    a, b, c = server["a"], server["b"], server["c"]
    tariff = server["events"]["b"][0]
    ev = tariff.evidence
    return {
        "overview": "/", "events": "/events", "events-search": "/events?q=tariff&sort=-date",
        "documents": "/documents", "document": f"/documents/{b.doc_id}?start={ev.start}&end={ev.end}",
        "document-long": f"/documents/{c.doc_id}", "dyad": "/dyad/COL-USA", "event": f"/events/{tariff.event_id}",
        "story": "/stories/{story}", "brief": "/brief?dyad=COL-USA", "alerts": "/alerts", "api-docs": "/docs",
        "unknown-pair": "/dyad/FRA-DEU", "article-a": f"/documents/{a.doc_id}",
    }


@pytest.fixture(scope="module")
def browser(server):
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=TIMEOUT_MS)
        try:
            yield chromium
        finally:
            chromium.close()



def open_tab(browser, server, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    outside: list[str] = []
    tab.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server["url"]) else None)
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, tab, outside, errors


@pytest.mark.parametrize("size", list(WIDTHS))
def test_no_page_scrolls_sideways(server, browser, screenshots, size):
    import json
    import urllib.request

    width, height = WIDTHS[size]
    with urllib.request.urlopen(server["url"] + "/api/timeline?dyad=COL-USA") as response:
        story = json.load(response)["items"][0]["story_id"]
    context, tab, outside, errors = open_tab(browser, server, width, height)
    overflowing = {}
    try:
        for name, path in pages(server).items():
            response = tab.goto(server["url"] + path.replace("{story}", story))
            assert response is not None
            expected = 404 if name == "unknown-pair" else 200
            assert response.status == expected, (name, response.status)
            shot = screenshots / f"{size}-{name}.png"
            tab.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 3_000
            excess = tab.evaluate(OVERFLOW)
            if excess > 0:
                wide = tab.evaluate("""() => Array.from(document.querySelectorAll('body *'))
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
                overflowing[name] = (excess, wide)
    finally:
        context.close()
    assert overflowing == {}, f"pages wider than {width} px: {overflowing}"
    assert outside == [] and errors == []


def test_tables_reflow_into_cards_on_a_phone(server, browser):
    context, tab, _, _ = open_tab(browser, server, *WIDTHS["phone"])
    try:
        tab.goto(server["url"] + "/events")
        assert tab.locator("table.events thead").is_hidden()
        cell = tab.locator("table.events tbody tr").first.locator("td.evidence")
        label = cell.evaluate("td => getComputedStyle(td, '::before').content")
        assert label == '"Evidence"'
        row = tab.locator("table.events tbody tr").first.bounding_box()
        assert row is not None and row["width"] <= 390
        assert tab.locator("select[name=sort]").is_visible()  # sorting without the table header
    finally:
        context.close()


# (page, selector of the chart drawn wide, selector of the one drawn for a phone)
CHARTS = [("/dyad/COL-USA", "figure.chart svg", "figure.chart-small svg"),
          ("/brief?dyad=COL-USA", "svg.chart:not(.small)", "svg.chart.small")]


@pytest.mark.parametrize("path,wide,small", CHARTS)
def test_the_index_chart_fits_the_screen_with_text_at_its_size(server, browser, screenshots, path, wide, small):
    for size, (width, height) in WIDTHS.items():
        context, tab, _, _ = open_tab(browser, server, width, height)
        try:
            tab.goto(server["url"] + path)
            shown = tab.locator(small if size == "phone" else wide)
            hidden = tab.locator(wide if size == "phone" else small)
            assert shown.is_visible() and hidden.is_hidden()
            box = shown.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
            view_width = float(shown.get_attribute("viewBox").split()[2])
            scale = box["width"] / view_width
            assert scale >= 0.85, f"{size}: chart drawn at {scale:.2f} of its size: 11 px text becomes {11 * scale:.1f} px"
            name = "dyad" if path.startswith("/dyad") else "brief"
            shown.screenshot(path=str(screenshots / f"{size}-{name}-chart.png"))
        finally:
            context.close()


def test_a_pages_own_table_sorts_by_a_click_on_its_header(server, browser):
    context, tab, _, errors = open_tab(browser, server, *WIDTHS["wide"])
    try:
        tab.goto(server["url"] + "/")
        pairs = tab.locator("table.dyads tbody a.dyad-link")
        assert pairs.all_inner_texts() == ["COL-USA", "COL-VEN"]  # most events first
        tab.locator("table.dyads thead th button.sort", has_text="Events").click()
        assert pairs.all_inner_texts() == ["COL-VEN", "COL-USA"]
        assert tab.locator("table.dyads thead th[aria-sort=ascending]").count() == 1
        tab.locator("table.dyads thead th button.sort", has_text="Events").click()
        assert pairs.all_inner_texts() == ["COL-USA", "COL-VEN"]
    finally:
        context.close()
    assert errors == []
