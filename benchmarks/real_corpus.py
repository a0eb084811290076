"""The real-text benchmark corpus: real news, nothing recombined, generated at benchmark time.

    .venv/bin/python benchmarks/real_corpus.py -n 20000 -o /tmp/real-20000.jsonl.gz

First the texts as they are: the 89 VOA stories of `../shared/corpus/voa/` (public domain)
and the reference article bodies of `../shared/corpus/article-extraction-benchmark/`
(181 pages, MIT). For volume the same texts come again, each copy marked at the start of its
longest line ("Copy 7 of story 12: ...") so that no copy is an exact duplicate after cleaning
(which the store would not store); the rest of the text is unchanged, so vocabulary and
sentences repeat as in the originals, and each copy is stored as a near-duplicate of its
original, with its events.
Streamed JSONL (gzip when the name ends in .gz) of `{id, url, title, text, published}`.

Write it to a temporary folder: /work/shared is read-only data, never copied into the repo.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterator
from itertools import count, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
VOA = SHARED / "voa" / "voa_stories.jsonl"
EXTRACTION = SHARED / "article-extraction-benchmark" / "ground-truth.json"


def originals(voa: Path = VOA, extraction: Path = EXTRACTION) -> list[dict]:
    """The real texts, in a fixed order: VOA stories, then the reference bodies (non-empty)."""
    if not voa.exists():
        raise FileNotFoundError(f"{voa} is missing: the real-text corpus needs ../shared/corpus/voa/")
    stories = []
    with voa.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                stories.append({"id": f"voa-{record['id']}", "url": record.get("url"),
                                "title": record.get("title"), "text": record["text"],
                                "published": record.get("published")})
    if extraction.exists():
        truth = json.loads(extraction.read_text(encoding="utf-8"))
        for key in sorted(truth):
            body = (truth[key].get("articleBody") or "").strip()
            if body:
                stories.append({"id": f"aeb-{key[:12]}", "url": truth[key].get("url"), "title": None,
                                "text": body, "published": None})
    return stories


def marked(text: str, copy: int, story: int) -> str:
    """The text with "Copy 7 of story 12: " at the start of its first and of its longest line.
    Not a line of its own: cleaning drops a short first line as boilerplate, which made every
    copy an exact duplicate of its original (same doc_id: nothing stored); and on a few pages
    one of the two lines is dropped too."""
    lines = text.split("\n")
    longest = max(range(len(lines)), key=lambda k: len(lines[k]))
    for k in {0, longest}:
        lines[k] = f"Copy {copy} of story {story}: {lines[k]}"
    return "\n".join(lines)


def records(n: int | None = None, voa_only: bool = False) -> Iterator[dict]:
    """The originals once, then marked copies (`marked`), up to `n` records."""
    stories = originals(extraction=Path("/nonexistent") if voa_only else EXTRACTION)

    def endless() -> Iterator[dict]:
        yield from stories
        for copy in count(1):
            for i, story in enumerate(stories):
                yield {**story, "id": f"{story['id']}-c{copy}", "text": marked(story["text"], copy, i + 1)}

    return islice(endless(), n)


def write(path: Path, n: int, voa_only: bool = False) -> int:
    opener = gzip.open if path.name.endswith(".gz") else open
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with opener(path, "wt", encoding="utf-8") as out:
        for record in records(n, voa_only):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, required=True, help="records to write")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--voa-only", action="store_true", help="only the VOA stories (and their copies)")
    args = parser.parse_args(argv)
    written = write(args.output, args.n, args.voa_only)
    print(f"{written} records → {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
