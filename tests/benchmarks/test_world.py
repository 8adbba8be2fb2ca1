"""The growing synthetic world of benchmarks/world.py: deterministic, growing, extractable."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import world  # noqa: E402


def test_same_seed_same_corpus():
    a = [r["text"] for r in world.generate(150, seed=3)]
    b = [r["text"] for r in world.generate(150, seed=3)]
    assert a == b and len(a) == 150


def test_people_and_events_grow_with_the_corpus():
    small = world.stats(list(world.generate(300, seed=5)))
    large = world.stats(list(world.generate(3000, seed=5)))
    assert large["people"] > 4 * small["people"]
    assert large["events"] > 4 * small["events"]
    # one person is spelled more than one way across outlets
    assert large["person_names"] > large["people"]


def test_reports_come_in_publication_order():
    dates = [r["published"] for r in world.generate(500, seed=2)]
    assert dates == sorted(dates)


def test_outlet_habits_spell_names_differently():
    assert world.variant("Hnatenko", "ru") == "Gnatenko"
    assert world.variant("Khoryk", "ru") == "Khorik"
    assert world.variant("Witkoff", "mt") == "Vitkoff"


def test_extraction_points_into_the_text():
    for rec in world.generate(60, seed=9):
        ex = world.extraction(rec)
        for e in ex.entities:
            for m in e.mentions:
                assert rec["text"][m.start:m.end] == m.text
        ids = {e.id for e in ex.entities}
        for v in ex.events:
            assert set(v.actors + v.targets) <= ids


def _per_day(records):
    from collections import Counter
    days = Counter(r["published"] for r in records)
    full = sorted(days)[:-1]  # (the last day is cut off at n)
    return sorted(days[d] for d in full)[len(full) // 2], len(days)


def test_a_steady_world_grows_by_days_not_by_density():
    """With ``per_day``, a larger corpus covers more days at the same daily volume (the
    first world's volume grows with n below 7,500 reports)."""
    small, small_days = _per_day(list(world.generate(400, seed=4, per_day=40)))
    large, large_days = _per_day(list(world.generate(4000, seed=4, per_day=40)))
    assert large_days > 5 * small_days
    assert abs(large - small) <= 0.25 * small and 25 <= small <= 55


def test_a_steady_world_is_in_full_flow_from_its_first_day():
    recs = list(world.generate(2000, seed=4, per_day=100))
    first, _ = _per_day([r for r in recs if r["published"] <= "2025-01-05"])
    later, _ = _per_day(recs)
    assert first >= 0.75 * later
    # stories started before the first day kept: the first reports include their later events
    assert any(r["_facts"]["event"] > 0 for r in recs[:100])
    assert len({r["_facts"]["story"] for r in recs[:200]}) > 10
