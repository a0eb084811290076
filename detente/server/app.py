"""The web dashboard and REST API: `create_app("detente.duckdb")` → a FastAPI app.

Read-only over the DuckDB file: requests in flight share one read-only connection
(`detente.store.readers.ReadPool`), released as soon as they stop, so `detente ingest` can
write between bursts (DuckDB allows one writer; a reader that finds the file locked answers
503 and asks to retry). Every answer comes from `detente.queries`, the functions the CLI calls;
every dashboard page has its JSON twin under `/api/…` and links to it.

    detente serve --db detente.duckdb        # http://127.0.0.1:8000/, API docs at /docs
"""

from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from detente import queries
from detente.config import Settings
from detente.ontology import PLOVER_TYPES
from detente.present import formats
from detente.present.brief import render_html
from detente.present.charts import index_chart, turning_point_text
from detente.queries import DEFAULT_LIMIT, MAX_LIMIT, InsightCache, QueryError
from detente.server import highlight, listing, views
from detente.store import AmbiguousId, Store, StoreError
from detente.store.readers import ReadPool
from detente.store.sharing import Busy
from detente.store.store import StoreBusy

HERE = Path(__file__).parent
STATUSES = Literal["stored", "near_duplicate", "duplicate", "rejected"]

DYAD_HELP = ("Pair of countries: USA-COL (both directions) or USA>COL (USA towards COL); a country "
             "is an ISO code (COL, CO) or a name (Colombia).")

# --- typed query parameters, shared by the API and the pages --------------------------------
# Checked by `detente.queries` (the CLI's checks): a wrong value is a 422 naming what is accepted.
Dyad = Annotated[str | None, Query(max_length=100, description=DYAD_HELP, examples=["USA-COL"])]
RequiredDyad = Annotated[str, Query(max_length=100, description=DYAD_HELP, examples=["USA-COL"])]
EventsDyad = Annotated[str | None, Query(
    max_length=100, examples=["USA-COL"],
    description=DYAD_HELP + " One country (USA) matches it on either side.")]
PathDyad = Annotated[str, PathParam(max_length=100, description=DYAD_HELP)]
Since = Annotated[str | None, Query(max_length=10, description="Earliest date, ISO at any precision "
                                    "(2025, 2025-01, 2025-01-26); compared on the common prefix.")]
Until = Annotated[str | None, Query(max_length=10, description="Latest date, ISO at any precision.")]
EventType = Annotated[str | None, Query(
    alias="type", max_length=200,
    description="PLOVER event type(s), comma-separated: SANCTION or THREATEN,SANCTION.")]
StoryType = Annotated[str | None, Query(
    alias="type", max_length=100,
    description="PLOVER type (SANCTION), mode (tariff) or both (SANCTION/tariff).")]
Outlet = Annotated[str | None, Query(max_length=200, description="Only events from this outlet's articles.")]
FreqName = Literal["year", "month", "week"]
Freq = Annotated[FreqName | None, Query(description="Index period; by default month, or year when "
                                        "no story event of the pair is dated to the month (as the briefing).")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Records per page (≤ {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, description="Records to skip.")]
DocIdFilter = Annotated[str | None, Query(pattern=r"^[0-9A-Za-z]{1,64}$",
                                          description="A doc_id or a unique prefix of one.")]
Actor = Annotated[str | None, Query(pattern=r"^[A-Za-z0-9]{2,12}$",
                                    description="Only events by this actor: a country (USA) or an actor code (USAGOV).")]
Month = Annotated[str | None, Query(pattern=listing.MONTH_PATTERN,
                                    description="Only events dated in this month (2025-01); undated events never match.")]
Search = Annotated[str | None, Query(max_length=200, description="Words the evidence sentence contains "
                                     "(each word, any case: tariff grapes).")]
MinConfidence = Annotated[float | None, Query(ge=0, le=1, description="Only events the coder coded with at "
                                             "least this confidence (0-1): fewer, more often right.")]
Sort = Annotated[str | None, Query(max_length=20, description="Order: " + ", ".join(listing.SORTS)
                                   + "; a leading - for descending (-date). Default: ingest order.")]
ListFormat = Annotated[Literal["json", "csv"], Query(
    alias="format", description="json: the page envelope; csv: the page's records, nested fields as "
                                "dotted columns (actor.code).")]


def _with(request: Request, **changes: Any) -> str:
    """The current URL with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return request.url.path + ("?" + urlencode(params) if params else "")


def _api_twin(request: Request, path: str | None = None) -> str:
    """The JSON twin of a page: the same path under /api with the same query."""
    path = path or "/api" + (request.url.path if request.url.path != "/" else "/overview")
    query = request.url.query
    return path + (f"?{query}" if query else "")


def _csv_twin(json_url: str) -> str:
    """The CSV of a list's JSON twin: the same URL with format=csv."""
    path, _, query = json_url.partition("?")
    params = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "format"]
    return path + "?" + urlencode(params + [("format", "csv")])


