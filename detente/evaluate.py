"""Score extracted events against hand-coded gold events (`detente eval`).

Match rule (issue 3): a predicted event matches a gold event when they come from the same
document (same doc_id, or same basename of source_path), have the same actor country,
recipient country and quad class, and their dates agree to the month where both have one (to
the year when either is only a year). Matching is one-to-one, by the Hungarian algorithm per
document, preferring pairs that also agree on event type and date.

Reported: recall, precision, F1, event-type accuracy (share of matched pairs with the same
PLOVER type), date accuracy (share of matched pairs where both are dated that fall in the same
month, or the same year when either is only a year), a per-document breakdown, and the misses and false positives with their evidence.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.config import Settings
from detente.ontology import is_organisation


class GoldError(ValueError):
    pass


def load_jsonl(path: str | os.PathLike) -> list[dict[str, Any]]:
    records = []
    with open(path, encoding="utf-8") as handle:
        for n, line in enumerate(handle, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise GoldError(f"{path}:{n}: not a JSON line ({exc.msg})") from exc
    return records


def doc_key(record: dict[str, Any]) -> str:
    path = record.get("source_path")
    if path:
        return Path(str(path).replace("\\", "/")).name
    return str(record.get("doc_id") or "")


def _country(record: dict[str, Any], role: str) -> str | None:
    value = record.get(role)
    if isinstance(value, dict):
        return value.get("country")
    return None


def _quad(record: dict[str, Any]) -> int | None:
    if record.get("quad_class") is not None:
        return int(record["quad_class"])
    root = record.get("cameo_root")
    if root:
        from detente.ontology import quad_class

        return quad_class(str(root).zfill(2))
    return None


def dates_agree(a: str | None, b: str | None) -> bool:
    """True when both dates fall in the same month (same year if either is only a year), or when
    either is missing."""
    if not a or not b:
        return True
    if len(a) < 7 or len(b) < 7:
        return a[:4] == b[:4]
    return a[:7] == b[:7]


def compatible(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return (_country(gold, "actor") == _country(pred, "actor")
            and _country(gold, "recipient") == _country(pred, "recipient")
            and _quad(gold) == _quad(pred)
            and dates_agree(gold.get("date"), pred.get("date")))


def _pair_score(gold: dict[str, Any], pred: dict[str, Any]) -> float:
    score = 10.0
    score += 2.0 if gold.get("event_type") == pred.get("event_type") else 0.0
    score += 1.0 if gold.get("date") and pred.get("date") and str(gold["date"])[:7] == str(pred["date"])[:7] else 0.0
    gold_ev = ((gold.get("evidence") or {}).get("text") or "").strip()
    pred_ev = ((pred.get("evidence") or {}).get("text") or "").strip()
    if gold_ev and pred_ev and (gold_ev[:60] in pred_ev or pred_ev[:60] in gold_ev):
        score += 3.0  # the same sentence
    return score


def match(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) among compatible events of one document."""
    if not gold or not pred:
        return []
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    weights = np.zeros((len(gold), len(pred)))
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if compatible(g, p):
                weights[i, j] = _pair_score(g, p)
    rows, cols = linear_sum_assignment(-weights)
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if weights[i, j] > 0]


@dataclass
class Report:
    n_gold: int = 0
    n_pred: int = 0
    out_of_scope: int = 0  # predicted events with a side the gold cannot judge (not scored)
    matched: int = 0
    same_type: int = 0
    dated_pairs: int = 0
    same_month: int = 0
    per_document: dict[str, dict[str, Any]] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    @staticmethod
    def _ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    @property
    def recall(self) -> float | None:
        return self._ratio(self.matched, self.n_gold)

    @property
    def precision(self) -> float | None:
        return self._ratio(self.matched, self.n_pred)

    @property
    def f1(self) -> float | None:
        r, p = self.recall, self.precision
        return round(2 * p * r / (p + r), 4) if r and p else (0.0 if r is not None and p is not None else None)

    @property
    def type_accuracy(self) -> float | None:
        return self._ratio(self.same_type, self.matched)

    @property
    def date_accuracy(self) -> float | None:
        return self._ratio(self.same_month, self.dated_pairs)

    def to_dict(self, verbose: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "n_gold": self.n_gold, "n_pred": self.n_pred, "matched": self.matched, "out_of_scope": self.out_of_scope,
            "recall": self.recall, "precision": self.precision, "f1": self.f1,
            "type_accuracy": self.type_accuracy, "date_accuracy": self.date_accuracy,
            "per_document": self.per_document,
        }
        if verbose:
            data["misses"] = [_brief(r) for r in self.misses]
            data["false_positives"] = [_brief(r) for r in self.false_positives]
            data["type_errors"] = [{"gold": _brief(g), "pred": _brief(p)} for g, p in self.pairs
                                   if g.get("event_type") != p.get("event_type")]
        return data


