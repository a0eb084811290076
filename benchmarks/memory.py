"""Peak memory of `detente ingest` on streamed corpora of different sizes: it must not grow
with the size of the corpus.

    .venv/bin/python benchmarks/memory.py [--sizes 1000 10000 20000] [--workers 1] [--curve 500]
    .venv/bin/python benchmarks/memory.py --store-only 3000 [--tracemalloc]

The corpora are the real-text corpus of real_corpus.py (VOA stories and extraction-benchmark
reference texts, then copies with a distinct first line), written uncompressed to a temporary
folder (`--tmp`) for the run (`--synthetic`: make_corpus.py's recombined one under
benchmarks/results/), and ingested into fresh databases by the real CLI in a child process.
Numbers:

- peak RSS of the `detente ingest` process itself, from the kernel (`wait4` rusage
  `ru_maxrss`: exact, includes the model);
- peak of the sum of RSS over its process tree (pool workers included), sampled with psutil
  every 50 ms;
- the growth curve within each run (`--curve STEP`, default every 1000 documents): every 30 s
  the process's peak so far (`VmHWM`) and current RSS against the documents it has read (its
  position in the JSONL file; the reader is at most a batch ahead of the store), printed on
  stderr as the run goes, so a long run stopped early still shows how its peak grew.

The database file is on disk, so it grows with the corpus by design; what is measured here is
what detente holds in memory while it streams.

`--store-only N` attributes the growth instead: it runs `detente.ingest.ingest` in this
process on the first N articles of a generated corpus with a stand-in engine (no spaCy: the
article is the JSONL text, five synthetic events each), and prints at every fifth of the run
the process RSS, the Python heap traced by tracemalloc (with `--tracemalloc`; slower) and
DuckDB's own accounting (`duckdb_memory()`) by tag.
"""

from __future__ import annotations

import argparse
import bisect
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
DETENTE = [sys.executable, "-c", "from detente.cli import main; main()"]