async def open_store(request: Request) -> AsyncIterator[Store]:
    """A read-only handle for one request from the app's pool (at once when the file is open;
    in a worker thread when it must be opened or a writer waited for); 503 when the file is
    missing, too old, or held by a writer for longer than a request may wait."""
    pool = request.app.state.readers
    store = pool.acquire_open()
    if store is None:
        try:
            store = await run_in_threadpool(pool.acquire)
        except StoreBusy as exc:
            raise HTTPException(503, str(exc), headers={"Retry-After": "1"}) from None
        except Busy:  # an ingest kept its write turn longer than a request may wait
            raise HTTPException(503, "the database is in use by another process (detente ingest is "
                                     "writing): retry in a moment", headers={"Retry-After": "1"}) from None
        except StoreError as exc:
            raise HTTPException(503, public_message(exc, request.app.state.db_path)) from None
    try:
        yield store
    finally:
        pool.release(store)


def public_message(exc: Exception, db_path: str) -> str:
    """An error about the database as a client may see it: the file's name, never where it lies
    on the server's disk (the store's messages name the path the server was started with)."""
    name = Path(db_path).name
    return str(exc).replace(str(Path(db_path).resolve()), name).replace(db_path, name)


DB = Annotated[Store, Depends(open_store)]


class ResponseCache:
    """Answers already serialised, per content version of the database, path and query: a
    question asked again (a dashboard reloaded, an API client polling) costs no query. Least
    recently used first out, within `max_bytes`."""

    def __init__(self, max_bytes: int = 64 << 20):
        self.max_bytes = max_bytes
        self._bytes = 0
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple, bytes] = OrderedDict()

    def get(self, key: tuple) -> bytes | None:
        with self._lock:
            body = self._entries.get(key)
            if body is not None:
                self._entries.move_to_end(key)
            return body

    def put(self, key: tuple, body: bytes) -> None:
        if len(body) > self.max_bytes // 8:
            return
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = body
            self._bytes += len(body)
            while self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped)


def _dumps(content: Any) -> bytes:
    return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


class JSON(JSONResponse):
    """Compact JSON of an answer, serialised once: the answers are plain dicts already, so the
    API skips FastAPI's walk over every value (most of a small page's time)."""

    def render(self, content: Any) -> bytes:
        return _dumps(content)


