"""The timeline: story events in date order (undated last), filtered by dyad, period and type.

Dyads are written "USA-COL" (both directions) or "USA>COL" (actor USA, recipient COL only).
`since`/`until` compare ISO prefixes, so a month-precision story ("2025-01") is inside
`since="2025-01-15"`: its month overlaps the bound. Undated stories are dropped when a
since/until bound is given.
"""

from __future__ import annotations

from collections.abc import Iterable

from detente.aggregate.dates import prefix_in_range
from detente.aggregate.merge import dyad_of, story_sort_key
from detente.models import Event, StoryEvent


def parse_dyad(dyad: str) -> tuple[str, str, bool]:
    """"USA-COL" -> ("USA", "COL", False); "USA>COL" -> ("USA", "COL", True) (directed)."""
    text = dyad.strip().upper()
    for sep, directed in ((">", True), ("-", False), ("→", True)):
        if sep in text:
            left, right = (part.strip() for part in text.split(sep, 1))
            if left and right:
                return left, right, directed
    raise ValueError(f"dyad {dyad!r} not understood: write USA-COL (both directions) or USA>COL (one)")


def in_dyad(story: StoryEvent | Event, dyad: str | None) -> bool:
    """Whether a story event (or an event) is between the dyad's countries, in its direction."""
    if not dyad:
        return True
    left, right, directed = parse_dyad(dyad)
    pair = dyad_of(story)
    return pair == (left, right) or (not directed and pair == (right, left))


def matches_type(story: StoryEvent, event_type: str | None) -> bool:
    """`event_type` names a PLOVER type ("SANCTION"), a mode ("tariff") or both ("SANCTION/tariff")."""
    if not event_type:
        return True
    wanted = event_type.strip().lower()
    if "/" in wanted:
        kind, mode = wanted.split("/", 1)
        return story.event_type.lower() == kind and (story.mode or "").lower() == mode
    return story.event_type.lower() == wanted or (story.mode or "").lower() == wanted


def timeline(stories: Iterable[StoryEvent], dyad: str | None = None, since: str | None = None,
             until: str | None = None, event_type: str | None = None) -> list[StoryEvent]:
    """Story events in date order (undated last) that pass every given filter."""
    chosen = [
        s for s in stories
        if in_dyad(s, dyad) and matches_type(s, event_type) and prefix_in_range(s.date, since, until)
    ]
    return sorted(chosen, key=story_sort_key)
