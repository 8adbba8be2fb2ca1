"""Pure page helpers: date keys, timeline placement and zoom ranges, the circular network
layout, and highlight segments (overlaps flattened, text kept verbatim for escaping)."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace as NS

import pytest

from dossier.web.highlight import Annotation, mark_terms, segments
from dossier.web.layout import circular_layout, date_key, layout_timeline, parse_bound


@pytest.mark.parametrize("value,expected", [
    ("2025-12-01", date(2025, 12, 1)), ("2025-12", date(2025, 12, 1)), ("2025", date(2025, 1, 1)),
    ("2025-W48", date(2025, 11, 24)), ("2025-W48-WE", date(2025, 11, 29)),
    ("2025-12-XX", date(2025, 12, 1)), ("XXXX-11-27", None), (None, None), ("soon", None),
    ("2025-02-30", None)])
def test_date_key(value, expected):
    assert date_key(value) == expected


def test_parse_bound_end_of_period():
    assert parse_bound("2025-02", end=True) == date(2025, 2, 28)
    assert parse_bound("2025", end=True) == date(2025, 12, 31)
    assert parse_bound("2025-12", end=True) == date(2025, 12, 31)


def _item(i, d, n=1):
    return NS(id=f"evt_{i}", date=d, type="CONSULT", independent_reports=n, status="occurred")


def test_layout_places_dated_items_in_order_and_keeps_undated_apart():
    items = [_item(1, "2025-11-23", 3), _item(2, "2025-12-02"), _item(3, "XXXX-11-27"),
             _item(4, "2025-11-23")]
    lay = layout_timeline(items)
    assert [p.item.id for p in lay.placed] == ["evt_1", "evt_4", "evt_2"]
    assert [u.id for u in lay.undated] == ["evt_3"]
    xs = [p.x for p in lay.placed]
    assert xs == sorted(xs) and 0 < xs[0] < xs[-1] < lay.width
    # same day: different lanes, no overlap
    assert lay.placed[0].lane != lay.placed[1].lane
    assert lay.placed[0].r > lay.placed[2].r  # more independent reports, bigger marker
    assert lay.start < date(2025, 11, 23) and lay.end > date(2025, 12, 2)


def test_layout_range_and_zoom():
    items = [_item(i, f"2025-11-{d:02d}") for i, d in enumerate((1, 10, 20, 30))]
    lay = layout_timeline(items, "2025-11-05", "2025-11-25")
    assert (lay.start, lay.end) == (date(2025, 11, 5), date(2025, 11, 25))
    assert [p.item.date for p in lay.placed] == ["2025-11-10", "2025-11-20"]
    z = lay.zoom
    assert z["in"]["from"] > "2025-11-05" and z["in"]["to"] < "2025-11-25"
    assert z["out"]["from"] < "2025-11-05" and z["out"]["to"] > "2025-11-25"
    assert z["left"]["to"] < "2025-11-25" and z["right"]["from"] > "2025-11-05"
    assert lay.ticks and all(0 <= t["x"] <= lay.width for t in lay.ticks)


def test_layout_empty():
    lay = layout_timeline([])
    assert lay.placed == [] and lay.start < lay.end


def test_circular_layout():
    nodes = [{"id": c, "name": c, "events": 2} for c in "abcd"]
    g = circular_layout(nodes, [{"source": "a", "target": "c", "weight": 2},
                                {"source": "a", "target": "zz", "weight": 1}])
    assert len(g["edges"]) == 1
    assert len({(n["x"], n["y"]) for n in g["nodes"]}) == 4
    assert all(0 <= n["x"] <= g["width"] and 0 <= n["y"] <= g["height"] for n in g["nodes"])


def test_segments_flatten_overlaps_and_keep_text():
    text = "<b>Witkoff</b> met Umerov on Monday."
    anns = [Annotation(3, 10, "ent", "ent-person", "PERSON: Witkoff", "/entities/ent_w"),
            Annotation(0, 36, "event", "event", "event CONSULT"),
            Annotation(15, 18, "trigger", "trigger", "trigger"),
            Annotation(29, 35, "time", "time", "time: 2025-12-08"),
            Annotation(30, 99, "bogus", "x", "clamped"), Annotation(5, 5, "ent", "e", "empty")]
    segs = segments(text, anns)
    assert "".join(s.text for s in segs) == text
    w = next(s for s in segs if s.text == "Witkoff")
    assert w.href == "/entities/ent_w" and {"ent", "ent-person", "event"} <= set(w.classes)
    assert next(s for s in segs if s.text == "met").classes[:2] == ["event", "trigger"]
    assert segments("", anns) == []


def test_mark_terms():
    pieces = mark_terms("Talks in Geneva; geneva again", ["Geneva"])
    assert [p["text"] for p in pieces if p["hit"]] == ["Geneva", "geneva"]
    assert "".join(p["text"] for p in pieces) == "Talks in Geneva; geneva again"


def test_sentence_around():
    from dossier.query import sentence_around

    text = "First one. Officials said the plan has 20 points. Last one.\nNext line."
    i = text.index("the plan")
    assert sentence_around(text, i, i + 8) == "Officials said the plan has 20 points."
    assert sentence_around(text, 0, 5) == "First one."
    j = text.index("Next")
    assert sentence_around(text, j, j + 4) == "Next line."
    assert sentence_around("", 0, 3) == ""


def test_snippet_pieces():
    from dossier.web.highlight import snippet_pieces

    pieces = snippet_pieces("talks in [Geneva] and [Genevan] <b>x</b>", ["geneva"])
    assert [p["text"] for p in pieces if p["hit"]] == ["Geneva", "Genevan"]
    assert "".join(p["text"] for p in pieces) == "talks in Geneva and Genevan <b>x</b>"
    plain = snippet_pieces("no markers Geneva", ["geneva"])
    assert [p["text"] for p in plain if p["hit"]] == ["Geneva"]
