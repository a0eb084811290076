"""The conflict–cooperation index of a dyad, per period, and its turning points.

Formula
-------
Each story event s of the dyad with a date at least as precise as the period (any date for
``freq="year"``, month or day for ``freq="month"``, day for ``freq="week"``) falls in one period. It carries

    weight        w_s = confidence_s × (1 + ln n_articles_s)
    contribution  c_s = w_s × intensity_s            (intensity: Goldstein, −10 … +10)

so a story told by one article counts with its confidence, one told by three with about
twice that. Per period and direction (``USA>COL``, ``COL>USA`` and combined ``USA-COL``):

    score = Σ c_s                 net conflict (< 0) or cooperation (> 0), grows with volume
    mean  = Σ c_s / Σ w_s         weighted mean intensity, on the Goldstein scale

with ``n_events`` (story events), ``n_mentions`` and ``n_articles`` behind each point.

A story dated only to a range — a month on a weekly index, a year or an "on or before" span
from the article's own anchors — is spread over the periods its ``date_earliest`` …
``date_latest`` covers (at most ``MAX_SPREAD`` of them), each holding the share 1/k of its
weight and contribution, and counted in ``n_spread`` of each; a wider range stays off the index
(``unindexed_stories``). A background story (every mention a biographical or historical fact)
is never on the index. A story
known only by an upper bound (every mention dated by the ``publication`` method: the publication
date stands in for "recently") counts in the period of that bound — the GDELT convention of
dating an event by its report — and is counted in ``n_reported`` so a reader can tell. Every
period between the first and the last one with an event gets a row; a period with no event
has ``n_events = 0`` and ``score``/``mean`` null — no data, not a neutral zero.

Turning points are the largest period-to-period changes of the score, where a period with no
events — and the period before the first — counts as level 0: an escalation is a fall
(more conflict), a de-escalation a rise. Each names the story events that drove it: those in
the period whose contribution points the way of the change, largest first; when nothing
in the period does (the change comes from events stopping), those of the previous period.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from detente.aggregate.dates import period_key, period_range, period_start
from detente.dyad import Dyad
from detente.models import StoryEvent


def weight(story: StoryEvent) -> float:
    return float(story.confidence) * (1.0 + math.log(max(1, story.n_articles)))


def contribution(story: StoryEvent) -> float:
    return weight(story) * float(story.intensity)


@dataclass
class IndexRow:
    period: str
    direction: str  # "USA>COL", "COL>USA" or "USA-COL" (combined)
    score: float | None
    mean: float | None
    n_events: int
    n_mentions: int
    n_articles: int
    story_ids: list[str] = field(default_factory=list)
    n_reported: int = 0  # stories dated only by the publication date of their reports
    n_spread: int = 0  # stories dated only to a range, here with a share of their weight

    def to_dict(self) -> dict[str, Any]:
        return {"period": self.period, "direction": self.direction, "score": self.score,
                "mean": self.mean, "n_events": self.n_events, "n_mentions": self.n_mentions,
                "n_articles": self.n_articles, "n_reported": self.n_reported, "n_spread": self.n_spread,
                "story_ids": list(self.story_ids)}


@dataclass
class Driver:
    story_id: str
    contribution: float
    period: str
    label: str  # "SANCTION/tariff USA>COL 2025-01-26"

    def to_dict(self) -> dict[str, Any]:
        return {"story_id": self.story_id, "contribution": self.contribution,
                "period": self.period, "label": self.label}


@dataclass
class TurningPoint:
    period: str
    previous: str | None
    direction: str
    kind: str  # escalation | de-escalation | opening (the first period with events: a level)
    change: float
    level_before: float
    level_after: float
    drivers: list[Driver] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"period": self.period, "previous": self.previous, "direction": self.direction,
                "kind": self.kind, "change": self.change, "level_before": self.level_before,
                "level_after": self.level_after, "drivers": [d.to_dict() for d in self.drivers]}


def story_label(story: StoryEvent) -> str:
    kind = story.event_type + (f"/{story.mode}" if story.mode else "")
    actor = story.actor.country if story.actor and story.actor.country else "?"
    recipient = story.recipient.country if story.recipient and story.recipient.country else "?"
    when = story.date or (f"{story.date_earliest}…{story.date_latest}" if story.date_earliest and story.date_latest
                          else "undated")
    return f"{kind} {actor}>{recipient} {when}"


MAX_SPREAD = {"week": 8, "month": 24, "year": 5}  # the most periods a range is spread over


def placements(story: StoryEvent, freq: str) -> list[tuple[str, float]]:
    """The periods a story falls in, with its share of each: one period at 1.0 when its date is
    as precise as the period, else the periods its range covers at 1/k each; none when it is
    background, undated or its range covers more than `MAX_SPREAD` periods."""
    if story.background:
        return []
    key = period_key(story.date, story.date_precision, freq)
    if key is not None:
        return [(key, 1.0)]
    if not story.date_earliest or not story.date_latest:
        return []
    first = period_key(story.date_earliest[:10], "day", freq)
    last = period_key(story.date_latest[:10], "day", freq)
    if first is None or last is None or period_start(first) > period_start(last):
        return []
    keys = period_range(first, last, freq)
    if len(keys) > MAX_SPREAD[freq]:
        return []
    return [(k, 1.0 / len(keys)) for k in keys]


def placed_stories(stories: list[StoryEvent], dyad: Dyad | str, freq: str = "month") -> dict[str, list[tuple[StoryEvent, float]]]:
    """The dyad's story events by period with their share there (both directions)."""
    pair = Dyad.parse(dyad).pair
    by_period: dict[str, list[tuple[StoryEvent, float]]] = defaultdict(list)
    for story in stories:
        if pair.matches(story):
            for key, share in placements(story, freq):
                by_period[key].append((story, share))
    return by_period


