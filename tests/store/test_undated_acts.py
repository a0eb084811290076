"""An act with no date of its own is never dated the publication day: its record has no `date`,
its latest day is the publication day ("on or before") and its earliest is unknown; stored and
read back, it still counts in the period of that bound and passes a date filter by it."""

from __future__ import annotations

from detente import extract
from detente.models import Event
from detente.store import Store

TEXT = "Russia attacked Ukraine, officials said. The two countries have long been at odds over trade."


def test_the_record_says_on_or_before_the_publication_day():
    record = extract(TEXT, published="2025-03-04")[0].to_dict()
    assert record["date_method"] == "publication"
    assert (record["date"], record["date_earliest"], record["date_latest"]) == (None, None, "2025-03-04")


def test_stored_it_is_found_by_its_latest_day_and_keeps_its_bound(tmp_path):
    events = extract(TEXT, published="2025-03-04")
    with Store(tmp_path / "u.duckdb") as store:
        for processed in _processed(events):
            store.write(processed, "key")
        found = store.events(since="2025-03", until="2025-03")
        assert [r["date"] for r in found] == [None] and [r["date_latest"] for r in found] == ["2025-03-04"]
        assert len(store.events(since="2025-04")) == 0
        assert Event.from_dict(found[0]).date == "2025-03-04"  # merge and index place it at its bound


def _processed(events):
    from builders import make_article, make_processed

    article = make_article(TEXT, published="2025-03-04")
    return [make_processed(article, [e.__class__(**{**e.__dict__, "doc_id": article.doc_id}) for e in events])]
