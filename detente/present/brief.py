"""The five-minute briefing on one dyad: `build_brief` selects, `render_html`/`render_markdown` print.

Extractive and template-based: every sentence is a template filled with counts, codes, dates
and labels computed from the stored data, or a sentence/quote copied from an article. Nothing
is paraphrased or generated. Every statement links to its evidence: an appendix lists each
mention, quote and claim used with its sentence, article, outlet and character offsets
(anchors ``ev-<event_id>``, ``q-<quote_id>``, ``c-<claim_id>``).

The HTML page is self-contained (inline CSS, inline SVG chart, no script, no external
resource) and prints cleanly. The Markdown version carries the same sections; its chart is an
inline SVG data-URI image plus a text sparkline with the values, so it reads in a terminal too.
"""

from __future__ import annotations

import base64
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html import escape
from typing import Any

from detente.aggregate.contradictions import (
    Contradiction,
    Corroboration,
    claims_of,
    contradictions_about,
    single_sourced,
)
from detente.aggregate.dates import interval, prefix_in_range
from detente.aggregate.index import (
    IndexRow,
    TurningPoint,
    contribution,
    default_freq,
    dyad_index,
    turning_points,
    unindexed_stories,
)
from detente.aggregate.merge import merge_events, outlet_of
from detente.aggregate.timeline import timeline
from detente.dyad import Dyad, countries_of
from detente.models import Article, Claim, Event, Quote, StoryEvent
from detente.present import charts
from detente.present.charts import sparkline

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

    @classmethod
    def from_store(cls, store) -> BriefData:
        return cls(events=store.load_events(), articles=store.load_articles(),
                   quotes=store.load_quotes(), claims=store.load_claims())


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


def _anchor_event(event_id: str) -> str:
    return f"ev-{event_id}"


def _side_anchor(contradiction: Contradiction, side) -> str:
    """The evidence anchor of one side of a contradiction: a claim for numbers, else a mention."""
    return f"c-{side.ref}" if contradiction.kind == "number" else _anchor_event(side.ref)


def _single_sourced_anchor(brief: Brief, record: Corroboration) -> str:
    """The evidence anchor of a single-sourced claim or story event (its first mention)."""
    if record.kind == "claim":
        return f"c-{record.ref}"
    story = next(s for s in brief.stories if s.story_id == record.ref)
    return _anchor_event(story.mentions[0].event_id)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.1f}"


