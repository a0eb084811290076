"""Stage 1 — read: paths (files, folders, JSONL, JSON, WARC, '-' for stdin) → RawDocument stream.

JSON records (a JSONL line, a .json file, an item of a JSON array) are mapped to a RawDocument by
one table of accepted keys, `data/input_fields.yaml` (trafilatura's, news-please's, GDELT-style
and detente's own field names): no per-format reader. A WARC record's `WARC-Date` and a record's
crawl field become `RawDocument.crawled`, which `clean` uses as an upper bound on publication.

Everything here is a generator so a corpus is never listed or loaded whole. A problem with
one input (unreadable, vanished, too large, bad JSONL line, WARC record we cannot use) becomes
a RawDocument with a one-line `error`, so `clean` reports it as a rejection and the run goes on.

WARC policy: `response` records with an HTML (or text) payload are articles. `warcinfo`,
`request` and `metadata` records are the normal companions of responses in CC-NEWS and are
skipped silently. Any other record (`resource`, `revisit`, `conversion`, …), a response with a
non-HTML payload (image, PDF), or a non-2xx HTTP status is reported as an error naming the
record, because a user who feeds a WARC expects every article in it. A WARC with no response
record at all is reported once for the file. A record cut short (its Content-Length says
how long it should be: a download that stopped) is reported as truncated, never half-read.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import sys
import time
import zlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from detente.config import Settings
from detente.models import RawDocument

__all__ = ["input_fields", "is_input_name", "is_stream_name", "iter_raw", "parse_jsonl_line",
           "record_fields", "record_to_raw", "source_key"]

TEXT_EXTENSIONS = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html"}
STREAM_EXTENSIONS = {".jsonl": "jsonl", ".json": "json", ".warc": "warc"}
GZIP_MAGIC = b"\x1f\x8b"
# A folder of scraped articles often carries its own documentation; when walking a folder these
# files are not articles (named explicitly on the command line, they are read like any other).
PROJECT_FILES = ("readme", "license", "licence", "changelog", "contributing", "notice", "authors")
WARC_QUIET_TYPES = {"warcinfo", "request", "metadata"}
_CHUNK = 1 << 16


def _size_text(n: int) -> str:
    value = n / (1024 * 1024)
    return f"{value:.0f} MB" if value == int(value) else f"{value:.1f} MB"


def too_large(size: int, limit: int) -> str:
    return f"file too large: {_size_text(size)} > limit {_size_text(limit)} (raise with --max-bytes)"


def _kind_of(path: str) -> str | None:
    """html | text | jsonl | json | warc from the file name (a trailing .gz is ignored); None if unknown."""
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    ext = os.path.splitext(name)[1]
    return TEXT_EXTENSIONS.get(ext) or STREAM_EXTENSIONS.get(ext)


def is_input_name(name: str) -> bool:
    """Is a file met while walking a folder read as input? (Hidden, unknown-kind and project
    files such as README are not; named explicitly, any file is read.)"""
    return not name.startswith(".") and _kind_of(name) is not None and not _is_project_file(name)


def is_stream_name(name: str) -> bool:
    """A JSONL or WARC file (optionally gzipped): many records in one file."""
    return _kind_of(name) in STREAM_EXTENSIONS.values()


_JSON_START = re.compile(rb"^(?:\{\s*(?:\"|\})|\[\s*(?:\{|\]))")


def _sniff_kind(head: bytes) -> str:
    """Guess the kind of an unnamed stream (stdin, unknown extension) from its first bytes."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped.startswith(b"{") and _first_line_is_object(stripped.decode("utf-8", "replace")):
        return "jsonl"
    if _JSON_START.match(stripped):
        return "json"  # a pretty-printed object (news-please) or an array of them: one JSON value
    lowered = stripped[:1024].lower()
    if lowered.startswith(b"<") and (b"<html" in lowered or b"<!doctype" in lowered
                                     or b"<body" in lowered or b"<p" in lowered or b"<div" in lowered):
        return "html"
    return "text"


def _error(source: str, message: str, size: int = 0) -> RawDocument:
    return RawDocument(source_path=source, error=message, size=size)


def _os_error(source: str, exc: OSError) -> RawDocument:
    if isinstance(exc, FileNotFoundError):
        return _error(source, "no such file: it was listed but is gone (deleted, moved or a broken link)")
    if isinstance(exc, PermissionError):
        return _error(source, "permission denied (check the file's read permission)")
    return _error(source, f"cannot read file: {exc.strerror or exc}")


def _read_capped(stream: BinaryIO, limit: int) -> bytes | None:
    """Read at most `limit` bytes; None when the stream holds more (so memory stays bounded)."""
    buf = io.BytesIO()
    while chunk := stream.read(_CHUNK):
        buf.write(chunk)
        if buf.tell() > limit:
            return None
    return buf.getvalue()


def _open_maybe_gzip(raw: BinaryIO) -> BinaryIO:
    """Gzip is recognised by its magic bytes, whatever the file is called."""
    buffered = raw if hasattr(raw, "peek") else io.BufferedReader(raw)  # type: ignore[arg-type]
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=buffered)  # type: ignore[return-value]
    return buffered  # type: ignore[return-value]


