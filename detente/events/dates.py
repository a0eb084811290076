"""Event dates: read from the article's own narrative first, the publication date second.

Precision is honest: "on January 26, 2025" is a day, "in September" a month, "last year" a year,
"by October" a range (on or before). `method` says how a date was found:

- ``explicit``: a calendar date with its year in the text;
- ``anchored``: a year-less or relative expression ("in March", "Jan. 3", "the following month",
  "a week later", "days after the inauguration", "since then") resolved against the last date the
  article itself established before it, in reading order (its offsets are the anchor's);
- ``relative-to-publication``: resolved against the publication date (deictic words — "this
  week", "last year", "on Monday" — always are, the others when the text set no anchor);
- ``publication``: no date of its own; the publication date stands in (an upper bound);
- ``inferred``: only a range is known (an unknown publication date: the range its inferred
  bounds and the article's anchors allow).

The word tables are data (`detente/data/dating_words.yaml`); one compiled regex per kind.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

WORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "dating_words.yaml"
WORDS: dict[str, Any] = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))

MONTHS: dict[str, int] = WORDS["months"]
MONTH_ABBR: dict[str, int] = WORDS["month_abbreviations"]
WEEKDAYS = {d: i for i, d in enumerate(WORDS["weekdays"])}
VEHICLE_NOUNS = frozenset(WORDS["vehicle_nouns"])  # "in a statement issued on March 3, X accused Y"
VEHICLE_PREPS = frozenset(WORDS["vehicle_preps"])
NUMBER_WORDS: dict[str, int] = WORDS["numbers"]


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_MONTH_WORDS = "|".join([*(w.capitalize() for w in MONTHS), *(rf"{w.capitalize()}\.?" for w in MONTH_ABBR)])
_MONTH = rf"(?P<month>{_MONTH_WORDS})"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_NUM = rf"(?P<n>\d+|{_alt(NUMBER_WORDS)})"
_UNIT = r"(?P<unit>days?|weeks?|months?|years?)"
_VAGUE = rf"(?P<vague>{_alt(WORDS['vague_counts'])})"
_KNOWN = "|".join(f"(?:{k['phrase']})" for k in WORDS["known_events"])
PATTERNS = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("by", re.compile(rf"\b(?P<by>(?i:{_alt(WORDS['on_or_before'])}))\s+(?:(?:early|mid-?|late)\s+)?"
                      rf"(?:{_MONTH}(?:\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?)?(?:,?\s+{_YEAR})?|(?P<yonly>(?:19|20)\d\d))\b")),
    ("mdy", re.compile(_MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")),
    ("dmy", re.compile(r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")),
    ("my", re.compile(rf"\b(?:(?P<prep>(?i:{_alt(WORDS['month_prepositions'])}))\s*)?" + _MONTH
                      + r"(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d))?\b")),
    ("year", re.compile(rf"\b(?P<prep>in|since|during|until|of|early|late|mid-?)\s+{_YEAR}\b"
                        rf"(?!\s*(?:{_alt(WORDS['year_not_time'])}))", re.I)),
    ("since", re.compile(rf"\b(?P<since>{_alt(WORDS['since_then'])})\b", re.I)),
    ("after", re.compile(rf"\b(?:{_NUM}\s+{_UNIT}|{_VAGUE})\s+(?P<dir>after|before)\s+(?:the\s+|his\s+|her\s+)?(?P<known>{_KNOWN})", re.I)),
    ("later", re.compile(rf"\b(?:{_NUM}\s+{_UNIT}|{_VAGUE})\s+(?P<dir>later|earlier|afterwards?)\b", re.I)),
    ("that", re.compile(rf"\b(?:(?P<side>{_alt(WORDS['narrative_that'])})\s+)?(?:in\s+)?that\s+"
                        rf"(?P<unit>{_alt(WORDS['narrative_units'])})\b(?![-’'])", re.I)),
    ("narr", re.compile(rf"\bthe\s+(?P<shift>{_alt(WORDS['narrative_shift'])})\s+(?P<unit>{_alt(WORDS['narrative_units'])})\b", re.I)),
    ("rel", re.compile(rf"\b(?P<rel>{_alt(WORDS['today'])}|{_alt(WORDS['yesterday'])}|{_alt(WORDS['tomorrow'])}"
                       rf"|{_alt(WORDS['recently'])}|{_alt(WORDS['past_weekend'])}"
                       rf"|(?P<dshift>{_alt(WORDS['deictic_shift'])})\s+(?P<dunit>{_alt(WORDS['deictic_units'])})"
                       rf"|(?:on\s+)?(?:(?P<wdshift>{_alt(WORDS['weekday_shift'])})\s+)?(?P<wd>{_alt(WEEKDAYS)})"
                       rf"|{_NUM}\s+{_UNIT}\s+ago)\b", re.I)),
]
_THAT = dict(PATTERNS)["that"]
BACKGROUND_CUES = [re.compile(c, re.I) for c in WORDS["background_cues"]]


_Day = date  # the type, for annotations inside DateValue (whose field `date` shadows it)


@dataclass(frozen=True)
class DateValue:
    date: str | None
    precision: str | None  # day | month | year
    method: str | None  # explicit | anchored | relative-to-publication | publication | inferred
    start: int = -1  # char offset of the expression in the sentence (-1: none in the text)
    future: bool = False
    end: int = -1  # char offset just past the expression in the sentence
    earliest: str | None = None  # ISO day: the first day the date can mean (None: open)
    latest: str | None = None  # ISO day: the last day it can mean (None: open)
    anchor_start: int = -1  # document offsets of the anchor an anchored date was resolved on
    anchor_end: int = -1
    background: bool = False  # a biographical or historical fact, not the news
    since: DateValue | None = None  # "since June 2018": the date itself, where this value runs on from it

    @property
    def month(self) -> str | None:
        return self.date[:7] if self.date and self.precision in ("day", "month") else None

    @property
    def span(self) -> tuple[_Day | None, _Day | None]:
        return parse_day(self.earliest), parse_day(self.latest)


def parse_day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None


def _iso(d: date, precision: str) -> str:
    return {"day": d.isoformat(), "month": d.isoformat()[:7], "year": str(d.year)}[precision]


def _month_end(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def _bounds(d: date, precision: str) -> tuple[date, date]:
    """The first and last day of the day, week (Monday to Sunday), month or year holding `d`."""
    if precision == "day":
        return d, d
    if precision == "week":
        monday = d - timedelta(days=d.weekday())
        return monday, monday + timedelta(days=6)
    if precision == "month":
        return date(d.year, d.month, 1), _month_end(d)
    return date(d.year, 1, 1), date(d.year, 12, 31)


def value_of(earliest: date | None, latest: date | None, method: str, start: int = -1, **extra) -> DateValue:
    """A date from its bounds: `date` is what the two bounds share (a day, a month, a year), or None."""
    label, precision = None, None
    if earliest is not None and latest is not None:
        if earliest == latest:
            label, precision = earliest.isoformat(), "day"
        elif (earliest.year, earliest.month) == (latest.year, latest.month):
            label, precision = earliest.isoformat()[:7], "month"
        elif earliest.year == latest.year:
            label, precision = str(earliest.year), "year"
    return DateValue(label, precision, method, start, earliest=earliest.isoformat() if earliest else None,
                     latest=latest.isoformat() if latest else None, **extra)


def _point(d: date, precision: str, method: str, start: int, **extra) -> DateValue:
    first, last = _bounds(d, precision)
    return DateValue(_iso(d, precision), precision, method, start, earliest=first.isoformat(),
                     latest=last.isoformat(), **extra)


def parse_anchor(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        try:
            return date(int(value[:4]), int(value[5:7] or 1) if len(value) >= 7 else 1, 1)
        except ValueError:
            return None


def _month_num(text: str) -> int:
    key = text.lower().rstrip(".")
    return MONTHS.get(key) or MONTH_ABBR.get(key[:4]) or MONTH_ABBR[key[:3]]


def _shift_month(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def _add_months(d: date, months: int) -> date:
    """The same day `months` later (or earlier), the month's last day where it has no such day."""
    first = _shift_month(d, months)
    return first.replace(day=min(d.day, calendar.monthrange(first.year, first.month)[1]))


