"""Stage 1 — read: every kind of source, and every way a source can be broken."""

from __future__ import annotations

import builtins
import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest
from builders import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.config import Settings
from detente.read import iter_raw, parse_jsonl_line, source_key

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\0" * 64
STORY = ("Officials in Hanoi and Vientiane agreed on Monday to open a new border crossing for trucks, "
         "the transport ministries of both countries said in a joint statement.\n")


def _read(*paths, **overrides):
    return list(iter_raw([str(p) for p in paths], Settings(**overrides)))


def test_folder_is_walked_recursively_in_order_and_skips_unknown_extensions(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "inner.md").write_text(STORY)
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "page.htm").write_text(f"<html><body><p>{STORY}</p></body></html>")
    (tmp_path / "notes.csv").write_text("a,b\n")
    (tmp_path / ".hidden.txt").write_text(STORY)
    raws = _read(tmp_path)
    names = [Path(r.source_path).name for r in raws]
    assert names == ["a.txt", "page.htm", "inner.md"]
    assert [r.kind for r in raws] == ["text", "html", "text"]
    assert all(r.error is None and r.data for r in raws)


def test_a_folder_walk_skips_its_readme_and_licence_but_a_named_one_is_read(tmp_path):
    (tmp_path / "story.txt").write_text(STORY)
    (tmp_path / "README.md").write_text("These articles were collected for a class.\n")
    (tmp_path / "LICENSE.txt").write_text("MIT\n")
    assert [Path(r.source_path).name for r in _read(tmp_path)] == ["story.txt"]
    assert [Path(r.source_path).name for r in _read(tmp_path / "README.md")] == ["README.md"]


def test_gzip_is_recognised_by_magic_bytes_not_only_by_name(tmp_path):
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    (tmp_path / "misnamed.txt").write_bytes(gzip.compress(STORY.encode()))
    raws = _read(tmp_path / "story.txt.gz", tmp_path / "misnamed.txt")
    assert [r.data.decode() for r in raws] == [STORY, STORY]


def test_too_large_file_is_reported_unread(tmp_path, monkeypatch):
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"x" * (3 * 1024 * 1024) + b"</p>")
    opened = []
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda f, *a, **k: opened.append(str(f)) or real_open(f, *a, **k))
    (raw,) = _read(big, max_bytes=1024 * 1024)
    assert raw.error == "file too large: 3.0 MB > limit 1 MB (raise with --max-bytes)"
    assert raw.data is None and raw.size > 3 * 1024 * 1024
    assert str(big) not in opened  # refused on its size alone, never opened


def test_gzip_bomb_is_capped_while_decompressing(tmp_path):
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" + b"a" * (4 * 1024 * 1024)))  # tiny on disk, 4 MB inside
    assert bomb.stat().st_size < 1024 * 1024
    (raw,) = _read(bomb, max_bytes=1024 * 1024)
    assert raw.error.startswith("file too large: more than limit 1 MB") and raw.data is None


def test_unreadable_and_vanished_files_are_reported_and_the_walk_goes_on(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(STORY)
    (tmp_path / "secret.txt").write_text(STORY)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "never-existed.txt")
    real_open = builtins.open

    def guarded(file, *args, **kwargs):  # tests run as root: simulate what open() raises
        if str(file).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    raws = {Path(r.source_path).name: r for r in _read(tmp_path)}
    assert raws["ok.txt"].error is None
    assert raws["secret.txt"].error.startswith("permission denied")
    assert raws["gone.txt"].error.startswith("no such file")


