"""The pages in headless Chromium (one server per store, one browser for the session):
the timeline board (filters, lanes, keyboard, zoom, no overlaps from 400 px to a wall
screen), an event's disputes, the map, the network (no overlapping labels), claims,
entity, article and search pages; hostile article text never executes.

Screenshots go to tests/screenshots/ (ignored by git); ``DOSSIER_UPDATE_SCREENSHOTS=1``
also rewrites the README's pictures of the sample in docs/screenshots/."""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from kbfixture import HOSTILE_ID, IMG, QUOTE, SCRIPT

pytestmark = pytest.mark.browser
DOCS_SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

# pairs of boxes (of the elements matched by a selector) that intersect by more than 1px
OVERLAPS_JS = """sel => {
  const els = Array.from(document.querySelectorAll(sel)).filter(e => {
    const s = getComputedStyle(e); const r = e.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0;
  });
  const boxes = els.map(e => e.getBoundingClientRect());
  const bad = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (w > 1 && h > 1) bad.push([els[i].textContent.trim().slice(0, 40), els[j].textContent.trim().slice(0, 40)]);
  }
  return {n: els.length, bad: bad};
}"""


def _query(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def _clean(page):
    assert page.dialogs == [], f"a script ran: {page.dialogs}"
    assert page.errors == [], page.errors
    assert not [m for m in page.console_errors if "Content Security Policy" in m], \
        page.console_errors


def _readme_shot(page, kind: str, name: str, **kw):
    """The README's picture of the sample: rewritten on request or when missing only."""
    path = DOCS_SHOTS / name
    if kind == "sample" and (os.environ.get("DOSSIER_UPDATE_SCREENSHOTS") or not path.exists()):
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), **kw)


def test_timeline_board_reads_at_a_glance(site, page, shots):
    base, kind = site
    page.goto(base + "/")
    total = page.request.get(base + "/api/timeline").json()["total"]
    cards = page.locator("#board li.card")
    assert cards.count() == total >= 1  # undated and approximate ones included
    first = cards.first
    assert first.locator("a.card-link").text_content().strip()  # the summary leads
    assert first.locator(".count").text_content().strip().isdigit()
    assert first.locator(".st").count() == 1
    page.screenshot(path=str(shots / f"timeline-{kind}.png"), full_page=True)
    _readme_shot(page, kind, "timeline.png")
    # the most reported event leads its cell
    counts = page.locator("#board ol.cell").evaluate_all(
        "cells => cells.map(c => Array.from(c.querySelectorAll('.count')).map(x => +x.textContent))")
    assert all(c == sorted(c, reverse=True) for c in counts)
    # nothing overlaps, from a phone to a wall screen; nothing is cut off at 400 px
    for width in (400, 1280, 2400):
        page.set_viewport_size({"width": width, "height": 900})
        for lanes in ("actor", "type", "place"):
            page.goto(base + f"/?lanes={lanes}")
            res = page.evaluate(OVERLAPS_JS, "#board li.card, #board h2.when, #board .gap")
            assert res["n"] >= total and res["bad"] == [], (width, lanes, res["bad"][:3])
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), width
        if width == 400:
            page.screenshot(path=str(shots / f"timeline-400-{kind}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    _clean(page)


def test_timeline_filters_lanes_keys_and_zoom(site, page):
    base, kind = site
    page.goto(base + "/")
    # lanes switch and the URL keeps them
    page.select_option("#lanes", "type")
    page.click("#lanes-form button[type=submit]")
    page.wait_for_url(re.compile(r"lanes=type"))
    heads = page.locator(".board-head .lane-h").all_text_contents()
    assert heads and len(heads) == len(set(heads))
    # filter by event type: only that type, and the filter survives zooming
    kind_value = page.locator("#f-type option").nth(1).get_attribute("value")
    page.select_option("#f-type", kind_value)
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(rf"type={kind_value}"))
    types = page.locator("#board li.card").evaluate_all("els => els.map(e => e.dataset.type)")
    assert types and set(types) == {kind_value}
    page.click("#zoom-in")
    page.wait_for_url(re.compile(r"from=\d{4}-\d{2}-\d{2}"))
    assert _query(page.url)["type"] == kind_value
    # a reversed range is put right, and said so
    page.goto(base + "/?from=2025-12-10&to=2025-12-01")
    assert "reversed" in page.locator("#filter-notice").text_content()
    assert page.input_value("#from") == "2025-12-01"
    # keyboard: j/k walk the events in time order, Enter opens one
    page.goto(base + "/")
    links = page.locator("#board a.card-link")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.dataset.id") == links.nth(0).get_attribute("data-id")
    if links.count() > 1:
        page.keyboard.press("j")
        assert page.evaluate("document.activeElement.dataset.id") == links.nth(1).get_attribute("data-id")
        page.keyboard.press("k")
    target = page.evaluate("document.activeElement.dataset.id")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/events/{target}")
    # drag across the volume strip to zoom into a range
    page.goto(base + "/")
    box = page.locator("#volume").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.1, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.7, y, steps=4)
    page.mouse.up()
    page.wait_for_url(re.compile(r"from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}"))
    q = _query(page.url)
    assert q["from"] < q["to"]
    # downloads carry the filters
    page.goto(base + f"/?type={kind_value}")
    assert f"type={kind_value}" in page.get_attribute("#dl-csv", "href")
    csv_text = page.request.get(base + page.get_attribute("#dl-csv", "href")).text()
    assert csv_text.startswith("id,date,type") and f",{kind_value}," in csv_text
    _clean(page)


