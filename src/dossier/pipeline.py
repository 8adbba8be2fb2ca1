"""Orchestration: files in, a store filled (``ingest``) or extractions out (``extract_files``).

Owns the order of the stages and nothing of their logic: read (``dossier.ingest``) →
clean (``dossier.clean``) → exact duplicate (skip) → near-duplicate (``copy_of``) →
extraction (``dossier.nlp``, worker processes, or ``dossier.distributed`` on Dask) →
``Store.add_document`` (one transaction per document) → ``dossier.resolve.update`` (the
new documents' block only; see ``dossier.resolve.incremental``).

Everything streams: documents flow through one at a time and only the batches the
extractor is working on are held in memory. A bad file is an error in the summary,
never the end of the batch.
"""
from __future__ import annotations

import collections
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, cast

from .errors import DossierError, E
from .limits import MAX_BYTES
from .parts import in_parts, one_in_parts
from .records import Document, Extraction

BATCH_SIZE = 32
NEAR_DUPLICATE_THRESHOLD = 0.8
ERRORS_KEPT = 100  # errors an IngestSummary keeps (all are counted and passed to on_error)

Item = Document | DossierError


@dataclass
class IngestSummary:
    """What one ``ingest`` run did: the counts are what *this* run stored.

    ``errors`` keeps the first ``ERRORS_KEPT`` errors (memory stays flat for a million bad
    lines); ``failed`` and ``error_codes`` count all of them."""

    ingested: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failed: int = 0
    errors: list[DossierError] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # ids of the documents stored, in order
    notices: list[str] = field(default_factory=list)  # "<where>: <notice>" (e.g. not extracted)
    resolution: dict[str, Any] | None = None  # what dossier.resolve.update reported
    error_codes: dict[str, int] = field(default_factory=dict)  # code -> how many

    def add_error(self, err: DossierError) -> None:
        self.failed += 1
        self.error_codes[err.code] = self.error_codes.get(err.code, 0) + 1
        if len(self.errors) < ERRORS_KEPT:
            self.errors.append(err)

    def __str__(self) -> str:
        return (f"ingested {self.ingested}, duplicates {self.duplicates}, "
                f"near-duplicates {self.near_duplicates}, failed {self.failed}")

    def to_json(self) -> dict[str, Any]:
        return {"ingested": self.ingested, "duplicates": self.duplicates,
                "near_duplicates": self.near_duplicates, "failed": self.failed,
                "errors": [e.to_json() for e in self.errors],
                "errors_not_kept": self.failed - len(self.errors),
                "error_codes": dict(self.error_codes), "ids": list(self.ids),
                "resolution": self.resolution}


# ------------------------------------------------------------------ the stages (lazy imports)

def _read_inputs(paths: Iterable[str], max_bytes: int, allow_urls: bool = False,
                 follow_symlinks: bool = False) -> Iterator[Any]:
    from .ingest import read_inputs
    return read_inputs(paths, max_bytes=max_bytes, allow_urls=allow_urls,
                       follow_symlinks=follow_symlinks)


def _clean_document(raw) -> Document:
    from .clean import clean_document
    return clean_document(raw)


def _near_duplicate_index(threshold: float):
    from .clean.dedupe import NearDuplicateIndex
    return NearDuplicateIndex(threshold=threshold)


def _signature(text: str) -> list[int]:
    from .clean.dedupe import signature
    return signature(text)


def _where(raw) -> str | None:
    return getattr(raw, "origin", None) or getattr(raw, "id", None)


def _cleaned(paths: Iterable[str], max_bytes: int, allow_urls: bool = False,
             follow_symlinks: bool = False) -> Iterator[Item]:
    """Read and clean: a ``Document`` or a ``DossierError`` per input document, in order."""
    for raw in _read_inputs(paths, max_bytes, allow_urls, follow_symlinks):
        if isinstance(raw, DossierError):
            yield raw
            continue
        try:
            yield _clean_document(raw)
        except DossierError as exc:
            exc.path = exc.path or _where(raw)
            yield exc
        except Exception as exc:  # noqa: BLE001 - one bad document never stops the batch
            yield DossierError(E.E300, path=_where(raw), detail=f"{type(exc).__name__}: {exc}")


