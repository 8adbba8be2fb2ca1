"""Clean: from a ``RawDocument`` to the ``Document`` every offset downstream points into.

``clean_document`` puts the headline first, normalises Unicode, quotes, dashes and spaces (``normalise``), repairs
glued words (``repair``; each split recorded with offsets into the cleaned text) and sets
the exact-duplicate key ``content_hash``. It sets ``lang``: the report's own declaration, else
the language its text is identified as (``dossier.lang``). Near-duplicates are ``dedupe``'s business.
"""
from __future__ import annotations

from ..errors import DossierError, E
from ..ids import content_hash
from ..lang import DEFAULT, has_pipeline, language_of, no_pipeline_notice
from ..records import Document, RawDocument
from .normalise import normalise_text
from .repair import can_repair, find_glued, repair_glued, split_glued

__all__ = ["clean_document", "clean_text", "normalise_text", "repair_glued", "split_glued",
           "find_glued"]


def clean_text(text: str, *, repair: bool = True, lang: str = DEFAULT):
    """``(cleaned text, repairs)`` for a raw text (glued words repaired if ``lang`` can be)."""
    text = normalise_text(text)
    if not repair or not can_repair(lang):
        return text, []
    return repair_glued(text, lang)


def clean_document(raw: RawDocument, *, repair: bool = True) -> Document:
    """The cleaned ``Document`` for ``raw``; ``E103`` when no text is left."""
    title = normalise_text(raw.title) if raw.title else None
    body = normalise_text(raw.raw_text)
    if not body.strip():
        raise DossierError(E.E103, path=raw.origin or raw.id)
    # The headline is part of what the report says (names and dates in it count): it is the
    # first line of the text unless the body already starts with it.
    if title and not body.lstrip().startswith(title):
        body = f"{title}\n{body}"
    lang = language_of(body, raw.lang)  # the report's own declaration wins
    text, repairs = clean_text(body, repair=repair, lang=lang)
    meta = dict(raw.meta)
    if not has_pipeline(lang):
        meta.setdefault("notice", no_pipeline_notice(lang))
    return Document(id=raw.id, text=text, raw_text=raw.raw_text, title=title or None,
                    published=raw.published, source=raw.source, url=raw.url, lang=lang,
                    origin=raw.origin, format=raw.format, repairs=repairs,
                    content_hash=content_hash(text), meta=meta)