def _brief(record: dict[str, Any]) -> dict[str, Any]:
    return {"source_path": doc_key(record), "actor": _country(record, "actor"),
            "recipient": _country(record, "recipient"), "event_type": record.get("event_type"),
            "mode": record.get("mode"), "quad_class": _quad(record), "date": record.get("date"),
            "evidence": ((record.get("evidence") or {}).get("text") or "")[:240]}


def _known(record: dict[str, Any], role: str) -> bool:
    """A side the gold can judge: a country, or an international organisation's code (the gold's
    coding rules, tests/fixtures/gold/README.md); a region ("Latin American nations", LAM), an
    ethnic or transnational group has a code but is outside them."""
    side = record.get(role)
    return isinstance(side, dict) and bool(side.get("country") or is_organisation(side.get("code")))


def evaluate(gold: Iterable[dict[str, Any]], pred: Iterable[dict[str, Any]]) -> Report:
    gold_by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    pred_by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    ids: dict[str, str] = {}
    for record in gold:
        gold_by[doc_key(record)].append(record)
    for record in pred:
        key = doc_key(record)
        if key not in gold_by and record.get("doc_id") in gold_by:
            key = record["doc_id"]
        pred_by[key].append(record)
        ids.setdefault(str(record.get("doc_id")), key)
    report = Report()
    for key in sorted(gold_by):  # documents without gold events are not scored
        g, p = gold_by[key], pred_by.get(key, [])
        # the gold codes events between two known sides (a country, or an IGO's code): an event
        # with a side the dictionaries do not know is outside what it can judge, counted apart
        in_scope = [e for e in p if _known(e, "actor") and _known(e, "recipient")]
        report.out_of_scope += len(p) - len(in_scope)
        p = in_scope
        pairs = match(g, p)
        report.n_gold += len(g)
        report.n_pred += len(p)
        report.matched += len(pairs)
        matched_g = {i for i, _ in pairs}
        matched_p = {j for _, j in pairs}
        same_type = 0
        for i, j in pairs:
            report.pairs.append((g[i], p[j]))
            if g[i].get("event_type") == p[j].get("event_type"):
                same_type += 1
            if g[i].get("date") and p[j].get("date"):
                report.dated_pairs += 1
                report.same_month += int(dates_agree(str(g[i]["date"]), str(p[j]["date"])))
        report.same_type += same_type
        report.misses.extend(g[i] for i in range(len(g)) if i not in matched_g)
        report.false_positives.extend(p[j] for j in range(len(p)) if j not in matched_p)
        report.per_document[key] = {
            "gold": len(g), "pred": len(p), "matched": len(pairs),
            "recall": Report._ratio(len(pairs), len(g)), "precision": Report._ratio(len(pairs), len(p)),
            "type_accuracy": Report._ratio(same_type, len(pairs)),
        }
    return report


def gold_articles(gold: list[dict[str, Any]], gold_path: str | os.PathLike, corpus: str | None = None) -> list[str]:
    """The article files the gold events refer to: `source_path` relative to the gold file's
    folder, to `corpus`, or as given."""
    found, missing = [], []
    for name in sorted({str(r.get("source_path") or "") for r in gold if r.get("source_path")}):
        bases = [Path(corpus)] if corpus else []
        bases += [Path(gold_path).parent, Path.cwd()]
        for base in bases:
            for candidate in (base / name, base / Path(name).name):
                if candidate.is_file():
                    found.append(str(candidate))
                    break
            else:
                continue
            break
        else:
            missing.append(name)
    if missing:
        raise GoldError("cannot find the articles of the gold events: " + ", ".join(missing)
                        + " (give --corpus DIR, the folder that holds them)")
    return found