# ------------------------------------------------------------------ extraction, in order

class _SourceFailed(Exception):
    """An exception from our own document stream, carried through the extractor."""


def _extractor(workers: int, cluster: str | None, batch_size: int, nlp=None
               ) -> Callable[[Iterable[Document]], Iterator[Extraction]]:
    """The extraction engine: in process, spaCy worker processes, or Dask.

    ``cluster``: a Dask scheduler address, or ``"local"`` for a local Dask cluster of
    ``workers`` processes.
    """
    n_process = workers if workers and workers > 1 else 1

    def extract(docs: Iterable[Document]) -> Iterator[Extraction]:
        if cluster:  # imported only when used: Dask and spaCy are slow to import
            from .distributed import extract_on_dask
            return extract_on_dask(docs, workers=workers,
                                   cluster=None if cluster == "local" else cluster,
                                   batch_size=max(1, batch_size // 2))
        from .nlp import extract_documents
        if n_process > 1:  # worker processes load their own pipeline
            return extract_documents(docs, batch_size=batch_size, n_process=n_process)
        return extract_documents(docs, batch_size=batch_size, nlp=nlp or _load_pipeline())

    return extract


def _load_pipeline():
    """The spaCy pipeline; failing to build it is fatal (no document could be extracted)."""
    from .nlp import load_pipeline
    try:
        return load_pipeline()
    except DossierError:
        raise
    except Exception as exc:  # noqa: BLE001 - e.g. a component that does not register
        raise DossierError(E.E300, detail=f"cannot load the pipeline: {type(exc).__name__}: "
                                          f"{exc}", fatal=True) from exc


def _fatal(exc: DossierError) -> bool:
    return exc.fatal


def _in_process(nlp=None) -> Callable[[Document], Extraction]:
    """Extract one document in this process (the fallback that isolates a failure)."""
    def extract_one(doc: Document) -> Extraction:
        from .nlp import extract_documents
        return next(iter(extract_documents([doc], batch_size=1, n_process=1,
                                           nlp=nlp or _load_pipeline())))
    return extract_one


def _extract_one(doc: Document, extract_one: Callable[[Document], Extraction]
                 ) -> Extraction | DossierError:
    try:
        return extract_one(doc)
    except DossierError as exc:
        if _fatal(exc):
            raise
        exc.path = exc.path or doc.origin or doc.id
        return exc
    except Exception as exc:  # noqa: BLE001
        return DossierError(E.E300, path=doc.origin or doc.id,
                            detail=f"{type(exc).__name__}: {exc}")


def extract_in_order(items: Iterable[Item],
                     extract: Callable[[Iterable[Document]], Iterator[Extraction]],
                     extract_one: Callable[[Document], Extraction] | None = None,
                     ) -> Iterator[tuple[Item, Extraction | DossierError]]:
    """Pair every item with its extraction (errors with themselves), in input order.

    Documents stream into ``extract``; if it fails, the documents it was holding are
    extracted one by one with ``extract_one`` (default: in this process), so only the
    culprit fails, and a fresh ``extract`` takes the rest of the stream.
    """
    extract_one = extract_one or _in_process()
    source = iter(items)
    queue: collections.deque[Item] = collections.deque()  # taken from source, not yet yielded

    def feed(first: Document) -> Iterator[Document]:
        yield first
        while True:
            try:
                item = next(source)
            except StopIteration:
                return
            except Exception as exc:
                raise _SourceFailed() from exc
            queue.append(item)
            if isinstance(item, Document):
                yield item

    def errors_first() -> Iterator[tuple[Item, DossierError]]:
        while queue and not isinstance(queue[0], Document):
            err = queue.popleft()
            yield err, err  # type: ignore[misc]

    while True:
        # the queue is empty here: pass errors straight on until a document comes, so
        # the extractor (and the model) is only started when there is work for it
        first = None
        for item in source:
            if isinstance(item, Document):
                first = item
                break
            yield item, item  # type: ignore[misc]
        if first is None:
            return
        queue.append(first)
        try:
            for ext in extract(feed(first)):
                yield from errors_first()
                doc = queue.popleft()
                ext.doc = doc  # type: ignore[assignment]
                yield doc, ext
        except _SourceFailed as exc:
            cause = exc.__cause__
            assert cause is not None  # a _SourceFailed is always raised from its cause
            raise cause from None
        except DossierError as exc:
            if _fatal(exc):
                raise
        except Exception:  # noqa: BLE001 - retried below, one document at a time
            pass
        # what the extractor still holds (all of it if it failed; normally nothing)
        held = list(queue)
        queue.clear()
        for item in held:
            if isinstance(item, Document):
                yield item, _extract_one(item, extract_one)
            else:
                yield item, item  # type: ignore[misc]


# ------------------------------------------------------------------ public API

def extract_files(paths: Iterable[str], *, workers: int = 0, cluster: str | None = None,
                  max_bytes: int = MAX_BYTES, batch_size: int = BATCH_SIZE,
                  nlp=None, allow_urls: bool = False) -> Iterator[Extraction | DossierError]:
    """Read, clean and extract ``paths`` without a store: one result per document, in order.
    ``allow_urls``: http(s) URLs among ``paths`` are fetched (``dossier.ingest.url``)."""
    extract = _extractor(workers, cluster, batch_size, nlp)
    for _item, result in extract_in_order(_cleaned(paths, max_bytes, allow_urls),
                                          in_parts(extract), one_in_parts(_in_process(nlp))):
        yield result


def _same_source_stored(doc: Document, store) -> bool:
    """The same input (same id, same raw text) is stored already, though it cleans to a
    different text now (after a change to the cleaning rules): still a duplicate."""
    if not store.has_document(doc.id):
        return False
    stored = store.get_document(doc.id)
    return stored is not None and stored.raw_text == doc.raw_text


def _failer(summary: "IngestSummary", bar, on_error: Callable[[DossierError], None] | None,
            on_item: Callable[[dict[str, Any]], None] | None = None
            ) -> Callable[..., None]:
    """Count, keep (the first few) and report an error for one input; the batch goes on."""
    def fail(err: DossierError, doc_id: str | None = None) -> None:
        summary.add_error(err)
        bar.update(1)
        if on_error is not None:
            on_error(err)
        if on_item is not None:
            where, line = err.path, err.fields.get("line")
            if line is not None and not str(where or "").endswith(f":{line}"):
                where = f"{where}:{line}" if where else f"line {line}"
            on_item(item_record(where, doc_id, "failed", err.code, err.detail))
    return fail


def item_record(where: str | None, doc_id: str | None, status: str, code: str | None = None,
                message: str | None = None) -> dict[str, Any]:
    """One line of ``dossier ingest --report``: what became of one input item
    (``stored``, ``near-duplicate``, ``duplicate`` or ``failed``), like a bulk API's
    per-item result."""
    return {"input": where, "id": doc_id, "status": status, "code": code, "message": message}


def _progress(enabled: bool):
    from tqdm import tqdm
    return tqdm(unit="doc", desc="ingest", file=sys.stderr, leave=False,
                disable=not (enabled and sys.stderr.isatty()))


def _writer(store, on_wait: Callable[[str], None] | None = None):
    """The store's writer lock (``Store.writer``), or nothing for a store without one."""
    import contextlib
    writer = getattr(store, "writer", None)
    return writer(on_wait) if writer is not None else contextlib.nullcontext()


def ingest(paths: Iterable[str], store, *, extract: bool = True, workers: int = 0,
           cluster: str | None = None, progress: bool = True, max_bytes: int = MAX_BYTES,
           batch_size: int = BATCH_SIZE, resolve: bool = True,
           near_duplicate_threshold: float = NEAR_DUPLICATE_THRESHOLD,
           on_error: Callable[[DossierError], None] | None = None,
           nlp=None, allow_urls: bool = False,
           on_item: Callable[[dict[str, Any]], None] | None = None,
           follow_symlinks: bool = False,
           on_wait: Callable[[str], None] | None = None) -> IngestSummary:
    """Ingest files, directories, feeds or JSONL (``-`` = stdin) into ``store``; with
    ``allow_urls``, http(s) URLs too (fetched with ``dossier.ingest.url``'s protections).

    Exact duplicates of stored content are skipped; near-duplicates are stored with
    ``copy_of`` and ``similarity``. Each document is written in one transaction. When
    something new was stored (or the stored resolution is behind the extractions, after
    an interrupted run), the cross-document resolution is brought up to date
    (``dossier.resolve.update``: what was added, with its block; ``resolve=False`` skips it).

    The whole run holds the store's writer lock (``Store.writer``): a second ingest into
    the same store waits (``on_wait`` is told), so two runs give what running them one
    after the other gives. ``on_error`` is called with each error as it happens (the
    summary keeps the first ``ERRORS_KEPT``); ``on_item`` with one ``item_record`` per
    input item (stored, near-duplicate, duplicate, failed).
    """
    with _writer(store, on_wait):
        return _ingest(paths, store, extract=extract, workers=workers, cluster=cluster,
                       progress=progress, max_bytes=max_bytes, batch_size=batch_size,
                       resolve=resolve, near_duplicate_threshold=near_duplicate_threshold,
                       on_error=on_error, nlp=nlp, on_item=on_item,
                       follow_symlinks=follow_symlinks, allow_urls=allow_urls)


def _ingest(paths, store, *, extract, workers, cluster, progress, max_bytes, batch_size,
            resolve, near_duplicate_threshold, on_error, nlp, on_item, follow_symlinks,
            allow_urls) -> IngestSummary:
    summary = IngestSummary()
    bar = _progress(progress)
    fail = _failer(summary, bar, on_error, on_item)

    def tell(doc: Document, status: str, doc_id: str | None, message: str | None = None):
        if on_item is not None:
            on_item(item_record(doc.origin or doc.id, doc_id, status, None, message))

    index = _near_duplicate_index(near_duplicate_threshold)
    if hasattr(index, "bind_store") and hasattr(store, "near_duplicate_candidates"):
        index.bind_store(store)  # stored documents looked up in the store's own index
    else:
        for doc_id, sig in store.iter_signatures():
            index.add(doc_id, sig)
    pending_hashes: dict[str, str] = {}  # content hash -> id, of documents on their way
    pending_ids: set[str] = set()
    signatures: dict[str, list[int]] = {}

    def documents() -> Iterator[Document]:
        for item in _cleaned(paths, max_bytes, allow_urls, follow_symlinks):
            if isinstance(item, DossierError):
                fail(item)
                continue
            doc = item
            same = pending_hashes.get(doc.content_hash) or store.find_by_hash(doc.content_hash)
            if same is None and _same_source_stored(doc, store):
                same = doc.id
            if same is not None:
                summary.duplicates += 1
                bar.update(1)
                tell(doc, "duplicate", doc.id, f"the same text is stored as {same}")
                continue
            doc.id = store.free_id(doc.id, doc.content_hash, pending_ids)
            sig = _signature(doc.text)
            match = index.query(sig)
            if match is not None:
                doc.copy_of, doc.similarity = match[0], round(float(match[1]), 4)
            else:  # a copy is found through its original: the index grows by originals only
                index.add(doc.id, sig)
            pending_hashes[doc.content_hash] = doc.id
            pending_ids.add(doc.id)
            signatures[doc.id] = sig
            yield doc

    pairs: Iterable[tuple[Document, Extraction | DossierError | None]]
    if extract:
        # documents() yields documents only: every pair's first item is a Document
        pairs = cast(Iterator[tuple[Document, Extraction | DossierError]], extract_in_order(
            documents(), in_parts(_extractor(workers, cluster, batch_size, nlp)),
            one_in_parts(_in_process(nlp))))
    else:
        pairs = ((doc, None) for doc in documents())
    try:
        for doc, result in pairs:
            sig = signatures.pop(doc.id, None)
            if hasattr(index, "discard"):
                index.discard(doc.id)  # stored (or failed): no longer on its way in
            pending_ids.discard(doc.id)
            pending_hashes.pop(doc.content_hash, None)
            if isinstance(result, DossierError):
                fail(result, doc.id)
                continue
            try:
                stored = store.add_document(doc, result, sig)
            except DossierError as exc:
                exc.path = exc.path or doc.origin or doc.id
                fail(exc, doc.id)
                continue
            except Exception as exc:  # noqa: BLE001 - rolled back; report and go on
                fail(DossierError(E.E204, path=doc.origin or doc.id,
                                  detail=f"{type(exc).__name__}: {exc}"), doc.id)
                continue
            if stored != doc.id:  # the same content arrived meanwhile
                summary.duplicates += 1
                tell(doc, "duplicate", doc.id, f"the same text is stored as {stored}")
            else:
                summary.ingested += 1
                summary.near_duplicates += doc.copy_of is not None
                summary.ids.append(stored)
                if doc.meta.get("notice"):
                    summary.notices.append(f"{doc.origin or doc.id}: {doc.meta['notice']}")
                if doc.copy_of is not None:
                    tell(doc, "near-duplicate", stored,
                         f"stored as a copy of {doc.copy_of} (similarity {doc.similarity})")
                else:
                    tell(doc, "stored", stored)
            bar.update(1)
            bar.set_postfix(ingested=summary.ingested, failed=summary.failed, refresh=False)
    finally:
        bar.close()
    # rebuild when something new was stored, or when the stored resolution does not cover
    # the extractions (an earlier run stopped before its resolution committed)
    if resolve and (summary.ingested or store.resolution_stale()):
        summary.resolution = _rebuild(store, fail)
    return summary


def reextract(store, *, only_missing: bool = False, workers: int = 0,
              cluster: str | None = None, progress: bool = True,
              batch_size: int = BATCH_SIZE, resolve: bool = True,
              on_error: Callable[[DossierError], None] | None = None,
              nlp=None) -> IngestSummary:
    """Run extraction again over stored documents (after a model or component change),
    then rebuild the resolution. ``only_missing``: only documents never extracted (e.g.
    ingested with ``extract=False``). ``summary.ingested`` counts the documents extracted."""
    with _writer(store):
        return _reextract(store, only_missing=only_missing, workers=workers, cluster=cluster,
                          progress=progress, batch_size=batch_size, resolve=resolve,
                          on_error=on_error, nlp=nlp)


def _reextract(store, *, only_missing, workers, cluster, progress, batch_size, resolve,
               on_error, nlp) -> IngestSummary:
    summary = IngestSummary()
    bar = _progress(progress)
    fail = _failer(summary, bar, on_error)

    docs = store.iter_documents(without_extraction=only_missing)
    try:
        for doc, result in extract_in_order(
                docs, in_parts(_extractor(workers, cluster, batch_size, nlp)),
                one_in_parts(_in_process(nlp))):
            if isinstance(result, DossierError):
                fail(result)
                continue
            assert isinstance(doc, Document)  # stored documents: no read errors among them
            try:
                store.save_extraction(result)
            except Exception as exc:  # noqa: BLE001 - rolled back; report and go on
                fail(exc if isinstance(exc, DossierError) else
                     DossierError(E.E204, path=doc.id, detail=f"{type(exc).__name__}: {exc}"))
                continue
            summary.ingested += 1
            summary.ids.append(doc.id)
            bar.update(1)
    finally:
        bar.close()
    # rebuild when something new was stored, or when an earlier run stored documents
    # but was stopped before its resolution committed
    if resolve and (summary.ingested or store.resolution_stale()):
        summary.resolution = _rebuild(store, fail)
    return summary


def rebuild_resolution(store, on_error: Callable[[DossierError], None] | None = None,
                       full: bool = False) -> dict[str, Any] | None:
    """Resolve what was stored since the resolution was built
    (``dossier.resolve.incremental.update``), or everything (``full``:
    ``dossier.resolve.rebuild``); a failure is reported to ``on_error`` (or raised when
    there is none)."""
    import importlib
    resolve = importlib.import_module(f"{__package__}.resolve")
    run = resolve.rebuild if full or not hasattr(resolve, "update") else resolve.update
    try:
        with _writer(store):
            return run(store)
    except DossierError as exc:
        err = exc
    except Exception as exc:  # noqa: BLE001 - the documents are in; say what failed
        err = DossierError(E.E300, path="resolve", detail=f"{type(exc).__name__}: {exc}")
    if on_error is None:
        raise err
    on_error(err)
    return None


def _rebuild(store, fail: Callable[[DossierError], None]) -> dict[str, Any] | None:
    return rebuild_resolution(store, fail)
