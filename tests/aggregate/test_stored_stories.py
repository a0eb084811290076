"""Story events stored as documents are written: the stored stories are the full merge's,
whatever batches the documents came in, and answers read from them equal answers merged in
memory."""

from __future__ import annotations

import shutil

import pytest
from builders import (
    MERGE_ACTORS,
    MERGE_SENTENCES,
    build_corpus,
    drawn_event,
    make_article,
    make_processed,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente import queries
from detente.aggregate import stories as stored
from detente.aggregate.merge import candidate_labels, merge_events, partition_keys
from detente.dyad import countries_of
from detente.models import Actor, Event, Evidence
from detente.store import Store

N_DOCS = 8


@st.composite
def documents(draw) -> list[list[Event]]:
    """Events of up to N_DOCS documents, one list per document."""
    docs: list[list[Event]] = [[] for _ in range(N_DOCS)]
    for i in range(draw(st.integers(1, 30))):
        n = draw(st.integers(0, N_DOCS - 1))
        docs[n].append(drawn_event(draw, f"d{n}-e{i:03d}", f"d{n}", f"d{n}.txt"))
    return docs


def _write(store: Store, n: int, events: list[Event]) -> None:
    article = make_article(f"Document {n}: " + " ".join(f"word{n}x{k}" for k in range(40)), doc_id=f"d{n}",
                           source_path=f"d{n}.txt", outlet=f"Outlet {n % 3}", published="2025-01-29",
                           published_method="metadata")
    store.write(make_processed(article, events), f"key-{n}")


def _merged_in_memory(store: Store) -> list[dict]:
    return [s.to_dict() for s in merge_events(store.load_events(), store.load_articles())]


def _stored_records(store: Store) -> list[dict]:
    assert stored.is_current(store)
    return queries.timeline(store, limit=None).items


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=documents(), batch_of=st.lists(st.integers(0, 3), min_size=N_DOCS, max_size=N_DOCS))
def test_stories_stored_batch_by_batch_are_the_full_merges(docs, batch_of):
    with Store(":memory:") as store:
        for batch in range(4):
            for n, events in enumerate(docs):
                if batch_of[n] == batch:
                    _write(store, n, events)
            stored.refresh(store)
            assert _stored_records(store) == _merged_in_memory(store)


@settings(max_examples=100, deadline=None)
@given(docs=documents())
def test_merging_each_partition_alone_gives_the_full_merge(docs):
    events = [e for doc in docs for e in doc]
    keys = partition_keys((countries_of(e), candidate_labels(e)) for e in events)
    parts: dict = {}
    for event in events:
        parts.setdefault(keys[countries_of(event), candidate_labels(event)[0]], []).append(event)
    by_part = [s.to_dict() for part in parts.values() for s in merge_events(part)]
    assert sorted(by_part, key=lambda s: s["story_id"]) == sorted(
        (s.to_dict() for s in merge_events(events)), key=lambda s: s["story_id"])


def _event(n: int, k: int, actor: Actor, recipient: Actor, kind: str, root: str, text: str) -> Event:
    return Event(event_id=f"d{n}-e{k}", doc_id=f"d{n}", actor=actor, recipient=recipient, event_type=kind,
                 cameo_root=root, quad_class=4, intensity=-5.0, evidence=Evidence(text, 0, len(text)),
                 date="2025-01-26", date_precision="day", date_method="explicit", confidence=0.8)


def test_new_events_merge_again_only_their_partition(tmp_path):
    usa, col, ecu = MERGE_ACTORS[0], MERGE_ACTORS[1], MERGE_ACTORS[2]
    with Store(tmp_path / "s.duckdb") as store:
        _write(store, 0, [_event(0, 0, usa, col, "SANCTION", "16", MERGE_SENTENCES[0]),
                          _event(0, 1, ecu, col, "AGREE", "03", MERGE_SENTENCES[4])])
        _write(store, 1, [_event(1, 0, usa, col, "SANCTION", "16", MERGE_SENTENCES[1]),
                          _event(1, 1, col, usa, "ACCUSE", "11", MERGE_SENTENCES[3])])
        first = stored.refresh(store)
        assert first.rebuilt and first.merged_events == 4
        _write(store, 2, [_event(2, 0, usa, col, "SANCTION", "16", MERGE_SENTENCES[2])])
        second = stored.refresh(store)
        # the USA>COL sanctions partition only: not ECU>COL, not COL>USA
        assert (second.rebuilt, second.new_events, second.merged_events) == (False, 1, 3)
        assert _stored_records(store) == _merged_in_memory(store)
        assert stored.refresh(store).merged_events == 0  # nothing new: nothing merged


