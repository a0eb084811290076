"""Plain text that is really a flattened web page → the article, its title and its outlet.

Without markup there is no link density, so each line is described by what a reader sees:
its length, whether it ends like a sentence, how many function words it has, whether it is a
bullet, whether the page repeats it, whether it is a date, a calendar row, a copyright line or
a short call to action. Prose lines are grouped into blocks (a few short lines such as
subheadings may sit between them); the block with the most words is the article, and a
neighbouring block is joined only when it is itself substantial prose. Inside the article,
short lines are kept when they head prose (subheadings); everything outside it — menus,
language switchers, calendars, share buttons, newsletter blurbs, login forms, footers and
lists of other headlines — is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlparse

from detente.clean.dateline import closes_dateline
from detente.clean.dates import date_line, find_dates

ENGLISH_STOPWORDS = frozenset(
    "a an the and or but if of to in on at by for with from as is are was were be been being has have had "
    "do does did not no it its this that these those he she they we you i his her their our your who whom "
    "which what when where why how than then there here so such also into over after before about between "
    "while during against under since up down out more most can could would should will may might must "
    "said says one two all any some each both other only very just even because through".split()
)
# Spanish / Portuguese / French / German / Italian: the commonest function words only
OTHER_STOPWORDS = frozenset(
    " el la los las un una y o de del en que por para con se su sus es al lo como más pero sus"
    " o os as um uma e do da dos das em no na que para com se não"
    " le la les un une et ou de des du en que qui pour avec sur dans est pas au aux"
    " der die das und oder ein eine zu von mit auf für ist nicht den dem des im"
    " il lo gli le uno una e di da in che per con non si".split()
) - ENGLISH_STOPWORDS
STOPWORDS = ENGLISH_STOPWORDS | OTHER_STOPWORDS
# Words of a site's furniture, in any site: a line made only of them is not article text.
UI_WORDS = frozenset(
    "share facebook twitter x linkedin whatsapp telegram email e-mail print copy link pinterest reddit "
    "tweet follow us subscribe subscription newsletter login log in sign up register account password "
    "menu search home next previous prev post posts article articles read more comments comment reply "
    "advertisement advertising ad ads sponsored related recommended popular trending latest most view "
    "all result results no skip to content go back top mobile version cookies cookie accept settings "
    "privacy policy terms contact about tags tag categories category archive archives playlist add new "
    "video videos photo photos gallery listen audio download app welcome below your forgotten retrieve "
    "here click on via".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_BULLET = re.compile(r"^\s*(?:[•·▪◦‣∙●○■□►▸*]|[-–—](?=\s)|\d{1,2}[.)](?=\s))\s*")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved", re.I)
_COPYRIGHT_NAME = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(?:by\s+)?(?P<name>[^.|•\n]{2,60})",
    re.I,
)
_URL = re.compile(r"https?://[^\s<>\"')]+")
_SOURCE_LINE = re.compile(r"^(?:source|original(?:ly published)?(?: at| on| in)?|via|read more at)\s*:?\s*"
                          r"(?P<url>https?://\S+)\s*$", re.I)
_FROM_LINE = re.compile(r"^(?:from|source|publisher|published by|outlet)\s*:\s*(?P<name>[^\d:/][^:]{1,60})$", re.I)
_BYLINE = re.compile(r"^(?i:by)\s+(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,4})(?:\s*[,|].*)?$")
_TERMINAL = re.compile(r"[.!?…:;。！？][\"'”’»)\]」』]*$|[\"”»][.,]?$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
KNOWN_LANGUAGE_STOP = 0.08  # below this page-wide share of function words, the page's language is not in STOPWORDS
_CALENDAR = re.compile(r"^(?:[\d\s]{1,40}|(?:[A-Za-z]{1,2}\s+){4,}[A-Za-z]{1,2}|«\s*\w+\s*|\w+\s*»)$")
MAX_GAP = 3  # non-prose lines allowed between two prose lines of one block (subheadings, captions)
JOIN_GAP = 8  # a neighbouring block this close is joined when it is substantial prose


@dataclass
class Line:
    index: int
    text: str
    words: int
    stop_ratio: float
    cap_ratio: float
    bullet: bool
    terminal: bool
    repeats: int
    date: object
    copyright: bool
    calendar: bool
    ui: bool
    stop_known: bool = True

    @property
    def prose(self) -> bool:
        if self.copyright or self.calendar or self.date or self.repeats > 1:
            return False
        if self.bullet and self.words < 8:
            return False
        unknown = not self.stop_known  # a language without a stop-word list: length and punctuation decide
        if self.terminal and self.words >= 6 and (unknown or self.stop_ratio >= 0.08):
            return True
        return self.words >= 20 and (unknown or self.stop_ratio >= 0.2)

    @property
    def headline_like(self) -> bool:
        """A title or a subheading: short, not a sentence, not furniture."""
        return (1 <= self.words <= 30 and not self.bullet and not self.text.endswith(".")
                and not self.copyright and not self.calendar and not self.date and not self.ui)


def describe(lines: list[str]) -> list[Line]:
    counts = Counter(_norm(line) for line in lines if line.strip())
    page_words = [w.lower() for line in lines for w in _WORD.findall(line)]
    stop_known = bool(page_words) and sum(w in STOPWORDS for w in page_words) / len(page_words) >= KNOWN_LANGUAGE_STOP
    out = []
    for i, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            continue
        words = _WORD.findall(_URL.sub(" ", text))  # a URL's path is not words a reader reads
        lower = [w.lower() for w in words]
        n = max(len(words), len(_CJK.findall(text)) // 2)  # CJK writes no spaces: ~2 characters a word
        out.append(Line(
            index=i, text=text, words=n,
            stop_ratio=sum(w in STOPWORDS for w in lower) / len(words) if words else 0.0,
            cap_ratio=sum(w[:1].isupper() for w in words) / len(words) if words else 0.0,
            bullet=bool(_BULLET.match(raw)),
            terminal=bool(_TERMINAL.search(text)),
            repeats=counts[_norm(text)],
            date=date_line(text),
            copyright=bool(_COPYRIGHT.search(text)) and n <= 20,
            calendar=bool(_CALENDAR.match(text)) and n <= 8,
            ui=n <= 8 and sum(w in UI_WORDS or len(w) == 1 for w in _split_camel(lower, words)) >= max(1, n) * 0.8,
            stop_known=stop_known,
        ))
    return out


def _split_camel(lower: list[str], words: list[str]) -> list[str]:
    """'FacebookShare' is two UI words glued by a flattened layout."""
    parts = []
    for w in words:
        pieces = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", w)
        parts.extend(p.lower() for p in (pieces or [w]))
    return parts


def _norm(line: str) -> str:
    return " ".join(_WORD.findall(line.lower()))


@dataclass
class TextPage:
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    dateline: str | None = None  # ISO date printed next to the title/byline
    page_date: str | None = None  # a date far above the title: the site's "today", an upper bound
    kept_lines: list[int] = field(default_factory=list)


def _blocks(described: list[Line]) -> list[tuple[int, int]]:
    """(first, last) positions in `described` of runs of prose lines with small gaps."""
    blocks: list[tuple[int, int]] = []
    start = last = None
    for pos, line in enumerate(described):
        if not line.prose:
            continue
        if last is not None and pos - last - 1 <= MAX_GAP:
            last = pos
            continue
        if start is not None:
            blocks.append((start, last))
        start = last = pos
    if start is not None:
        blocks.append((start, last))
    return blocks


def _block_words(described: list[Line], block: tuple[int, int]) -> tuple[int, int]:
    prose = [ln for ln in described[block[0] : block[1] + 1] if ln.prose]
    return len(prose), sum(ln.words for ln in prose)


def find_body(described: list[Line]) -> tuple[int, int] | None:
    """Positions (first, last) of the article in `described`, or None when there is no prose."""
    blocks = _blocks(described)
    if not blocks:
        return None
    best = max(range(len(blocks)), key=lambda b: _block_words(described, blocks[b])[1])
    first, last = blocks[best]
    for nb in blocks[best + 1 :]:  # join substantial prose that follows after a short interruption
        n_lines, n_words = _block_words(described, nb)
        if nb[0] - last - 1 > JOIN_GAP or n_lines < 2 or n_words < 60:
            break
        last = nb[1]
    for nb in reversed(blocks[:best]):
        n_lines, n_words = _block_words(described, nb)
        if first - nb[1] - 1 > JOIN_GAP or n_lines < 2 or n_words < 60:
            break
        first = nb[0]
    return first, last


def _clean_title(title: str) -> str:
    """'Section | Headline' or 'Headline | Site' → the headline (the longest part)."""
    parts = [p.strip() for p in re.split(r"\s+[|]\s+", title) if p.strip()]
    return max(parts, key=len) if len(parts) > 1 else title.strip()


def _find_title(described: list[Line], first: int) -> int | None:
    head = [pos for pos in range(first) if described[pos].headline_like and described[pos].words >= 4]
    repeated = [pos for pos in head if described[pos].repeats > 1]
    if repeated:
        return repeated[0]
    if head:
        return head[-1] if described[head[-1]].cap_ratio >= 0.3 else head[0]
    return None


def _outlet_from_url(url: str) -> str | None:
    host = urlparse(url).hostname or ""
    host = re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host)
    return host or None


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_LINK = re.compile(r"!?\[([^\]\n]{0,300})\]\([^)\s]{0,500}\)")


def unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped paragraphs (e-mail, Markdown, text at a fixed width) into one line each.

    A text is hard-wrapped when most of its lines of several words end near the same width;
    flattened web pages, with one paragraph per line, are left alone.
    """
    lengths = sorted(len(ln.rstrip()) for ln in lines if len(ln.split()) >= 5)
    if len(lengths) < 4:
        return lines
    width = lengths[int(len(lengths) * 0.9) - 1]
    near = sum(1 for n in lengths if width * 0.6 <= n <= width)
    nonblank = sum(1 for ln in lines if ln.strip())
    # a wrapped sentence goes on in lower case on the next line; menus and headlines do not
    continued = sum(1 for a, b in zip(lines, lines[1:], strict=False)
                    if width * 0.6 <= len(a.rstrip()) <= width and b.strip()[:1].islower())
    if not 50 <= width <= 110 or near < len(lengths) * 0.6 or near < nonblank * 0.5 or continued < near * 0.2:
        return lines  # not wrapped text, or a page of short menu lines: joining would glue them
    out: list[str] = []
    for line in lines:
        starts_block = not line.strip() or _BULLET.match(line) or _MD_HEADING.match(line)
        if out and out[-1].strip() and not starts_block and len(out[-1].rstrip()) >= width * 0.6 \
                and not _MD_HEADING.match(out[-1]):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return out