def _headline(dyad: str, stories: list[StoryEvent], rows: list[IndexRow], points: list[TurningPoint],
              n_unindexed: int, by_id: dict[str, StoryEvent]) -> list[Statement]:
    pair = Dyad.parse(dyad)
    left, right = pair.left, pair.right
    statements = []
    if not stories:
        return [Statement(f"No story events between {left} and {right} were found in the stored articles "
                          "for this period.")]
    dated = [s.date for s in stories if s.date]
    n_forward = sum(1 for s in stories if s.actor and s.actor.country == left)
    n_backward = len(stories) - n_forward
    mentions = [m for s in stories for m in s.mentions]
    span = f"Between {min(dated)} and {max(dated)}, " if dated else ""
    statements.append(Statement(
        f"{span}{len(stories)} story events between {left} and {right} were found "
        f"({n_forward} by {left} towards {right}, {n_backward} by {right} towards {left}), "
        f"told in {len(mentions)} mentions across {len({m.doc_id for m in mentions})} articles "
        f"from {len({m.outlet or m.doc_id for m in mentions})} outlets.",
        [_anchor_event(s.mentions[0].event_id) for s in stories[:3]],
    ))
    combined = [r for r in rows if r.direction == f"{left}-{right}" and r.n_events]
    if combined:
        last = combined[-1]
        drivers = [by_id[i] for i in last.story_ids if i in by_id][:2]
        text = (f"In the latest period with events ({last.period}) the combined index stood at "
                f"{_fmt(last.score)} from {last.n_events} story event{'s' if last.n_events != 1 else ''} "
                f"(weighted mean intensity "
                f"{_fmt(last.mean)} on the Goldstein scale: "
                f"{'conflict' if (last.mean or 0) < 0 else 'cooperation' if (last.mean or 0) > 0 else 'neutral'})")
        if len(combined) > 1:
            prev = combined[-2]
            trend = "lower (more conflictual)" if last.score < prev.score else (
                "higher (more cooperative)" if last.score > prev.score else "unchanged")
            text += f", {trend} than {_fmt(prev.score)} in {prev.period}"
        statements.append(Statement(text + ".", [_anchor_event(s.mentions[0].event_id) for s in drivers]))
    def refs(point: TurningPoint) -> list[str]:
        return [_anchor_event(by_id[d.story_id].mentions[0].event_id) for d in point.drivers if d.story_id in by_id]

    for point in points:
        if point.previous is None:  # the first period: a level, not a change between observations
            names = ", ".join(d.label for d in point.drivers) or "no single story event"
            statements.append(Statement(
                f"The series opens in {point.period}, the first period with events, at "
                f"{_fmt(point.level_after)} ({'cooperation' if point.change > 0 else 'conflict'}), "
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
            f"The largest {kind} came in {point.period} (index {_fmt(point.level_before)} → "
            f"{_fmt(point.level_after)}), {cause}.", refs(point)))
    n_reported = sum(r.n_reported for r in rows if r.direction == f"{left}-{right}")
    if n_reported:
        statements.append(Statement(
            f"{n_reported} of the story events on the index are dated only by the publication date of "
            "the articles reporting them (they happened on or before it) and are counted in that period."))
    if n_unindexed:
        statements.append(Statement(
            f"{n_unindexed} story events have no date precise enough for the index and appear only in the timeline."))
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
    stories = timeline(all_stories, dyad=dyad, since=since, until=until)
    by_id = {s.story_id: s for s in stories}
    freq = freq or default_freq(stories, dyad)
    rows = dyad_index(stories, dyad, freq)
    points = turning_points(stories, dyad, freq, rows=rows)
    n_unindexed = len(unindexed_stories(stories, dyad, freq))

    # Major story events: the largest weighted contributions, plus every turning-point driver.
    driver_ids = {d.story_id for p in points for d in p.drivers}
    ranked = sorted(stories, key=lambda s: (-(s.story_id in driver_ids), -abs(contribution(s)),
                                            -s.n_articles, s.story_id))
    shown = sorted(ranked[:max(max_stories, len(driver_ids))], key=lambda s: (s.date is None, s.date or "",
                                                                               s.story_id))
    used_docs = {m.doc_id for s in stories for m in s.mentions}
    events_by_id = {e.event_id: e for e in data.events}

    countries = {left, right}
    quotes = [q for q in data.quotes if q.doc_id in used_docs
              and (q.date is None or prefix_in_range(q.date, since, until))]
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
                     refs=[_anchor_event(s.mentions[0].event_id) for s in members])
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
            add(_anchor_event(m.event_id), "mention", m.evidence, m.doc_id, m.date)
    for q in quotes:
        add(f"q-{q.quote_id}", "quote", q.evidence, q.doc_id, q.date)
    for c in claims:
        add(f"c-{c.claim_id}", "claim", c.evidence, c.doc_id, c.date)
    for contradiction in contradictions:  # both sides have their evidence, from any article
        for side in (contradiction.a, contradiction.b):
            add(_side_anchor(contradiction, side), "claim" if contradiction.kind == "number" else "mention",
                side.evidence, side.doc_id)

    articles = sorted((data.articles[d] for d in used_docs if d in data.articles),
                      key=lambda a: (a.published or "", a.title or "", a.doc_id))
    return Brief(
        dyad=dyad, dyad_note=note, since=since, until=until, freq=freq,
        headline=_headline(dyad, stories, rows, points, n_unindexed, by_id),
        stories=shown, n_stories=len(stories), index_rows=rows, turning_points=points,
        n_unindexed=n_unindexed, actors=actor_summaries, quotes=quotes, contradictions=contradictions,
        single_sourced=single, articles=articles,
        evidence=sorted(evidence.values(), key=lambda e: (e.doc_id, e.start, e.anchor)),
    )


