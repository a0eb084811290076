"""The dashboard's lists as Datasette keeps them: facets with counts, sortable columns, search
over the evidence, CSV beside JSON, a page per event and per story event, an unknown pair as a
404, API docs served offline — through FastAPI's test client over builders.build_corpus's store."""

from __future__ import annotations

import csv
import io
import re


def ok(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.text)
    return response


def facet(client, url: str, name: str) -> dict:
    facets = {f["name"]: f for f in ok(client, url).json()["facets"]}
    return {v["value"]: v["count"] for v in facets[name]["values"]}


def test_facets_count_type_actor_outlet_and_month(client):
    assert facet(client, "/api/events/facets", "type") == {"SANCTION": 2, "ACCUSE": 1, "AGREE": 1, "THREATEN": 1}
    assert facet(client, "/api/events/facets", "actor") == {"USAGOV": 3, "COLGOV": 1, "VENGOV": 1}
    assert facet(client, "/api/events/facets", "outlet") == {"Wire One": 2, "Third Post": 2, "Daily Two": 1}
    assert facet(client, "/api/events/facets", "month") == {"2025-01": 3, "2025-03": 2}
    assert facet(client, "/api/events/facets?type=SANCTION", "outlet") == {"Wire One": 1, "Daily Two": 1}


def test_facet_values_are_filters_that_give_the_counted_events(client):
    for name, param in (("actor", "actor"), ("outlet", "outlet"), ("month", "month"), ("type", "type")):
        for value, count in facet(client, "/api/events/facets", name).items():
            listed = ok(client, f"/api/events?{param}={value}").json()
            assert listed["total"] == count, (name, value)


def test_events_page_shows_facets_that_link_to_their_filter(client):
    html = ok(client, "/events").text
    section = re.search(r'<section class="facets".*?</section>', html, re.S).group(0)
    assert 'href="/events?actor=USAGOV"' in section and ">3<" in section
    assert 'href="/events?month=2025-03"' in section
    chosen = ok(client, "/events?actor=USAGOV").text
    assert 'class="chip" href="/events"' in chosen  # the filter can be removed
    assert chosen.count('<tr id="event-') == 3


def test_sorting_by_a_column_both_ways(client):
    by_date = [e["date"] for e in ok(client, "/api/events?sort=date").json()["items"]]
    assert by_date == sorted(by_date)
    descending = [e["intensity"] for e in ok(client, "/api/events?sort=-intensity").json()["items"]]
    assert descending == sorted(descending, reverse=True)
    paged = ok(client, "/api/events?sort=-date&limit=2&offset=2").json()
    assert paged["total"] == 5 and [e["date"] for e in paged["items"]] == sorted(by_date, reverse=True)[2:4]
    html = ok(client, "/events?sort=date").text
    assert 'href="/events?sort=-date"' in html and "Date ▲" in html  # the header sorts the other way next
    assert client.get("/api/events?sort=colour").status_code == 422


def test_search_over_the_evidence_sentences(client, corpus):
    found = ok(client, "/api/events?q=deportation").json()["items"]
    assert [e["event_id"] for e in found] == [corpus["events"]["a"][0].event_id, corpus["events"]["c"][0].event_id]
    assert ok(client, "/api/events?q=TARIFF slapped").json()["total"] == 1  # every word, any case
    assert ok(client, "/api/events?q=100%").json()["total"] == 0  # % is a character, not a wildcard
    assert "Caracas threatened" in ok(client, "/events?q=drones").text


