"""Language of the cleaned text: non-English documents are stored and marked, not coded."""

from __future__ import annotations


def detect_language(text: str) -> str | None:
    """ISO 639-1 code from py3langid, or None for too little text to tell."""
    sample = text[:20_000]
    if len(sample.split()) < 3:
        return None
    try:
        import py3langid

        code, _score = py3langid.classify(sample)
    except Exception:  # noqa: BLE001 - detection is advisory; never lose a document over it
        return None
    return code