def test_unlistable_directory_is_reported(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(STORY)
    real_scandir = os.scandir

    def scandir(path="."):
        if str(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    (raw,) = _read(tmp_path)
    assert raw.source_path.endswith("sub") and "permission denied" in raw.error.lower()


def test_missing_path_is_reported():
    (raw,) = _read("/nonexistent/detente/input.txt")
    assert raw.error == "no such file or directory"


def test_jsonl_keeps_ids_metadata_and_reports_bad_lines():
    raws = _read(FIXTURES / "articles.jsonl")
    by_line = {r.source_path.rsplit("#", 1)[1]: r for r in raws}
    assert set(by_line) == {"L1", "L2", "L3", "L5", "L6"}  # L4 is blank: nothing to report
    first = by_line["L1"]
    assert (first.external_id, first.url, first.title, first.published, first.outlet) == (
        "a-1", "https://example.org/news/1", "Norway and Iceland agree mackerel quotas", "2025-02-03", "Nordic Wire")
    assert first.text.startswith("Norway and Iceland") and first.kind == "text" and first.error is None
    assert by_line["L2"].error.startswith("not JSON")
    assert by_line["L3"].external_id == "3" and by_line["L3"].kind == "html" and by_line["L3"].html
    assert by_line["L5"].error.startswith("JSON record has no article text (none of 'text', 'maintext'")
    assert by_line["L6"].error == "not a JSON object but a list"


def test_jsonl_gz_and_overlong_line(tmp_path):
    lines = [json.dumps({"id": "x", "text": STORY}), json.dumps({"id": "y", "text": "z" * 5000})]
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    raws = _read(path, max_bytes=1000)
    assert raws[0].external_id == "x" and raws[0].error is None
    assert raws[1].source_path.endswith("#L2") and raws[1].error.startswith("JSONL line too large")


@given(st.one_of(st.binary(max_size=300), st.text(max_size=300)))
@settings(max_examples=300, deadline=None)
def test_jsonl_line_parser_never_raises(line):
    raw = parse_jsonl_line(line, "x.jsonl#L1")
    assert raw is None or raw.error is not None or raw.text is not None or raw.html is not None


def _write_warc(path: Path, records) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        for kind, url, body, ctype in records:
            if kind == "response":
                http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
                rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
            elif kind == "warcinfo":
                rec = writer.create_warcinfo_record("crawl.warc", {"software": "test"})
            else:
                rec = writer.create_warc_record(url, kind, payload=io.BytesIO(body), warc_content_type=ctype)
            writer.write_record(rec)


def test_warc_yields_html_responses_and_reports_other_records(tmp_path):
    page = f"<html><body><article><p>{STORY}</p></article></body></html>".encode()
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path, [
        ("warcinfo", None, b"", None),  # normal companion: silent
        ("response", "https://news.example/a", page, "text/html; charset=utf-8"),
        ("resource", "https://news.example/logo.png", PNG, "image/png"),
        ("response", "https://news.example/logo2.png", PNG, "image/png"),
    ])
    raws = _read(path)
    assert [r.source_path.rsplit("#", 1)[1] for r in raws] == ["record-2", "record-3", "record-4"]
    ok, resource, image = raws
    assert ok.error is None and ok.url == "https://news.example/a" and ok.kind == "html" and ok.data == page
    assert resource.error.startswith("WARC record is not a response (resource)")
    assert image.error.startswith("WARC response is not HTML (image/png)")


def test_warc_without_responses_is_reported_once(tmp_path):
    path = tmp_path / "info.warc"
    _write_warc(path, [("warcinfo", None, b"", None)])
    (raw,) = _read(path)
    assert raw.source_path == str(path) and "no response records" in raw.error


def test_broken_warc_is_reported(tmp_path):
    path = tmp_path / "broken.warc"
    path.write_bytes(b"WARC/1.0\r\nthis is not a warc header block\r\n\r\n")
    raws = _read(path)
    assert raws and all(r.error for r in raws)


@pytest.mark.parametrize("payload,kind", [
    (json.dumps({"id": "s1", "text": STORY}).encode() + b"\n", "jsonl"),
    (f"<!DOCTYPE html><html><body><p>{STORY}</p></body></html>".encode(), "html"),
    (STORY.encode(), "text"),
])
def test_stdin_is_sniffed(monkeypatch, payload, kind):
    for data in (payload, gzip.compress(payload)):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
        (raw,) = _read("-")
        assert raw.error is None
        if kind == "jsonl":
            assert raw.external_id == "s1" and raw.source_path == "<stdin>#L1"
        else:
            assert raw.kind == kind and raw.source_path == "<stdin>" and raw.data == payload


def test_source_key_is_stable_and_changes_with_the_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(STORY)
    (raw,) = _read(path)
    assert source_key(raw) == source_key(_read(path)[0])
    key_before = source_key(raw)
    path.write_text(STORY + "more")
    assert source_key(raw) != key_before
    os.utime(path, ns=(10**18, 10**18))  # same size, touched: a changed file too
    key_touched = source_key(raw)
    os.utime(path, ns=(2 * 10**18, 2 * 10**18))
    assert source_key(raw) != key_touched
    lines = _read(FIXTURES / "articles.jsonl")
    keys = [source_key(r) for r in lines]
    assert len(set(keys)) == len(keys) and keys == [source_key(r) for r in _read(FIXTURES / "articles.jsonl")]


@given(st.binary(max_size=2000), st.sampled_from(["a.jsonl", "a.warc", "a.warc.gz", "a.html", "a.txt.gz", "a.dat"]))
@settings(max_examples=150, deadline=None)
def test_reading_arbitrary_bytes_never_raises(data, name):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        for raw in iter_raw([str(path)], Settings(max_bytes=1500)):
            assert raw.source_path.startswith(str(path))
            assert raw.error or raw.data is not None or raw.text is not None or raw.html is not None