def analyse_text(text: str) -> TextPage:
    """Find the article inside flattened page text, with what the page says about it."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [_MD_HEADING.sub("", _MD_LINK.sub(r"\1", ln)) for ln in unwrap(lines)]
    described = describe(lines)
    body = find_body(described)
    page = TextPage(text="")
    if body is None:
        return page
    first, last = body
    keep = [False] * len(described)
    for pos in range(last, first - 1, -1):
        line = described[pos]
        if line.prose:
            keep[pos] = True
        elif pos < last and keep[pos + 1] and line.headline_like and line.repeats == 1 and line.words <= 20:
            keep[pos] = True  # a subheading: a short line that heads prose
        elif (line.terminal and line.words >= 3 and line.repeats == 1 and not line.ui
              and not line.copyright and not line.date):
            keep[pos] = True  # a short sentence between paragraphs is still the article's
    kept = [described[pos] for pos in range(first, last + 1) if keep[pos]]
    page.text = "\n".join(_BULLET.sub("• ", ln.text, count=1) if ln.bullet else ln.text for ln in kept)
    page.kept_lines = [ln.index for ln in kept]

    title_pos = _find_title(described, first)
    if title_pos is not None:
        page.title = _clean_title(described[title_pos].text)
    _find_dateline(page, described, title_pos, first)
    _find_outlet(page, described, body)
    return page


def _find_dateline(page: TextPage, described: list[Line], title_pos: int | None, first: int) -> None:
    """A date printed next to the title or byline dates the article; one far above it is the
    site's "today" (the page was fetched that day), which only bounds the date from above."""
    anchor = title_pos if title_pos is not None else first
    candidates = [pos for pos in range(min(len(described), first + 3)) if described[pos].date]
    near = [pos for pos in candidates if -3 <= pos - anchor <= (first - anchor) + 2]
    far = [pos for pos in candidates if pos - anchor < -3]
    if near:
        pos = min(near, key=lambda p: (abs(p - anchor) if p >= anchor else abs(p - anchor) + 1))
        page.dateline = described[pos].date.isoformat()
        for other in (pos - 1, pos + 1):
            if 0 <= other < len(described) and other != title_pos:
                cand = described[other]
                if (2 <= cand.words <= 6 and cand.cap_ratio >= 0.5 and not cand.terminal
                        and not cand.ui and not cand.date and not cand.bullet):
                    page.author = cand.text
                    break
    if page.dateline is None and first < len(described):
        # "Bogotá, 12 March 2025 — …" wire dateline, or a line that opens with its date; not a date
        # told in the story's first sentence ("Ghana closed its border on March 3, 2024, …")
        line = described[first].text
        opening = find_dates(line[:80])
        if opening and (opening[0].start <= 3 or (opening[0].start <= 40 and closes_dateline(line, opening[0].end))):
            page.dateline = opening[0].date.isoformat()
    if far:
        page.page_date = max(described[p].date for p in far).isoformat()
    for pos in range(max(0, anchor - 1), min(len(described), first + 2)):
        m = _BYLINE.match(described[pos].text)
        if m:
            page.author = m.group("name")
            break


def _find_outlet(page: TextPage, described: list[Line], body: tuple[int, int]) -> None:
    named = None
    for line in described:
        text = _BULLET.sub("", line.text).strip()
        src = _SOURCE_LINE.match(text)
        if src and page.url is None:
            page.url = src.group("url").rstrip(".,;")
            continue
        frm = _FROM_LINE.match(text)
        if frm and named is None and not _URL.search(text):
            named = frm.group("name").strip()
    if named is None:
        for line in reversed(described):
            if line.copyright:
                m = _COPYRIGHT_NAME.search(line.text)
                if m:
                    name = re.sub(r"(?i)\ball rights reserved\b.*", "", m.group("name")).strip(" ,.-")
                    if name and _WORD.search(name):
                        named = name
                        break
    page.outlet = named or (_outlet_from_url(page.url) if page.url else None)
