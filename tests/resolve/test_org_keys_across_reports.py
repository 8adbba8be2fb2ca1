"""Issue #14: organisation-name keys across reports (dossier.orgnames wired into
resolve.entities): legal suffixes and acronyms of legal names join; different bodies stay."""
from dossier.resolve.entities import Member, resolve_members


def _resolve(*members):
    ents, _ = resolve_members(list(members), {m.doc: None for m in members})
    return ents


def _docs_together(ents, a, b):
    return any({a, b} <= set(e.documents) for e in ents)


def test_legal_suffix_variants_join_across_reports():
    ents = _resolve(Member("d1", "e1", "ORG", "Norsk Kraft A/S", ["Norsk Kraft A/S"]),
                    Member("d2", "e1", "ORG", "Norsk Kraft", ["Norsk Kraft"]))
    assert _docs_together(ents, "d1", "d2")


def test_acronym_of_a_legal_name_joins_across_reports():
    ents = _resolve(Member("d1", "e1", "ORG", "European Aerospace and Defence Company N.V.",
                           ["European Aerospace and Defence Company N.V."]),
                    Member("d2", "e1", "ORG", "EADC", ["EADC"]))
    assert _docs_together(ents, "d1", "d2")


def test_senates_of_two_countries_stay_apart():
    ents = _resolve(Member("d1", "e1", "ORG", "French Senate", ["French Senate"]),
                    Member("d2", "e1", "ORG", "United States Senate", ["United States Senate"]))
    assert not _docs_together(ents, "d1", "d2")