def test_event_page_flags_its_dispute(site, page, shots):
    base, kind = site
    page.goto(base + "/?contested=true")
    cards = page.locator("#board li.card")
    assert cards.count() >= 1
    assert cards.first.locator(".flag-dispute").count() == 1
    item_id = cards.first.get_attribute("data-id")
    cards.first.locator("a.card-link").click()
    page.wait_for_url(f"**/events/{item_id}")
    box = page.locator("#disputes")
    assert box.count() == 1
    pair = box.locator("li.side-pair").first
    assert pair.locator("blockquote.side-1 .outlet").count() >= 1
    assert pair.locator("blockquote.side-2 .outlet").count() >= 1
    assert page.locator("#reports li.report").count() >= 1
    page.screenshot(path=str(shots / f"event-dispute-{kind}.png"), full_page=True)
    _readme_shot(page, kind, "event-dispute.png")
    _clean(page)


def test_map_places_markers_on_an_offline_basemap(site, page, shots):
    base, kind = site
    page.goto(base + "/map")
    page.wait_for_selector("svg#map[data-drawn]")
    assert int(page.get_attribute("svg#map", "data-drawn")) > 100  # Natural Earth countries
    marks = page.locator("svg#map a.place")
    assert marks.count() >= 1
    ids = marks.evaluate_all("els => els.map(e => e.dataset.place)")
    assert len(ids) == len(set(ids))
    inside = marks.evaluate_all("""els => els.every(e => {
        const c = e.querySelector('circle'); const x = +c.getAttribute('cx'), y = +c.getAttribute('cy');
        return x >= 0 && x <= 960 && y >= 0 && y <= 520; })""")
    assert inside
    assert page.evaluate(OVERLAPS_JS, "svg#map text.place-label")["bad"] == []
    page.screenshot(path=str(shots / f"map-{kind}.png"), full_page=True)
    _readme_shot(page, kind, "map.png")
    # a marker is a link a keyboard reaches; it leads to its place's events
    page.focus("svg#map a.place")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#place-"))
    section = page.locator(f"#place-{ids[0]}")
    assert section.locator("a[href^='/events/']").count() >= 1
    section.locator("a[href^='/events/']").first.click()
    page.wait_for_url("**/events/**")
    page.goto(base + "/map?from=2099-01-01")
    assert page.locator("svg#map a.place").count() == 0
    _clean(page)


def test_network_labels_never_overlap(site, page, shots):
    base, kind = site
    page.goto(base + "/network")
    page.wait_for_selector("svg#network[data-layout=force]")
    nodes = page.locator("svg#network a.node")
    assert nodes.count() >= 2
    res = page.evaluate(OVERLAPS_JS, "svg#network text.node-label")
    assert res["n"] >= 1 and res["bad"] == [], res["bad"][:3]
    hidden = page.locator("svg#network text.node-label.hidden").count()
    assert hidden <= nodes.count() // 3  # most actors keep a visible name
    assert page.locator("#net-legend .node-key").count() >= 5
    rows = page.locator("#links tbody tr")
    assert rows.count() >= 1 and rows.first.locator("a[href^='/events/']").count() >= 1
    page.screenshot(path=str(shots / f"network-{kind}.png"), full_page=True)
    page.click("#unreal-toggle")
    page.wait_for_url(re.compile(r"include_unreal=true"))
    page.wait_for_selector("svg#network[data-layout=force]")
    page.locator("svg#network a.node").first.locator("circle").click()
    page.wait_for_url("**/entities/**")
    _clean(page)