def indexed_stories(stories: list[StoryEvent], dyad: Dyad | str, freq: str = "month") -> dict[str, list[StoryEvent]]:
    """The dyad's story events by period (both directions); stories without a period left out."""
    return {key: [s for s, _ in placed] for key, placed in placed_stories(stories, dyad, freq).items()}


def unindexed_stories(stories: list[StoryEvent], dyad: Dyad | str, freq: str = "month") -> list[StoryEvent]:
    """The dyad's story events the index cannot place: background, undated, or dated to a range
    wider than `MAX_SPREAD` periods."""
    pair = Dyad.parse(dyad).pair
    return [s for s in stories if pair.matches(s) and not placements(s, freq)]


def why_unindexed(story: StoryEvent, freq: str) -> str:
    """Why a story is off the index: background, undated, or dated too coarsely."""
    if story.background:
        return "background"
    if not story.date and not (story.date_earliest and story.date_latest):
        return "undated"
    return "range too wide"


def default_freq(stories: list[StoryEvent], dyad: Dyad | str) -> str:
    """The default index period: month, or year when no story event of the dyad (either
    direction) is dated to the month — an index of empty months says nothing."""
    pair = Dyad.parse(dyad).pair
    mine = [s for s in stories if pair.matches(s) and not s.background]
    if mine and all(period_key(s.date, s.date_precision, "month") is None for s in mine):
        return "year"  # ranges alone would spread evenly over the months: a flat band
    return "month"


def _row(period: str, direction: str, placed: list[tuple[StoryEvent, float]]) -> IndexRow:
    if not placed:
        return IndexRow(period, direction, None, None, 0, 0, 0, [])
    members = [s for s, _ in placed]
    total_weight = sum(share * weight(s) for s, share in placed)
    score = sum(share * contribution(s) for s, share in placed)
    articles = {m.doc_id for s in members for m in s.mentions}
    return IndexRow(
        period=period, direction=direction, score=round(score, 3),
        mean=round(score / total_weight, 3) if total_weight else None,
        n_events=len(members), n_mentions=sum(s.n_mentions for s in members),
        n_articles=len(articles) or sum(s.n_articles for s in members),
        story_ids=[s.story_id for s, share in sorted(placed, key=lambda p: p[1] * contribution(p[0]))],
        n_reported=sum(1 for s in members if s.date is not None and s.date_earliest is None),
        n_spread=sum(1 for _, share in placed if share < 1.0),
    )


