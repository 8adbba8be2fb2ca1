"""The JSON API over a store: pagination, filters, one error shape, security headers,
escaping, the OpenAPI reference without external assets, and read-only by default."""
from __future__ import annotations

import re

import pytest

from kbfixture import HOSTILE_ID, IMG, QUOTE, SCRIPT


def _error(resp, status, code=None):
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "status"}
    assert body["error"]["status"] == status
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


def _page(resp):
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert set(body) >= {"items", "total", "limit", "offset"}
    assert isinstance(body["items"], list)
    return body


def test_documents_paginate(client):
    everything = _page(client.get("/api/documents", params={"limit": 1000}))
    assert everything["total"] == len(everything["items"]) >= 3
    ids = [d["id"] for d in everything["items"]]
    assert HOSTILE_ID in ids
    first = _page(client.get("/api/documents", params={"limit": 2, "offset": 0}))
    second = _page(client.get("/api/documents", params={"limit": 2, "offset": 2}))
    assert (first["limit"], first["offset"], second["offset"]) == (2, 0, 2)
    assert [d["id"] for d in first["items"] + second["items"]] == ids[:4]
    assert first["total"] == everything["total"]


def test_documents_filter_by_source(client):
    docs = _page(client.get("/api/documents", params={"limit": 1000}))["items"]
    source = next(d["source"] for d in docs if d.get("source"))
    only = _page(client.get("/api/documents", params={"source": source, "limit": 1000}))
    assert only["total"] == sum(d.get("source") == source for d in docs) >= 1
    assert {d["source"] for d in only["items"]} == {source}


def test_document_detail_has_extraction(client):
    body = client.get(f"/api/documents/{HOSTILE_ID}").json()
    assert body["doc"]["id"] == HOSTILE_ID
    assert SCRIPT in body["text"]  # JSON carries the text as data, unchanged
    assert "entities" in body and "events" in body and "statements" in body
    for ent in body["entities"]:
        for m in ent["mentions"]:
            assert body["text"][m["start"]:m["end"]] == m["text"]


def test_unknown_ids_are_404_in_one_shape(client):
    _error(client.get("/api/documents/no-such-doc"), 404, "E202")
    _error(client.get("/api/entities/ent_nope"), 404, "E203")
    _error(client.get("/api/events/evt_nope"), 404, "E205")
    _error(client.get("/api/no/such/route"), 404)


def test_bad_parameters_are_400_or_422(client):
    _error(client.get("/api/timeline", params={"from": "yesterday"}), 400, "E302")
    _error(client.get("/api/timeline", params={"to": "2025-13-01"}), 400, "E302")
    _error(client.get("/api/documents", params={"limit": 0}), 422)
    _error(client.get("/api/entities", params={"offset": -1}), 422)
    _error(client.get("/api/search"), 422)


def test_entities_query_type_and_detail(client):
    allents = _page(client.get("/api/entities", params={"limit": 1000}))
    assert allents["total"] >= 2
    people = _page(client.get("/api/entities", params={"type": "person", "limit": 1000}))
    assert people["items"] and {e["type"] for e in people["items"]} == {"PERSON"}
    umerov = _page(client.get("/api/entities", params={"q": "Umerov"}))
    assert umerov["items"], "Umerov is in every store"
    ent = umerov["items"][0]
    assert "Umerov" in ent["name"]
    detail = client.get(f"/api/entities/{ent['id']}").json()
    assert detail["id"] == ent["id"]
    assert {"events", "statements", "co_actors", "aliases", "documents"} <= set(detail)
    two = _page(client.get("/api/entities", params={"limit": 1, "offset": 1}))
    assert two["items"] == allents["items"][1:2]


def test_timeline_filters(client):
    items = _page(client.get("/api/timeline"))["items"]
    assert items
    for key in ("id", "date", "type", "status", "summary", "participants", "documents",
                "independent_reports"):
        assert key in items[0]
    dated = [t for t in items if t["date"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t["date"])]
    day = dated[0]["date"]
    same = _page(client.get("/api/timeline", params={"from": day, "to": day}))["items"]
    assert same and all(t["date"].startswith(day) for t in same)
    later = _page(client.get("/api/timeline", params={"from": "2099-01-01"}))
    assert later["total"] == 0
    ent = _page(client.get("/api/entities", params={"q": "Umerov"}))["items"][0]
    mine = _page(client.get("/api/timeline", params={"entity": ent["id"]}))["items"]
    assert mine and len(mine) <= len(items)
    event = client.get(f"/api/events/{items[0]['id']}").json()
    assert event["id"] == items[0]["id"] and "report_sentences" in event


