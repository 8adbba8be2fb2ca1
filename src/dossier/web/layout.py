"""Pure layout helpers for the pages: dates to positions on the timeline axis (with lanes
so labels do not overlap, ticks and zoom/pan ranges) and a circular layout of the actor
network. Everything here returns numbers and strings; the templates draw SVG from them."""
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
    if start is None or not end:
        return start
    parts = value.strip().split("-")
    if len(parts) == 1:
        return date(start.year, 12, 31)
    if len(parts) == 2:
        nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return start


@dataclass
class Placed:
    """One timeline item on the axis."""

    item: Any
    day: date
    x: float
    lane: int
    y: float = 0.0
    r: float = 8.0
    label: str = ""
    flip: bool = False  # label drawn left of the marker (near the right edge)

    @property
    def tx(self) -> float:
        return round(self.x - self.r - 4, 1) if self.flip else round(self.x + self.r + 4, 1)

    @property
    def anchor(self) -> str:
        return "end" if self.flip else "start"


@dataclass
class TimelineLayout:
    start: date
    end: date
    width: int
    height: int
    axis_y: float
    placed: list[Placed] = field(default_factory=list)
    undated: list[Any] = field(default_factory=list)
    ticks: list[dict] = field(default_factory=list)
    zoom: dict[str, dict[str, str]] = field(default_factory=dict)
    lanes: int = 0


def _ticks(start: date, end: date, x_of) -> list[dict]:
    span = (end - start).days
    ticks = []
    if span <= 16:
        d = start
        while d <= end:
            ticks.append({"x": x_of(d), "label": d.strftime("%d %b")})
            d += timedelta(days=1)
    elif span <= 120:
        d = start + timedelta(days=(7 - start.weekday()) % 7)
        while d <= end:
            ticks.append({"x": x_of(d), "label": d.strftime("%d %b")})
            d += timedelta(days=7)
    elif span <= 1100:
        d = date(start.year, start.month, 1)
        step = 1 if span <= 400 else 3
        while d <= end:
            if d >= start:
                ticks.append({"x": x_of(d), "label": d.strftime("%b %Y")})
            m = d.month - 1 + step
            d = date(d.year + m // 12, m % 12 + 1, 1)
    else:
        step = max(1, span // 3650 + 1)
        for y in range(start.year + 1, end.year + 1, step):
            ticks.append({"x": x_of(date(y, 1, 1)), "label": str(y)})
    return ticks


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


def layout_timeline(items: list, date_from: str | None = None, date_to: str | None = None,
                    width: int = 1000, label_width: float = 156, lane_height: float = 38,
                    max_lanes: int = 40) -> TimelineLayout:
    """Place timeline items (records with ``date``, ``type``, ``independent_reports``)."""
    dated, undated = [], []
    for it in items:
        d = date_key(getattr(it, "date", None))
        (dated if d else undated).append((d, it))
    days = [d for d, _ in dated]
    start = parse_bound(date_from) or (min(days) if days else date.today())
    end = parse_bound(date_to, end=True) or (max(days) if days else start)
    if end < start:
        start, end = end, start
    if (end - start).days < 2:
        pad = timedelta(days=(2 - (end - start).days) // 2 + 1)
        if not date_from:
            start -= pad
        if not date_to:
            end += pad
    if not date_from and days:
        start -= timedelta(days=max(1, (end - start).days // 20))
    if not date_to and days:
        end += timedelta(days=max(1, (end - start).days // 20))
    margin = 30.0
    inner = width - 2 * margin
    total = max(1, (end - start).days)

    def x_of(d: date) -> float:
        return round(margin + inner * (d - start).days / total, 1)

    placed: list[Placed] = []
    lane_end: list[float] = []
    for d, it in sorted(dated, key=lambda p: (p[0], getattr(p[1], "id", ""))):
        if d < start or d > end:
            continue
        x = x_of(d)
        flip = x + label_width > width
        left = x - label_width if flip else x
        lane = next((i for i, e in enumerate(lane_end) if e < left), None)
        if lane is None:
            if len(lane_end) < max_lanes:
                lane_end.append(0.0)
                lane = len(lane_end) - 1
            else:
                lane = min(range(len(lane_end)), key=lambda i: lane_end[i])
        lane_end[lane] = x + 12 if flip else x + label_width
        n = int(getattr(it, "independent_reports", 0) or 0)
        placed.append(Placed(item=it, day=d, x=x, lane=lane, flip=flip,
                             r=round(7 + 2.5 * math.sqrt(max(0, n - 1)), 1),
                             label=(getattr(it, "type", "") or "")))
    lanes = max(1, len(lane_end))
    axis_y = 40.0
    for p in placed:
        p.y = axis_y + 34 + p.lane * lane_height
    height = int(axis_y + 34 + lanes * lane_height + 10)
    return TimelineLayout(start=start, end=end, width=width, height=height, axis_y=axis_y,
                          placed=placed, undated=[it for _, it in undated],
                          ticks=_ticks(start, end, x_of), zoom=zoom_ranges(start, end),
                          lanes=lanes)


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
LANE_MODES = ("type", "actor", "none")
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
    if m and date_key(value):
        a = date_key(value)
        if m.group(3):
            return a, a + timedelta(days=1), "weekend", f"weekend of {_span(a, a + timedelta(1))}"
        b = a + timedelta(days=6)
        return a, b, "week", f"week {int(m.group(2))} · {_span(a, b)}"
    m = _YMD.match(value)
    if m and date_key(value):
        a = date_key(value)
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
    days = [d for d in days if d]
    return min(days) if days else None


def item_range(item) -> tuple[date | None, date | None, str, str]:
    """An item's period, using a date range when the resolution gives one
    (``date_end``, or ``date_range`` as ``{"start", "end"}``)."""
    start, end, prec, label = period(getattr(item, "date", None), reported_day(item))
    rng = getattr(item, "date_range", None)
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
