"""Rules that had two diverged copies now have one: the first-name rule (in a report and
across reports), two-digit years, and the id a clashing document gets."""
from __future__ import annotations

import datetime as dt

import pytest

from dossier import names
from dossier.nlp.timeval import resolve_time, two_digit_year
from dossier.resolve import common


@pytest.mark.parametrize("a, b, same", [
    ("Nick", "Nikolai", True), ("Alex", "Alexander", True), ("Steve", "Steven", True),
    ("Serhiy", "Sergiy", True), ("Olha", "Olga", True), ("V.", "Volodymyr", True),
    ("Ruslan", "Rustem", False), ("Marco", "Maria", False),
])
def test_one_first_name_rule_in_and_across_reports(a, b, same):
    assert common.given_compatible is names.given_compatible
    assert names.given_compatible([a.lower()], [b.lower()]) is same
    assert names.same_person(f"{a} Umerov", f"{b} Umerov") is same  # in one report


@pytest.mark.parametrize("text, value", [
    ("1/2/28", "2028-01-02"), ("'28", "2028"), ("in '99", "1999"), ("'75", "1975"),
    ("1/2/76", "1976-01-02"), ("'25", "2025"),
])
def test_two_digit_years_nearest_the_publication(text, value):
    assert resolve_time(text, "2025-12-03") == value


def test_two_digit_year_without_a_publication_date():
    assert two_digit_year(28) == 2028 and two_digit_year(60) == 1960
    assert two_digit_year(5, dt.date(2094, 1, 1)) == 2105


def test_one_free_id_for_clashing_documents(tmp_path):
    from dossier.store import open_store
    with open_store(str(tmp_path / "kb.db")) as store:
        assert store.free_id("a", "0123456789abcdef") == "a"
        assert store.free_id("a", "0123456789abcdef", {"a"}) == "a-01234567"
        assert store.free_id("a", "0123456789abcdef", {"a", "a-01234567"}) == "a-0123456789ab"


def test_one_rule_each_for_event_targets_both_branches_wrote():
    """'demanded that X free the crew', 'an X-owned ship', 'rejected accusations from X':
    each has one rule (asked_party, owned_object, rejected_charge and _charge_of), not a
    second copy in the object targets (a that-clause behaviour, an owner-participle list)."""
    import json

    from dossier.data import data_path
    from dossier.nlp import events
    assert "clause_subject_target" not in events.BEHAVIOURS
    assert {"asked_party", "owned_object", "rejected_charge"} <= set(events.PARTICIPANT_RULES)
    triggers = json.loads(data_path("events/triggers.json").read_text())
    assert "owner_participles" not in triggers
    types = json.loads(data_path("events/types.json").read_text())
    used = {b for spec in types.values() if isinstance(spec, dict) for b in spec.get("behaviours", [])}
    assert used <= events.BEHAVIOURS
