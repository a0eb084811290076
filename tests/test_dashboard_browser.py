"""The dashboard in a real browser: uvicorn on a free loopback port, Debian's Chromium through
Playwright, clicking from the overview to a dyad page and on to a highlighted sentence."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 15_000

if not os.path.exists(CHROMIUM):
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium); the browser test needs it",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`detente serve` in a subprocess over the same hand-made store as test_server."""
    from test_server import build_corpus

    data = build_corpus(tmp_path_factory.mktemp("browser") / "browser.duckdb")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = (tmp_path_factory.mktemp("serve") / "serve.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; from detente.cli import main; sys.argv[0] = 'detente'; main()",
         "serve", "--db", str(data["db"]), "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url + "/api/overview", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"`detente serve` did not answer on {url} within 30 s:\n{log.read()}")
            time.sleep(0.1)
        yield {"url": url, **data}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


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


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    """Where the screenshots go: $DETENTE_SCREENSHOTS to keep them, else a pytest temp dir."""
    folder = Path(os.environ.get("DETENTE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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
