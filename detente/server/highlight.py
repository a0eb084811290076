"""A document's cleaned text cut into segments, each marked with the evidence spans covering it.

Evidence spans are character offsets into `Article.text` (the event record's
`evidence.start`/`evidence.end`); spans may overlap (two events in one sentence), so the text
is cut at every span boundary and each piece lists the spans over it. The template escapes
every piece: article text never reaches the page as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Span:
    start: int
    end: int
    ref: str  # event_id, or "selected" for the span asked for in the URL
    label: str = ""


@dataclass
class Segment:
    text: str
    start: int
    end: int
    spans: list[Span] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # refs of spans that begin here

    @property
    def refs(self) -> list[str]:
        """The event ids over this piece (not the "selected" marker)."""
        return [s.ref for s in self.spans if s.ref != "selected"]

    @property
    def selected(self) -> bool:
        return any(s.ref == "selected" for s in self.spans)

    @property
    def title(self) -> str:
        return "; ".join(s.label for s in self.spans if s.label)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "refs": self.refs}


def clamp(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A span limited to the text; None when nothing of it is inside."""
    start, end = max(0, start), min(len(text), end)
    return (start, end) if start < end else None


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """Cut `text` at every boundary of `spans` (clamped to the text; empty ones dropped)."""
    kept = []
    for span in spans:
        bounds = clamp(text, span.start, span.end)
        if bounds:
            kept.append(Span(bounds[0], bounds[1], span.ref, span.label))
    cuts = sorted({0, len(text), *(s.start for s in kept), *(s.end for s in kept)})
    result = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in kept if s.start <= start and end <= s.end]
        anchors = [s.ref for s in kept if s.start == start]
        result.append(Segment(text[start:end], start, end, covering, anchors))
    return result