def corpus_of(n: int, folder: Path | None = None, synthetic: bool = False) -> Path:
    """The real-text corpus of `n` articles (real_corpus.py) in `folder` (a temporary one),
    or with `synthetic` the recombined one of make_corpus.py under benchmarks/results/."""
    if synthetic:
        path = RESULTS / f"corpus-{n}.jsonl.gz"
        script = "make_corpus.py"
    else:
        # uncompressed, so the reader's file position tells how many documents it has read
        path = (folder or Path(tempfile.gettempdir())) / f"real-{n}.jsonl"
        script = "real_corpus.py"
    if not path.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), "-n", str(n), "-o", str(path)], check=True)
    return path


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process and its descendants until stopped; every
    `curve_seconds` it also notes the process's own peak (VmHWM) and how far it has read
    `corpus` (its file position), for the growth curve within one run."""

    def __init__(self, pid: int, interval: float = 0.05, corpus: Path | None = None,
                 curve_seconds: float = 5.0):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.corpus, self.curve_seconds = (str(corpus.resolve()) if corpus else None), curve_seconds
        self.ends = line_offsets(corpus) if corpus else []
        self.peak = 0
        self.samples = 0
        self.curve: list[tuple[float, int, int, int]] = []  # seconds, byte read, VmHWM, VmRSS (bytes)
        self._stop_event = threading.Event()

    def _curve_point(self, root: psutil.Process, started: float) -> None:
        position = next((f.position for f in root.open_files() if f.path == self.corpus), None)
        status = Path(f"/proc/{self.pid}/status").read_text()
        kib = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines()
               if line.startswith(("VmHWM", "VmRSS"))}
        if position is not None:
            self.curve.append((time.perf_counter() - started, position, kib["VmHWM"] * 1024, kib["VmRSS"] * 1024))
            if self.ends:  # live, so that a run stopped before its end still leaves its curve
                print(f"  {time.strftime('%H:%M:%S', time.gmtime())} read {bisect.bisect_right(self.ends, position)}: "
                      f"peak {kib['VmHWM'] / 1024:.0f} MiB, now {kib['VmRSS'] / 1024:.0f} MiB, "
                      f"load {os.getloadavg()[0]:.2f}", file=sys.stderr, flush=True)

    def run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        started = last_curve = time.perf_counter()
        while not self._stop_event.is_set():
            total = 0
            try:
                for proc in [root, *root.children(recursive=True)]:
                    try:
                        total += proc.memory_info().rss
                    except (psutil.NoSuchProcess, psutil.AccessDenied):
                        pass
                if self.corpus and time.perf_counter() - last_curve >= self.curve_seconds:
                    last_curve = time.perf_counter()
                    self._curve_point(root, started)
            except (psutil.NoSuchProcess, FileNotFoundError, ProcessLookupError):
                return
            self.peak = max(self.peak, total)
            self.samples += 1
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def line_offsets(corpus: Path) -> list[int]:
    """Byte offset of the end of each line of an uncompressed JSONL corpus."""
    ends, total = [], 0
    with corpus.open("rb") as handle:
        for line in handle:
            total += len(line)
            ends.append(total)
    return ends


def growth_curve(sampler: TreeSampler, corpus: Path, step: int) -> list[tuple[int, float, float, float]]:
    """(documents read, seconds, peak RSS so far MiB, RSS now MiB) at the first sample past
    every `step` documents. Documents read is an upper bound of those stored: the reader is
    ahead by its buffer and one batch."""
    ends = sampler.ends or line_offsets(corpus)
    rows, target = [], step
    for seconds, position, hwm, rss in sampler.curve:
        read = bisect.bisect_right(ends, position)
        if read >= target:
            rows.append((read, seconds, hwm / 2**20, rss / 2**20))
            target = (read // step + 1) * step
    return rows


def measure(corpus: Path, workers: int, db: Path, curve_step: int = 0) -> dict:
    command = DETENTE + ["ingest", str(corpus), "--db", str(db), "--workers", str(workers)]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    sampler = TreeSampler(proc.pid, corpus=corpus if curve_step else None, curve_seconds=30.0)
    sampler.start()
    # Read the pipes in threads so a chatty child never blocks; reap with wait4 for its rusage.
    outputs: dict[str, bytes] = {}
    readers = [threading.Thread(target=lambda k=k, s=s: outputs.__setitem__(k, s.read()), daemon=True)
               for k, s in (("out", proc.stdout), ("err", proc.stderr))]
    for reader in readers:
        reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    sampler.stop()
    for reader in readers:
        reader.join()
    if proc.returncode != 0:
        raise SystemExit(f"ingest of {corpus} failed ({proc.returncode}):\n"
                         + outputs.get("err", b"").decode(errors="replace")[-2000:])
    summary = outputs.get("out", b"").decode(errors="replace")
    return {"corpus": corpus.name, "seconds": seconds, "maxrss_mib": usage.ru_maxrss / 1024,
            "tree_peak_mib": sampler.peak / 2**20, "samples": sampler.samples,
            "db_mib": db.stat().st_size / 2**20, "summary": summary.strip().splitlines()[0] if summary else "",
            "curve": growth_curve(sampler, corpus, curve_step) if curve_step else []}


def store_only(n: int, trace: bool) -> None:
    import itertools
    import tracemalloc

    import detente.engines
    from detente.clean.fingerprint import content_hash
    from detente.config import Settings
    from detente.ingest import ingest
    from detente.models import Actor, Article, Coded, Event, Evidence, ProcessedDocument
    from detente.read import iter_raw
    from detente.store import Store

    def stand_in(raws, settings):
        for raw in raws:
            text = raw.text or ""
            doc_id = content_hash(text)
            article = Article(doc_id=doc_id, source_path=raw.source_path, text=text, url=raw.url,
                              title=raw.title, language="en", words=len(text.split()))
            events = [Event(event_id=f"{doc_id}-e{i}", doc_id=doc_id, actor=Actor("Washington", "USAGOV", "USA", "GOV"),
                            recipient=Actor("Colombia", "COL", "COL", None), event_type="SANCTION",
                            mode="tariff", cameo_root="16", quad_class=4, intensity=-8.0, date="2025-01-26",
                            date_precision="day", date_method="explicit", confidence=0.87,
                            evidence=Evidence(text[:200], 0, 200)) for i in range(5)]
            yield ProcessedDocument(article, Coded(events, [], []))

    detente.engines.run = stand_in
    corpus = corpus_of(n)
    process = psutil.Process()
    rows = []

    def on_document(article, report):
        if report.read % max(1, n // 5) == 0:
            tags = dict(store.con.execute("SELECT tag, memory_usage_bytes FROM duckdb_memory()").fetchall())
            rows.append((report.read, process.memory_info().rss / 2**20,
                         tracemalloc.get_traced_memory()[0] / 2**20 if trace else float("nan"),
                         sum(tags.values()) / 2**20,
                         ", ".join(f"{k} {v / 2**20:.0f}" for k, v in tags.items() if v >= 2**19)))

    settings = Settings.load()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.duckdb", settings=settings) as store:
        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        raws = itertools.islice(iter_raw([str(corpus)], settings), n)
        ingest([str(corpus)], store, settings, on_document=on_document, raws=raws)
        seconds = time.perf_counter() - started
    print(f"store-only ingest of {n} articles of {corpus.name}: {seconds:.0f} s, "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB\n")
    print("| articles | RSS (MiB) | Python heap (MiB) | DuckDB (MiB) | DuckDB by tag (MiB) |")
    print("|---:|---:|---:|---:|---|")
    for row in rows:
        print("| {} | {:.0f} | {:.1f} | {:.0f} | {} |".format(*row))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 20000],
                        help="articles per corpus (default 1000 10000 20000)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--synthetic", action="store_true", help="the recombined corpus of make_corpus.py")
    parser.add_argument("--store-only", type=int, metavar="N",
                        help="in-process store/ingest of N articles without spaCy (attribution)")
    parser.add_argument("--curve", type=int, metavar="STEP", default=1000,
                        help="note the peak RSS every STEP documents read within each run (0: off)")
    parser.add_argument("--tmp", type=Path, help="folder for the corpora and databases (default: the system's)")
    parser.add_argument("--tracemalloc", action="store_true", help="with --store-only: trace the Python heap")
    args = parser.parse_args(argv)
    if args.store_only:
        store_only(args.store_only, args.tracemalloc)
        return
    rows = []
    started_load = os.getloadavg()
    started_at = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        for n in sorted(args.sizes):
            corpus = corpus_of(n, Path(tmp), args.synthetic)
            step = args.curve or 0
            if args.synthetic:
                step = 0  # the synthetic corpus is gzipped: no file position to read documents from
            result = measure(corpus, args.workers, Path(tmp) / f"m{n}.duckdb", step)
            result["n"] = n
            result["load"] = os.getloadavg()
            rows.append(result)
            print(f"{n}: " + str({k: v for k, v in result.items() if k != "curve"}), file=sys.stderr, flush=True)
            for point in result["curve"]:
                print("  read {} at {:.0f} s: peak {:.0f} MiB, now {:.0f} MiB".format(*point), file=sys.stderr, flush=True)
    command = "python " + " ".join(shlex.quote(a) for a in [os.path.relpath(__file__, ROOT)] + sys.argv[1:])
    print(f"\n`{command}` (detente ingest --workers {args.workers}; {os.cpu_count()} cores; started "
          f"{started_at} UTC, load average {started_load[0]:.2f} at start, "
          + ", ".join(f"{r['load'][0]:.2f} after {r['n']}" for r in rows) + ")\n")
    print("| articles | seconds | docs/s | peak RSS, ingest process (MiB) | peak RSS, process tree (MiB) | database (MiB) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['n']} | {r['seconds']:.0f} | {r['n'] / r['seconds']:.2f} | {r['maxrss_mib']:.0f} "
              f"| {r['tree_peak_mib']:.0f} | {r['db_mib']:.0f} |")
    first, last = rows[0], rows[-1]
    if len(rows) > 1:
        growth = (last["maxrss_mib"] - first["maxrss_mib"]) / (last["n"] - first["n"]) * 1000
        print(f"\nlargest/smallest peak RSS: {last['maxrss_mib'] / first['maxrss_mib']:.2f} for a "
              f"{last['n'] / first['n']:.0f}× larger corpus ({growth:+.1f} MiB per 1000 articles)")
    for r in rows:
        if r["curve"]:
            print(f"\nWithin the run of {r['n']}: peak RSS of the ingest process so far, by documents read\n")
            print("| documents read | seconds | peak RSS so far (MiB) | RSS now (MiB) |")
            print("|---:|---:|---:|---:|")
            for point in r["curve"]:
                print("| {} | {:.0f} | {:.0f} | {:.0f} |".format(*point))


if __name__ == "__main__":
    main()
