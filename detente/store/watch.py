"""The watcher's memory in the store: feeds, fetched items, alerts and their deliveries.

Kept in the same DuckDB file as the documents (migration 3), so a restarted `detente watch`
resumes where it stopped — no URL fetched twice, no alert sent twice — and the dashboard
reads the alerts with the same queries. Every SQL statement of the watcher lives here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from detente.models import INTERNAL_ERROR
from detente.store.store import Store

# Item statuses: pending (listed by a feed, not yet fetched), retry (a transient failure),
# ingested (fetched and handed to ingest; `reason` says stored/duplicate/…), failed (given up),
# disallowed (robots.txt).
OPEN_STATUSES = ("pending", "retry")
ALERTED_THROUGH = "alerted_through_seq"  # documents.seq up to which alert rules have run


class WatchState:
    """Queries over the watch tables of one open, writable `Store`."""

    def __init__(self, store: Store):
        self.store = store

    @property
    def con(self):
        """The store's connection of the moment (a shared store opens it only in turns)."""
        return self.store.con

    # --- feeds -----------------------------------------------------------------------------
    def feed(self, feed_url: str) -> dict[str, Any]:
        row = self.con.execute("SELECT etag, last_modified, title FROM watch_feeds WHERE feed_url = ?",
                               [feed_url]).fetchall()
        if not row:
            return {"etag": None, "last_modified": None, "title": None}
        return dict(zip(("etag", "last_modified", "title"), row[0], strict=True))

    def record_feed(self, feed_url: str, status: str, reason: str | None = None, etag: str | None = None,
                    last_modified: str | None = None, title: str | None = None, n_items: int = 0) -> None:
        """The outcome of one poll; validators and title are kept when this poll gave none."""
        self.con.execute(
            "INSERT INTO watch_feeds (feed_url, title, etag, last_modified, polled_at, status, reason, n_items) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (feed_url) DO UPDATE SET "
            "title = coalesce(excluded.title, watch_feeds.title), "
            "etag = coalesce(excluded.etag, watch_feeds.etag), "
            "last_modified = coalesce(excluded.last_modified, watch_feeds.last_modified), "
            "polled_at = excluded.polled_at, status = excluded.status, reason = excluded.reason, "
            "n_items = excluded.n_items",
            [feed_url, title, etag, last_modified, datetime.now(), status, reason, n_items])

    # --- items -----------------------------------------------------------------------------
    def is_known(self, url: str) -> bool:
        """Listed before by a feed, or already ingested from that URL by any run."""
        if self.con.execute("SELECT 1 FROM watch_items WHERE url = ?", [url]).fetchall():
            return True
        return bool(self.con.execute("SELECT 1 FROM sources WHERE source_path = ? LIMIT 1", [url]).fetchall())

    def add_item(self, url: str, feed_url: str, title: str | None, published: str | None) -> bool:
        """Queue a newly listed article; False when the URL was already known."""
        if self.is_known(url):
            return False
        self.con.execute("INSERT INTO watch_items (url, feed_url, title, published, status) "
                         "VALUES (?, ?, ?, ?, 'pending') ON CONFLICT (url) DO NOTHING",
                         [url, feed_url, title, published])
        return True

    def open_items(self, limit: int) -> list[dict[str, Any]]:
        """Items still to fetch, oldest first (a bounded batch per poll)."""
        rows = self.con.execute(
            "SELECT url, feed_url, title, published, attempts FROM watch_items "
            "WHERE list_contains(?, status) ORDER BY first_seen, url LIMIT ?",
            [list(OPEN_STATUSES), limit]).fetchall()
        return [dict(zip(("url", "feed_url", "title", "published", "attempts"), r, strict=True)) for r in rows]

    def settle_items(self) -> int:
        """Mark open items whose URL the ingest has recorded (each poll's articles, and those of
        a watcher killed before it could mark them): they are never fetched again. An internal
        error is not settled: the ingest retries it, so the item stays open."""
        rows = self.con.execute(
            "UPDATE watch_items SET status = 'ingested', reason = s.status || coalesce(': ' || s.reason, ''), doc_id = s.doc_id, "
            "updated_at = current_timestamp FROM sources s "
            "WHERE s.source_path = watch_items.url AND list_contains(?, watch_items.status) "
            "AND NOT coalesce(starts_with(s.reason, ?), false) RETURNING url",
            [list(OPEN_STATUSES), INTERNAL_ERROR]).fetchall()
        return len(rows)

    def n_open(self) -> int:
        return self.con.execute("SELECT count(*) FROM watch_items WHERE list_contains(?, status)",
                                [list(OPEN_STATUSES)]).fetchall()[0][0]

    def set_item(self, url: str, status: str, reason: str | None = None, doc_id: str | None = None,
                 attempted: bool = False) -> None:
        self.con.execute(
            "UPDATE watch_items SET status = ?, reason = ?, doc_id = coalesce(?, doc_id), "
            "attempts = attempts + ?, updated_at = ? WHERE url = ?",
            [status, reason, doc_id, 1 if attempted else 0, datetime.now(), url])

    def items(self, status: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT url, feed_url, status, reason, attempts, doc_id FROM watch_items"
        params: list[Any] = []
        if status:
            sql += " WHERE status = ?"
            params.append(status)
        rows = self.con.execute(sql + " ORDER BY first_seen, url", params).fetchall()
        return [dict(zip(("url", "feed_url", "status", "reason", "attempts", "doc_id"), r, strict=True)) for r in rows]

    # --- what the alert rules have seen ----------------------------------------------------
    def alerted_through(self) -> int:
        row = self.con.execute("SELECT value FROM watch_meta WHERE key = ?", [ALERTED_THROUGH]).fetchall()
        return int(row[0][0]) if row else 0

    def start_watermark(self) -> None:
        """On a watcher's first poll, documents already stored are history, not news."""
        self.con.execute("INSERT INTO watch_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                         [ALERTED_THROUGH, str(self.max_document_seq())])

    def max_document_seq(self) -> int:
        return int(self.con.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchall()[0][0])

    def pairs_since(self, seq: int) -> set[tuple[str | None, str | None]]:
        """(actor country, recipient country) of every event in documents stored after `seq`."""
        return {tuple(r) for r in self.con.execute(
            "SELECT DISTINCT e.actor_country, e.recipient_country FROM events e "
            "JOIN documents d USING (doc_id) WHERE d.seq > ?", [seq]).fetchall()}

    def document_seqs(self, doc_ids: Iterable[str]) -> dict[str, int]:
        ids = sorted(set(doc_ids))
        if not ids:
            return {}
        return dict(self.con.execute("SELECT doc_id, seq FROM documents WHERE list_contains(?, doc_id)",
                                     [ids]).fetchall())

    # --- alerts ----------------------------------------------------------------------------
    def record_alerts(self, alerts: list[dict[str, Any]], sinks: Iterable[str], through_seq: int) -> list[str]:
        """Store new alerts with one pending delivery per sink and move the watermark, in one
        transaction; returns the ids that were new (an alert id already stored is skipped)."""
        sinks = list(sinks)
        new: list[str] = []
        self.con.begin()
        try:
            for alert in alerts:
                if self.con.execute("SELECT 1 FROM watch_alerts WHERE alert_id = ?",
                                    [alert["alert_id"]]).fetchall():
                    continue
                self.con.execute(
                    "INSERT INTO watch_alerts (alert_id, rule, kind, dyad, title, record, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [alert["alert_id"], alert["rule"], alert["kind"], alert.get("dyad"), alert["title"],
                     json.dumps(alert, ensure_ascii=False), alert["created_at"]])
                for sink in sinks:
                    self.con.execute("INSERT INTO watch_deliveries (alert_id, sink) VALUES (?, ?)",
                                     [alert["alert_id"], sink])
                new.append(alert["alert_id"])
            self.con.execute("INSERT INTO watch_meta (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             [ALERTED_THROUGH, str(through_seq)])
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return new

    def undelivered(self, sink: str, max_attempts: int) -> list[dict[str, Any]]:
        rows = self.con.execute(
            "SELECT a.record FROM watch_deliveries d JOIN watch_alerts a USING (alert_id) "
            "WHERE d.sink = ? AND d.delivered_at IS NULL AND d.attempts < ? ORDER BY a.created_at, a.alert_id",
            [sink, max_attempts]).fetchall()
        return [json.loads(r[0]) for r in rows]

    def delivered(self, alert_id: str, sink: str, reason: str | None = None) -> None:
        """One delivery attempt: done when `reason` is None, else counted as a failure."""
        self.con.execute(
            "UPDATE watch_deliveries SET attempts = attempts + 1, reason = ?, "
            "delivered_at = CASE WHEN ? THEN ? ELSE NULL END WHERE alert_id = ? AND sink = ?",
            [reason, reason is None, datetime.now(), alert_id, sink])


def alerts(store: Store, limit: int = 100, offset: int = 0, rule: str | None = None,
           dyad: str | None = None) -> tuple[int, list[dict[str, Any]]]:
    """Stored alerts, newest first (for the dashboard and `/api/alerts`): (total, page)."""
    where, params = [], []
    if rule:
        where.append("rule = ?")
        params.append(rule)
    if dyad:
        where.append("dyad = ?")
        params.append(dyad.upper())
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = store.con.execute(f"SELECT count(*) FROM watch_alerts{clause}", params).fetchall()[0][0]
    rows = store.con.execute(f"SELECT record FROM watch_alerts{clause} ORDER BY created_at DESC, alert_id "
                             "LIMIT ? OFFSET ?", params + [limit, offset]).fetchall()
    return int(total), [json.loads(r[0]) for r in rows]
