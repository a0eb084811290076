"""The five-minute briefing on one dyad, printed: `render_html` and `render_markdown` fill the
templates `templates/brief.html.j2` and `templates/brief.md.j2` with what
`detente.aggregate.briefing.build_brief` selected (re-exported here). This module only prepares
the values the templates show; what goes in is decided in `detente.aggregate.briefing`.

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
from dataclasses import dataclass
from html import escape
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_eval_context, select_autoescape
from jinja2.nodes import EvalContext
from markupsafe import Markup

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
from detente.models import Quote, StoryEvent
from detente.present import charts
from detente.present.charts import sparkline

# ------------------------------------------------------------------------------ chart


def index_chart(brief: Brief, width: int = 760, height: int = 300) -> str:
    return charts.index_chart(brief.dyad, brief.freq, [r.to_dict() for r in brief.index_rows],
                              [p.to_dict() for p in brief.turning_points], width=width, height=height)


# ------------------------------------------------------------------------------ data for the templates

def _driven_by(point: TurningPoint) -> str:
    if point.drivers and point.drivers[0].period != point.period:
        return f"No comparable events followed those of {point.drivers[0].period}:"
    return "Driven by:"


def _is_web_url(url: str | None) -> bool:
    """Only http(s) URLs become links: a scraped `javascript:` URL must stay inert text."""
    return bool(url) and url.lower().startswith(("http://", "https://"))


def _actor_text(actor) -> str:
    """The canonical name and the code ("Gustavo Petro (COLGOV)"), never the pronoun that
    mentions the actor; the words of the mention only when nothing names it."""
    from detente.present.formats import NO_SIDE, side_name

    if actor is None:
        return NO_SIDE
    code = actor.code or actor.country
    name = actor.to_dict()["name"] or actor.text
    if not name:
        return side_name(actor.to_dict())
    return f"{name} ({code})" if code else name  # someone named the dictionaries do not know


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


def _speaker_text(quote: Quote) -> str:
    return _actor_text(quote.speaker) if quote.speaker else "unattributed"


def _event_anchors(story: StoryEvent) -> list[str]:
    return [anchor_event(m.event_id) for m in story.mentions]


def _autolinkable(url: str | None) -> bool:
    """A web URL that Markdown can show as `<url>`: an autolink holds no space, `<` or `>`."""
    return url is not None and _is_web_url(url) and not any(c in url for c in " <>")


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def md(text: Any) -> str:
    """Escape article text for Markdown (no markup, no HTML, no table breaks)."""
    return str(text).replace("\n", " ").translate(_MD_SPECIAL)


@pass_eval_context
def _finalize(eval_ctx: EvalContext, value: Any) -> Any:
    """In the HTML page, escape text as `html.escape` does (``&#x27;``, ``&quot;``), as charts.py
    does and as the page always was, rather than Jinja's ``&#39;``/``&#34;``."""
    if eval_ctx.autoescape and isinstance(value, str) and not isinstance(value, Markup):
        return Markup(escape(value))
    return value


def _environment() -> Environment:
    """One environment for both formats: autoescape for the HTML template only; the Markdown
    template escapes article text itself with the `md` filter."""
    env = Environment(loader=PackageLoader("detente.present", "templates"),
                      autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
                      trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined, finalize=_finalize)
    env.filters["md"] = md
    env.globals.update(
        signed=signed, driven_by=_driven_by, date_text=_date_text, actor_text=_actor_text,
        kind_text=_kind_text, speaker_text=_speaker_text, event_anchors=_event_anchors,
        side_anchor=side_anchor, single_sourced_anchor=single_sourced_anchor, outlet_of=outlet_of,
        is_web_url=_is_web_url, autolinkable=_autolinkable)
    return env


_ENV = _environment()


def _common(brief: Brief) -> dict[str, Any]:
    pair = Dyad.parse(brief.dyad)
    return {"brief": brief, "left": pair.left, "right": pair.right, "period": _period_text(brief)}


# ------------------------------------------------------------------------------ HTML


def render_html(brief: Brief) -> str:
    """The briefing as one self-contained HTML page (inline CSS and SVG, no script)."""
    charts_svg: dict[str, Markup | None] = {"chart": None, "chart_small": None}
    if brief.index_rows:  # charts.py escapes its own labels: its SVG goes in as markup
        charts_svg["chart"] = Markup(index_chart(brief))
        charts_svg["chart_small"] = Markup(index_chart(brief, width=360, height=260)
                                           .replace('class="chart"', 'class="chart small"', 1))
    return _ENV.get_template("brief.html.j2").render(**_common(brief), **charts_svg)


# ------------------------------------------------------------------------------ Markdown


@dataclass(frozen=True)
class _IndexLine:
    """One period of the Markdown index table: both directions and the combined score."""

    period: str
    forward: float
    backward: float
    combined: float
    n_events: int


def render_markdown(brief: Brief) -> str:
    """The briefing in Markdown: same sections and evidence anchors as the HTML page."""
    context = _common(brief)
    left, right = context["left"], context["right"]
    combined = [r for r in brief.index_rows if r.direction == f"{left}-{right}"]
    by = {(r.period, r.direction): r for r in brief.index_rows}
    table = [_IndexLine(r.period, by[(r.period, f"{left}>{right}")].score, by[(r.period, f"{right}>{left}")].score,
                        r.score, r.n_events) for r in combined]
    chart_uri = spark = ""
    if combined:
        svg = index_chart(brief)
        chart_uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
        spark = sparkline([r.score for r in combined])
    return _ENV.get_template("brief.md.j2").render(**context, index_table=table, chart_uri=chart_uri,
                                                   spark=spark)


__all__ = ["Brief", "BriefData", "build_brief", "choose_dyad", "index_chart", "render_html",
           "render_markdown"]
