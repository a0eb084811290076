"""Stored story events: the SQL of the `stories`, `story_events` and `story_state` tables.

The store only records the assignment it is given (`detente.aggregate.stories` computes it
with the merge rule): each story event's record as the timeline serves it, the columns its
filters and order need, each event's story, and up to which event the stories are current
(`StoryState`: the merge rule's version, the last event seq merged, the number of events).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from detente.models import Article, Event, StoryEvent
from detente.store.store import Selection, Store, _article, _select_list

HEADER_COLUMNS = ("story_id", "actor_country", "recipient_country", "event_type", "mode", "date")


@dataclass(frozen=True)
class StoryState:
    rule: str | None  # the merge rule's version the stories were made by (None: never made)
    events_seq: int  # every event up to this seq is in a story
    n_events: int  # events in stories


def quiet(store: Store) -> None:
    """No DuckDB progress bar: merging loads whole partitions, and the bar goes to stdout."""
    store.con.execute("SET enable_progress_bar = false")


def state(store: Store) -> StoryState:
    rows = dict(store.con.execute("SELECT key, value FROM story_state").fetchall())
    return StoryState(rows.get("rule"), int(rows.get("events_seq", -1)), int(rows.get("n_events", 0)))


def events_now(store: Store) -> tuple[int, int]:
    """(last event seq, number of events) of the database."""
    row = store._one("SELECT coalesce(max(seq), -1), count(*) FROM events")
    last, count = row if row is not None else (-1, 0)  # an aggregate query always has its row
    return int(last), int(count)


def is_current(store: Store, rule: str) -> bool:
    """Whether every stored event is in a stored story made by `rule`."""
    now = state(store)
    return now.rule == rule and (now.events_seq, now.n_events) == events_now(store)


def _events(store: Store, where: str, params: Sequence[Any]) -> list[Event]:
    sql = f"SELECT {_select_list('events')} FROM events t WHERE {where} ORDER BY t.seq"
    return [Event.from_dict(r) for r in Selection(store, sql, params)]


def events_after(store: Store, seq: int) -> list[Event]:
    """The events stored after `seq`, in ingest order."""
    return _events(store, "t.seq > ?", [seq])


def _temp_table(store: Store, name: str, columns: dict[str, list[Any]]) -> None:
    """A temporary table of these columns, filled in one statement (DuckDB's executemany is
    slow per row)."""
    store.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT "
                      + ", ".join(f"unnest(?::VARCHAR[]) AS {column}" for column in columns),
                      [list(values) for values in columns.values()])


def _dyad_table(store: Store, dyads: Iterable[tuple[str | None, str | None]]) -> None:
    pairs = sorted(set(dyads), key=lambda d: (d[0] or "", d[1] or "", d[0] is None, d[1] is None))
    _temp_table(store, "_story_dyads", {"a": [a for a, _ in pairs], "r": [r for _, r in pairs]})


_IN_DYADS = ("EXISTS (SELECT 1 FROM _story_dyads d WHERE d.a IS NOT DISTINCT FROM t.actor_country "
             "AND d.r IS NOT DISTINCT FROM t.recipient_country)")


def labels_of_dyads(store: Store, dyads: Iterable[tuple[str | None, str | None]]
                    ) -> list[tuple[tuple[str | None, str | None], str, str | None]]:
    """((actor country, recipient country), event_type, cameo_root) of every stored event of the dyads."""
    _dyad_table(store, dyads)
    rows = store.con.execute(f"SELECT DISTINCT t.actor_country, t.recipient_country, t.event_type, t.cameo_root "
                             f"FROM events t WHERE {_IN_DYADS}").fetchall()
    return [((a, r), kind, root) for a, r, kind, root in rows]


def events_of(store: Store, dyads: Iterable[tuple[str | None, str | None]],
              types: Sequence[str], roots: Sequence[str]) -> list[Event]:
    """The stored events of the dyads whose type is in `types` or CAMEO root in `roots`
    (a superset of the partitions asked for: the caller keeps those it wants)."""
    _dyad_table(store, dyads)
    return _events(store, f"{_IN_DYADS} AND (list_contains(?, t.event_type) OR list_contains(?, t.cameo_root))",
                   [list(types), list(roots)])


def all_events(store: Store) -> list[Event]:
    return _events(store, "true", [])


def articles(store: Store, doc_ids: Iterable[str]) -> dict[str, Article]:
    """The stored documents (no text) with these doc_ids."""
    sql = (f"SELECT {_select_list('documents')} FROM documents t WHERE list_contains(?, t.doc_id) "
           "AND t.status IN ('stored', 'near_duplicate') ORDER BY t.seq")
    return {r["doc_id"]: _article(r) for r in Selection(store, sql, [sorted(set(doc_ids))])}


def replace_stories(store: Store, event_ids: Sequence[str], stories: Sequence[StoryEvent],
                    new_state: StoryState, everything: bool = False) -> None:
    """In one transaction: drop the stories of `event_ids` (all stories with `everything`),
    record `stories` and their members' links, and the new state."""
    con = store.con
    con.begin()
    try:
        if everything:
            con.execute("DELETE FROM story_events")
            con.execute("DELETE FROM stories")
        elif event_ids:
            _temp_table(store, "_story_members", {"event_id": list(event_ids)})
            con.execute("DELETE FROM stories WHERE story_id IN (SELECT s.story_id FROM story_events s "
                        "JOIN _story_members m ON m.event_id = s.event_id)")
            con.execute("DELETE FROM story_events WHERE event_id IN (SELECT event_id FROM _story_members)")
        rows: dict[str, list[Any]] = {column: [] for column in (*HEADER_COLUMNS, "n_mentions", "record")}
        links: dict[str, list[Any]] = {"event_id": [], "doc_id": [], "story_id": []}
        for story in stories:
            record = story.to_dict()
            for column, value in (("story_id", story.story_id), ("event_type", story.event_type),
                                  ("actor_country", (record["actor"] or {}).get("country")),
                                  ("recipient_country", (record["recipient"] or {}).get("country")),
                                  ("mode", story.mode), ("date", story.date), ("n_mentions", story.n_mentions),
                                  ("record", json.dumps(record, ensure_ascii=False))):
                rows[column].append(value)
            for mention in story.mentions:
                links["event_id"].append(mention.event_id)
                links["doc_id"].append(mention.doc_id)
                links["story_id"].append(story.story_id)
        if stories:
            _temp_table(store, "_story_rows", rows)
            con.execute(f"INSERT INTO stories ({', '.join(rows)}) SELECT * REPLACE (n_mentions::INTEGER AS "
                        "n_mentions) FROM _story_rows")
            _temp_table(store, "_story_links", links)
            con.execute("INSERT INTO story_events (event_id, doc_id, story_id) SELECT * FROM _story_links")
            con.execute("DROP TABLE _story_rows")
            con.execute("DROP TABLE _story_links")
        con.execute("DELETE FROM story_state")
        con.execute("INSERT INTO story_state VALUES ('rule', ?), ('events_seq', ?), ('n_events', ?)",
                    [new_state.rule, str(new_state.events_seq), str(new_state.n_events)])
        con.commit()
    except BaseException:
        con.rollback()
        raise


def headers(store: Store) -> list[tuple]:
    """(story_id, actor_country, recipient_country, event_type, mode, date) of every stored story."""
    return store.con.execute(f"SELECT {', '.join(HEADER_COLUMNS)} FROM stories").fetchall()


def records(store: Store, story_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The story event records of `story_ids`, in that order."""
    if not story_ids:
        return []
    rows = dict(store.con.execute("SELECT story_id, record FROM stories WHERE story_id IN (SELECT unnest(?))",
                                  [list(story_ids)]).fetchall())
    return [json.loads(rows[s]) for s in story_ids]