def iter_raw(paths: Iterable[str], settings: Settings) -> Iterator[RawDocument]:
    """Yield one RawDocument per article-sized input found under `paths`, lazily."""
    for path in paths:
        if path == "-":
            yield from _iter_stdin(settings)
            continue
        try:
            is_dir = os.path.isdir(path)
        except OSError as exc:  # pragma: no cover - isdir swallows most errors
            yield _os_error(path, exc)
            continue
        if is_dir:
            yield from _iter_dir(path, settings)
        elif os.path.lexists(path):
            yield from _iter_file(path, settings, explicit=True)
        else:
            yield _error(path, "no such file or directory")


def _iter_dir(root: str, settings: Settings) -> Iterator[RawDocument]:
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        while errors:
            exc = errors.pop()
            yield _error(getattr(exc, "filename", None) or dirpath,
                         f"cannot list directory: {exc.strerror or exc}")
        dirnames.sort()
        for name in sorted(filenames):
            if not is_input_name(name):
                continue
            yield from _iter_file(os.path.join(dirpath, name), settings, explicit=False)
    while errors:
        exc = errors.pop()
        yield _error(getattr(exc, "filename", None) or root, f"cannot list directory: {exc.strerror or exc}")


def count_documents(paths: Iterable[str], limit_seconds: float = 2.0) -> int | None:
    """How many documents the inputs hold, when that is cheap to know (a progress bar's total):
    one per page file, one per non-blank line of an uncompressed JSONL file. None for stdin, WARC,
    gzipped or JSON streams, or when counting takes longer than `limit_seconds`."""
    deadline = time.monotonic() + limit_seconds

    def files() -> Iterator[str]:
        for path in paths:
            if os.path.isdir(path):
                for dirpath, dirnames, filenames in os.walk(path):
                    dirnames.sort()
                    yield from (os.path.join(dirpath, n) for n in filenames if is_input_name(n))
            else:
                yield path

    total = 0
    for path in files():
        if path == "-" or time.monotonic() > deadline:
            return None
        kind = _kind_of(path)
        if kind in ("html", "text"):
            total += 1
        elif kind == "jsonl" and not path.lower().endswith(".gz"):
            try:
                with open(path, "rb") as handle:
                    last = b"\n"
                    for block in iter(lambda: handle.read(1 << 20), b""):
                        total += block.count(b"\n")
                        last = block[-1:]
                        if time.monotonic() > deadline:
                            return None
                    total += last != b"\n"  # a last line without its newline
            except OSError:
                total += 1  # read as one rejected input
        else:
            return None
    return total


