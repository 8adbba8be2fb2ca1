"""JSON Lines: one document per line (``id``, ``title``, ``text``, ``published``, ``url``,
``source``), and ``.json`` files holding one such object or a list of them.

A malformed line yields ``E106`` naming the file and line; the other lines still ingest.
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterator

from ..errors import DossierError, E
from ..records import RawDocument
from .meta import item_id, normalise_date, outlet_from_url

__all__ = ["parse_jsonl", "parse_json", "record_to_raw"]

_TEXT_KEYS = ("text", "content", "body")
# the line breaks of str.splitlines
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_DATE_KEYS = ("published", "date", "published_at", "pubdate")
_SOURCE_KEYS = ("source", "outlet", "site", "sitename")


def _first(obj: dict[str, Any], keys) -> Any:
    for k in keys:
        v = obj.get(k)
        if v not in (None, ""):
            return v
    return None


def json_kind(value: Any) -> str:
    """How a JSON value is described in a message: ``a number (20251201)``."""
    if isinstance(value, bool):
        return f"a boolean ({json.dumps(value)})"
    if isinstance(value, (int, float)):
        shown = json.dumps(value) if value == value and abs(value) != float("inf") else str(value)
        return f"a number ({shown})"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _refuse(origin, line, field, detail) -> DossierError:
    where = f"{origin}:{line}" if origin else f"line {line}"
    return DossierError(E.E115, path=where, field=f'"{field}"', detail=detail, line=line)


def _string_field(obj: dict[str, Any], key: str, origin, line) -> str | None:
    """``obj[key]`` when it is a string (or missing/null: None); ``E115`` for any other type,
    never dropped in silence."""
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value
    raise _refuse(origin, line, key, f"{json_kind(value)}, not a string; give a string or leave "
                                     "the field out")


def record_to_raw(obj: Any, *, base_id: str, origin: str | None, line: int,
                  fmt: str = "jsonl") -> RawDocument:
    """One object as a ``RawDocument``; ``E106`` when it is not an object with text,
    ``E115`` when a field has the wrong type or the date is impossible: the item is
    refused with a message naming the field and the value (nothing is silently dropped
    or changed)."""
    if not isinstance(obj, dict):
        raise DossierError(E.E106, path=origin, line=line,
                           detail=f"expected a JSON object, got {type(obj).__name__}")
    text = _first(obj, _TEXT_KEYS)
    if text is not None and not isinstance(text, str):
        key = next(k for k in _TEXT_KEYS if obj.get(k) not in (None, ""))
        raise _refuse(origin, line, key, f"{json_kind(text)}, not a string; give the document "
                                         "text as a string")
    if not isinstance(text, str) or not text.strip():
        raise DossierError(E.E106, path=origin, line=line,
                           detail='no "text" field with the document text')
    url = _string_field(obj, "url", origin, line)
    title = _string_field(obj, "title", origin, line)
    lang = _string_field(obj, "lang", origin, line)
    source = _first(obj, _SOURCE_KEYS)
    if isinstance(source, dict):  # {"name": ..., "url": ...}
        inner = source.get("name") or source.get("title")
        source = inner if isinstance(inner, str) else outlet_from_url(
            source.get("url") if isinstance(source.get("url"), str) else None)
    elif source is not None and not isinstance(source, str):
        key = next(k for k in _SOURCE_KEYS if obj.get(k) not in (None, ""))
        raise _refuse(origin, line, key, f"{json_kind(source)}, not a string; give the outlet's "
                                         "name as a string")
    if not isinstance(source, str) or not source.strip():
        source = outlet_from_url(url)
    published = None
    for key in _DATE_KEYS:
        value = obj.get(key)
        if value in (None, ""):
            continue
        if not isinstance(value, str):
            raise _refuse(origin, line, key, f"{json_kind(value)}; give the date as a string, "
                                             "YYYY-MM-DD")
        published = normalise_date(value)
        if published is None:
            raise _refuse(origin, line, key, f"{json.dumps(value[:80])} is not a possible "
                                             "date; use YYYY-MM-DD (or leave the field out)")
        break
    ident = obj.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, (str, int))):
        raise _refuse(origin, line, "id", f"{json_kind(ident)}; give a string (or an integer)")
    if ident is not None and str(ident).strip():
        doc_id = str(ident).strip()
    else:
        doc_id = item_id(base_id, url or f"{title}\x00{text}")
    return RawDocument(id=doc_id, raw_text=text, title=title.strip() if title else None,
                       published=published,
                       source=source.strip() if isinstance(source, str) else None, url=url,
                       origin=f"{origin}:{line}" if origin else f"line {line}",
                       format=fmt, lang=lang or None)


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` as ``str.splitlines`` gives them (any line break), lazily."""
    start, n = 0, len(text)
    for m in _LINE_BREAK.finditer(text):
        yield text[start:m.start()]
        start = m.end()
    if start < n:
        yield text[start:]


def parse_jsonl(text: str, *, base_id: str, origin: str | None = None,
                max_line: int | None = None) -> Iterator[RawDocument | DossierError]:
    """One ``RawDocument`` per non-blank line; errors are yielded, never raised. Lines are
    walked one at a time (no list of a million lines)."""
    for n, line in enumerate(_lines(text), 1):
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
