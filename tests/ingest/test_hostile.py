"""Hostile inputs, round two (issue #16): each case found by the hostile tester, each with
its regression test. No timed assertions: a quadratic guard would make these tests hang,
not fail on a clock."""
from __future__ import annotations

import json
import os
import socket

import pytest

from dossier.errors import DossierError
from dossier.ingest import read_inputs, read_path
from dossier.ingest.feeds import check_declarations
from dossier.ingest.html import MAX_TAG_CHARS, drop_oversized_attributes
from dossier.records import RawDocument

GOOD = "date 2025-12-01 Good report\nThe envoy met the president in Kyiv on Monday.\n"
SENTENCE = "The envoy met the president in Kyiv on Monday."


def docs(items):
    return [r for r in items if isinstance(r, RawDocument)]


def errs(items):
    return [r for r in items if isinstance(r, DossierError)]


# ------------------------------------------------------------------ HTML: quoted '>' in attributes

def test_tag_with_quoted_gt_in_many_attributes_is_shrunk(tmp_path):
    """200,000 attributes whose values hold '>' (the old guard, '[^>]{4096,}', saw only
    short runs between them, and lxml went quadratic)."""
    attrs = " ".join(f'a{i}=">"' for i in range(200_000))
    p = tmp_path / "gt.html"
    p.write_text(f"<html><head><title>T</title></head><body><p {attrs}>{SENTENCE}</p>"
                 "</body></html>", encoding="utf-8")
    [doc] = list(read_path(p))
    assert doc.raw_text == SENTENCE


def test_guard_keeps_ordinary_tags_and_handles_unclosed_quotes():
    page = '<p class="a>b" id=x>text</p>'
    assert drop_oversized_attributes(page * 200) == page * 200
    long_value = "x" * (MAX_TAG_CHARS + 10)
    assert drop_oversized_attributes(f'<div data-a="{long_value}">t</div>') == "<div>t</div>"
    # unclosed quotes and stray brackets: no backtracking blow-up, text unchanged
    hostile = "<a x='" * 100_000 + '<b "' * 100_000
    assert len(drop_oversized_attributes(hostile)) <= len(hostile)


# ------------------------------------------------------------------ feeds: DTD hidden by CDATA in a comment

FEED_TAIL = ('<rss version="2.0"><channel><title>Q</title><item><title>q</title>'
             "<description>&a;&a;</description></item></channel></rss>")


@pytest.mark.parametrize("prefix", [
    # the CDATA opener sits inside a comment: for XML it is comment text, and the
    # DOCTYPE between the two comments is live
    '<!-- <![CDATA[ --><!DOCTYPE r [<!ENTITY a "AAAA">]><!-- ]]> -->',
    '<!-- x --><!DOCTYPE r [<!ENTITY a "AAAA">]>',
    '<![CDATA[ <!-- ]]><!DOCTYPE r [<!ENTITY a "AAAA">]><!-- -->',
])
def test_dtd_hidden_by_comment_and_cdata_is_refused(tmp_path, prefix):
    p = tmp_path / "hidden.xml"
    p.write_text('<?xml version="1.0"?>' + prefix + FEED_TAIL, encoding="utf-8")
    [err] = list(read_path(p))
    assert err.code == "E105" and "DTD" in err.detail


def test_entity_inside_a_real_comment_or_cdata_is_not_a_declaration():
    text = ('<?xml version="1.0"?><rss><channel><!-- <!ENTITY x "y"> --><item>'
            "<description><![CDATA[<!ENTITY z>]]></description></item></channel></rss>")
    assert check_declarations(text) == text


# ------------------------------------------------------------------ special files and symbolic links

