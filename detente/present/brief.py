"""The five-minute briefing on one dyad, printed: `render_html` and `render_markdown` render
what `detente.aggregate.briefing.build_brief` selected (re-exported here).

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
from html import escape
from typing import Any

from detente.aggregate.briefing import (  # noqa: F401 - the briefing's records, selected there
    MAX_QUOTES,
    MAX_STORIES,
    ActorSummary,
    Brief,
    BriefData,
    EvidenceItem,
    Statement,
    anchor_event,
    build_brief,
    choose_dyad,
    side_anchor,
    signed,
    single_sourced_anchor,
)
from detente.aggregate.dates import interval
from detente.aggregate.index import TurningPoint
from detente.aggregate.merge import outlet_of
from detente.dyad import Dyad
from detente.models import StoryEvent
from detente.present import charts
from detente.present.charts import sparkline

# ------------------------------------------------------------------------------ chart


def index_chart(brief: Brief, width: int = 760, height: int = 300) -> str:
    return charts.index_chart(brief.dyad, brief.freq, [r.to_dict() for r in brief.index_rows],
                              [p.to_dict() for p in brief.turning_points], width=width, height=height)


# ------------------------------------------------------------------------------ HTML

CSS = """
body{font-family:Georgia,'Times New Roman',serif;color:#1b1b1b;max-width:860px;margin:2rem auto;padding:0 1rem;
line-height:1.5;background:#fff}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.25rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;
margin-top:2rem}h1,h2,h3,th{font-family:Helvetica,Arial,sans-serif}
.meta{color:#555;font-size:.9rem}td,th{overflow-wrap:anywhere}
.chart.small{display:none}
@media(max-width:640px){body{margin:1rem auto}table{display:block;overflow-x:auto}
svg.chart{display:none}svg.chart.small{display:block}}
@media print{svg.chart{display:block}svg.chart.small{display:none}}
.note{background:#fff8e1;border-left:4px solid #d68910;padding:.4rem .8rem}
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
    """The canonical name and the code ("Gustavo Petro (COLGOV)"), never the pronoun that
    mentions the actor; the words of the mention only when nothing names it."""
    from detente.present.formats import side_name

    if actor is None:
        return "?"
    code = actor.code or actor.country or "?"
    name = actor.to_dict()["name"] or actor.text
    return f"{name} ({code})" if name else side_name(actor.to_dict())


def _period_text(brief: Brief) -> str:
    return " – ".join(x for x in (brief.since or "", brief.until or "") if x) or "all dates"


def _kind_text(story: StoryEvent) -> str:
    return story.event_type + (f" / {story.mode}" if story.mode else "")


def _date_text(story: StoryEvent) -> str:
    """A story's date with its uncertainty: a range when the text allows no more."""
    if story.date is None:
        if story.date_earliest and story.date_latest:
            return f"between {story.date_earliest} and {story.date_latest} (range)"
        if story.date_latest:
            return f"on or before {story.date_latest} (range)"
        return "undated"
    text = f"{story.date} ({story.date_precision or '?'})"
    if story.date_earliest is None:
        text = f"on or before {story.date} ({story.date_precision or '?'})"
    elif (story.date_earliest, story.date_latest) != _own_span(story):
        within = "sources span" if story.n_articles > 1 else "within"
        text += f", {within} {story.date_earliest} – {story.date_latest}"
    if story.background:
        text += ", background"
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
        out.append(index_chart(brief))  # a phone gets the one drawn for its width (CSS below)
        out.append(index_chart(brief, width=360, height=260).replace('class="chart"', 'class="chart small"', 1))
        out.append("<p class=\"meta\">Score per period = Σ confidence × (1 + ln articles) × Goldstein intensity of "
                   "its story events; empty periods are gaps, not zeros. Numbered markers are turning points.</p>")
        if brief.turning_points:
            out.append("<ol>")
            for i, p in enumerate(brief.turning_points, 1):
                drivers = ", ".join(
                    f'<a href="#st-{h(d.story_id)}">{h(d.label)}</a> ({d.contribution:+.1f})' for d in p.drivers)
                if p.previous is None:  # the first period with events: a level, not an escalation from 0
                    out.append(f'<li id="tp-{i}"><strong>Opening level</strong> in {h(p.period)}: the series '
                               f"opens at {signed(p.level_after)}. {h(_driven_by(p))} "
                               f"{drivers or 'no single story event'}.</li>")
                    continue
                out.append(f'<li id="tp-{i}"><strong>{h(p.kind.capitalize())}</strong> in {h(p.period)}: '
                           f"{signed(p.level_before)} → {signed(p.level_after)} (change {p.change:+.1f}). "
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
            f"<td>{_refs_html([anchor_event(m.event_id) for m in s.mentions])}</td></tr>")
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
        out.append("<table><thead><tr><th>Kind</th><th>About</th><th>What the sources say</th>"
                   "</tr></thead><tbody>")
        for c in brief.contradictions:  # one row per disagreement, every source of each position
            cells = []
            for position in c.positions:
                sources = "".join(f'<li>{h(side.outlet or side.doc_id)}: <q>{h(side.evidence.text)}</q>'
                                  f'{_refs_html([side_anchor(c, side)])}</li>' for side in position.sources)
                cells.append(f"<strong>{h(position.value)}</strong><ul>{sources}</ul>")
            out.append(f"<tr><td>{h(c.kind)}</td><td>{h(c.about)}</td><td>{''.join(cells)}</td></tr>")
        out.append("</tbody></table>")
    out.append('<h3 id="single-sourced">Single-sourced</h3>')
    if not brief.single_sourced:
        out.append("<p>Every story event and claim shown is reported by more than one outlet.</p>")
    else:
        out.append("<ul>")
        for r in brief.single_sourced:
            out.append(f"<li>{h(r.kind)}: {h(r.label)} — only {h(', '.join(r.outlets))}"
                       f"{_refs_html([single_sourced_anchor(brief, r)])}</li>")
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
            out.append(f"| {r.period} | {signed(f_.score)} | {signed(b_.score)} | {signed(r.score)} | {r.n_events} |")
        out.append("")
        for i, p in enumerate(brief.turning_points, 1):
            drivers = ", ".join(f"[{md(d.label)}](#st-{d.story_id}) ({d.contribution:+.1f})" for d in p.drivers)
            if p.previous is None:  # the first period with events: a level, not an escalation from 0
                out.append(f'{i}. <a id="tp-{i}"></a>**Opening level** in {p.period}: the series opens at '
                           f"{signed(p.level_after)}. {md(_driven_by(p))} {drivers or 'no single story event'}.")
                continue
            out.append(f'{i}. <a id="tp-{i}"></a>**{p.kind.capitalize()}** in {p.period}: {signed(p.level_before)} → '
                       f"{signed(p.level_after)} (change {p.change:+.1f}). {md(_driven_by(p))} "
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
                   f"{_refs_md([anchor_event(m.event_id) for m in s.mentions])} |")
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
        positions = []
        for position in c.positions:
            sources = "; ".join(f"{md(side.outlet or side.doc_id)}: “{md(side.evidence.text)}”"
                                f"{_refs_md([side_anchor(c, side)])}" for side in position.sources)
            positions.append(f"**{md(position.value)}** ({sources})")
        out.append(f"- {c.kind} — {md(c.about)}: {' vs '.join(positions)}")
    out += ["", "### Single-sourced", ""]
    if not brief.single_sourced:
        out += ["Every story event and claim shown is reported by more than one outlet.", ""]
    for r in brief.single_sourced:
        out.append(f"- {r.kind}: {md(r.label)} — only {md(', '.join(r.outlets))}"
                   f"{_refs_md([single_sourced_anchor(brief, r)])}")
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
