"""Hostile requests (issue #16): every input checked centrally (``dossier.api.guard``), a
4xx in the one error shape and never a 500; uploads refused while streaming; reads from
a cache keyed by the store's version, with ETag and 304."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from kbfixture import build_handmade_store

TOKEN = "val-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BIG = 2 ** 63
LISTS = ["/api/documents", "/api/entities", "/api/timeline", "/api/claims",
         "/api/search?q=talks", "/api/network", "/", "/entities", "/claims", "/documents",
         "/search?q=talks", "/network"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("val") / "kb.db")
    build_handmade_store(path)
    return path


@pytest.fixture(scope="module")
def client(db):
    from dossier.api import create_app
    with TestClient(create_app(db, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


def _is_error(resp, status):
    assert resp.status_code == status, (resp.status_code, resp.text[:300])
    if resp.headers["content-type"].startswith("application/json"):
        err = resp.json()["error"]
        assert err["status"] == status and err["code"] and err["message"]
        return err
    assert "Error" in resp.text
    return None


# ------------------------------------------------------------------ offsets, limits, lengths

@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("param,value", [("offset", BIG), ("offset", BIG - 1),
                                         ("limit", BIG), ("offset", -BIG)])
def test_huge_integers_are_a_4xx_everywhere(client, url, param, value):
    sep = "&" if "?" in url else "?"
    resp = client.get(f"{url}{sep}{param}={value}")
    assert 400 <= resp.status_code < 500, (url, resp.status_code, resp.text[:200])


@pytest.mark.parametrize("url", ["/api/search?q=", "/api/entities?q=", "/api/claims?about=",
                                 "/api/timeline?entity=", "/search?q=", "/entities?q=",
                                 "/claims?about=", "/?entity="])
def test_over_long_query_value_is_400(client, url):
    err = _is_error(client.get(url + "x" * 50_001), 400)
    if err:
        assert err["code"] == "E402" and "50001 characters" in err["message"]


def test_max_search_offset_is_refused_not_overflowed(client):
    _is_error(client.get(f"/api/search?q=talks&offset={BIG - 1}"), 422)
    ok = client.get("/api/search?q=talks&offset=1000000000")
    assert ok.status_code == 200 and ok.json()["items"] == []


def test_over_long_path_is_414(client):
    _is_error(client.get("/api/entities/" + "x" * 5000), 414)


# ------------------------------------------------------------------ upload bodies

@pytest.mark.parametrize("field,value", [
    ("id", 12), ("title", True), ("source", [1, 2]), ("published", 20251201),
    ("url", {"a": 1}), ("text", 3.5), ("lang", ["en"]),
])
def test_upload_field_of_the_wrong_type_is_422(client, field, value):
    body = {"id": "x", "text": "The envoy met the minister.", field: value}
    resp = client.post("/api/documents", json=body, headers=AUTH)
    err = _is_error(resp, 422)
    assert err["code"] == "E115" and f'"{field}"' in err["message"]


@pytest.mark.parametrize("raw", ['{"id": NaN, "text": "t"}', '{"text": "t", "title": Infinity}',
                                 "[" * 100_000, '{"a":' * 100 + "1" + "}" * 100,
                                 '["not an object"]', "{bad json", b"\xff\xfe"])
def test_hostile_json_upload_is_4xx(client, raw):
    data = raw if isinstance(raw, bytes) else raw.encode()
    resp = client.post("/api/documents", content=data,
                       headers={**AUTH, "Content-Type": "application/json"})
    assert resp.status_code in (400, 422), resp.text[:200]
    assert resp.json()["error"]["code"] in ("E106", "E115")


def test_chunked_upload_is_refused_while_streaming(db):
    """No Content-Length (chunked): the guard counts as the body arrives and answers 413
    once past the limit, without reading the rest (raw ASGI: TestClient would buffer)."""
    import asyncio

    from dossier.api import create_app
    app = create_app(db, token=TOKEN, max_upload_bytes=1000)
    read = 0
    sent: list[dict] = []

    async def receive():
        nonlocal read
        read += 1
        return {"type": "http.request", "body": b"x" * 65536, "more_body": read < 10_000}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": "/api/documents", "raw_path": b"",
             "query_string": b"", "root_path": "", "client": ("127.0.0.1", 1),
             "server": ("127.0.0.1", 80),
             "headers": [(b"host", b"127.0.0.1"), (b"authorization", f"Bearer {TOKEN}".encode()),
                         (b"content-type", b"multipart/form-data; boundary=b"),
                         (b"transfer-encoding", b"chunked")]}
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    assert start["status"] == 413 and json.loads(body)["error"]["code"] == "E107"
    assert read <= 3  # 64 KiB chunks: refused at the first one past limit + framing


def test_declared_oversized_upload_is_413_before_reading(client):
    resp = client.post("/api/documents", content=b"{}",
                       headers={**AUTH, "Content-Type": "application/json",
                                "Content-Length": str(10 ** 12)})
    assert resp.status_code == 413


# ------------------------------------------------------------------ Host check

def test_host_check_applies_to_every_path(db):
    from dossier.api import create_app
    app = create_app(db, allowed_hosts=["127.0.0.1", "localhost", "news.example"])
    with TestClient(app, base_url="http://evil.example") as c:
        for url in ("/api/documents", "/", "/static/app.css", "/api/nothing"):
            assert c.get(url).status_code == 400
    with TestClient(app, base_url="http://news.example:8000") as c:
        assert c.get("/api/documents").status_code == 200


# ------------------------------------------------------------------ the response cache

def test_reads_are_cached_by_store_version_with_etag_and_304(db, tmp_path):
    import shutil

    from dossier.api import create_app
    from dossier.records import Document
    from dossier.store import open_store
    path = str(tmp_path / "copy.db")
    shutil.copy(db, path)
    app = create_app(path)
    with TestClient(app) as c:
        first = c.get("/api/documents")
        tag = first.headers["etag"]
        assert first.status_code == 200 and tag and first.headers["cache-control"] == "no-cache"
        again = c.get("/api/documents")
        assert again.text == first.text and again.headers["etag"] == tag
        assert c.get("/api/documents", headers={"If-None-Match": tag}).status_code == 304
        total = first.json()["total"]
        with open_store(path) as store:  # a write: the version moves on
            store.add_document(Document(id="late", text="A late report from Kyiv.",
                                        raw_text="A late report from Kyiv."))
        fresh = c.get("/api/documents", headers={"If-None-Match": tag})
        assert fresh.status_code == 200 and fresh.json()["total"] == total + 1
        assert fresh.headers["etag"] != tag
        # errors are not cached, other paths have their own tags
        assert c.get("/api/documents/nope").status_code == 404
        assert c.get("/api/entities").headers["etag"] != fresh.headers["etag"]


def test_store_pool_reuses_a_bounded_number_of_stores(db):
    import threading

    from dossier.api.app import StorePool
    pool = StorePool(db, size=2)
    held = []
    with pool() as a, pool() as b:
        held += [a, b]
        got = []
        t = threading.Thread(target=lambda: got.append(pool().__enter__()))
        t.start()
        t.join(0.3)
        assert t.is_alive() and not got  # a third request waits for one of the two
    t.join(5)
    assert got and got[0] in held and pool.count == 2
    with pool() as again:
        assert again in held  # reused, not reopened
