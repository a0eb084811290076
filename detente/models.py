"""Typed records that flow between the pipeline stages.

Field names follow ../shared/DESIGN.md exactly: `to_dict()` is what every output format,
the store and the API render, so there is one schema however the data leaves detente.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

# --- the field table ------------------------------------------------------------------------
# One definition of every stored record's fields, in the design's order, with their types:
# `Article.KEYS`, the store's layouts (`detente.store.store.LAYOUTS`), the Parquet columns and
# Arrow schema of the engines (`detente.engines.rows`), the CSV headers and the data dictionary
# (docs/fields.md, checked by a test) are all derived from it. Kinds: string, int32, double,
# bool, and the nested actor (text, name, code, country, sector) and evidence (text, start, end)
# records. An event carries its document's outlet, title, url and publication date (GDELT's
# SOURCEURL, ACLED's source): every row of an export says where it came from.

ACTOR_FIELDS: tuple[tuple[str, str], ...] = (("text", "string"), ("name", "string"), ("code", "string"),
                                             ("country", "string"), ("sector", "string"))
EVIDENCE_FIELDS: tuple[tuple[str, str], ...] = (("text", "string"), ("start", "int32"), ("end", "int32"))
NESTED: dict[str, tuple[tuple[str, str], ...]] = {"actor": ACTOR_FIELDS, "evidence": EVIDENCE_FIELDS}

FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (
        ("doc_id", "string"), ("external_id", "string"), ("source_path", "string"), ("url", "string"),
        ("title", "string"), ("outlet", "string"), ("author", "string"), ("published", "string"),
        ("published_method", "string"), ("published_earliest", "string"), ("published_latest", "string"),
        ("language", "string"), ("words", "int32"), ("truncated", "bool"), ("duplicate_of", "string"),
        ("status", "string"), ("reason", "string"),
    ),
    "events": (
        ("event_id", "string"), ("doc_id", "string"), ("external_id", "string"), ("source_path", "string"),
        ("url", "string"), ("outlet", "string"), ("title", "string"), ("published", "string"),
        ("language", "string"), ("actor", "actor"), ("recipient", "actor"), ("event_type", "string"),
        ("mode", "string"), ("event_code", "string"), ("cameo_root", "string"), ("quad_class", "int32"),
        ("intensity", "double"), ("date", "string"), ("date_precision", "string"), ("date_method", "string"),
        ("date_earliest", "string"), ("date_latest", "string"),
        ("date_anchor_start", "int32"), ("date_anchor_end", "int32"), ("background", "bool"),
        ("evidence", "evidence"), ("quote", "string"), ("confidence", "double"),
    ),
    "quotes": (
        ("quote_id", "string"), ("doc_id", "string"), ("speaker", "actor"), ("text", "string"),
        ("evidence", "evidence"), ("date", "string"),
    ),
    "claims": (
        ("claim_id", "string"), ("doc_id", "string"), ("value", "double"), ("unit", "string"),
        ("measure", "string"), ("text", "string"), ("evidence", "evidence"), ("speaker", "actor"),
        ("subject", "string"), ("date", "string"),
    ),
}


# date methods of an act with no date of its own: the publication date stands in as an upper
# bound ("reported" is the name before the methods were renamed)
PUBLICATION_METHODS = frozenset({"publication", "reported"})


def field_names(table: str) -> tuple[str, ...]:
    return tuple(name for name, _ in FIELDS[table])


def flat_fields(table: str) -> list[tuple[str, str]]:
    """(column, kind) of a table's records flattened, nested records as dotted columns
    (`actor.name`): the columns of CSV, `to_pandas()` and SQLite exports, in order."""
    columns: list[tuple[str, str]] = []
    for key, kind in FIELDS[table]:
        columns.extend([(f"{key}.{name}", sub) for name, sub in NESTED[kind]] if kind in NESTED else [(key, kind)])
    return columns


def event_code(code: str | None) -> str | None:
    """CAMEO's 3-4 digit event code of a code the coder gave: a root alone ("16") is CAMEO's
    "not specified below" code of that root ("160"), as GDELT's EventCode writes it."""
    if not code:
        return None
    return code + "0" if len(code) == 2 else code


