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
ATTRIBUTION = Path(__file__).resolve().parents[1] / "eval" / "attribution"
ATTRIBUTION_FLOORS = {
    "statements": 0.95,
    "statements_speaker": 0.93,
    "entities": 0.94,
    "variants": 0.93,
}


@pytest.fixture(scope="module")
def attribution_scores(nlp, tmp_path_factory):
    paths = [str(p) for p in sorted((ATTRIBUTION / "corpus").glob("*.txt"))]
    if not paths:
        pytest.skip("eval/attribution not present")
    return _score_files(nlp, paths, ATTRIBUTION / "gold", tmp_path_factory.mktemp("attr") / "pred.jsonl")


@pytest.mark.parametrize("figure", sorted(ATTRIBUTION_FLOORS))
def test_attribution_floor(attribution_scores, figure):
    got = attribution_scores[figure]
    value = got["f1"] if "f1" in got else got["acc"]  # variants: a share, not an F1
    assert value >= ATTRIBUTION_FLOORS[figure], \
        f"{figure} {value} under the floor {ATTRIBUTION_FLOORS[figure]} ({got})"


# The style set (eval/styles): six reports in the house styles of real kinds of outlet,
# annotated before the system ran on them. Before issue #14: statements 0.94 (speaker 0.92),
# the figure #14 must not lower. Reached when pinned (2026-12-06): entities 0.989, variants
# 1.000, statements 0.944 (speaker 0.921), events 0.983 (dated 0.912); 43 statements, so one
# miss costs about 0.02: floors one miss under.
STYLES = Path(__file__).resolve().parents[1] / "eval" / "styles"
STYLES_FLOORS = {
    "entities": 0.97,
    "statements": 0.92,
    "statements_speaker": 0.89,
    "events": 0.95,
    "events_dated": 0.88,
}


@pytest.fixture(scope="module")
def styles_scores(nlp, tmp_path_factory):
    paths = [str(p) for p in sorted((STYLES / "corpus").glob("*.txt"))]
    if not paths:
        pytest.skip("eval/styles not present")
    return _score_files(nlp, paths, STYLES / "gold", tmp_path_factory.mktemp("styles") / "pred.jsonl")


@pytest.mark.parametrize("figure", sorted(STYLES_FLOORS))
def test_styles_floor(styles_scores, figure):
    f1 = styles_scores[figure]["f1"]
    assert f1 >= STYLES_FLOORS[figure], \
        f"{figure} F1 {f1:.3f} under the floor {STYLES_FLOORS[figure]} ({styles_scores[figure]})"


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
