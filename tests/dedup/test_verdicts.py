"""The dedup step: its verdict on exact duplicates, near-duplicates and distinct documents,
decided from what the store keeps (also documents written earlier in the same run, imported
ones, and ones written without a signature)."""

from __future__ import annotations

from dataclasses import replace

from builders import article_text, make_article, make_processed
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.config import Settings
from detente.dedup import Deduplicator, Verdict, decode, encode
from detente.store import Store


def near_copy(text: str) -> str:
    words = text.split()
    words[5] = "ambassador"  # one word changed in 120: a re-run of the same wire story
    return " ".join(words)


def keep(store: Store, dedup: Deduplicator, article, key: str):
    return store.write(make_processed(article), key, verdict=dedup.verdict(article))


def test_a_kept_doc_id_is_an_exact_duplicate_without_a_signature(db_path):
    text = article_text(1)
    with Store(db_path) as store:
        dedup = Deduplicator(store)
        keep(store, dedup, make_article(text, source_path="a.txt"), "k1")
        verdict = dedup.verdict(make_article(text, source_path="mirror/a.txt"))
    assert verdict == Verdict("duplicate", make_article(text).doc_id)
    assert verdict.minhash is None and verdict.minhash_scheme is None


def test_a_near_copy_is_a_near_duplicate_of_the_most_similar_kept_document(db_path):
    text = article_text(2)
    original = make_article(text, source_path="a.txt")
    with Store(db_path) as store:
        dedup = Deduplicator(store)
        keep(store, dedup, make_article(article_text(3), source_path="b.txt"), "k0")
        keep(store, dedup, original, "k1")
        verdict = dedup.verdict(make_article(near_copy(text), source_path="c.txt"))
    assert verdict.status == "near_duplicate" and verdict.duplicate_of == original.doc_id
    assert verdict.signature is not None  # a near-duplicate is kept, so it is signed


def test_a_distinct_document_is_stored_with_its_signature(db_path):
    with Store(db_path) as store:
        dedup = Deduplicator(store)
        keep(store, dedup, make_article(article_text(4), source_path="a.txt"), "k1")
        verdict = dedup.verdict(make_article(article_text(5), source_path="b.txt"))
    assert verdict.status == "stored" and verdict.duplicate_of is None
    perm = Settings().minhash_perm
    again = decode(verdict.minhash, verdict.minhash_scheme, perm)
    assert again is not None and again.jaccard(verdict.signature) == 1.0


def test_a_duplicate_status_the_article_came_with_is_dropped_when_nothing_matches(db_path):
    article = replace(make_article(article_text(6)), status="near_duplicate", duplicate_of="elsewhere")
    with Store(db_path) as store:
        verdict = Deduplicator(store).verdict(article)
    assert verdict.status == "stored" and verdict.duplicate_of is None


def test_a_rejected_article_stays_rejected_and_unsigned(db_path):
    rejected = make_article("", doc_id="e3b0c44298fc1c14", status="rejected", reason="empty file")
    with Store(db_path) as store:
        assert Deduplicator(store).verdict(rejected) == Verdict("rejected")


def test_a_doc_id_kept_only_as_a_rejection_is_not_a_duplicate(db_path):
    """A source rejected over a budget and coded in a later run is stored, not a duplicate of
    its own rejection."""
    text = article_text(7)
    with Store(db_path) as store:
        over = make_article(text, status="rejected", reason="over the time budget")
        store.write(make_processed(over), "k", verdict=Deduplicator(store).verdict(over))
        coded = make_article(text)
        verdict = Deduplicator(store).verdict(coded)
        assert verdict.status == "stored"
        assert store.write(make_processed(coded), "k", verdict=verdict).status == "stored"
        assert store.status_counts() == {"stored": 1}


def test_a_document_written_earlier_in_the_same_run_is_found(db_path):
    """One index for the run, topped up from the store before each verdict: a near-copy
    written a moment ago counts, as does an exact copy."""
    text = article_text(8)
    original = make_article(text, source_path="a.txt")
    with Store(db_path) as store:
        dedup = Deduplicator(store)
        dedup.verdict(make_article(article_text(9)))  # builds the index before the original is kept
        keep(store, dedup, original, "k1")
        near = keep(store, dedup, make_article(near_copy(text), source_path="b.txt"), "k2")
        exact = keep(store, dedup, make_article(text, source_path="c.txt"), "k3")
    assert (near.status, near.duplicate_of) == ("near_duplicate", original.doc_id)
    assert (exact.status, exact.duplicate_of) == ("duplicate", original.doc_id)


