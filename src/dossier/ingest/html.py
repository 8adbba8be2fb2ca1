"""Web pages: the article text and metadata, extracted with trafilatura.

Title, publication date (``article:published_time`` and the other places htmldate looks),
site name (``og:site_name``) and canonical URL come from the page; the outlet falls back
to the URL's domain.
"""
from __future__ import annotations

import re

import trafilatura
from lxml import etree, html as lxml_html

from ..errors import DossierError, E
from ..records import RawDocument
from .meta import normalise_date, outlet_from_url

__all__ = ["parse_html", "html_to_text", "drop_oversized_attributes", "MAX_TAG_CHARS"]

_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
          "blockquote", "section", "article", "pre", "table", "dd", "dt", "figcaption"}
_SPACES = re.compile(r"[ \t\r\f\v]+")
# a start tag whose attributes run past this many characters loses them: lxml handles
# attributes in quadratic time, and no article needs them
MAX_TAG_CHARS = 4096
# a start tag and its attributes, quoted values (which may hold ``>``) skipped whole; every
# quantifier is possessive, so each character is looked at once: linear time however the
# quotes and brackets are arranged (an unclosed quote ends the match where it opens)
_START_TAG = re.compile(r"""<([A-Za-z][^\s/>"'=<]{0,64})((?:[^>"']++|"[^"]*+"|'[^']*+')*+)(>?)""")


def drop_oversized_attributes(text: str) -> str:
    """``text`` with every start tag whose attributes exceed ``MAX_TAG_CHARS`` characters
    reduced to its bare name (``<p a1=">" ...>`` -> ``<p>``), in linear time."""
    if len(text) <= MAX_TAG_CHARS:
        return text

    def shrink(m: re.Match) -> str:
        return f"<{m.group(1)}{m.group(3)}" if len(m.group(2)) > MAX_TAG_CHARS else m.group(0)

    return _START_TAG.sub(shrink, text)


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed item's summary), one paragraph per line."""
    if "<" not in fragment:
        return fragment.strip()
    fragment = drop_oversized_attributes(fragment)
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", fragment).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    parts: list[str] = []
    for event, el in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        tag = el.tag.lower() if isinstance(el.tag, str) else None  # iterative: no recursion
        if event in ("comment", "pi"):
            if el.tail:
                parts.append(el.tail)
        elif event == "start":
            if tag in _BLOCK:
                parts.append("\n")
            if tag is not None and el.text:
                parts.append(el.text)
        else:
            if tag in _BLOCK:
                parts.append("\n")
            if el.tail and el is not root:
                parts.append(el.tail)
    lines = [_SPACES.sub(" ", ln).strip() for ln in "".join(parts).split("\n")]
    text = "\n".join(ln for ln in lines if ln)
    if not text:  # the parser gave up (nesting too deep): strip the tags instead
        text = _SPACES.sub(" ", re.sub(r"<[^>]*>", " ", fragment)).strip()
    return text


def _meta(result, name: str):
    value = getattr(result, name, None)
    if value is None and isinstance(result, dict):
        value = result.get(name)
    return value or None


def parse_html(text: str, *, doc_id: str, origin: str | None = None,
               url: str | None = None) -> RawDocument:
    """One ``RawDocument`` from a web page; raises ``E104`` when no article text is found."""
    if not re.search(r"<[A-Za-z!?/]", text):
        raise DossierError(E.E104, path=origin, detail="no HTML markup found")
    text = drop_oversized_attributes(text)
    try:
        result = trafilatura.bare_extraction(text, url=url, with_metadata=True,
                                             include_comments=False, include_tables=False)
    except Exception as exc:  # trafilatura/lxml raise assorted errors on broken input
        raise DossierError(E.E104, path=origin, detail=f"{type(exc).__name__}: {exc}") from None
    body = (_meta(result, "text") or "").strip() if result is not None else ""
    if not body:
        raise DossierError(E.E104, path=origin,
                           detail="no article text found; is this a web page with an article?")
    title = _meta(result, "title")
    if title:
        title = title.strip()
        first, _, rest = body.partition("\n")
        if first.strip() == title and rest.strip():
            body = rest.strip()
    page_url = _meta(result, "url") or url
    source = _meta(result, "sitename") or outlet_from_url(page_url)
    return RawDocument(id=doc_id, raw_text=body, title=title or None,
                       published=normalise_date(_meta(result, "date")),
                       source=source, url=page_url, origin=origin, format="html",
                       meta={k: v for k, v in (("author", _meta(result, "author")),
                                               ("hostname", _meta(result, "hostname")))
                             if v})
