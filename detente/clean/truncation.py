"""Paywall and cut-off detection: truncated articles are kept, but marked."""

from __future__ import annotations

import re

_PAYWALL_LINE = re.compile(
    r"^(?:to continue reading|continue reading|subscribe (?:now )?to (?:continue|read|unlock)|"
    r"(?:sign|log) in to (?:continue|read)|register to (?:continue|read)|this (?:article|content) is "
    r"(?:for|only available to|reserved for) (?:subscribers|members)|already a subscriber|"
    r"you have reached your (?:free )?article limit|the rest of this article is)",
    re.I,
)
_ELLIPSIS_END = re.compile(r"(?:\.{3,}|…|\[\.\.\.\]|\(\.\.\.\))\s*[\"'”’»)]?\s*$")
_SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*$|[\"”’»]$")


def detect_truncation(text: str) -> tuple[str, bool]:
    """(text without trailing paywall prompts, truncated?).

    Truncated when a paywall prompt closes the text, the last paragraph ends in an ellipsis
    ("........", "…"), or a long last paragraph stops mid-sentence.
    """
    lines = text.rstrip().split("\n")
    truncated = False
    while lines and len(lines[-1].split()) <= 30 and _PAYWALL_LINE.search(lines[-1].strip()):
        lines.pop()
        truncated = True
    kept = "\n".join(lines).rstrip()
    last = lines[-1].strip() if lines else ""
    if _ELLIPSIS_END.search(last):
        truncated = True
    elif last and len(last.split()) >= 12 and not _SENTENCE_END.search(last) and last[-1:].isalnum():
        truncated = True  # a paragraph that stops mid-sentence
    return kept, truncated
