"""models.FIELDS: one field table from which the record keys, the store layouts, the engines'
Parquet columns and Arrow schema are derived — checked against the records and the schema."""

from builders import article_text, make_article, make_event, make_processed

from detente.engines.rows import COLUMNS, arrow_schema
from detente.models import FIELDS, Article, Claim, Evidence, Quote, field_names
from detente.present.formats import flat_columns
from detente.store import Store
from detente.store.store import LAYOUTS, _columns_of


def test_records_have_the_field_tables_keys_in_order():
    article = make_article(article_text(1))
    event = make_event(article.doc_id)
    evidence = Evidence("x", 0, 1)
    assert Article.KEYS == field_names("documents")
    assert tuple(event.to_dict()) == field_names("events")
    assert tuple(Quote("q", "d", None, "t", evidence).to_dict()) == field_names("quotes")
    assert tuple(Claim("c", "d", 1.0, "percent", "tariff", "1%", evidence).to_dict()) == field_names("claims")


def test_layouts_columns_and_arrow_schema_follow_the_table():
    for table, fields in FIELDS.items():
        assert [key for key, _ in LAYOUTS[table]] == [name for name, _ in fields]
        assert [name for name, _ in COLUMNS[table]][:len(fields)] == [name for name, _ in fields]
        assert arrow_schema(table).names == [name for name, _ in COLUMNS[table]]


def test_every_layout_column_exists_in_the_migrated_schema(tmp_path):
    with Store(tmp_path / "x.duckdb") as store:
        for table in FIELDS:
            have = {r[0] for r in store.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()}
            assert set(_columns_of(table)) <= have, table


def test_csv_columns_are_the_flattened_records(tmp_path):
    from detente.present.formats import flatten

    article = make_article(article_text(2))
    with Store(tmp_path / "y.duckdb") as store:
        store.write(make_processed(article, [make_event(article.doc_id)]), "k")
        record = store.events()[0]
    assert list(flatten(record)) == flat_columns("events")
