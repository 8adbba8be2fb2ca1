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
