"""What the five-minute briefing on a dyad says: `build_brief` selects, from the story events,
index, quotes, claims and contradictions, what goes in (and the templated sentences of its
headline); `detente.present.brief` renders it as HTML or Markdown.

Extractive: every statement is a template filled with counts, codes, dates and labels
computed from the stored data, or a sentence/quote copied from an article, and carries the
anchors of its evidence (``ev-<event_id>``, ``q-<quote_id>``, ``c-<claim_id>``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from detente.aggregate.contradictions import (
    Contradiction,
    Corroboration,
    claims_of,
    contradictions_about,
    single_sourced,
)
from detente.aggregate.dates import prefix_in_range
from detente.aggregate.index import (
    IndexRow,
    TurningPoint,
    contribution,
    default_freq,
    dyad_index,
    placements,
    turning_points,
    unindexed_stories,
    why_unindexed,
)
from detente.aggregate.merge import merge_events, outlet_of
from detente.aggregate.timeline import timeline
from detente.dyad import Dyad, countries_of
from detente.models import Article, Claim, Event, Quote, StoryEvent

MAX_STORIES = 15
MAX_QUOTES = 8


@dataclass
class BriefData:
    """Everything a briefing may draw on (what the store holds, or crafted in tests)."""

    events: list[Event]
    articles: dict[str, Article]
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    stories: list[StoryEvent] | None = None  # merge_events(events, articles) when already computed
    # the quotes of some articles, read when the briefing knows which (a store holds hundreds of
    # thousands; a briefing shows a few of its dyad's): replaces `quotes` when given
    quotes_of: Callable[[set[str]], list[Quote]] | None = None

    @classmethod
    def from_store(cls, store) -> BriefData:
        """A snapshot of the store, usable after it is closed."""
        return cls(events=store.load_events(), articles=store.load_articles(),
                   quotes=store.load_quotes(), claims=store.load_claims())

    def quotes_in(self, doc_ids: set[str]) -> list[Quote]:
        """The quotes of these articles."""
        if self.quotes_of is not None:
            return self.quotes_of(doc_ids)
        return [q for q in self.quotes if q.doc_id in doc_ids]


@dataclass
class Statement:
    """A templated sentence and the evidence anchors it rests on."""

    text: str
    refs: list[str] = field(default_factory=list)


@dataclass
class EvidenceItem:
    anchor: str  # ev-… | q-… | c-…
    kind: str  # mention | quote | claim
    text: str  # the sentence, exactly as in the article
    doc_id: str
    title: str | None
    outlet: str | None
    url: str | None
    source_path: str | None
    start: int
    end: int
    date: str | None = None


@dataclass
class ActorSummary:
    code: str
    names: list[str]
    n_events: int
    by_type: list[tuple[str, int]]
    refs: list[str]


@dataclass
class Brief:
    dyad: str
    dyad_note: str | None
    since: str | None
    until: str | None
    freq: str
    headline: list[Statement]
    stories: list[StoryEvent]  # major story events shown, in date order
    n_stories: int  # all story events of the dyad in the period
    index_rows: list[IndexRow]
    turning_points: list[TurningPoint]
    n_unindexed: int
    actors: list[ActorSummary]
    quotes: list[Quote]
    contradictions: list[Contradiction]
    single_sourced: list[Corroboration]
    articles: list[Article]
    evidence: list[EvidenceItem]
    n_background: int = 0  # story events that are background facts, not current events
    unindexed_why: dict[str, int] = field(default_factory=dict)  # reason → story events off the index


def choose_dyad(stories: list[StoryEvent]) -> tuple[str | None, int]:
    """The unordered pair of countries with the most story events ("USA-COL"), and that count."""
    counts: Counter[tuple[str, str]] = Counter()
    for s in stories:
        a, b = countries_of(s)
        if a and b and a != b:
            counts[tuple(sorted((a, b)))] += 1
    if not counts:
        return None, 0
    (a, b), n = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return f"{a}-{b}", n


def anchor_event(event_id: str) -> str:
    return f"ev-{event_id}"


def side_anchor(contradiction: Contradiction, side) -> str:
    """The evidence anchor of one side of a contradiction: a claim for numbers, else a mention."""
    return f"c-{side.ref}" if contradiction.kind == "number" else anchor_event(side.ref)


def single_sourced_anchor(brief: Brief, record: Corroboration) -> str:
    """The evidence anchor of a single-sourced claim or story event (its first mention)."""
    if record.kind == "claim":
        return f"c-{record.ref}"
    story = next(s for s in brief.stories if s.story_id == record.ref)
    return anchor_event(story.mentions[0].event_id)


def signed(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.1f}"


def _headline(dyad: str, stories: list[StoryEvent], rows: list[IndexRow], points: list[TurningPoint],
              unindexed_why: dict[str, int], by_id: dict[str, StoryEvent], n_background: int = 0,
              n_spread: int = 0) -> list[Statement]:
    pair = Dyad.parse(dyad)
    left, right = pair.left, pair.right
    statements = []
    if not stories:
        return [Statement(f"No story events between {left} and {right} were found in the stored articles "
                          "for this period.")]
    # the span of what the stories' dates allow: a range counts by its bounds, so stories dated only
    # to a range widen it instead of vanishing from it
    lows = [low for s in stories if (low := s.date_earliest or s.date)]
    highs = [high for s in stories if (high := s.date_latest or s.date)]
    n_ranged = sum(1 for s in stories if not s.date and (s.date_earliest or s.date_latest))
    n_forward = sum(1 for s in stories if s.actor and s.actor.country == left)
    n_backward = len(stories) - n_forward
    mentions = [m for s in stories for m in s.mentions]
    span = ""
    if lows and highs:
        low, high = min(lows), max(highs)
        span = f"On {low}" if low == high else f"Between {low} and {high}"
        span += f" ({n_ranged} dated only to a range), " if n_ranged else ", "
    statements.append(Statement(
        f"{span}{len(stories)} story events between {left} and {right} were found "
        f"({n_forward} by {left} towards {right}, {n_backward} by {right} towards {left}), "
        f"told in {len(mentions)} mentions across {len({m.doc_id for m in mentions})} articles "
        f"from {len({m.outlet or m.doc_id for m in mentions})} outlets.",
        [anchor_event(s.mentions[0].event_id) for s in stories[:3]],
    ))
    combined = [r for r in rows if r.direction == f"{left}-{right}" and r.n_events]
    # the latest period a story event is dated in, not one holding only shares of ranges (a range
    # running to the publication day would otherwise always make the last month the news)
    own = [r for r in combined if r.n_events > r.n_spread]
    if combined:
        last = own[-1] if own else combined[-1]
        combined = combined[:combined.index(last) + 1]
        drivers = [by_id[i] for i in last.story_ids if i in by_id][:2]
        where = "with story events of its own" if own else "with events (all dated only to ranges)"
        text = (f"In the latest period {where} ({last.period}) the combined index stood at "
                f"{signed(last.score)} from {last.n_events} story event{'s' if last.n_events != 1 else ''} "
                f"(weighted mean intensity "
                f"{signed(last.mean)} on the Goldstein scale: "
                f"{'conflict' if (last.mean or 0) < 0 else 'cooperation' if (last.mean or 0) > 0 else 'neutral'})")
        if len(combined) > 1:
            prev = combined[-2]
            trend = "lower (more conflictual)" if last.score < prev.score else (
                "higher (more cooperative)" if last.score > prev.score else "unchanged")
            text += f", {trend} {'from' if trend == 'unchanged' else 'than'} {signed(prev.score)} in {prev.period}"
        statements.append(Statement(text + ".", [anchor_event(s.mentions[0].event_id) for s in drivers]))
    def refs(point: TurningPoint) -> list[str]:
        return [anchor_event(by_id[d.story_id].mentions[0].event_id) for d in point.drivers if d.story_id in by_id]

    for point in points:
        if point.previous is None:  # the first period: a level, not a change between observations
            names = ", ".join(d.label for d in point.drivers) or "no single story event"
            statements.append(Statement(
                f"The series opens in {point.period}, the first period with events, at "
                f"{signed(point.level_after)} ({'cooperation' if point.change > 0 else 'conflict'}), "
                f"driven by {names}.", refs(point)))
    for kind in ("escalation", "de-escalation"):
        of_kind = [p for p in points if p.kind == kind and p.previous is not None]
        if not of_kind:
            continue
        point = max(of_kind, key=lambda p: abs(p.change))
        names = ", ".join(d.label for d in point.drivers) or "no single story event"
        if point.drivers and point.drivers[0].period != point.period:
            cause = f"as no comparable events followed those of {point.drivers[0].period} ({names})"
        else:
            cause = f"driven by {names}"
        statements.append(Statement(
            f"The largest {kind} came in {point.period} (index {signed(point.level_before)} → "
            f"{signed(point.level_after)}), {cause}.", refs(point)))
    n_reported = sum(r.n_reported for r in rows if r.direction == f"{left}-{right}")
    if n_reported:
        statements.append(Statement(
            f"{n_reported} of the story events on the index are dated only by the publication date of "
            "the articles reporting them (they happened on or before it) and are counted in that period."))
    if n_spread:
        statements.append(Statement(
            f"{n_spread} story event{'s are' if n_spread != 1 else ' is'} dated only to a range (a month "
            "on a finer index, a year or a span the article's own dates allow) and spread over the periods "
            "of that range, each holding a share."))
    reasons = {"undated": "undated (no date in the text and no publication date to stand in)",
               "range too wide": "dated only to a range too wide for the index"}
    parts = [f"{n} {reasons[why]}" for why, n in sorted(unindexed_why.items()) if n and why in reasons]
    if parts:
        total = sum(n for why, n in unindexed_why.items() if why in reasons)
        statements.append(Statement(
            f"{total} story event{'s are' if total != 1 else ' is'} off the index and only in the timeline: "
            + "; ".join(parts) + "."))
    if n_background:
        statements.append(Statement(
            f"{n_background} background fact{'s' if n_background != 1 else ''} (biographical or historical, "
            f"dated long before the story) {'are' if n_background != 1 else 'is'} left out of the current "
            "events and the index."))
    return statements


def build_brief(source, dyad: str | None = None, since: str | None = None, until: str | None = None,
                freq: str | None = None, max_stories: int = MAX_STORIES, max_quotes: int = MAX_QUOTES) -> Brief:
    """Select what the briefing on `dyad` shows; `source` is a Store or a BriefData.

    Without `dyad`, the pair of countries with the most story events is chosen and the brief
    says so (`dyad_note`). Without `freq`, the index is monthly, or yearly when no story event
    of the dyad is dated to the month.
    """
    data = source if isinstance(source, BriefData) else BriefData.from_store(source)
    all_stories = data.stories if data.stories is not None else merge_events(data.events, data.articles)
    note = None
    if not dyad:
        dyad, n = choose_dyad(all_stories)
        if dyad is None:
            raise ValueError("no story event with two known countries: nothing to brief on")
        note = f"No dyad was given: {dyad} is the pair of countries with the most story events ({n})."
    pair = Dyad.parse(dyad).pair
    left, right = pair.left, pair.right
    dyad = pair.name
    in_period = timeline(all_stories, dyad=dyad, since=since, until=until)
    stories = [s for s in in_period if not s.background]  # current events; background facts apart
    n_background = len(in_period) - len(stories)
    by_id = {s.story_id: s for s in stories}
    freq = freq or default_freq(stories, dyad)
    rows = dyad_index(stories, dyad, freq)
    points = turning_points(stories, dyad, freq, rows=rows)
    unindexed = unindexed_stories(stories, dyad, freq)
    n_unindexed = len(unindexed)
    unindexed_why = dict(Counter(why_unindexed(s, freq) for s in unindexed))
    n_spread = sum(1 for s in stories if pair.matches(s) and any(share < 1 for _, share in placements(s, freq)))

    # Major story events: the largest weighted contributions, plus every turning-point driver.
    driver_ids = {d.story_id for p in points for d in p.drivers}
    ranked = sorted(stories, key=lambda s: (-(s.story_id in driver_ids), -abs(contribution(s)),
                                            -s.n_articles, s.story_id))
    shown = sorted(ranked[:max(max_stories, len(driver_ids))], key=lambda s: (s.date is None, s.date or "",
                                                                               s.story_id))
    used_docs = {m.doc_id for s in stories for m in s.mentions}
    events_by_id = {e.event_id: e for e in data.events}

    countries = {left, right}
    quotes = [q for q in data.quotes_in(used_docs) if q.date is None or prefix_in_range(q.date, since, until)]
    quotes.sort(key=lambda q: (not (q.speaker and q.speaker.country in countries), q.doc_id, q.evidence.start))
    quotes = quotes[:max_quotes]
    claims = claims_of(stories, data.claims, since, until)
    contradictions = contradictions_about(all_stories, data.claims, data.articles, events_by_id, dyad,
                                          since, until)
    single = single_sourced(shown, claims, data.articles)

    actors: dict[str, list[StoryEvent]] = defaultdict(list)
    for s in stories:
        actors[(s.actor.code or s.actor.country) if s.actor else "?"].append(s)
    actor_summaries = [
        ActorSummary(code=code, names=sorted({m_text for s in members for m_text in [s.actor.text] if s.actor}),
                     n_events=len(members),
                     by_type=Counter(s.event_type + (f"/{s.mode}" if s.mode else "") for s in members).most_common(),
                     refs=[anchor_event(s.mentions[0].event_id) for s in members])
        for code, members in sorted(actors.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]

    evidence: dict[str, EvidenceItem] = {}

    def add(anchor, kind, ev, doc_id, date=None):
        article = data.articles.get(doc_id)
        evidence.setdefault(anchor, EvidenceItem(
            anchor=anchor, kind=kind, text=ev.text, doc_id=doc_id, title=article.title if article else None,
            outlet=outlet_of(article) if article else None, url=article.url if article else None,
            source_path=article.source_path if article else None, start=ev.start, end=ev.end, date=date))

    for s in stories:
        for m in s.mentions:
            add(anchor_event(m.event_id), "mention", m.evidence, m.doc_id, m.date)
    for q in quotes:
        add(f"q-{q.quote_id}", "quote", q.evidence, q.doc_id, q.date)
    for c in claims:
        add(f"c-{c.claim_id}", "claim", c.evidence, c.doc_id, c.date)
    for contradiction in contradictions:  # every source has its evidence, from any article
        for side in contradiction.sides:
            add(side_anchor(contradiction, side), "claim" if contradiction.kind == "number" else "mention",
                side.evidence, side.doc_id)

    articles = sorted((data.articles[d] for d in used_docs if d in data.articles),
                      key=lambda a: (a.published or "", a.title or "", a.doc_id))
    return Brief(
        dyad=dyad, dyad_note=note, since=since, until=until, freq=freq,
        headline=_headline(dyad, stories, rows, points, unindexed_why, by_id, n_background, n_spread),
        stories=shown, n_stories=len(stories), index_rows=rows, turning_points=points,
        n_unindexed=n_unindexed, actors=actor_summaries, quotes=quotes, contradictions=contradictions,
        single_sourced=single, articles=articles,
        evidence=sorted(evidence.values(), key=lambda e: (e.doc_id, e.start, e.anchor)),
        n_background=n_background, unindexed_why=unindexed_why,
    )
