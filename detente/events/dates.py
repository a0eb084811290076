"""Event dates: explicit or relative dates in the sentence, anchored on the publication date.

Precision is honest: "on January 26, 2025" is a day, "in September" a month, "last year" a year.
`method` is explicit (a calendar date in the text), relative ("last month", "on Monday",
"this week", "the following month"), reported (no date in the text: the publication date
stands in), or inferred (only an inferred publication range is known). One compiled regex
per sentence; no dateparser call per token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
              "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
PATTERNS = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("mdy", re.compile(_MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")),
    ("dmy", re.compile(r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")),
    ("my", re.compile(r"\b(?:in|since|during|by|from|until|of|early|late|mid-?|last|this|next|before|after)?\s*" + _MONTH + r"(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d))?\b", re.I)),
    ("year", re.compile(r"\b(?P<prep>in|since|during|until|by|of|early|late|mid-?)\s+(?P<year>(?:19|20)\d\d)\b(?!\s*(?:presidential|elections?|vote|campaign|world cup))", re.I)),
    ("rel", re.compile(r"\b(?P<rel>today|yesterday|tonight|this (?:morning|afternoon|evening)|(?:last|this|past|next) (?:week|month|year|weekend)|(?:earlier|later) this (?:week|month|year)|(?:on )?(?:last )?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)|the (?:following|next|same|previous|preceding) (?:day|week|month|year)|(?:a|one|two|three) (?:days?|weeks?|months?|years?) (?:ago|later|earlier))\b", re.I)),
]
NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3}


@dataclass(frozen=True)
class DateValue:
    date: str | None
    precision: str | None  # day | month | year
    method: str | None  # explicit | relative | reported | inferred
    start: int = -1  # char offset of the expression in the sentence (-1: none in the text)
    future: bool = False
    end: int = -1  # char offset just past the expression in the sentence

    @property
    def month(self) -> str | None:
        return self.date[:7] if self.date and self.precision in ("day", "month") else None


def _iso(d: date, precision: str) -> str:
    return {"day": d.isoformat(), "month": d.isoformat()[:7], "year": str(d.year)}[precision]


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


def find_dates(text: str, anchor: date | None, previous: DateValue | None = None,
               tense_at=None) -> list[DateValue]:
    """All date expressions in `text` (a sentence), resolved against `anchor` (publication date).

    A month or day without a year is the occurrence nearest the anchor; `tense_at(offset)` (the
    tense of the clause holding the expression: "past", "future" or None) keeps a past act on or
    before the anchor and a future one after it."""
    found: list[DateValue] = []
    taken: list[tuple[int, int]] = []

    def free(m) -> bool:
        return not any(a < m.end() and m.start() < b for a, b in taken)

    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if not free(m):
                continue
            tense = tense_at(m.start()) if tense_at is not None else None
            value = _resolve(kind, m, anchor, previous, tense)
            if value is not None:
                found.append(replace(value, end=m.end()))
                taken.append((m.start(), m.end()))
    found.sort(key=lambda v: v.start)
    return found


def _resolve(kind: str, m, anchor: date | None, previous: DateValue | None, tense: str | None = None) -> DateValue | None:
    g = m.groupdict()
    try:
        if kind == "iso":
            return DateValue(date(int(g["year"]), int(g["mnum"]), int(g["day"])).isoformat(), "day", "explicit", m.start())
        if kind in ("mdy", "dmy"):
            month, day = _month_num(g["month"]), int(g["day"])
            if g.get("year"):
                return DateValue(date(int(g["year"]), month, day).isoformat(), "day", "explicit", m.start())
            if anchor is None:
                return None
            before = m.string[max(0, m.start() - 12): m.start()].lower()
            if re.search(r"\b(?:next|upcoming|coming)\s+$", before):
                tense = "future"
            options = [date(y, month, day) for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                       if (month, day) != (2, 29) or y % 4 == 0]
            best, later = _nearest(options, anchor, tense)
            return DateValue(best.isoformat(), "day", "relative", m.start(), future=later)
        if kind == "my":
            word = g["month"]
            if word.lower() == "may" and not g.get("year"):
                before = m.string[max(0, m.start() - 1): m.start("month")].strip().lower()
                if not before or before not in ("in", "since", "during", "by", "from", "until", "early", "late", "mid", "mid-", "last", "this", "next", "before", "after", "of"):
                    return None  # the modal verb "may"
            if word[0].islower():
                return None
            month = _month_num(word)
            prefix = m.group(0)[: m.start("month") - m.start()].strip().lower()
            if g.get("year"):
                return DateValue(f"{int(g['year']):04d}-{month:02d}", "month", "explicit", m.start())
            if anchor is None:
                return None
            if prefix == "next":
                year = anchor.year if month > anchor.month else anchor.year + 1
                return DateValue(f"{year:04d}-{month:02d}", "month", "relative", m.start(), future=True)
            if prefix == "last":  # the most recent such month before the anchor's
                year = anchor.year if month < anchor.month else anchor.year - 1
                return DateValue(f"{year:04d}-{month:02d}", "month", "relative", m.start())
            before = m.string[max(0, m.start() - 12): m.start()].lower()
            if re.search(r"\b(?:upcoming|coming)\s+$", before):
                tense = "future"
            month_anchor = date(anchor.year, anchor.month, 1)
            options = [date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
            best, later = _nearest(options, month_anchor, tense)
            return DateValue(f"{best.year:04d}-{month:02d}", "month", "relative", m.start(), future=later)
        if kind == "year":
            year = int(g["year"])
            future = anchor is not None and year > anchor.year
            return DateValue(str(year), "year", "explicit", m.start(), future=future)
        if kind == "rel":
            return _relative(m.group("rel").lower(), (g.get("wd") or "").lower() or None, anchor, previous, m.start())
    except (ValueError, KeyError):
        return None
    return None


def _relative(rel: str, weekday: str | None, anchor: date | None, previous: DateValue | None, start: int) -> DateValue | None:
    if rel.startswith("the "):  # "the following month": relative to the previous dated event
        base = parse_anchor(previous.date) if previous is not None and previous.date else anchor
        if base is None:
            return None
        sign = -1 if any(w in rel for w in ("previous", "preceding")) else (0 if "same" in rel else 1)
        unit = rel.split()[-1]
        method = "relative" if previous is not None and previous.date else "inferred"
        if unit == "day" and previous is not None and previous.precision == "day":
            return DateValue((base + timedelta(days=sign)).isoformat(), "day", method, start)
        if unit in ("day", "week", "month"):
            months = sign if unit == "month" else 0
            return DateValue(_iso(_shift_month(base, months), "month"), "month", method, start)
        return DateValue(str(base.year + sign), "year", method, start)
    if anchor is None:
        return None
    if rel in ("today", "tonight") or rel.startswith("this morning") or rel.startswith("this afternoon") or rel.startswith("this evening"):
        return DateValue(anchor.isoformat(), "day", "relative", start)
    if rel == "yesterday":
        return DateValue((anchor - timedelta(days=1)).isoformat(), "day", "relative", start)
    if weekday:
        delta = (anchor.weekday() - WEEKDAYS[weekday]) % 7 or (7 if "last" in rel else 0)
        return DateValue((anchor - timedelta(days=delta)).isoformat(), "day", "relative", start)
    words = rel.split()
    unit = words[-1] if words[-1] not in ("ago", "later", "earlier") else words[1].rstrip("s")
    if words[-1] in ("ago", "later", "earlier"):
        n = NUMBER_WORDS.get(words[0], 1)
        if words[-1] == "later":
            return None  # relative to an event we do not know
        if unit == "day":
            return DateValue((anchor - timedelta(days=n)).isoformat(), "day", "relative", start)
        if unit == "week":
            return DateValue(_iso(anchor - timedelta(days=7 * n), "month"), "month", "relative", start)
        if unit == "month":
            return DateValue(_iso(_shift_month(anchor, -n), "month"), "month", "relative", start)
        return DateValue(str(anchor.year - n), "year", "relative", start)
    direction = words[0]
    future = direction == "next"
    shift = {"last": -1, "past": -1, "next": 1}.get(direction, 0)
    if unit in ("week", "weekend"):
        return DateValue(_iso(anchor + timedelta(days=7 * shift), "month"), "month", "relative", start, future=future)
    if unit == "month":
        return DateValue(_iso(_shift_month(anchor, shift), "month"), "month", "relative", start, future=future)
    return DateValue(str(anchor.year + shift), "year", "relative", start, future=future)


PAST_AUX = frozenset({"has", "have", "had", "'ve", "'s", "was", "were", "did"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})


def clause_tense(token) -> str | None:
    """Tense of the clause a token belongs to: "past" (simple past, perfect, past passive),
    "future" (will/shall, "going to"), or None (present or unknown)."""
    node = token
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass"):
            break
        if node.head.i == node.i:
            return None
        node = node.head
    else:
        return None
    if node.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")]
    if any(a in FUTURE_AUX for a in auxes):
        return "future"
    if node.dep_ == "xcomp" and node.head.lemma_ == "go":
        return "future"
    if node.tag_ == "VBD" or any(a in PAST_AUX for a in auxes):
        return "past"
    return None


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


def _when_head(trigger):
    """"…, when Peru imposed a tariff": the clause a when-clause holding the event hangs on."""
    clause = trigger.doc[min(_group(trigger))]
    if clause.dep_ in ("advcl", "relcl") and any(c.dep_ == "advmod" and c.lower_ == "when" for c in clause.children):
        return clause.head
    return None


def attached_dates(sent, dates: list[DateValue], trigger, triggers: dict[int, int]) -> list[DateValue]:
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
    group = _group(me)
    shared = [d for d, _, owners, _ in info if owners & (group - {me.i})]
    if shared:
        return shared
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
    """Dates for the events of one article, in text order."""

    def __init__(self, published: str | None, published_latest: str | None = None,
                 published_method: str | None = None, published_earliest: str | None = None,
                 skip_before: int = 0):
        self.anchor = parse_anchor(published)
        self.inferred = self.anchor is None or published_method == "inferred"
        # an inferred publication range: a relative date is resolved against both of its ends and
        # keeps only what the two agree on (never one end's guess)
        self.range_anchors: tuple[date, date] | None = None
        if self.inferred:
            early, late = parse_anchor(published_earliest or published), parse_anchor(published_latest or published)
            if early is not None and late is not None and early != late:
                self.range_anchors = (early, late)
        if self.anchor is None:
            self.anchor = parse_anchor(published_latest)
        self.published = published
        # an inferred publication range: only what its two ends share is known ("2024-11" … "2025-01": nothing)
        self.range_date = self._common(published_earliest or published, published_latest or published)
        self.previous: DateValue | None = None
        self.skip_before = skip_before  # the dateline ("LIMA, May 3 (Wire) —"): its date is not an event's
        self._cache: dict[int, list[DateValue]] = {}
        self._triggers: dict[int, dict[int, int]] = {}  # sentence start → token index → event trigger index

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
        key = sent.start_char
        if key not in self._cache:
            text = sent.text
            def tense_at(offset: int) -> str | None:
                token = next((t for t in sent if t.idx - sent.start_char >= offset), None)
                return clause_tense(token) if token is not None else None

            found = find_dates(text, self.anchor, self.previous, tense_at)
            if self.range_anchors is not None:
                found = [self._range_value(text, d, tense_at) for d in found]
            self._cache[key] = [d for d in found if sent.start_char + d.start >= self.skip_before]
        return self._cache[key]

    def _range_value(self, text: str, value: DateValue, tense_at) -> DateValue:
        """A relative date resolved against both ends of an inferred publication range: the
        coarsest precision they share (a year), else no date."""
        if value.method != "relative":
            return value
        early, late = (find_dates(text, a, self.previous, tense_at) for a in self.range_anchors)
        a = next((d for d in early if d.start == value.start), None)
        b = next((d for d in late if d.start == value.start), None)
        if a is None or b is None or not a.date or not b.date:
            return DateValue(None, None, "inferred", value.start, value.future, value.end)
        if a.date == b.date:
            return DateValue(a.date, a.precision, "inferred", value.start, value.future, value.end)
        if a.date[:4] == b.date[:4]:
            return DateValue(a.date[:4], "year", "inferred", value.start, value.future, value.end)
        return DateValue(None, None, "inferred", value.start, value.future, value.end)

    def for_event(self, sent, trigger_offset: int, exclude: tuple[int, int] | None = None,
                  trigger=None, triggers: dict[int, int] | None = None) -> DateValue:
        """The date expression attached to the event's trigger (nearest first), else the
        publication date. `exclude` (character offsets in the sentence) is a complement clause
        whose dates tell when the promised / threatened / requested act would happen, not when the
        event did. With `trigger` (a token) and `triggers` (token index → the trigger index of the
        sentence's event candidate it belongs to), only the dates syntactically attached to this
        event count (see `attached_dates`); without them, every date of the sentence does."""
        dates = [d for d in self.sentence_dates(sent) if not d.future
                 and not (exclude is not None and exclude[0] <= d.start < exclude[1])]
        if trigger is not None and triggers is not None:
            dates = attached_dates(sent, dates, trigger, triggers)
        if dates:
            best = min(dates, key=lambda d: abs(d.start - trigger_offset) + (0 if d.start <= trigger_offset else 5))
            method = "inferred" if self.inferred and best.method == "relative" else best.method
            value = DateValue(best.date, best.precision, method, best.start)
            if value.date is not None:
                self.previous = value
            return value
        if self.published and not self.inferred:
            return DateValue(self.published[:10], "day", "reported")
        if self.range_date is not None:
            return DateValue(self.range_date, "month" if len(self.range_date) == 7 else "year", "inferred")
        return DateValue(None, None, None)

    @staticmethod
    def _common(earliest: str | None, latest: str | None) -> str | None:
        if not earliest or not latest:
            return None
        if earliest[:7] == latest[:7] and len(earliest) >= 7:
            return earliest[:7]
        if earliest[:4] == latest[:4]:
            return earliest[:4]
        return None