def extract_records(paths: list[str], settings: Settings | None = None,
                    skipped: Callable[[str, str], None] | None = None) -> Iterator[dict[str, Any]]:
    """read → clean → code, without storing: the event records, documents in order, text order
    within. `skipped(source, reason)` hears of every input that was not coded (rejected, a
    language without models, a duplicate), so nothing is dropped without a word."""
    from detente.pipeline import Pipeline
    from detente.read import iter_raw

    settings = settings or Settings.load()
    pipeline = Pipeline(settings)
    for processed in pipeline.process(iter_raw(paths, settings)):
        article = processed.article
        if skipped is not None and not article.is_codable:
            reason = article.reason or (f"duplicate of {article.duplicate_of}" if article.duplicate_of else article.status)
            skipped(article.source_path, reason)
        # as the store writes them: with the document's outlet, title, url, publication date
        yield from (record for table, record in processed.coded_records() if table == "events")


def format_report(report: Report, verbose: bool = False) -> str:
    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    lines = [
        f"gold events {report.n_gold}   predicted {report.n_pred}   matched {report.matched}"
        f"   (not scored: {report.out_of_scope} with a side that is no country or organisation)",
        f"recall {pct(report.recall)}   precision {pct(report.precision)}   F1 {pct(report.f1)}",
        f"event-type accuracy {pct(report.type_accuracy)}   date accuracy {pct(report.date_accuracy)}"
        f" ({report.dated_pairs} dated pairs)",
        "",
        f"{'document':50} {'gold':>5} {'pred':>5} {'match':>6} {'recall':>7} {'prec':>6} {'type':>6}",
    ]
    for key, row in report.per_document.items():
        lines.append(f"{key[:50]:50} {row['gold']:>5} {row['pred']:>5} {row['matched']:>6} "
                     f"{pct(row['recall']):>7} {pct(row['precision']):>6} {pct(row['type_accuracy']):>6}")
    if verbose:
        for title, records in (("misses", report.misses), ("false positives", report.false_positives)):
            lines += ["", f"{title} ({len(records)}):"]
            for r in records:
                b = _brief(r)
                lines.append(f"  {b['source_path']}: {b['actor']}→{b['recipient']} {b['event_type']}/{b['mode']} "
                             f"q{b['quad_class']} {b['date']}\n      {b['evidence']}")
        lines += ["", "type errors:"]
        for g, p in report.pairs:
            if g.get("event_type") != p.get("event_type"):
                lines.append(f"  gold {g.get('event_type')} vs pred {p.get('event_type')}: "
                             f"{_brief(p)['evidence'][:160]}")
    return "\n".join(lines)


# ---- PLOVER pairs: (sentence, marked source, marked target, PLOVER type) ----------------------
# The format of the Zero-Shot-PLOVER sets: one gold pair a line with `text`, `source`, `target`,
# `event_type`. A pair is found when an event of its sentence has an actor text overlapping the
# source and a recipient text overlapping the target (shared words of 3+ letters, stop words
# aside); it is right when that event also has the gold type. The same rule as the public
# scorer in ../shared/benchmarks/plover-test, so `detente eval --format plover-pairs` reproduces it.

PAIR_STOP = frozenset({"the", "of", "and", "a", "an", "in", "on", "for", "to", "s", "mr", "mrs", "ms", "its", "his", "her"})


def pair_words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if len(w) >= 3 and w not in PAIR_STOP}


def sentence_id(text: str) -> str:
    return " ".join(text.split()).lower()


