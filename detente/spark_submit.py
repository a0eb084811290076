"""The spark-submit application: `spark-submit …/detente/spark_submit.py PATH... --out DIR [--db FILE]`.

A driver above the engines, like `detente.ingest`: it runs the Spark engine in the session
spark-submit configured and, with `--db`, imports the tables into a store and refreshes the
stored story events (as `detente spark --db` does).
"""

from __future__ import annotations

from typing import Any

from detente.config import Settings


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """The driver of `spark-submit …/detente/spark_submit.py PATH... --out DIR`: the session
    (master, executors' Python, archives) is the one spark-submit configured."""
    import argparse

    from pyspark.sql import SparkSession

    from detente.engines.spark import run_spark

    parser = argparse.ArgumentParser(prog="spark-submit …/detente/spark_submit.py",
                                     description="detente stages 1-4 as a Spark job: inputs → Parquet tables")
    parser.add_argument("paths", nargs="+", help="files and folders, at the same path on every node")
    parser.add_argument("--out", required=True, help="folder for the Parquet tables (any Hadoop URI)")
    parser.add_argument("--partitions", type=int, help="tasks that process documents (default: the cluster's cores)")
    parser.add_argument("--overwrite", action="store_true", help="replace tables already in --out")
    parser.add_argument("--db", help="then import the tables into this DuckDB store (--out readable by the driver)")
    args = parser.parse_args(argv)
    spark = SparkSession.builder.appName("detente").getOrCreate()
    try:
        counts = run_spark(args.paths, args.out, Settings.load(), spark=spark,
                           partitions=args.partitions, overwrite=args.overwrite)
    finally:
        spark.stop()
    print("detente spark job: " + ", ".join(f"{key} {value}" for key, value in counts.items()) + f" → {args.out}")
    if args.db:
        from detente.aggregate.stories import refresh
        from detente.store import Store

        with Store(args.db, settings=Settings.load(db=args.db)) as store:
            added = store.import_parquet(args.out)
            refresh(store)  # the imported events join the stored story events, as after `detente spark --db`
        print(f"imported into {args.db}: " + ", ".join(f"{key} {value}" for key, value in added.items()))
    return counts


if __name__ == "__main__":  # run as a file by spark-submit: use the package's module, not a copy
    from detente.spark_submit import main as _main

    _main()
