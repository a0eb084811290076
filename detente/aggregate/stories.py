"""Story events kept current in the database as documents are stored.

Data flows one way: the ingest driver writes documents, then (in its last write turn) calls
`refresh`, which merges the new events and has the store record the result; readers
(`detente.queries`) read the stored stories when `is_current` says they cover every event
under this merge rule, and otherwise merge in memory as before (a read-only reader cannot
write; the next ingest or `detente restory` brings them up to date).

Same stories as the full merge, by construction: `merge_events` treats each partition (one
dyad, the types and CAMEO roots linked through its events: `merge.partition_keys`) alone, so
`refresh` merges again every stored event of the partitions the new events fall into and
replaces those partitions' stories — other partitions' stories cannot change. The merge
rule itself lives only in `detente.aggregate.merge`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from detente.aggregate.merge import RULE_VERSION, candidate_labels, merge_events, partition_keys
from detente.dyad import countries_of
from detente.models import Actor, Evidence, Mention, StoryEvent
from detente.store import story_table
from detente.store.store import Store


@dataclass
class Refresh:
    """What one `refresh` did (for benchmarks and logs)."""

    new_events: int = 0
    merged_events: int = 0  # events of the partitions merged again (new ones included)
    stories: int = 0  # stories written
    rebuilt: bool = False  # every story made again (none stored, or another rule's)
    seconds: float = 0.0


def refresh(store: Store) -> Refresh:
    """Bring the stored stories up to date with the stored events (a writer's turn)."""
    started = time.perf_counter()
    story_table.quiet(store)
    now = story_table.state(store)
    last_seq, n_events = story_table.events_now(store)
    if now.rule == RULE_VERSION and (now.events_seq, now.n_events) == (last_seq, n_events):
        return Refresh(seconds=time.perf_counter() - started)
    new = story_table.events_after(store, now.events_seq) if now.rule == RULE_VERSION else []
    if now.rule != RULE_VERSION or now.n_events + len(new) != n_events:
        result = rebuild(store)
        result.seconds = time.perf_counter() - started
        return result
    dyads = {countries_of(e) for e in new}
    pairs = [(dyad, (f"type:{kind}",) + ((f"root:{root}",) if root else ()))
             for dyad, kind, root in story_table.labels_of_dyads(store, dyads)]
    keys = partition_keys(pairs + [(countries_of(e), candidate_labels(e)) for e in new])
    affected = {keys[countries_of(e), candidate_labels(e)[0]] for e in new}
    wanted = {node for node, key in keys.items() if key in affected}
    types = sorted({label[5:] for _, label in wanted if label.startswith("type:")})
    roots = sorted({label[5:] for _, label in wanted if label.startswith("root:")})
    events = [e for e in story_table.events_of(store, dyads, types, roots)
              if (countries_of(e), candidate_labels(e)[0]) in wanted]
    stories = merge_events(events, story_table.articles(store, {e.doc_id for e in events}))
    story_table.replace_stories(store, [e.event_id for e in events], stories,
                                story_table.StoryState(RULE_VERSION, last_seq, n_events))
    return Refresh(new_events=len(new), merged_events=len(events), stories=len(stories),
                   seconds=time.perf_counter() - started)


def rebuild(store: Store) -> Refresh:
    """Merge every stored event again and replace every stored story (`detente restory`)."""
    started = time.perf_counter()
    story_table.quiet(store)
    last_seq, n_events = story_table.events_now(store)
    events = story_table.all_events(store)
    stories = merge_events(events, story_table.articles(store, {e.doc_id for e in events}))
    story_table.replace_stories(store, [], stories, story_table.StoryState(RULE_VERSION, last_seq, n_events),
                                everything=True)
    return Refresh(new_events=len(events), merged_events=len(events), stories=len(stories), rebuilt=True,
                   seconds=time.perf_counter() - started)


def is_current(store: Store) -> bool:
    """Whether the stored stories hold every stored event, merged by this version's rule."""
    return story_table.is_current(store, RULE_VERSION)


@dataclass(frozen=True)
class StoryHeader:
    """What the timeline's filters and order read of a story (`timeline.timeline` takes these
    as it takes story events), without its mentions."""

    story_id: str
    actor: dict[str, Any] | None
    recipient: dict[str, Any] | None
    event_type: str
    mode: str | None
    date: str | None


def headers(store: Store) -> list[StoryHeader]:
    return [StoryHeader(story_id, {"country": actor} if actor else None,
                        {"country": recipient} if recipient else None, kind, mode, day)
            for story_id, actor, recipient, kind, mode, day in story_table.headers(store)]


def records(store: Store, story_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The story event records (`StoryEvent.to_dict`) of `story_ids`, in that order."""
    return story_table.records(store, story_ids)


def story_of(record: dict[str, Any]) -> StoryEvent:
    """A story event from its record (the inverse of `StoryEvent.to_dict`)."""
    values = dict(record)
    values["actor"] = Actor.from_dict(record["actor"])
    values["recipient"] = Actor.from_dict(record["recipient"])
    values["mentions"] = [Mention(**{**m, "evidence": Evidence(**m["evidence"])}) for m in record["mentions"]]
    return StoryEvent(**values)
