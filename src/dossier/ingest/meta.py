"""Metadata helpers shared by the readers: dates, outlets from URLs, stable item ids."""
from __future__ import annotations

import datetime as _dt
import email.utils
import hashlib
import re
import time
from urllib.parse import urlsplit

__all__ = ["normalise_date", "outlet_from_url", "short_hash", "item_id"]

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# unambiguous spelled-out forms only (no 01/02/2025: day or month first?)
_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%Y/%m/%d",
            "%A, %B %d, %Y", "%A %d %B %Y", "%Y%m%d")


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def normalise_date(value) -> str | None:
    """A publication date as ``YYYY-MM-DD`` (the calendar day as written), or None.

    Accepts ISO 8601 strings (with or without time and zone), RFC 822 dates as feeds
    write them, spelled-out dates ("December 4, 2025", "4 Dec 2025"), ``datetime``/``date`` objects and ``time.struct_time``.
    """
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return _valid(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:  # a Unix timestamp
            return _dt.datetime.fromtimestamp(value, _dt.timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s:
        return None
    m = _ISO_DAY.match(s)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    try:
        return email.utils.parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    for fmt in _FORMATS:
        try:
            return _dt.datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    m = _ISO_DAY.search(s)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


def outlet_from_url(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``, lower-cased: ``"kyivindependent.com"``."""
    if not url or not isinstance(url, str):
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def short_hash(*parts: str, n: int = 10) -> str:
    """The first ``n`` hex digits of sha256 over ``parts`` joined by NUL."""
    blob = "\x00".join(p or "" for p in parts)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:n]


def item_id(base: str, *key: str) -> str:
    """A stable id for one item of a feed or JSON Lines file: ``<base>-<hash>``."""
    return f"{base}-{short_hash(*key)}"
