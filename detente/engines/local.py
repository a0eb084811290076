"""The local engine: in-process for one worker, a process pool for more.

With `workers > 1`, raw documents go to the pool in chunks of `batch_size`; each worker
loads the spaCy model once (pool initializer) and processes whole chunks, so `nlp.pipe`
batches. Results come back in input order, with at most `2 × workers` chunks in flight so
memory stays bounded however long the input stream is. Workers die with the process that
started them, even after a `kill -9` (the kernel's parent-death signal, and a watch on the
parent), and the temporary folders a killed run left behind are removed by the next one.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import stat
import tempfile
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import Any

from detente.clean import reject
from detente.config import Settings
from detente.engines import EngineError
from detente.models import INTERNAL_ERROR, ProcessedDocument, RawDocument
from detente.pipeline import Pipeline


def run(raws: Iterable[RawDocument], settings: Settings) -> Generator[ProcessedDocument, None, None]:
    """Processed documents in input order. `workers` 0 means one per core; input that fits in
    one chunk is processed here (a pool's start and model loads would cost more than it saves)."""
    chunks = chunked(raws, settings.batch_size)
    workers = worker_count(settings)
    first = next(chunks, None)
    second = next(chunks, None) if workers > 1 and first is not None else None
    if second is None:
        pipeline = Pipeline(settings)
        for chunk in chain([first] if first is not None else [], chunks):
            yield from process_chunk(pipeline, chunk)
        return
    remove_stale_temp_dirs()
    yield from ordered_pool_map(_work, chain([first, second], chunks), workers,
                                initializer=_init_worker, initargs=(settings, os.getpid()))


def worker_count(settings: Settings) -> int:
    """Processes for a run: the setting, or one per core when it is 0 (or less)."""
    if settings.workers > 0:
        return settings.workers
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, max(1, size))):
        yield chunk


def process_chunk(pipeline: Pipeline, raws: list[RawDocument]) -> list[ProcessedDocument]:
    """Process a chunk; if it fails, process its documents one by one so that one document that
    breaks a stage is recorded as an internal error and the others go through."""
    try:
        return list(pipeline.process(raws))
    except Exception:  # noqa: BLE001 - isolate the failing document below
        _check_model(pipeline)
        if len(raws) == 1:
            return [_failed(raws[0])]
    results = []
    for raw in raws:
        try:
            results.extend(pipeline.process([raw]))
        except Exception:  # noqa: BLE001 - recorded with its traceback's last line
            results.append(_failed(raw))
    return results


def _check_model(pipeline) -> None:
    """A model that does not load is no document's fault: stop the run with the reason."""
    if getattr(pipeline, "_nlp", True) is not None:
        return
    try:
        pipeline.nlp  # noqa: B018 - load (again) to see whether loading is what failed
    except Exception as exc:  # noqa: BLE001 - reported as one clear error
        raise EngineError(f"could not load the language model: {type(exc).__name__}: {exc}") from exc


def _failed(raw: RawDocument) -> ProcessedDocument:
    last = traceback.format_exc().strip().splitlines()[-1]
    return ProcessedDocument(article=reject(raw, f"{INTERNAL_ERROR}: {last}"))


# --- the process pool ----------------------------------------------------------------------
_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(settings: Settings, parent: int) -> None:
    global _WORKER_PIPELINE
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides how to stop on Ctrl-C
    die_with(parent)
    _WORKER_PIPELINE = Pipeline(settings)
    try:
        _WORKER_PIPELINE.nlp  # noqa: B018 - load the model once, before the first chunk
    except Exception:  # noqa: BLE001 - a chunk without codable articles needs no model
        pass


def _work(raws: list[RawDocument]) -> list[ProcessedDocument]:
    assert _WORKER_PIPELINE is not None, "worker not initialised"
    return process_chunk(_WORKER_PIPELINE, raws)


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with(parent: int, interval: float = 0.5) -> None:
    """End this process when `parent` ends, however it ends (a `kill -9` runs no clean-up).

    On Linux the kernel sends SIGKILL when the process that forked this one (the pool's fork
    server, which exits when the parent does) dies; everywhere, a thread checks the parent."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux
        pass

    def watch() -> None:
        while True:
            if not _alive(parent):
                os._exit(1)
            time.sleep(interval)

    threading.Thread(target=watch, name="detente-parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a parent killed while we run is a zombie until reaped: gone all the same
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def remove_stale_temp_dirs(root: str | None = None, min_age: float = 10.0) -> list[str]:
    """Remove the `pymp-*` folders (a pool's fork-server socket) of runs that were killed:
    ours, older than `min_age` seconds, holding a socket that no live process has bound
    (read from /proc/net/unix; elsewhere nothing is removed)."""
    root = root or tempfile.gettempdir()
    bound = _bound_unix_sockets()
    removed: list[str] = []
    if bound is None:
        return removed
    try:
        names = [n for n in os.listdir(root) if n.startswith("pymp-")]
    except OSError:
        return removed
    for name in names:
        path = os.path.join(root, name)
        try:
            info = os.lstat(path)
            if (not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid()
                    or time.time() - info.st_mtime < min_age):
                continue
            sockets = [os.path.join(path, n) for n in os.listdir(path)
                       if stat.S_ISSOCK(os.lstat(os.path.join(path, n)).st_mode)]
        except OSError:
            continue
        if sockets and not any(s in bound for s in sockets):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _bound_unix_sockets() -> set[str] | None:
    """Paths of the Unix sockets some process holds (None where /proc/net/unix is absent)."""
    try:
        with open("/proc/net/unix", encoding="utf-8", errors="replace") as handle:
            next(handle, None)  # header
            return {parts[7] for parts in (line.split() for line in handle) if len(parts) >= 8}
    except OSError:
        return None


def ordered_pool_map(fn: Callable[[Any], list[Any]], chunks: Iterable[Any], workers: int,
                     initializer: Callable[..., None] | None = None, initargs: tuple = (),
                     max_in_flight: int | None = None) -> Iterator[Any]:
    """`fn` over chunks in a process pool; yields the items of each result in input order,
    keeping at most `max_in_flight` (default 2 × workers) chunks submitted and not yet yielded."""
    max_in_flight = max_in_flight or 2 * workers
    context = multiprocessing.get_context("forkserver" if "forkserver" in
                                          multiprocessing.get_all_start_methods() else "spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=initializer,
                               initargs=initargs)
    pending: deque[Future] = deque()
    iterator = iter(chunks)
    finished = False
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < max_in_flight:
                chunk = next(iterator, None)
                if chunk is None:
                    exhausted = True
                    break
                pending.append(pool.submit(fn, chunk))
            if not pending:
                break
            yield from pending.popleft().result()
        finished = True
    finally:
        if not finished:
            stop_workers(pool)
        pool.shutdown(wait=True, cancel_futures=True)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """On Ctrl-C or an abandoned generator, end the workers at once: their chunks are not
    wanted, and a pool left to finish them keeps the process alive at exit (its manager thread
    is joined then), which a loaded machine turned into a hang of over a minute."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):  # no public way
        if process.is_alive():
            process.terminate()