def _count(g: dict) -> tuple[int, int, str]:
    """(fewest, most) days and the unit of "two weeks", "a week", "days", "a few months"."""
    if g.get("vague"):
        key = " ".join(g["vague"].lower().split())
        low, high = WORDS["vague_counts"][key]
        return int(low), int(high), "day"
    n = int(g["n"]) if g["n"].isdigit() else NUMBER_WORDS[g["n"].lower()]
    unit = g["unit"].lower().rstrip("s")
    return n, n, unit


def _nearest(candidates: list[date], anchor: date, tense: str | None) -> tuple[date, bool]:
    """The candidate nearest the anchor; a past-tense clause keeps it on or before the anchor, a
    future one ("next", "will") after it. Returns the date and whether it lies after the anchor."""
    pool = candidates
    if tense == "past":
        pool = [d for d in candidates if d <= anchor] or candidates
    elif tense == "future":
        pool = [d for d in candidates if d >= anchor] or candidates
    best = min(pool, key=lambda d: (abs((d - anchor).days), d > anchor))
    return best, best > anchor


def _after_narrative(month: int, day: int | None, anchor: DateValue, published: date | None,
                     tense: str | None) -> date | None:
    """A year-less month (and day) told after the narrative anchor: the anchor's year, or the next
    when the story has moved past the year's end ("in December … in January"); never after the
    publication date for an act told in the past tense."""
    first = parse_day(anchor.earliest)
    if first is None:
        return None
    year = first.year
    if anchor.precision in ("day", "month") and month < first.month and first.month - month > 6:
        year += 1
    try:
        found = date(year, month, day or 1)
        if published is not None and tense != "future" and found > published:
            found = date(year - 1, month, day or 1)
    except ValueError:
        return None
    return found


def find_dates(text: str, anchor: date | None, previous: DateValue | None = None,
               tense_at=None, narrative: DateValue | None = None, published: date | None = None,
               known_events=None) -> list[DateValue]:
    """All date expressions in `text` (a sentence), resolved on the article's `narrative` anchor
    (the last date its story set, with document offsets) where there is one, else on `anchor`
    (the publication date). `previous` is a former name of `narrative`. `published` is the
    publication date when known (a past act is never after it). `known_events(phrase)` gives the
    date of a named event ("the inauguration").

    A month or day without a year and without a narrative anchor is the occurrence nearest the
    anchor; `tense_at(offset)` (the tense of the clause holding the expression: "past", "future"
    or None) keeps a past act on or before it and a future one after it. The narrative anchor
    moves on with every date found, in reading order."""
    narrative = narrative or previous
    found: list[DateValue] = []
    taken: list[tuple[int, int]] = []

    def free(m) -> bool:
        return not any(a < m.end() and m.start() < b for a, b in taken)

    matches = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if free(m):
                matches.append((kind, m))
                taken.append((m.start(), m.end()))
    for kind, m in sorted(matches, key=lambda km: km[1].start()):
        tense = tense_at(m.start()) if tense_at is not None else None
        value = _resolve(kind, m, anchor, narrative, tense, published, known_events)
        if value is None:
            continue
        value = replace(value, end=m.end())
        since = kind == "since" or told_since(text, m.start(), m.end())
        if kind != "since" and since:
            value = _since(value, published or anchor)
        found.append(value)
        if not value.future and value.earliest and not since and kind != "that":
            narrative = replace(value, start=-1)
    return found


_SINCE = re.compile(r"\bsince\b", re.I)


def keeps_the_anchor(text: str, start: int, end: int) -> bool:
    """A date expression that does not move the story's anchor: a "since" date (`told_since`) or
    one that refers back to the anchor's own period ("earlier that year")."""
    return told_since(text, start, end) or bool(_THAT.match(text, start))