def test_fifo_in_a_directory_is_refused_by_name_and_the_rest_read(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")  # opening it would wait for a writer for ever
    (tmp_path / "c.txt").write_text(GOOD.replace("Good", "Other"), encoding="utf-8")
    results = list(read_path(tmp_path))
    assert [getattr(r, "id", None) or r.code for r in results] == ["a", "E113", "c"]
    assert "FIFO" in str(results[1]) and str(tmp_path / "b.txt") in str(results[1])


def test_fifo_named_on_the_command_line_is_refused(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    [err] = list(read_path(tmp_path / "pipe"))
    assert err.code == "E113"


def test_device_and_socket_are_refused(tmp_path):
    [err] = list(read_path("/dev/zero"))
    assert err.code == "E113" and "character device" in err.detail
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "s.txt"))
        (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
        codes = [getattr(r, "id", None) or r.code for r in read_path(tmp_path)]
        assert codes == ["a", "E113"]
    finally:
        sock.close()


def test_symlink_leaving_the_input_directory_is_refused(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(GOOD, encoding="utf-8")
    (root / "passwd.txt").symlink_to("/etc/passwd")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.txt").write_text(GOOD.replace("Good", "Outside"), encoding="utf-8")
    (root / "dir").symlink_to(outside)
    results = list(read_path(root))
    assert [getattr(r, "id", None) or r.code for r in results] == ["a", "E114", "E114"]
    assert any("/etc/passwd" in str(r) for r in results)
    # explicitly allowed: both are read
    followed = list(read_path(root, follow_symlinks=True))
    assert {getattr(r, "id", None) for r in followed} >= {"a", "passwd", "o"}


def test_symlink_inside_the_input_directory_is_read(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert [r.id for r in read_path(tmp_path)] == ["a", "b"]


def test_symlink_loop_is_not_followed_for_ever(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    assert [r.id for r in read_path(tmp_path, follow_symlinks=True)] == ["a"]


# ------------------------------------------------------------------ names: undecodable bytes, newlines

def test_file_name_with_an_undecodable_byte_is_read_and_shown_escaped(tmp_path):
    name = os.fsdecode(b"caf\xff.txt")
    (tmp_path / name).write_text(GOOD, encoding="utf-8")
    [doc] = list(read_path(tmp_path))
    assert doc.id == "caf\\xff" and doc.origin.endswith("caf\\xff.txt")
    doc.id.encode("utf-8"), doc.origin.encode("utf-8")  # storable


def test_newline_in_a_file_name_cannot_forge_an_error_line(tmp_path):
    name = "x.txt\n[E100] forged.txt: path does not exist"
    (tmp_path / name).write_bytes(b"")
    [err] = list(read_path(tmp_path / name))
    line = str(err)
    assert "\n" not in line and line.startswith("[E103]") and "\\n[E100]" in line


# ------------------------------------------------------------------ JSON Lines: no silent changes

@pytest.mark.parametrize("field,value,words", [
    ("published", 20251201, "a number (20251201)"),
    ("published", "9999-99-99", "not a possible date"),
    ("published", {"$gt": ""}, "an object"),
    ("date", "2025-02-30", "not a possible date"),
    ("title", 42, "a number (42)"),
    ("title", ["a"], "a list"),
    ("url", True, "a boolean (true)"),
    ("source", 3.5, "a number (3.5)"),
    ("id", [1], "a list"),
    ("id", False, "a boolean"),
    ("text", {"x": 1}, "an object"),
])
def test_wrong_type_or_impossible_date_is_refused_per_item(tmp_path, field, value, words):
    p = tmp_path / "w.jsonl"
    bad = {"id": "bad", "text": "The envoy met the president.", field: value}
    good = {"id": "ok", "text": "The envoy met the president.", "published": "2025-12-01"}
    p.write_text(json.dumps(bad) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    results = list(read_path(p))
    [err] = errs(results)
    assert err.code == "E115" and f'"{field}"' in err.detail and words in err.detail
    assert err.path == f"{p}:1"
    [doc] = docs(results)
    assert doc.id == "ok" and doc.published == "2025-12-01"


def test_valid_fields_are_kept_as_given(tmp_path):
    p = tmp_path / "v.jsonl"
    p.write_text(json.dumps({"id": 7, "text": "T.", "title": "A", "url": "https://x.org/a",
                             "published": "2025-12-01T10:00:00Z", "source": None}) + "\n",
                 encoding="utf-8")
    [doc] = list(read_path(p))
    assert (doc.id, doc.title, doc.published, doc.source) == ("7", "A", "2025-12-01", "x.org")


# ------------------------------------------------------------------ the CLI: report, streamed errors

def _cli(args, env=None):
    from click.testing import CliRunner

    from dossier.cli import cli
    return CliRunner().invoke(cli, args, env=env)


def test_fifo_does_not_block_ingest_and_the_good_file_is_stored(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(d / "b.txt")
    db = str(tmp_path / "s.db")
    r = _cli(["ingest", str(d), "--db", db, "--no-extract", "-q"])
    assert r.exit_code == 1 and "[E113]" in r.stderr and "b.txt" in r.stderr
    from dossier.store import open_store
    with open_store(db, create=False) as store:
        assert [x["id"] for x in store.list_documents()] == ["a"]


def test_report_has_one_line_per_input_item(tmp_path):
    p = tmp_path / "w.jsonl"
    lines = [{"id": "a", "text": "The envoy met the minister in Geneva on Monday."},
             {"id": "b", "text": "x", "published": 20251201},
             {"id": "c", "text": "The envoy met the minister in Geneva on Monday."},
             "not json"]
    p.write_text("\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines) + "\n",
                 encoding="utf-8")
    report = tmp_path / "report.jsonl"
    r = _cli(["ingest", str(p), "--db", str(tmp_path / "s.db"), "--no-extract", "-q",
              "--report", str(report)])
    assert r.exit_code == 1
    rows = [json.loads(x) for x in report.read_text().splitlines()]
    assert [(x["input"], x["id"], x["status"], x["code"]) for x in rows] == [
        (f"{p}:1", "a", "stored", None),
        (f"{p}:2", None, "failed", "E115"),
        (f"{p}:3", "c", "duplicate", None),
        (f"{p}:4", None, "failed", "E106"),
    ]
    assert "20251201" in rows[1]["message"] and "stored as a" in rows[2]["message"]


def test_errors_are_counted_but_only_the_first_are_kept(tmp_path):
    from dossier import pipeline
    from dossier.store import open_store
    p = tmp_path / "bad.jsonl"
    n = pipeline.ERRORS_KEPT * 3
    p.write_text("{bad\n" * n, encoding="utf-8")
    seen = []
    with open_store(str(tmp_path / "s.db")) as store:
        s = pipeline.ingest([str(p)], store, extract=False, progress=False, on_error=seen.append)
    assert s.failed == n == len(seen) and len(s.errors) == pipeline.ERRORS_KEPT
    assert s.error_codes == {"E106": n} and s.to_json()["errors_not_kept"] == n - len(s.errors)
