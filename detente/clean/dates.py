"""Publication dates: parse dates in text, find a dateline, and infer an honest range.

A wrong confident date is worse than an honest range, so inference never returns a single
day: it intersects what the text proves (offices held — "President-elect Trump" —, the
latest dated past event the text reports — "in March 2024 the talks collapsed" —, an
"upcoming 2026 election", the crawl time) into `(earliest, latest)` and leaves `published` empty.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATING_FILE = Path(__file__).resolve().parents[1] / "data" / "dating.yaml"
REPORTED_FILE = Path(__file__).resolve().parents[1] / "data" / "reported_dates.yaml"

MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    # Spanish / Portuguese
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    # German / Italian
    "januar": 1, "februar": 2, "märz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
}
_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_WEEKDAY = (r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|lunes|martes|miércoles|"
            r"jueves|viernes|sábado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\.?,?\s+")
DATE_RE = re.compile(
    rf"\b(?:{_WEEKDAY})?(?:"
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th|º|er)?\.?\s+(?:de\s+|of\s+)?(?P<m1>{_MONTH})\.?,?\s+(?:de\s+|del\s+)?(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})"
    r")(?!\d)",
    re.IGNORECASE,
)
MONTH_YEAR_RE = re.compile(rf"\b(?P<m>{_MONTH})\.?,?\s+(?P<y>\d{{4}})(?![\d-])", re.IGNORECASE)
_COMPACT = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:\d{2}(?:\d{2}(?:\d{2})?)?)?$")
_UPCOMING_YEAR = re.compile(r"\b(?:upcoming|forthcoming|coming)\s+(\d{4})\b", re.I)
_PAST_QUALIFIER = re.compile(r"(?:former|then|ex|late|previous|past|one-time|onetime)[\s-]*$", re.I)
MIN_DATE, MAX_DATE = dt.date(1, 1, 1), dt.date(9999, 12, 31)


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    date: dt.date


def find_dates(text: str) -> list[FoundDate]:
    """Every full (day, month, year) date written in `text`, in order; invalid dates skipped."""
    found = []
    for m in DATE_RE.finditer(text):
        g = m.groupdict()
        try:
            if g["y1"]:
                day, month, year = int(g["d1"]), MONTHS[g["m1"].lower()], int(g["y1"])
            elif g["y2"]:
                day, month, year = int(g["d2"]), MONTHS[g["m2"].lower()], int(g["y2"])
            else:
                day, month, year = int(g["d3"]), int(g["m3"]), int(g["y3"])
            found.append(FoundDate(m.start(), m.end(), dt.date(year, month, day)))
        except (ValueError, KeyError):
            continue
    return found


def date_line(line: str) -> dt.date | None:
    """The date if `line` is essentially a date ("28 de October de 2025", "Published: Oct 3, 2024")."""
    if len(line) > 80:
        return None
    dates = find_dates(line)
    if len(dates) != 1:
        return None
    rest = line[: dates[0].start] + line[dates[0].end :]
    other_words = re.findall(r"[^\W\d_]{2,}", rest)
    return dates[0].date if len(other_words) <= 4 else None


def parse_date(value: str | None) -> str | None:
    """An ISO date from a metadata value in any common shape, or None."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    compact = _COMPACT.match(value)  # GDELT: 20250126 or 20250126103000
    if compact:
        try:
            return dt.date(int(compact["y"]), int(compact["m"]), int(compact["d"])).isoformat()
        except ValueError:
            return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    found = find_dates(value)
    if found:
        return found[0].date.isoformat()
    try:
        import dateparser

        parsed = dateparser.parse(value[:100], settings={"PREFER_DAY_OF_MONTH": "first",
                                                          "REQUIRE_PARTS": ["day", "month", "year"]})
    except Exception:  # noqa: BLE001 - untrusted metadata must not break cleaning
        return None
    return parsed.date().isoformat() if parsed else None


# --- inference -------------------------------------------------------------------------------

Intervals = list[tuple[dt.date, dt.date]]


@dataclass(frozen=True)
class RoleState:
    who: str
    role: str
    pattern: re.Pattern
    periods: tuple[tuple[dt.date, dt.date], ...]


def _as_date(value, default: dt.date) -> dt.date:
    if value is None:
        return default
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@lru_cache(maxsize=8)
def load_role_states(path: str | None = None) -> tuple[RoleState, ...]:
    """The dated role-states of `dating.yaml` (or a user file of the same shape)."""
    with open(path or DATING_FILE, encoding="utf-8") as fh:
        entries = yaml.safe_load(fh) or []
    states = []
    for entry in entries:
        periods = tuple((_as_date(a, MIN_DATE), _as_date(b, MAX_DATE)) for a, b in entry["periods"])
        states.append(RoleState(entry["who"], entry["role"], re.compile(entry["phrase"], re.I), periods))
    return tuple(states)


def _intersect(a: Intervals, b: Intervals) -> Intervals:
    out = []
    for s1, e1 in a:
        for s2, e2 in b:
            s, e = max(s1, s2), min(e1, e2)
            if s <= e:
                out.append((s, e))
    return out


@dataclass(frozen=True)
class Inference:
    earliest: str | None
    latest: str | None
    reasons: tuple[str, ...]


