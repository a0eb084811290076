"""Non-English articles: stored with the reason they yield no events, counted and listed in the
ingest summary, never silently empty."""

from __future__ import annotations

import json
from pathlib import Path

from builders import FIXTURES

from detente.clean import clean
from detente.clean.language import not_coded_reason
from detente.config import Settings
from detente.models import RawDocument

SPANISH = ("Los gobiernos de Ecuador y Perú firmaron el lunes un acuerdo para reforzar la vigilancia en la "
           "frontera común, según informaron los ministerios de Relaciones Exteriores de ambos países en un "
           "comunicado conjunto publicado en Quito y en Lima.")
ENGLISH = ("Ecuador and Peru signed an agreement on Monday to strengthen surveillance along their common "
           "border, the foreign ministries of both countries said in a joint statement issued in Quito and Lima.")


def test_reason_names_the_language():
    assert not_coded_reason("es") == "language es: not coded"
    assert not_coded_reason("en") is None
    assert not_coded_reason(None) is None  # too short to tell: coded as English


def test_a_spanish_page_is_stored_with_its_reason():
    data = (FIXTURES / "non_english.html").read_bytes()
    article = clean(RawDocument(source_path="non_english.html", data=data, kind="html"), Settings())
    assert (article.status, article.language, article.reason) == ("stored", "es", "language es: not coded")
    assert not article.is_codable


def test_an_english_article_has_no_reason():
    article = clean(RawDocument(source_path="a.txt", data=ENGLISH.encode(), kind="text"), Settings())
    assert (article.status, article.language, article.reason) == ("stored", "en", None)


def test_ingest_summary_counts_and_lists_articles_not_coded(tmp_path, cli):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "es.txt").write_text(SPANISH, encoding="utf-8")
    (folder / "en.txt").write_text(ENGLISH, encoding="utf-8")
    db = tmp_path / "d.duckdb"
    result = cli("ingest", folder, "--db", db)
    assert result.exit_code == 0, result.output
    summary = result.output
    assert any(line.split()[-1] == "1" for line in summary.splitlines() if "stored, not coded (language)" in line)
    assert f"not coded       {folder / 'es.txt'}: language es: not coded" in summary
    listed = [json.loads(line) for line in cli("docs", "--db", db, "--format", "jsonl").stdout.splitlines()]
    by_name = {Path(r["source_path"]).name: r for r in listed}
    assert (by_name["es.txt"]["status"], by_name["es.txt"]["reason"]) == ("stored", "language es: not coded")
    assert by_name["en.txt"]["reason"] is None


def test_ingest_report_counts_not_coded():
    from detente.ingest import IngestReport
    from detente.models import ProcessedDocument

    report = IngestReport(run_id="r")
    for text in (SPANISH, ENGLISH):
        article = clean(RawDocument(source_path="x.txt", data=text.encode(), kind="text"), Settings())
        report.add(article, ProcessedDocument(article=article))
    assert (report.stored, report.not_coded, report.counts()["not_coded"]) == (2, 1, 1)
    assert [o.line() for o in report.outcomes] == ["x.txt: language es: not coded"]
