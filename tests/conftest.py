"""Shared fixtures: a temporary database, the dev corpus, a CLI runner, record factories."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


_VOCAB = (
    "minister border trade tariff embassy talks summit accord treaty navy army export import "
    "grain oil gas pipeline visa envoy parliament election protest ceasefire sanction aid loan "
    "port river mountain harbour farmers workers court judge police ministry spokesman council "
    "agreement dispute delegation capital province region market currency inflation budget "
    "fleet patrol airspace drone convoy refugees migrants deportation flight customs quota"
).split()


def article_text(seed: int, words: int = 120) -> str:
    """A deterministic text of `words` words, different enough per seed not to be a near-duplicate."""
    rng = random.Random(seed)
    sentences, current = [], []
    for _ in range(words):
        current.append(rng.choice(_VOCAB))
        if len(current) >= rng.randint(8, 16):
            sentences.append(" ".join(current).capitalize() + ".")
            current = []
    if current:
        sentences.append(" ".join(current).capitalize() + ".")
    return " ".join(sentences)


_COUNTRIES = [("Brazil", "Brasília", "Brazilian"), ("Argentina", "Buenos Aires", "Argentine"),
              ("Kenya", "Nairobi", "Kenyan"), ("Ethiopia", "Addis Ababa", "Ethiopian"),
              ("India", "New Delhi", "Indian"), ("Pakistan", "Islamabad", "Pakistani"),
              ("Japan", "Tokyo", "Japanese"), ("South Korea", "Seoul", "South Korean"),
              ("France", "Paris", "French"), ("Germany", "Berlin", "German"),
              ("Peru", "Lima", "Peruvian"), ("Chile", "Santiago", "Chilean")]
_TEMPLATES = [
    "{A} imposed a {n}% tariff on {b} steel on {d}, the trade ministry said.",
    "The {a} foreign minister met his {b} counterpart in {capA} to discuss the {topic} dispute.",
    "{B} recalled its ambassador from {capA} after the talks on {topic} collapsed.",
    "Officials in {capB} accused {A} of violating the {topic} agreement signed in {year}.",
    "{A} announced {n} million dollars in aid to {B} for {topic} programmes.",
    "The {b} government said it would not accept the new {topic} rules proposed by {capA}.",
    "Trade between {A} and {B} reached {n} billion dollars last year, according to customs data.",
    "{B} expelled two {a} diplomats on {d}, citing interference in the {topic} negotiations.",
    "Leaders of {A} and {B} agreed to resume talks on {topic} next month in {capB}.",
    "Police in {capB} arrested {n} people during protests against the {topic} deal with {A}.",
    "{A} threatened to suspend {topic} cooperation with {B} unless the dispute is settled.",
    "Analysts in {capA} said the quarrel over {topic} could last until {year2}.",
]
_TOPICS = ["fisheries", "border", "grain export", "water sharing", "mining", "migration", "visa",
           "pipeline", "airspace", "customs"]


def wire_story(seed: int, sentences: int = 7) -> str:
    """A short, distinct wire-style report about two countries (illustrative, generated)."""
    rng = random.Random(seed)
    (A, capA, a), (B, capB, b) = rng.sample(_COUNTRIES, 2)
    day = f"{rng.randint(1, 28)} {rng.choice(['January', 'March', 'May', 'July', 'October'])} 2025"
    chosen = rng.sample(_TEMPLATES, sentences)
    lines = [t.format(A=A, B=B, a=a, b=b, capA=capA, capB=capB, n=rng.randint(2, 900), d=day,
                      topic=rng.choice(_TOPICS), year=rng.randint(1990, 2020), year2=rng.randint(2026, 2030))
             for t in chosen]
    return f"{capA}, {day} — " + " ".join(lines) + "\n"


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    if not DEV_CORPUS.is_dir() or not any(DEV_CORPUS.iterdir()):
        pytest.skip(f"dev corpus not found at {DEV_CORPUS}")
    return DEV_CORPUS


@pytest.fixture(scope="session")
def cli():
    """Invoke the real `detente` app: `cli("ingest", path, "--db", db)` → click Result."""
    from typer.testing import CliRunner

    import detente.cli as detente_cli

    detente_cli._register()
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(detente_cli.app, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


def make_article(text: str, source_path: str = "a.txt", **fields):
    from detente.clean.fingerprint import content_hash
    from detente.models import Article

    fields.setdefault("doc_id", content_hash(text))
    fields.setdefault("language", "en")
    fields.setdefault("words", len(text.split()))
    return Article(source_path=source_path, text=text, **fields)


def make_event(doc_id: str, n: int = 0, actor=("Washington", "USAGOV", "USA", "GOV"),
               recipient=("Colombia", "COL", "COL", None), **fields):
    from detente.models import Actor, Event, Evidence

    values = dict(event_type="SANCTION", mode="tariff", cameo_root="16", quad_class=4, intensity=-8.0,
                  date="2025-01-26", date_precision="day", date_method="explicit", confidence=0.87)
    values.update(fields)
    return Event(event_id=f"{doc_id}-e{n}", doc_id=doc_id,
                 actor=Actor(*actor) if actor else None, recipient=Actor(*recipient) if recipient else None,
                 evidence=Evidence(f"sentence {n}", 10 * n, 10 * n + 9), **values)


def make_processed(article, events=(), quotes=(), claims=()):
    from detente.models import Coded, ProcessedDocument

    return ProcessedDocument(article=article, coded=Coded(list(events), list(quotes), list(claims)))
