"""Pure layout helpers for the pages: the timeline board (period rows, lanes, approximate
and undated items placed at their week, month or first report), the volume strip, zoom and
pan ranges, and the starting circle of the actor network (d3-force refines it in the
browser). Everything here returns numbers, strings and lists; the templates draw them."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

_YMD = re.compile(r"^(\d{4})(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")


def date_key(value: str | None) -> date | None:
    """The first day a contract date value can mean, or None when the year is unknown.

    ``2025-12-01``, ``2025-12`` (1 Dec), ``2025`` (1 Jan), ``2025-W48`` (its Monday),
    ``2025-W48-WE`` (its Saturday), ``2025-12-XX`` (1 Dec); ``XXXX-11-27`` -> None.
    """
    if not value:
        return None
    value = value.strip()
    m = _WEEK.match(value)
    if m:
        try:
            return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 6 if m.group(3) else 1)
        except ValueError:
            return None
    m = _YMD.match(value)
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    try:
        return date(int(y), int(mo) if mo and mo != "XX" else 1, int(d) if d and d != "XX" else 1)
    except ValueError:
        return None


def parse_bound(value: str | None, end: bool = False) -> date | None:
    """A ``from``/``to`` value (YYYY, YYYY-MM, YYYY-MM-DD) as a date; ``end``: its last day."""
    start = date_key(value)
    if start is None or value is None or not end:
        return start
    parts = value.strip().split("-")
    if len(parts) == 1:
        return date(start.year, 12, 31)
    if len(parts) == 2:
        nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return start


def zoom_ranges(start: date, end: date) -> dict[str, dict[str, str]]:
    """from/to query values for zooming in/out around the middle and panning by half."""
    span = max(1, (end - start).days)
    mid = start + timedelta(days=span / 2)

    def rng(a: date, b: date) -> dict[str, str]:
        return {"from": a.isoformat(), "to": b.isoformat()}

    half_in = max(1, span // 4)
    half_out = span
    shift = max(1, span // 2)
    return {
        "in": rng(mid - timedelta(days=half_in), mid + timedelta(days=half_in)),
        "out": rng(mid - timedelta(days=half_out), mid + timedelta(days=half_out)),
        "left": rng(start - timedelta(days=shift), end - timedelta(days=shift)),
        "right": rng(start + timedelta(days=shift), end + timedelta(days=shift)),
    }


def circular_layout(nodes: list[dict], edges: list[dict], width: int = 900,
                    height: int = 640) -> dict:
    """Nodes on a circle (busiest first) with edge end points; the browser refines it."""
    n = len(nodes)
    cx, cy = width / 2, height / 2
    radius = min(width, height) / 2 - 60 if n > 1 else 0
    pos = {}
    for i, node in enumerate(nodes):
        a = 2 * math.pi * i / max(1, n) - math.pi / 2
        x, y = round(cx + radius * math.cos(a), 1), round(cy + radius * math.sin(a), 1)
        pos[node["id"]] = (x, y)
        r = round(6 + 3 * math.sqrt(node.get("events", 1)), 1)
        right = x >= cx
        node.update(x=x, y=y, r=r, anchor="start" if right else "end",
                    lx=round(x + (r + 3 if right else -r - 3), 1), ly=round(y + 4, 1))
    out_edges = []
    for e in edges:
        if e["source"] in pos and e["target"] in pos:
            (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
            out_edges.append({**e, "x1": x1, "y1": y1, "x2": x2, "y2": y2,
                              "w": round(min(6, 1 + math.log2(e.get("weight", 1))), 1)})
    return {"nodes": nodes, "edges": out_edges, "width": width, "height": height,
            "size": max(width, height)}


# ------------------------------------------------------------------ the timeline board
# Rows are periods (a day; a week, weekend, month or year for approximate dates; "date not
# stated" rows at the day of the first report), oldest first; columns are lanes. Cards flow
# in HTML cells, so nothing overlaps at any width.

FAMILIES = (
    ("talks", "Talks and visits", ("CONSULT",)),
    ("agree", "Agreement and support", ("AGREE", "SUPPORT", "COOPERATE", "AID", "CONCEDE",
                                        "RETREAT")),
    ("dispute", "Demands and disputes", ("REQUEST", "ACCUSE", "REJECT", "PROTEST",
                                         "SANCTION")),
    ("force", "Force and threats", ("THREATEN", "MOBILIZE", "COERCE", "ASSAULT")),
)
FAMILY_OF = {t: key for key, _, types in FAMILIES for t in types}
LANE_MODES = ("actor", "type", "place", "none")
STATUS_ICON = {"occurred": "●", "planned": "◷", "hypothetical": "?", "negated": "✕"}
_PRECISION_RANK = {"day": 0, "weekend": 1, "week": 2, "month": 3, "year": 4, "undated": 5}


def family(event_type: str | None) -> str:
    return FAMILY_OF.get((event_type or "").upper(), "other")


def _fmt(d: date) -> str:
    return f"{d.day} {d.strftime('%b %Y')}"


def _span(a: date, b: date) -> str:
    if a.month == b.month:
        return f"{a.day}–{b.day} {b.strftime('%b %Y')}"
    return f"{a.day} {a.strftime('%b')} – {_fmt(b)}"


def period(value: str | None, reported: date | None = None) -> tuple:
    """``(start, end, precision, label)`` of a contract date value. Unknown dates (None,
    ``XXXX-11-27``) become ``undated`` at ``reported`` (the first report's day)."""
    value = (value or "").strip()
    m = _WEEK.match(value)
    a = date_key(value) if m else None
    if m and a:
        if m.group(3):
            return a, a + timedelta(days=1), "weekend", f"weekend of {_span(a, a + timedelta(1))}"
        b = a + timedelta(days=6)
        return a, b, "week", f"week {int(m.group(2))} · {_span(a, b)}"
    m = _YMD.match(value)
    a = date_key(value) if m else None
    if m and a:
        if m.group(3) and m.group(3) != "XX":
            return a, a, "day", a.strftime("%a ") + _fmt(a)
        if m.group(2) and m.group(2) != "XX":
            return a, parse_bound(value[:7], end=True), "month", a.strftime("%B %Y")
        return a, date(a.year, 12, 31), "year", str(a.year)
    if reported:
        return reported, reported, "undated", f"date not stated · reported {_fmt(reported)}"
    return None, None, "undated", "date not stated"


def reported_day(item) -> date | None:
    days = [date_key(str(r["published"])[:10]) for r in getattr(item, "reports", None) or []
            if r.get("published")]
    known = [d for d in days if d]
    return min(known) if known else None


def item_range(item) -> tuple[date | None, date | None, str, str]:
    """An item's period, using a date range when the resolution gives one
    (``date_end``, or ``date_range`` as ``[first, last]`` or ``{"start", "end"}``)."""
    start, end, prec, label = period(getattr(item, "date", None), reported_day(item))
    rng = getattr(item, "date_range", None)
    if isinstance(rng, (list, tuple)) and rng:
        rng = {"start": rng[0], "end": rng[-1]}
    last = getattr(item, "date_end", None) or (rng.get("end") if isinstance(rng, dict) else None)
    last_day = date_key(last) if isinstance(last, str) else None
    if start and last_day and last_day > start:
        end = last_day
        label = f"{label} → {_fmt(last_day)}" if prec != "undated" else label
    return start, end, prec, label


def lanes_for(items: list, mode: str, max_actor_lanes: int = 4) -> tuple[list[tuple], Any]:
    """``([(key, title)], lane_of(item) -> key)`` for a lane mode."""
    if mode == "actor":
        count: dict[str, int] = {}
        names: dict[str, str] = {}
        for it in items:
            for pid, name in zip(it.participant_ids or [], it.participants or []):
                count[pid] = count.get(pid, 0) + 1
                names.setdefault(pid, name)
        top = sorted(count, key=lambda p: (-count[p], names[p]))[:max_actor_lanes]
        lanes = [(p, names[p]) for p in top]

        def lane_of(it):
            return next((p for p in it.participant_ids or [] if p in top), "_other")
        if any(lane_of(it) == "_other" for it in items):
            lanes.append(("_other", "Other actors"))
        return lanes, lane_of
    if mode == "place":
        count = {}
        for it in items:
            if it.location:
                count[it.location] = count.get(it.location, 0) + 1
        top = sorted(count, key=lambda p: (-count[p], p))[:max_actor_lanes]
        lanes = [(f"place:{p}", p) for p in top]

        def place_of(it):
            return f"place:{it.location}" if it.location in top else "_elsewhere"
        if any(place_of(it) == "_elsewhere" for it in items):
            lanes.append(("_elsewhere", "Other or no place"))
        return lanes, place_of
    if mode == "type":
        present = {family(it.type) for it in items}
        lanes = [(k, title) for k, title, _ in FAMILIES if k in present]
        if "other" in present:
            lanes.append(("other", "Other"))
        return lanes, lambda it: family(it.type)
    return [("all", "Events")], lambda it: "all"


@dataclass
class BoardRow:
    start: date | None
    end: date | None
    precision: str
    label: str
    cells: list[list]  # per lane: the items, most reported first
    gap_days: int = 0  # days without events since the previous row

    @property
    def approx(self) -> bool:
        return self.precision != "day"

    @property
    def key(self) -> str:
        return self.start.isoformat() if self.start else "undated"


@dataclass
class Board:
    lanes: list[tuple]
    rows: list[BoardRow]
    mode: str
    start: date
    end: date
    zoom: dict[str, dict[str, str]]

    @property
    def n_items(self) -> int:
        return sum(len(c) for r in self.rows for c in r.cells)


def timeline_board(items: list, mode: str = "type", date_from: str | None = None,
                   date_to: str | None = None) -> Board:
    """Items in period rows and lanes (see above); ``zoom``: from/to of the zoom links."""
    mode = mode if mode in LANE_MODES else "type"
    lanes, lane_of = lanes_for(items, mode)
    index = {k: i for i, (k, _) in enumerate(lanes)}
    groups: dict[tuple, BoardRow] = {}
    for it in items:
        start, end, prec, label = item_range(it)
        key = (start or date.max, _PRECISION_RANK[prec], label)
        row = groups.get(key)
        if row is None:
            row = groups[key] = BoardRow(start, end, prec, label, [[] for _ in lanes])
        row.cells[index[lane_of(it)]].append(it)
    rows = [groups[k] for k in sorted(groups)]
    for row in rows:
        for cell in row.cells:
            cell.sort(key=lambda it: (-int(getattr(it, "independent_reports", 0) or 0),
                                      -len(getattr(it, "documents", None) or []), it.id))
    last = None
    for row in rows:
        if row.start and last and (row.start - last).days > 1:
            row.gap_days = (row.start - last).days - 1
        if row.start:
            last = max(last or row.start, row.end or row.start)
    days = [d for r in rows for d in (r.start, r.end) if d]
    start = parse_bound(date_from) or (min(days) if days else date.today())
    end = parse_bound(date_to, end=True) or (max(days) if days else start)
    return Board(lanes=lanes, rows=rows, mode=mode, start=start, end=end,
                 zoom=zoom_ranges(start, end))


def volume_strip(published: list[str], start: date, end: date, width: int = 1000,
                 height: int = 48) -> dict:
    """Bars of reports per day between ``start`` and ``end`` (``published``: ISO dates)."""
    n_days = max(1, (end - start).days + 1)
    counts: dict[date, int] = {}
    for p in published:
        d = date_key(str(p)[:10]) if p else None
        if d and start <= d <= end:
            counts[d] = counts.get(d, 0) + 1
    top = max(counts.values(), default=0)
    step = width / n_days
    bars = []
    for i in range(n_days):
        d = start + timedelta(days=i)
        n = counts.get(d, 0)
        if not n:
            continue
        h = round(max(3.0, (height - 4) * n / top), 1)
        bars.append({"day": d.isoformat(), "n": n, "x": round(i * step + step * 0.1, 2),
                     "w": round(max(1.0, step * 0.8), 2), "y": round(height - h, 1), "h": h})
    return {"bars": bars, "width": width, "height": height, "days": n_days,
            "total": sum(counts.values()), "start": start.isoformat(), "end": end.isoformat(),
            "mid": (start + timedelta(days=n_days // 2)).isoformat()}
