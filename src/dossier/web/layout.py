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
