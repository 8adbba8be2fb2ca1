"""Every input kind: founding/plain text, HTML, RSS, Atom, JSON Lines, directories, stdin."""
import io
import json

import pytest

from dossier.errors import DossierError
from dossier.ingest import normalise_date, outlet_from_url, read_inputs, read_path
from dossier.records import RawDocument

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample"
FOUNDING = ROOT.parent / "shared" / "corpus" / "000_delegation-reports-to-zelensky.txt"


def docs(results):
    return [r for r in results if isinstance(r, RawDocument)]


def errors(results):
    return [r for r in results if isinstance(r, DossierError)]


def test_founding_report():
    [doc] = list(read_path(FOUNDING))
    assert doc.id == "000_delegation-reports-to-zelensky"
    assert doc.format == "founding"
    assert doc.published == "2025-12-02"
    assert doc.title.startswith("Ukrainian delegation reports to Zelensky")
    assert doc.raw_text.startswith("The Ukrainian delegation reported")
    assert "date 2025" not in doc.raw_text


def test_founding_with_source_header_and_unknown_date(tmp_path):
    p = tmp_path / "014_kremlin-meeting.txt"
    p.write_text("  date unknown A meeting\nsource Some Outlet\nurl https://www.x.example/a\n"
                 "Body line one.\nBody line two.\n", encoding="utf-8")
    [doc] = list(read_path(p))
    assert doc.id == "014_kremlin-meeting"
    assert doc.published is None and doc.title == "A meeting"
    assert doc.source == "Some Outlet" and doc.url == "https://www.x.example/a"
    assert doc.raw_text == "Body line one.\nBody line two.\n"


def test_plain_text_title_is_first_short_line(tmp_path):
    p = tmp_path / "plain.txt"
    p.write_text("Envoy flies to Moscow\nThe envoy flew to Moscow on Tuesday.\n", encoding="utf-8")
    [doc] = list(read_path(p))
    assert doc.format == "text" and doc.title == "Envoy flies to Moscow"
    assert doc.published is None and doc.raw_text.startswith("Envoy flies")


def test_html_page():
    [doc] = list(read_path(SAMPLE / "web" / "peskov-putin-trump-call.html"))
    assert doc.id == "peskov-putin-trump-call" and doc.format == "html"
    assert doc.source == "Meridian Post" and doc.published == "2025-12-04"
    assert doc.title == "Kremlin open to Putin-Trump call after envoy talks"
    assert doc.raw_text.startswith("The Kremlin said on Thursday")
    assert "Subscribe" not in doc.raw_text and "Privacy" not in doc.raw_text


def test_html_outlet_falls_back_to_domain(tmp_path):
    p = tmp_path / "page.html"
    p.write_text('<html><head><title>T</title><link rel="canonical" '
                 'href="https://www.example-news.test/a/b"></head><body><article><p>'
                 + "The minister met the envoy in the capital on Monday. " * 5
                 + "</p></article></body></html>", encoding="utf-8")
    [doc] = list(read_path(p))
    assert doc.source == "example-news.test"


def test_rss_feed_items():
    items = list(read_path(SAMPLE / "feeds" / "danube-dispatch.xml"))
    assert len(items) == 2 and all(isinstance(d, RawDocument) for d in items)
    first = items[0]
    assert first.format == "rss" and first.source == "Danube Dispatch"
    assert first.published == "2025-12-04"
    assert first.url.endswith("dmitriev-keep-talking")
    assert first.id.startswith("danube-dispatch-")
    # stable across runs
    assert [d.id for d in read_path(SAMPLE / "feeds" / "danube-dispatch.xml")] == [d.id for d in items]


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Test Atom</title><link href="https://www.atom.example/"/>
  <id>urn:feed</id><updated>2025-12-03T10:00:00Z</updated>
  <entry><title>First</title><id>urn:1</id><link href="https://www.atom.example/1"/>
    <updated>2025-12-03T10:00:00+02:00</updated>
    <content type="html">&lt;p&gt;The envoy met the president.&lt;/p&gt;&lt;p&gt;Second paragraph.&lt;/p&gt;</content></entry>
  <entry><title>Second</title><id>urn:2</id><link href="https://www.atom.example/2"/>
    <updated>2025-12-04T23:30:00-05:00</updated><summary>Short summary text.</summary></entry>