# ------------------------------------------------------------------------------ chart


def index_chart(brief: Brief) -> str:
    return charts.index_chart(brief.dyad, brief.freq, [r.to_dict() for r in brief.index_rows],
                              [p.to_dict() for p in brief.turning_points])


# ------------------------------------------------------------------------------ HTML

CSS = """
body{font-family:Georgia,'Times New Roman',serif;color:#1b1b1b;max-width:860px;margin:2rem auto;padding:0 1rem;
line-height:1.5;background:#fff}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.25rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;
margin-top:2rem}h1,h2,h3,th{font-family:Helvetica,Arial,sans-serif}
.meta{color:#555;font-size:.9rem}.note{background:#fff8e1;border-left:4px solid #d68910;padding:.4rem .8rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #e3e3e3;padding:.3rem .4rem;
text-align:left;vertical-align:top}th{background:#f4f4f4}
a{color:#1f3a5f}sup a{text-decoration:none;font-size:.75rem}
blockquote{margin:.6rem 0;padding:.2rem .9rem;border-left:3px solid #1f3a5f;background:#f7f9fc}
.chart{max-width:100%;height:auto;display:block;margin:1rem 0}
.evidence li{margin-bottom:.5rem}q{quotes:none;font-style:italic}
.tag{font-family:Helvetica,Arial,sans-serif;font-size:.8rem;background:#eef;padding:0 .3rem;border-radius:3px}
@media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}h2{page-break-after:avoid}
table,blockquote,li{page-break-inside:avoid}}
"""


def _driven_by(point: TurningPoint) -> str:
    if point.drivers and point.drivers[0].period != point.period:
        return f"No comparable events followed those of {point.drivers[0].period}:"
    return "Driven by:"


def _is_web_url(url: str | None) -> bool:
    """Only http(s) URLs become links: a scraped `javascript:` URL must stay inert text."""
    return bool(url) and url.lower().startswith(("http://", "https://"))


def _refs_html(refs: list[str]) -> str:
    return "".join(f'<sup><a href="#{escape(r)}">[{i}]</a></sup>' for i, r in enumerate(refs, 1))


def _actor_text(actor) -> str:
    if actor is None:
        return "?"
    code = actor.code or actor.country or "?"
    return f"{actor.text} ({code})" if actor.text else code


def _period_text(brief: Brief) -> str:
    return " – ".join(x for x in (brief.since or "", brief.until or "") if x) or "all dates"


def _kind_text(story: StoryEvent) -> str:
    return story.event_type + (f" / {story.mode}" if story.mode else "")


def _date_text(story: StoryEvent) -> str:
    if story.date is None:
        return "undated"
    text = f"{story.date} ({story.date_precision or '?'})"
    if story.date_earliest is None:
        text = f"on or before {story.date} ({story.date_precision or '?'})"
    elif (story.date_earliest, story.date_latest) != _own_span(story):
        text += f", sources span {story.date_earliest} – {story.date_latest}"
    return text


def _own_span(story: StoryEvent) -> tuple[str, str] | None:
    span = interval(story.date, story.date_precision)
    return (span[0].isoformat(), span[1].isoformat()) if span else None


