"""What the stages above the store rely on: the ``Store`` protocol.

``dossier.store.Store`` (SQLite or PostgreSQL) implements it; the query library, the
resolvers, the pipeline, the API and the CLI are written against it, so a test double or
another backend only has to provide these methods. ``tests/test_store_protocol.py`` checks
that ``Store`` matches it, signature by signature.
"""
from __future__ import annotations

from typing import Any, ContextManager, Iterator, Protocol, runtime_checkable

from ..records import CanonicalEntity, Claim, Dispute, Document, Extraction, TimelineItem


@runtime_checkable
class StoreProtocol(Protocol):
    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None: ...

    def transaction(self) -> ContextManager[Any]: ...

    # ------------------------------------------------------------------ writes
    def add_document(self, doc: Document, extraction: Extraction | None = None,
                     signature: list[int] | None = None) -> str: ...

    def save_extraction(self, extraction: Extraction) -> None: ...

    def replace_resolution(self, entities: list[CanonicalEntity], timeline: list[TimelineItem],
                           claims: list[Claim], disputes: list[Dispute] | None = None) -> None: ...

    # ------------------------------------------------------------------ documents
    def free_id(self, doc_id: str, digest: str,
                taken: set[str] | frozenset[str] = frozenset()) -> str: ...

    def find_by_hash(self, content_hash: str) -> str | None: ...

    def has_document(self, doc_id: str) -> bool: ...

    def get_document(self, doc_id: str) -> Document | None: ...

    def get_extraction(self, doc_id: str) -> Extraction | None: ...

    def document_info(self, doc_id: str) -> dict[str, Any] | None: ...

    def list_documents(self, limit: int | None = 100, offset: int = 0,
                       source: str | None = None) -> list[dict[str, Any]]: ...

    def count_documents(self) -> int: ...

    def iter_documents(self, without_extraction: bool = False) -> Iterator[Document]: ...

    def iter_extractions(self) -> Iterator[Extraction]: ...

    def iter_signatures(self) -> Iterator[tuple[str, list[int]]]: ...

    def search(self, q: str, limit: int = 20, offset: int = 0,
               variants: bool = True) -> list[dict[str, Any]]: ...

    def count_search(self, q: str, variants: bool = True) -> int: ...

    def search_groups(self, q: str, longest: int = 4) -> list[list[str]]: ...

    # ------------------------------------------------------------------ resolution
    def list_entities(self, q: str | None = None, type: str | None = None,  # noqa: A002
                      limit: int | None = None, offset: int = 0,
                      slim: bool = False) -> list[CanonicalEntity]: ...

    def count_entities(self, q: str | None = None, type: str | None = None) -> int: ...  # noqa: A002

    def get_entity(self, id: str) -> CanonicalEntity | None: ...  # noqa: A002

    def list_timeline(self, date_from: str | None = None, date_to: str | None = None,
                      entity: str | None = None, limit: int | None = None,
                      offset: int = 0, *, start_from: str | None = None,
                      end_to: str | None = None, order: str = "date") -> list[TimelineItem]: ...

    def count_timeline(self, entity: str | None = None, *, start_from: str | None = None,
                       end_to: str | None = None) -> int: ...

    def co_participants(self, entity_id: str, limit: int | None = None) -> list[dict[str, Any]]: ...

    def get_timeline_item(self, id: str) -> TimelineItem | None: ...  # noqa: A002

    def list_claims(self, about: str | None = None, limit: int | None = None,
                    offset: int = 0, speaker: str | None = None) -> list[Claim]: ...

    def count_claims(self, about: str | None = None, speaker: str | None = None) -> int: ...

    def get_claim(self, id: str) -> Claim | None: ...  # noqa: A002

    def list_disputes(self, doc: str | None = None, item: str | None = None,
                      claim: str | None = None, kind: str | None = None,
                      limit: int | None = None, offset: int = 0) -> list[Dispute]: ...

    def get_dispute(self, id: str) -> Dispute | None: ...  # noqa: A002

    def counts(self) -> dict[str, int]: ...

    def resolution_stale(self) -> bool: ...
