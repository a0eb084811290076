"""The timeline: story events in date order (undated last), filtered by dyad, period and type.

A dyad is a `detente.dyad.Dyad` ("USA-COL" both directions, "USA>COL" one, "USA" either side).
`since`/`until` compare ISO prefixes, so a month-precision story ("2025-01") is inside
`since="2025-01-15"`: its month overlaps the bound. Undated stories are dropped when a
since/until bound is given.
"""

from __future__ import annotations

from collections.abc import Iterable

from detente.aggregate.dates import prefix_in_range
from detente.aggregate.merge import story_sort_key
from detente.dyad import Dyad
from detente.models import StoryEvent


def matches_type(story: StoryEvent, event_type: str | None) -> bool:
    """`event_type` names a PLOVER type ("SANCTION"), a mode ("tariff") or both ("SANCTION/tariff")."""
    if not event_type:
        return True
    wanted = event_type.strip().lower()
    if "/" in wanted:
        kind, mode = wanted.split("/", 1)
        return story.event_type.lower() == kind and (story.mode or "").lower() == mode
    return story.event_type.lower() == wanted or (story.mode or "").lower() == wanted


def timeline(stories: Iterable[StoryEvent], dyad: Dyad | str | None = None, since: str | None = None,
             until: str | None = None, event_type: str | None = None) -> list[StoryEvent]:
    """Story events in date order (undated last) that pass every given filter."""
    pair = Dyad.parse(dyad, single=True) if dyad else None
    chosen = [
        s for s in stories
        if (pair is None or pair.matches(s)) and matches_type(s, event_type)
        and prefix_in_range(s.date, since, until)
    ]
    return sorted(chosen, key=story_sort_key)
