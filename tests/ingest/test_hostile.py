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