def test_a_document_kept_by_another_writer_meanwhile_is_found(db_path):
    text = article_text(10)
    original = make_article(text, source_path="a.txt")
    with Store(db_path) as store:
        dedup = Deduplicator(store)
        dedup.verdict(make_article(article_text(11)))
        other = Deduplicator(store)  # another ingest taking its turn on the same file
        keep(store, other, original, "k1")
        verdict = dedup.verdict(make_article(near_copy(text), source_path="b.txt"))
    assert verdict.duplicate_of == original.doc_id


def test_documents_kept_without_a_signature_are_signed_when_read(db_path):
    """Written without a verdict (or imported from an engine's Parquet): the dedup step signs
    them when it next reads the store, and keeps the signature it made there."""
    text = article_text(12)
    original = make_article(text, source_path="a.txt")
    with Store(db_path) as store:
        store.write(make_processed(original), "k1")
        assert store.signatures([original.doc_id]) == [(original.doc_id, None, None)]
        verdict = Deduplicator(store).verdict(make_article(near_copy(text), source_path="b.txt"))
        assert verdict.duplicate_of == original.doc_id
        ((_, blob, scheme),) = store.signatures([original.doc_id])
    signature = decode(blob, scheme, Settings().minhash_perm)
    assert encode(signature) == (blob, scheme)
    assert signature.jaccard(verdict.signature) >= Settings().near_duplicate_threshold


def test_a_signature_made_with_other_settings_makes_no_near_duplicate(db_path):
    text = article_text(13)
    with Store(db_path, settings=Settings(minhash_perm=64)) as store:
        keep(store, Deduplicator(store), make_article(text, source_path="a.txt"), "k1")
    with Store(db_path) as store:  # 128 permutations: the 64-permutation signature is not comparable
        verdict = Deduplicator(store).verdict(make_article(near_copy(text), source_path="b.txt"))
    assert verdict.status == "stored"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab cd ef\n.,é"), max_size=120))
def test_signature_hashes_all_shingles_at_once_with_the_values_of_one_at_a_time(text):
    from datasketch import MinHash

    from detente.clean.fingerprint import minhash, shingles

    one_by_one = MinHash(num_perm=64)
    for shingle in shingles(text):
        one_by_one.update(shingle.encode("utf-8"))
    assert (minhash(text, 64).hashvalues == one_by_one.hashvalues).all()


def test_in_one_turn_a_second_copy_is_a_duplicate_of_the_first_before_either_is_written(db_path):
    text = article_text(50)
    with Store(db_path) as store:
        verdicts = Deduplicator(store).verdicts([make_article(text, source_path="a.txt"),
                                                 make_article(text, source_path="mirror/a.txt")])
    assert [v.status for v in verdicts] == ["stored", "duplicate"]
    assert verdicts[1].duplicate_of == make_article(text).doc_id


def test_in_one_turn_a_near_copy_is_a_near_duplicate_of_the_earlier_document(db_path):
    text = article_text(51)
    original = make_article(text, source_path="a.txt")
    with Store(db_path) as store:
        dedup = Deduplicator(store)
        keep(store, dedup, make_article(article_text(52), source_path="old.txt"), "k0")
        verdicts = dedup.verdicts([original, make_article(near_copy(text), source_path="b.txt")])
    assert [(v.status, v.duplicate_of) for v in verdicts] == [("stored", None), ("near_duplicate", original.doc_id)]


def test_a_turn_written_together_is_found_by_the_next_turn_as_the_first_copy_stored(db_path):
    """What a turn kept is read back from the store, and a later copy of the first document is a
    near-duplicate of it, not of the near copy written in the same turn."""
    text = article_text(53)
    original, copy = make_article(text, source_path="a.txt"), make_article(near_copy(text), source_path="b.txt")
    with Store(db_path) as store:
        dedup = Deduplicator(store)
        turn = [original, copy]
        verdicts = dedup.verdicts(turn)
        store.write_many([(make_processed(a), f"k{n}", v) for n, (a, v) in enumerate(zip(turn, verdicts, strict=True))])
        later = dedup.verdict(make_article(text + " Again.", source_path="c.txt"))
    assert (later.status, later.duplicate_of) == ("near_duplicate", original.doc_id)