class DropEmptyParameters:
    """`?dyad=&type=SANCTION` (an HTML form with empty fields) means no dyad filter. Plain ASGI
    (no per-request task and stream wrapping as with `@app.middleware`)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and b"=" in scope.get("query_string", b""):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            if any(value == "" for _, value in pairs):
                scope = dict(scope)
                scope["query_string"] = urlencode([(k, v) for k, v in pairs if v != ""]).encode("latin-1")
        await self.app(scope, receive, send)


def create_app(db_path: str | os.PathLike = "detente.duckdb") -> FastAPI:
    """The dashboard and REST API over one detente database, opened read-only per request."""
    db_path = str(db_path)
    app = FastAPI(
        title="detente",
        summary="Who did what to whom, when, according to whom — event data from news articles.",
        description="Read-only JSON API over a detente database: documents, the design's event "
                    "records, story events (timeline), the conflict–cooperation index per pair of "
                    "countries, contradictions between sources, quotes, claims. Every dashboard "
                    "page has its twin here. Lists are paged with `limit`/`offset` and answer "
                    "`{total, limit, offset, next_offset, items}`.",
        version="1",
        docs_url=None,  # /docs below: served from the package, nothing loaded from a CDN
        redoc_url=None,
    )
    app.state.db_path = db_path
    app.state.readers = ReadPool(db_path, wait=Settings.load().read_wait_seconds)
    app.state.cache = InsightCache()
    app.router.on_shutdown.append(app.state.readers.close)
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(["html"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("api_url", _api_twin(request))
        html = env.get_template(template).render(request=request, db_name=Path(db_path).name,
                                                 with_query=lambda **c: _with(request, **c), **context)
        return HTMLResponse(html, status_code=status_code)

    app.add_middleware(DropEmptyParameters)

    # --- errors: JSON under /api, a page elsewhere -----------------------------------------
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api") or request.url.path in ("/openapi.json", "/docs"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        page = render(request, "error.html", status_code=exc.status_code,
                      status=exc.status_code, messages=[str(exc.detail)], api_url=None)
        page.headers.update(getattr(exc, "headers", None) or {})  # Retry-After on a 503
        return page

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": _jsonable(errors)}, status_code=422)
        messages = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
                    for e in errors]
        return render(request, "error.html", status_code=422, status=422, messages=messages,
                      api_url=None)

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError):
        """A filter the query layer refused: a validation error like any other (422, `detail`
        an array naming the parameter)."""
        where = "path" if exc.param in request.path_params else "query"
        error = {"type": "value_error", "loc": (where, exc.param), "msg": str(exc), "input": exc.value}
        return await validation_error(request, RequestValidationError([error]))

    cache = app.state.cache

    responses = ResponseCache()

    async def cached(request: Request, store: Store, compute, fmt: str = "json") -> Response:
        """`compute()`'s answer as JSON — or, with fmt csv, its records (`items`) as CSV —
        remembered for this content version, path and query (a refused filter raises before
        anything is remembered). A remembered answer is sent from the event loop; a new one is
        computed in a worker thread."""
        key = (store.content_version(), request.url.path, request.url.query)
        body = responses.get(key)
        if body is None:
            def serialise() -> bytes:
                answer = compute()
                if fmt != "csv":
                    return _dumps(answer)
                records = answer["items"] if isinstance(answer, dict) else answer
                return "".join(formats.stream(records, "csv")).encode("utf-8")
            body = await run_in_threadpool(serialise)
            responses.put(key, body)
        if fmt == "csv":
            name = request.url.path.rstrip("/").rsplit("/", 1)[-1] or "records"
            return Response(body, media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'inline; filename="{name}.csv"'})
        return Response(body, media_type="application/json")

    def dyad_page(store: Store, dyad: str, freq: str | None, since: str | None, until: str | None) -> dict[str, Any]:
        """The pair's page; a pair no stored event connects is a 404 naming the pairs that exist."""
        pair = queries.check_dyad(dyad, required=True, param="dyad")
        assert pair is not None
        if store.select_events(dyad=pair.pair).count() == 0:
            known = [d["dyad"] for d in queries.dyads(store, limit=None, cache=cache).items]
            listed = ", ".join(known[:8]) + (" …" if len(known) > 8 else "")
            raise HTTPException(404, f"no stored event connects {pair.left} and {pair.right}: pairs with "
                                     f"events are {listed or 'none yet (run detente ingest)'}")
        return queries.dyad_page(store, pair, freq, since, until, cache=cache)

    def overview(store: Store) -> dict[str, Any]:
        return cache.answer(store, ("overview",), lambda: queries.overview(store, cache))

    def events_page(store: Store, *filters: Any, **more: Any) -> dict[str, Any]:
        return listing.events(store, *filters, **more, cache=cache).to_dict()

    # --- JSON API ------------------------------------------------------------------------
    @app.get("/api/overview", tags=["dashboard"], summary="Dyads, documents ingested, rejections")
    async def api_overview(request: Request, store: DB) -> Response:
        return await cached(request, store, lambda: overview(store))

    @app.get("/api/dyads", tags=["dyads"], summary="Pairs of countries with event counts")
    async def api_dyads(request: Request, store: DB, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
                        fmt: ListFormat = "json") -> Response:
        return await cached(request, store, lambda: queries.dyads(store, limit, offset, cache=cache).to_dict(), fmt)

    @app.get("/api/dyad/{dyad}", tags=["dyads"], summary="One pair: index, timeline, contradictions")
    async def api_dyad(request: Request, store: DB, dyad: PathDyad, freq: Freq = None, since: Since = None,
                 until: Until = None) -> Response:
        return await cached(request, store, lambda: dyad_page(store, dyad, freq, since, until))

    @app.get("/api/documents", tags=["documents"], summary="Document records (without text)")
    async def api_documents(request: Request, store: DB, status: Annotated[STATUSES | None, Query()] = None,
                      limit: Limit = DEFAULT_LIMIT, offset: Offset = 0, fmt: ListFormat = "json") -> Response:
        return await cached(request, store, lambda: queries.documents(store, status, limit, offset, cache=cache).to_dict(),
                            fmt)

    def get_document(store: Store, doc_id: str):
        try:
            article = store.document(doc_id)
        except AmbiguousId as exc:
            raise HTTPException(409, str(exc)) from None
        if article is None:
            raise HTTPException(404, f"no document with doc_id {doc_id!r}: "
                                     "see /api/documents for the ids")
        return article

    @app.get("/api/documents/{doc_id}", tags=["documents"],
             summary="One document record with its cleaned text",
             responses={404: {"description": "Unknown doc_id"},
                        409: {"description": "A prefix matching several documents"}})
    def api_document(store: DB, doc_id: str) -> JSON:
        return JSON(get_document(store, doc_id).to_dict(with_text=True))

    @app.get("/api/events", tags=["events"], summary="Event records (the design's layout)",
             description="Filtered, searched (`q`: words of the evidence sentence), sorted (`sort`; "
                         "ingest order by default) and paged in the database.")
    async def api_events(request: Request, store: DB, dyad: EventsDyad = None, since: Since = None, until: Until = None,
                   event_type: EventType = None, doc_id: DocIdFilter = None, outlet: Outlet = None,
                   actor: Actor = None, month: Month = None, q: Search = None, sort: Sort = None,
                   min_confidence: MinConfidence = None, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
                   fmt: ListFormat = "json") -> Response:
        return await cached(request, store, lambda: events_page(
            store, dyad, since, until, event_type, doc_id, outlet, actor=actor, month=month, q=q, sort=sort,
            limit=limit, offset=offset, min_confidence=min_confidence), fmt)

    @app.get("/api/events/facets", tags=["events"], summary="Facets of the events passing the filters",
             description="The most frequent event types, actors, outlets and months among the events the "
                         "same filters select on /api/events, each with its count and the parameter that "
                         "selects it.")
    async def api_event_facets(request: Request, store: DB, dyad: EventsDyad = None, since: Since = None,
                               until: Until = None, event_type: EventType = None, doc_id: DocIdFilter = None,
                               outlet: Outlet = None, actor: Actor = None, month: Month = None,
                               q: Search = None, min_confidence: MinConfidence = None) -> Response:
        return await cached(request, store, lambda: {"facets": [f.to_dict() for f in listing.facets(
            store, dyad, since, until, event_type, doc_id, outlet, actor, month, q, min_confidence)]})

    def event_context(store: Store, event_id: str) -> dict[str, Any]:
        """One event record, the story event it belongs to, and the other events of its sentence."""
        insights = cache.insights(store)
        event = insights.events.get(event_id)
        if event is None:
            raise HTTPException(404, f"no event with event_id {event_id!r}: see /api/events for the ids")
        story = story_of(store).get(event_id)
        records = {r["event_id"]: r for r in store.events(doc_id=event.doc_id).to_dicts()}
        record = records[event_id]
        same_sentence = [r for r in records.values() if r["event_id"] != event_id and r.get("evidence")
                         and r["evidence"]["start"] < event.evidence.end
                         and event.evidence.start < r["evidence"]["end"]]
        return {"event": record, "story": story, "same_sentence": same_sentence}

    def story_of(store: Store) -> dict[str, dict[str, Any]]:
        """Each event's story event record, by event_id (once per content version)."""
        def compute() -> dict[str, dict[str, Any]]:
            by_event = {}
            for story in cache.insights(store).stories:
                record = story.to_dict()
                for mention in story.mentions:
                    by_event[mention.event_id] = record
            return by_event
        return cache.answer(store, ("story_of",), compute)

    def get_story(store: Store, story_id: str) -> dict[str, Any]:
        stories = cache.answer(store, ("stories_by_id",), lambda: {
            s.story_id: s.to_dict() for s in cache.insights(store).stories})
        if story_id not in stories:
            raise HTTPException(404, f"no story event with story_id {story_id!r}: see /api/timeline for the ids")
        return stories[story_id]

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event, its story event, its sentence's other events",
             responses={404: {"description": "Unknown event_id"}})
    async def api_event(request: Request, store: DB,
                        event_id: Annotated[str, PathParam(max_length=200)]) -> Response:
        return await cached(request, store, lambda: event_context(store, event_id))

    @app.get("/api/stories/{story_id}", tags=["events"], summary="One story event with every mention",
             responses={404: {"description": "Unknown story_id"}})
    async def api_story(request: Request, store: DB,
                        story_id: Annotated[str, PathParam(max_length=200)]) -> Response:
        return await cached(request, store, lambda: get_story(store, story_id))

    @app.get("/api/export/{table}", tags=["export"], summary="Every record of a table, streamed",
             description="All the records passing the filters (events: dyad, since, until, type, "
                         "outlet), streamed as JSON lines, CSV, Markdown or (events) PLOVER-JSON: "
                         "the renderers of `detente export` and `--format`, never a page in memory.",
             response_class=StreamingResponse)
    def api_export(request: Request, table: Literal["events", "documents", "quotes", "claims"],
                   fmt: Annotated[Literal["jsonl", "csv", "md", "plover"], Query(alias="format")] = "jsonl",
                   dyad: EventsDyad = None, since: Since = None, until: Until = None,
                   event_type: EventType = None, outlet: Outlet = None, actor: Actor = None,
                   month: Month = None, q: Search = None, sort: Sort = None, min_confidence: MinConfidence = None):
        if fmt == "plover" and table != "events":
            raise QueryError("format", "format plover is for events: use jsonl, csv or md", fmt)
        filtered = any(v is not None for v in (dyad, since, until, event_type, outlet, actor, month, q, sort,
                                               min_confidence))
        if filtered and table != "events":
            raise QueryError("table", f"{table} take no filters: only events do", table)
        reader = request.app.state.readers.reader()
        try:
            store = reader.__enter__()
        except (StoreError, Busy) as exc:
            raise HTTPException(503, public_message(exc, db_path), headers={"Retry-After": "1"}) from None
        try:
            if table == "events" and (actor or month or q or sort):
                records = listing.iter_events(store, dyad=dyad, since=since, until=until, event_type=event_type,
                                              outlet=outlet, actor=actor, month=month, q=q, sort=sort,
                                              min_confidence=min_confidence)
            elif table == "events":
                records = iter(queries.select_events(store, dyad, since, until, event_type, None, outlet,
                                                     min_confidence))
            else:
                records = iter(getattr(store, f"select_{table}")())
        except BaseException:
            reader.__exit__(None, None, None)
            raise

        def body():
            try:
                yield from formats.stream(records, fmt, formats.flat_columns(table) if fmt in ("csv", "md") else None)
            finally:
                reader.__exit__(None, None, None)

        renderer = formats.RENDERERS[fmt]
        return StreamingResponse(body(), media_type=renderer.media_type, headers={
            "Content-Disposition": f'attachment; filename="{table}.{renderer.extension}"'})

    @app.get("/api/timeline", tags=["events"], summary="Story event records in date order")
    async def api_timeline(request: Request, store: DB, dyad: Dyad = None, since: Since = None, until: Until = None,
                     event_type: StoryType = None, limit: Limit = DEFAULT_LIMIT,
                     offset: Offset = 0, fmt: ListFormat = "json") -> Response:
        return await cached(request, store, lambda: queries.timeline(store, dyad, since, until, event_type, limit, offset,
                                                               cache=cache).to_dict(), fmt)

    @app.get("/api/index", tags=["dyads"], summary="Conflict–cooperation index of a pair per period")
    async def api_index(request: Request, store: DB, dyad: RequiredDyad, freq: Freq = None, since: Since = None,
                  until: Until = None, fmt: Annotated[Literal["json", "csv"], Query(
                      alias="format", description="json: the index; csv: its rows.")] = "json") -> Response:
        def compute():
            answer = queries.index(store, dyad, freq, since, until, cache=cache)
            return answer["rows"] if fmt == "csv" else answer
        return await cached(request, store, compute, fmt)

    @app.get("/api/contradictions", tags=["dyads"], summary="Where sources disagree")
    async def api_contradictions(request: Request, store: DB, dyad: Dyad = None, since: Since = None, until: Until = None,
                           single_sourced: Annotated[bool, Query(
                               description="List what only one outlet reports instead.")] = False,
                           limit: Limit = DEFAULT_LIMIT, offset: Offset = 0, fmt: ListFormat = "json") -> Response:
        return await cached(request, store, lambda: queries.contradictions(store, dyad, since, until, single_sourced,
                                                                     limit, offset, cache=cache).to_dict(), fmt)

    @app.get("/api/quotes", tags=["events"], summary="Quote records")
    async def api_quotes(request: Request, store: DB, doc_id: DocIdFilter = None,
                   speaker: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9]{2,12}$",
                                                        description="Country (USA) or actor code (USAGOV).")] = None,
                   since: Since = None, until: Until = None,
                   limit: Limit = DEFAULT_LIMIT, offset: Offset = 0, fmt: ListFormat = "json") -> Response:
        return await cached(request, store, lambda: queries.quotes(store, doc_id, speaker, since, until, limit, offset,
                                                             cache=cache).to_dict(), fmt)

    @app.get("/api/claims", tags=["events"], summary="Claim records (numbers with units)")
    async def api_claims(request: Request, store: DB, doc_id: DocIdFilter = None,
                   measure: Annotated[str | None, Query(max_length=64)] = None,
                   unit: Annotated[str | None, Query(max_length=32)] = None,
                   subject: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9]{2,8}$")] = None,
                   limit: Limit = DEFAULT_LIMIT, offset: Offset = 0, fmt: ListFormat = "json") -> Response:
        return await cached(request, store, lambda: queries.claims(store, doc_id, measure, unit, subject, limit, offset,
                                                             cache=cache).to_dict(), fmt)

    @app.get("/api/rejections", tags=["documents"], summary="Sources rejected at ingest, with reasons")
    async def api_rejections(request: Request, store: DB, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
                             fmt: ListFormat = "json") -> Response:
        return await cached(request, store, lambda: queries.rejections(store, limit, offset, cache=cache).to_dict(), fmt)

    def get_brief(store: Store, dyad: str | None, since: str | None, until: str | None, freq: str | None):
        try:
            return queries.brief(store, dyad, since, until, freq, cache=cache)
        except QueryError:
            raise
        except ValueError as exc:  # no pair of countries to brief on
            raise HTTPException(404, f"no briefing: {exc}") from None

    @app.get("/api/brief", tags=["dyads"], summary="The briefing on a pair of countries, as data",
             description="Without `dyad`, the pair with the most story events. The readable "
                         "page is `/brief` with the same query.")
    def api_brief(store: DB, dyad: Dyad = None, since: Since = None, until: Until = None,
                  freq: Freq = None) -> JSON:
        return JSON(views.brief_record(get_brief(store, dyad, since, until, freq)))

    # --- dashboard pages -----------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page_overview(request: Request, store: DB):
        return render(request, "overview.html", data=overview(store))

    @app.get("/dyad/{dyad}", response_class=HTMLResponse, include_in_schema=False)
    def page_dyad(request: Request, store: DB, dyad: PathDyad, freq: Freq = None, since: Since = None,
                  until: Until = None):
        data = dyad_page(store, dyad, freq, since, until)
        index = data["index"]
        chart = index_chart(index["dyad"], index["freq"], index["rows"], index["turning_points"])
        small = index_chart(index["dyad"], index["freq"], index["rows"], index["turning_points"],
                            width=360, height=260)
        return render(request, "dyad.html", data=data, chart=chart, chart_small=small)

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def page_events(request: Request, store: DB, dyad: EventsDyad = None, since: Since = None,
                    until: Until = None, event_type: EventType = None, doc_id: DocIdFilter = None,
                    outlet: Outlet = None, actor: Actor = None, month: Month = None, q: Search = None,
                    sort: Sort = None, min_confidence: MinConfidence = None, limit: Limit = DEFAULT_LIMIT,
                    offset: Offset = 0):
        data = events_page(store, dyad, since, until, event_type, doc_id, outlet, actor=actor, month=month,
                           q=q, sort=sort, limit=limit, offset=offset, min_confidence=min_confidence)
        facets = cache.answer(store, ("facets", dyad, since, until, event_type, doc_id, outlet, actor, month, q,
                                      min_confidence),
                              lambda: listing.facets(store, dyad, since, until, event_type, doc_id, outlet,
                                                     actor, month, q, min_confidence))
        filters = {"dyad": dyad or "", "since": since or "", "until": until or "", "type": event_type or "",
                   "doc_id": doc_id or "", "outlet": outlet or "", "actor": actor or "", "month": month or "",
                   "q": q or "", "sort": sort or "", "min_confidence": "" if min_confidence is None else min_confidence}
        export = "/api/export/events?" + urlencode(
            [(k, v) for k, v in request.query_params.items() if k not in ("limit", "offset", "doc_id")]
            + [("format", "csv")])
        return render(request, "events.html", data=data, filters=filters, types=PLOVER_TYPES, facets=facets,
                      sorts=list(listing.SORTS), export_url=export)

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_event(request: Request, store: DB, event_id: Annotated[str, PathParam(max_length=200)]):
        context = event_context(store, event_id)
        event = context["event"]
        article = get_document(store, event["doc_id"])
        ev = event["evidence"]
        start, end = max(0, ev["start"] - 400), min(len(article.text), ev["end"] + 400)
        spans = [highlight.Span(ev["start"], ev["end"], "selected", _event_label(event))]
        excerpt = highlight.segments(article.text[start:end], [
            highlight.Span(sp.start - start, sp.end - start, sp.ref, sp.label) for sp in spans])
        return render(request, "event.html", event=event, story=context["story"],
                      same_sentence=context["same_sentence"], article=article.to_dict(with_text=False),
                      excerpt=excerpt, cut_before=start > 0, cut_after=end < len(article.text),
                      api_url=f"/api/events/{event_id}")

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_story(request: Request, store: DB, story_id: Annotated[str, PathParam(max_length=200)]):
        story = get_story(store, story_id)
        return render(request, "story.html", story=story, api_url=f"/api/stories/{story_id}")

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def page_docs(request: Request):
        """The API's reference from its OpenAPI description, rendered here: works offline."""
        spec = app.openapi()
        operations = []
        for path, methods in spec["paths"].items():
            for method, op in methods.items():
                operations.append({"path": path, "method": method.upper(), "op": op,
                                   "anchor": (op.get("operationId") or path).replace("/", "-")})
        return render(request, "api_docs.html", spec=spec, operations=operations, api_url="/openapi.json")

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def page_documents(request: Request, store: DB, status: Annotated[STATUSES | None, Query()] = None,
                       limit: Limit = DEFAULT_LIMIT, offset: Offset = 0):
        data = queries.documents(store, status, limit, offset, cache=cache).to_dict()
        return render(request, "documents.html", data=data, status=status)

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_document(request: Request, store: DB, doc_id: str,
                      start: Annotated[int | None, Query(ge=0)] = None,
                      end: Annotated[int | None, Query(ge=0)] = None):
        article = get_document(store, doc_id)
        events = store.events(doc_id=article.doc_id).to_dicts()
        spans = [highlight.Span(e["evidence"]["start"], e["evidence"]["end"], e["event_id"],
                                _event_label(e)) for e in events if e.get("evidence")]
        selected = None
        if start is not None and end is not None:
            if end <= start:
                raise QueryError("end", f"end ({end}) must be after start ({start})", end)
            selected = highlight.clamp(article.text, start, end)
            if selected is None:
                raise QueryError("start", f"offsets {start}–{end} are outside the document's text "
                                          f"({len(article.text)} characters)", start)
            spans.append(highlight.Span(selected[0], selected[1], "selected", "selected sentence"))
        selected_events = [e for e in events if selected and e.get("evidence")
                           and e["evidence"]["start"] < selected[1] and selected[0] < e["evidence"]["end"]]
        return render(request, "document.html", article=article.to_dict(with_text=False),
                      segments=highlight.segments(article.text, spans), events=events,
                      selected=selected, selected_events=selected_events,
                      api_url=f"/api/documents/{article.doc_id}",
                      events_api=f"/api/events?doc_id={article.doc_id}")

    @app.get("/brief", response_class=HTMLResponse, include_in_schema=False)
    def page_brief(request: Request, store: DB, dyad: Dyad = None, since: Since = None,
                   until: Until = None, freq: Freq = None):
        """The briefing module's self-contained HTML; its JSON twin is announced in a Link header."""
        html = render_html(get_brief(store, dyad, since, until, freq))
        return HTMLResponse(html, headers={"Link": f'<{_api_twin(request)}>; rel="alternate"; '
                                                   'type="application/json"'})

    env.globals.update(web_url=_web_url, event_label=_event_label, document_link=_document_link,
                       actor_label=_actor_label, csv_twin=_csv_twin, turning_point_text=turning_point_text)
    from detente.server.alerts import (
        router as alerts_router,  # /alerts and /api/alerts (detente watch)
    )
    app.include_router(alerts_router)
    return app