</feed>"""


def test_atom_feed(tmp_path):
    p = tmp_path / "news.atom"
    p.write_text(ATOM, encoding="utf-8")
    items = docs(read_path(p))
    assert [d.title for d in items] == ["First", "Second"]
    assert items[0].format == "atom" and items[0].source == "Test Atom"
    assert items[0].raw_text == "The envoy met the president.\nSecond paragraph."
    assert items[0].published == "2025-12-03"
    assert items[1].url == "https://www.atom.example/2"


def test_jsonl_lines():
    items = list(read_path(SAMPLE / "wire.jsonl"))
    assert [d.id for d in items] == ["hw-20251206-rubio", "hw-20251207-call"]
    assert items[0].published == "2025-12-06" and items[0].source == "Harbor Wire"


def test_jsonl_without_id_or_source(tmp_path):
    p = tmp_path / "w.jsonl"
    line = {"title": "T", "text": "Some text here.", "url": "https://www.wire.example/x",
            "published": "Thu, 04 Dec 2025 07:15:00 GMT"}
    p.write_text(json.dumps(line) + "\n", encoding="utf-8")
    [a] = list(read_path(p))
    [b] = list(read_path(p))
    assert a.id == b.id and a.id.startswith("w-")
    assert a.source == "wire.example" and a.published == "2025-12-04"


def test_directory_recursion_sorted_skips_hidden_and_docs():
    items = list(read_path(SAMPLE))
    ids = [d.id for d in items]
    assert not errors(items)
    assert ids[0] == "001_geneva-talks-open"
    assert "peskov-putin-trump-call" in ids and "hw-20251206-rubio" in ids
    assert "README" not in ids
    assert len(ids) == 20


def test_directory_skips_hidden(tmp_path):
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "a.txt").write_text("hidden text", encoding="utf-8")
    (tmp_path / ".b.txt").write_text("hidden text", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("visible b", encoding="utf-8")
    (tmp_path / "a.txt").write_text("visible a", encoding="utf-8")
    assert [d.id for d in read_path(tmp_path)] == ["a", "b"]


def test_stdin():
    stream = io.BytesIO(b"date 2025-12-01 From stdin\nThe body.\n")
    [doc] = list(read_inputs(["-"], stdin=stream))
    assert doc.origin == "-" and doc.title == "From stdin" and doc.id.startswith("stdin-")


def test_txt_that_is_html_is_sniffed(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text("<!DOCTYPE html><html><head><title>Sniffed</title></head><body><article><p>"
                 + "The delegation met in Geneva on Sunday to discuss the plan. " * 4
                 + "</p></article></body></html>", encoding="utf-8")
    [doc] = list(read_path(p))
    assert doc.format == "html" and doc.title == "Sniffed"
    assert "<p>" not in doc.raw_text


def test_file_without_extension_is_sniffed(tmp_path):
    feed = tmp_path / "feed"
    feed.write_bytes((SAMPLE / "feeds" / "danube-dispatch.xml").read_bytes())
    wire = tmp_path / "wire"
    wire.write_bytes((SAMPLE / "wire.jsonl").read_bytes())
    text = tmp_path / "notes"
    text.write_text("Just a note.\nWith two lines.", encoding="utf-8")
    assert [d.format for d in read_path(feed)] == ["rss", "rss"]
    assert [d.format for d in read_path(wire)] == ["jsonl", "jsonl"]
    assert [d.format for d in read_path(text)] == ["text"]


def test_utf16_with_bom_and_utf8_bom(tmp_path):
    a = tmp_path / "a.txt"
    a.write_bytes("date 2025-12-01 Zelenskyy’s call\nKyiv said so.\n".encode("utf-16"))
    b = tmp_path / "b.txt"
    b.write_bytes(b"\xef\xbb\xbfdate 2025-12-01 Title\nBody.\n")
    da, db = docs(read_inputs([a, b]))
    assert da.title == "Zelenskyy’s call" and da.raw_text == "Kyiv said so.\n"
    assert db.published == "2025-12-01" and db.title == "Title"


def test_json_read_when_named_skipped_in_directories(tmp_path):
    p = tmp_path / "items.json"
    p.write_text(json.dumps([{"id": "x1", "text": "One."}, {"id": "x2", "text": "Two."}]),
                 encoding="utf-8")
    assert [d.id for d in read_path(p)] == ["x1", "x2"]
    (tmp_path / "a.txt").write_text("A text.", encoding="utf-8")
    assert [d.id for d in read_path(tmp_path)] == ["a"]


def test_feed_dates_are_the_day_as_written(tmp_path):
    p = tmp_path / "news.atom"
    p.write_text(ATOM, encoding="utf-8")
    # 2025-12-04T23:30:00-05:00 is the 5th in UTC, but the 4th where it was written
    assert [d.published for d in read_path(p)] == ["2025-12-03", "2025-12-04"]


@pytest.mark.parametrize("value,day", [
    ("2025-12-04T09:30:00+00:00", "2025-12-04"), ("2025-12-04", "2025-12-04"),
    ("Thu, 04 Dec 2025 07:15:00 GMT", "2025-12-04"), ("December 4, 2025", "2025-12-04"),
    ("4 Dec 2025", "2025-12-04"), ("2025-13-40", None), ("soon", None), ("", None), (None, None),
])
def test_normalise_date(value, day):
    assert normalise_date(value) == day


def test_outlet_from_url():
    assert outlet_from_url("https://www.Kyivindependent.com/news/x") == "kyivindependent.com"
    assert outlet_from_url("not a url") is None and outlet_from_url(None) is None


def test_url_when_allowed_is_parsed_by_format(monkeypatch):
    from dossier.ingest import url as url_mod
    page = (SAMPLE / "web" / "peskov-putin-trump-call.html").read_text(encoding="utf-8")

    def fake_fetch(url, max_bytes):
        return RawDocument(id="url_abc", raw_text=page, url=url, source="meridianpost.example",
                           origin=url, format="html")

    monkeypatch.setattr(url_mod, "fetch_url", fake_fetch)
    [doc] = list(read_inputs(["https://meridianpost.example/a"], allow_urls=True))
    assert doc.id == "url_abc" and doc.format == "html"
    assert doc.source == "Meridian Post" and doc.raw_text.startswith("The Kremlin said")


def test_html_extension_holding_plain_text(tmp_path):
    p = tmp_path / "note.html"
    p.write_text("date 2025-12-01 A note\nThe envoy arrived.\n", encoding="utf-8")
    [doc] = list(read_path(p))
    assert doc.format == "founding" and doc.raw_text == "The envoy arrived.\n"


def test_html_to_text_of_feed_fragments():
    from dossier.ingest.html import html_to_text
    frag = "<p>The <b>envoy</b> met<br>the president.</p><!-- c -->After.<ul><li>One</li></ul>"
    assert html_to_text(frag) == "The envoy met\nthe president.\nAfter.\nOne"
    assert html_to_text("<div>" * 20_000 + "deep" + "</div>" * 20_000) == "deep"
    assert html_to_text("no markup") == "no markup"
