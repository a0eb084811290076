"""Score detente's event dates against the hand-coded gold of 15 held-back VOA stories.

    .venv/bin/python benchmarks/dates-voa/score.py [--undated] [-v]

Reads the stories from ../shared/corpus/voa/voa_stories.jsonl (never copied here), runs
`detente.extract` on each, and matches every gold event to a detente event of the same
country pair (either direction) whose evidence sentence holds, or lies nearest to, the gold
event's character offset (one detente event per gold event, nearest first, at most
`MAX_DISTANCE` characters away). `--undated` withholds the publication date, as scraped pages
often lack one. A found event's date is the interval it claims (`date_earliest`…`date_latest`,
else the interval of `date` at its precision); it is **right** when that interval overlaps the
gold interval (open ends unbounded), **right to the month** when its `date` (at day or month
precision; else its range) lies in the gold's month, **right to the day** when it is the gold day. Day and month shares count
only the gold events whose true date is known to that precision. `-v` prints one verdict line
per gold event (ids, codes and dates only: the stories are not to be read for tuning).

`--sentences` measures the dating alone, whatever the coder finds: for every gold event, the
date detente's `DateResolver` gives an event told at the gold offset of its sentence (every
sentence of the story read in order, as the coder does).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[1].parent / "shared" / "corpus" / "voa" / "voa_stories.jsonl"
MAX_DISTANCE = 250


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None


def claimed_interval(event: dict) -> tuple[date | None, date | None] | None:
    """The days an event's date claims; None when undated. Open ends are None."""
    from detente.aggregate.dates import interval

    earliest, latest = event.get("date_earliest"), event.get("date_latest")
    if earliest or latest:
        return _day(earliest), _day(latest)
    return interval(event.get("date"), event.get("date_precision"))


def raw_span(text: str, evidence: dict) -> tuple[int, int]:
    """The evidence's offsets in the raw story (cleaning may shift them)."""
    start = text.find(evidence["text"][:80]) if evidence.get("text") else -1
    if start < 0:
        return int(evidence.get("start", 0)), int(evidence.get("end", 0))
    return start, start + len(evidence["text"])


def distance(offset: int, span: tuple[int, int]) -> int:
    if span[0] <= offset < span[1]:
        return 0
    return min(abs(offset - span[0]), abs(offset - span[1]))


def sentence_events(story: dict, published: str | None, offsets: list[int]) -> dict[int, dict]:
    """For each offset, the date the resolver gives an event told there (no coder involved)."""
    from detente.analyse import load_nlp
    from detente.clean import clean
    from detente.events.dates import DateResolver
    from detente.pipeline import raw_from_string

    article = clean(raw_from_string(story["text"], published=published))
    doc = load_nlp()(article.text)
    resolver = DateResolver(article.published, article.published_latest, article.published_method,
                            article.published_earliest)
    out: dict[int, dict] = {}
    for sent in doc.sents:
        for offset in offsets:
            if sent.start_char <= offset < sent.end_char and offset not in out:
                value = resolver.for_event(sent, offset - sent.start_char)
                record = {"date": value.date, "date_precision": value.precision, "date_method": value.method}
                for key in ("earliest", "latest"):
                    if getattr(value, key, None):
                        record[f"date_{key}"] = getattr(value, key)
                out[offset] = {**record, "evidence": {"text": sent.text}}
    return out


