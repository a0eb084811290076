"""The web app over a real store: the JSON API (records as in the design, filters, paging,
404/422) and the dashboard pages (evidence shown, highlighted, escaped), through FastAPI's
test client."""

from __future__ import annotations

import html
import re

import pytest
from builders import TEXT_A, article_text, make_article, make_processed, sentence
from fastapi.testclient import TestClient

from detente.aggregate.merge import merge_events
from detente.server.app import create_app
from detente.store import Store


def ok(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.text)
    return response.json()


# --- JSON API -------------------------------------------------------------------------------

def test_events_are_the_design_records_in_a_page_envelope(client, corpus):
    data = ok(client, "/api/events")
    assert set(data) == {"total", "limit", "offset", "next_offset", "items"}
    assert data["total"] == 5 and data["offset"] == 0 and data["next_offset"] is None
    first = corpus["events"]["a"][0]
    expected = first.to_dict()
    expected.update(source_path="corpus/a.txt", url="https://one.example/a")  # inherited from the document
    expected.update({key: getattr(corpus["a"], key) for key in ("outlet", "title", "published", "language")})
    assert data["items"][0] == expected
    assert list(data["items"][0]) == list(expected)  # the design's key order


def test_events_filters(client, corpus):
    col_usa = ok(client, "/api/events?dyad=col-usa")["items"]
    assert {e["event_id"] for e in col_usa} == {e.event_id for e in corpus["events"]["a"] + corpus["events"]["b"]} | {
        corpus["events"]["c"][0].event_id}
    directed = ok(client, "/api/events?dyad=COL>USA")["items"]
    assert [e["event_type"] for e in directed] == ["ACCUSE"]
    assert [e["event_type"] for e in ok(client, "/api/events?dyad=VEN")["items"]] == ["THREATEN"]
    sanctions = ok(client, "/api/events?type=sanction")["items"]
    assert [e["doc_id"] for e in sanctions] == [corpus["a"].doc_id, corpus["b"].doc_id]
    assert len(ok(client, "/api/events?type=SANCTION,AGREE")["items"]) == 3
    march = ok(client, "/api/events?since=2025-02")["items"]
    assert {e["date"] for e in march} == {"2025-03-03", "2025-03"}
    january = ok(client, "/api/events?until=2025-01-26")["items"]
    assert {e["date"] for e in january} == {"2025-01-26"}
    by_doc = ok(client, f"/api/events?doc_id={corpus['c'].doc_id[:8]}")["items"]
    assert [e["event_id"] for e in by_doc] == [e.event_id for e in corpus["events"]["c"]]


def test_pagination(client):
    everything = ok(client, "/api/events")["items"]
    first = ok(client, "/api/events?limit=2")
    assert first["items"] == everything[:2] and first["next_offset"] == 2 and first["total"] == 5
    last = ok(client, "/api/events?limit=2&offset=4")
    assert last["items"] == everything[4:] and last["next_offset"] is None
    assert ok(client, "/api/events?offset=50")["items"] == []


@pytest.mark.parametrize("url", [
    "/api/events?dyad=USA-", "/api/events?dyad=USA--COL", "/api/events?dyad=U$A-COL",
    "/api/timeline?dyad=USA", "/api/index", "/api/index?dyad=USA", "/api/index?dyad=USA-COL&freq=day",
    "/api/events?since=January", "/api/events?until=2025-1-2", "/api/events?type=BOMBARD",
    "/api/events?limit=0", "/api/events?limit=100000", "/api/events?offset=-1",
    "/api/documents?status=lost", "/api/dyad/USACOL", "/api/contradictions?dyad=US-",
])
def test_bad_parameters_are_422_with_a_reason(client, url):
    response = client.get(url)
    assert response.status_code == 422, (url, response.text)
    assert response.json()["detail"]


def test_event_types_accepted_are_the_lexicons(client):
    from detente.events.lexicon import PLOVER_TYPES
    from detente.server import app as server_app

    assert server_app.PLOVER_TYPES == PLOVER_TYPES


