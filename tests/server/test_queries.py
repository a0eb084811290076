"""detente.queries: one query layer, so the CLI, the API and the dashboard give the same answer,
refuse the same wrong filters (exit 2 / 422 with a `detail` array) and page in SQL."""

from __future__ import annotations

import html
import json
import re

import pytest

from detente import queries
from detente.store import Store


def _jsonl(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


QUESTIONS = [
    {"dyad": "USA>COL", "since": "2025-01-27", "until": "2025-03"},
    {"dyad": "USA-COL", "since": "2025-01", "until": "2025-01"},
    {"dyad": "COL>USA"},
    {"dyad": "colombia-united states", "since": "2025-02"},
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_cli_api_and_dashboard_give_the_same_answer(cli, client, corpus, question):
    args = [f"--{k}={v}" for k, v in question.items()]
    query = "&".join(f"{k}={v}" for k, v in question.items())
    db = corpus["db"]

    cli_timeline = _jsonl(cli("timeline", "--db", db, "--format", "jsonl", *args))
    api_timeline = client.get(f"/api/timeline?{query}&limit=1000").json()["items"]
    assert cli_timeline == api_timeline

    cli_index = _jsonl(cli("index", "--db", db, "--format", "jsonl", *args))
    api_index = client.get(f"/api/index?{query}").json()
    assert [r for r in cli_index if r.pop("record") == "period"] == api_index["rows"]
    assert [r for r in cli_index if "kind" in r] == api_index["turning_points"]

    cli_found = _jsonl(cli("contradictions", "--db", db, "--format", "jsonl", *args))
    api_found = client.get(f"/api/contradictions?{query}&limit=1000").json()["items"]
    assert cli_found == api_found

    dyad = question["dyad"]
    rest = "&".join(f"{k}={v}" for k, v in question.items() if k != "dyad")
    twin = client.get(f"/api/dyad/{dyad}?{rest}").json()
    assert twin["timeline"] == api_timeline and twin["contradictions"] == api_found
    assert twin["index"] == api_index
    page = client.get(f"/dyad/{dyad}?{rest}")
    assert page.status_code == 200, page.text
    shown = html.unescape(page.text)
    assert re.findall(r'<tr id="story-([^"]+)"', shown) == [s["story_id"] for s in api_timeline]
    assert re.findall(r'<tr id="contradiction-([^"]+)"', shown) == [c["contradiction_id"] for c in api_found]
    rows = re.findall(r'<tr class="index-row" data-period="([^"]+)" data-direction="([^"]+)">'
                      r'<td[^>]*>[^<]*</td><td[^>]*>[^<]*</td><td class="num"[^>]*>([^<]+)</td>', shown)
    assert rows == [(r["period"], r["direction"], "n/a" if r["score"] is None else str(r["score"]))
                    for r in api_index["rows"]]


def test_a_directed_dyad_and_a_period_narrow_the_answer(client):
    everything = client.get("/api/timeline?dyad=USA-COL").json()["items"]
    directed = client.get("/api/timeline?dyad=USA>COL&since=2025-01-27").json()["items"]
    assert directed and len(directed) < len(everything)
    assert all(s["actor"]["country"] == "USA" and s["date"] >= "2025-01-27" for s in directed)
    # the server used to ignore since/until for contradictions: the January date dispute is
    # outside a March window
    assert client.get("/api/contradictions?dyad=USA-COL&since=2025-03").json()["total"] == 0
    assert client.get("/api/contradictions?dyad=USA-COL").json()["total"] == 2


BAD = [
    ("dyad", "Narnia-COL", "unknown country 'Narnia'"),
    ("dyad", "colmbia", "did you mean COL"),
    ("type", "SANCTIONS", "did you mean SANCTION"),
    ("since", "yesterday", "is not a date"),
    ("until", "2025-02-30", "is not a date"),
    ("outlet", "Nowhere Times", "no document from outlet"),
]


@pytest.mark.parametrize("param, value, fragment", BAD)
def test_a_wrong_filter_is_one_line_and_exit_2_in_the_cli(cli, corpus, param, value, fragment):
    result = cli("events", "--db", corpus["db"], f"--{param}", value)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0] and lines[0].startswith("detente: ")
    assert result.stdout == ""


@pytest.mark.parametrize("param, value, fragment", BAD)
def test_a_wrong_filter_is_a_422_with_a_detail_array_in_the_api(client, param, value, fragment):
    response = client.get("/api/events", params={param: value})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, list) and detail[0]["loc"] == ["query", param]
    assert fragment in detail[0]["msg"]


@pytest.mark.parametrize("command", [
    ("timeline", "--dyad", "Narnia-COL"), ("index", "--dyad", "US-Narnia"),
    ("contradictions", "--since", "yesterday"), ("brief", "--dyad", "colmbia", "--out", "x.html"),
    ("timeline", "--type", "BOMBARD"), ("index", "--dyad", "USA-COL", "--freq", "day"),
    ("events", "--dyad", "USA"), ("contradictions", "--dyad", "USA-COL", "--until", "2024", "--since", "2025"),
])
def test_every_insight_command_refuses_wrong_filters_with_exit_2(cli, corpus, tmp_path, command):
    if command == ("events", "--dyad", "USA"):  # one country is a valid events filter
        assert cli(*command, "--db", corpus["db"]).exit_code == 0
        return
    result = cli(*command, "--db", corpus["db"])
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("url", ["/api/timeline?dyad=Narnia-COL", "/api/index?dyad=USA-COL&since=soon",
                                 "/api/contradictions?dyad=colmbia", "/api/dyad/Narnia-COL",
                                 "/api/brief?dyad=USA-Narnia", "/api/timeline?type=BOMBARD"])
