"""Generate a large synthetic corpus for the throughput and memory benchmarks.

Articles are recombined from the paragraphs of real articles — the bundled sample
(`detente/data/sample/`) and the dev corpus (`../shared/corpus/dev/`) — cleaned by detente
first, so no navigation or boilerplate is recombined. In each generated article every country
the paragraphs mention (name, demonym or capital, from detente's country dictionary) is
replaced by another country, consistently within the article, so the corpus covers many
dyads and not only the sources' own. The output is streamed JSONL (gzip when the name ends in
.gz) of `{id, url, title, text, published}`; it is never held in memory.

    .venv/bin/python benchmarks/make_corpus.py -n 20000 -o benchmarks/results/corpus-20k.jsonl.gz

Write it under benchmarks/results/ (git-ignored); the corpus is generated, not data to commit.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from detente.config import PACKAGE_DATA, SAMPLE_CORPUS, Settings  # noqa: E402
from detente.pipeline import Pipeline  # noqa: E402
from detente.read import iter_raw  # noqa: E402

DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
MIN_WORDS = 8  # shorter lines (headings, captions, bylines) are not recombined


def source_paragraphs(paths: list[Path]) -> list[str]:
    """The paragraphs (lines of the cleaned text) of every article under `paths`."""
    settings = Settings.load()
    pipeline = Pipeline(settings)
    paragraphs: list[str] = []
    existing = [str(p) for p in paths if p.exists()]
    for raw in iter_raw(existing, settings):
        article = pipeline.clean(raw)
        if article.status == "rejected":
            continue
        for line in article.text.splitlines():
            line = line.strip()
            if len(line.split()) >= MIN_WORDS:
                paragraphs.append(line)
    if not paragraphs:
        raise SystemExit(f"no article text found under {', '.join(map(str, paths))}")
    return paragraphs


class CountrySwap:
    """Replace country names, demonyms and capitals by those of other countries."""

    FORMS = ("names", "demonyms", "capitals")

    def __init__(self):
        data = yaml.safe_load((PACKAGE_DATA / "actors" / "countries.yaml").read_text(encoding="utf-8"))
        # Sovereign states with all three forms, so every form has a replacement.
        self.countries = {c["code"]: c for c in data["countries"] if all(c.get(f) for f in self.FORMS)}
        self.lookup: dict[str, tuple[str, str]] = {}
        for code, country in self.countries.items():
            for form in self.FORMS:
                for surface in country[form]:
                    self.lookup.setdefault(surface, (code, form))
        alternatives = "|".join(re.escape(s) for s in sorted(self.lookup, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
        self.codes = sorted(self.countries)

    def article(self, paragraphs: list[str], rng: random.Random) -> list[str]:
        mapping: dict[str, str] = {}

        def replace(match: re.Match) -> str:
            code, form = self.lookup[match.group(0)]
            if code not in mapping:
                used = set(mapping.values())
                mapping[code] = rng.choice([c for c in self.codes if c not in used])
            return self.countries[mapping[code]][form][0]

        return [self.pattern.sub(replace, p) for p in paragraphs]


def generate(paragraphs: list[str], n: int, seed: int, min_paragraphs: int = 4,
             max_paragraphs: int = 12) -> Iterator[dict]:
    rng = random.Random(seed)
    swap = CountrySwap()
    start = date(2020, 1, 1)
    for i in range(n):
        chosen = rng.sample(paragraphs, min(len(paragraphs), rng.randint(min_paragraphs, max_paragraphs)))
        body = swap.article(chosen, rng)
        published = start + timedelta(days=rng.randrange(6 * 365))
        title = " ".join(body[0].split()[:12]).rstrip(",;:")
        yield {"id": f"synthetic-{i}", "url": f"https://example.org/synthetic/{seed}/{i}",
               "title": title, "text": "\n\n".join(body), "published": published.isoformat()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=20000, help="articles to generate (default 20000)")
    parser.add_argument("-o", "--out", type=Path, required=True, help="output .jsonl or .jsonl.gz")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--source", type=Path, action="append",
                        help="folders/files to recombine (default: the bundled sample and the dev corpus)")
    args = parser.parse_args(argv)
    paragraphs = source_paragraphs(args.source or [SAMPLE_CORPUS, DEV_CORPUS])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    opener = gzip.open if args.out.name.endswith(".gz") else open
    with opener(args.out, "wt", encoding="utf-8") as handle:
        for record in generate(paragraphs, args.n, args.seed):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{args.n} articles from {len(paragraphs)} paragraphs → {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
