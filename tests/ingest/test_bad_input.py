"""Bad input, end to end through `detente ingest`: every kind of broken or odd file is
reported with its file and a one-line reason, in the summary and in the database; the run
goes on, exits 0, and a rerun stores nothing new."""

from __future__ import annotations

import builtins
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from builders import REPO, wire_story

from detente.store import Store

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489") + b"\0" * 200

SPANISH = (
    "Bogotá, 12 de marzo de 2025 — El gobierno de Colombia anunció este miércoles que suspenderá "
    "las conversaciones comerciales con Ecuador después de que Quito impusiera nuevos aranceles a "
    "los productos colombianos. La ministra de Comercio dijo que la medida viola los acuerdos de la "
    "Comunidad Andina y que el país presentará una queja formal ante el organismo regional. Los "
    "exportadores de la frontera temen pérdidas de millones de dólares si la disputa continúa.\n"
)

ACCENTED = (
    "Brasília, 4 May 2025 — Brazil’s foreign ministry, known as Itamaraty, said on Sunday that "
    "São Paulo exporters would be exempt from the new quota on café shipments to Peru. The "
    "minister met his Peruvian counterpart in Lima and both sides agreed to resume talks on the "
    "customs dispute next month, officials in Brasília said. Peru had threatened to suspend the "
    "fisheries accord signed in 2011 unless the quota was lifted.\n"
)

CP1252 = (
    "Paris, 9 October 2025 — France imposed a 12% tariff on German steel, the ministry said. "
    "“We will not accept this,” the German economy minister told reporters in Berlin, adding "
    "that the measure would cost exporters €40 million a year — a claim Paris rejected. Leaders "
    "of both countries agreed to meet in Brussels to settle the dispute before the end of the month.\n"
)


def _warc_with_non_response(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        body = f"<html><head><title>Summit</title></head><body><article><p>{wire_story(300)}</p></article></body></html>"
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/summit", "response",
                                                      payload=io.BytesIO(body.encode()), http_headers=http))
        writer.write_record(writer.create_warc_record("https://news.example/logo.png", "resource",
                                                      payload=io.BytesIO(PNG),
                                                      warc_content_type="image/png"))


@pytest.fixture
def bad_folder(tmp_path) -> Path:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.html").write_bytes(PNG)
    (folder / "latin1.txt").write_bytes(ACCENTED.replace("’", "'").replace("—", "-").encode("latin-1"))
    (folder / "cp1252.txt").write_bytes(CP1252.encode("cp1252"))
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + wire_story(301).encode("utf-8"))
    (folder / "unclosed.html").write_text(f"<html><head><title>Border talks<body><div><p>{wire_story(302)}",
                                          encoding="utf-8")
    (folder / "vanished.txt").symlink_to(folder / "deleted-before-reading.txt")  # listed, then gone
    (folder / "forbidden.txt").write_text(wire_story(303), encoding="utf-8")
    lines = [json.dumps({"id": "ok-1", "text": wire_story(304)}), "{this is not json", ""]
    (folder / "lines.jsonl").write_text("\n".join(lines), encoding="utf-8")
    _warc_with_non_response(folder / "crawl.warc.gz")
    (folder / "spanish.txt").write_text(SPANISH, encoding="utf-8")
    (folder / "original.txt").write_text(wire_story(305), encoding="utf-8")
    (folder / "original_copy.txt").write_text(wire_story(305), encoding="utf-8")
    near = wire_story(305).replace(" the ", " a ", 1)
    (folder / "original_reworded.txt").write_text(near, encoding="utf-8")
    return folder