def test_unknown_event_type_names_the_valid_ones(client):
    detail = client.get("/api/events?type=BOMBARD").json()["detail"]  # an array, as OpenAPI declares
    assert detail[0]["loc"] == ["query", "type"]
    assert "BOMBARD" in detail[0]["msg"] and "SANCTION" in detail[0]["msg"]


def test_documents_list_and_one_document_with_text(client, corpus):
    data = ok(client, "/api/documents")
    assert [d["doc_id"] for d in data["items"]] == [corpus[k].doc_id for k in "abc"] + ["badbadbadbadbad0"]
    assert data["items"][0] == corpus["a"].to_dict(with_text=False) | {"status": "stored"}
    assert "text" not in data["items"][0]
    assert [d["source_path"] for d in ok(client, "/api/documents?status=rejected")["items"]] == ["corpus/empty.html"]
    one = ok(client, f"/api/documents/{corpus['b'].doc_id}")
    assert one == corpus["b"].to_dict(with_text=True)
    assert ok(client, f"/api/documents/{corpus['b'].doc_id[:10]}")["doc_id"] == corpus["b"].doc_id


def test_unknown_document_is_404_with_a_clear_message(client):
    for url in ("/api/documents/0123456789abcdef", "/documents/0123456789abcdef"):
        response = client.get(url)
        assert response.status_code == 404
        assert "no document with doc_id '0123456789abcdef'" in html.unescape(response.text)


def test_timeline_returns_the_story_records_of_the_aggregate_stage(client, corpus):
    events = [e for k in "abc" for e in corpus["events"][k]]
    articles = {corpus[k].doc_id: corpus[k] for k in "abc"}
    with Store(corpus["db"], read_only=True) as store:  # the stored events, with inherited urls
        stored = store.load_events()
        articles = store.load_articles()
    assert len(stored) == len(events)
    expected = [s.to_dict() for s in merge_events(stored, articles)]
    data = ok(client, "/api/timeline?limit=1000")
    assert data["items"] == expected
    usa_col = ok(client, "/api/timeline?dyad=USA-COL")["items"]
    tariff = [s for s in usa_col if s["event_type"] == "SANCTION"]
    assert len(tariff) == 1 and tariff[0]["n_articles"] == 2 and tariff[0]["n_outlets"] == 2
    assert {m["outlet"] for m in tariff[0]["mentions"]} == {"Wire One", "Daily Two"}
    assert [s["event_type"] for s in ok(client, "/api/timeline?dyad=USA-COL&type=tariff")["items"]] == ["SANCTION"]
    assert [s["date"] for s in ok(client, "/api/timeline?dyad=USA-COL&since=2025-02")["items"]] == ["2025-03-03"]
    assert ok(client, "/api/timeline?dyad=USA>COL&type=ACCUSE")["items"] == []


def test_index_by_month_and_week(client):
    data = ok(client, "/api/index?dyad=usa-col")
    assert data["dyad"] == "USA-COL" and data["freq"] == "month"
    combined = [r for r in data["rows"] if r["direction"] == "USA-COL"]
    assert [r["period"] for r in combined] == ["2025-01", "2025-02", "2025-03"]
    assert combined[0]["score"] < 0 and combined[1]["score"] is None and combined[2]["score"] > 0
    assert {r["direction"] for r in data["rows"]} == {"USA>COL", "COL>USA", "USA-COL"}
    assert data["turning_points"] and data["turning_points"][0]["drivers"]
    weekly = ok(client, "/api/index?dyad=USA-COL&freq=week")
    assert weekly["freq"] == "week" and weekly["rows"][0]["period"] == "2025-W04"  # Sunday 26 January


