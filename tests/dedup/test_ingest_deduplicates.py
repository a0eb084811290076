"""`ingest()` runs the dedup step before each write: copies read in the same run (one turn on
the file) are found, the summary names what they repeat, and a rerun skips every source."""

from __future__ import annotations

from builders import wire_story

from detente.config import Settings
from detente.ingest import ingest
from detente.store import Store


def reworded(text: str) -> str:
    words = text.split()
    words[8] = "reportedly"  # one word in about a hundred: the same wire story, lightly edited
    return " ".join(words)


def test_copies_in_one_run_are_marked_and_named_in_the_summary(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    story = wire_story(3)
    (folder / "a_original.txt").write_text(story, encoding="utf-8")
    (folder / "b_copy.txt").write_text(story, encoding="utf-8")
    (folder / "c_reworded.txt").write_text(reworded(story), encoding="utf-8")
    (folder / "d_other.txt").write_text(wire_story(4), encoding="utf-8")
    settings = Settings.load(db=str(tmp_path / "db.duckdb"), batch_size=100, write_seconds=3600)
    with Store(settings.db, settings=settings) as store:
        report = ingest([str(folder)], store, settings)
    with Store(settings.db, read_only=True) as store:
        documents = {d["source_path"].rsplit("/", 1)[-1]: d for d in store.documents(
            status=["stored", "near_duplicate", "duplicate"]).to_dicts()}
    original = documents["a_original.txt"]["doc_id"]
    assert {name: (d["status"], d["duplicate_of"]) for name, d in documents.items()} == {
        "a_original.txt": ("stored", None), "b_copy.txt": ("duplicate", original),
        "c_reworded.txt": ("near_duplicate", original), "d_other.txt": ("stored", None)}
    assert (report.stored, report.duplicate, report.near_duplicate) == (2, 1, 1)
    lines = sorted(outcome.line() for outcome in report.outcomes)
    assert lines == [f"{folder / 'b_copy.txt'}: same text as {original} ({folder / 'a_original.txt'})",
                     f"{folder / 'c_reworded.txt'}: repeats {original} ({folder / 'a_original.txt'})"]
    with Store(settings.db, settings=settings) as store:
        again = ingest([str(folder)], store, settings)
    assert (again.read, again.skipped) == (0, 4)