def date_bounds(value: str | None) -> tuple[str | None, str | None]:
    """The first and last day an ISO date at its precision can mean, as ISO days: "2025-02" →
    ("2025-02-01", "2025-02-28"); (None, None) when undated or not a date. Always full days,
    so any tool parses them (`pd.to_datetime`, R's `as.Date`)."""
    import calendar
    import re
    from datetime import date

    if not value or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value, re.ASCII):
        return None, None  # only ISO forms: int() would also read "١٢" (other scripts' digits)
    try:
        year = int(value[:4])
        if len(value) == 4:
            return date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()
        month = int(value[5:7])
        if len(value) == 7:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1).isoformat(), date(year, month, last).isoformat()
        day = date(year, month, int(value[8:10]))
        return (day.isoformat(),) * 2 if len(value) == 10 else (None, None)
    except ValueError:
        return None, None


@dataclass
class RawDocument:
    """Bytes (or already-decoded text) plus where they came from; output of `read`.

    `error` is set when the reader could not get usable bytes (unreadable file, bad JSONL
    line, non-response WARC record); `clean` turns that into a rejected Article.
    """

    source_path: str
    data: bytes | None = None
    text: str | None = None  # JSONL `text` field: already decoded plain text
    html: str | None = None  # JSONL `html` field: already decoded HTML
    kind: str = "unknown"  # html | text | unknown (decided by extension/content)
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    external_id: str | None = None
    crawled: str | None = None  # when it was fetched (WARC-Date, a JSONL crawl field): an upper bound on `published`
    error: str | None = None
    size: int = 0  # bytes on disk/in record, known before reading when possible


# Reason prefixes of rejected documents that engines, the store and the CLI all read.
INTERNAL_ERROR = "internal error"  # a crash inside detente, not bad input: a rerun retries the document
FAILED_AGAIN = "failed again when retried"  # an internal error seen twice: kept, not retried again


@dataclass
class Article:
    """A cleaned document: the unit that is stored and coded."""

    doc_id: str  # sha256 (first 16 hex) of the normalised cleaned text; of the raw bytes if rejected
    source_path: str
    text: str = ""
    external_id: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or null
    published_method: str = "unknown"  # metadata | dateline | htmldate | inferred | unknown
    published_earliest: str | None = None
    published_latest: str | None = None
    language: str | None = None
    words: int = 0
    truncated: bool = False
    duplicate_of: str | None = None
    status: str = "stored"  # stored | duplicate | near_duplicate | rejected
    reason: str | None = None

    KEYS = field_names("documents")

    def to_dict(self, with_text: bool = True) -> dict[str, Any]:
        record = {key: getattr(self, key) for key in self.KEYS}
        if with_text:
            record["text"] = self.text
        return record

    @property
    def is_codable(self) -> bool:
        """Only stored English articles are coded; duplicates repeat what is stored."""
        return self.status in ("stored", "near_duplicate") and (self.language or "en") == "en" and bool(self.text)


@dataclass(frozen=True)
class Actor:
    text: str  # the words in the article
    code: str | None = None  # CAMEO-style: country + sector, e.g. USAGOV; IGO codes like IGOUNO
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # GOV MIL LEG JUD OPP REB CRM BUS MED CVL IGO ...
    name: str | None = None  # canonical name from the dictionary ("Gustavo Petro"), never a pronoun

    def to_dict(self) -> dict[str, Any]:
        """`name` is the dictionary entry's; an actor known only by its code is named from it
        ("Government (United States)", `detente.naming`)."""
        from detente.naming import actor_name

        name = self.name or actor_name(self.code, self.country, self.sector)
        return {"text": self.text, "name": name, "code": self.code, "country": self.country,
                "sector": self.sector}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Actor | None:
        if not data:
            return None
        return cls(text=data.get("text") or "", code=data.get("code"),
                   country=data.get("country"), sector=data.get("sector"), name=data.get("name"))


