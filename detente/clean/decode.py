"""Bytes → str for scraped files of unknown encoding, and a refusal for files that are not text.

Order: byte-order mark, strict UTF-8 (most of the web), the HTML's own meta charset, then
charset-normalizer's guess. Latin-1 is read as Windows-1252 (as browsers do): the two agree
except 0x80–0x9F, where real-world "Latin-1" files hold curly quotes and dashes.
"""

from __future__ import annotations

import codecs
import re

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
    (b"RIFF", "RIFF media file"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"SQLite format 3", "SQLite database"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_WESTERN = {"latin_1", "iso8859_1", "iso8859_15", "cp1252", "ascii", "mac_roman", "cp1250", "iso8859_2"}


def _bom(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def binary_kind(data: bytes) -> str | None:
    """What kind of binary file `data` is ("PNG image", "binary data"), or None if it is text."""
    if _bom(data):
        return None
    for magic, name in _MAGIC:
        if data.startswith(magic):
            if magic == b"MZ" and b"This program" not in data[:512]:
                continue  # a text that happens to start with "MZ"
            return name
    sample = data[:8192]
    if not sample:
        return None
    if b"\x00" in sample:
        # UTF-16 without a BOM has NULs in every other byte; everything else with NULs is binary.
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        if max(odd, even) > len(sample) / 4 and min(odd, even) < len(sample) / 50:
            return None
        return "binary data"
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if control / len(sample) > 0.05:
        return "binary data"
    return None


def _normal(name: str) -> str | None:
    try:
        return codecs.lookup(name.decode("ascii") if isinstance(name, bytes) else name).name
    except (LookupError, UnicodeDecodeError):
        return None


def detect_encoding(data: bytes) -> str:
    """The codec name to read `data` with (never fails; cp1252 is the last resort)."""
    bom = _bom(data)
    if bom:
        return "utf-8-sig" if bom == "utf-8" else bom
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        odd = data[1:4096:2].count(0)
        return "utf-16-le" if odd > data[0:4096:2].count(0) else "utf-16-be"
    match = _META_CHARSET.search(data[:4096])
    if match:
        declared = _normal(match.group(1))
        if declared in ("latin_1", "iso8859_1", "ascii"):
            return "cp1252"
        if declared and declared not in ("utf_8", "utf_16", "utf_16_le", "utf_16_be"):
            return declared
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        guess = _normal(best.encoding) if best is not None else None
    except Exception:  # noqa: BLE001 - a detector bug must not lose the document
        guess = None
    if guess is None or guess in _WESTERN:
        # Short Western text is where detectors waver between close code pages; cp1252 is
        # what such files overwhelmingly are, and it maps all the letters of Latin-1.
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            return guess or "latin-1"
    return guess


def decode(data: bytes) -> str:
    """Decode `data` to text; never raises (undecodable bytes become U+FFFD)."""
    try:
        encoding = detect_encoding(data)
        return data.decode(encoding, errors="replace")
    except Exception:  # noqa: BLE001 - last resort keeps the pipeline going
        return data.decode("utf-8", errors="replace")


# Characters a reader never sees that split words for a machine: zero-width space, word
# joiner, byte-order mark (also inside a text), soft hyphen, and the bidi controls (marks,
# embeddings, overrides, isolates). "Pe\u200btro" is "Petro" on screen and must be in the data.
# Zero-width spaces, the word joiner, byte order marks, soft hyphens and the bidirectional
# marks, embeddings, overrides and isolates (the Arabic letter mark among them): never visible.
INVISIBLE_CHARACTERS = "\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
_INVISIBLE = re.compile(f"[{INVISIBLE_CHARACTERS}]")
# Zero-width (non-)joiners shape Persian, Arabic and Indic words; between Latin letters they
# only break a name.
_LATIN_JOINER = re.compile("(?<=[A-Za-z\u00c0-\u024f])[\u200c\u200d]+(?=[A-Za-z\u00c0-\u024f])")


def strip_invisible(text: str) -> str:
    """`text` without invisible formatting characters that would split its words."""
    if text.isascii():
        return text
    return _LATIN_JOINER.sub("", _INVISIBLE.sub("", text))
