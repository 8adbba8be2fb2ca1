"""JSON Lines: one document per line (``id``, ``title``, ``text``, ``published``, ``url``,
``source``), and ``.json`` files holding one such object or a list of them.

A malformed line yields ``E106`` naming the file and line; the other lines still ingest.
"""
from __future__ import annotations

import json
from typing import Any, Iterator

from ..errors import DossierError, E
from ..records import RawDocument
from .meta import item_id, normalise_date, outlet_from_url

__all__ = ["parse_jsonl", "parse_json", "record_to_raw"]

_TEXT_KEYS = ("text", "content", "body")
_DATE_KEYS = ("published", "date", "published_at", "pubdate")
_SOURCE_KEYS = ("source", "outlet", "site", "sitename")


def _first(obj: dict[str, Any], keys) -> Any:
    for k in keys:
        v = obj.get(k)
        if v not in (None, ""):
            return v
    return None


def record_to_raw(obj: Any, *, base_id: str, origin: str | None, line: int,
                  fmt: str = "jsonl") -> RawDocument:
    """One object as a ``RawDocument``; ``E106`` when it is not an object with text."""
    if not isinstance(obj, dict):
        raise DossierError(E.E106, path=origin, line=line,
                           detail=f"expected a JSON object, got {type(obj).__name__}")
    text = _first(obj, _TEXT_KEYS)
    if not isinstance(text, str) or not text.strip():
        raise DossierError(E.E106, path=origin, line=line,
                           detail='no "text" field with the document text')
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    source = _first(obj, _SOURCE_KEYS)
    if isinstance(source, dict):  # {"name": ..., "url": ...}
        source = source.get("name") or source.get("title") or outlet_from_url(source.get("url"))
    if not isinstance(source, str) or not source.strip():
        source = outlet_from_url(url)
    ident = obj.get("id")
    if isinstance(ident, (str, int)) and not isinstance(ident, bool) and str(ident).strip():
        doc_id = str(ident).strip()
    else:
        doc_id = item_id(base_id, url or f"{title}\x00{text}")
    lang = obj.get("lang") if isinstance(obj.get("lang"), str) and obj.get("lang") else None
    return RawDocument(id=doc_id, raw_text=text, title=title.strip() if title else None,
                       published=normalise_date(_first(obj, _DATE_KEYS)),
                       source=source.strip() if isinstance(source, str) else None, url=url,
                       origin=f"{origin}:{line}" if origin else f"line {line}",
                       format=fmt, lang=lang)


def parse_jsonl(text: str, *, base_id: str, origin: str | None = None,
                max_line: int | None = None) -> Iterator[RawDocument | DossierError]:
    """One ``RawDocument`` per non-blank line; errors are yielded, never raised."""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if max_line is not None and len(line) > max_line:
            yield DossierError(E.E111, path=f"{origin}:{n}" if origin else f"line {n}",
                               size=len(line), limit=max_line)
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            msg = getattr(exc, "msg", None) or str(exc)
            yield DossierError(E.E106, path=origin, line=n, detail=msg)
            continue
        try:
            yield record_to_raw(obj, base_id=base_id, origin=origin, line=n)
        except DossierError as err:
            yield err


def parse_json(text: str, *, base_id: str, origin: str | None = None,
               max_line: int | None = None) -> Iterator[RawDocument | DossierError]:
    """A ``.json`` file: one object, a list of objects, or (failing that) JSON Lines."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        yield from parse_jsonl(text, base_id=base_id, origin=origin, max_line=max_line)
        return
    items = data if isinstance(data, list) else [data]
    for n, obj in enumerate(items, 1):
        try:
            yield record_to_raw(obj, base_id=base_id, origin=origin, line=n, fmt="jsonl")
        except DossierError as err:
            yield err