def score(gold: list[dict], stories: dict[str, dict], undated: bool, verbose: bool, sentences: bool = False) -> dict:
    import detente

    by_story: dict[str, list[dict]] = {}
    for row in gold:
        by_story.setdefault(row["story"], []).append(row)
    found = right = month_ok = day_ok = month_n = day_n = n_dated = 0
    per_method: dict[str, int] = {}
    for story_id in sorted(by_story):
        story = stories[story_id]
        published = None if undated else story["published"][:10]
        if sentences:
            dated = sentence_events(story, published, [g["offset"] for g in by_story[story_id]])
            events = [{**dated[g["offset"]], "actor": {"country": g["source"]}, "recipient": {"country": g["target"]}}
                      for g in by_story[story_id]]
        else:
            events = [e.to_dict() for e in detente.extract(story["text"], published=published)]
        spans = [raw_span(story["text"], e["evidence"]) for e in events]
        used: set[int] = set()
        pairs = []
        for g in by_story[story_id]:
            for i, e in enumerate(events):
                sides = {(e.get("actor") or {}).get("country"), (e.get("recipient") or {}).get("country")}
                if sides == {g["source"], g["target"]}:
                    d = distance(g["offset"], spans[i])
                    if d <= MAX_DISTANCE:
                        pairs.append((d, g["offset"], id(g), i, g))
        matched: dict[int, dict] = {}
        for _d, _, gid, i, _g in sorted(pairs, key=lambda p: p[:3]):
            if gid in matched or i in used:
                continue
            matched[gid] = events[i]
            used.add(i)
        for g in by_story[story_id]:
            event = matched.get(id(g))
            g_span = (date.fromisoformat(g["earliest"]), date.fromisoformat(g["latest"]))
            g_month = g["earliest"][:7] if g["earliest"][:7] == g["latest"][:7] else None
            g_day = g["earliest"] if g["earliest"] == g["latest"] else None
            month_n += event is not None and g_month is not None
            day_n += event is not None and g_day is not None
            verdict = "missed"
            if event is not None:
                found += 1
                span = claimed_interval(event)
                method = event.get("date_method") or "none"
                per_method[method] = per_method.get(method, 0) + 1
                ok = span is not None and (span[0] is None or span[0] <= g_span[1]) \
                    and (span[1] is None or span[1] >= g_span[0])
                n_dated += span is not None
                right += ok
                # to the month / day: the event's `date` at its precision, else its range when that
                # lies within one month / is one day
                precision = event.get("date_precision")
                if event.get("date") and precision in ("day", "month"):
                    month, day = event["date"][:7], event["date"] if precision == "day" else None
                else:
                    whole = span is not None and None not in span
                    month = span[0].isoformat()[:7] if whole and span[0].isoformat()[:7] == span[1].isoformat()[:7] else None
                    day = span[0].isoformat() if whole and span[0] == span[1] else None
                m_ok = g_month is not None and month == g_month
                d_ok = g_day is not None and day == g_day
                month_ok += m_ok
                day_ok += d_ok
                verdict = (f"{'right' if ok else 'WRONG'} month={'y' if m_ok else 'n'} day={'y' if d_ok else 'n'}"
                           f" got={event.get('date')}({event.get('date_precision')},{method})"
                           f" [{event.get('date_earliest')}..{event.get('date_latest')}]")
            if verbose:
                print(f"{story_id} {g['source']}-{g['target']} @{g['offset']} gold={g['earliest']}..{g['latest']}"
                      f"{' bg' if g['background'] else ''}: {verdict}")
    return {"gold": len(gold), "found": found, "dated": n_dated, "right": right, "month_n": month_n,
            "month_ok": month_ok, "day_n": day_n, "day_ok": day_ok, "methods": per_method}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--undated", action="store_true", help="withhold the publication dates")
    parser.add_argument("--sentences", action="store_true", help="date the gold sentences, no coder")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (the VOA stories live in ../shared)", file=sys.stderr)
        return 2
    gold = [json.loads(line) for line in (HERE / "gold.jsonl").read_text().splitlines() if line.strip()]
    wanted = {g["story"] for g in gold}
    stories = {}
    for line in args.corpus.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["id"] in wanted:
            stories[row["id"]] = row
    r = score(gold, stories, args.undated, args.verbose, args.sentences)

    def share(a: int, b: int) -> str:
        return f"{a}/{b} = {100 * a / b:.0f} %" if b else f"{a}/0"

    print(f"publication date {'withheld' if args.undated else 'given'}"
          f"{'; gold sentences dated by the resolver (no coder)' if args.sentences else '; events of detente.extract'}")
    print(f"gold events found:                       {share(r['found'], r['gold'])}")
    print(f"found events with a date or range:       {share(r['dated'], r['found'])}")
    print(f"found events whose date holds the truth: {share(r['right'], r['found'])}")
    print(f"right to the month (gold month known):   {share(r['month_ok'], r['month_n'])}")
    print(f"right to the day (gold day known):       {share(r['day_ok'], r['day_n'])}")
    print(f"date methods of found events:            {json.dumps(r['methods'], sort_keys=True)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