def render_html(brief: Brief) -> str:
    """The briefing as one self-contained HTML page (inline CSS and SVG, no script)."""
    pair = Dyad.parse(brief.dyad)
    left, right = pair.left, pair.right
    h = escape
    period = _period_text(brief)
    out = [
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        f"<title>detente briefing: {h(left)}–{h(right)}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<style>{CSS}</style></head><body>",
        f"<h1>{h(left)}–{h(right)}: briefing</h1>",
        f'<p class="meta">Period: {h(period)} · {brief.n_stories} story events · {len(brief.articles)} articles · '
        "extracted and templated by detente from the articles listed below; every statement links to its evidence.</p>",
    ]
    if brief.dyad_note:
        out.append(f'<p class="note">{h(brief.dyad_note)}</p>')
    out.append('<h2 id="summary">Summary</h2><ul>')
    out += [f"<li>{h(s.text)}{_refs_html(s.refs)}</li>" for s in brief.headline]
    out.append("</ul>")

    out.append('<h2 id="index">Index over time</h2>')
    if brief.index_rows:
        out.append(index_chart(brief))
        out.append("<p class=\"meta\">Score per period = Σ confidence × (1 + ln articles) × Goldstein intensity of "
                   "its story events; empty periods are gaps, not zeros. Numbered markers are turning points.</p>")
        if brief.turning_points:
            out.append("<ol>")
            for i, p in enumerate(brief.turning_points, 1):
                drivers = ", ".join(
                    f'<a href="#st-{h(d.story_id)}">{h(d.label)}</a> ({d.contribution:+.1f})' for d in p.drivers)
                out.append(f'<li id="tp-{i}"><strong>{h(p.kind.capitalize())}</strong> in {h(p.period)}: '
                           f"{_fmt(p.level_before)} → {_fmt(p.level_after)} (change {p.change:+.1f}). "
                           f"{h(_driven_by(p))} {drivers or 'no single story event'}.</li>")
            out.append("</ol>")
    else:
        out.append("<p>No story event of this dyad has a date precise enough to place it on the index.</p>")

    out.append(f'<h2 id="timeline">Timeline of major story events</h2><p class="meta">{len(brief.stories)} of '
               f"{brief.n_stories} story events, chosen by weighted intensity; dates at their precision.</p>")
    out.append("<table><thead><tr><th>Date</th><th>Who → whom</th><th>What</th><th>Sources</th>"
               "<th>Evidence</th></tr></thead><tbody>")
    for s in brief.stories:
        kind = _kind_text(s)
        first = s.mentions[0]
        out.append(
            f'<tr id="st-{h(s.story_id)}"><td>{h(_date_text(s))}</td>'
            f"<td>{h(_actor_text(s.actor))} → {h(_actor_text(s.recipient))}</td>"
            f'<td><span class="tag">{h(kind)}</span> intensity {s.intensity:+.1f}<br><q>{h(first.evidence.text)}</q></td>'
            f"<td>{s.n_mentions} mentions, {s.n_articles} articles, {s.n_outlets} outlets"
            f"{' · single-sourced' if s.n_outlets <= 1 else ''}</td>"
            f"<td>{_refs_html([_anchor_event(m.event_id) for m in s.mentions])}</td></tr>")
    out.append("</tbody></table>")

    out.append('<h2 id="actors">Main actors and what they did</h2><table><thead><tr><th>Actor</th>'
               "<th>Named as</th><th>Story events</th><th>By type</th><th>Evidence</th></tr></thead><tbody>")
    for a in brief.actors:
        types = ", ".join(f"{h(t)} × {n}" for t, n in a.by_type)
        out.append(f"<tr><td>{h(a.code)}</td><td>{h(', '.join(a.names))}</td><td>{a.n_events}</td>"
                   f"<td>{types}</td><td>{_refs_html(a.refs)}</td></tr>")
    out.append("</tbody></table>")

    out.append('<h2 id="quotes">Key quotes</h2>')
    if not brief.quotes:
        out.append("<p>No quotes in the articles used.</p>")
    for q in brief.quotes:
        speaker = _actor_text(q.speaker) if q.speaker else "unattributed"
        out.append(f"<blockquote>“{h(q.text)}”<br>— {h(speaker)}{_refs_html([f'q-{q.quote_id}'])}</blockquote>")

    out.append('<h2 id="contradictions">Where sources disagree</h2>')
    if not brief.contradictions:
        out.append("<p>No contradiction on dates, numbers or actors was found between the articles used.</p>")
    else:
        out.append("<table><thead><tr><th>Kind</th><th>About</th><th>One source</th><th>Another source</th>"
                   "</tr></thead><tbody>")
        for c in brief.contradictions:
            cells = []
            for side in (c.a, c.b):
                cells.append(f'<td><strong>{h(side.value)}</strong> — {h(side.outlet or side.doc_id)}<br>'
                             f'<q>{h(side.evidence.text)}</q>{_refs_html([_side_anchor(c, side)])}</td>')
            out.append(f"<tr><td>{h(c.kind)}</td><td>{h(c.about)}</td>{''.join(cells)}</tr>")
        out.append("</tbody></table>")
    out.append('<h3 id="single-sourced">Single-sourced</h3>')
    if not brief.single_sourced:
        out.append("<p>Every story event and claim shown is reported by more than one outlet.</p>")
    else:
        out.append("<ul>")
        for r in brief.single_sourced:
            out.append(f"<li>{h(r.kind)}: {h(r.label)} — only {h(', '.join(r.outlets))}"
                       f"{_refs_html([_single_sourced_anchor(brief, r)])}</li>")
        out.append("</ul>")

    out.append('<h2 id="articles">Articles used</h2><table><thead><tr><th>Title</th><th>Outlet</th><th>Published</th>'
               "<th>Link</th></tr></thead><tbody>")
    for a in brief.articles:
        link = f'<a href="{h(a.url)}">{h(a.url)}</a>' if _is_web_url(a.url) else h(a.url or a.source_path)
        out.append(f'<tr id="art-{h(a.doc_id)}"><td>{h(a.title or "(untitled)")}</td><td>{h(outlet_of(a) or "")}</td>'
                   f"<td>{h(a.published or 'unknown')}</td><td>{link}</td></tr>")
    out.append("</tbody></table>")

    out.append('<h2 id="evidence">Evidence</h2><ol class="evidence">')
    for e in brief.evidence:
        out.append(f'<li id="{h(e.anchor)}"><q>{h(e.text)}</q><br><span class="meta">{h(e.kind)} · '
                   f'<a href="#art-{h(e.doc_id)}">{h(e.title or e.doc_id)}</a> · {h(e.outlet or "")} · '
                   f"characters {e.start}–{e.end}{' · dated ' + h(e.date) if e.date else ''}</span></li>")
    out.append("</ol></body></html>")
    return "\n".join(out)


