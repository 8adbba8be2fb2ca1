"""Run the pipeline over ``Document`` records and collect ``Extraction`` records."""
from __future__ import annotations

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


def extract_documents(documents: Iterable[Document], batch_size: int = 16,
                      n_process: int = 1, nlp=None) -> Iterator[Extraction]:
    """Stream ``Extraction`` records, one per document, in input order."""
    nlp = nlp or load_pipeline()
    pending: list[Document] = []

    def docs():
        for d in documents:
            pending.append(d)
            yield _make_doc(nlp, d)

    for doc in nlp.pipe(docs(), batch_size=batch_size, n_process=n_process):
        yield to_extraction(pending.pop(0), doc)


def extract_one(document: Document, nlp=None) -> Extraction:
    return next(extract_documents([document], nlp=nlp))