@dataclass(frozen=True)
class Evidence:
    text: str
    start: int  # character offsets into Article.text
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Event:
    event_id: str
    doc_id: str
    actor: Actor | None
    recipient: Actor | None
    event_type: str  # PLOVER type
    cameo_root: str  # "01".."20"
    quad_class: int  # 1..4
    intensity: float  # Goldstein
    evidence: Evidence
    mode: str | None = None
    date: str | None = None  # ISO at its precision
    date_precision: str | None = None  # day | month | year | None
    date_method: str | None = None  # explicit | anchored | relative-to-publication | publication | inferred
    quote: str | None = None  # the quoted words this event rests on, if any
    confidence: float = 0.5
    external_id: str | None = None
    source_path: str | None = None
    url: str | None = None
    # the document's, filled where the record is tied to its stored article (`coded_records`)
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    event_code: str | None = None  # full CAMEO code ("163"); default: the root's ("160")
    date_earliest: str | None = None  # default: the first day `date` can mean
    date_latest: str | None = None  # default: its last day
    date_anchor_start: int | None = None  # an anchored date: the document offsets of its anchor
    date_anchor_end: int | None = None
    background: bool = False  # a biographical or historical fact, kept out of the index

    def to_dict(self) -> dict[str, Any]:
        earliest, latest = date_bounds(self.date)
        date, precision = self.date, self.date_precision
        if self.date_method in PUBLICATION_METHODS:
            # no date of its own: never the publication day as its date — the publication day is
            # its latest day ("on or before"), the earliest unknown unless the story gave one
            earliest, latest = None, self.date_latest or latest
            date, precision = None, None
        return {
            "event_id": self.event_id, "doc_id": self.doc_id, "external_id": self.external_id,
            "source_path": self.source_path, "url": self.url, "outlet": self.outlet, "title": self.title,
            "published": self.published, "language": self.language,
            "actor": self.actor.to_dict() if self.actor else None,
            "recipient": self.recipient.to_dict() if self.recipient else None,
            "event_type": self.event_type, "mode": self.mode,
            "event_code": event_code(self.event_code or self.cameo_root), "cameo_root": self.cameo_root,
            "quad_class": self.quad_class, "intensity": self.intensity,
            "date": date, "date_precision": precision, "date_method": self.date_method,
            "date_earliest": self.date_earliest or earliest, "date_latest": self.date_latest or latest,
            "date_anchor_start": self.date_anchor_start, "date_anchor_end": self.date_anchor_end,
            "background": bool(self.background),
            "evidence": self.evidence.to_dict(), "quote": self.quote,
            "confidence": round(float(self.confidence), 3),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        ev = data.get("evidence") or {}
        return cls(
            event_id=data["event_id"], doc_id=data.get("doc_id", ""),
            actor=Actor.from_dict(data.get("actor")), recipient=Actor.from_dict(data.get("recipient")),
            event_type=data["event_type"], cameo_root=str(data.get("cameo_root") or ""),
            quad_class=int(data.get("quad_class") or 0), intensity=float(data.get("intensity") or 0.0),
            evidence=Evidence(ev.get("text", ""), int(ev.get("start", 0)), int(ev.get("end", 0))),
            mode=data.get("mode"),
            # an act known only by its report stands at the publication day inside detente (merge
            # and index place it there as an upper bound); records show it as date_latest only
            date=data.get("date") or (data.get("date_latest") if data.get("date_method") in PUBLICATION_METHODS else None),
            date_precision=data.get("date_precision") or ("day" if data.get("date_method") in PUBLICATION_METHODS
                                                          and data.get("date_latest") else None),
            date_method=data.get("date_method"), quote=data.get("quote"),
            confidence=float(data.get("confidence", 0.5)), external_id=data.get("external_id"),
            source_path=data.get("source_path"), url=data.get("url"), outlet=data.get("outlet"),
            title=data.get("title"), published=data.get("published"), language=data.get("language"),
            event_code=data.get("event_code"), date_earliest=data.get("date_earliest"),
            date_latest=data.get("date_latest"), date_anchor_start=data.get("date_anchor_start"),
            date_anchor_end=data.get("date_anchor_end"), background=bool(data.get("background") or False),
        )


@dataclass
class Quote:
    quote_id: str
    doc_id: str
    speaker: Actor | None
    text: str  # the quoted words, without quotation marks
    evidence: Evidence  # the sentence holding the quote
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"quote_id": self.quote_id, "doc_id": self.doc_id,
                "speaker": self.speaker.to_dict() if self.speaker else None,
                "text": self.text, "evidence": self.evidence.to_dict(), "date": self.date}