@pytest.fixture
def forbid(monkeypatch):
    """Tests run as root, who can read anything: make one file unreadable the way open() fails."""
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if str(file).endswith("forbidden.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)


EXPECTED_REJECTIONS = {  # file → words its reason must contain
    "empty.txt": "empty",
    "image.html": "binary",
    "vanished.txt": "no such file",
    "forbidden.txt": "permission denied",
    "lines.jsonl#L2": "not json",
    "crawl.warc.gz#record-2": "not a response",
}


def test_every_bad_input_is_reported_and_the_run_goes_on(cli, bad_folder, db_path, forbid):
    result = cli("ingest", bad_folder, "--db", db_path)
    assert result.exit_code == 0, result.output
    summary = result.stdout
    with Store(db_path, read_only=True) as store:
        rejections = {Path(r["source_path"]).name: r["reason"] for r in store.rejections()}
        docs = {Path(d["source_path"]).name: d for d in store.documents(status=["stored", "near_duplicate",
                                                                                "duplicate"], with_text=True)}
    for name, words in EXPECTED_REJECTIONS.items():
        assert name in rejections, (name, rejections)
        assert words in rejections[name].lower(), (name, rejections[name])
        line = next(line for line in summary.splitlines() if name in line)
        assert line.startswith("rejected") and rejections[name] in line  # one line: file + reason
    assert set(rejections) == set(EXPECTED_REJECTIONS), rejections
    listed = [json.loads(line) for line in cli("docs", "--db", db_path, "--status", "rejected",
                                               "--format", "jsonl").stdout.splitlines()]
    assert {Path(r["source_path"]).name: r["reason"] for r in listed} == rejections
    assert all(r["status"] == "rejected" for r in listed)

    assert "Brasília" in docs["latin1.txt"]["text"] and "São Paulo" in docs["latin1.txt"]["text"]
    assert "“We will not accept this,”" in docs["cp1252.txt"]["text"] and "€40" in docs["cp1252.txt"]["text"]
    assert not docs["bom.txt"]["text"].startswith("\ufeff") and docs["bom.txt"]["words"] > 50
    assert docs["unclosed.html"]["status"] == "stored" and docs["unclosed.html"]["words"] > 50
    assert docs["crawl.warc.gz#record-1"]["status"] == "stored"
    assert docs["lines.jsonl#L1"]["external_id"] == "ok-1"

    spanish = docs["spanish.txt"]
    assert spanish["status"] == "stored" and spanish["language"] == "es"
    original = docs["original.txt"]
    copy, reworded = docs["original_copy.txt"], docs["original_reworded.txt"]
    assert copy["status"] == "duplicate" and copy["duplicate_of"] == original["doc_id"]
    assert reworded["status"] == "near_duplicate" and reworded["duplicate_of"] == original["doc_id"]
    assert f"original_copy.txt: same text as {original['doc_id']}" in summary
    assert f"original_reworded.txt: repeats {original['doc_id']}" in summary
    with Store(db_path, read_only=True) as store:
        assert len(store.events(doc_id=spanish["doc_id"])) == 0  # stored, marked, not coded
        assert len(store.events(doc_id=reworded["doc_id"])) > 0  # near-duplicates are coded
        before = {t: n for t, n in store.counts().items() if t != "runs"}

    again = cli("ingest", bad_folder, "--db", db_path)
    assert again.exit_code == 0
    with Store(db_path, read_only=True) as store:
        assert {t: n for t, n in store.counts().items() if t != "runs"} == before
        assert store.runs()[-1]["n_read"] == 0


def _max_rss_kb(args: list[str]) -> tuple[int, str]:
    code = ("import resource, sys\n"
            "from detente.cli import main\n"
            "sys.argv = ['detente'] + sys.argv[1:]\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip().splitlines()[-1]), done.stdout


def test_a_50_mb_page_is_rejected_unread_with_a_clear_message(tmp_path):
    big = tmp_path / "big" / "huge.html"
    big.parent.mkdir()
    paragraph = b"<p>" + b"The minister said the talks would continue next week. " * 20 + b"</p>\n"
    with big.open("wb") as handle:
        handle.write(b"<html><body>")
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(paragraph * 100)
    small = tmp_path / "small"
    small.mkdir()
    (small / "empty.txt").write_bytes(b"")
    baseline, _ = _max_rss_kb(["ingest", str(small), "--db", str(tmp_path / "a.duckdb")])
    peak, output = _max_rss_kb(["ingest", str(big.parent), "--db", str(tmp_path / "b.duckdb")])
    assert "huge.html: file too large: 50" in output and "--max-bytes" in output
    assert peak - baseline < 20 * 1024, f"peak RSS grew by {(peak - baseline) / 1024:.0f} MB"
    with Store(tmp_path / "b.duckdb", read_only=True) as store:
        (rejection,) = store.rejections()
        assert rejection["reason"].startswith("file too large")
