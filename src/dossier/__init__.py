"""Dossier: turn news reports into a trustworthy, structured knowledge base.

The public API is small and explicit; the CLI and the HTTP API are built on it:

- ``read_inputs(paths)``: readers per format → ``RawDocument`` (``dossier.ingest``)
- ``clean_document(raw)``: normalise and repair glued words → ``Document`` (``dossier.clean``)
- ``extract(documents)``: the spaCy pipeline → ``Extraction`` per document (``dossier.nlp``)
- ``open_store(url)``: the SQLite (default) or PostgreSQL store (``dossier.store``)
- ``ingest(paths, store)``: all of the above, streamed, one transaction per document
- ``rebuild(store)``: cross-document resolution (``dossier.resolve``)
- query functions in ``dossier.analyze``: timeline, entities, claims, search
"""
import logging

from .errors import DossierError
from .records import (CanonicalEntity, Claim, Document, Entity, Event, Extraction, Mention,
                      RawDocument, Repair, Statement, TimeExpr, TimelineItem)

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"

__all__ = [
    "DossierError", "RawDocument", "Document", "Repair", "Entity", "Mention", "TimeExpr",
    "Event", "Statement", "Extraction", "CanonicalEntity", "TimelineItem", "Claim",
]
