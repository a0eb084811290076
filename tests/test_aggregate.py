"""Aggregate stage: shared builders for crafted events, plus dates and timeline tests.

The other aggregate test modules import `ev`, `art`, `claim`, `quote` from here.
"""

from __future__ import annotations

import itertools

from detente.aggregate.dates import interval, period_key, period_range, prefix_in_range
from detente.aggregate.merge import merge_events, outlet_of
from detente.aggregate.timeline import timeline
from detente.dyad import Dyad
from detente.models import Actor, Article, Claim, Event, Evidence, Quote

_ids = itertools.count(1)

ACTORS = {
    "USA": Actor("Trump", "USAGOV", "USA", "GOV"),
    "COL": Actor("Colombia", "COL", "COL", None),
    "ECU": Actor("Ecuador", "ECU", "ECU", None),
    "VEN": Actor("Venezuela", "VEN", "VEN", None),
}

TYPES = {  # type -> (cameo_root, quad_class)
    "SANCTION": ("16", 4), "THREATEN": ("13", 3), "ACCUSE": ("11", 3), "CONSULT": ("04", 1),
    "AID": ("07", 2), "COERCE": ("17", 4), "AGREE": ("03", 1),
}


def art(doc_id: str, text: str = "", outlet: str | None = None, url: str | None = None,
        published: str | None = None, title: str | None = None) -> Article:
    return Article(doc_id=doc_id, source_path=f"corpus/{doc_id}.txt", text=text, outlet=outlet,
                   url=url, published=published, title=title or f"Article {doc_id}")


def ev(doc: Article | str, sentence: str, actor: str = "USA", recipient: str = "COL",
       event_type: str = "SANCTION", mode: str | None = None, date: str | None = None,
       precision: str | None = None, method: str | None = "explicit", intensity: float = -8.0,
       confidence: float = 0.8, actor_obj: Actor | None = None, event_id: str | None = None) -> Event:
    """An event whose evidence is `sentence` at its real offsets in the article text."""
    doc_id = doc.doc_id if isinstance(doc, Article) else doc
    start = doc.text.find(sentence) if isinstance(doc, Article) else 0
    assert start >= 0, f"sentence not in article {doc_id}: {sentence}"
    root, quad = TYPES[event_type]
    if date and precision is None:
        precision = {4: "year", 7: "month", 10: "day"}[len(date)]
    return Event(
        event_id=event_id or f"e{next(_ids):04d}", doc_id=doc_id,
        actor=actor_obj or ACTORS[actor], recipient=ACTORS[recipient],
        event_type=event_type, cameo_root=root, quad_class=quad, intensity=intensity,
        evidence=Evidence(sentence, start, start + len(sentence)), mode=mode, date=date,
        date_precision=precision if date else None, date_method=method if date else None,
        confidence=confidence, source_path=f"corpus/{doc_id}.txt",
    )


def claim(doc: Article, sentence: str, surface: str, value: float, unit: str, measure: str,
          subject: str | None = "COL", date: str | None = None) -> Claim:
    start = doc.text.find(sentence)
    assert start >= 0
    return Claim(claim_id=f"c{next(_ids):04d}", doc_id=doc.doc_id, value=value, unit=unit,
                 measure=measure, text=surface, evidence=Evidence(sentence, start, start + len(sentence)),
                 subject=subject, date=date)


def quote(doc: Article, sentence: str, words: str, speaker: Actor) -> Quote:
    start = doc.text.find(sentence)
    assert start >= 0 and words in sentence
    return Quote(quote_id=f"q{next(_ids):04d}", doc_id=doc.doc_id, speaker=speaker, text=words,
                 evidence=Evidence(sentence, start, start + len(sentence)))


# ---------------------------------------------------------------- dates


def test_interval_by_precision():
    assert [d.isoformat() for d in interval("2025-02", "month")] == ["2025-02-01", "2025-02-28"]
    assert [d.isoformat() for d in interval("2024", "year")] == ["2024-01-01", "2024-12-31"]
    assert interval("2025-01-26", "day")[0] == interval("2025-01-26", "day")[1]
    assert interval(None) is None and interval("garbage!!!") is None


def test_period_keys_and_ranges():
    assert period_key("2025-01-26", "day", "month") == "2025-01"
    assert period_key("2025-01-26", "day", "week") == "2025-W04"
    assert period_key("2025", "year", "month") is None
    assert period_key("2025-01-26", "day", "year") == period_key("2025", "year", "year") == "2025"
    assert period_range("2023", "2025", "year") == ["2023", "2024", "2025"]
    assert period_key("2025-01", "month", "week") is None
    assert period_range("2024-11", "2025-02", "month") == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert period_range("2024-W52", "2025-W02", "week") == ["2024-W52", "2025-W01", "2025-W02"]


def test_prefix_compare():
    assert prefix_in_range("2025-01", "2025-01-15", None)
    assert not prefix_in_range("2024-12-31", "2025-01", None)
    assert prefix_in_range("2025-03-02", None, "2025-03")
    assert not prefix_in_range("2025-04", None, "2025-03-31")
    assert not prefix_in_range(None, "2025", None)
    assert prefix_in_range(None, None, None)


def test_outlet_falls_back_to_the_url_s_host_and_never_to_a_path():
    assert outlet_of(art("a", outlet="Reuters")) == "Reuters"
    assert outlet_of(art("a", url="https://www.ndtv.com/world-news/x")) == "ndtv.com"
    assert outlet_of(art("a")) is None
    assert outlet_of(None, None, "x/y.txt") is None
    assert outlet_of(art("a", outlet="/home/me/saved/page.html")) is None


# ---------------------------------------------------------------- timeline


def _timeline_stories():
    a = art("t1", "Washington imposed tariffs on Colombia. Bogotá recalled its ambassador from Washington. "
                  "Petro accused Ecuador of meddling. The two sides held talks.")
    events = [
        ev(a, "Washington imposed tariffs on Colombia.", mode="tariff", date="2025-01-26"),
        ev(a, "Bogotá recalled its ambassador from Washington.", actor="COL", recipient="USA",
           event_type="COERCE", date="2025-10", intensity=-5.0),
        ev(a, "Petro accused Ecuador of meddling.", actor="COL", recipient="ECU", event_type="ACCUSE",
           date="2025-03-02", intensity=-2.0),
        ev(a, "The two sides held talks.", event_type="CONSULT", intensity=1.0, date=None),
    ]
    return merge_events(events, {"t1": a})


def test_timeline_orders_by_date_undated_last():
    stories = timeline(_timeline_stories())
    assert [s.date for s in stories] == ["2025-01-26", "2025-03-02", "2025-10", None]


def test_timeline_dyad_filters():
    stories = _timeline_stories()
    both = timeline(stories, dyad="USA-COL")
    assert {(s.actor.country, s.recipient.country) for s in both} == {("USA", "COL"), ("COL", "USA")}
    assert len(both) == 3
    one = timeline(stories, dyad="COL>USA")
    assert [s.event_type for s in one] == ["COERCE"]
    assert Dyad.parse("usa>col") == Dyad("USA", "COL", True)
    assert Dyad.parse("USA-COL") == Dyad("USA", "COL", False)


def test_timeline_since_until_type():
    stories = _timeline_stories()
    assert [s.date for s in timeline(stories, since="2025-02")] == ["2025-03-02", "2025-10"]
    assert [s.date for s in timeline(stories, until="2025-03")] == ["2025-01-26", "2025-03-02"]
    assert [s.event_type for s in timeline(stories, event_type="sanction")] == ["SANCTION"]
    assert [s.mode for s in timeline(stories, event_type="tariff")] == ["tariff"]
