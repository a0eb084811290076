"""The watcher's alerts in the dashboard: `/alerts` (page) and `/api/alerts` (its JSON twin).

Both read `detente.store.watch.alerts` over the request's read-only store, newest first, each
alert with its evidence sentences linked to the document page that highlights them.
`create_app` includes `router`; this module imports the app's shared pieces (it is imported
only once the app module is loaded).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from detente.present import formats
from detente.server.app import (
    DB,
    DEFAULT_LIMIT,
    Limit,
    ListFormat,
    Offset,
    _api_twin,
    _csv_twin,
    _document_link,
    _web_url,
    _with,
)
from detente.store.watch import alerts as stored_alerts

router = APIRouter()
_env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                   autoescape=select_autoescape(["html"], default=True), trim_blocks=True, lstrip_blocks=True)
_env.globals.update(web_url=_web_url, document_link=_document_link, csv_twin=_csv_twin)

Rule = Annotated[str | None, Query(max_length=200, description="Only alerts of this rule (its name in FEEDS.yaml).")]
AlertDyad = Annotated[str | None, Query(max_length=20, description="Only alerts about this dyad, as the alert "
                                        "names it (CHL>PER for a story event, CHL-PER for an index move).")]


def _page(store, limit: int, offset: int, rule: str | None, dyad: str | None) -> dict[str, Any]:
    total, items = stored_alerts(store, limit=limit, offset=offset, rule=rule, dyad=dyad)
    return {"total": total, "limit": limit, "offset": offset,
            "next_offset": offset + limit if offset + limit < total else None, "items": items}


@router.get("/api/alerts", tags=["alerts"], summary="Alerts raised by `detente watch`, newest first")
def api_alerts(store: DB, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0, rule: Rule = None,
               dyad: AlertDyad = None, fmt: ListFormat = "json") -> Any:
    """Each alert: rule, kind (new_event | index_move | contradiction), title, dyad, created_at,
    what it is about (story, index change or contradiction) and its evidence sentences with the
    article URL and the dashboard link that highlights the sentence. `format=csv`: the page's
    alerts as CSV (nested fields as dotted columns, lists as JSON)."""
    page = _page(store, limit, offset, rule, dyad)
    if fmt == "csv":
        return Response("".join(formats.stream(page["items"], "csv")), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'inline; filename="alerts.csv"'})
    return page


@router.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
def page_alerts(request: Request, store: DB, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
                rule: Rule = None, dyad: AlertDyad = None) -> HTMLResponse:
    data = _page(store, limit, offset, rule, dyad)
    html = _env.get_template("alerts.html").render(
        request=request, db_path=request.app.state.db_path, api_url=_api_twin(request),
        with_query=lambda **c: _with(request, **c), data=data, rule=rule, dyad=dyad)
    return HTMLResponse(html)
