"""A progress bar's total: the documents the inputs hold, when cheap to know, else None."""

from __future__ import annotations

from detente.read import count_documents


def test_pages_and_jsonl_lines_are_counted(tmp_path):
    (tmp_path / "a.html").write_text("<p>x</p>")
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "README.md").write_text("not an article")
    (tmp_path / "lines.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}')  # no final newline
    assert count_documents([str(tmp_path)]) == 5


def test_streams_whose_count_is_costly_are_unknown(tmp_path):
    (tmp_path / "crawl.warc.gz").write_bytes(b"")
    assert count_documents([str(tmp_path / "crawl.warc.gz")]) is None
    assert count_documents(["-"]) is None