def _is_project_file(name: str) -> bool:
    return name.lower().split(".", 1)[0] in PROJECT_FILES


def _iter_file(path: str, settings: Settings, explicit: bool) -> Iterator[RawDocument]:
    kind = _kind_of(path)
    try:
        size = os.stat(path).st_size
        if kind in ("text", "html") and size > settings.max_bytes:
            yield _error(path, too_large(size, settings.max_bytes), size)  # refused unopened
            return
        handle = open(path, "rb")  # noqa: SIM115 - closed in finally, generator body
    except OSError as exc:
        yield _os_error(path, exc)
        return
    try:
        try:
            stream = _open_maybe_gzip(handle)
            if kind is None:
                kind = _sniff_kind(stream.peek(4096)[:4096]) if hasattr(stream, "peek") else "text"
        except (OSError, EOFError, zlib.error) as exc:
            yield _error(path, f"cannot read file: {exc}", size)
            return
        if kind == "jsonl":
            yield from _iter_jsonl(stream, path, settings)
        elif kind == "json":
            yield from _iter_json(stream, path, settings)
        elif kind == "warc":
            yield from _iter_warc(handle, path, settings)
        else:
            if size > settings.max_bytes:
                yield _error(path, too_large(size, settings.max_bytes), size)
                return
            try:
                data = _read_capped(stream, settings.max_bytes)
            except (OSError, EOFError, zlib.error) as exc:
                yield _error(path, f"cannot read file: {exc}", size)
                return
            if data is None:
                yield _error(path, "file too large: more than limit "
                             f"{_size_text(settings.max_bytes)} once decompressed (raise with --max-bytes)", size)
                return
            yield RawDocument(source_path=path, data=data, kind=kind, size=len(data))
    finally:
        handle.close()


def _iter_stdin(settings: Settings) -> Iterator[RawDocument]:
    try:
        stream = _open_maybe_gzip(sys.stdin.buffer)
        head = stream.peek(4096)[:4096]
    except (OSError, EOFError, zlib.error, AttributeError, ValueError) as exc:
        yield _error("<stdin>", f"cannot read standard input: {exc}")
        return
    kind = _sniff_kind(head)
    if kind == "jsonl":
        yield from _iter_jsonl(stream, "<stdin>", settings)
    elif kind == "json":
        yield from _iter_json(stream, "<stdin>", settings)
    elif kind == "warc":
        yield from _iter_warc(stream, "<stdin>", settings)
    else:
        data = _read_capped(stream, settings.max_bytes)
        if data is None:
            yield _error("<stdin>", "input too large: more than limit "
                         f"{_size_text(settings.max_bytes)} (raise with --max-bytes)")
            return
        yield RawDocument(source_path="<stdin>", data=data, kind=kind, size=len(data))


FIELDS_FILE = Path(__file__).resolve().parents[1] / "data" / "input_fields.yaml"
_URL_VALUE = re.compile(r"^https?://[^\s/]+", re.I)
_SCALAR_FIELDS = ("published", "crawled", "external_id")  # numbers accepted (GDELT's 20250126103000)


@lru_cache(maxsize=1)
def input_fields() -> dict[str, tuple[str, ...]]:
    """RawDocument field → the record keys that fill it, preferred first (data/input_fields.yaml)."""
    with open(FIELDS_FILE, encoding="utf-8") as fh:
        table = yaml.safe_load(fh)
    return {name: tuple(str(k).lower() for k in keys) for name, keys in table.items()}