# ------------------------------------------------------------------------------ Markdown

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def md(text: Any) -> str:
    """Escape article text for Markdown (no markup, no HTML, no table breaks)."""
    return str(text).replace("\n", " ").translate(_MD_SPECIAL)


def _refs_md(refs: list[str]) -> str:
    return "".join(f" [[{i}]](#{r})" for i, r in enumerate(refs, 1))


def render_markdown(brief: Brief) -> str:
    """The briefing in Markdown: same sections and evidence anchors as the HTML page."""
    pair = Dyad.parse(brief.dyad)
    left, right = pair.left, pair.right
    period = _period_text(brief)
    out = [f"# {left}–{right}: briefing", "",
           f"Period: {md(period)} · {brief.n_stories} story events · {len(brief.articles)} articles. "
           "Extracted and templated by detente; every statement links to its evidence.", ""]
    if brief.dyad_note:
        out += [f"> {md(brief.dyad_note)}", ""]
    out += ["## Summary", ""] + [f"- {md(s.text)}{_refs_md(s.refs)}" for s in brief.headline] + [""]

    out += ["## Index over time", ""]
    combined = [r for r in brief.index_rows if r.direction == f"{left}-{right}"]
    if combined:
        svg = index_chart(brief)
        uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
        out += [f"![Conflict–cooperation index {left}–{right}]({uri})", "",
                f"`{sparkline([r.score for r in combined])}` {combined[0].period} … {combined[-1].period} "
                "(· = no events)", "",
                f"| {brief.freq} | {left}→{right} | {right}→{left} | combined | story events |",
                "|---|---:|---:|---:|---:|"]
        by = {(r.period, r.direction): r for r in brief.index_rows}
        for r in combined:
            f_, b_ = by[(r.period, f"{left}>{right}")], by[(r.period, f"{right}>{left}")]
            out.append(f"| {r.period} | {_fmt(f_.score)} | {_fmt(b_.score)} | {_fmt(r.score)} | {r.n_events} |")
        out.append("")
        for i, p in enumerate(brief.turning_points, 1):
            drivers = ", ".join(f"[{md(d.label)}](#st-{d.story_id}) ({d.contribution:+.1f})" for d in p.drivers)
            out.append(f'{i}. <a id="tp-{i}"></a>**{p.kind.capitalize()}** in {p.period}: {_fmt(p.level_before)} → '
                       f"{_fmt(p.level_after)} (change {p.change:+.1f}). {md(_driven_by(p))} "
                       f"{drivers or 'no single story event'}.")
        out.append("")
    else:
        out += ["No story event of this dyad has a date precise enough to place it on the index.", ""]

    out += ["## Timeline of major story events", "",
            f"{len(brief.stories)} of {brief.n_stories} story events, dates at their precision.", "",
            "| Date | Who → whom | What | Sources | Evidence |", "|---|---|---|---|---|"]
    for s in brief.stories:
        kind = _kind_text(s)
        out.append(f'| <a id="st-{s.story_id}"></a>{md(_date_text(s))} | {md(_actor_text(s.actor))} → '
                   f"{md(_actor_text(s.recipient))} | {md(kind)}: “{md(s.mentions[0].evidence.text)}” | "
                   f"{s.n_mentions} mentions, {s.n_articles} articles, {s.n_outlets} outlets"
                   f"{' (single-sourced)' if s.n_outlets <= 1 else ''} |"
                   f"{_refs_md([_anchor_event(m.event_id) for m in s.mentions])} |")
    out.append("")
    out += ["## Main actors and what they did", "", "| Actor | Named as | Story events | By type | Evidence |",
            "|---|---|---:|---|---|"]
    for a in brief.actors:
        types = ", ".join(f"{md(t)} × {n}" for t, n in a.by_type)
        out.append(f"| {md(a.code)} | {md(', '.join(a.names))} | {a.n_events} | {types} |{_refs_md(a.refs)} |")
    out += ["", "## Key quotes", ""]
    if not brief.quotes:
        out += ["No quotes in the articles used.", ""]
    for q in brief.quotes:
        speaker = _actor_text(q.speaker) if q.speaker else "unattributed"
        out += [f"> “{md(q.text)}” — {md(speaker)}{_refs_md([f'q-{q.quote_id}'])}", ""]
    out += ["## Where sources disagree", ""]
    if not brief.contradictions:
        out += ["No contradiction on dates, numbers or actors was found between the articles used.", ""]
    for c in brief.contradictions:
        sides = []
        for side in (c.a, c.b):
            sides.append(f"**{md(side.value)}** ({md(side.outlet or side.doc_id)}: “{md(side.evidence.text)}”)"
                         f"{_refs_md([_side_anchor(c, side)])}")
        out.append(f"- {c.kind} — {md(c.about)}: {sides[0]} vs {sides[1]}")
    out += ["", "### Single-sourced", ""]
    if not brief.single_sourced:
        out += ["Every story event and claim shown is reported by more than one outlet.", ""]
    for r in brief.single_sourced:
        out.append(f"- {r.kind}: {md(r.label)} — only {md(', '.join(r.outlets))}"
                   f"{_refs_md([_single_sourced_anchor(brief, r)])}")
    out += ["", "## Articles used", "", "| Title | Outlet | Published | Link |", "|---|---|---|---|"]
    for a in brief.articles:
        link = f"<{a.url}>" if _is_web_url(a.url) and " " not in a.url and ">" not in a.url else md(a.url or a.source_path)
        out.append(f'| <a id="art-{a.doc_id}"></a>{md(a.title or "(untitled)")} | {md(outlet_of(a) or "")} | '
                   f"{md(a.published or 'unknown')} | {link} |")
    out += ["", "## Evidence", ""]
    for i, e in enumerate(brief.evidence, 1):
        out.append(f'{i}. <a id="{e.anchor}"></a>“{md(e.text)}” — {e.kind} · [{md(e.title or e.doc_id)}](#art-{e.doc_id})'
                   f" · {md(e.outlet or '')} · characters {e.start}–{e.end}")
    return "\n".join(out) + "\n"


__all__ = ["Brief", "BriefData", "build_brief", "choose_dyad", "index_chart", "render_html",
           "render_markdown"]