def test_every_list_has_csv_beside_json(client):
    for url in ("/api/events", "/api/documents", "/api/timeline", "/api/contradictions", "/api/dyads",
                "/api/quotes", "/api/claims", "/api/rejections", "/api/alerts"):
        response = ok(client, url + "?format=csv")
        assert response.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert len(rows) == ok(client, url).json()["total"] or len(rows) == ok(client, url).json()["limit"], url
    events = list(csv.DictReader(io.StringIO(ok(client, "/api/events?format=csv&type=SANCTION").text)))
    assert [r["actor.code"] for r in events] == ["USAGOV", "USAGOV"]
    index = list(csv.DictReader(io.StringIO(ok(client, "/api/index?dyad=USA-COL&format=csv").text)))
    assert {r["period"] for r in index} == {"2025-01", "2025-02", "2025-03"}
    for page in ("/events?type=SANCTION", "/documents", "/", "/dyad/USA-COL"):
        html = ok(client, page).text
        assert 'class="csv-link"' in html and "format=csv" in html, page
    html = ok(client, "/events?type=SANCTION&q=tariff").text
    export = re.search(r'class="export-link" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert export.startswith("/api/export/events?") and "q=tariff" in export
    assert len(list(csv.DictReader(io.StringIO(ok(client, export).text)))) == 2


def test_event_permalink_says_which_event_the_highlighted_sentence_belongs_to(client, corpus):
    event = corpus["events"]["b"][0]
    data = ok(client, f"/api/events/{event.event_id}").json()
    assert data["event"]["event_id"] == event.event_id
    story = data["story"]
    assert story["n_articles"] == 2 and event.event_id in {m["event_id"] for m in story["mentions"]}
    html = ok(client, f"/events/{event.event_id}").text
    assert "The highlighted sentence is the evidence of <strong>this event</strong>" in html
    assert '<mark class="evidence selected" id="selected"' in html
    assert event.evidence.text in html and f'href="/stories/{story["story_id"]}"' in html
    assert client.get("/events/nope").status_code == 404
    assert "no event with event_id" in client.get("/api/events/nope").json()["detail"]


def test_story_permalink_lists_every_mention_and_its_event(client, corpus):
    tariff = next(s for s in ok(client, "/api/timeline?dyad=USA-COL").json()["items"] if s["event_type"] == "SANCTION")
    assert ok(client, f"/api/stories/{tariff['story_id']}").json() == tariff
    html = ok(client, f"/stories/{tariff['story_id']}").text
    for key in "ab":
        e = corpus["events"][key][0]
        assert f'href="/events/{e.event_id}"' in html and e.evidence.text.split(",")[0] in html
    assert html.count("This sentence is the evidence of event") == 2
    assert client.get("/stories/nope").status_code == 404
    dyad = ok(client, "/dyad/USA-COL").text
    assert f'href="/stories/{tariff["story_id"]}"' in dyad


def test_document_page_names_the_events_of_the_highlighted_sentence(client, corpus):
    event = corpus["events"]["c"][1]
    html = ok(client, f"/documents/{event.doc_id}?start={event.evidence.start}&end={event.evidence.end}").text
    banner = re.search(r'<p class="belongs">(.*?)</p>', html, re.S).group(1)
    assert f'href="/events/{event.event_id}"' in banner and "THREATEN" in banner
    assert corpus["events"]["c"][0].event_id not in banner


def test_contradictions_show_every_source_of_one_disagreement(client):
    html = ok(client, "/dyad/USA-COL").text
    section = re.search(r'<section id="contradictions">.*?</section>', html, re.S).group(0)
    assert section.count('<tr id="contradiction-') == 2
    assert "2025-01-26 vs 2025-01-27" in section and "25% vs 50%" in section


def test_the_first_period_is_a_level_not_an_escalation_from_zero(client):
    index = ok(client, "/api/index?dyad=USA-COL").json()
    first = [p for p in index["turning_points"] if p["previous"] is None]
    assert first, "the fixture's first period is a turning point"
    html = ok(client, "/dyad/USA-COL").text
    listed = re.search(r'<ul class="turning-points">.*?</ul>', html, re.S).group(0)
    opening = next(li for li in re.findall(r"<li.*?</li>", listed, re.S) if first[0]["period"] in li)
    assert "the series opens here" in opening and "escalation" not in opening and "from 0.0" not in opening
    chart = re.search(r'<figure class="chart">.*?</figure>', html, re.S).group(0)
    assert f"series opens {first[0]['period']}" in chart and "escalation " + first[0]["period"] not in chart


def test_dyad_page_draws_a_chart_for_small_screens_too(client):
    html = ok(client, "/dyad/USA-COL").text
    small = re.search(r'<figure class="chart-small"[^>]*><svg[^>]*viewBox="0 0 (\d+) (\d+)"', html)
    assert small and int(small.group(1)) <= 400
    assert "Index USA–COL, per month" in html


def test_api_docs_are_served_offline_from_the_openapi_description(client):
    html = ok(client, "/docs").text
    assert not re.search(r'(src|href)="(https?:)?//', html)  # no CDN, no outside link
    spec = ok(client, "/openapi.json").json()
    for path in spec["paths"]:
        assert f"<code class=\"path\">{path}</code>" in html, path
    assert 'data-path="/api/dyad/{dyad}"' in html and 'name="dyad"' in html  # try-it forms
    assert client.get("/redoc").status_code == 404


def test_the_briefing_opens_the_series_instead_of_escalating_from_zero(client):
    html = ok(client, "/brief?dyad=USA-COL").text
    index = ok(client, "/api/index?dyad=USA-COL").json()
    first = next(p for p in index["turning_points"] if p["previous"] is None)
    item = re.search(r'<li id="tp-\d+">(.*?)</li>', html, re.S)
    points = re.findall(r'<li id="tp-\d+">(.*?)</li>', html, re.S)
    opening = next(p for p in points if first["period"] in p)
    assert item and "Opening level" in opening and "Escalation" not in opening and "+0.0 →" not in opening