def test_every_endpoint_refuses_wrong_filters_with_422(client, url):
    response = client.get(url)
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], list) and response.json()["detail"][0]["msg"]


def test_pages_are_sliced_in_sql_with_a_capped_limit(corpus):
    with Store(corpus["db"], read_only=True) as store:
        every = [e["event_id"] for e in store.events()]
        page = queries.events(store, limit=2, offset=1)
        assert [e["event_id"] for e in page.items] == every[1:3]
        assert page.total == len(every) and page.next_offset == 3
        assert queries.events(store, dyad="VEN", limit=10).total == 1
        with pytest.raises(queries.QueryError, match="limit"):
            queries.events(store, limit=queries.MAX_LIMIT + 1)
        assert [e["event_id"] for e in queries.iter_events(store)] == every


def test_dyad_counts_in_sql_match_the_events(corpus):
    with Store(corpus["db"], read_only=True) as store:
        dyads = {d["dyad"]: d for d in queries.dyads(store).items}
        assert dyads["COL-USA"]["n_events"] == 4
        assert dyads["COL-USA"]["directions"] == {"COL>USA": 1, "USA>COL": 3}
        assert dyads["COL-VEN"]["first_date"] == "2025-03"


def test_answers_are_cached_per_content_version(corpus, tmp_path):
    import shutil

    from builders import article_text, make_article, make_event, make_processed

    db = tmp_path / "grow.duckdb"
    shutil.copy(corpus["db"], db)
    cache = queries.InsightCache()
    with Store(db, read_only=True) as store:
        first = queries.timeline(store, "USA-COL", cache=cache)
        assert queries.timeline(store, "USA-COL", cache=cache).items[0] is first.items[0]  # remembered
    with Store(db) as store:
        article = make_article(article_text(77), source_path="new.txt")
        store.write(make_processed(article, [make_event(article.doc_id, date="2025-05-01")]), "new")
    with Store(db, read_only=True) as store:
        again = queries.timeline(store, "USA-COL", cache=cache)
        assert again.total == first.total + 1


# --- one renderer registry for the CLI and the API --------------------------------------------

@pytest.mark.parametrize("fmt", ["jsonl", "plover", "csv"])
def test_the_api_streams_the_same_export_as_the_cli_prints(cli, client, corpus, fmt):
    result = cli("events", "--db", corpus["db"], "--dyad", "USA-COL", "--format", fmt)
    assert result.exit_code == 0, result.output
    response = client.get(f"/api/export/events?format={fmt}&dyad=USA-COL")
    assert response.status_code == 200
    if fmt == "csv":
        assert response.text.splitlines()[1:] == result.stdout.splitlines()[1:]  # same rows
        assert response.text.splitlines()[0].startswith("event_id,doc_id,")
    else:
        assert response.text == result.stdout
    if fmt == "plover":
        assert {"source", "event", "event_text", "cite_info"} <= set(json.loads(response.text.splitlines()[0]))


def test_export_refuses_what_it_cannot_give(client):
    assert client.get("/api/export/quotes?format=plover").status_code == 422
    assert client.get("/api/export/claims?dyad=USA-COL").status_code == 422
    assert client.get("/api/export/events?dyad=Narnia-COL").status_code == 422
    assert len(client.get("/api/export/documents").text.splitlines()) == 4  # three articles, one rejection


def test_renderers_are_one_registry():
    from detente.present import formats

    assert set(formats.FORMATS) == {"jsonl", "plover", "csv", "md", "table"}
    record = {"event_id": "e", "event_type": "SANCTION", "actor": {"code": "USA"}}
    assert "".join(formats.stream([record], "csv", ["event_id", "actor.code"])) == "event_id,actor.code\r\ne,USA\r\n"
    with pytest.raises(ValueError, match="unknown format"):
        list(formats.stream([record], "table"))


def test_pages_read_through_a_kept_order_equal_the_sql_pages(corpus):
    cache = queries.InsightCache()
    with Store(corpus["db"], read_only=True) as store:
        for filters in ({}, {"dyad": "USA-COL"}, {"event_type": "SANCTION,AGREE"}, {"since": "2025-02"}):
            for limit, offset in ((2, 0), (2, 1), (3, 2), (100, 0), (1, 50)):
                kept = queries.events(store, **filters, limit=limit, offset=offset, cache=cache)
                plain = queries.events(store, **filters, limit=limit, offset=offset)
                assert kept.to_dict() == plain.to_dict(), (filters, limit, offset)
        assert queries.quotes(store, cache=cache).to_dict() == queries.quotes(store).to_dict()
        assert queries.claims(store, cache=cache).to_dict() == queries.claims(store).to_dict()
