"""The store's schema, as an ordered list of migrations.

A database records the migrations applied to it in `schema_version`; opening an older
database applies the missing ones in order, each in its own transaction. Never edit a
migration that has shipped: add a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]
    fill: Callable | None = None  # Python work after the statements, in the same transaction


def _day(column: str, last: bool) -> str:
    """SQL: the first (or last) ISO day an ISO date at its precision can mean, else NULL (the
    rule of `detente.models.date_bounds`, for rows stored before the column existed)."""
    year = f"{column} || '{'-12-31' if last else '-01-01'}'"
    month = (f"strftime(last_day(try_strptime({column} || '-01', '%Y-%m-%d')), '%Y-%m-%d')" if last
             else f"{column} || '-01'")
    return (f"CASE WHEN try_strptime({column}, '%Y') IS NOT NULL AND length({column}) = 4 THEN {year} "
            f"WHEN try_strptime({column}, '%Y-%m') IS NOT NULL AND length({column}) = 7 THEN {month} "
            f"WHEN try_strptime({column}, '%Y-%m-%d') IS NOT NULL AND length({column}) = 10 THEN {column} END")


def _name_actors(con) -> None:
    """Canonical names of the actors stored before names were (`detente.naming`: from the
    code; the dictionary's name of a person was not stored then, so "Petro" gets his country's
    government until the article is ingested again)."""
    from detente.naming import actor_name

    for table, prefix in (("events", "actor"), ("events", "recipient"), ("quotes", "speaker"),
                          ("claims", "speaker")):
        rows = con.execute(f"SELECT DISTINCT {prefix}_code, {prefix}_country, {prefix}_sector FROM {table} "
                           f"WHERE {prefix}_text IS NOT NULL AND {prefix}_name IS NULL").fetchall()
        named = [(code, country, sector, actor_name(code, country, sector)) for code, country, sector in rows]
        named = [row for row in named if row[3]]
        if not named:
            continue
        con.execute("CREATE OR REPLACE TEMP TABLE _names (code VARCHAR, country VARCHAR, sector VARCHAR, name VARCHAR)")
        con.executemany("INSERT INTO _names VALUES (?, ?, ?, ?)", named)
        con.execute(f"UPDATE {table} SET {prefix}_name = n.name FROM _names n "
                    f"WHERE {table}.{prefix}_name IS NULL AND {table}.{prefix}_text IS NOT NULL "
                    f"AND {table}.{prefix}_code IS NOT DISTINCT FROM n.code "
                    f"AND {table}.{prefix}_country IS NOT DISTINCT FROM n.country "
                    f"AND {table}.{prefix}_sector IS NOT DISTINCT FROM n.sector")
        con.execute("DROP TABLE _names")


_ACTOR_COLUMNS = """
    {p}_text VARCHAR, {p}_code VARCHAR, {p}_country VARCHAR, {p}_sector VARCHAR
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, sources and runs (read + clean)", (
        "CREATE SEQUENCE IF NOT EXISTS document_seq",
        """
        CREATE TABLE documents (
            doc_id VARCHAR PRIMARY KEY,
            seq BIGINT DEFAULT nextval('document_seq'),
            external_id VARCHAR, source_path VARCHAR, url VARCHAR, title VARCHAR,
            outlet VARCHAR, author VARCHAR, published VARCHAR, published_method VARCHAR,
            published_earliest VARCHAR, published_latest VARCHAR, language VARCHAR,
            words INTEGER, truncated BOOLEAN, duplicate_of VARCHAR, status VARCHAR,
            reason VARCHAR, text VARCHAR, minhash BLOB, minhash_scheme VARCHAR,
            ingested_at TIMESTAMP DEFAULT current_timestamp, run_id VARCHAR
        )
        """,
        """
        CREATE TABLE sources (
            source_key VARCHAR PRIMARY KEY,
            source_path VARCHAR, doc_id VARCHAR, status VARCHAR, reason VARCHAR,
            duplicate_of VARCHAR, run_id VARCHAR,
            seen_at TIMESTAMP DEFAULT current_timestamp
        )
        """,
        """
        CREATE TABLE runs (
            run_id VARCHAR PRIMARY KEY, started TIMESTAMP, finished TIMESTAMP,
            status VARCHAR, args VARCHAR,
            n_read INTEGER DEFAULT 0, n_stored INTEGER DEFAULT 0,
            n_near_duplicate INTEGER DEFAULT 0, n_duplicate INTEGER DEFAULT 0,
            n_rejected INTEGER DEFAULT 0, n_skipped INTEGER DEFAULT 0
        )
        """,
    )),
    Migration(2, "events, quotes and claims (analyse + code)", (
        "CREATE SEQUENCE IF NOT EXISTS event_seq",
        f"""
        CREATE TABLE events (
            doc_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL,
            seq BIGINT DEFAULT nextval('event_seq'),
            external_id VARCHAR, source_path VARCHAR, url VARCHAR,
            {_ACTOR_COLUMNS.format(p="actor")}, {_ACTOR_COLUMNS.format(p="recipient")},
            event_type VARCHAR, mode VARCHAR, cameo_root VARCHAR, quad_class INTEGER,
            intensity DOUBLE, date VARCHAR, date_precision VARCHAR, date_method VARCHAR,
            evidence_text VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
            quote VARCHAR, confidence DOUBLE,
            PRIMARY KEY (doc_id, event_id)
        )
        """,
        f"""
        CREATE TABLE quotes (
            doc_id VARCHAR NOT NULL, quote_id VARCHAR NOT NULL,
            seq BIGINT DEFAULT nextval('event_seq'),
            {_ACTOR_COLUMNS.format(p="speaker")},
            text VARCHAR, evidence_text VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
            date VARCHAR,
            PRIMARY KEY (doc_id, quote_id)
        )
        """,
        f"""
        CREATE TABLE claims (
            doc_id VARCHAR NOT NULL, claim_id VARCHAR NOT NULL,
            seq BIGINT DEFAULT nextval('event_seq'),
            value DOUBLE, unit VARCHAR, measure VARCHAR, text VARCHAR,
            evidence_text VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
            {_ACTOR_COLUMNS.format(p="speaker")},
            subject VARCHAR, date VARCHAR,
            PRIMARY KEY (doc_id, claim_id)
        )
        """,
        "CREATE INDEX events_dyad ON events (actor_country, recipient_country)",
        "ALTER TABLE runs ADD COLUMN n_events INTEGER DEFAULT 0",
        "ALTER TABLE runs ADD COLUMN n_quotes INTEGER DEFAULT 0",
        "ALTER TABLE runs ADD COLUMN n_claims INTEGER DEFAULT 0",
    )),
    Migration(3, "watch state: feeds, fetched items, alerts and their deliveries (detente watch)", (
        """
        CREATE TABLE watch_feeds (
            feed_url VARCHAR PRIMARY KEY, title VARCHAR, etag VARCHAR, last_modified VARCHAR,
            polled_at TIMESTAMP, status VARCHAR, reason VARCHAR, n_items INTEGER DEFAULT 0
        )
        """,
        """
        CREATE TABLE watch_items (
            url VARCHAR PRIMARY KEY, feed_url VARCHAR, title VARCHAR, published VARCHAR,
            status VARCHAR, reason VARCHAR, attempts INTEGER DEFAULT 0, doc_id VARCHAR,
            first_seen TIMESTAMP DEFAULT current_timestamp, updated_at TIMESTAMP DEFAULT current_timestamp
        )
        """,
        """
        CREATE TABLE watch_alerts (
            alert_id VARCHAR PRIMARY KEY, rule VARCHAR, kind VARCHAR, dyad VARCHAR, title VARCHAR,
            record VARCHAR, created_at TIMESTAMP DEFAULT current_timestamp
        )
        """,
        """
        CREATE TABLE watch_deliveries (
            alert_id VARCHAR NOT NULL, sink VARCHAR NOT NULL, delivered_at TIMESTAMP,
            attempts INTEGER DEFAULT 0, reason VARCHAR,
            PRIMARY KEY (alert_id, sink)
        )
        """,
        "CREATE TABLE watch_meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    )),
    Migration(4, "exports: events carry their document's outlet, title, published and language, the full "
                 "CAMEO event_code, date_earliest/date_latest; actors their canonical name", (
        *(f"ALTER TABLE events ADD COLUMN {column} VARCHAR" for column in (
            "outlet", "title", "published", "language", "event_code", "date_earliest", "date_latest",
            "actor_name", "recipient_name")),
        "ALTER TABLE quotes ADD COLUMN speaker_name VARCHAR",
        "ALTER TABLE claims ADD COLUMN speaker_name VARCHAR",
        "UPDATE events SET outlet = d.outlet, title = d.title, published = d.published, language = d.language "
        "FROM documents d WHERE d.doc_id = events.doc_id",
        "UPDATE events SET event_code = CASE WHEN length(cameo_root) = 2 THEN cameo_root || '0' ELSE cameo_root END",
        f"UPDATE events SET date_earliest = {_day('date', False)}, date_latest = {_day('date', True)}",
    ), fill=_name_actors),
    Migration(5, "event dates: the anchor an anchored date was resolved on, the background flag; date methods "
                 "renamed (relative → relative-to-publication, reported → publication)", (
        "ALTER TABLE events ADD COLUMN date_anchor_start INTEGER",
        "ALTER TABLE events ADD COLUMN date_anchor_end INTEGER",
        "ALTER TABLE events ADD COLUMN background BOOLEAN DEFAULT false",
        "UPDATE events SET date_method = 'relative-to-publication' WHERE date_method = 'relative'",
        "UPDATE events SET date_method = 'publication' WHERE date_method = 'reported'",
    )),
    Migration(6, "story events stored as events are: each story's record, each event's story, and up to "
                 "which event (and by which merge rule) they are current", (
        """
        CREATE TABLE stories (
            story_id VARCHAR PRIMARY KEY, actor_country VARCHAR, recipient_country VARCHAR,
            event_type VARCHAR, mode VARCHAR, date VARCHAR, n_mentions INTEGER, record VARCHAR
        )
        """,
        "CREATE TABLE story_events (event_id VARCHAR PRIMARY KEY, doc_id VARCHAR, story_id VARCHAR)",
        "CREATE TABLE story_state (key VARCHAR PRIMARY KEY, value VARCHAR)",
    )),
)

LATEST = MIGRATIONS[-1].version

SCHEMA_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY, description VARCHAR,
    applied_at TIMESTAMP DEFAULT current_timestamp
)
"""


def current_version(con) -> int:
    rows = con.execute("SELECT max(version) FROM schema_version").fetchall()
    return int(rows[0][0] or 0)


def migrate(con, upto: int | None = None) -> list[int]:
    """Apply the migrations the database lacks (up to `upto`); returns the versions applied."""
    con.execute(SCHEMA_VERSION_TABLE)
    have = current_version(con)
    applied = []
    for migration in MIGRATIONS:
        if migration.version <= have or (upto is not None and migration.version > upto):
            continue
        con.begin()
        try:
            for statement in migration.statements:
                con.execute(statement)
            if migration.fill is not None:
                migration.fill(con)
            con.execute("INSERT INTO schema_version (version, description) VALUES (?, ?)",
                        [migration.version, migration.description])
            con.commit()
        except Exception:
            con.rollback()
            raise
        applied.append(migration.version)
    return applied
