"""The one place datelines are found (dossier.nlp.datelines), at its three strengths."""
import spacy
from spacy.tokens import Span

from dossier.nlp.datelines import (DASHES, dateline_dash, dateline_place, line_start, opens_line,
                                   text_datelines)


def test_text_datelines_and_agencies():
    text = "Talks open\nVELMORA, Ostrania, Nov 4 (Lark Wire) - The envoy met.\nBRENNA - More."
    lines, agencies = text_datelines(text)
    assert [text[a:b] for a, b in lines] == ["BRENNA - "]  # the longer one: its agency only
    assert [text[a:b] for a, b in agencies] == ["Lark Wire"]
    assert text_datelines("The talks - said to be close - went on.") == ([], [])


def test_token_datelines():
    doc = spacy.blank("en")("Headline here\nVELMORA - Ostrania and Brenna met .")
    first = [t.i for t in doc if t.text == "VELMORA"][0]
    assert opens_line(doc, 0) and opens_line(doc, first) and not opens_line(doc, first + 1)
    verb = [t.i for t in doc if t.text == "met"][0]
    assert line_start(doc, verb) == first
    assert dateline_dash(doc, first, verb) == first + 1
    assert dateline_dash(doc, verb, len(doc)) is None
    assert dateline_dash(doc, 0, len(doc), line_end=True) == first - 1  # the newline token
    assert "-" in DASHES


def test_dateline_place():
    doc = spacy.blank("en")("VELMORA , Ostrania ( Lark Wire ) - The envoy met .")
    place = Span(doc, 2, 3, label="GPE", kb_id="Q1")
    ents_at = {2: place}
    assert dateline_place(doc, 0, 1, ents_at)
    assert not dateline_place(doc, 0, 1, {2: Span(doc, 2, 3, label="GPE")})  # an unknown place
    assert not dateline_place(doc, 4, 5, ents_at)  # not opening a line
