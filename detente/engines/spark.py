"""The Spark engine: stages 1-4 as a Spark job, for a corpus too big for one machine.

    >>> from detente.engines.spark import run_spark
    >>> run_spark(["cc-news/"], "out/", Settings.load(), master="local[2]")
    {'inputs': 12, 'documents': 48213, 'stored': 47990, 'rejected': 223, 'events': ..., ...}
    >>> with Store("detente.duckdb") as store:
    ...     store.import_parquet("out/")   # then aggregate and present as after `detente ingest`

`run_spark` lists the input files on the driver (cheap: JSONL and WARC files are split into
records inside the task that reads them), distributes them, and in each partition runs the
same `detente.read.iter_raw` + `Pipeline.process` as the local engine, loading the spaCy model
once per Python worker process (a module-level cache; Spark reuses its Python workers). When
few files hold many records (one big JSONL or WARC file), the raw records are redistributed
over all partitions before the model sees them, so every core works.

It writes one Parquet folder per table under `out_dir` — `documents`, `events`, `quotes`,
`claims` with exactly the columns of `Store.export` (see `detente.engines.rows`), plus
`rejections` (every rejected input and why) — in input order. Each document is processed
once: the partitions write a staging table of whole processed documents, which is then split
into the tables and removed.

Duplicates: each partition sees only its own documents, so statuses are the ones `clean`
decides (stored or rejected). Exact duplicates across the corpus collapse when the Parquet is
imported into a store: `Store.import_parquet` keeps the first row per `doc_id` (and per
`doc_id, event_id`), so the same text read twice is stored and coded once. Near-duplicates
(MinHash) are not marked in this path.

On a cluster, detente and its spaCy model must be installed in the executors' Python (the
same version as on the driver); pass `spark=` an existing session, or a `master` URL.
`run(raws, settings)` is the engine interface `detente ingest --engine spark` uses: it
processes a driver-side stream in windows on a local Spark and yields results in input order.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Generator, Iterable, Iterator
from itertools import islice
from typing import Any

from detente.config import Settings
from detente.engines.rows import ACTOR, COLUMNS, EVIDENCE, TABLES, processed_to_rows
from detente.models import NESTED, ProcessedDocument, RawDocument
from detente.pipeline import Pipeline
from detente.read import is_input_name, is_stream_name

STAGING = "_processed"
_ORDER = ("file_index", "record_index")


# --- listing inputs on the driver ----------------------------------------------------------
def list_inputs(paths: Iterable[str]) -> list[str]:
    """The files `iter_raw(paths)` would read, in the same order, as the same path strings.

    Folders are walked as the reader walks them (sorted; hidden, unknown and project files
    such as README skipped, by the reader's own `is_input_name`);
    a path that does not exist or a folder that cannot be listed is kept as it is, so the task
    that reads it reports the error as a rejection, as the local engine does.
    """
    files: list[str] = []
    for path in paths:
        if path == "-":
            raise ValueError("the spark engine cannot read standard input ('-'): give files or folders")
        if not os.path.isdir(path):
            files.append(path)
            continue
        failed: list[OSError] = []
        for dirpath, dirnames, filenames in os.walk(path, onerror=failed.append):
            dirnames.sort()
            files.extend(os.path.join(dirpath, name) for name in sorted(filenames)
                         if is_input_name(name))
        files.extend(getattr(exc, "filename", None) or path for exc in failed)
    return files


# --- the session ---------------------------------------------------------------------------
def spark_session(master: str = "local[2]", app_name: str = "detente", partitions: int | None = None):
    """A SparkSession for detente: no web UI, few shuffle partitions, nothing downloaded. On a
    `local` master also loopback only, with executors running this Python (so they import the
    same detente); on a cluster the driver's address and the executors' Python are the
    cluster's (spark-defaults, `--conf`), since executors must reach the driver over the network."""
    from pyspark.sql import SparkSession

    local = master.startswith("local")
    shuffle = partitions or _cores(master) * 2
    builder = (SparkSession.builder.master(master).appName(app_name)
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", str(shuffle))
               .config("spark.default.parallelism", str(shuffle))
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.python.worker.reuse", "true"))
    if local:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        builder = (builder.config("spark.driver.host", "127.0.0.1")
                   .config("spark.driver.bindAddress", "127.0.0.1")
                   .config("spark.pyspark.python", sys.executable))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _cores(master: str) -> int:
    """Cores of a `local[N]` master (local[*] → this machine's); 2 for anything else."""
    if master.startswith("local"):
        inside = master[master.find("[") + 1 : master.find("]")] if "[" in master else "1"
        inside = inside.split(",")[0]
        return (os.cpu_count() or 1) if inside == "*" else max(1, int(inside))
    return 2


# --- inside the executors ------------------------------------------------------------------
_PIPELINES: dict[Settings, Pipeline] = {}


def worker_pipeline(settings: Settings) -> Pipeline:
    """The pipeline of this Python worker process, built (and its model loaded) once."""
    pipeline = _PIPELINES.get(settings)
    if pipeline is None:
        pipeline = _PIPELINES[settings] = Pipeline(settings)
    return pipeline


def _read_file(settings: Settings):
    def read(item: tuple[int, str]) -> Iterator[tuple[tuple[int, int], RawDocument]]:
        from detente.read import iter_raw

        file_index, path = item
        for record_index, raw in enumerate(iter_raw([path], settings)):
            yield (file_index, record_index), raw

    return read


def _process_partition(settings: Settings):
    def process(items: Iterable[tuple[tuple[int, int], RawDocument]]) -> Iterator[tuple]:
        from detente.engines.local import chunked, process_chunk

        pipeline = worker_pipeline(settings)
        for chunk in chunked(items, settings.batch_size):
            results = process_chunk(pipeline, [raw for _, raw in chunk])
            for (key, _), processed in zip(chunk, results, strict=True):
                rows = processed_to_rows(processed)
                yield (*key, *(rows[table] for table in TABLES))

    return process


def _process_raws(settings: Settings):
    def process(raws: Iterable[RawDocument]) -> Iterator[ProcessedDocument]:
        from detente.engines.local import chunked, process_chunk

        pipeline = worker_pipeline(settings)
        for chunk in chunked(raws, settings.batch_size):
            yield from process_chunk(pipeline, chunk)

    return process


# --- schemas -------------------------------------------------------------------------------
def spark_schema(table: str):
    """The Spark schema of one table, from `detente.engines.rows.COLUMNS`."""
    from pyspark.sql import types as T

    plain = {"string": T.StringType(), "int32": T.IntegerType(), "double": T.DoubleType(), "bool": T.BooleanType()}
    kinds = {**plain, **{kind: T.StructType([T.StructField(k, plain[sub]) for k, sub in NESTED[kind]])
                         for kind in (ACTOR, EVIDENCE)}}  # the field table's nested records
    return T.StructType([T.StructField(name, kinds[kind]) for name, kind in COLUMNS[table]])


def _staging_schema():
    from pyspark.sql import types as T

    return T.StructType([T.StructField(name, T.LongType(), False) for name in _ORDER]
                        + [T.StructField(table, T.ArrayType(spark_schema(table))) for table in TABLES])


# --- the batch job -------------------------------------------------------------------------
def run_spark(paths: list[str], out_dir: str, settings: Settings | None = None,
              master: str = "local[2]", spark=None, partitions: int | None = None,
              rebalance: bool | None = None, overwrite: bool = False) -> dict[str, Any]:
    """Process `paths` with Spark and write `out_dir/<table>/*.parquet`; returns counts.

    `partitions`: how many tasks process documents (default: 2 × the cores of `master`, or
    the session's default parallelism). `rebalance`: redistribute raw records before
    processing (default: when any input is a JSONL/WARC file or there are fewer files than
    partitions). `overwrite`: replace tables already in `out_dir` instead of failing.
    Returns `inputs` (files listed), `documents` (inputs read, records of JSONL/WARC
    included), `stored`, `rejected`, `events`, `quotes`, `claims`, `seconds`.
    """
    from pyspark.sql import functions as F

    settings = settings or Settings.load()
    started = time.perf_counter()
    files = list_inputs(paths)
    own_session = spark is None
    if own_session:
        spark = spark_session(master, partitions=partitions)
    try:
        sc = spark.sparkContext
        partitions = partitions or (_cores(master) * 2 if own_session else sc.defaultParallelism)
        out = out_dir.rstrip("/")
        staging = f"{out}/{STAGING}"
        counts: dict[str, Any] = {"inputs": len(files)}
        if not files:
            raise ValueError("no input files found under: " + ", ".join(paths))
        existing = [t for t in TABLES if _exists(spark, f"{out}/{t}")]
        if existing and not overwrite:
            raise FileExistsError(f"{out} already holds table(s) {', '.join(existing)}: choose another "
                                  "output folder, or pass overwrite=True to replace them")
        if rebalance is None:
            rebalance = len(files) < partitions or any(is_stream_name(f) for f in files)
        listed = sc.parallelize(list(enumerate(files)),
                                max(1, min(len(files), partitions if rebalance else partitions * 2)))
        raws = listed.flatMap(_read_file(settings))
        if rebalance:
            raws = raws.repartition(partitions)
        processed = raws.mapPartitions(_process_partition(settings))
        spark.createDataFrame(processed, _staging_schema()).write.mode("overwrite").parquet(staging)

        stage = spark.read.parquet(staging)
        for table in TABLES:
            exploded = (stage.select(*_ORDER, F.posexplode(table).alias("item_index", "row"))
                        .orderBy(*_ORDER, "item_index")
                        .select("row.*"))
            exploded.write.mode("overwrite").parquet(f"{out}/{table}")
        totals = stage.select(
            F.count(F.lit(1)).alias("documents"),
            F.sum(F.size(F.filter("documents", lambda d: d["status"] != "rejected"))).alias("stored"),
            F.sum(F.size("rejections")).alias("rejected"),
            *(F.sum(F.size(t)).alias(t) for t in ("events", "quotes", "claims")),
        ).first()
        counts.update({key: int(totals[key] or 0) for key in totals.asDict()})
        _delete(spark, staging)
    finally:
        if own_session:
            spark.stop()
    counts["seconds"] = round(time.perf_counter() - started, 2)
    return counts


def _hadoop_path(spark, path: str):
    jvm = spark.sparkContext._jvm
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    return hadoop_path, hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())


def _exists(spark, path: str) -> bool:
    hadoop_path, fs = _hadoop_path(spark, path)
    return bool(fs.exists(hadoop_path))


def _delete(spark, path: str) -> None:
    """Remove a folder on whatever filesystem Spark writes to (local, HDFS, S3 …)."""
    hadoop_path, fs = _hadoop_path(spark, path)
    fs.delete(hadoop_path, True)


# --- the engine interface ------------------------------------------------------------------
def run(raws: Iterable[RawDocument], settings: Settings) -> Generator[ProcessedDocument, None, None]:
    """Process a driver-side stream of raw documents on Spark; yields in input order.

    Raw documents go to Spark in windows of `2 × partitions × batch_size`, so memory on the
    driver stays bounded whatever the length of the stream. The master is
    `$DETENTE_SPARK_MASTER`, else `local[workers]` (`local[*]` for one worker); an active
    SparkSession is used (and left running) if there is one. For corpora
    bigger than one machine, use `run_spark`, which reads the files in the executors.
    """
    from pyspark.sql import SparkSession

    spark = SparkSession.getActiveSession()
    own_session = spark is None
    if own_session:
        master = os.environ.get("DETENTE_SPARK_MASTER") or (
            f"local[{settings.workers}]" if settings.workers > 1 else "local[*]")
        spark = spark_session(master)
    try:
        sc = spark.sparkContext
        partitions = sc.defaultParallelism
        window = 2 * partitions * max(1, settings.batch_size)
        iterator = iter(raws)
        while batch := list(islice(iterator, window)):
            slices = max(1, min(partitions, len(batch)))
            yield from sc.parallelize(batch, slices).mapPartitions(_process_raws(settings)).collect()
    finally:
        if own_session:
            spark.stop()
