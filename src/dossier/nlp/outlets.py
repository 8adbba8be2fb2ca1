"""News outlets the model took for people or places, or missed, told by their context.

* the outlet the document names as its source (``doc._.source``), where the text names it
  ("told Lakeside Post that ...");
* a name right after a word for a kind of outlet ("broadcaster RTV", "the Belgrade daily
  Nova Rec", "news agency X": ``outlet_nouns`` in ``data/gazetteer/filters.json``);
* "the X reports": a name with an article before it, reporting, is no person; nor is a
  one-word name that reports a clause ("…, X reported.", "X reported that …"), wherever
  else the text names it.

Known outlets come from the gazetteer; these rules only type what it does not know.
"""
from __future__ import annotations

import functools

from spacy.tokens import Doc, Span

from ..data import load_json
from .gazetteer import given_names

_RETYPE = {"PERSON", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "PRODUCT", ""}
_REPORT_VERBS = {"report", "reports", "reported", "reporting", "writes", "wrote"}


@functools.lru_cache(maxsize=1)
def outlet_nouns() -> frozenset[str]:
    return frozenset(load_json("gazetteer/filters.json").get("outlet_nouns", []))


def _name_run(doc: Doc, k: int) -> int:
    """End of a run of capitalised words (or one acronym) from ``k`` (``k`` when none)."""
    j = k
    while j < len(doc) and j - k < 5 and (doc[j].text[:1].isupper() and (doc[j].is_alpha or doc[j].like_num)
                                           or (j > k and doc[j].lower_ in ("du", "de", "la", "le", "des"))):
        j += 1
    while j > k and not doc[j - 1].text[:1].isupper():
        j -= 1
    return j


def _replace(ents: list[Span], span: Span) -> list[Span]:
    over = [e for e in ents if e.start < span.end and span.start < e.end]
    if any(e.kb_id_ or e.label_ not in _RETYPE | {"ORG"} for e in over) \
            or any(e.start < span.start or e.end > span.end for e in over):
        return ents
    return [e for e in ents if e not in over] + [span]


def outlet_spans(doc: Doc, ents: list[Span]) -> list[Span]:
    """``ents`` with the outlets the context shows typed ORG (see the module doc)."""
    found: list[Span] = []
    source = doc._.source
    words = source.split() if source else []
    if words:
        for i in range(len(doc) - len(words) + 1):
            if [t.text for t in doc[i:i + len(words)]] == words:
                found.append(Span(doc, i, i + len(words), label="ORG"))
    nouns = outlet_nouns()
    for t in doc:
        if t.lower_ not in nouns or t.i + 1 >= len(doc) or not doc[t.i + 1].text[:1].isupper():
            continue
        end = _name_run(doc, t.i + 1)
        if end > t.i + 1 and doc[t.i + 1].text not in given_names():
            found.append(Span(doc, t.i + 1, end, label="ORG"))
    for e in ents:  # "The Morgenpost reports that ..."
        if e.label_ in _RETYPE and not e.kb_id_ and len(e) == 1 and e.start > 0 \
                and doc[e.start - 1].lower_ == "the" and e.end < len(doc) \
                and doc[e.end].lower_ in _REPORT_VERBS and e[0].text not in given_names():
            found.append(Span(doc, e.start, e.end, label="ORG"))
    # a surname of a person the text names in full reports as that person
    surnames = {t.text for x in ents if x.label_ == "PERSON" and len(x) > 1 for t in x}
    for e in ents:  # "…, Morgenpost reported." / "Morgenpost reported that …": a one-word name
        if e.label_ in _RETYPE and not e.kb_id_ and len(e) == 1 and e.end < len(doc) \
                and e.text not in surnames \
                and doc[e.end].lower_ in _REPORT_VERBS and e[0].text not in given_names() \
                and e[0].text[:1].isupper() and _reports_a_clause(doc, e):
            found.append(Span(doc, e.start, e.end, label="ORG"))
    names = {s.text for s in found if len(s) == 1}
    for e in ents:  # the same one-word outlet elsewhere in the text ("told Morgenpost")
        if e.label_ in _RETYPE and not e.kb_id_ and len(e) == 1 and e.text in names:
            found.append(Span(doc, e.start, e.end, label="ORG"))
    for span in found:
        ents = _replace(ents, span)
    return ents


def _reports_a_clause(doc: Doc, e: Span) -> bool:
    """The name reports a clause: after it ("…, X reported.") or before it ("X reported
    that …")."""
    verb = doc[e.end]
    before = e.start > 0 and doc[e.start - 1].text == ","
    after_end = e.end + 1 >= len(doc) or doc[e.end + 1].text in {".", ";"}
    return (before and after_end) or (e.end + 1 < len(doc) and doc[e.end + 1].lower_ == "that"
                                      and verb.lower_ != "writes")
