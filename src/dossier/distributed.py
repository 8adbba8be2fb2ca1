"""Run the nlp stage on a Dask cluster: one spaCy pipeline per worker, bounded batches.

``extract_on_dask`` starts a ``LocalCluster`` of single-threaded worker *processes* (or
connects to a running scheduler at ``tcp://HOST:8786``), loads the pipeline once in every
worker (a ``WorkerPlugin`` warms the per-process cache of ``dossier.nlp.load_pipeline``),
and streams ``Extraction`` records back **in input order**.

Memory stays flat whatever the corpus size: documents are read lazily from the input
iterable and at most ``2 * workers`` batches are ever in flight (a sliding window), so the
corpus is never materialised on the client or on the scheduler.

Records cross the process boundary as ``Document`` dataclasses (pickled, without
``raw_text``) going out and ``Extraction.to_json`` dicts (without the text, which the
client already holds) coming back; the client rebuilds each ``Extraction`` around its
original ``Document``.

``dask_runner`` sets up the same cluster for other work: a ``run(fn, args)`` that maps a
function over argument tuples with the same sliding window (``dossier resolve --rebuild
--cluster`` resolves its blocks with it).
"""
from __future__ import annotations

import collections
import contextlib
import dataclasses
import functools
import itertools
import os
from typing import Any, Iterable, Iterator

from distributed.diagnostics.plugin import WorkerPlugin

from .errors import DossierError, E
from .records import Document, Extraction

__all__ = ["extract_on_dask", "extract_batch", "PipelinePlugin", "dask_runner"]

#: batches kept in flight per worker (the sliding window is ``IN_FLIGHT_PER_WORKER * workers``)
IN_FLIGHT_PER_WORKER = 2


# ---------------------------------------------------------------------------- worker side

def _worker_nlp():
    """The pipeline of this worker process (``load_pipeline`` caches it per process)."""
    from .nlp import load_pipeline
    return load_pipeline()


class PipelinePlugin(WorkerPlugin):
    """Loads the spaCy pipeline once when a worker starts (and on every restart)."""

    name = "dossier-pipeline"

    def setup(self, worker=None):  # noqa: D401 - dask hook
        _worker_nlp()


def extract_batch(documents: list[Document]) -> list[dict[str, Any]]:
    """Run on a worker: extract a batch and return JSON dicts (text left out)."""
    from .nlp import extract_documents
    nlp = _worker_nlp()
    out = []
    try:
        extractions = list(extract_documents(documents, batch_size=max(1, len(documents)),
                                             n_process=1, nlp=nlp))
    except DossierError:
        raise
    except Exception:  # noqa: BLE001 - find the document that fails, one by one
        extractions = []
        for d in documents:
            try:
                extractions.extend(extract_documents([d], batch_size=1, n_process=1, nlp=nlp))
            except Exception as exc:  # noqa: BLE001
                raise DossierError(E.E300, path=d.id, detail=f"{type(exc).__name__}: {exc}") from None
    for ex in extractions:
        data = ex.to_json()
        data.pop("text", None)
        data.pop("repairs", None)
        out.append(data)
    return out


# ---------------------------------------------------------------------------- client side

def _light(document: Document) -> Document:
    """What a worker needs of a document: its cleaned text and metadata, not ``raw_text``."""
    return dataclasses.replace(document, raw_text="", meta={})


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while True:
        batch = list(itertools.islice(it, size))
        if not batch:
            return
        yield batch


def _connect(workers: int, cluster: str | None):
    """A (client, owned cluster or None) pair."""
    from distributed import Client, LocalCluster
    if cluster:
        try:
            client = Client(cluster, timeout="30s")
        except OSError as exc:
            raise DossierError(E.E300, detail=f"cannot reach the Dask scheduler {cluster}: {exc}") from exc
        return client, None
    n = workers if workers and workers > 0 else (os.cpu_count() or 1)
    local = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                         dashboard_address=None)
    return Client(local), local


def _n_workers(client, default: int) -> int:
    try:
        n = len(client.scheduler_info().get("workers", {}))
    except Exception:  # noqa: BLE001
        n = 0
    return max(1, n or default)


def extract_on_dask(documents: Iterable[Document], *, workers: int = 0, cluster: str | None = None,
                    batch_size: int = 16) -> Iterator[Extraction]:
    """Stream ``Extraction`` records for ``documents``, in input order, computed on Dask.

    ``workers``: worker processes of a local cluster (0 = one per CPU); ignored when
    ``cluster`` (a scheduler address such as ``tcp://10.0.0.5:8786``) is given.
    ``batch_size``: documents per task. At most ``2 * workers`` tasks are in flight.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be >= 1")
    client, local = _connect(workers, cluster)
    pending: collections.deque = collections.deque()  # (batch, future), submission order
    try:
        client.register_plugin(PipelinePlugin(), name=PipelinePlugin.name)
        window = IN_FLIGHT_PER_WORKER * _n_workers(client, workers or 1)
        batches = _batches(documents, batch_size)

        def submit_more() -> None:
            while len(pending) < window:
                batch = next(batches, None)
                if batch is None:
                    return
                fut = client.submit(extract_batch, [_light(d) for d in batch], pure=False,
                                    retries=1)
                pending.append((batch, fut))

        submit_more()
        while pending:
            batch, fut = pending.popleft()
            try:
                results = fut.result()
            finally:
                fut.release()
            submit_more()  # keep the workers busy while the caller consumes this batch
            for document, data in zip(batch, results):
                yield Extraction.from_json(data, document)
    finally:
        for _, fut in pending:
            fut.cancel()
        client.close()
        if local is not None:
            local.close()



@contextlib.contextmanager
def dask_runner(*, workers: int = 0, cluster: str | None = None):
    """A runner of tasks on Dask, the cluster set up as for ``extract_on_dask`` (a local
    cluster of ``workers`` single-threaded processes, or the scheduler at ``cluster``) and
    closed on exit. ``run(fn, args)`` yields ``fn(*a)`` for each tuple of ``args`` in
    input order; ``args`` is read lazily and at most ``2 * workers`` tasks are in flight,
    so a caller that builds each task's arguments on demand holds only those in memory."""
    client, local = _connect(workers, cluster)
    try:
        window = IN_FLIGHT_PER_WORKER * _n_workers(client, workers or 1)
        yield functools.partial(_map, client, window)
    finally:
        client.close()
        if local is not None:
            local.close()


def _apply(fn, args: tuple) -> Any:
    """Run on a worker: one task of ``dask_runner``."""
    return fn(*args)


def _map(client, window: int, fn, args: Iterable[tuple]) -> Iterator[Any]:
    pending: collections.deque = collections.deque()
    it = iter(args)

    def submit_more() -> None:
        while len(pending) < window:
            a = next(it, None)
            if a is None:
                return
            # the arguments go to the cluster as data, not inside the task graph
            data = client.scatter([a], hash=False)[0]
            pending.append(client.submit(_apply, fn, data, pure=False, retries=1))

    try:
        submit_more()
        while pending:
            fut = pending.popleft()
            try:
                result = fut.result()
            finally:
                fut.release()
            submit_more()
            yield result
    finally:
        for fut in pending:
            fut.cancel()