def told_since(text: str, start: int, end: int) -> bool:
    """A date expression said with "since" ("since 2018", "ever since June 3"): the start of a
    state or a run of acts, never where the story is (no narrative anchor)."""
    return bool(_SINCE.search(text[max(0, start - 12): end]))


def _since(value: DateValue, until: date | None) -> DateValue:
    """"since June 2018", "ever since 2019": an act or state that runs from that date to the story's
    present (its publication date; open when unknown), not one on that date."""
    first = parse_day(value.earliest)
    if first is None or value.future or (until is not None and until < first):
        return value
    return replace(value_of(first, until, value.method or "explicit", value.start), end=value.end, anchor_start=value.anchor_start,
                   anchor_end=value.anchor_end, since=value)


def _narrative_base(narrative: DateValue | None, anchor: date | None) -> tuple[DateValue | None, str]:
    """What a narrative expression is resolved on: the story's anchor, else the publication date."""
    if narrative is not None and narrative.earliest:
        return narrative, "anchored"
    if anchor is not None:
        return _point(anchor, "day", "relative-to-publication", -1), "relative-to-publication"
    return None, ""


def _anchor_of(base: DateValue) -> dict:
    return {"anchor_start": base.anchor_start, "anchor_end": base.anchor_end}


def _resolve(kind: str, m, anchor: date | None, narrative: DateValue | None, tense: str | None = None,
             published: date | None = None, known_events=None) -> DateValue | None:
    g = m.groupdict()
    start = m.start()
    try:
        if kind == "iso":
            return _point(date(int(g["year"]), int(g["mnum"]), int(g["day"])), "day", "explicit", start)
        if kind == "by":
            return _by(g, start, anchor, narrative, tense, published)
        if kind in ("mdy", "dmy", "my"):
            return _calendar(kind, m, g, anchor, narrative, tense, published)
        if kind == "year":
            year = int(g["year"])
            future = anchor is not None and year > anchor.year
            return _point(date(year, 1, 1), "year", "explicit", start, future=future)
        if kind == "since":
            base, method = _narrative_base(narrative, None)
            if base is None:
                return None
            end = published or anchor
            return value_of(parse_day(base.earliest), end, method, start, **_anchor_of(base))
        if kind == "after":
            return _after_known(g, start, anchor, narrative, known_events)
        if kind == "later":
            base, method = _narrative_base(narrative, None)
            if base is None:
                return None
            low, high, unit = _count(g)
            days = WORDS["unit_days"][unit]
            sign = -1 if g["dir"].lower() == "earlier" else 1
            first, last = parse_day(base.earliest), parse_day(base.latest) or parse_day(base.earliest)
            if first is None or last is None:
                return None
            if unit in ("month", "year"):  # "two years later": calendar years and months, not 365-day steps
                months = 12 if unit == "year" else 1
                shifted = sorted([_add_months(first, sign * low * months), _add_months(last, sign * high * months)])
            else:
                shifted = sorted([first + timedelta(days=sign * low * days), last + timedelta(days=sign * high * days)])
            return value_of(shifted[0], shifted[1], method, start, **_anchor_of(base))
        if kind == "that":
            base, method = _narrative_base(narrative, None)
            return _that_period(g, base, start) if base is not None else None
        if kind == "narr":
            base, method = _narrative_base(narrative, anchor)
            if base is None:
                return None
            return _narrative_shift(g, base, method, start)
        if kind == "rel":
            return _relative(m.group("rel").lower(), g, anchor, start, tense)
    except (ValueError, KeyError):
        return None
    return None


