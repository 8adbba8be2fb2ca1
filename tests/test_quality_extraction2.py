"""Evaluation gate for statements and events: read, clean and extract the founding report
(the full dev gold) through the real stages, score with the shared scorer, and hold the
figures above pinned floors (a few points under what we reach).

Reached when pinned (dev): statements F1 1.000, with speaker 1.000; events F1 1.000,
dated 1.000 (8 statements, 7 events: one miss costs about 0.13). The decisive figures are on
held-out reports, so the floors leave room for one miss each.
"""
import importlib.util
import json
from pathlib import Path

import pytest

from conftest import SHARED

EVAL = SHARED / "eval"
CORPUS = SHARED / "corpus"
FLOORS = {
    "statements": 0.85,
    "statements_speaker": 0.80,
    "events": 0.85,
    "events_dated": 0.80,
}

pytestmark = pytest.mark.skipif(not (EVAL / "score.py").exists() or not (EVAL / "dev").exists(),
                                reason="shared eval not present")


def _scorer():
    spec = importlib.util.spec_from_file_location("dossier_eval_score_x2", EVAL / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _score_files(nlp, paths, gold, out):
    """Extract ``paths`` through the real stages and score them against ``gold``."""
    from dossier.errors import DossierError
    from dossier.pipeline import extract_files
    with out.open("w", encoding="utf-8") as fp:
        for ex in extract_files(paths, nlp=nlp):
            assert not isinstance(ex, DossierError), ex
            fp.write(json.dumps(ex.to_json()) + "\n")
    res = _scorer().score_extract(str(gold), str(out))
    assert not res["missing"], res["missing"]
    return res


@pytest.fixture(scope="module")
def scores(nlp, tmp_path_factory):
    gold = EVAL / "dev"
    paths = [str(p) for p in sorted(CORPUS.glob("*.txt")) if (gold / (p.stem + ".json")).exists()]
    assert paths
    return _score_files(nlp, paths, gold, tmp_path_factory.mktemp("x2") / "pred.jsonl")


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_extraction_floor(scores, figure):
    f1 = scores[figure]["f1"]
    assert f1 >= FLOORS[figure], f"{figure} F1 {f1:.3f} under the floor {FLOORS[figure]} ({scores[figure]})"


# The attribution dev set (eval/attribution, issue #14): 24 reports written and annotated by
# hand before the system ran on them, then used to find general causes. Reached when pinned:
# statements F1 0.989, with speaker 0.979; entities F1 0.891, variants 0.766 (188 statements,
# 47 variant groups); after the entity work of 2026-12-06 (nationality words, places typed by
# context, organisation variants): entities 0.962, variants 0.979, speaker 0.984. Floors a few
# points under.
ATTRIBUTION_FLOORS = {
    "statements": 0.95,
    "statements_speaker": 0.93,
    "entities": 0.94,
    "variants": 0.93,
}

# The style set (eval/styles): six reports in the house styles of real kinds of outlet,
# annotated before the system ran on them. Before issue #14: statements 0.94 (speaker 0.92),
# the figure #14 must not lower. Reached when pinned (2026-12-06): entities 0.989, variants
# 1.000, statements 0.944 (speaker 0.921), events 0.983 (dated 0.912); 43 statements, so one
# miss costs about 0.02: floors one miss under.
STYLES_FLOORS = {
    "entities": 0.97,
    "statements": 0.92,
    "statements_speaker": 0.89,
    "events": 0.95,
    "events_dated": 0.88,
}

EVAL_LOCAL = Path(__file__).resolve().parents[1] / "eval"
LOCAL_SETS = {"attribution": ATTRIBUTION_FLOORS, "styles": STYLES_FLOORS}


@pytest.fixture(scope="module")
def local_scores(nlp, tmp_path_factory):
    """Scores of the project's own dev sets, each extracted once when first asked for."""
    done: dict[str, dict] = {}

    def get(name):
        if name not in done:
            paths = [str(p) for p in sorted((EVAL_LOCAL / name / "corpus").glob("*.txt"))]
            if not paths:
                pytest.skip(f"eval/{name} not present")
            done[name] = _score_files(nlp, paths, EVAL_LOCAL / name / "gold",
                                      tmp_path_factory.mktemp(name) / "pred.jsonl")
        return done[name]
    return get


@pytest.mark.parametrize("name,figure", [(n, f) for n, floors in LOCAL_SETS.items()
                                         for f in sorted(floors)])
def test_local_set_floor(local_scores, name, figure):
    got = local_scores(name)[figure]
    value = got["f1"] if "f1" in got else got["acc"]  # variants: a share, not an F1
    floor = LOCAL_SETS[name][figure]
    assert value >= floor, f"{name} {figure} {value} under the floor {floor} ({got})"


def test_statement_and_event_records_are_well_formed(nlp):
    """Ids in order, spans inside the text, entity ids that exist."""
    from dossier.nlp import extract_one
    from dossier.records import Document
    text = ('"We are ready to talk," Dmitry Peskov said on Monday. According to Reuters, '
            "Sergei Lavrov met Marco Rubio in Riyadh. Ukraine rejected the plan.")
    ex = extract_one(Document(id="t", text=text, raw_text=text, published="2025-03-04"), nlp=nlp)
    ids = {e.id for e in ex.entities}
    assert [s.id for s in ex.statements] == [f"s{i + 1}" for i in range(len(ex.statements))]
    assert [v.id for v in ex.events] == [f"v{i + 1}" for i in range(len(ex.events))]
    for s in ex.statements:
        assert 0 <= s.content_span["start"] < s.content_span["end"] <= len(text)
        assert s.kind in {"direct", "indirect", "report"}
        assert set(s.about) <= ids and (s.speaker is None or s.speaker in ids)
    for v in ex.events:
        assert set(v.actors) | set(v.targets) <= ids and v.actors + v.targets
        assert v.status in {"occurred", "planned", "hypothetical", "negated"}
        assert text[v.trigger_span["start"]:v.trigger_span["end"]] == v.trigger
        assert v.evidence["start"] <= v.trigger_span["start"] < v.evidence["end"]
    assert {s.kind for s in ex.statements} == {"direct", "report"}
    assert {v.type for v in ex.events} >= {"CONSULT", "REJECT"}