def test_claims_and_search(client):
    claims = _page(client.get("/api/claims", params={"limit": 1000}))
    assert claims["total"] == len(claims["items"]) >= 1
    one = client.get(f"/api/claims/{claims['items'][0]['id']}").json()
    assert one["id"] == claims["items"][0]["id"] and one["report_sentences"]
    assert all(r["sentence"] for r in one["report_sentences"])
    _error(client.get("/api/claims/clm_nope"), 404, "E205")
    hits = _page(client.get("/api/search", params={"q": "Geneva"}))
    assert hits["total"] >= 1 and hits["items"][0]["id"]
    none = _page(client.get("/api/search", params={"q": "zzzzqqqq"}))
    assert none["total"] == 0 and none["items"] == []


def test_network(client):
    net = client.get("/api/network").json()
    ids = {n["id"] for n in net["nodes"]}
    assert ids
    assert all(e["source"] in ids and e["target"] in ids for e in net["edges"])


def test_security_headers_everywhere(client):
    for url in ("/api/documents", "/api/documents/nope", "/", "/docs", "/openapi.json",
                "/static/dossier.css", "/no-such-page"):
        resp = client.get(url)
        csp = resp.headers.get("content-security-policy", "")
        assert "default-src 'self'" in csp and "script-src 'self'" in csp, url
        assert "unsafe-inline" not in csp
        assert resp.headers.get("x-content-type-options") == "nosniff", url


def test_openapi_and_docs_have_no_external_assets(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/entities",
                 "/api/entities/{entity_id}", "/api/timeline", "/api/claims", "/api/search"):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/documents"]
    page = client.get("/docs")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "/api/timeline" in page.text
    assert not re.search(r"(src|href)=\"(https?:)?//", page.text.replace(
        'href="https://', 'href="X'))  # no external script/style (links in text are fine)
    assert "cdn" not in page.text.lower()
    assert client.get("/redoc").status_code == 404


