"""Lists paged in SQL: every page and total agree with the whole list read at once
(timeline with date and entity filters, entities, claims, search), and the timeline page
draws at most its cap with a notice."""
from __future__ import annotations

import re

import pytest

from dossier import analyze
from dossier.store import open_store


@pytest.fixture(scope="module")
def full(kb):
    with open_store(kb[0]) as store:
        items = analyze.timeline(store)
        ents = analyze.entities(store)
        claims = analyze.claims(store)
    return {"timeline": items, "entities": ents, "claims": claims}


def _walk(client, path, params, limit):
    """Every page of a list, with the totals each page reported."""
    out, totals, offset = [], set(), 0
    while True:
        body = client.get(path, params={**params, "limit": limit, "offset": offset}).json()
        assert set(body) >= {"items", "total", "limit", "offset"}, body
        totals.add(body["total"])
        out += body["items"]
        if len(body["items"]) < limit:
            return out, totals
        offset += limit


def test_timeline_pages_and_totals(client, full):
    items = full["timeline"]
    assert items
    got, totals = _walk(client, "/api/timeline", {}, 2)
    assert [t["id"] for t in got] == [t["id"] for t in items]
    assert totals == {len(items)}
    dated = [t["date"] for t in items if t["date"] and re.fullmatch(r"\d{4}-\d{2}", t["date"][:7])]
    lo, hi = dated[0][:7], dated[-1][:4]
    got, totals = _walk(client, "/api/timeline", {"from": lo, "to": hi}, 1)
    whole = client.get("/api/timeline", params={"from": lo, "to": hi, "limit": 10000}).json()
    assert [t["id"] for t in got] == [t["id"] for t in whole["items"]]
    assert totals == {len(whole["items"])}
    ent = next(p for t in items for p in t["participant_ids"] if p)
    got, totals = _walk(client, "/api/timeline", {"entity": ent}, 1)
    assert got and totals == {len(got)}
    got, totals = _walk(client, "/api/timeline", {"entity": ent, "from": lo}, 1)
    assert totals == {len(got)}
    beyond = client.get("/api/timeline", params={"offset": len(items) + 5}).json()
    assert beyond["items"] == [] and beyond["total"] == len(items)


def test_timeline_total_with_dates_matches_python_filter(kb, full):
    from dossier import query as Q

    items = full["timeline"]
    dated = sorted({t["date"][:7] for t in items
                    if t["date"] and re.fullmatch(r"\d{4}-\d{2}", t["date"][:7])})
    with open_store(kb[0]) as store:
        for lo in dated[:3]:
            whole = analyze.timeline(store, lo, None)
            assert Q.count_timeline(store, lo, None) == len(whole)
            assert Q.count_timeline(store, None, lo) == len(analyze.timeline(store, None, lo))
            first = Q.timeline_page(store, lo, None, None, limit=1)
            assert first["total"] == len(whole)


def test_entities_pages(client, full):
    ents = full["entities"]
    got, totals = _walk(client, "/api/entities", {}, 2)
    assert [e["id"] for e in got] == [e["id"] for e in ents]
    assert totals == {len(ents)}
    by_id = {e["id"]: e for e in ents}
    for e in got:
        assert {"id", "name", "type", "aliases", "documents", "n_documents"} <= set(e)
        assert e["n_documents"] == len(set(by_id[e["id"]]["documents"]))
    one = client.get("/api/entities", params={"type": "person", "limit": 1}).json()
    people = [e for e in ents if e["type"] == "PERSON"]
    assert one["total"] == len(people) and one["has_more"] == (len(people) > 1)


def test_claims_pages(client, full):
    claims = full["claims"]
    got, totals = _walk(client, "/api/claims", {}, 1)
    assert [c["id"] for c in got] == [c["id"] for c in claims]
    assert totals == {len(claims)}


def test_search_total_is_counted(client, kb):
    from dossier import query as Q

    with open_store(kb[0]) as store:
        everything = analyze.search(store, "the", limit=10000)
        assert store.count_search("the") == len(everything)
        assert store.count_search("zzzzqqqq") == 0 and store.count_search("  ") == 0
    first = client.get("/api/search", params={"q": "the", "limit": 1}).json()
    assert first["total"] == len(everything)
    assert first["has_more"] == (len(everything) > 1)
    last = client.get("/api/search", params={"q": "the", "limit": 1,
                                              "offset": len(everything) - 1}).json()
    assert last["total"] == len(everything) and last["has_more"] is False


def test_timeline_page_is_capped(client, full, monkeypatch):
    from dossier.web import pages

    if len(full["timeline"]) < 2:
        pytest.skip("needs two timeline items")
    fresh = {"Cache-Control": "no-cache"}  # the page, not the cached answer (same store)
    monkeypatch.setattr(pages, "TIMELINE_CAP", 1)
    html = client.get("/", headers=fresh).text
    assert 'id="capped"' in html and "first 1 events" in html
    monkeypatch.setattr(pages, "TIMELINE_CAP", 100000)
    assert 'id="capped"' not in client.get("/", headers=fresh).text