def dyad_index(stories: list[StoryEvent], dyad: Dyad | str, freq: str = "month",
               since: str | None = None, until: str | None = None) -> list[IndexRow]:
    """Index rows per period for actor→recipient, recipient→actor and combined (see module doc).

    Rows run from the first to the last period with an event (or from `since` to `until`,
    given as ISO prefixes at least as precise as the period), ordered by period then direction.
    """
    pair = Dyad.parse(dyad).pair
    left, right = pair.left, pair.right
    forward, backward, combined = pair.directions
    by_period = placed_stories(stories, pair, freq)
    keys = sorted(by_period)
    first = period_key(since, None, freq) if since else (keys[0] if keys else None)
    last = period_key(until, None, freq) if until else (keys[-1] if keys else None)
    if first is None or last is None:
        return []
    rows = []
    for period in period_range(first, last, freq):
        members = by_period.get(period, [])
        rows.append(_row(period, forward, [(s, w) for s, w in members if s.actor and s.actor.country == left]))
        rows.append(_row(period, backward, [(s, w) for s, w in members if s.actor and s.actor.country == right]))
        rows.append(_row(period, combined, members))
    return rows


def turning_points(stories: list[StoryEvent], dyad: Dyad | str, freq: str = "month", n: int = 3,
                   direction: str | None = None, rows: list[IndexRow] | None = None,
                   max_drivers: int = 3) -> list[TurningPoint]:
    """The `n` largest period-to-period changes of the score (combined direction by default)."""
    direction = direction or Dyad.parse(dyad).directions[2]
    rows = rows if rows is not None else dyad_index(stories, dyad, freq)
    series = [r for r in rows if r.direction == direction]
    by_id = {s.story_id: s for s in stories}
    changes = []
    previous: IndexRow | None = None
    for row in series:
        before = (previous.score or 0.0) if previous else 0.0
        after = row.score or 0.0
        change = round(after - before, 3)
        if change != 0:
            changes.append((row, previous, before, after, change))
        previous = row
    changes.sort(key=lambda c: (-abs(c[4]), c[0].period))
    points = []
    for row, prev, before, after, change in changes[:n]:
        sign = -1 if change < 0 else 1
        # what moved the index: the stories of this period pushing its way, or those of the last
        # period pushing the other way that did not recur — whichever weighs more (a sharp month
        # followed by small shares of a long range falls because the sharp month ended)
        drivers = _drivers(row, by_id, sign, None, freq)
        if prev is not None:
            ended = _drivers(prev, by_id, -sign, None, freq)
            if sum(abs(d.contribution) for d in ended) > sum(abs(d.contribution) for d in drivers):
                drivers = ended
        drivers = drivers[:max_drivers]
        points.append(TurningPoint(
            period=row.period, previous=prev.period if prev else None, direction=direction,
            # the first period with events opens the series: a level, not a change from nothing
            kind="opening" if prev is None else ("escalation" if change < 0 else "de-escalation"), change=change,
            level_before=round(before, 3), level_after=round(after, 3), drivers=drivers,
        ))
    return sorted(points, key=lambda p: p.period)


def _drivers(row: IndexRow, by_id: dict[str, StoryEvent], sign: int, limit: int | None,
             freq: str = "month") -> list[Driver]:
    """The stories pushing the period's change, by their contribution to this period (a story
    spread over a range contributes its share)."""
    def here(story: StoryEvent) -> float:
        share = next((w for key, w in placements(story, freq) if key == row.period), 1.0)
        return share * contribution(story)

    members = [by_id[i] for i in row.story_ids if i in by_id]
    pushing = [s for s in members if here(s) * sign > 0]
    pushing.sort(key=lambda s: (-abs(here(s)), s.story_id))
    return [Driver(s.story_id, round(here(s), 3), row.period, story_label(s)) for s in pushing[:limit]]
