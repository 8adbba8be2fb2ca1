"""Accessibility: axe-core (vendored in tests/web/vendor, injected into each page) finds no
serious or critical violation on any page; links inside graphics are reachable."""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"


def _pages(base, request) -> list[str]:
    item = request.get(base + "/api/timeline?limit=1").json()["items"][0]["id"]
    ent = request.get(base + "/api/entities?limit=1").json()["items"][0]["id"]
    doc = request.get(base + "/api/documents?limit=1").json()["items"][0]["id"]
    from urllib.parse import quote
    return ["/", "/?lanes=type", "/?from=2025-12-10&to=2025-12-01", f"/events/{item}",
            "/entities", f"/entities/{ent}", "/claims", "/documents",
            f"/documents/{quote(doc, safe='')}", "/network", "/map", "/search?q=talks",
            "/docs", "/no-such-page"]


def test_no_serious_or_critical_axe_violations(site, browser):
    base, kind = site
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = ctx.new_page()
    found = {}
    try:
        for url in _pages(base, page.request):
            page.goto(base + url)
            if url in ("/network", "/map"):
                page.wait_for_selector("svg[data-layout], svg[data-drawn]")
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
            if bad:
                found[url] = bad
    finally:
        ctx.close()
    assert found == {}, found


def test_graphics_links_are_reachable_by_keyboard(site, page):
    base, kind = site
    for url, sel in (("/network", "svg#network a.node"), ("/map", "svg#map a.place"),
                     ("/", "svg#volume a.vbar")):
        page.goto(base + url)
        assert page.locator("svg[role=img]").count() == 0, url
        assert page.locator(sel).count() >= 1, url
        reached = False
        for _ in range(200):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({sel!r})"):
                reached = True
                break
        assert reached, url
        name = page.evaluate("document.activeElement.getAttribute('aria-label')")
        assert name and name.strip(), url
    # the skip link is the first stop and jumps to the content
    page.goto(base + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