def test_pages_escape_hostile_text(client):
    for url in ("/", f"/documents/{HOSTILE_ID}", "/claims", "/documents", "/entities",
                "/network", "/search?q=delegation", f"/search?q={QUOTE}"):
        html = client.get(url).text
        for raw in (SCRIPT, IMG, QUOTE, "<svg onload"):
            assert raw not in html, (url, raw)
    html = client.get(f"/documents/{HOSTILE_ID}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&#34;&gt;&lt;svg onload=alert(1)&gt;" in html  # the title, escaped
    assert 'href="javascript:' not in html


def test_write_is_refused_without_a_configured_token(readonly_client):
    err = _error(readonly_client.post("/api/documents", json={"text": "Some report."}), 403,
                 "E400")
    assert "token" in err["message"]
    err = _error(readonly_client.post("/api/documents", json={"text": "x"},
                                      headers={"Authorization": "Bearer anything"}), 403, "E400")


def test_write_needs_the_right_token(client):
    _error(client.post("/api/documents", json={"text": "Some report."}), 401, "E400")
    _error(client.post("/api/documents", json={"text": "Some report."},
                       headers={"Authorization": "Bearer wrong"}), 401, "E401")
    _error(client.post("/api/documents", json={"text": "Some report."},
                       headers={"Authorization": "Basic czNjcmV0LXRva2Vu"}), 401)


def test_write_validates_the_body(client):
    auth = {"Authorization": "Bearer s3cret-token"}
    _error(client.post("/api/documents", json={"title": "no text"}, headers=auth), 422)
    _error(client.post("/api/documents", content=b"{not json", headers={
        **auth, "Content-Type": "application/json"}), 400)
    _error(client.post("/api/documents", content=b"text", headers={
        **auth, "Content-Type": "text/plain"}), 415)
    _error(client.post("/api/documents", json={"text": "x", "published": "someday"},
                       headers=auth), 400, "E302")


def test_safe_filename():
    from dossier.api.routes import safe_filename

    assert safe_filename("../../etc/passwd") == "passwd.txt"
    assert safe_filename("..\\..\\boot.ini") == "boot.ini.txt"
    assert safe_filename("report 1.html") == "report_1.html"
    assert safe_filename("") == "upload.txt"
    assert "/" not in safe_filename("a/b/c.jsonl")


@pytest.mark.parametrize("value,ok", [("2025", True), ("2025-12", True), ("2025-12-02", True),
                                      ("2025-02-30", False), ("12/02/2025", False), ("", True)])
def test_check_date(value, ok):
    from dossier.query import check_date
    from dossier.errors import DossierError

    if ok:
        check_date(value)
    else:
        with pytest.raises(DossierError):
            check_date(value)


def test_method_not_allowed_and_internal_errors_keep_the_shape(client, tmp_path):
    from contextlib import contextmanager

    from fastapi.testclient import TestClient

    from dossier.api import create_app

    _error(client.delete("/api/entities"), 405)

    @contextmanager
    def broken():
        raise RuntimeError("disk on fire <script>")
        yield  # pragma: no cover

    app = create_app(str(tmp_path / "x.db"), store_factory=broken)
    with TestClient(app, raise_server_exceptions=False) as c:
        resp = c.get("/api/documents")
        err = _error(resp, 500, "HTTP500")
        assert "disk on fire" not in err["message"]  # no internals leak
        assert resp.headers["x-content-type-options"] == "nosniff"
        assert "default-src 'self'" in resp.headers["content-security-policy"]
        page = c.get("/")
        assert page.status_code == 500 and "text/html" in page.headers["content-type"]
        assert "<script>" not in page.text


def test_odd_document_ids_round_trip(client, kb):
    from urllib.parse import quote

    from kbfixture import ODD_ID

    if kb[1]["kind"] != "handmade":
        pytest.skip("the odd id is in the hand-built store")
    html = client.get("/documents").text
    href = "/documents/" + quote(ODD_ID, safe="")
    assert f'href="{href}"' in html
    page = client.get(href)
    assert page.status_code == 200 and "A wire item with an odd id." in page.text
    assert client.get("/api/documents/" + quote(ODD_ID, safe="")).json()["doc"]["id"] == ODD_ID


def test_an_empty_store_renders_every_page(tmp_path):
    from fastapi.testclient import TestClient

    from dossier.api import create_app

    with TestClient(create_app(str(tmp_path / "empty.db"))) as c:
        for url in ("/", "/?from=2025-01-01&to=2025-01-31", "/entities", "/claims",
                    "/claims?contested=true", "/documents", "/network", "/search",
                    "/search?q=anything", "/docs"):
            resp = c.get(url)
            assert resp.status_code == 200, (url, resp.text[:200])
            assert "text/html" in resp.headers["content-type"]
        assert c.get("/api/timeline").json() == {"items": [], "total": 0, "limit": 1000,
                                                 "offset": 0}
        assert c.get("/api/network").json() == {"nodes": [], "edges": []}
        page = c.get("/documents/nothing")
        assert page.status_code == 404 and "E202" in page.text
        assert "default-src 'self'" in page.headers["content-security-policy"]


# ------------------------------------------------------------------ the analyst's filters

def test_timeline_filters_by_type_status_outlet_country(client):
    items = _page(client.get("/api/timeline"))["items"]
    for key, field in (("type", "type"), ("status", "status")):
        value = items[0][field]
        got = _page(client.get("/api/timeline", params={key: value}))["items"]
        assert got and all(t[field] == value for t in got)
        assert len(got) == sum(1 for t in items if t[field] == value)
    full = {t["id"]: t for t in client.get("/api/timeline").json()["items"]}
    outlet = next(r["source"] for t in items for r in client.get(
        f"/api/events/{t['id']}").json()["report_sentences"] if r["source"])
    got = _page(client.get("/api/timeline", params={"outlet": outlet}))["items"]
    assert got
    for t in got:
        sources = {r["source"] for r in client.get(f"/api/events/{t['id']}").json()[
            "report_sentences"]}
        assert outlet in sources
    assert len(got) < len(full) or len({r for t in items for r in t["documents"]}) == 1
    ents = {e["id"]: e for e in client.get("/api/entities", params={"limit": 1000}).json()[
        "items"]}
    country = next(e["country"] for e in ents.values() if e["country"])
    got = _page(client.get("/api/timeline", params={"country": country}))["items"]
    assert all(any(ents.get(p, {}).get("country") == country for p in t["participant_ids"])
               or t["location"] for t in got)
    assert _page(client.get("/api/timeline", params={"type": "NOSUCHTYPE"}))["total"] == 0
    _error(client.get("/api/timeline", params={"status": "maybe"}), 400, "E302")


def test_a_reversed_range_is_refused_with_a_message(client):
    err = _error(client.get("/api/timeline", params={"from": "2025-12-10", "to": "2025-12-01"}),
                 400, "E302")
    assert "after" in err["message"]


def test_contested_and_csv_downloads(client):
    contested = _page(client.get("/api/claims", params={"contested": "true", "limit": 1000}))
    assert contested["items"] and all(c["contradictions"] for c in contested["items"])
    tl = _page(client.get("/api/timeline", params={"contested": "true"}))["items"]
    assert tl  # both stores have an event whose claims another report contradicts
    for kind in ("timeline", "claims", "entities", "documents"):
        resp = client.get(f"/api/{kind}", params={"format": "csv", "limit": 1000})
        assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
        assert "attachment" in resp.headers["content-disposition"]
        rows = list(__import__("csv").DictReader(__import__("io").StringIO(resp.text)))
        assert len(rows) == client.get(f"/api/{kind}", params={"limit": 1000}).json()["total"]
    one = client.get("/api/timeline", params={"format": "csv", "type": tl[0]["type"],
                                              "contested": "true"}).text
    assert tl[0]["id"] in one


def test_network_lists_the_events_behind_each_edge_and_leaves_out_unreal_ones(client):
    net = client.get("/api/network").json()
    assert net["edges"]
    statuses = set()
    for e in net["edges"]:
        assert e["events"] and e["weight"] >= len(e["events"])
        statuses |= {ev["status"] for ev in e["events"]}
    assert not statuses & {"negated", "hypothetical"}
    every = client.get("/api/network", params={"include_unreal": "true"}).json()
    assert sum(e["weight"] for e in every["edges"]) >= sum(e["weight"] for e in net["edges"])
    day = client.get("/api/network", params={"from": "2099-01-01"}).json()
    assert day["nodes"] == [] and day["edges"] == []


def test_search_finds_other_names_of_an_entity(client):
    """Searching one name of an entity finds the reports that use another of its names,
    and says which name each report matched."""
    ents = client.get("/api/entities", params={"limit": 1000}).json()["items"]
    gained = False
    for e in ents:
        names = [n for n in e["aliases"] if len(n) > 3 and re.fullmatch(r"[\w .'-]+", n)]
        if len(names) < 2 or len(names) < len(e["aliases"]):
            continue
        for name in names:
            hits = client.get("/api/search", params={"q": name, "limit": 200}).json()
            assert hits["total"] == len(hits["items"]) >= 1
            assert all(set(h["variants"]) >= set(names) for h in hits["items"])
            # a report found only through another of the entity's names
            if any(h["matched"] and name not in h["matched"] for h in hits["items"]):
                gained = True
    assert gained


def test_search_variants_widen_the_results(kb):
    from dossier.store import open_store
    with open_store(kb[0]) as store:
        ents = [e for e in store.list_entities(limit=None) if len(set(e.aliases)) > 1]
        assert any(store.count_search(a) > store.count_search(a, variants=False)
                   for e in ents for a in e.aliases)
        for e in ents:
            for a in e.aliases:
                assert store.count_search(a) >= store.count_search(a, variants=False)


# ------------------------------------------------------------------ pages: filters, disputes

def _ids(html: str, pattern: str) -> list[str]:
    return re.findall(pattern, html)


def test_pages_keep_filters_and_say_when_a_range_was_reversed(client):
    resp = client.get("/", params={"from": "2025-12-10", "to": "2025-12-01", "lanes": "type"})
    assert resp.status_code == 200
    assert 'id="filter-notice"' in resp.text and "reversed" in resp.text
    assert 'value="2025-12-01"' in resp.text and 'value="2025-12-10"' in resp.text
    items = client.get("/api/timeline").json()["items"]
    kind = items[0]["type"]
    page = client.get("/", params={"type": kind}).text
    types = _ids(page, r'data-type="([A-Z]+)"')
    assert types and set(types) == {kind}
    # every link that changes the view keeps the filter
    for href in _ids(page, r'id="(?:zoom-in|zoom-out|pan-left|pan-right|zoom-all)" href="([^"]+)"'):
        assert f"type={kind}" in href.replace("&amp;", "&")
    assert f"/api/timeline?type={kind}" in page.replace("&amp;", "&")  # downloads
    for url in ("/claims", "/entities", "/documents", "/map", "/network"):
        html = client.get(url, params={"from": "2025-12-01"}).text
        assert 'id="filters"' in html and 'value="2025-12-01"' in html, url


def test_claims_page_is_paged_and_shows_each_dispute_once(client):
    html = client.get("/claims").text
    claims = _ids(html, r'<div class="claim" id="(clm_[^"]+)"')
    assert len(claims) <= 50 and len(claims) == len(set(claims))
    disputes = _ids(html, r'<li class="dispute contested" id="dispute-([^"]+)"')
    assert disputes and len(disputes) == len(set(disputes))
    contested = client.get("/api/claims", params={"contested": "true", "limit": 1000}).json()
    # every contested claim is on the page of disputes exactly once, inside a dispute
    only = client.get("/claims", params={"contested": "true"}).text
    shown = _ids(only, r'<div class="claim" id="(clm_[^"]+)"')
    assert {c["id"] for c in contested["items"]} <= set(shown)
    assert len(shown) == len(set(shown))
    total = client.get("/api/claims", params={"limit": 1000}).json()["total"]
    pages, seen, n = 1, [], 1
    while True:
        page = client.get("/claims", params={"page": n}).text
        seen += _ids(page, r'<div class="claim" id="(clm_[^"]+)"')
        if 'id="next-page"' not in page:
            break
        n += 1
    assert len(seen) == len(set(seen)) >= total


def test_event_and_article_pages_flag_their_disputes(client):
    contested = client.get("/api/timeline", params={"contested": "true"}).json()["items"]
    assert contested
    html = client.get(f"/events/{contested[0]['id']}").text
    assert 'id="disputes"' in html and "versus" in html
    sides = re.findall(r'<blockquote class="sentence side side-\d"><span class="outlet">([^<]+)',
                       html)
    assert len(sides) >= 2
    claim = client.get("/api/claims", params={"contested": "true"}).json()["items"][0]
    doc = client.get(f"/documents/{claim['documents'][0]}").text
    assert 'id="disputes"' in doc and claim["contradictions"][0]["kind"] in doc
    calm = [t for t in client.get("/api/timeline").json()["items"]
            if t["id"] not in {c["id"] for c in contested}]
    if calm:
        assert 'id="disputes"' not in client.get(f"/events/{calm[0]['id']}").text


def test_map_page_has_one_marker_per_place(client):
    html = client.get("/map").text
    places = _ids(html, r'data-place="([^"]+)"')
    assert places and len(places) == len(set(places))
    for pid in places:
        assert f'id="place-{pid}"' in html
    assert "/static/vendor/countries-50m.json" in html
    assert client.get("/static/vendor/countries-50m.json").status_code == 200
    assert client.get("/map", params={"from": "2099-01-01"}).text.count("data-place=") == 0


def test_every_page_download_returns_what_the_page_shows(client):
    """The CSV and JSON links of each page answer, with the page's filters."""
    ent = client.get("/api/entities", params={"q": "Umerov"}).json()["items"][0]["id"]
    for url in ("/", "/claims", "/entities", "/documents", "/map", "/network",
                "/search?q=Geneva", f"/?actor={ent}", f"/claims?actor={ent}"):
        html = client.get(url).text.replace("&amp;", "&")
        for key in ("dl-csv", "dl-json"):
            href = re.search(rf'id="{key}" href="([^"]+)"', html).group(1)
            resp = client.get(href)
            assert resp.status_code == 200, (url, href, resp.text[:200])
            if key == "dl-csv":
                assert resp.headers["content-type"].startswith("text/csv")
    mine = client.get("/api/claims", params={"actor": ent, "limit": 1000}).json()["items"]
    every = client.get("/api/claims", params={"limit": 1000}).json()["items"]
    assert mine and len(mine) <= len(every)
    for e in client.get("/api/network", params={"format": "csv"}).text.splitlines()[1:2]:
        assert e.count(",") >= 5


def test_a_dispute_has_one_anchor_on_every_page(client):
    contested = client.get("/api/timeline", params={"contested": "true"}).json()["items"]
    html = client.get(f"/events/{contested[0]['id']}").text
    anchor = re.search(r'href="/claims\?contested=true#(dispute-[^"]+)"', html).group(1)
    assert f'id="{anchor}"' in client.get("/claims", params={"contested": "true"}).text
    assert f'id="{anchor}"' in client.get("/claims").text
