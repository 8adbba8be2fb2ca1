"""An upload resolves what it adds (dossier.resolve.update), not the whole store: the
stored resolution's items stay as they were, and the new report's entities join it."""
from __future__ import annotations

import sys
from pathlib import Path

TOKEN = "upload-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "resolve"))


def test_an_upload_resolves_its_block_only(tmp_path, monkeypatch):
    from fastapi.testclient import TestClient
    from test_incremental import _reports

    import dossier.resolve
    from dossier.api import create_app
    from dossier.store import open_store

    db = str(tmp_path / "up.db")
    with open_store(db) as store:
        for x in _reports():
            store.add_document(x.doc, x)
        dossier.resolve.rebuild(store)
        before = {t.id: sorted(t.documents) for t in store.list_timeline(limit=None)}

    def no_full_rebuild(store):
        raise AssertionError("the upload rebuilt the whole store")
    monkeypatch.setattr(dossier.resolve, "rebuild", no_full_rebuild)
    body = {"id": "upl-later", "title": "Sobolev in Vienna", "published": "2025-06-02",
            "source": "Test Wire",
            "text": "Foreign Minister Ivan Sobolev met Maria Kovacs in Vienna on Monday."}
    with TestClient(create_app(db, token=TOKEN)) as client:
        resp = client.post("/api/documents", json=body, headers=AUTH)
        assert resp.status_code == 201, resp.text
        assert resp.json()["ingested"] == 1 and resp.json()["errors"] == []
    with open_store(db) as store:
        assert not store.resolution_stale()
        after = {t.id: sorted(t.documents) for t in store.list_timeline(limit=None)}
        assert all(after.get(i) == docs for i, docs in before.items())
        kovacs = [e for e in store.list_entities(limit=None) if e.name == "Maria Kovacs"]
        assert len(kovacs) == 1
        assert "upl-later" in store.get_entity(kovacs[0].id).documents
