"""clean_document: normalisation of quotes, dashes, spaces; the content hash."""
import pytest
from hypothesis import given, settings, strategies as st

from dossier.clean import clean_document, clean_text, normalise_text
from dossier.errors import DossierError
from dossier.ids import content_hash
from dossier.records import RawDocument


def test_quotes_dashes_and_spaces():
    raw = "\u201cWe are ready,\u201d he said \u2014 Zelenskyy\u2019s\u00a0team\u200b agreed\u2026"
    assert normalise_text(raw) == '"We are ready," he said - Zelenskyy\'s team agreed...'


def test_unicode_nfc():
    assert normalise_text("Zaporiz\u0301hia caf\u0065\u0301") == "Zaporiźhia café"


def test_spaces_collapse_but_paragraphs_stay():
    raw = "  First   line \t here.\r\nSecond\u2009line.\n\n\n\n  Third paragraph.  \n"
    assert normalise_text(raw) == "First line here.\nSecond line.\n\nThird paragraph."


def test_controls_and_soft_hyphens_go():
    assert normalise_text("nego\u00adtiations\x07 went\u2028on") == "negotiations went\non"


def test_clean_document_fields():
    raw = RawDocument(id="d1", raw_text=" The envoy \u2018arrived\u2019.  ", title="A \u201ctitle\u201d",
                      published="2025-12-01", source="Outlet", url="https://x.example/a",
                      origin="d1.txt", format="founding")
    doc = clean_document(raw)
    assert doc.text == "A \"title\"\nThe envoy 'arrived'."  # the headline is the first line
    assert doc.raw_text == raw.raw_text
    assert doc.title == 'A "title"'
    assert (doc.id, doc.published, doc.source, doc.url, doc.format) == (
        "d1", "2025-12-01", "Outlet", "https://x.example/a", "founding")
    assert doc.content_hash == content_hash(doc.text)
    assert doc.repairs == []


def test_same_text_different_typography_same_hash():
    a = clean_document(RawDocument(id="a", raw_text="He said \u201cno\u201d \u2013 twice."))
    b = clean_document(RawDocument(id="b", raw_text='He  said "no" - twice.\n'))
    assert a.content_hash == b.content_hash


def test_nothing_left_is_e103():
    with pytest.raises(DossierError) as err:
        clean_document(RawDocument(id="z", raw_text="\u200b \u00a0\n", origin="z.txt"))
    assert err.value.code == "E103" and err.value.path == "z.txt"

_ALPHABET = st.sampled_from(list("abcdeHWKz ,.\n\t'\"") + ["\u2019", "\u201c", "\u2014", "\u00a0",
                                                            "\u200b", "reportedhe", "Witkoffwhich",
                                                            "Witkoff", "\r\n"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_cleaning_is_idempotent_and_repairs_point_into_the_text(raw):
    text, repairs = clean_text(raw)
    assert clean_text(text) == (text, [])
    assert "  " not in text and "\r" not in text and "\n\n\n" not in text
    for r in repairs:
        assert text[r.start:r.end] == r.replacement
        assert r.replacement.replace(" ", "") == r.original


def test_headline_not_repeated_when_the_body_starts_with_it():
    doc = clean_document(RawDocument(id="d", raw_text="Talks end\nThe talks ended.", title="Talks end"))
    assert doc.text == "Talks end\nThe talks ended."


def test_bidi_marks_go():
    assert normalise_text("Kyiv\u200e said \u202eno\u202c") == "Kyiv said no"


def test_lone_surrogates_are_replaced():
    doc = clean_document(RawDocument(id="s", raw_text="Kyiv \ud800 said"))
    assert doc.text == "Kyiv \ufffd said" and doc.content_hash
