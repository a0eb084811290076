"""A run's report lists what a person reads, not every copy: past `OUTCOMES_KEPT` duplicates are
counted, not kept (a long run's memory stays flat), while every rejection stays listed."""

from __future__ import annotations

from dataclasses import replace

from builders import make_article, make_processed

from detente.ingest import OUTCOMES_KEPT, IngestReport


def test_duplicates_past_the_limit_are_counted_not_listed_and_rejections_always_listed():
    report = IngestReport(run_id="r")
    base = make_article("A story about tariffs between two countries. " * 10)
    for i in range(OUTCOMES_KEPT + 50):
        copy = replace(base, source_path=f"copy{i}.txt", status="near_duplicate", duplicate_of=base.doc_id)
        report.add(copy, make_processed(copy))
    rejected = replace(base, source_path="bad.txt", status="rejected", reason="binary file")
    report.add(rejected, make_processed(rejected))
    assert report.near_duplicate == OUTCOMES_KEPT + 50 and report.rejected == 1
    assert len(report.outcomes) == OUTCOMES_KEPT + 1 and report.outcomes_not_listed == 50
    assert report.outcomes[-1].line() == "bad.txt: binary file"
