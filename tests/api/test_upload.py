"""POST /api/documents with the token: a JSON report and a file upload are ingested with the
real pipeline and become readable; duplicates and empty files are reported."""
from __future__ import annotations

import pytest

TOKEN = "upload-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def upload_client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from dossier.api import create_app

    db = str(tmp_path_factory.mktemp("upload") / "up.db")
    with TestClient(create_app(db, token=TOKEN)) as c:
        yield c


def test_json_upload_is_ingested_and_readable(upload_client):
    body = {"id": "upl-rubio", "title": "Rubio meets Umerov <b>again</b>",
            "published": "2025-12-09", "source": "Test Wire",
            "text": "Secretary of State Marco Rubio met Rustem Umerov in Miami on Tuesday. "
                    "Umerov said the talks were useful."}
    resp = upload_client.post("/api/documents", json=body, headers=AUTH)
    assert resp.status_code == 201, resp.text
    out = resp.json()
    assert out["ingested"] == 1 and out["documents"] == ["upl-rubio"] and out["failed"] == 0
    doc = upload_client.get("/api/documents/upl-rubio").json()
    assert doc["doc"]["title"] == body["title"] and doc["doc"]["source"] == "Test Wire"
    assert "Marco Rubio" in doc["text"]
    listed = upload_client.get("/api/documents").json()
    assert [d["id"] for d in listed["items"]] == ["upl-rubio"] and listed["total"] == 1
    # the same content again: a duplicate, nothing new stored
    again = upload_client.post("/api/documents", json=body, headers=AUTH)
    assert again.status_code == 201 and again.json()["duplicates"] == 1
    assert upload_client.get("/api/documents").json()["total"] == 1


def test_file_upload_keeps_only_a_safe_name(upload_client):
    data = (b"date 2025-12-10 Witkoff flies to Moscow\nsource Test Wire\n"
            b"US special envoy Steve Witkoff flew to Moscow on Wednesday for talks.\n")
    resp = upload_client.post("/api/documents", headers=AUTH,
                              files={"file": ("../../etc/witkoff moscow.txt", data, "text/plain")})
    assert resp.status_code == 201, resp.text
    assert resp.json()["documents"] == ["witkoff_moscow"]
    doc = upload_client.get("/api/documents/witkoff_moscow").json()
    assert doc["doc"]["published"] == "2025-12-10"


def test_empty_upload_is_an_error(upload_client):
    resp = upload_client.post("/api/documents", headers=AUTH,
                              files={"file": ("empty.txt", b"   \n", "text/plain")})
    assert resp.status_code == 400, resp.text
    err = resp.json()["error"]
    assert err["code"].startswith("E1") and err["status"] == 400
    missing = upload_client.post("/api/documents", headers=AUTH, files={"other": ("a.txt", b"x")})
    assert missing.status_code == 422


def test_upload_size_limit(tmp_path):
    from fastapi.testclient import TestClient

    from dossier.api import create_app

    app = create_app(str(tmp_path / "s.db"), token=TOKEN, max_upload_bytes=100)
    with TestClient(app) as c:
        resp = c.post("/api/documents", headers=AUTH, json={"text": "x" * 500})
        assert resp.status_code == 413 and resp.json()["error"]["code"] == "E107"
        big = c.post("/api/documents", headers=AUTH,
                     files={"file": ("big.txt", b"y" * 200_000, "text/plain")})
        assert big.status_code == 413 and big.json()["error"]["code"] == "E107"
        small = c.post("/api/documents", headers=AUTH,
                       files={"file": ("s.txt", b"z" * 300, "text/plain")})
        assert small.status_code == 413  # the file itself is over the limit
