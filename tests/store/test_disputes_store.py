"""Disputes in the store: one row per dispute, found by document, timeline item or claim."""
from dossier.records import Claim, Dispute


def _dispute():
    return Dispute(id="dsp_1", kind="number", topic="how many points",
                   sides=[{"value": "27 points", "claims": ["clm_a"], "documents": ["a", "b"],
                           "outlets": ["A"], "evidence": [{"doc": "a", "text": "27 points"}]},
                          {"value": "20 points", "claims": ["clm_b"], "documents": ["c"],
                           "outlets": ["C"], "evidence": [{"doc": "c", "text": "20 points"}]}],
                   claims=["clm_a", "clm_b"], items=["evt_1"], documents=["a", "b", "c"])


def test_disputes_round_trip_and_filters(store):
    claims = [Claim(id="clm_a", content="27 points", speaker="A", documents=["a", "b"],
                    disputes=["dsp_1"]),
              Claim(id="clm_b", content="20 points", speaker="C", documents=["c"],
                    disputes=["dsp_1"])]
    store.replace_resolution([], [], claims, disputes=[_dispute()])
    assert [d.id for d in store.list_disputes()] == ["dsp_1"]
    assert [d.id for d in store.list_disputes(doc="c")] == ["dsp_1"]
    assert store.list_disputes(doc="zzz") == []
    assert [d.id for d in store.list_disputes(item="evt_1", kind="number")] == ["dsp_1"]
    assert [d.id for d in store.list_disputes(claim="clm_b")] == ["dsp_1"]
    assert store.list_disputes(kind="denial") == []
    got = store.get_dispute("dsp_1")
    assert got.sides[1]["value"] == "20 points" and got.claims == ["clm_a", "clm_b"]
    assert store.get_claim("clm_a").disputes == ["dsp_1"]
    store.replace_resolution([], [], [], disputes=None)
    assert store.list_disputes() == []
