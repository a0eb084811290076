"""Score `detente.clean.clean` on the article-extraction benchmark, next to bare trafilatura.

Scoring is the benchmark's own (scrapinghub/article-extraction-benchmark): 4-word shingles of
`\\w+` tokens, per-page TP/FP/FN counted with multiplicity and normalised to sum to 1 so every
page weighs the same, averaged over pages, then precision, recall and F1 from the averages.

    .venv/bin/python benchmarks/extraction.py [--corpus DIR] [--show-lost] [--ablate] [--json OUT]

Bare trafilatura gets `trafilatura.extract` with the same options detente passes
(`detente.clean.html.TRAFILATURA_OPTIONS`), so the difference is what detente adds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from detente.clean import boilerplate, clean  # noqa: E402
from detente.clean.html import TRAFILATURA_OPTIONS  # noqa: E402
from detente.config import Settings  # noqa: E402
from detente.models import RawDocument  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "article-extraction-benchmark"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(" ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i : i + n])


def page_score(truth: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page."""
    t, p = shingles(truth), shingles(pred)
    tp = fp = fn = 0
    for key in t.keys() | p.keys():
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def prf(scores: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    n = len(scores)
    tp, fp, fn = (sum(s[i] for s in scores) / n for i in range(3))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def detente_extract(html: bytes, url: str, settings: Settings) -> str:
    raw = RawDocument(source_path=url, data=html, kind="html", url=url, size=len(html))
    article = clean(raw, settings)
    return article.text if article.status != "rejected" else ""


def trafilatura_extract(html: bytes, url: str, settings: Settings) -> str:
    import trafilatura

    return trafilatura.extract(html.decode("utf-8", "replace"), url=url, **TRAFILATURA_OPTIONS) or ""


def trafilatura_defaults(html: bytes, url: str, settings: Settings) -> str:
    import trafilatura

    return trafilatura.extract(html.decode("utf-8", "replace"), url=url) or ""


def detente_text_path(html: bytes, url: str, settings: Settings) -> str:
    """The plain-text line classifier alone, on the page's visible text (no markup to help):
    how detente does on flattened pages, and what it falls back to when trafilatura finds nothing."""
    from detente.clean.decode import decode
    from detente.clean.html import _fallback_text, repair

    return _fallback_text(repair(decode(html)))


def _without(rule: str) -> Callable[[bytes, str, Settings], str]:
    def extract(html: bytes, url: str, settings: Settings) -> str:
        saved = set(boilerplate.ENABLED)
        boilerplate.ENABLED.discard(rule)
        try:
            return detente_extract(html, url, settings)
        finally:
            boilerplate.ENABLED.clear()
            boilerplate.ENABLED.update(saved)

    return extract


def _no_rules(html: bytes, url: str, settings: Settings) -> str:
    saved = set(boilerplate.ENABLED)
    boilerplate.ENABLED.clear()
    try:
        return detente_extract(html, url, settings)
    finally:
        boilerplate.ENABLED.update(saved)


EXTRACTORS: dict[str, Callable[[bytes, str, Settings], str]] = {
    "detente.clean": detente_extract,
    "trafilatura (same options)": trafilatura_extract,
    "trafilatura (defaults)": trafilatura_defaults,
    "detente line classifier": detente_text_path,
}


def ablations() -> dict[str, Callable[[bytes, str, Settings], str]]:
    """detente with each of its own rules switched off in turn, and with all of them off."""
    variants = {f"detente - {rule}": _without(rule) for rule in boilerplate.ALL_RULES}
    variants["detente - all rules"] = _no_rules
    return variants


def run(corpus: Path, show_lost: bool = False, ablate: bool = False) -> dict:
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    # min_words=1: the benchmark asks for the text even of short pages; a rejection would be a loss.
    settings = Settings(min_words=1)
    results: dict = {}
    pages = {key: gzip.decompress((corpus / "html" / f"{key}.html.gz").read_bytes()) for key in sorted(truth)}
    extractors = {**EXTRACTORS, **(ablations() if ablate else {})}
    for name, extractor in extractors.items():
        start = time.perf_counter()
        scores, lost = [], []
        for key, html in pages.items():
            pred = extractor(html, truth[key].get("url") or "", settings)
            expected = truth[key].get("articleBody") or ""
            scores.append(page_score(expected, pred))
            if not pred.strip() and expected.strip():
                lost.append(key)
        precision, recall, f1 = prf(scores)
        results[name] = {"precision": precision, "recall": recall, "f1": f1, "pages": len(pages),
                         "lost": lost, "seconds": time.perf_counter() - start,
                         "per_page": dict(zip(pages, scores, strict=True))}
    print(f"{'extractor':<30} {'F1':>6} {'precision':>9} {'recall':>7} {'lost':>5} {'seconds':>8}")
    for name, r in results.items():
        print(f"{name:<30} {r['f1']:6.4f} {r['precision']:9.4f} {r['recall']:7.4f} "
              f"{len(r['lost']):5d} {r['seconds']:8.1f}")
    if show_lost:
        for name, r in results.items():
            for key in r["lost"]:
                print(f"lost by {name}: {key} {truth[key].get('url')}")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show-lost", action="store_true", help="list pages with empty output")
    parser.add_argument("--json", type=Path, help="write per-page scores here")
    parser.add_argument("--ablate", action="store_true", help="also score detente without each of its rules")
    args = parser.parse_args(argv)
    if not (args.corpus / "ground-truth.json").exists():
        print(f"benchmark corpus not found at {args.corpus}", file=sys.stderr)
        return 2
    results = run(args.corpus, show_lost=args.show_lost, ablate=args.ablate)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
