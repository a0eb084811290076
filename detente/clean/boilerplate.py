"""Line rules applied after trafilatura: what a news page adds around its article.

Each rule is named and can be switched off (`RULES`), because each must earn its place on
the article-extraction benchmark: `benchmarks/extraction.py --ablate` scores detente with
every rule removed in turn (results in benchmarks/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_NORM = re.compile(r"\w+")

# "Related: …", "READ MORE: …", "You may also like", "DON'T MISS": a pointer to another page.
_READ_MORE = re.compile(
    r"^\s*(?:\[\s*)?(?:related(?: stories| articles| posts?| coverage| content)?|read more|read also|also read|"
    r"see more|see also|more|also|also on [\w.]+|more from [\w .]+|more on [\w .]+|"
    r"you (?:may|might) also like|don[’']?t miss|most (?:read|popular|viewed)(?: in [\w ]+)?|"
    r"recommended(?: for you| stories)?|trending(?: now)?|popular(?: stories| now)?|watch|listen)"
    r"\s*(?::|\.{3}|…|$)",
    re.I,
)
# "Headline of another story [INSIGHT]": a teaser with an all-caps label, not a source credit
_TAGGED_TEASER = re.compile(r"^\W*(?:\w+\W+){3,}\[(?:[A-Z]{4,})\]\s*\|?\s*$")
_LIST_ITEM = re.compile(r"^\s*[-•*–]\s+\S")
_CTA = re.compile(
    r"^\s*(?:follow (?:us|him|her|them|@?\w+)\b.{0,80}\b(?:twitter|facebook|instagram|youtube|linkedin)\b.{0,60}|"
    r"(?:subscribe|sign up)\b.{0,80}\b(?:newsletters?|inbox)\b.{0,60}|"
    r"get (?:the|our) .{0,60}\b(?:newsletters?|inbox)\b.{0,60}|"
    r"(?:email|e-mail|contact|reach) (?:the (?:author|reporters?)|him|her|them|\w+ \w+) (?:at|on) \S+@\S+|"
    r"(?:\d+\s+)?comments?|tell us what you think\W*|share (?:this|it) with a friend\W*|"
    r"like this (?:story|article)\?.*|have a tip\?.*)\s*$",
    re.I,
)
_CREDIT = re.compile(
    r"^\s*\(?\s*(?:(?:additional |with )?reporting by\b.*|editing by\b.*|"
    r"[\w .,’'-]{3,200}\b(?:contributed (?:to )?(?:this |the )?(?:report|reporting|story|article)"
    r"(?: from [\w ,.]+)?)\W*)\)?\s*$",
    re.I,
)


def _norm(text: str) -> str:
    return " ".join(_NORM.findall(text.lower()))


def drop_title_repeat(lines: list[str], title: str | None) -> list[str]:
    """The headline repeated as the first line of the body is not body text."""
    if title and lines and _norm(lines[0]) == _norm(title):
        return lines[1:]
    return lines


def drop_read_more(lines: list[str], title: str | None) -> list[str]:
    """Pointers to other stories, and the list of headlines that follows such a label."""
    out: list[str] = []
    in_list = False
    for line in lines:
        stripped = line.strip()
        label = _READ_MORE.match(stripped)
        if label and len(stripped.split()) <= 25:
            in_list = True
            continue
        if _TAGGED_TEASER.search(stripped) and len(stripped.split()) <= 25:
            in_list = True
            continue
        if in_list and _LIST_ITEM.match(stripped) and len(stripped.split()) <= 20:
            continue
        in_list = False
        out.append(line)
    return out


def drop_calls_to_action(lines: list[str], title: str | None) -> list[str]:
    """'Follow us on Twitter', 'Subscribe to our newsletter', 'Comments': the site, not the story."""
    return [ln for ln in lines if not (len(ln.split()) <= 40 and _CTA.match(ln.strip()))]


def drop_credits(lines: list[str], title: str | None) -> list[str]:
    """'Reporting by …; editing by …', '… contributed to this report': staff credits."""
    return [ln for ln in lines if not (len(ln.split()) <= 45 and _CREDIT.match(ln.strip()))]


RULES: dict[str, Callable[[list[str], str | None], list[str]]] = {
    "title_repeat": drop_title_repeat,
    "read_more": drop_read_more,
    "calls_to_action": drop_calls_to_action,
    "credits": drop_credits,
}
# "recall_retry" lives in detente.clean.html: when the precision-first extraction keeps almost
# nothing, extract again favouring recall (a page with an article must not come back empty).
ALL_RULES = (*RULES, "recall_retry")
ENABLED: set[str] = set(ALL_RULES)


def strip_boilerplate(text: str, title: str | None = None) -> str:
    """Apply every enabled rule to the lines of `text`."""
    lines = text.split("\n")
    for name, rule in RULES.items():
        if name in ENABLED:
            lines = rule(lines, title)
    return "\n".join(lines).strip()
