"""Per-document budgets: wall-clock time, and how much text one piece of coding may take.

A document may cost at most `Settings.doc_seconds` to clean and as much again to code;
`time_limit` enforces that. In the main thread of a process (the CLI, every pool worker) a
timer signal interrupts whatever runs, even a loop that never ends; elsewhere (a web server's
thread) only the checks between chunks (`Deadline.check`) can stop it. Long texts are coded in
chunks of whole paragraphs, or of whole sentences when one paragraph is itself too long, so no
piece ever reaches spaCy's `max_length`.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class OverBudget(BaseException):  # noqa: N818 - like KeyboardInterrupt: not caught by `except Exception`
    """A document took longer than its time budget (a BaseException, so that libraries which
    catch every Exception around their own work do not swallow it)."""

    def __init__(self, seconds: float):
        super().__init__(f"more than {seconds:g} s")
        self.seconds = seconds


class Deadline:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise OverBudget(self.seconds)


@contextmanager
def time_limit(seconds: float) -> Iterator[Deadline]:
    """Raise `OverBudget` in the block once `seconds` have passed (0 or less: no limit)."""
    deadline = Deadline(seconds if seconds > 0 else float("inf"))
    armed = (seconds > 0 and threading.current_thread() == threading.main_thread()
             and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))  # never override a caller's timer

    def expire(signum, frame):
        raise OverBudget(seconds)

    previous = None
    if armed:
        previous = signal.signal(signal.SIGALRM, expire)
        # ...and again every half second: a signal that lands where Python cannot raise (a
        # garbage-collector callback, a __del__) is lost, the next one is not
        signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    try:
        yield deadline
    finally:
        if armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


OVER_TIME = "over the time budget"  # reason prefixes: a rerun with a raised budget retries these
TOO_LONG = "text too long"


def over_time(stage: str, seconds: float) -> str:
    """The rejection reason of a document over its time budget."""
    return (f"{OVER_TIME}: {stage} took more than {seconds:g} s "
            "(raise DETENTE_DOC_SECONDS to allow more)")


def budgets(settings) -> dict[str, float]:
    """The budgets a run used (kept with the run, so a later run knows what it may retry)."""
    return {"doc_seconds": settings.doc_seconds, "max_chars": settings.max_chars}


def raised_since(reason: str | None, then: dict | None, settings) -> bool:
    """Was the budget that rejected a document (`reason`, under the run's budgets `then`)
    raised in `settings`? Then a rerun codes it again."""
    then = then or {}
    if (reason or "").startswith(OVER_TIME):
        return settings.doc_seconds > then.get("doc_seconds", float("inf"))
    if (reason or "").startswith(TOO_LONG):
        return settings.max_chars > then.get("max_chars", float("inf"))
    return False


def too_long(chars: int, limit: int) -> str:
    """The rejection reason of a cleaned text over the size budget."""
    return (f"{TOO_LONG}: {chars:,} characters after cleaning > limit {limit:,} "
            "(raise DETENTE_MAX_CHARS to code it in chunks)")


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+")
_SPACE = re.compile(r"\s+")


def chunks(text: str, size: int) -> list[str]:
    """`text` cut into pieces of at most `size` characters that join back to exactly `text`:
    at paragraph breaks, else after sentence ends, else at spaces, else anywhere."""
    if len(text) <= size:
        return [text]
    out: list[str] = []
    current = ""
    for piece in _pieces(text, size):
        if current and len(current) + len(piece) > size:
            out.append(current)
            current = ""
        current += piece
    if current:
        out.append(current)
    return out


def _pieces(text: str, size: int) -> Iterator[str]:
    """Pieces of at most `size` characters, each ending at the finest boundary needed."""
    for paragraph in text.splitlines(keepends=True):
        if len(paragraph) <= size:
            yield paragraph
            continue
        for sentence in _split_after(paragraph, _SENTENCE_END):
            if len(sentence) <= size:
                yield sentence
                continue
            for word in _split_after(sentence, _SPACE):
                for start in range(0, len(word), size):
                    yield word[start:start + size]


def _split_after(text: str, boundary: re.Pattern) -> Iterator[str]:
    start = 0
    for match in boundary.finditer(text):
        yield text[start:match.end()]
        start = match.end()
    if start < len(text):
        yield text[start:]
