"""Run the pipeline over ``Document`` records and collect ``Extraction`` records.

In one process, documents go through ``nlp.pipe`` in batches. With ``n_process > 1``,
worker processes (each loading the pipeline once) take batches and send back plain JSON
records: our ``Doc`` extensions hold dataclasses, which spaCy's own multiprocessing
cannot serialise. At most ``2 * n_process`` batches are in flight, so memory stays flat
however long the input, and results come back in input order.

Each document goes through the pipeline of its language (``Document.lang``, see
``dossier.lang``); a document in a language without one is not extracted: its extraction is
empty and its ``meta["notice"]`` says why (no English guesses on German or Russian text).
"""
from __future__ import annotations

import itertools
import re
import multiprocessing
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from ..lang import DEFAULT, has_pipeline, no_pipeline_notice
from ..records import Document, Extraction
from .pipeline import load_pipeline

_FINAL = (".", "!", "?", '"', "\u201d", ":")
# a body opening with a dateline ("LISBON, May 2 (Wire) - ", "OSLO - ") keeps its parse
_DATELINE_START = re.compile(r"[ \t]*[A-Z][A-Z.'/-]{2,}(?: [A-Z][A-Z.'/-]+)*\s*[,(\-\u2013\u2014]")


def mark_title_line(doc, title: str | None) -> None:
    """A text opening with its title line (known from the file's header) that ends without
    final punctuation, before a body with no dateline: the body's first sentence starts after
    it, so the parser does not glue the headline to it ("Envoy in Lisbon" + newline + "The
    minister was received ...")."""
    if not title or not doc.text.startswith(title) or title.rstrip().endswith(_FINAL):
        return
    rest = doc.text[len(title):]
    if rest[:1] != "\n" or not rest.strip() or _DATELINE_START.match(rest.lstrip("\n")):
        return
    first = next((t for t in doc if t.idx >= len(title) and not t.is_space), None)
    if first is not None and first.i > 0:
        first.is_sent_start = True
        for t in doc[first.i + 1:first.i + 4]:  # (and no one-word sentence after it)
            if t.is_punct or t.is_space:
                break
            t.is_sent_start = False


def _make_doc(nlp, document: Document):
    doc = nlp.make_doc(document.text)
    mark_title_line(doc, document.title)
    doc._.published = document.published
    doc._.doc_id = document.id
    doc._.source = document.source
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


def _work_batch(batch: list[dict], lang: str = DEFAULT) -> list[dict]:
    """Worker side: extract a batch of documents (as JSON) with this process's pipeline."""
    docs = [Document.from_json(d) for d in batch]
    return [x.to_json() for x in _extract_in_process(docs, len(docs) or 1, load_pipeline(lang=lang))]


def _warm_up(lang: str = DEFAULT) -> None:
    load_pipeline(lang=lang)


def _extract_in_workers(documents: Iterable[Document], batch_size: int,
                        n_process: int, lang: str = DEFAULT) -> Iterator[Extraction]:
    ctx = multiprocessing.get_context("spawn")
    it = iter(documents)
    batches = iter(lambda: list(itertools.islice(it, batch_size)), [])
    with ProcessPoolExecutor(n_process, mp_context=ctx, initializer=_warm_up,
                             initargs=(lang,)) as pool:
        window: deque = deque()
        for batch in batches:
            window.append((batch, pool.submit(_work_batch, [d.to_json() for d in batch], lang)))
            if len(window) >= 2 * n_process:
                yield from _collect(*window.popleft())
        while window:
            yield from _collect(*window.popleft())


def _collect(batch: list[Document], future) -> Iterator[Extraction]:
    for document, data in zip(batch, future.result()):
        yield Extraction.from_json(data, document)


def not_extracted(document: Document) -> Extraction:
    """The empty extraction of a document in a language Dossier has no pipeline for."""
    document.meta.setdefault("notice", no_pipeline_notice(document.lang))
    return Extraction(doc=document)


def extract_documents(documents: Iterable[Document], batch_size: int = 16,
                      n_process: int = 1, nlp=None) -> Iterator[Extraction]:
    """Stream ``Extraction`` records, one per document, in input order.

    Runs of documents in one language go through that language's pipeline (``nlp``: the
    one to use for its own language, ``nlp.lang``). ``n_process > 1``: worker processes,
    each loading the pipeline itself (``nlp`` is then ignored)."""
    def language(d: Document) -> str | None:
        lang = d.lang or DEFAULT
        if (nlp is not None and nlp.lang == lang) or has_pipeline(lang):
            return lang
        return None

    for lang, run in itertools.groupby(documents, key=language):
        if lang is None:
            yield from map(not_extracted, run)
        elif n_process and n_process > 1:
            yield from _extract_in_workers(run, batch_size, n_process, lang)
        else:
            own = nlp if nlp is not None and nlp.lang == lang else load_pipeline(lang=lang)
            yield from _extract_in_process(run, batch_size, own)


def extract_one(document: Document, nlp=None) -> Extraction:
    return next(extract_documents([document], nlp=nlp))
