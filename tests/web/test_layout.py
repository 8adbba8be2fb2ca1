"""Pure page helpers: date keys, timeline placement and zoom ranges, the circular network
layout, and highlight segments (overlaps flattened, text kept verbatim for escaping)."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace as NS

import pytest

from dossier.web.highlight import Annotation, mark_terms, segments
from dossier.web.layout import circular_layout, date_key, parse_bound, timeline_board, volume_strip


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


def _item(i, d, n=1, type="CONSULT", people=(), reported=None, status="occurred"):
    return NS(id=f"evt_{i}", date=d, type=type, independent_reports=n, status=status,
              location=None,
              participant_ids=[p.lower() for p in people], participants=list(people),
              documents=["d"] * n,
              reports=[{"published": reported}] if reported else [])


def _placed(board):
    return [(row.label, board.lanes[j][0], it.id) for row in board.rows
            for j, cell in enumerate(row.cells) for it in cell]


def test_board_rows_are_periods_oldest_first_with_approximate_and_undated_placed():
    items = [_item(1, "2025-12-07"), _item(2, "2025-W49"), _item(3, "2025-12"),
             _item(4, "2025-12-01"), _item(5, None, reported="2025-12-03"),
             _item(6, "XXXX-11-27", reported="2025-12-02"), _item(7, None),
             _item(8, "2025-W49-WE"), _item(9, "2025-12-02")]
    board = timeline_board(items, "none")
    order = [it.id for row in board.rows for cell in row.cells for it in cell]
    # each at the first day it can mean (more precise first), undated at its first report;
    # nothing is dropped, and an item with no date and no report comes last
    assert order == ["evt_4", "evt_2", "evt_3", "evt_9", "evt_6", "evt_5", "evt_8", "evt_1",
                     "evt_7"]
    rows = {r.cells[0][0].id: r for r in board.rows}
    assert rows["evt_2"].precision == "week" and "1–7 Dec 2025" in rows["evt_2"].label
    assert rows["evt_3"].precision == "month" and rows["evt_3"].label == "December 2025"
    assert rows["evt_8"].precision == "weekend"
    assert rows["evt_5"].approx and "reported 3 Dec 2025" in rows["evt_5"].label
    assert rows["evt_7"].start is None and not rows["evt_4"].approx
    assert rows["evt_1"].gap_days == 0  # the weekend row ends on the 7th
    assert (board.start, board.end) == (date(2025, 12, 1), date(2025, 12, 31))


def test_board_cells_put_the_most_reported_first_and_lanes_switch():
    items = [_item(1, "2025-12-02", 1, people=["A", "B"]),
             _item(2, "2025-12-02", 5, people=["A"]),
             _item(3, "2025-12-02", 2, type="ASSAULT", people=["C", "A"]),
             _item(4, "2025-12-09", 1, type="REJECT", people=["D"])]
    by_type = timeline_board(items, "type")
    assert [k for k, _ in by_type.lanes] == ["talks", "dispute", "force"]
    first = by_type.rows[0]
    assert [it.id for it in first.cells[0]] == ["evt_2", "evt_1"]
    assert [it.id for it in first.cells[2]] == ["evt_3"]
    assert by_type.rows[1].gap_days == 6
    by_actor = timeline_board(items, "actor")
    keys = [k for k, _ in by_actor.lanes]
    assert keys[0] == "a"  # the busiest actor first
    lane_of = {iid: lane for _, lane, iid in _placed(by_actor)}
    assert lane_of["evt_3"] == "c" and lane_of["evt_4"] == "d"  # its first participant
    items[0].location = items[1].location = "Geneva"
    items[2].location = items[3].location = None
    by_place = timeline_board(items, "place")
    assert by_place.lanes == [("place:Geneva", "Geneva"), ("_elsewhere", "Other or no place")]
    assert [it.id for it in by_place.rows[0].cells[0]] == ["evt_2", "evt_1"]
    one = timeline_board(items, "none")
    assert one.lanes == [("all", "Events")] and one.n_items == 4
    assert timeline_board(items, "bogus").mode == "type"


def test_board_range_and_zoom():
    items = [_item(i, f"2025-11-{d:02d}") for i, d in enumerate((1, 10, 20, 30))]
    board = timeline_board(items, "none", "2025-11-05", "2025-11-25")
    assert (board.start, board.end) == (date(2025, 11, 5), date(2025, 11, 25))
    z = board.zoom
    assert z["in"]["from"] > "2025-11-05" and z["in"]["to"] < "2025-11-25"
    assert z["out"]["from"] < "2025-11-05" and z["out"]["to"] > "2025-11-25"
    assert z["left"]["to"] < "2025-11-25" and z["right"]["from"] > "2025-11-05"
    empty = timeline_board([])
    assert empty.rows == [] and empty.start <= empty.end


def test_volume_strip_counts_reports_per_day():
    pub = ["2025-12-01", "2025-12-01", "2025-12-03", None, "2024-01-01", "2025-12-03T10:00"]
    strip = volume_strip(pub, date(2025, 12, 1), date(2025, 12, 4), width=400, height=40)
    assert [(b["day"], b["n"]) for b in strip["bars"]] == [("2025-12-01", 2), ("2025-12-03", 2)]
    assert strip["total"] == 4 and strip["days"] == 4
    xs = [(b["x"], b["x"] + b["w"]) for b in strip["bars"]]
    assert all(0 <= a < b <= 400 for a, b in xs) and xs[0][1] <= xs[1][0]
    assert all(0 < b["h"] <= 40 and b["y"] + b["h"] == 40 for b in strip["bars"])


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