def _by(g: dict, start: int, anchor: date | None, narrative: DateValue | None, tense, published) -> DateValue | None:
    """"by September": on or before the end of it; from the narrative anchor when there is one."""
    if g.get("yonly"):
        end = date(int(g["yonly"]), 12, 31)
        point = None
    else:
        month = _month_num(g["month"])
        day = int(g["day"]) if g.get("day") else None
        if g.get("year"):
            point = date(int(g["year"]), month, day or 1)
        elif narrative is not None and narrative.earliest:
            point = _after_narrative(month, day, narrative, published, tense)
        elif anchor is not None:
            options = [date(y, month, day or 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
            point, _ = _nearest(options, anchor if day else date(anchor.year, anchor.month, 1), tense)
        else:
            return None
        if point is None:
            return None
        end = point if day else _month_end(point)
    future = tense == "future"
    first = parse_day(narrative.earliest) if narrative is not None and narrative.earliest else None
    if first is not None and first > end:
        first = None
    method = "explicit" if (g.get("year") or g.get("yonly")) else ("anchored" if narrative is not None else "relative-to-publication")
    extra = _anchor_of(narrative) if method == "anchored" and narrative is not None else {}
    value = value_of(first, end, method, start, future=future, **extra)
    return value


def _calendar(kind: str, m, g: dict, anchor: date | None, narrative: DateValue | None, tense,
              published: date | None) -> DateValue | None:
    start = m.start()
    month = _month_num(g["month"])
    if kind == "my":
        word = g["month"]
        prep = (g.get("prep") or "").lower()
        if word.lower() == "may" and not g.get("year") and not prep:
            return None  # the modal verb "may"
        if g.get("year"):
            return _point(date(int(g["year"]), month, 1), "month", "explicit", start)
        day = None
    else:
        day = int(g["day"])
        if g.get("year"):
            return _point(date(int(g["year"]), month, day), "day", "explicit", start)
        prep = ""
    precision = "day" if day else "month"
    before = m.string[max(0, start - 12): start].lower()
    if prep == "next" or re.search(r"\b(?:next|upcoming|coming)\s+$", before):
        tense = "future"
    if narrative is not None and narrative.earliest and prep not in ("last", "next") and tense != "future":
        found = _after_narrative(month, day, narrative, published, tense)
        if found is not None:
            return _point(found, precision, "anchored", start, **_anchor_of(narrative))
    if anchor is None:
        return None
    if prep == "last":  # the most recent such month before the anchor's
        year = anchor.year if month < anchor.month else anchor.year - 1
        return _point(date(year, month, 1), "month", "relative-to-publication", start)
    if day:
        options = [date(y, month, day) for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                   if (month, day) != (2, 29) or y % 4 == 0]
        best, later = _nearest(options, anchor, tense)
    else:
        options = [date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
        best, later = _nearest(options, date(anchor.year, anchor.month, 1), tense)
    return _point(best, precision, "relative-to-publication", start, future=later)


def _that_period(g: dict, base: DateValue, start: int) -> DateValue | None:
    """"that year", "earlier that month", "later that week": the period of the story's anchor that
    holds it, or the part of it before or after the anchor."""
    first, last = parse_day(base.earliest), parse_day(base.latest) or parse_day(base.earliest)
    if first is None or last is None:
        return None
    unit = g["unit"].lower()
    low, high = _bounds(first, unit)
    if unit == "day":
        high = last
    if last > high:  # the anchor is wider than the period named ("that month" of a year): no reading
        return None
    side = WORDS["narrative_that"].get((g.get("side") or "").lower(), 0)
    if side < 0:
        high = first
    elif side > 0:
        low = last
    return value_of(low, high, "anchored", start, **_anchor_of(base))


def _narrative_shift(g: dict, base: DateValue, method: str, start: int) -> DateValue | None:
    """"the following month", "the previous day", "the same week": a step from the base."""
    sign = WORDS["narrative_shift"][g["shift"].lower()]
    unit = g["unit"].lower()
    first = parse_day(base.earliest)
    if first is None:
        return None
    extra = _anchor_of(base) if method == "anchored" else {}
    if unit == "day" and base.precision == "day":
        return _point(first + timedelta(days=sign), "day", method, start, **extra)
    if unit == "week" and base.precision == "day":
        return value_of(first + timedelta(days=7 * sign - 3 if sign else -3), first + timedelta(days=7 * sign + 3 if sign else 3),
                        method, start, **extra)
    if unit in ("day", "week", "month"):
        return _point(_shift_month(first, sign if unit == "month" else 0), "month", method, start, **extra)
    return _point(date(first.year + sign, 1, 1), "year", method, start, **extra)


@lru_cache(maxsize=1)
def _known_starts() -> tuple[tuple[re.Pattern, tuple[date, ...]], ...]:
    """For each known-event phrase, the days it can name (the starts of its office periods)."""
    from detente.clean.dates import load_role_states

    out = []
    for entry in WORDS["known_events"]:
        role = re.compile(entry["role"], re.I)
        starts = sorted({a for state in load_role_states() if role.search(state.role) for a, _ in state.periods})
        out.append((re.compile(entry["phrase"], re.I), tuple(starts)))
    return tuple(out)


def known_event_date(phrase: str, before: date | None) -> date | None:
    """The named event ("the inauguration") latest on or before `before` (the story's anchor or
    publication), else the earliest."""
    for pattern, starts in _known_starts():
        if pattern.fullmatch(phrase.strip()) and starts:
            if before is None:
                return None
            prior = [d for d in starts if d <= before]
            return prior[-1] if prior else None
    return None


def _after_known(g: dict, start: int, anchor: date | None, narrative: DateValue | None, known_events) -> DateValue | None:
    """"days after the inauguration": a span after the known date of a named event."""
    reference = parse_day(narrative.latest) if narrative is not None and narrative.latest else anchor
    lookup = known_events or known_event_date
    known = lookup(g["known"], reference + timedelta(days=400) if reference else None)
    if known is None:
        return None
    low, high, unit = _count(g)
    days = WORDS["unit_days"][unit]
    sign = -1 if g["dir"].lower() == "before" else 1
    ends = sorted([known + timedelta(days=sign * low * days), known + timedelta(days=sign * high * days)])
    return value_of(ends[0], ends[1], "anchored", start)


def _relative(rel: str, g: dict, anchor: date | None, start: int, tense: str | None = None) -> DateValue | None:
    """Deictic expressions, relative to the moment of writing (the publication date). A weekday
    is the last one before it, the next one after it when said so or told in the future tense
    ("will meet on Monday": the act is to come, and the event is not dated by it)."""
    if anchor is None:
        return None
    method = "relative-to-publication"
    rel = " ".join(rel.split())
    if rel in WORDS["today"]:
        return _point(anchor, "day", method, start)
    if rel in WORDS["yesterday"]:
        return _point(anchor - timedelta(days=1), "day", method, start)
    if rel in WORDS["tomorrow"]:
        return _point(anchor + timedelta(days=1), "day", method, start, future=True)
    if rel.lower() in WORDS["past_weekend"]:  # the last Saturday and Sunday up to the moment of writing
        saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7)
        return value_of(saturday, min(saturday + timedelta(days=1), anchor), method, start)
    if rel.lower() in WORDS["recently"]:
        most, fewest = WORDS["recently"][rel.lower()]
        return value_of(anchor - timedelta(days=most), anchor - timedelta(days=fewest), method, start)
    weekday = (g.get("wd") or "").lower()
    if weekday:
        shift = WORDS["weekday_shift"].get(" ".join((g.get("wdshift") or "").lower().split()), 0)
        if shift > 0 or (shift == 0 and tense == "future"):
            ahead = (WEEKDAYS[weekday] - anchor.weekday()) % 7 or 7
            return _point(anchor + timedelta(days=ahead), "day", method, start, future=True)
        delta = (anchor.weekday() - WEEKDAYS[weekday]) % 7 or (7 if shift < 0 else 0)
        return _point(anchor - timedelta(days=delta), "day", method, start)
    if g.get("n") and rel.endswith("ago"):
        low, _, unit = _count(g)
        if unit == "day":
            return _point(anchor - timedelta(days=low), "day", method, start)
        if unit == "week":  # "two weeks ago": about fourteen days before, not that day's whole month
            slack = int(WORDS["weeks_ago_slack_days"])
            return value_of(anchor - timedelta(days=7 * low + slack), anchor - timedelta(days=max(7 * low - slack, 0)),
                            method, start)
        if unit == "month":
            return _point(_shift_month(anchor, -low), "month", method, start)
        return _point(date(anchor.year - low, 1, 1), "year", method, start)
    shift_word = " ".join(g["dshift"].lower().split())
    shift = WORDS["deictic_shift"][shift_word]
    unit = g["dunit"].lower()
    future = shift_word == "next"
    if unit == "weekend":  # Saturday and Sunday of the week meant ("last / this past weekend", "this weekend")
        saturday = _bounds(anchor + timedelta(days=7 * shift), "week")[0] + timedelta(days=5)
        return value_of(saturday, min(saturday + timedelta(days=1), anchor) if shift <= 0 else saturday + timedelta(days=1),
                        method, start, future=future or saturday > anchor)
    if unit == "week":  # Monday to Sunday; this week's acts so far
        monday, sunday = _bounds(anchor + timedelta(days=7 * shift), "week")
        return value_of(monday, min(sunday, anchor) if shift == 0 else sunday, method, start, future=future)
    if unit == "month":
        return _point(_shift_month(anchor, shift), "month", method, start, future=future)
    return _point(date(anchor.year + shift, 1, 1), "year", method, start, future=future)


def _own_clause_text(sent, trigger) -> str:
    """The sentence without the relative, participle and appositive clauses and the phrases on a
    noun that do not hold the event: "the president, who joined the army at 17, met …", "the
    president, in power since 2017, met …" tell a biography; the meeting is news."""
    if trigger is None:
        return sent.text
    skip: set[int] = set()
    for t in sent:
        modifier = t.dep_ in ("relcl", "acl", "appos") or (t.dep_ == "prep" and t.head.pos_ in ("NOUN", "PROPN"))
        if modifier and not t.left_edge.i <= trigger.i <= t.right_edge.i:
            skip.update(range(t.left_edge.i, t.right_edge.i + 1))
    return sent.text if not skip else " ".join(t.text for t in sent if t.i not in skip)


def is_background(text: str, value: DateValue | None, present: date | None) -> bool:
    """A biographical or historical fact: a background cue in the clause, or a date more than
    `background_after_days` before the story's present."""
    if any(c.search(text) for c in BACKGROUND_CUES):
        return True
    if value is None or present is None:
        return False
    last = parse_day(value.latest)
    return last is not None and (present - last).days > int(WORDS["background_after_days"])


PAST_AUX = frozenset(WORDS["past_auxiliaries"])
FUTURE_AUX = frozenset(WORDS["future_auxiliaries"])
FUTURE_GOVERNORS = frozenset(WORDS["future_governors"])
PLUPERFECT_AUX = frozenset(WORDS["pluperfect_auxiliaries"])


def clause_tense(token) -> str | None:
    """Tense of the clause a token belongs to: "past" (simple past, perfect, past passive),
    "future" (will/shall, "going to", "is due to"), or None (present or unknown)."""
    node = _clause_verb(token)
    if node is None:
        return None
    auxes = [c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")]
    if any(a in FUTURE_AUX for a in auxes):
        return "future"
    if node.dep_ == "xcomp" and node.head.lemma_.lower() in FUTURE_GOVERNORS:
        return "future"  # "is going to", "is due to meet", "is scheduled to visit"
    if node.tag_ == "VBD" or any(a in PAST_AUX for a in auxes):
        return "past"
    return None


def _clause_verb(token):
    """The verb heading the clause a token belongs to, or None."""
    node = token
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass"):
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def is_pluperfect(token) -> bool:
    """"had recalled", "had been expelled": an act before the moment the story tells from (its
    last date). (The present perfect of news, "has accused", is fresh: no such reading.)"""
    node = _clause_verb(token)
    return node is not None and node.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in PLUPERFECT_AUX for c in node.children)


# A clause headed by a verb that is no event: a date attached inside it dates that clause.
_CLAUSE_DEPS = frozenset({"ROOT", "advcl", "ccomp", "xcomp", "relcl", "acl", "conj", "pcomp", "parataxis", "csubj"})
# The path from an event up to a non-event clause that holds a date and still makes the event
# that clause's own: complements ("said on Monday that X expelled …", "decided on Friday to
# expel"), coordination, and core arguments ("Peru's tariff took effect on February 10").
# Adjuncts ("retaliating for X", "in response to X", "after X") and modifiers are not on it.
_SHARING_DEPS = frozenset({"ccomp", "xcomp", "conj", "parataxis", "csubj", "nsubj", "nsubjpass", "dobj", "attr",
                           "oprd", "appos"})


def _date_head(sent, value: DateValue):
    """The token of the date expression whose syntactic head lies outside it."""
    start, end = sent.start_char + value.start, sent.start_char + (value.end if value.end >= 0 else value.start + 1)
    span = [t for t in sent if t.idx < end and t.idx + len(t) > start]
    if not span:
        return None
    ids = {t.i for t in span}
    return next((t for t in span if t.head.i not in ids or t.head.i == t.i), span[0])


def _is_clause(token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.dep_ in _CLAUSE_DEPS


def date_owners(head, triggers: dict[int, int]) -> tuple[set[int], Any]:
    """The event triggers a date expression (its head token) is attached to, else the non-event
    clause verb that holds it. Walking up from the date: the first event token reached owns it
    (a relative or participle clause of an event noun — "the tariff imposed on 3 March", "a tariff
    that has soured relations since February" — dates that noun as well); a verb of a clause
    that is no event stops the walk."""
    doc = head.doc
    node = head
    while node.head.i != node.i:
        node = node.head
        if node.i in triggers:
            owner = doc[triggers[node.i]]
            owners = {owner.i}
            if owner.dep_ in ("acl", "relcl") and owner.head.i in triggers:
                owners.add(triggers[owner.head.i])
            return owners, None
        if _is_clause(node):
            noun = _event_noun_of(node, triggers)
            if noun is not None:  # the event noun's own modifying clause
                return {triggers[noun.i]}, None
            return set(), node
    return set(), node


def _event_noun_of(clause, triggers: dict[int, int]):
    """The event noun a relative or participle clause modifies: its head, or the noun its head
    hangs on through a preposition or two ("a tariff on Chilean fruit that has soured relations
    since February": the parser hangs the clause on "fruit")."""
    if clause.dep_ not in ("acl", "relcl"):
        return None
    doc = clause.doc
    node = clause.head
    for _ in range(3):
        if node.i in triggers and doc[triggers[node.i]].pos_ in ("NOUN", "PROPN"):
            return doc[triggers[node.i]]
        if node.dep_ in ("pobj", "conj") and node.head.dep_ == "prep" and node.head.head.pos_ in ("NOUN", "PROPN"):
            node = node.head.head
            continue
        if node.dep_ == "conj":
            node = node.head
            continue
        break
    return None


def _group(trigger) -> set[int]:
    """The trigger and the words coordinated with it ("expelled … and closed …")."""
    top = trigger
    while (top.dep_ == "conj" or _participle(top)) and top.head.i != top.i:
        top = top.head
    out, todo = set(), [top]
    while todo:
        t = todo.pop()
        out.add(t.i)
        todo.extend(c for c in t.children if c.dep_ == "conj" or _participle(c))
    return out


def _participle(token) -> bool:
    """A bare participle clause of a verb, the same act told on ("criticised the deal on Thursday,
    accusing Tokyo …", "expelled the ambassador on Monday, giving him 72 hours"): shares its date."""
    return token.dep_ == "advcl" and token.tag_ == "VBG" and token.head.pos_ in ("VERB", "AUX") \
        and not any(c.dep_ in ("mark", "advmod") and c.lower_ in ("after", "before", "since", "while", "when", "once", "until")
                    for c in token.children)


# Adjunct prepositions: an event named after one is a cause or circumstance, not the act the
# clause's date is about ("retaliating for X", "after X", "over X", "following X").
_ADJUNCT_PREPS = frozenset({"for", "after", "over", "following", "since", "before", "despite", "against", "amid",
                            "because", "due", "in", "to", "from", "about", "of"})


def _reaches(trigger, clause) -> bool:
    """The event is a complement or core argument of the (non-event) clause, or the object of a
    preposition of that clause that does not introduce a cause or circumstance."""
    node = trigger
    for _ in range(12):
        if node.i == clause.i:
            return True
        if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.i == clause.i \
                and node.head.lower_ not in _ADJUNCT_PREPS:
            return True
        if node.dep_ not in _SHARING_DEPS or node.head.i == node.i:
            return False
        node = node.head
    return False


def _inside_other(trigger, triggers: dict[int, int], group: set[int]) -> bool:
    """The trigger sits in the subtree of another event of the sentence (an adjunct or an object
    of it: "imposed a duty …, retaliating for a Peruvian tariff")."""
    node = trigger
    while node.head.i != node.i:
        node = node.head
        owner = triggers.get(node.i)
        if owner is not None and owner not in group:
            return True
    return False


def _part_of_act(clause) -> bool:
    """An adverbial clause that is part of the act it hangs on: an infinitive of purpose ("to
    flush out militants") or a participle with no subordinator ("killing two"), not a clause of
    its own time ("after …", "when …")."""
    if any(c.dep_ in ("mark", "advmod") and c.i < clause.i and c.lower_ != "to" for c in clause.children):
        return False
    return clause.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _when_head(trigger):
    """"…, when Peru imposed a tariff": the clause a when-clause holding the event hangs on."""
    clause = trigger.doc[min(_group(trigger))]
    if clause.dep_ in ("advcl", "relcl") and any(c.dep_ == "advmod" and c.lower_ == "when" for c in clause.children):
        return clause.head
    return None


_YEAR_MODIFIER_DEPS = frozenset({"nummod", "compound", "amod", "npadvmod", "nmod"})
_YEARS = (1900, 2099)  # the years a bare four-digit modifier can be


def year_of_noun(sent, trigger) -> list[DateValue]:
    """"the 2019 visit", "Kenya's 2024 sanctions": a bare year written before an event noun is
    that event's year. (A bare number is no date elsewhere: "sent 2000 troops".)"""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return []
    for child in trigger.children:
        if child.i < trigger.i and child.dep_ in _YEAR_MODIFIER_DEPS and len(child.text) == 4 and child.text.isdigit() \
                and _YEARS[0] <= int(child.text) <= _YEARS[1]:
            year = int(child.text)
            start = child.idx - sent.start_char
            return [value_of(date(year, 1, 1), date(year, 12, 31), "explicit", start, end=start + 4)]
    return []


def _starts_state(event, date_head) -> bool:
    """"a tariff that has soured relations since February": the state a clause of an event noun
    tells runs from the act, so the act is dated by the state's start (a noun's own "since" —
    "talks since 2018" — is a run of acts and keeps the range). "Since June 2018, when Ghana
    accused Togo": an act told in the date's own clause is on that date."""
    if date_head.left_edge.i <= event.i <= date_head.right_edge.i and event.i != date_head.i:
        return True
    if event.pos_ not in ("NOUN", "PROPN"):
        return False
    node = date_head
    while node.i != event.i and node.head.i != node.i:
        node = node.head
        if node.i != event.i and node.pos_ in ("VERB", "AUX"):
            return True
    return False


def attached_dates(sent, dates: list[DateValue], trigger, triggers: dict[int, int]) -> list[DateValue]:
    """The dates of a sentence that date the event whose trigger is `trigger` (`_attached`); a
    "since" date is the start of a state the event began (`_starts_state`), else a range."""
    me = trigger.doc[triggers.get(trigger.i, trigger.i)]
    out: list[DateValue] = []
    for d in _attached(sent, dates, trigger, triggers):
        head = _date_head(sent, d) if d.since is not None else None
        if d.since is None or head is None:
            out.append(d)
        elif not _state_of_other(me, head, triggers):  # "the president, in power since 2017": his state
            out.append(d.since if _starts_state(me, head) else d)
    return out


def _state_of_other(event, date_head, triggers: dict[int, int]) -> bool:
    """A "since" date said of a person or thing on the way up to the event ("the president, in
    power since 2017", "the general, army chief since 2015"): a state of that word."""
    node = date_head
    while node.head.i != node.i:
        node = node.head
        if node.i == event.i or node.i in triggers:
            return False
        if node.pos_ in ("NOUN", "PROPN") and node.dep_ in ("nsubj", "nsubjpass", "dobj", "appos"):
            return True
    return False


def _attached(sent, dates: list[DateValue], trigger, triggers: dict[int, int]) -> list[DateValue]:
    """The dates of a sentence that date the event whose trigger is `trigger`, in order of
    preference: those attached to it; those attached to a word coordinated with it; those of the
    clause a when-clause holding it hangs on; dates attached to no event, when the event is not
    inside another event (a nominal event also has to be a complement or core argument of the
    clause holding the date). An event named in another event's adjunct ("retaliating for a
    Peruvian tariff") or a nominal reference without a date of its own gets none: the caller falls
    back on the publication date (an upper bound)."""
    triggers = {**triggers, trigger.i: triggers.get(trigger.i, trigger.i)}
    doc = trigger.doc
    me = doc[triggers[trigger.i]]
    info = []
    for d in dates:
        head = _date_head(sent, d)
        if head is None:
            continue
        owners, clause = date_owners(head, triggers)
        info.append((d, head, owners, clause))
    own = [d for d, _, owners, _ in info if me.i in owners]
    if own:
        return own
    # "In a statement issued on March 3, X accused Y": the date of the act's vehicle
    vehicles = [g for c in me.children if c.dep_ == "prep" and c.lower_ in VEHICLE_PREPS
                for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in VEHICLE_NOUNS]
    carried = [d for d, head, _, _ in info if any(v.left_edge.i <= head.i <= v.right_edge.i for v in vehicles)]
    if carried:
        return carried
    group = _group(me)
    shared = [d for d, _, owners, _ in info if owners & (group - {me.i})]
    if shared:
        return shared
    # "launched an operation to flush out militants … in 2015", "struck the town, killing two
    # on Monday": a purpose or participle clause of the act is part of it and shares its time
    part = [d for d, _, owners, clause in info if not owners and clause is not None and clause.dep_ == "advcl"
            and clause.head.i == me.i and me.pos_ in ("VERB", "AUX") and _part_of_act(clause)]
    if part:
        return part
    anchor = _when_head(me)
    if anchor is not None:
        when = [d for d, head, owners, clause in info
                if (clause is not None and clause.i == anchor.i) or triggers.get(anchor.i) in owners
                or sent.start_char + d.start <= anchor.idx < sent.start_char + d.end]
        if when:
            return when
    if _inside_other(me, triggers, group):
        return []
    nominal = me.pos_ in ("NOUN", "PROPN")
    # a non-event clause embedded under the event ("accused Lima of … the dispute that began in
    # February") tells about something else
    return [d for d, _, owners, clause in info if not owners and clause is not None
            and (_reaches(me, clause) if nominal else not any(a.i == me.i for a in clause.ancestors))]


class DateResolver:
    """Dates for the events of one article. Every sentence is read in order (events or not), so a
    year-less date is resolved on the last date the story itself set before it."""

    def __init__(self, published: str | None, published_latest: str | None = None,
                 published_method: str | None = None, published_earliest: str | None = None,
                 skip_before: int = 0):
        self.anchor = parse_anchor(published)
        self.inferred = self.anchor is None or published_method == "inferred"
        self.published = published
        self.published_day = None if self.inferred else self.anchor
        # an unknown publication date: its inferred bounds (either may be open)
        self.pub_earliest = parse_anchor(published_earliest or published) if self.inferred else self.anchor
        self.pub_latest = parse_anchor(published_latest or published) if self.inferred else self.anchor
        if self.anchor is None:
            self.anchor = self.pub_latest
        self.skip_before = skip_before  # the dateline ("LIMA, May 3 (Wire) —"): its date is not an event's
        self.narrative: DateValue | None = None  # the story's anchor after the last sentence read
        self.latest_seen: date | None = None  # the latest first day of a date the story told so far
        self._read_upto = -1  # start offset of the last sentence read
        self._cache: dict[int, list[DateValue]] = {}
        self._before: dict[int, DateValue | None] = {}  # sentence start → the narrative anchor before it
        self._triggers: dict[int, dict[int, int]] = {}  # sentence start → token index → event trigger index

    @property
    def previous(self) -> DateValue | None:
        return self.narrative

    def set_triggers(self, sent, candidates, event_nouns=()) -> None:
        """The sentence's event candidates (objects with `.trigger` and `.tokens`, in priority
        order): the words each one's event is made of, so a date can be attached to one of them.
        `event_nouns` (tokens) name acts that are no candidate of their own ("condemned the March 3
        tariff"): a date inside them is theirs, not the verb's."""
        found: dict[int, int] = {}
        for cand in candidates:
            for i in (cand.trigger.i, *sorted(cand.tokens)):
                found.setdefault(i, cand.trigger.i)
        for token in event_nouns:
            found.setdefault(token.i, token.i)
        self._triggers[sent.start_char] = found

    def triggers_of(self, sent) -> dict[int, int]:
        return self._triggers.get(sent.start_char, {})

    def sentence_dates(self, sent) -> list[DateValue]:
        """The dates of a sentence, after reading every sentence before it."""
        if sent.start_char not in self._cache:
            for other in sent.doc.sents:
                if other.start_char > sent.start_char:
                    break
                if other.start_char > self._read_upto:
                    self._read(other)
        return self._cache.get(sent.start_char, [])

    def _read(self, sent) -> None:
        key = sent.start_char
        self._read_upto = key
        self._before[key] = self.narrative

        def tense_at(offset: int) -> str | None:
            token = next((t for t in sent if t.idx - sent.start_char >= offset), None)
            return clause_tense(token) if token is not None else None

        found = find_dates(sent.text, self.anchor, None, tense_at, self.narrative, self.published_day)
        early = self._written_after()
        if self.anchor is None and early is not None:
            # a publication date known only from below ("after March 3, 2024", the latest date the
            # story told): "last week" is still read, on that bound, and kept as the range it allows
            have = {d.start for d in found}
            found = sorted(found + [d for d in find_dates(sent.text, early, None, tense_at, self.narrative, None)
                                    if d.method == "relative-to-publication" and d.start not in have],
                           key=lambda d: d.start)
        found = [d for d in found if sent.start_char + d.start >= self.skip_before]
        if self.inferred:
            found = [self._within_range(sent, d, tense_at) for d in found]
        # document offsets for the anchors (find_dates knows only the sentence)
        found = [self._doc_offsets(sent, d) for d in found]
        for value in found:
            if value.future or not value.earliest:
                continue
            if keeps_the_anchor(sent.text, value.start, value.end) or value.method in ("publication", "inferred"):
                continue  # a state since a date, the anchor's own period, or a range read off an unknown publication date
            self.narrative = replace(value, anchor_start=sent.start_char + value.start,
                                     anchor_end=sent.start_char + value.end)
            first = parse_day(value.earliest)
            if first is not None and value.method != "inferred":  # the story was told after it began
                self.latest_seen = max(self.latest_seen or first, first)
        self._cache[key] = found

    @staticmethod
    def _doc_offsets(sent, value: DateValue) -> DateValue:
        return value

    def _written_after(self) -> date | None:
        """The earliest the story can have been written: its inferred publication's lower bound,
        raised to the latest date it told so far."""
        return max((d for d in (self.pub_earliest, self.latest_seen) if d is not None), default=None)

    def _within_range(self, sent, value: DateValue, tense_at) -> DateValue:
        """An unknown publication date: a date read against it (deictic words, or a year-less
        month with no anchor of the story before it) is resolved against both ends of its
        inferred range — the earliest raised to the latest date the story told so far — and
        keeps the range between them."""
        if value.method != "relative-to-publication" and (value.date is not None or value.earliest is not None):
            return value  # read off the text itself (a "since" date keeps its start, open or not)
        early = self._written_after()
        late = self.pub_latest
        if early is not None and late is not None and early > late:
            late = None
        text = sent.text[value.start:value.end] if value.end > value.start >= 0 else sent.text
        bounds: list[DateValue | None] = []
        for end in (early, late):
            if end is None:
                bounds.append(None)
                continue
            again = find_dates(text, end, None, lambda _o: tense_at(value.start), None, None)
            bounds.append(again[0] if again else None)
        low, high = bounds
        if low is None and high is None:
            return DateValue(None, None, "inferred", value.start, value.future, value.end)
        return value_of(parse_day(low.earliest) if low else None, parse_day(high.latest) if high else None,
                        "inferred", value.start, future=value.future, end=value.end)

    def narrative_before(self, sent, offset: int) -> DateValue | None:
        """The story's anchor at `offset` of the sentence: the last date set before it."""
        self.sentence_dates(sent)
        current = self._before.get(sent.start_char)
        for value in self._cache.get(sent.start_char, []):
            if value.start < offset and value.earliest and not value.future and value.method != "inferred":
                if not keeps_the_anchor(sent.text, value.start, value.end):
                    current = replace(value, anchor_start=sent.start_char + value.start,
                                      anchor_end=sent.start_char + value.end)
        return current

    def for_event(self, sent, trigger_offset: int, exclude: tuple[int, int] | None = None,
                  trigger=None, triggers: dict[int, int] | None = None) -> DateValue:
        """The date expression attached to the event's trigger (nearest first), else the
        publication date, else the range the story's anchors allow. `exclude` (character
        offsets in the sentence) is a complement clause whose dates tell when the promised /
        threatened / requested act would happen, not when the event did. With `trigger` (a
        token) and `triggers` (token index → the trigger index of the sentence's event candidate
        it belongs to), only the dates syntactically attached to this event count (see
        `attached_dates`); without them, every date of the sentence does. The value says whether
        the event is background (`is_background`)."""
        dates = [d for d in self.sentence_dates(sent) if not d.future
                 and not (exclude is not None and exclude[0] <= d.start < exclude[1])]
        if trigger is not None and triggers is not None:
            dates = attached_dates(sent, dates, trigger, triggers) or year_of_noun(sent, trigger)
        present = self.published_day or self.pub_latest or self.latest_seen
        if dates:
            best = min(dates, key=lambda d: abs(d.start - trigger_offset) + (0 if d.start <= trigger_offset else 5))
            value = replace(best, future=False, end=-1 if best.end < 0 else best.end)
            background = is_background(_own_clause_text(sent, trigger), value, present)
            return replace(value, background=background)
        background = is_background(_own_clause_text(sent, trigger), None, None)
        story = self.narrative_before(sent, trigger_offset)
        # an act told with no date of its own follows the story's last date, unless its tense puts
        # it before that date ("had recalled"); the present perfect of news ("has accused") is fresh
        if trigger is not None and story is not None and is_pluperfect(trigger):
            before = parse_day(story.latest)
            if before is not None and (self.published_day is None or before < self.published_day):
                return value_of(None, before, "anchored", background=background, anchor_start=story.anchor_start,
                                anchor_end=story.anchor_end)
        if self.published_day is not None:
            first = parse_day(story.earliest) if story is not None and story.earliest else None
            if first is not None and first > self.published_day:
                first = None
            return DateValue(self.published_day.isoformat(), "day", "publication", earliest=first.isoformat() if first else None,
                             latest=self.published_day.isoformat(), background=background)
        first = parse_day(story.earliest) if story is not None and story.earliest else None
        if first is None and self.pub_earliest is not None:
            first = self.pub_earliest
        last = self.pub_latest
        if first is not None and last is not None and first > last:
            last = None
        if first is None and last is None:
            return DateValue(None, None, None, background=background)
        extra = {"anchor_start": story.anchor_start, "anchor_end": story.anchor_end} if story is not None else {}
        return value_of(first, last, "inferred", background=background, **extra)