def _usable(name: str, value: Any) -> str | None:
    """The value as the field's string, or None when it cannot fill that field."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)) and name in _SCALAR_FIELDS:
        return str(value) if value == value and abs(value) != float("inf") else None
    if not isinstance(value, str):
        return None  # a list, an object (NewsAPI's {"source": {...}}): not this field
    if name == "url" and not _URL_VALUE.match(value.strip()):
        return None
    if name not in ("text", "html") and not value.strip():
        return None
    return value.strip() if name not in ("text", "html") else value


def record_fields(record: dict) -> dict[str, str]:
    """The raw-document fields a JSON record fills, by the one table of accepted keys."""
    lowered: dict[str, Any] = {}
    for key, value in record.items():
        lowered.setdefault(str(key).lower(), value)  # first spelling wins when two differ in case
    found: dict[str, str] = {}
    for name, keys in input_fields().items():
        for key in keys:
            value = _usable(name, lowered.get(key))
            if value is not None:
                found[name] = value
                break
    return found


def record_to_raw(record: Any, source: str, size: int) -> RawDocument:
    """One JSON value (a line, a file, an array item) → RawDocument; a non-object is an error."""
    if not isinstance(record, dict):
        return _error(source, f"not a JSON object but a {type(record).__name__}", size)
    found = record_fields(record)
    body_text, body_html = found.get("text"), found.get("html")
    raw = RawDocument(
        source_path=source, text=body_text, html=body_html,
        kind="html" if body_html and not body_text else "text",
        url=found.get("url"), title=found.get("title"), published=found.get("published"),
        outlet=found.get("outlet"), external_id=found.get("external_id"), crawled=found.get("crawled"),
        size=size,
    )
    if not (body_text and body_text.strip()) and not (body_html and body_html.strip()):
        keys = input_fields()
        raw.error = ("JSON record has no article text (none of "
                     + ", ".join(f"'{k}'" for k in keys["text"] + keys["html"]) + ")")
    return raw


def parse_jsonl_line(line: bytes | str, source: str) -> RawDocument | None:
    """One JSONL line → RawDocument; None for a blank line; never raises."""
    try:
        text = line.decode("utf-8") if isinstance(line, bytes) else line
    except UnicodeDecodeError:
        text = line.decode("utf-8", "replace")  # type: ignore[union-attr]
    if not text.strip():
        return None
    size = len(text.encode("utf-8", "replace"))
    try:
        record = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return _error(source, f"not JSON: {str(exc).splitlines()[0][:120]}", size)
    return record_to_raw(record, source, size)


def _iter_json(stream: BinaryIO, path: str, settings: Settings) -> Iterator[RawDocument]:
    """A .json file: one object (news-please writes one article per file, trafilatura --json
    one per page), an array of objects, or JSON lines under a .json name."""
    try:
        data = _read_capped(stream, settings.max_bytes)
    except (OSError, EOFError, zlib.error) as exc:
        yield _error(path, f"cannot read file: {exc}")
        return
    if data is None:
        yield _error(path, "JSON file too large: more than limit "
                     f"{_size_text(settings.max_bytes)} (write one article per line as .jsonl, "
                     "or raise with --max-bytes)")
        return
    text = data.decode("utf-8", "replace").lstrip("\ufeff")
    if not text.strip():
        yield _error(path, "empty file")
        return
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        if _first_line_is_object(text):
            yield from _iter_jsonl(io.BytesIO(data), path, settings)  # JSON lines named .json
            return
        yield _error(path, f"not JSON: {str(exc).splitlines()[0][:120]}", len(data))
        return
    if isinstance(value, list):
        if not value:
            yield _error(path, "JSON file holds an empty array (no articles)", len(data))
        for i, item in enumerate(value, 1):
            yield record_to_raw(item, f"{path}#item-{i}", len(json.dumps(item, ensure_ascii=False)))
        return
    yield record_to_raw(value, path, len(data))


def _first_line_is_object(text: str) -> bool:
    first = text.lstrip("\ufeff \t\r\n").split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def _iter_jsonl(stream: BinaryIO, path: str, settings: Settings) -> Iterator[RawDocument]:
    lineno = 0
    while True:
        source = f"{path}#L{lineno + 1}"
        try:
            line = stream.readline(settings.max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            yield _error(source, f"cannot read file: {exc}")
            return
        if not line:
            return
        lineno += 1
        if len(line) > settings.max_bytes and not line.endswith(b"\n"):
            yield _error(source, "JSONL line too large: more than limit "
                         f"{_size_text(settings.max_bytes)} (raise with --max-bytes)")
            while line and not line.endswith(b"\n"):  # skip the rest of the line unread
                line = stream.readline(_CHUNK)
            continue
        raw = parse_jsonl_line(line, source)
        if raw is not None:
            yield raw


def _iter_warc(stream: BinaryIO, path: str, settings: Settings) -> Iterator[RawDocument]:
    from warcio.archiveiterator import ArchiveIterator

    responses = 0
    index = 0
    try:
        for record in ArchiveIterator(stream):
            index += 1
            source = f"{path}#record-{index}"
            rtype = record.rec_type
            url = record.rec_headers.get_header("WARC-Target-URI")
            if rtype in WARC_QUIET_TYPES:
                continue
            if rtype != "response":
                yield _error(source, f"WARC record is not a response ({rtype}) for {url or 'no URL'}")
                continue
            responses += 1
            http = record.http_headers
            ctype = (http.get_header("Content-Type") if http else None) or ""
            status = http.get_statuscode() if http else None
            if status and not str(status).startswith("2"):
                yield _error(source, f"WARC response has HTTP status {status} for {url}")
                continue
            if ctype and not any(t in ctype.lower() for t in ("html", "text/plain", "xml")):
                yield _error(source, f"WARC response is not HTML ({ctype.split(';')[0]}) for {url}")
                continue
            length = int(record.rec_headers.get_header("Content-Length") or 0)
            if length > settings.max_bytes:
                yield _error(source, too_large(length, settings.max_bytes), length)
                continue
            data = _read_capped(record.content_stream(), settings.max_bytes)
            if data is None:
                yield _error(source, "WARC record too large: more than limit "
                             f"{_size_text(settings.max_bytes)} (raise with --max-bytes)")
                continue
            missing = getattr(record.raw_stream, "limit", 0) or 0  # of the record's Content-Length
            if missing > 0:
                yield _error(source, f"WARC record truncated: the file ends {missing:,} bytes before the "
                             f"end of the record ({length:,} bytes by its Content-Length) for {url}", length)
                continue
            yield RawDocument(source_path=source, data=data, kind="text" if "text/plain" in ctype.lower()
                              else "html", url=url, size=len(data),
                              crawled=record.rec_headers.get_header("WARC-Date"))
    except Exception as exc:  # noqa: BLE001
        # warcio raises assorted types on hostile input; the file is reported, the run goes on
        yield _error(f"{path}#record-{index + 1}", f"broken WARC file: {str(exc).splitlines()[0][:160]}")
        return
    if responses == 0 and index == 0:
        yield _error(path, "WARC file holds no records")
    elif responses == 0:
        yield _error(path, "WARC file holds no response records (nothing to read as an article)")


def source_key(raw: RawDocument) -> str:
    """A stable key for resuming a run: the same input gives the same key, a changed one not.

    Files: path + size + mtime (cheap, no re-read). Records inside a file (JSONL lines, WARC
    records, stdin) have no mtime of their own: path#record + a hash of their content.
    """
    path = raw.source_path
    if "#" not in path and path != "<stdin>":
        try:
            st = os.stat(path)
            return f"{path}|{st.st_size}|{int(st.st_mtime_ns)}"
        except OSError:
            return f"{path}|{raw.size}|error"
    digest = hashlib.sha256()
    for part in (raw.data, raw.text, raw.html, raw.error):
        if part is None:
            digest.update(b"\x00")
        else:
            digest.update(part if isinstance(part, bytes) else part.encode("utf-8", "replace"))
    return f"{path}|{digest.hexdigest()[:16]}"