def _jsonable(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Validation errors without the non-JSON bits (exception objects in `ctx`)."""
    clean = []
    for error in errors:
        error = dict(error)
        if "ctx" in error:
            error["ctx"] = {k: str(v) for k, v in error["ctx"].items()}
        error.pop("url", None)
        clean.append(error)
    return clean


def _web_url(url: str | None) -> str | None:
    """An article's URL when it is a web address; a `javascript:` or `data:` URL is never a link."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def _actor_label(actor: dict[str, Any] | None) -> str:
    if not actor:
        return formats.NO_SIDE
    code = actor.get("code") or actor.get("country") or "?"
    return f"{actor.get('text') or code} ({code})" if actor.get("text") else code


def _event_label(record: dict[str, Any]) -> str:
    kind = record["event_type"] + (f"/{record['mode']}" if record.get("mode") else "")
    return (f"{_actor_label(record.get('actor'))} → {kind} → {_actor_label(record.get('recipient'))}"
            f" ({record.get('date') or 'undated'})")


def _document_link(doc_id: str, evidence: dict[str, Any] | None) -> str:
    """The document page with this evidence sentence highlighted, scrolled to it."""
    if not evidence:
        return f"/documents/{doc_id}"
    return f"/documents/{doc_id}?start={int(evidence['start'])}&end={int(evidence['end'])}#selected"