def test_a_new_event_linking_two_partitions_merges_both_again(tmp_path):
    """SANCTION with root 17 links the SANCTION stories (type) and the COERCE ones (root 17):
    the new event joins the COERCE story, as in the full merge."""
    usa, col = MERGE_ACTORS[0], MERGE_ACTORS[1]
    with Store(tmp_path / "s.duckdb") as store:
        _write(store, 0, [_event(0, 0, usa, col, "COERCE", "17", MERGE_SENTENCES[0])])
        _write(store, 1, [_event(1, 0, usa, col, "SANCTION", "16", MERGE_SENTENCES[3])])
        stored.refresh(store)
        _write(store, 2, [_event(2, 0, usa, col, "SANCTION", "17", MERGE_SENTENCES[0])])
        assert stored.refresh(store).merged_events == 3
        records = _stored_records(store)
        assert records == _merged_in_memory(store)
        assert sorted(len(r["mentions"]) for r in records) == [1, 2]


def test_stories_of_another_rule_are_rebuilt_and_meanwhile_merged_in_memory(tmp_path):
    db = build_corpus(tmp_path / "c.duckdb")["db"]
    with Store(db) as store:
        stored.refresh(store)
        assert stored.is_current(store)
        store.con.execute("UPDATE story_state SET value = 'older' WHERE key = 'rule'")
        assert not stored.is_current(store)
        assert queries.timeline(store, limit=None).items == _merged_in_memory(store)
        assert stored.refresh(store).rebuilt
        assert _stored_records(store) == _merged_in_memory(store)


@pytest.fixture(scope="module")
def two_dbs(tmp_path_factory):
    """The same records twice: stories stored in one, not in the other (merged per call)."""
    folder = tmp_path_factory.mktemp("stored")
    merged = build_corpus(folder / "merged.duckdb")["db"]
    kept = folder / "stored.duckdb"
    shutil.copy(merged, kept)
    with Store(kept) as store:
        stored.refresh(store)
    return merged, kept


QUESTIONS = [{}, {"dyad": "USA-COL"}, {"dyad": "USA>COL"}, {"dyad": "COL>USA"}, {"since": "2025-02"},
             {"until": "2025-01-26"}, {"since": "2025-01", "until": "2025-01-31"}, {"event_type": "SANCTION"},
             {"event_type": "tariff"}, {"event_type": "SANCTION/tariff"}, {"dyad": "VEN-COL", "event_type": "THREATEN"}]


@pytest.mark.parametrize("question", QUESTIONS)
def test_timeline_from_stored_stories_equals_the_merge(two_dbs, question):
    merged, kept = two_dbs
    with Store(merged, read_only=True) as a, Store(kept, read_only=True) as b:
        assert not stored.is_current(a) and stored.is_current(b)
        assert queries.timeline(b, **question, limit=None).to_dict() == queries.timeline(a, **question, limit=None).to_dict()
        for offset in (0, 1, 2):
            assert (queries.timeline(b, **question, limit=2, offset=offset).to_dict()
                    == queries.timeline(a, **question, limit=2, offset=offset).to_dict())
        assert ([s.to_dict() for s in queries.stories(b, **question)]
                == [s.to_dict() for s in queries.stories(a, **question)])


def test_index_contradictions_and_brief_from_stored_stories_equal_the_merge(two_dbs):
    merged, kept = two_dbs
    with Store(merged, read_only=True) as a, Store(kept, read_only=True) as b:
        assert queries.index(b, "USA-COL") == queries.index(a, "USA-COL")
        assert queries.contradictions(b, limit=None).to_dict() == queries.contradictions(a, limit=None).to_dict()
        assert (queries.contradictions(b, "USA-COL", single=True, limit=None).to_dict()
                == queries.contradictions(a, "USA-COL", single=True, limit=None).to_dict())
        assert queries.dyad_page(b, "USA-COL") == queries.dyad_page(a, "USA-COL")
        assert queries.brief(b, "USA-COL") == queries.brief(a, "USA-COL")


def test_ingest_leaves_the_stories_current_and_restory_makes_them_anew(cli, tmp_path):
    from builders import REPO

    db = tmp_path / "ingested.duckdb"
    result = cli("ingest", REPO / "tests" / "fixtures" / "articles", "--db", db, "--workers", "1")
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        assert stored.is_current(store) and store.counts()["events"] > 0
        assert _stored_records(store) == _merged_in_memory(store)
    with Store(db) as store:
        store.con.execute("DELETE FROM stories")
    result = cli("restory", "--db", db)
    assert result.exit_code == 0 and "story events from" in result.output
    with Store(db, read_only=True) as store:
        assert _stored_records(store) == _merged_in_memory(store)
