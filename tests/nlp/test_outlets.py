"""Outlets the model mistypes, told by their context (dossier.nlp.outlets)."""
from dossier.nlp import extract_one
from dossier.records import Document


def _ents(nlp, text, source=None):
    ex = extract_one(Document(id="x", text=text, raw_text=text, source=source), nlp=nlp)
    return {(e.name, e.type) for e in ex.entities}


def test_the_report_s_own_source_named_in_the_text(nlp):
    assert ("Lakeside Post", "ORG") in _ents(nlp, "Officials told Lakeside Post that the talks stalled.",
                                             source="Lakeside Post")


def test_a_name_after_a_kind_of_outlet(nlp):
    ents = _ents(nlp, "Union spokesman Felix Brandauer tells broadcaster RTV: \"We did not want this.\" "
                      "According to the Belgrade daily Nova Rec, the two leaders did not shake hands.")
    assert {("RTV", "ORG"), ("Nova Rec", "ORG"), ("Felix Brandauer", "PERSON")} <= ents


def test_the_x_reports(nlp):
    ents = _ents(nlp, "The Tagesblatt reports that the board met on Monday. Anna Weber reported it too.")
    assert ("Tagesblatt", "ORG") in ents
    assert ("Anna Weber", "PERSON") in ents
