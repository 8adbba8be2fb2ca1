"""Plain-text reports, including the founding format.

The founding format: a first line ``date YYYY-MM-DD <title>`` (leading spaces allowed,
``date unknown <title>`` when the date is not known), optionally followed by header
lines ``source <outlet>`` and ``url <address>``, then the body. Any other text is plain:
its first line is taken as the title when it is short and more lines follow.
"""
from __future__ import annotations

import re

from ..records import RawDocument
from .meta import normalise_date, outlet_from_url

__all__ = ["parse_text", "MAX_TITLE_CHARS"]

MAX_TITLE_CHARS = 150
_DATE_LINE = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2}|unknown)(?:[ \t]+(.*?))?[ \t]*$",
                        re.IGNORECASE)
_HEADER = re.compile(r"^[ \t]*(source|url)[ \t]+(\S.*?)[ \t]*$")


def _split_line(text: str, pos: int) -> tuple[str, int]:
    """The line starting at ``pos`` (without its end) and the offset after its newline."""
    end = text.find("\n", pos)
    if end < 0:
        return text[pos:], len(text)
    return text[pos:end], end + 1


def parse_text(text: str, *, doc_id: str, origin: str | None = None) -> RawDocument:
    """One ``RawDocument`` from the text of a plain or founding-format file.

    ``raw_text`` is the body: for the founding format everything after the header lines,
    for plain text the whole text.
    """
    first, pos = _split_line(text, 0)
    m = _DATE_LINE.match(first.rstrip("\r"))
    if m is None:
        title = None
        stripped = text.lstrip()
        line, rest = _split_line(stripped, 0)
        line = line.strip()
        if line and len(line) <= MAX_TITLE_CHARS and stripped[rest:].strip():
            title = line
        return RawDocument(id=doc_id, raw_text=text, title=title, origin=origin, format="text")
    published = None if m.group(1).lower() == "unknown" else normalise_date(m.group(1))
    title = (m.group(2) or "").strip() or None
    source = url = None
    while pos < len(text):
        line, nxt = _split_line(text, pos)
        h = _HEADER.match(line.rstrip("\r"))
        if h is None:
            break
        if h.group(1) == "source":
            source = h.group(2)
        else:
            url = h.group(2)
        pos = nxt
    if source is None and url:
        source = outlet_from_url(url)
    return RawDocument(id=doc_id, raw_text=text[pos:], title=title, published=published,
                       source=source, url=url, origin=origin, format="founding",
                       meta={"header_chars": pos})