def test_contradictions_on_dates_and_numbers(client, corpus):
    data = ok(client, "/api/contradictions?dyad=USA-COL")
    kinds = {c["kind"]: c for c in data["items"]}
    assert set(kinds) == {"date", "number"}
    assert {kinds["date"]["a"]["value"], kinds["date"]["b"]["value"]} == {"2025-01-26", "2025-01-27"}
    assert {kinds["number"]["a"]["value"], kinds["number"]["b"]["value"]} == {"25%", "50%"}
    assert {side["evidence"]["text"][:14] for side in (kinds["number"]["a"], kinds["number"]["b"])} == {
        "Officials said", "Washington imp"}
    assert ok(client, "/api/contradictions?dyad=COL-VEN")["items"] == [kinds["number"]]  # c reports on COL-VEN too
    assert ok(client, "/api/contradictions")["total"] == 2


def test_quotes_claims_rejections(client, corpus):
    quotes = ok(client, "/api/quotes")["items"]
    assert quotes == [{"quote_id": "qa0", "doc_id": corpus["a"].doc_id,
                       "speaker": {"text": "Petro", "name": "Government (Colombia)", "code": "COLGOV",
                                   "country": "COL", "sector": "GOV"},
                       "text": "treating migrants as criminals",
                       "evidence": sentence(TEXT_A, "Petro accused").to_dict(), "date": "2025-01-26"}]
    assert ok(client, "/api/quotes?speaker=USA")["items"] == []
    claims = ok(client, "/api/claims?measure=tariff")["items"]
    assert [c["value"] for c in claims] == [25.0, 50.0]
    assert ok(client, f"/api/claims?doc_id={corpus['c'].doc_id}")["items"][0]["claim_id"] == "cc0"
    rejections = ok(client, "/api/rejections")["items"]
    assert [(r["source_path"], r["reason"]) for r in rejections] == [("corpus/empty.html", "no article text: 3 words")]


def test_dyads_with_counts(client):
    data = ok(client, "/api/dyads")
    assert [(d["dyad"], d["n_events"], d["n_articles"]) for d in data["items"]] == [
        ("COL-USA", 4, 3), ("COL-VEN", 1, 1)]
    assert data["items"][0]["directions"] == {"COL>USA": 1, "USA>COL": 3}
    assert data["items"][0]["first_date"] == "2025-01-26" and data["items"][0]["last_date"] == "2025-03-03"


def test_overview_and_dyad_twins(client, corpus):
    overview = ok(client, "/api/overview")
    assert overview["documents"]["total"] == 3
    assert overview["documents"]["by_status"] == {"rejected": 1, "stored": 3}
    assert overview["events"] == 5 and overview["rejections"][0]["source_path"] == "corpus/empty.html"
    assert overview["dyads"] == ok(client, "/api/dyads")["items"]
    dyad = ok(client, "/api/dyad/USA-COL")
    assert dyad["index"] == ok(client, "/api/index?dyad=USA-COL")
    assert dyad["timeline"] == ok(client, "/api/timeline?dyad=USA-COL")["items"]
    assert dyad["contradictions"] == ok(client, "/api/contradictions?dyad=USA-COL")["items"]


def test_openapi_documents_every_endpoint_with_typed_parameters(client):
    spec = ok(client, "/openapi.json")
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/events", "/api/timeline", "/api/index",
                 "/api/contradictions", "/api/quotes", "/api/claims", "/api/dyads", "/api/overview"):
        assert path in spec["paths"], path
    params = {p["name"]: p for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"dyad", "since", "until", "type", "limit", "offset"} <= set(params)
    assert params["limit"]["schema"]["type"] == "integer"
    assert not any(path in spec["paths"] for path in ("/", "/events", "/dyad/{dyad}"))


def test_missing_database_is_503_not_a_crash(tmp_path):
    with TestClient(create_app(tmp_path / "none.duckdb")) as missing:
        response = missing.get("/api/events")
        assert response.status_code == 503 and "run `detente ingest` first" in response.json()["detail"]
        page = missing.get("/")
        assert page.status_code == 503 and "detente ingest" in page.text


# --- dashboard pages ------------------------------------------------------------------------