def _busiest_person(page, base) -> str:
    """The surname of the person most reports name (whatever the store holds)."""
    ents = page.request.get(base + "/api/entities?type=PERSON&limit=1000").json()["items"]
    best = max(ents, key=lambda e: (e.get("n_documents") or len(e.get("documents") or []),
                                    e["name"]))
    return best["name"].split()[-1]


def test_entity_claims_article_search(site, page, shots):
    base, kind = site
    person = "Umerov" if kind != "stories" else _busiest_person(page, base)
    page.goto(base + "/entities?q=" + person)
    page.locator("#entities a").first.click()
    page.wait_for_url("**/entities/**")
    assert person in page.locator("h1").text_content()
    assert page.locator("#variants li").count() >= 1
    assert page.locator("#events li").count() >= 1
    page.screenshot(path=str(shots / f"entity-{kind}.png"), full_page=True)

    page.goto(base + "/claims")
    page.screenshot(path=str(shots / f"claims-{kind}.png"), full_page=True)
    claims = page.locator("#claims div.claim")
    ids = claims.evaluate_all("els => els.map(e => e.id)")
    assert len(ids) == len(set(ids)) and len(ids) <= 50
    disputes = page.locator("#claims li.dispute")
    assert disputes.count() >= 1
    if kind == "handmade":
        assert disputes.count() == 1 and "Kyiv Ledger" in disputes.first.text_content()
        assert disputes.first.locator("div.claim").count() == 2

    page.goto(base + f"/documents/{HOSTILE_ID}")
    assert page.locator("#article .ent").count() >= 1
    page.locator("#article a.ent").first.click()
    page.wait_for_url("**/entities/**")
    page.goto(base + "/documents")
    page.locator("#documents tbody a").first.click()
    page.wait_for_url("**/documents/**")
    assert page.locator("#article").text_content().strip()
    if kind == "handmade":
        page.goto(base + "/documents/001_geneva")
        assert page.locator("#article .repair").count() == 1
        assert page.locator("#disputes li.side-pair").count() >= 1
        page.uncheck("#toggle-events")
        assert "hide-events" in page.locator("body").get_attribute("class")
        page.locator("#doc-events a").first.click()
        page.wait_for_url("**/events/evt_geneva")

    place = "Geneva" if kind != "stories" else "talks"
    page.goto(base + "/")
    page.fill("header form.search input[name=q]", place)
    page.press("header form.search input[name=q]", "Enter")
    page.wait_for_url(f"**/search?q={place}")
    assert page.locator("#results li a").count() >= 1
    assert page.locator("#results mark").count() >= 1
    # a name of an entity finds the reports that spell it otherwise, marked
    ents = page.request.get(base + "/api/entities?limit=1000").json()["items"]
    for ent in ents:
        for name in ent["aliases"]:
            hits = page.request.get(base + "/api/search", params={"q": name}).json()["items"]
            other = [h for h in hits if h["matched"] and name not in h["matched"]
                     and not any(name.lower() in m.lower() for m in h["matched"])]
            if other and re.fullmatch(r"[\w .'-]+", name):
                page.goto(base + "/search?q=" + name)
                assert page.locator("#variants").count() == 1
                assert page.locator("#results .variant-hit mark").count() >= 1
                page.screenshot(path=str(shots / f"search-variants-{kind}.png"), full_page=True)
                break
        else:
            continue
        break
    page.goto(base + "/docs")
    assert page.locator("#ops section.op").count() >= 7
    _clean(page)


def test_hostile_text_is_shown_not_run(site, page, shots):
    base, kind = site
    urls = ["/", "/?lanes=type", f"/documents/{HOSTILE_ID}", "/documents", "/claims",
            "/entities", "/network", "/map", "/search?q=delegation", "/search?q=" + QUOTE,
            "/entities?q=" + QUOTE, "/claims?actor=Umerov", "/?outlet=" + QUOTE]
    if kind == "handmade":
        urls += ["/events/evt_hostile", "/entities/ent_rubio"]
    for url in urls:
        page.goto(base + url)
        assert page.locator("svg[onload], img[onerror], script:not([src])").count() == 0, url
    page.goto(base + f"/documents/{HOSTILE_ID}")
    text = page.locator("#article").text_content()
    assert SCRIPT in text and IMG in text
    assert QUOTE in page.locator("#doc-title").text_content()
    assert QUOTE in page.title()
    page.screenshot(path=str(shots / f"hostile-{kind}.png"), full_page=True)
    if kind == "handmade":
        page.goto(base + "/events/evt_hostile")
        assert SCRIPT in page.locator("h1").text_content()
        page.goto(base + "/entities/ent_rubio")
        assert IMG in page.locator(".conflicts").text_content()
    _clean(page)
