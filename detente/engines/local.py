"""The local engine: in-process for one worker, a process pool for more.

With `workers > 1`, raw documents go to the pool in chunks of `batch_size`; each worker
loads the spaCy model once (pool initializer) and processes whole chunks, so `nlp.pipe`
batches. Results come back in input order, with at most `2 × workers` chunks in flight so
memory stays bounded however long the input stream is.
"""

from __future__ import annotations

import multiprocessing
import signal
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any

from detente.clean import reject
from detente.config import Settings
from detente.engines import EngineError
from detente.models import ProcessedDocument, RawDocument
from detente.pipeline import Pipeline
from detente.store.store import INTERNAL_ERROR


def run(raws: Iterable[RawDocument], settings: Settings) -> Iterator[ProcessedDocument]:
    if settings.workers <= 1:
        pipeline = Pipeline(settings)
        for chunk in chunked(raws, settings.batch_size):
            yield from process_chunk(pipeline, chunk)
        return
    yield from ordered_pool_map(_work, chunked(raws, settings.batch_size), settings.workers,
                                initializer=_init_worker, initargs=(settings,))


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


def _init_worker(settings: Settings) -> None:
    global _WORKER_PIPELINE
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides how to stop on Ctrl-C
    _WORKER_PIPELINE = Pipeline(settings)
    try:
        _WORKER_PIPELINE.nlp  # noqa: B018 - load the model once, before the first chunk
    except Exception:  # noqa: BLE001 - a chunk without codable articles needs no model
        pass


def _work(raws: list[RawDocument]) -> list[ProcessedDocument]:
    assert _WORKER_PIPELINE is not None, "worker not initialised"
    return process_chunk(_WORKER_PIPELINE, raws)


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
        # On Ctrl-C or an abandoned generator do not wait for chunks that are still running.
        pool.shutdown(wait=finished, cancel_futures=True)