def test_overview_page_lists_dyads_documents_rejections_and_links_its_twin(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert 'href="/dyad/COL-USA"' in html and 'href="/dyad/COL-VEN"' in html
    assert 'href="/api/overview"' in html
    assert "corpus/empty.html" in html and "no article text: 3 words" in html


def test_dyad_page_has_chart_timeline_contradictions_and_its_twin(client, corpus):
    html = client.get("/dyad/USA-COL").text
    chart = re.search(r'<figure class="chart"><svg.*?</svg></figure>', html, re.S).group(0)
    assert "Conflict–cooperation index, USA–COL, per month" in chart
    assert "2025-01" in chart and "2025-03" in chart and chart.count("<circle") >= 3
    assert 'href="#tp-1"' in chart and 'id="tp-1"' in html  # turning points marked and listed
    assert 'href="/api/dyad/USA-COL"' in html
    assert "Washington imposed 25% tariffs on Colombia" in html  # timeline evidence
    assert "Officials said the tariff had reached 50% before the deal." in html  # contradiction
    b = corpus["b"].doc_id
    evidence = corpus["events"]["b"][0].evidence
    assert f'href="/documents/{b}?start={evidence.start}&amp;end={evidence.end}#selected"' in html
    assert client.get("/dyad/USA-COL?freq=week").status_code == 200
    assert client.get("/dyad/USA").status_code == 422


def test_events_page_shows_evidence_and_links_to_the_sentence(client, corpus):
    html = client.get("/events?dyad=USA-COL&type=SANCTION").text
    assert 'href="/api/events?dyad=USA-COL&amp;type=SANCTION"' in html
    for key in "ab":
        e = corpus["events"][key][0]
        assert e.evidence.text.split(",")[0] in html
        assert f"/documents/{e.doc_id}?start={e.evidence.start}&amp;end={e.evidence.end}#selected" in html
    assert "Caracas threatened" not in html
    paged = client.get("/events?limit=2").text
    assert "1–2 of 5" in paged and 'rel="next"' in paged and "offset=2" in paged
    empty_fields = client.get("/events?dyad=&since=&until=&type=THREATEN")  # the filter form, mostly blank
    assert empty_fields.status_code == 200 and "Caracas threatened" in empty_fields.text
    assert ok(client, "/api/events?dyad=&type=")["total"] == 5
    bad = client.get("/events?since=soon")
    assert bad.status_code == 422 and "since" in bad.text


def test_document_page_highlights_evidence_and_escapes_article_content(client, corpus):
    c = corpus["c"]
    threat = corpus["events"]["c"][1]
    response = client.get(f"/documents/{c.doc_id}?start={threat.evidence.start}&end={threat.evidence.end}")
    assert response.status_code == 200
    html = response.text
    assert 'href="/api/documents/' + c.doc_id + '"' in html
    marks = re.findall(r'<mark class="evidence( selected)?" data-events="([^"]*)"[^>]*>(.*?)</mark>', html, re.S)
    assert {m[1] for m in marks} >= {e.event_id for e in corpus["events"]["c"]}
    selected = "".join(text for sel, _, text in marks if sel)
    assert selected.startswith("Caracas threatened Colombia over &lt;script&gt;alert(")
    assert "<script>alert" not in html and "&amp; drones" in html
    assert "Deal &lt;b&gt;reached&lt;/b&gt;" in html
    assert 'id="selected"' in html
    assert 'href="https://' not in html  # c has no URL


def test_document_links_only_web_urls(tmp_path):
    db = tmp_path / "urls.duckdb"
    good = make_article(article_text(31), url="https://news.example/x?a=1&b=2")
    bad = make_article(article_text(32), source_path="b.txt", url="javascript:alert(1)")
    with Store(db) as store:
        store.write(make_processed(good), "good")
        store.write(make_processed(bad), "bad")
    with TestClient(create_app(db)) as urls:
        assert 'href="https://news.example/x?a=1&amp;b=2"' in urls.get(f"/documents/{good.doc_id}").text
        page = urls.get(f"/documents/{bad.doc_id}").text
        assert 'href="javascript:' not in page and "<code>javascript:alert(1)</code>" in page


def test_document_page_rejects_offsets_outside_the_text(client, corpus):
    doc = corpus["a"].doc_id
    assert client.get(f"/documents/{doc}?start=10&end=5").status_code == 422
    assert client.get(f"/documents/{doc}?start=999999&end=1000000").status_code == 422
    assert client.get(f"/documents/{doc}?start=-1&end=5").status_code == 422


def test_a_pair_without_events_is_404_naming_the_pairs_that_have_some(client):
    page = client.get("/dyad/FRA-DEU")
    assert page.status_code == 404  # a message, not an empty chart
    assert "no stored event connects FRA and DEU" in page.text and "COL-USA" in page.text
    assert '<figure class="chart">' not in page.text
    api = client.get("/api/dyad/FRA-DEU")
    assert api.status_code == 404 and "no stored event connects" in api.json()["detail"]
    assert client.get("/dyad/USA-COL?since=2030").status_code == 200  # a known pair, an empty period


def test_briefing_page_and_its_json_twin(client, corpus):
    page = client.get("/brief?dyad=usa-col")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["link"] == '</api/brief?dyad=usa-col>; rel="alternate"; type="application/json"'
    assert "Washington imposed 25% tariffs on Colombia" in page.text
    assert "<b>reached" not in page.text and "<script>alert" not in page.text
    data = ok(client, "/api/brief?dyad=usa-col")
    assert data["dyad"] == "USA-COL" and data["dyad_note"] is None and data["freq"] == "month"
    timeline = {s["story_id"]: s for s in ok(client, "/api/timeline?dyad=USA-COL")["items"]}
    assert data["stories"] and all(timeline[s["story_id"]] == s for s in data["stories"])
    assert {a["doc_id"] for a in data["articles"]} == {corpus[k].doc_id for k in "abc"}
    assert any(e["text"].startswith("Washington imposed") for e in data["evidence"])
    chosen = ok(client, "/api/brief")
    assert chosen["dyad"] == "COL-USA" and "most story events" in chosen["dyad_note"]
    assert client.get("/api/brief?dyad=USA").status_code == 422


def test_briefing_without_any_pair_is_404(tmp_path):
    db = tmp_path / "empty.duckdb"
    with Store(db) as store:
        store.write(make_processed(make_article(article_text(3))), "key")
    with TestClient(create_app(db)) as empty:
        response = empty.get("/api/brief")
        assert response.status_code == 404 and "nothing to brief on" in response.json()["detail"]
        assert empty.get("/brief").status_code == 404
        assert ok(empty, "/api/overview")["dyads"] == []
        assert "No events between two countries yet" in empty.get("/").text


# --- the dev articles through the real pipeline -------------------------------------------------

@pytest.fixture(scope="module")
def dev_client(tmp_path_factory, dev_corpus, cli):
    db = tmp_path_factory.mktemp("dev") / "dev.duckdb"
    result = cli("ingest", dev_corpus, "--db", db)
    assert result.exit_code == 0, result.output
    with TestClient(create_app(db)) as test_client:
        yield test_client


def test_dev_articles_ingested_by_the_cli_are_served(dev_client):
    overview = ok(dev_client, "/api/overview")
    assert overview["documents"]["total"] == 3
    top = overview["dyads"][0]
    assert top["dyad"] == "COL-USA" and top["n_articles"] == 3 and top["n_events"] >= 10
    events = ok(dev_client, "/api/events?dyad=USA-COL&limit=1000")["items"]
    assert len(events) == top["n_events"]
    texts = {}
    for record in events:  # the API's offsets point at the evidence in the API's text
        if record["doc_id"] not in texts:
            texts[record["doc_id"]] = ok(dev_client, f"/api/documents/{record['doc_id']}")["text"]
        evidence = record["evidence"]
        assert texts[record["doc_id"]][evidence["start"]:evidence["end"]] == evidence["text"]
    first = events[0]
    page = dev_client.get(f"/documents/{first['doc_id']}?start={first['evidence']['start']}"
                          f"&end={first['evidence']['end']}")
    assert page.status_code == 200 and 'class="evidence selected"' in page.text
    dyad_page = dev_client.get("/dyad/COL-USA")
    assert dyad_page.status_code == 200 and '<figure class="chart"><svg' in dyad_page.text
    assert dev_client.get("/brief?dyad=COL-USA").status_code == 200
    index = ok(dev_client, "/api/index?dyad=COL-USA&freq=year")
    assert index["freq"] == "year" and all(len(r["period"]) == 4 for r in index["rows"])


def test_index_defaults_to_years_when_nothing_is_dated_to_the_month(tmp_path):
    from builders import make_event

    db = tmp_path / "years.duckdb"
    article = make_article(article_text(21))
    with Store(db) as store:
        store.write(make_processed(article, [make_event(article.doc_id, 0, date="2024", date_precision="year"),
                                             make_event(article.doc_id, 1, date="2025", date_precision="year",
                                                        event_type="AGREE", mode=None, cameo_root="03",
                                                        quad_class=1, intensity=4.0)]), "key")
    with TestClient(create_app(db)) as years:
        index = ok(years, "/api/index?dyad=USA-COL")
        assert index["freq"] == "year"
        assert [r["period"] for r in index["rows"] if r["direction"] == "USA-COL"] == ["2024", "2025"]
        # asked per month, a story dated only to its year is spread over the year's months, with
        # its uncertainty (n_spread), never dropped and never pinned to one month
        monthly = ok(years, "/api/index?dyad=USA-COL&freq=month")
        months = sorted({r["period"] for r in monthly["rows"]})
        assert months == [f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)]
        assert monthly["n_unindexed"] == 0 and all(r["n_spread"] >= 1 for r in monthly["rows"] if r["n_events"])
        assert "per year" in years.get("/dyad/USA-COL").text


