"""Datelines: where a report was filed, written before its first sentence and closed by a
dash ("OSLO (Agency) - ", "LYON, France, 2 May - ", "AKTOBE, Kazakhstan, Nov 4 (Steppe
Wire) - "). A dateline's place names no party to anything in the sentence it opens.

The one place that finds them, at three stages of the pipeline:

- ``text_datelines(text)``: the character spans of the datelines of a text and of the
  agencies they name (``attribution.DocView.datelines``: the statement and event finders
  leave them out). The strictest form, on the raw text: capitals opening a line.
- ``dateline_place(doc, start, end, ents_at)``: is a name the place of a dateline (the
  place retyper, ``places``, before entities are resolved): the name opens a line, then a
  comma and a known place, then the agency's bracket or a dash soon after. The known place
  stands in for the capitals: the name may be one the model typed a person.
- ``dateline_dash(doc, start, stop)``: the token that closes a dateline in a stretch of a
  line (``events``: what a line names before its verb except in its dateline, and the names
  a headline glued to the lead opens with after one). The loosest: any dash near the start
  of a line, as a parse's line may begin in the middle of a dateline.

They differ in strictness on purpose: each is as strict as what its caller drops on a
false hit (a party of a statement, a place typed, a party of an event) requires.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

DASHES = ("-", "\u2013", "\u2014")
_DASH_CLASS = "[" + "".join(DASHES) + "]"
# "WASHINGTON (Reuters) - ", "MOSCOW, December 3 (TASS) – ", "KYIV, Ukraine (AP) — ",
# "NEW YORK, 2 December - "
DATELINE = re.compile(r"(?m)^[ \t]*[A-Z][A-Z.'/-]+(?: [A-Z][A-Z.'/-]+)*"
                      r"(?:,\s*(?:[A-Z][A-Za-z.]+(?:\s+\d{1,2})?|\d{1,2}\s+[A-Z][a-z]+\.?))?"
                      r"(?:\s*\([^)\n]{1,40}\))?\s*" + _DASH_CLASS + r"+\s")
# the agency in a longer dateline ("AKTOBE, Kazakhstan, Nov 4 (Prairie Wire) -"): no party
DATELINE_AGENCY = re.compile(r"(?m)^[ \t]*[A-Z][A-Z.'/-]+,[^\n()]{1,60}\(([^)\n]{1,40})\)\s*"
                             + _DASH_CLASS + r"+\s")


def text_datelines(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The character spans of the datelines of ``text`` (the dash and the space after it
    included) and of the agencies named in longer ones."""
    lines = [(m.start(), m.end()) for m in DATELINE.finditer(text)]
    agencies = [(m.start(1), m.end(1)) for m in DATELINE_AGENCY.finditer(text)]
    return lines, agencies


def opens_line(doc: Doc, i: int) -> bool:
    """Token ``i`` opens a line (of the text as written; a newline is a token of its own)."""
    return i == 0 or "\n" in doc[i - 1].text


def line_start(doc: Doc, i: int) -> int:
    """The first token of the line of token ``i``."""
    while not opens_line(doc, i):
        i -= 1
    return i


def dateline_dash(doc: Doc, start: int, stop: int, marks: tuple[str, ...] = DASHES,
                  last: bool = False, line_end: bool = False) -> int | None:
    """The token of ``doc[start:stop]`` that closes a dateline: the first (or ``last``) of
    ``marks`` (dashes; a closing bracket or a colon where a headline may close it too), or,
    with ``line_end``, the end of the line; None without one."""
    hits = [i for i in range(start, min(stop, len(doc)))
            if doc[i].text in marks or (line_end and "\n" in doc[i].text)]
    if not hits:
        return None
    return hits[-1] if last else hits[0]


def dateline_place(doc: Doc, start: int, end: int, ents_at: dict[int, Span]) -> bool:
    """``doc[start:end]`` is a dateline's place: it opens a line, then a comma and a known
    place, then the agency's bracket or a dash soon after ("MOPTI, Mali (Wire) -")."""
    if not opens_line(doc, start):
        return False
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    place = ents_at.get(end + 1)
    if place is None or not place.kb_id_ or place.label_ not in ("GPE", "LOC"):
        return False
    return dateline_dash(doc, place.end, place.end + 8, ("(",) + DASHES, line_end=True) is not None