def role_evidence(text: str) -> list[tuple[str, Intervals]]:
    """(reason, periods) for the role-states the text uses about the present.

    Two states of one person ("President-elect Trump" … "President Trump") or two holders of one
    office ("President Obama" … "President Trump") cannot all be the present: one is history told
    without "former". Such states are one constraint, the union of their periods, never an
    intersection that would pin the article on a handover day."""
    used = []
    for state in load_role_states():
        for m in state.pattern.finditer(text):
            if _PAST_QUALIFIER.search(text[max(0, m.start() - 12) : m.start()]):
                continue
            used.append(state)
            break
    groups: list[list[RoleState]] = []
    for state in used:
        linked = [g for g in groups if any(s.who == state.who or s.role == state.role for s in g)]
        merged = [state] + [s for g in linked for s in g]
        groups = [g for g in groups if g not in linked] + [merged]
    evidence = []
    for group in groups:
        periods = sorted({p for s in group for p in s.periods})
        reason = " or ".join(sorted(f"{s.who} as {s.role}" for s in group))
        evidence.append((reason, periods))
    return evidence


def infer_range(text: str, upper: dt.date | None = None) -> Inference | None:
    """An honest (earliest, latest) publication range from the content, or None if nothing is known.

    `upper` is an outside upper bound: the page's own "today" date in its header, the crawl time.
    """
    constraints: list[tuple[str, Intervals]] = role_evidence(text)
    reported = reported_dates(text)
    if reported:
        latest_reported = max(f.date for f in reported)
        constraints.append((f"reports {latest_reported.isoformat()}", [(latest_reported, MAX_DATE)]))
    for m in _UPCOMING_YEAR.finditer(text):
        year = int(m.group(1))
        if 1900 < year < 9999:
            constraints.append((f"calls {year} upcoming", [(MIN_DATE, dt.date(year, 12, 31))]))
    if upper is not None:
        constraints.append((f"page dated {upper.isoformat()}", [(MIN_DATE, upper)]))
    if not constraints:
        return None
    current: Intervals = [(MIN_DATE, MAX_DATE)]
    for _reason, periods in constraints:
        current = _intersect(current, periods)
        if not current:
            return None  # the evidence contradicts itself: say nothing rather than guess
    start, end = min(s for s, _ in current), max(e for _, e in current)
    return Inference(
        earliest=None if start == MIN_DATE else start.isoformat(),
        latest=None if end == MAX_DATE else end.isoformat(),
        reasons=tuple(r for r, _ in constraints),
    )


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left:right]


# --- dated past events ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportedWords:
    before_date: re.Pattern
    past: re.Pattern
    ed_word: re.Pattern
    ed_not_past: frozenset[str]
    not_past: re.Pattern


def _alternation(words: list[str]) -> str:
    if not all(isinstance(w, str) and w for w in words):  # YAML reads a bare on/no/yes as a bool
        raise ValueError(f"{REPORTED_FILE.name}: every entry must be a quoted word: {words!r}")
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


@lru_cache(maxsize=1)
def reported_words() -> ReportedWords:
    """The word lists of data/reported_dates.yaml, compiled once."""
    with open(REPORTED_FILE, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return ReportedWords(
        before_date=re.compile(rf"(?<![\w-])(?:{_alternation(data['before_date'])})\s*$", re.I),
        past=re.compile(rf"(?<![\w'-])(?:{_alternation(data['past'])})(?![\w'-])", re.I),
        ed_word=re.compile(r"(?<![\w'-])[a-z]{2,}ed(?![\w'-])"),  # lower case: not "United", "Ted"
        ed_not_past=frozenset(str(w).lower() for w in data["ed_not_past"]),
        not_past=re.compile(rf"(?<![\w-])(?:{_alternation(data['not_past'])})(?![\w-])", re.I),
    )


@dataclass(frozen=True)
class ReportedDate:
    start: int
    end: int
    date: dt.date  # the first day the event can have happened on (day 1 of a month-year)
    precision: str  # day | month


def _written_dates(text: str) -> list[ReportedDate]:
    """Full dates and month-year dates, in order (a month-year inside a full date is not repeated)."""
    found = [ReportedDate(f.start, f.end, f.date, "day") for f in find_dates(text)]
    spans = [(f.start, f.end) for f in found]
    for m in MONTH_YEAR_RE.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        try:
            found.append(ReportedDate(m.start(), m.end(), dt.date(int(m["y"]), MONTHS[m["m"].lower()], 1),
                                      "month"))
        except (ValueError, KeyError):
            continue
    return sorted(found, key=lambda f: f.start)


def _in_the_past(sentence: str, words: ReportedWords) -> bool:
    if words.not_past.search(sentence):
        return False
    if words.past.search(sentence):
        return True
    return any(m.group(0) not in words.ed_not_past for m in words.ed_word.finditer(sentence))


def reported_dates(text: str) -> list[ReportedDate]:
    """Dates of past events the text reports ("in March 2024 the talks collapsed", "by June 2024
    trade had halved"): each is a lower bound on when the text was written. Conservative (the
    rules are in data/reported_dates.yaml): a bare year, a date without a preposition before it
    ("the 5 May 2025 meeting") and any sentence about the future or a plan never count."""
    words = reported_words()
    out = []
    for found in _written_dates(text):
        if not words.before_date.search(text[max(0, found.start - 16): found.start]):
            continue
        if _in_the_past(_sentence_around(text, found.start, found.end), words):
            out.append(found)
    return out