def test_serve_refuses_a_missing_database_with_the_reason(cli, tmp_path):
    result = cli("serve", "--db", tmp_path / "none.duckdb")
    assert result.exit_code == 2
    assert "no detente database" in result.output and "detente ingest" in result.output


def test_a_writer_holding_the_file_gives_503_then_the_app_reads_again(corpus, tmp_path):
    import shutil
    import subprocess
    import sys

    db = tmp_path / "busy.duckdb"
    shutil.copy(corpus["db"], db)
    with TestClient(create_app(db)) as busy:
        assert ok(busy, "/api/events")["total"] == 5
        writer = subprocess.Popen(
            [sys.executable, "-c", "import sys; from detente.store import Store; s = Store(sys.argv[1]); "
             "print('ready', flush=True); sys.stdin.read(); s.close()", str(db)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert writer.stdout.readline().strip() == "ready"
            response = busy.get("/api/events")
            assert response.status_code == 503
            assert "in use by another process" in response.json()["detail"]
        finally:
            writer.stdin.close()
            writer.wait(timeout=30)
        assert ok(busy, "/api/events")["total"] == 5


def test_an_ambiguous_doc_id_prefix_is_409_naming_the_matches(tmp_path):
    db = tmp_path / "prefix.duckdb"
    with Store(db) as store:
        store.write(make_processed(make_article(article_text(41), doc_id="abcd000000000001")), "one")
        store.write(make_processed(make_article(article_text(42), source_path="b.txt",
                                                doc_id="abcd000000000002")), "two")
    with TestClient(create_app(db)) as prefixes:
        response = prefixes.get("/api/documents/abcd")
        assert response.status_code == 409
        assert "abcd000000000001" in response.json()["detail"] and "abcd000000000002" in response.json()["detail"]
        assert ok(prefixes, "/api/documents/abcd000000000002")["doc_id"] == "abcd000000000002"