@dataclass
class PairReport:
    pairs: int = 0
    found: int = 0
    right: int = 0
    any_type: int = 0
    per_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [pairs, right]
    confusion: dict[str, int] = field(default_factory=dict)  # "GOLD->PRED" on found pairs

    @property
    def dyad_recall(self) -> float:
        return self.found / self.pairs if self.pairs else 0.0

    @property
    def e2e_accuracy(self) -> float:
        return self.right / self.pairs if self.pairs else 0.0

    @property
    def type_accuracy_given_dyad(self) -> float:
        return self.right / self.found if self.found else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"pairs": self.pairs, "dyad_recall": round(self.dyad_recall, 4),
                "e2e_accuracy": round(self.e2e_accuracy, 4),
                "type_accuracy_given_dyad": round(self.type_accuracy_given_dyad, 4),
                "any_type_in_sentence": round(self.any_type / self.pairs, 4) if self.pairs else 0.0,
                "per_type": {t: {"pairs": n, "right": r} for t, (n, r) in sorted(self.per_type.items())},
                "confusion": dict(sorted(self.confusion.items(), key=lambda kv: -kv[1]))}


def evaluate_pairs(gold: Iterable[dict[str, Any]], events_by_sentence: dict[str, list[dict[str, Any]]]) -> PairReport:
    """Score gold pairs against the events extracted from their sentences (keyed by `sentence_id`)."""
    report = PairReport()
    for g in gold:
        events = events_by_sentence.get(sentence_id(g["text"]), [])
        source, target = pair_words(g.get("source")), pair_words(g.get("target"))
        dyad = [e for e in events if pair_words((e.get("actor") or {}).get("text")) & source
                and pair_words((e.get("recipient") or {}).get("text")) & target]
        right = [e for e in dyad if e.get("event_type") == g["event_type"]]
        report.pairs += 1
        report.found += bool(dyad)
        report.right += bool(right)
        report.any_type += any(e.get("event_type") == g["event_type"] for e in events)
        counts = report.per_type.setdefault(g["event_type"], [0, 0])
        counts[0] += 1
        counts[1] += bool(right)
        if dyad and not right:
            key = f"{g['event_type']}->{dyad[0].get('event_type')}"
            report.confusion[key] = report.confusion.get(key, 0) + 1
    return report


def extract_sentences(texts: Iterable[str], settings: Settings | None = None) -> dict[str, list[dict[str, Any]]]:
    """Code each distinct sentence as its own document (however short): events keyed by `sentence_id`."""
    from detente.pipeline import Pipeline, raw_from_string

    pipeline = Pipeline(settings or Settings.load())
    distinct = list({sentence_id(t): t for t in texts}.values())
    raws = (raw_from_string(t, source_path=f"sentence-{n}", external_id=str(n)) for n, t in enumerate(distinct))
    out: dict[str, list[dict[str, Any]]] = {sentence_id(t): [] for t in distinct}
    for text, processed in zip(distinct, pipeline.process(raws), strict=False):
        out[sentence_id(text)] = [e.to_dict() for e in processed.coded.events]
    return out


def events_by_sentence_of(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Predicted events (from `detente extract` over one JSONL line per sentence) keyed by the
    sentence they came from: by `external_id` when the input lines carried the gold's `id`s, else
    by the evidence sentence text."""
    by_id = {str(g.get("id")): sentence_id(g["text"]) for g in gold if g.get("id") is not None}
    out: dict[str, list[dict[str, Any]]] = {}
    for e in pred:
        key = by_id.get(str(e.get("external_id"))) or sentence_id((e.get("evidence") or {}).get("text") or "")
        out.setdefault(key, []).append(e)
    return out


def format_pair_report(report: PairReport) -> str:
    lines = ["type        pairs  right"]
    for t, (n, r) in sorted(report.per_type.items(), key=lambda kv: -kv[1][0]):
        lines.append(f"{t:11s} {n:6d} {r / n:6.2f}")
    top = sorted(report.confusion.items(), key=lambda kv: -kv[1])[:8]
    lines.append("most common wrong types (gold -> detente): " + ", ".join(f"{k} {v}" for k, v in top))
    lines.append(f"pairs {report.pairs} dyad_recall {report.dyad_recall:.3f} e2e_accuracy {report.e2e_accuracy:.3f} "
                 f"type_acc_given_dyad {report.type_accuracy_given_dyad:.3f} "
                 f"any_type_in_sentence {report.any_type / max(report.pairs, 1):.3f}")
    return "\n".join(lines)
