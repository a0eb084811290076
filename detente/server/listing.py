"""The event list as Datasette lists a table: facets with counts, sortable columns, search over
the evidence sentences, each answer a page of the design's records.

Built on the query layer's checked selection (`detente.queries.select_events`: dyad, period,
type, document, outlet) and narrowed here by what only a browsing reader asks: an actor, a
month, words of the evidence (`ILIKE`, DuckDB's full-text extension is not bundled offline),
an order other than ingest order. Every value reaches SQL as a parameter; column names come
from the fixed tables below, never from the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from detente import queries
from detente.queries import Page, QueryError
from detente.store import Store
from detente.store.store import Selection, _select_list

# sort key → the column ordered by (descending with a leading "-": "-date")
SORTS = {"date": "t.date", "type": "t.event_type", "actor": "coalesce(t.actor_code, t.actor_country)",
         "recipient": "coalesce(t.recipient_code, t.recipient_country)", "intensity": "t.intensity",
         "confidence": "t.confidence"}
# facet name → the value counted (SQL over events t joined to its document d) and the filter it sets
FACETS = {
    "type": ("t.event_type", "type"),
    "actor": ("coalesce(t.actor_code, t.actor_country)", "actor"),
    "outlet": ("d.outlet", "outlet"),
    "month": ("CASE WHEN length(t.date) >= 7 THEN left(t.date, 7) END", "month"),
}
FACET_SIZE = 12
MONTH_PATTERN = r"^\d{4}-\d{2}$"


@dataclass
class Facet:
    name: str
    param: str  # the query parameter a value sets
    values: list[tuple[str | None, int]]  # (value, count), most first; None: no value (undated …)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "param": self.param,
                "values": [{"value": v, "count": n} for v, n in self.values]}


def check_sort(value: str | None) -> str | None:
    if not value:
        return None
    if value.lstrip("-") not in SORTS:
        raise QueryError("sort", f"unknown sort {value!r}: use one of {', '.join(SORTS)}, "
                                 "with a leading - for descending (-date)", value)
    return value


def _like(words: str) -> str:
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(store: Store, dyad, since, until, event_type, doc_id, outlet, actor, month, q,
           min_confidence=None) -> tuple[str, list]:
    """The WHERE clause of the checked filters (the query layer's, then this module's)."""
    base = queries.select_events(store, dyad, since, until, event_type, doc_id, outlet, min_confidence)
    clauses, params = ([base.where[len(" WHERE "):]] if base.where else []), list(base.params)
    if actor:
        clauses.append("(t.actor_code = ? OR t.actor_country = ?)")
        params += [actor.upper(), actor.upper()]
    if month:
        clauses.append("left(t.date, 7) = ?")
        params.append(month)
    for word in (q or "").split():
        clauses.append("t.evidence_text ILIKE ? ESCAPE '\\'")
        params.append(_like(word))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def events(store: Store, dyad: str | None = None, since: str | None = None, until: str | None = None,
           event_type: str | None = None, doc_id: str | None = None, outlet: str | None = None,
           actor: str | None = None, month: str | None = None, q: str | None = None,
           sort: str | None = None, limit: int = queries.DEFAULT_LIMIT, offset: int = 0,
           cache: queries.InsightCache | None = None, min_confidence: float | None = None) -> Page:
    """One page of event records passing every filter, in `sort` order (ingest order by default)."""
    sort = check_sort(sort)
    if not (actor or month or q or sort):  # the query layer's own list (its cached order)
        return queries.events(store, dyad, since, until, event_type, doc_id, outlet, limit, offset, cache=cache,
                              min_confidence=min_confidence)
    limit, offset = queries.check_page(limit, offset)
    where, params = _where(store, dyad, since, until, event_type, doc_id, outlet, actor, month, q, min_confidence)
    order = "t.seq"
    if sort:
        column = SORTS[sort.lstrip("-")]
        order = f"{column} {'DESC' if sort.startswith('-') else 'ASC'} NULLS LAST, t.seq"
    selection = Selection(store, f"SELECT {_select_list('events')} FROM events t{where} ORDER BY {order}", params)
    total = store.con.execute(f"SELECT count(*) FROM events t{where}", params).fetchone()[0]
    return Page(selection.records(limit, offset), total, limit, offset)


def iter_events(store: Store, **filters: Any):
    """Every record passing the filters (an export), in the page's order; the filters are
    checked at once (a refused one raises here, not in the middle of a stream)."""
    step = queries.MAX_LIMIT
    first = events(store, **filters, limit=step, offset=0)

    def every():
        yield from first.items
        for offset in range(step, first.total, step):
            yield from events(store, **filters, limit=step, offset=offset).items

    return every()


def facets(store: Store, dyad: str | None = None, since: str | None = None, until: str | None = None,
           event_type: str | None = None, doc_id: str | None = None, outlet: str | None = None,
           actor: str | None = None, month: str | None = None, q: str | None = None,
           min_confidence: float | None = None) -> list[Facet]:
    """The most frequent values of type, actor, outlet and month among the events passing the
    filters, each with its count (what a click on it would leave)."""
    where, params = _where(store, dyad, since, until, event_type, doc_id, outlet, actor, month, q, min_confidence)
    found = []
    for name, (expression, param) in FACETS.items():
        rows = store.con.execute(
            f"SELECT {expression} AS value, count(*) AS n FROM events t "
            f"LEFT JOIN documents d ON d.doc_id = t.doc_id{where} "
            f"GROUP BY value ORDER BY n DESC, value NULLS LAST LIMIT {FACET_SIZE}", params).fetchall()
        found.append(Facet(name, param, [(v, int(n)) for v, n in rows]))
    return found
