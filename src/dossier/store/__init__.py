"""The store: where documents, extractions and the cross-document resolution live.

Owns ``open_store(url)`` and ``Store``: SQLite by default (a file path; WAL mode,
foreign keys on) or PostgreSQL (``postgresql://...``, psycopg 3), both running the same
versioned migrations in ``migrations/``. Every write is one transaction.

    >>> with open_store("dossier.db") as store:
    ...     store.count_documents()
"""
from __future__ import annotations

import os

from ..errors import DossierError, E
from .backends import connect
from .migrate import latest_version
from .protocol import StoreProtocol
from .store import Store, norm_name

DEFAULT_URL = "dossier.db"


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open (creating and migrating as needed) the store at ``url``.

    ``url`` is a SQLite path (``dossier.db``, ``:memory:``) or a ``postgresql://`` URL;
    default: ``$DOSSIER_DB`` or ``dossier.db``. ``create=False``: a missing SQLite file is
    an error rather than a new, empty store. Raises ``DossierError`` E200 when it
    cannot be opened, E201 when its schema is newer than this code.
    """
    url = url or os.environ.get("DOSSIER_DB") or DEFAULT_URL
    if not create and not url.startswith(("postgresql://", "postgres://", "file:")) \
            and url != ":memory:" and not os.path.exists(url.removeprefix("sqlite:///")):
        raise DossierError(E.E200, detail=f"{url} (no such file: ingest documents first)")
    backend = connect(url)
    try:
        return Store(backend, url)
    except BaseException:
        backend.close()
        raise


def _implements(store: Store) -> StoreProtocol:
    return store  # mypy checks here that Store implements StoreProtocol


__all__ = ["open_store", "Store", "StoreProtocol", "norm_name", "latest_version", "DEFAULT_URL"]
