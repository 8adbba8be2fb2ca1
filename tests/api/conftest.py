"""Fixtures for the HTTP API tests: a store holding the ingested sample (plus a hostile
report), and a hand-built one that needs no NLP; a TestClient over each."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kbfixture import build_handmade_store, sample_store_or_skip  # noqa: E402


@pytest.fixture(scope="module", params=["sample", "handmade"])
def kb(request, tmp_path_factory):
    """(db path, info) for the ingested sample, then for the hand-built store."""
    tmp = tmp_path_factory.mktemp(f"kb-{request.param}")
    db = str(tmp / "kb.db")
    if request.param == "sample":
        return db, sample_store_or_skip(db, tmp)
    return db, build_handmade_store(db)


@pytest.fixture(scope="module")
def client(kb):
    from fastapi.testclient import TestClient

    from dossier.api import create_app

    db, _ = kb
    with TestClient(create_app(db, token="s3cret-token")) as c:
        yield c


@pytest.fixture(scope="module")
def readonly_client(kb):
    from fastapi.testclient import TestClient

    from dossier.api import create_app

    with TestClient(create_app(kb[0])) as c:
        yield c
