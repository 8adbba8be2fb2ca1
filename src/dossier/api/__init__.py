"""The HTTP side of Dossier: a FastAPI app (JSON API under ``/api`` plus server-rendered
pages) over one store. Build it with :func:`create_app`; ``dossier serve`` runs it."""
from __future__ import annotations

from dossier.api.app import create_app

__all__ = ["create_app"]
