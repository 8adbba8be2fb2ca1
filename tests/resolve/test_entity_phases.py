"""The phases of ``resolve_members`` (issue #15): each step on small invented members."""
from __future__ import annotations

from dossier.resolve import entities as E
from dossier.resolve.entities import Member


def _state(*members: Member) -> E._Resolution:
    ms = list(members)
    return E._Resolution(ms, {m.doc: None for m in ms}, E.thresholds("entities"),
                         E._UF(len(ms), [(m.doc, m.eid) for m in ms]))


def _m(doc, eid, typ, name, *aliases, **kw):
    return Member(doc, eid, typ, name, [name, *aliases], **kw)


def _together(st, a, b):
    return st.uf.find(a) == st.uf.find(b)


def test_class_key():
    assert E.class_key("PERSON", "Quell") == ""          # a surname alone joins by no key
    assert E.class_key("PERSON", "Anna Quell") == E.class_key("PERSON", "anna quell")
    assert E.class_key("ORG", "ZRX") == "=zrx"            # an acronym is spelt
    assert E.class_key("ORG", "Brindle Widgets A/S") == E.class_key("ORG", "Brindle Widgets")


def test_join_shared_keys_and_weak_forms():
    st = _state(_m("d1", "e1", "ORG", "Brindle Widgets"),
                _m("d2", "e1", "ORG", "Brindle Widgets"),
                _m("d3", "e1", "ORG", "Brindle Widgets Norway", "Brindle Widgets"))
    by_key, weak = E._join_shared_keys(st)
    assert _together(st, 0, 1) and not _together(st, 0, 2)
    assert ("ORG", E.class_key("ORG", "Brindle Widgets")) in weak
    E._join_weak_aliases(st, by_key, weak)
    assert _together(st, 0, 2)


def test_an_alias_does_not_join_what_one_report_keeps_apart():
    st = _state(_m("d1", "e1", "PERSON", "Anna Quell"),
                _m("d1", "e2", "PERSON", "Boris Quell", "Anna Quell"))
    E._join_shared_keys(st)
    assert not _together(st, 0, 1)


def test_join_acronyms():
    st = _state(_m("d1", "e1", "ORG", "Northern Grain Council"), _m("d2", "e1", "ORG", "NGC"))
    E._join_acronyms(st)
    assert _together(st, 0, 1)


def test_spelling_variant_and_join_org_spellings():
    assert E._spelling_variant(["northern", "defence", "council"], ["northern", "defense", "council"])
    assert E._spelling_variant(["brindle", "motor"], ["brindle", "motors"])
    assert not E._spelling_variant(["brindle", "motor"], ["brindle", "rotor"])
    st = _state(_m("d1", "e1", "ORG", "Northern Defence Council"),
                _m("d2", "e1", "ORG", "Northern Defense Council"))
    E._join_org_spellings(st)
    assert _together(st, 0, 1)


def test_join_surname_variants():
    st = _state(_m("d1", "e1", "PERSON", "Anna Kovalenko"),
                _m("d2", "e1", "PERSON", "Anna Kowalenko"),
                _m("d3", "e1", "PERSON", "Anna Kovalenko Jr."))
    E._join_surname_variants(st)
    assert _together(st, 0, 1) and not _together(st, 0, 2)


def test_surname_groups_put_variant_spellings_together():
    full = {0: [(("anna",), "Kovalenko")], 5: [(("boris",), "Kowalenko")],
            7: [(("carl",), "Smith")]}
    groups = E._surname_groups(full)
    assert sorted(map(sorted, groups.values())) == [[0, 5], [7]]


def test_minority_fits_and_name_conflicts():
    st = _state(_m("d1", "e1", "PERSON", "Anna Quendrix", country="NO", roles=["minister"]),
                _m("d2", "e1", "PERSON", "Alma Quendrix", country="NO", roles=["minister"]),
                _m("d3", "e1", "PERSON", "Alma Quendrix", country="SE"),
                _m("d1", "e2", "PERSON", "Alma Quendrix"))
    assert E._minority_fits(st, [0], [1])
    assert not E._minority_fits(st, [0], [2])      # countries differ
    assert not E._minority_fits(st, [0], [3])      # two people in one report
    recs = E._name_conflicts(st.members, [0], [1])
    assert [(r["name"], r["doc"], r["kind"]) for r in recs] == [("Alma Quendrix", "d2", "name")]
    assert "'Anna Quendrix'" in recs[0]["reason"]


def test_join_distinctive_surnames_flags_the_conflict():
    st = _state(_m("d1", "e1", "PERSON", "Anna Quendrix"), _m("d2", "e1", "PERSON", "Anna Quendrix"),
                _m("d3", "e1", "PERSON", "Anna Quendrix"), _m("d4", "e1", "PERSON", "Alma Quendrix"))
    E._join_shared_keys(st)
    E._join_distinctive_surnames(st)
    assert _together(st, 0, 3)
    assert [r["name"] for r in st.conflicts[st.uf.find(0)]] == ["Alma Quendrix"]


def test_surname_candidates():
    assert E._surname_candidates({"kovalenko"}, {"kowalenko": [3], "smith": [4]}) == {3}
    assert E._surname_candidates({"jones"}, {"kowalenko": [3]}) == set()


def test_attach_surname_only():
    st = _state(_m("d1", "e1", "PERSON", "Anna Quendrix"), _m("d2", "e1", "PERSON", "Quendrix"),
                _m("d3", "e1", "PERSON", "Velmor"), _m("d4", "e1", "PERSON", "Velmor"))
    E._attach_surname_only(st)
    assert _together(st, 0, 1)
    assert _together(st, 2, 3) and not _together(st, 0, 2)   # leftovers join by surname


def test_cls_of_and_keys_of():
    ms = [_m("d1", "e1", "PERSON", "Anna Quendrix"), _m("d2", "e1", "ORG", "Anna Quendrix"),
          _m("d3", "e1", "PERSON", "Quendrix")]
    assert E._cls_of(ms, [0, 1, 2]) == "PERSON"
    assert E._keys_of(ms, [0], True) == E._keys_of(ms, [0], False) | {E.name_key("Quendrix")}


def test_join_mistyped():
    st = _state(_m("d1", "e1", "PERSON", "Anna Quendrix"), _m("d2", "e1", "PERSON", "Anna Quendrix"),
                _m("d3", "e1", "ORG", "Anna Quendrix"))
    E._join_shared_keys(st)
    assert not _together(st, 0, 2)
    E._join_mistyped(st)
    assert _together(st, 0, 2)


def test_shared_state_helpers():
    st = _state(_m("d1", "e1", "PERSON", "Anna Quell"), _m("d1", "e2", "PERSON", "Boris Quell"),
                _m("d2", "e1", "PERSON", "Anna Quell Jr."), _m("d2", "e2", "ORG", "Brindle Widgets"))
    st.uf.union(0, 2)
    assert st.clusters() == {0: [0, 2], 1: [1], 3: [3]}
    assert st.docs_of([0, 2]) == {"d1", "d2"}
    assert st.cooccur([0], [1]) and not st.cooccur([1], [3])
    assert st.generations([0, 2]) == {"jr"}
    cl, full = st.person_index()
    assert set(full) == {0, 1} and 3 not in full
    st.conflicts[2].append({"name": "x"})
    st.rehome_conflicts()
    assert dict(st.conflicts) == {0: [{"name": "x"}]}
