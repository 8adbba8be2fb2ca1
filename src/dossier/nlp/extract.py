"""Run the pipeline over ``Document`` records and collect ``Extraction`` records.

In one process, documents go through ``nlp.pipe`` in batches. With ``n_process > 1``,
worker processes (each loading the pipeline once) take batches and send back plain JSON
records: our ``Doc`` extensions hold dataclasses, which spaCy's own multiprocessing
cannot serialise. At most ``2 * n_process`` batches are in flight, so memory stays flat
however long the input, and results come back in input order.
"""
from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from ..records import Document, Extraction
from .pipeline import load_pipeline


def _make_doc(nlp, document: Document):
    doc = nlp.make_doc(document.text)
    doc._.published = document.published
    doc._.doc_id = document.id
    return doc


def to_extraction(document: Document, doc) -> Extraction:
    return Extraction(doc=document,
                      entities=list(doc._.entities or []),
                      times=list(doc._.times or []),
                      events=list(doc._.events or []),
                      statements=list(doc._.statements or []))


def _extract_in_process(documents: Iterable[Document], batch_size: int, nlp) -> Iterator[Extraction]:
    pending: deque[Document] = deque()

    def docs():
        for d in documents:
            pending.append(d)
            yield _make_doc(nlp, d)

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        yield to_extraction(pending.popleft(), doc)


def _work_batch(batch: list[dict]) -> list[dict]:
    """Worker side: extract a batch of documents (as JSON) with this process's pipeline."""
    docs = [Document.from_json(d) for d in batch]
    return [x.to_json() for x in _extract_in_process(docs, len(docs) or 1, load_pipeline())]


def _warm_up() -> None:
    load_pipeline()


def _extract_in_workers(documents: Iterable[Document], batch_size: int,
                        n_process: int) -> Iterator[Extraction]:
    ctx = multiprocessing.get_context("spawn")
    batches = iter(lambda it=iter(documents): list(itertools.islice(it, batch_size)), [])
    with ProcessPoolExecutor(n_process, mp_context=ctx, initializer=_warm_up) as pool:
        window: deque = deque()
        for batch in batches:
            window.append((batch, pool.submit(_work_batch, [d.to_json() for d in batch])))
            if len(window) >= 2 * n_process:
                yield from _collect(*window.popleft())
        while window:
            yield from _collect(*window.popleft())


def _collect(batch: list[Document], future) -> Iterator[Extraction]:
    for document, data in zip(batch, future.result()):
        yield Extraction.from_json(data, document)


def extract_documents(documents: Iterable[Document], batch_size: int = 16,
                      n_process: int = 1, nlp=None) -> Iterator[Extraction]:
    """Stream ``Extraction`` records, one per document, in input order.

    ``n_process > 1``: worker processes, each with the default pipeline (``nlp`` is then
    only used in this process by nobody, so it is ignored)."""
    if n_process and n_process > 1:
        return _extract_in_workers(documents, batch_size, n_process)
    return _extract_in_process(documents, batch_size, nlp or load_pipeline())


def extract_one(document: Document, nlp=None) -> Extraction:
    return next(extract_documents([document], nlp=nlp))
