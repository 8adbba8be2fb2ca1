"""RSS and Atom feeds: one ``RawDocument`` per item, parsed with feedparser.

Feeds are XML, so a feed that declares entities or an internal DTD subset is refused
before parsing (``E105``): that is how entity-expansion ("billion laughs") and external
entity attacks get in. Each item keeps its link, date and title; the outlet is the
item's ``<source>``, else the feed's title, else the domain of the feed's link.
"""
from __future__ import annotations

import io
import re
from typing import Iterator

import feedparser
from xml.sax import SAXException

from ..errors import DossierError, E
from ..records import RawDocument
from .html import html_to_text
from .meta import item_id, normalise_date, outlet_from_url

__all__ = ["parse_feed", "check_declarations"]

_SIMPLE_DOCTYPE = re.compile(r"<!DOCTYPE[^\[>]*>", re.I)
_DECL = re.compile(r"<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)", re.I)
_XML_ENCODING = re.compile(r"^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*([\"'])[^\"']*\2", re.S)


def _visible_markup(text: str) -> str:
    """``text`` without its comments and CDATA sections, read left to right as an XML
    parser does: a ``<![CDATA[`` inside a comment is comment, a ``<!--`` inside CDATA is
    text. An unclosed comment or section hides nothing (the rest stays visible). Linear."""
    out: list[str] = []
    i, n = 0, len(text)
    next_comment = text.find("<!--")
    next_cdata = text.find("<![CDATA[")
    while i < n:
        if 0 <= next_comment < i:
            next_comment = text.find("<!--", i)
        if 0 <= next_cdata < i:
            next_cdata = text.find("<![CDATA[", i)
        starts = [p for p in (next_comment, next_cdata) if p >= 0]
        if not starts:
            break
        start = min(starts)
        opener, closer = ("<!--", "-->") if start == next_comment else ("<![CDATA[", "]]>")
        end = text.find(closer, start + len(opener))
        if end < 0:
            break
        out.append(text[i:start])
        i = end + len(closer)
    out.append(text[i:])
    return "".join(out)


def check_declarations(text: str, origin: str | None = None) -> str:
    """The feed text with a plain ``<!DOCTYPE ...>`` removed; ``E105`` if it declares more.

    A DOCTYPE with an internal subset, or any ``<!ENTITY``/``<!ELEMENT``/... outside
    CDATA sections and comments, is refused.
    """
    visible = _SIMPLE_DOCTYPE.sub("", _visible_markup(text), count=1)
    if _DECL.search(visible):
        raise DossierError(E.E105, path=origin,
                           detail="the feed declares a DTD or entities, which are refused "
                                  "(entity expansion); remove the <!DOCTYPE>/<!ENTITY> lines")
    return _SIMPLE_DOCTYPE.sub("", text, count=1)


def _item_text(entry) -> str:
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return html_to_text(value)
    return html_to_text(entry.get("summary") or entry.get("description") or "")


def parse_feed(text: str, *, base_id: str, origin: str | None = None,
               url: str | None = None) -> Iterator[RawDocument | DossierError]:
    """The items of an RSS/Atom feed; an item without text yields ``E103`` and the rest go on.

    Raises ``E105`` when the feed cannot be parsed at all or has no items.
    """
    safe = check_declarations(text, origin)
    # decoded already: feed feedparser UTF-8 bytes and drop a stale encoding declaration;
    # a stream (not a str) so feedparser never treats the content as a URL or file name
    data = _XML_ENCODING.sub(r"\1", safe, count=1).encode("utf-8")
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers={
            "content-type": "application/xml; charset=utf-8"})
    except Exception as exc:  # feedparser rarely raises, but sax can
        raise DossierError(E.E105, path=origin, detail=f"{type(exc).__name__}: {exc}") from None
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    if not entries:
        why = parsed.get("bozo_exception")
        detail = f"no items ({why})" if why else "no items found"
        if not version:
            detail = f"not an RSS or Atom feed: {why}" if why else "not an RSS or Atom feed"
        raise DossierError(E.E105, path=origin, detail=detail)
    broken = parsed.get("bozo") and isinstance(parsed.get("bozo_exception"), SAXException)
    if broken:  # not well-formed: report it, then keep what the lenient parser recovered
        yield DossierError(E.E105, path=origin,
                           detail=f"not well-formed XML ({parsed['bozo_exception']}); "
                                  f"items recovered: {len(entries)}")
    feed = parsed.get("feed") or {}
    feed_link = feed.get("link") or url
    feed_outlet = (feed.get("title") or "").strip() or outlet_from_url(feed_link)
    fmt = "atom" if version.startswith("atom") else "rss"
    for n, entry in enumerate(entries, 1):
        where = f"{origin}#{n}" if origin else f"#{n}"
        body = _item_text(entry)
        title = (entry.get("title") or "").strip() or None
        if not body.strip():
            if not broken:
                yield DossierError(E.E103, path=where)
            continue
        link = entry.get("link") or None
        source_title = ((entry.get("source") or {}).get("title") or "").strip()
        source = source_title or feed_outlet or outlet_from_url(link)
        key = entry.get("id") or link or f"{title}\x00{body}"
        # the day as the feed wrote it (feedparser's *_parsed are converted to UTC)
        # (dict.get: FeedParserDict.get maps a missing key to another, with a warning)
        published = (normalise_date(dict.get(entry, "published"))
                     or normalise_date(dict.get(entry, "updated"))
                     or normalise_date(dict.get(entry, "published_parsed")
                                       or dict.get(entry, "updated_parsed")))
        yield RawDocument(id=item_id(base_id, key), raw_text=body, title=title,
                          published=published, source=source, url=link, origin=where,
                          format=fmt, meta={"feed": feed_outlet} if feed_outlet else {})
