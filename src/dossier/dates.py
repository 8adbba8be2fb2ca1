"""Dates as the contract writes them (``2025-12-01``, ``2025-12``, ``2025``, ``2025-W48``,
``2025-W48-WE``, ``XXXX-11-27``): precision, compatibility, the period a value names, and
the timeline order. Shared by the nlp stage, the resolvers, the store and the queries.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re

_DAY = re.compile(r"^(\d{4}|XXXX)-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4}|XXXX)-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_YEAR = re.compile(r"^(\d{4})$")


def fill_year(value: str | None, published: str | None) -> str | None:
    """``XXXX-11-27`` with the year of publication (the usual reading in news)."""
    if value and value.startswith("XXXX") and published and re.match(r"^\d{4}", published):
        return published[:4] + value[4:]
    return value


@functools.lru_cache(maxsize=65536)
def precision(value: str | None) -> int:
    """3 day, 2 week, 1 month, 0 year, -1 none/unknown."""
    if not value or "X" in value:
        return -1
    if _DAY.match(value):
        return 3
    if _WEEK.match(value):
        return 2
    if _MONTH.match(value):
        return 1
    if _YEAR.match(value):
        return 0
    return -1


@functools.lru_cache(maxsize=65536)
def _week_of(day: str) -> str | None:
    try:
        d = _dt.date.fromisoformat(day)
    except ValueError:
        return None
    y, w, wd = d.isocalendar()
    return f"{y}-W{w:02d}" + ("-WE" if wd >= 6 else "")


@functools.lru_cache(maxsize=65536)
def dates_compatible(a: str | None, b: str | None) -> bool:
    """Null is compatible with anything; a month with a day in it; a week with its days."""
    if not a or not b or a == b:
        return True
    pa, pb = precision(a), precision(b)
    if pa < 0 or pb < 0:
        return True
    if pa < pb:
        a, b, pa, pb = b, a, pb, pa
    # now a is at least as precise as b
    if pb == 0:
        return a[:4] == b
    if pb == 1:
        return True if pa == 2 else a[:7] == b
    if pb == 2:
        if pa == 3:
            w = _week_of(a) or ""
            return w == b or w.split("-WE")[0] == b.split("-WE")[0]
        return a.split("-WE")[0] == b.split("-WE")[0]
    return a == b


def _week_day(value: str, first: bool) -> str | None:
    """The first or last day (ISO) of a week (``2025-W48``; its weekend ``2025-W48-WE``
    starts on Saturday), or None."""
    week = _WEEK.match(value)
    if week is None:
        return None
    day = (6 if week.group(3) else 1) if first else 7
    try:
        return _dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), day).isoformat()
    except ValueError:
        return None


@functools.lru_cache(maxsize=65536)
def day_ordinal(day: str | None) -> int | None:
    """The proleptic ordinal of a day (the first ten characters, ISO), or None."""
    try:
        return _dt.date.fromisoformat((day or "")[:10]).toordinal()
    except ValueError:
        return None


@functools.lru_cache(maxsize=65536)
def period_start(value: str | None) -> str | None:
    """First day of a date, week, month or year (ISO), or None."""
    p = precision(value)
    if value is None or p < 0:
        return None
    if p == 3:
        return value
    if p == 1:
        return value + "-01"
    if p == 0:
        return value + "-01-01"
    return _week_day(value, first=True)


@functools.lru_cache(maxsize=65536)
def period_end(value: str | None) -> str | None:
    """Last day of a date, week, month or year (ISO), or None."""
    import calendar
    p = precision(value)
    if value is None or p < 0:
        return None
    if p == 3:
        return value
    if p == 1:
        y, mo = int(value[:4]), int(value[5:7])
        return f"{value}-{calendar.monthrange(y, mo)[1]:02d}"
    if p == 0:
        return value + "-12-31"
    return _week_day(value, first=False)


def chrono_key(item) -> tuple:
    """The contract's timeline order for an item (``date``, ``type``, ``summary``, ``id``):
    oldest first by the start of the period its date names, more precise first, undated last."""
    start = period_start(item.date)
    return (start is None, start or item.date or "", precision(item.date) * -1, item.type,
            item.summary, item.id)