@dataclass
class Claim:
    """A number with its unit and what it measures, for cross-checking sources."""

    claim_id: str
    doc_id: str
    value: float
    unit: str  # percent | USD | tonnes | people | ...
    measure: str  # what the number measures: "tariff", "aid", "seizure", ...
    text: str  # the surface form: "25%", "$590 million"
    evidence: Evidence
    speaker: Actor | None = None  # when the number is inside a quote
    subject: str | None = None  # country (ISO3) the claim is about, when known
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"claim_id": self.claim_id, "doc_id": self.doc_id, "value": self.value,
                "unit": self.unit, "measure": self.measure, "text": self.text,
                "evidence": self.evidence.to_dict(),
                "speaker": self.speaker.to_dict() if self.speaker else None,
                "subject": self.subject, "date": self.date}


@dataclass
class Coded:
    """Everything the code stage found in one article."""

    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass
class ProcessedDocument:
    """Output of stages 1-4 for one raw document: what `store` writes in one transaction."""

    article: Article
    coded: Coded = field(default_factory=Coded)

    # what a coded record takes from its document where it has none of its own: where it came
    # from (an event row names its outlet, title, URL and publication date, as GDELT's and
    # ACLED's rows do)
    INHERITED = ("external_id", "source_path", "url", "outlet", "title", "published", "language")

    def events(self, article: Article | None = None) -> list[Event]:
        """The events as `coded_records` ties them to the article: what `detente.extract`
        returns, so a notebook's `event.to_dict()` is the stored record."""
        return [Event.from_dict(record) for table, record in self.coded_records(article) if table == "events"]

    def coded_records(self, article: Article | None = None):
        """(table, record) for each event, quote and claim, tied to `article` (the stored one:
        its doc_id, and its `INHERITED` fields where the record has none)."""
        article = article or self.article
        inherited = {key: getattr(article, key) for key in self.INHERITED}
        for table, items in (("events", self.coded.events), ("quotes", self.coded.quotes),
                             ("claims", self.coded.claims)):
            for item in items:
                record = item.to_dict()
                record["doc_id"] = article.doc_id
                for key, value in inherited.items():
                    if key in record and record[key] is None:
                        record[key] = value
                yield table, record


@dataclass
class Mention:
    event_id: str
    doc_id: str
    source_path: str | None
    outlet: str | None
    evidence: Evidence
    date: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "doc_id": self.doc_id, "source_path": self.source_path,
                "outlet": self.outlet, "url": self.url, "date": self.date,
                "evidence": self.evidence.to_dict()}


@dataclass
class StoryEvent:
    story_id: str
    actor: Actor | None
    recipient: Actor | None
    event_type: str
    cameo_root: str
    quad_class: int
    intensity: float
    mode: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_earliest: str | None = None
    date_latest: str | None = None
    n_mentions: int = 0
    n_articles: int = 0
    n_outlets: int = 0
    confidence: float = 0.5
    mentions: list[Mention] = field(default_factory=list)
    background: bool = False  # every mention a biographical or historical fact: off the index

    def to_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}  # not asdict: it copies every mention
        data["actor"] = self.actor.to_dict() if self.actor else None
        data["recipient"] = self.recipient.to_dict() if self.recipient else None
        data["mentions"] = [m.to_dict() for m in self.mentions]
        data["confidence"] = round(float(self.confidence), 3)
        return data
