"""Reading the common export formats: trafilatura --json, news-please, GDELT-style rows and
crawl-time fields, through the one table of accepted fields (detente/data/input_fields.yaml)."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest
from builders import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.clean import clean
from detente.config import Settings
from detente.read import input_fields, iter_raw, parse_jsonl_line, record_fields, record_to_raw

STORY = ("Chile imposed a 15 percent duty on cement and fishmeal from Peru on Monday, retaliating for a "
         "Peruvian tariff on Chilean fruit that has soured relations between the two neighbours.")
DOCS = REPO / "docs" / "inputs.md"


def _read(*paths, **overrides):
    return list(iter_raw([str(p) for p in paths], Settings(**overrides)))


def _news_please() -> dict:
    """The fields news-please writes for one article (its JSON file storage)."""
    return {
        "authors": ["Ana Ruiz"], "date_download": "2025-03-20 08:00:00", "date_modify": None,
        "date_publish": "2025-03-18 10:31:00", "description": "Chile imposed a duty.",
        "filename": "https%3A%2F%2Fwww.pacific-ledger.example.test%2Fa.json", "image_url": None,
        "language": "en", "localpath": None, "maintext": STORY,
        "source_domain": "www.pacific-ledger.example.test", "text": None, "title": "Chile retaliates",
        "title_page": None, "title_rss": None, "url": "https://www.pacific-ledger.example.test/a",
    }


def _trafilatura_json() -> dict:
    """A record written by trafilatura itself (`extract(..., output_format="json")`)."""
    import trafilatura

    html = ("<html><head><title>Chile retaliates</title>"
            '<meta property="og:site_name" content="Pacific Ledger">'
            '<link rel="canonical" href="https://www.pacific-ledger.example.test/americas/a">'
            '<meta name="date" content="2025-03-18"></head>'
            f"<body><article><p>{STORY}</p><p>{STORY}</p></article></body></html>")
    return json.loads(trafilatura.extract(html, output_format="json", with_metadata=True))


def test_news_please_file_is_read_not_rejected(tmp_path):
    path = tmp_path / "a1b2c3.json"
    path.write_text(json.dumps(_news_please(), indent=4))  # pretty-printed: one object, many lines
    (raw,) = _read(path)
    assert raw.error is None and raw.text == STORY and raw.source_path == str(path)
    assert (raw.url, raw.title, raw.published, raw.crawled, raw.outlet) == (
        "https://www.pacific-ledger.example.test/a", "Chile retaliates", "2025-03-18 10:31:00",
        "2025-03-20 08:00:00", "www.pacific-ledger.example.test")
    article = clean(raw, Settings())
    assert (article.status, article.published, article.published_method) == ("stored", "2025-03-18", "metadata")
    assert article.outlet == "pacific-ledger.example.test"


def test_news_please_lines_and_a_folder_of_json_files(tmp_path):
    (tmp_path / "feed.jsonl").write_text(json.dumps(_news_please()) + "\n")
    (tmp_path / "one.json").write_text(json.dumps(_news_please()))
    (tmp_path / "many.json").write_text(json.dumps([_news_please(), _news_please(), "not an object"]))
    raws = {Path(r.source_path).name: r for r in _read(tmp_path)}
    assert set(raws) == {"feed.jsonl#L1", "many.json#item-1", "many.json#item-2", "many.json#item-3", "one.json"}
    assert all(raws[k].text == STORY for k in raws if k != "many.json#item-3")
    assert raws["many.json#item-3"].error == "not a JSON object but a str"


def test_trafilatura_json_fields(tmp_path):
    record = _trafilatura_json()
    assert record["source-hostname"] == "Pacific Ledger" and record["hostname"]  # the format as written
    path = tmp_path / "traf.jsonl"
    path.write_text(json.dumps(record) + "\n")
    (raw,) = _read(path)
    assert raw.error is None and STORY in raw.text
    assert (raw.url, raw.published, raw.outlet) == (
        "https://www.pacific-ledger.example.test/americas/a", "2025-03-18", "Pacific Ledger")
    assert raw.crawled == record["filedate"]  # the day trafilatura processed it: an upper bound
    article = clean(raw, Settings())
    assert article.outlet == "pacific-ledger.example.test"  # site name and host of one record: one outlet


def test_trafilatura_raw_text_alone_is_enough():
    raw = parse_jsonl_line(json.dumps({"raw_text": STORY, "source": "https://x.example.org/a"}), "t.jsonl#L1")
    assert raw.text == STORY and raw.url == "https://x.example.org/a"


def test_gdelt_style_rows():
    row = {"GLOBALEVENTID": 1234567, "DATE": 20250126103000, "DATEADDED": 20250127090000,
           "SOURCEURL": "https://www.pacific-ledger.example.test/a", "SourceCommonName": "pacific-ledger.example.test",
           "text": STORY}
    raw = parse_jsonl_line(json.dumps(row), "g.jsonl#L1")
    assert (raw.external_id, raw.published, raw.crawled, raw.url, raw.outlet) == (
        "1234567", "20250126103000", "20250127090000", "https://www.pacific-ledger.example.test/a",
        "pacific-ledger.example.test")
    article = clean(raw, Settings())
    assert (article.published, article.published_method) == ("2025-01-26", "metadata")


def test_crawl_fields_of_a_crawler():
    for key in ("crawled", "date_crawled"):
        raw = parse_jsonl_line(json.dumps({"text": STORY, key: "2025-01-26T10:00:00Z"}), "c.jsonl#L1")
        assert raw.crawled == "2025-01-26T10:00:00Z"


def test_a_source_that_is_not_a_url_is_not_the_url():
    raw = parse_jsonl_line(json.dumps({"text": STORY, "source": {"id": None, "name": "BBC News"},
                                       "link": "https://bbc.example.org/1"}), "n.jsonl#L1")
    assert raw.url == "https://bbc.example.org/1"
    raw = parse_jsonl_line(json.dumps({"text": STORY, "source": "Reuters"}), "n.jsonl#L1")
    assert raw.url is None


def test_detente_own_fields_still_win():
    raw = parse_jsonl_line(json.dumps({"text": STORY, "maintext": "other", "published": "2025-02-03",
                                       "date": "2020-01-01", "outlet": "Nordic Wire", "sitename": "Other"}),
                           "d.jsonl#L1")
    assert (raw.text, raw.published, raw.outlet) == (STORY, "2025-02-03", "Nordic Wire")


def test_record_without_text_names_the_accepted_fields():
    record = _news_please() | {"maintext": None}
    raw = record_to_raw(record, "x.json", 10)
    assert raw.error.startswith("JSON record has no article text") and "'maintext'" in raw.error


def test_keys_match_case_insensitively():
    assert record_fields({"SOURCEURL": "https://a.example.org/x", "Title": "T"}) == {
        "url": "https://a.example.org/x", "title": "T"}


def test_stdin_pretty_printed_json_is_one_record(monkeypatch):
    payload = json.dumps(_news_please(), indent=2).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload)))
    (raw,) = _read("-")
    assert raw.error is None and raw.text == STORY and raw.crawled == "2025-03-20 08:00:00"


def test_broken_and_empty_json_files_are_reported(tmp_path):
    (tmp_path / "broken.json").write_text('{"maintext": "unterminated')
    (tmp_path / "empty.json").write_text("[]")
    raws = {Path(r.source_path).name: r.error for r in _read(tmp_path)}
    assert raws["broken.json"].startswith("not JSON")
    assert raws["empty.json"] == "JSON file holds an empty array (no articles)"


def test_too_large_json_file_says_to_use_jsonl(tmp_path):
    (tmp_path / "big.json").write_text(json.dumps([{"text": STORY}] * 50))
    (raw,) = _read(tmp_path / "big.json", max_bytes=1000)
    assert raw.error.startswith("JSON file too large") and ".jsonl" in raw.error


def test_docs_list_every_accepted_field():
    """docs/inputs.md renders the field table: every key of input_fields.yaml is in it."""
    text = DOCS.read_text(encoding="utf-8")
    table = text[text.index("## Accepted fields"):]
    documented = {m.lower() for m in re.findall(r"`([^`]+)`", table)}
    for name, keys in input_fields().items():
        assert name in documented, name
        for key in keys:
            assert key in documented, (name, key)


# --- untrusted input ------------------------------------------------------------------------------

_KEYS = st.sampled_from([k for keys in input_fields().values() for k in keys] + ["x", "authors", "SOURCEURL"])
_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=40),
                    st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=3), st.text(max_size=3),
                                                                              max_size=2))


@given(st.dictionaries(_KEYS, _VALUES, max_size=8))
@settings(max_examples=300, deadline=None)
def test_any_record_maps_to_strings_or_an_error(record):
    raw = record_to_raw(record, "p.jsonl#L1", 1)
    for name in ("text", "html", "url", "title", "published", "crawled", "outlet", "external_id"):
        value = getattr(raw, name)
        assert value is None or isinstance(value, str)
    assert raw.url is None or raw.url.lower().startswith(("http://", "https://"))
    assert raw.error is not None or (raw.text or raw.html or "").strip()


@given(st.binary(max_size=1500))
@settings(max_examples=150, deadline=None)
def test_reading_arbitrary_json_files_never_raises(data):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.json"
        path.write_bytes(data)
        for raw in iter_raw([str(path)], Settings(max_bytes=1200)):
            assert raw.source_path.startswith(str(path))
            assert raw.error or raw.text is not None or raw.html is not None


@pytest.mark.parametrize("value", [json.dumps({"text": STORY, "DATE": float("nan")}).replace("NaN", "NaN")])
def test_non_finite_numbers_are_not_dates(value):
    raw = parse_jsonl_line(value, "n.jsonl#L1")
    assert raw.published is None and raw.text == STORY


@pytest.mark.parametrize("payload,text", [
    (b"{This is a text that happens to open with a brace, not JSON at all.}\n", True),
    (b"[1] A footnote opens this text.\n", True),
    (json.dumps([{"maintext": STORY}], indent=2).encode(), False),
])
def test_stdin_sniffing_tells_json_from_text_that_opens_with_a_bracket(monkeypatch, payload, text):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload)))
    (raw,) = _read("-")
    assert raw.error is None
    assert (raw.data == payload) if text else (raw.text == STORY and raw.source_path == "<stdin>#item-1")
