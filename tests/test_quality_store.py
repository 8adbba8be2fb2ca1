"""Store-level quality on the bundled sample: ingest it, export entities and timeline, and
score them against eval/gold/sample with the shared scorer (store mode).

Floors sit below the current figures; the held-out targets are higher (entities_whole
0.93 with no false merge; timeline report recall 0.85, dated 0.85, participants 0.85,
at most 1.15 items per real event). The sample was tuned on: its floors are a regression
check. The stories set (eval/gold/stories, annotated before the system ran on it) is the
development estimate: its floors guard what was gained there.
"""
import importlib.util
import json

import pytest

from conftest import ROOT, SAMPLE, SHARED

SCORER = SHARED / "eval" / "score.py"
GOLD = ROOT / "eval" / "gold" / "sample"

FLOORS = {"entities_whole": 0.95, "timeline_found": 0.95, "timeline_dated": 0.85,
          "timeline_report_recall": 0.90, "timeline_participants": 0.90}
MAX_SPLITS = 1.2
MAX_CONFLATED = 3
# the stories set: below today's figures (2026-12-06, end of day: entities whole 0.97, found
# 1.00, dated 1.00, report recall 0.81, 1.05 items per event, participants 0.89, conflated 0;
# claims recall 0.91, whole 0.81, conflated 3, disputes found 0.82)
# integ with branches recall2 and parts (events keeping their people): report recall 0.87,
# participants 0.94
STORIES = {"entities_whole": 0.93, "timeline_found": 0.95, "timeline_dated": 0.95,
           "timeline_report_recall": 0.84, "timeline_participants": 0.92}
STORIES_MAX_SPLITS = 1.12
# stories2 (eval/gold/stories2): written and annotated before Dossier ran on it; its first
# run (the untuned estimate) scored entities whole 0.78 (1 false merge), found 0.65, dated
# 0.48, report recall 0.33, participants 0.43, claims recall 0.52 / whole 0.15, disputes
# 0.33. Causes were found on it since, so it is a second development set now; floors below
# the end-of-day figures (entities whole 0.96, found 0.71, dated 0.55, report recall 0.43,
# 1.14 items per event, participants 0.52, conflated 0; claims 0.66 / 0.26, conflated 4,
# disputes 0.73); branches recall2 (events on stories2) and parts (events keeping their
# people) together: found 0.87, dated 0.84, report recall 0.65, participants 0.75 (recall2
# alone 0.84 / 0.81 / 0.61 / 0.63, parts alone 0.87 / 0.74 / 0.58 / 0.74)
# then recall3 (talks inside an agreement's report, conditional threats, title lines,
# findings as accusations, portfolios) and claims4 (releases in an official body's voice,
# counts, pronoun speakers, short restatements): found 0.97, dated 0.94, report recall
# 0.77, 1.00 items per event, participants 0.85; claims 0.80 / 0.52 (conflated 2)
STORIES2 = {"entities_whole": 0.92, "timeline_found": 0.94, "timeline_dated": 0.90,
            "timeline_report_recall": 0.75, "timeline_participants": 0.82,
            "claims_report_recall": 0.78, "claims_whole": 0.48, "disputes_found": 0.70}
# claims since (branch claims3: a state body's release, counts, bridged wordings): stories
# 0.94 / 0.86 (conflated 3), stories2 0.73 / 0.33 (conflated 3)
CLAIMS_STORIES = {"claims_report_recall": 0.90, "claims_whole": 0.80, "disputes_found": 0.75}


def _scorer():
    spec = importlib.util.spec_from_file_location("dossier_shared_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _score_corpus(corpus, gold, tmp, nlp) -> dict:
    """Ingest ``corpus`` into a fresh store and score its entities, timeline and claims
    against ``gold`` with the shared scorer (store mode, with --claims)."""
    from dossier import analyze
    from dossier.pipeline import ingest
    from dossier.store import open_store
    with open_store(str(tmp / "store.db")) as store:
        ingest([str(corpus)], store, progress=False, nlp=nlp)
        for name, rows in (("entities", analyze.entities(store)),
                           ("timeline", analyze.timeline(store)),
                           ("claims", analyze.claims(store))):
            (tmp / f"{name}.json").write_text(json.dumps(rows, default=str), encoding="utf-8")
    res = _scorer().score_store(str(gold), str(tmp / "entities.json"), str(tmp / "timeline.json"))
    if (gold / "claims.json").exists():
        res.update(_scorer().score_claims(str(gold), str(tmp / "claims.json")))
    return res


@pytest.fixture(scope="module")
def figures(tmp_path_factory, nlp):
    if not SCORER.exists() or not SAMPLE.exists():
        pytest.skip("shared scorer or sample missing")
    return _score_corpus(SAMPLE, GOLD, tmp_path_factory.mktemp("quality_store"), nlp)


def _cross_outlet_set(name, tmp_path_factory, nlp):
    corpus = ROOT / "eval" / "corpus" / name
    gold = ROOT / "eval" / "gold" / name
    if not corpus.exists() or not (gold / "claims.json").exists() or not SCORER.exists():
        pytest.skip(f"{name} set or scorer missing")
    return _score_corpus(corpus, gold, tmp_path_factory.mktemp(f"quality_{name}"), nlp)


@pytest.fixture(scope="module")
def stories(tmp_path_factory, nlp):
    """The cross-outlet stories set (47 reports), ingested once for its gates."""
    return _cross_outlet_set("stories", tmp_path_factory, nlp)


@pytest.fixture(scope="module")
def stories2(tmp_path_factory, nlp):
    """The second cross-outlet set (42 reports), ingested once for its gates."""
    return _cross_outlet_set("stories2", tmp_path_factory, nlp)


def test_no_false_merges(figures):
    assert figures["entity_false_merges"]["count"] == 0


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_floor(figures, name):
    assert figures[name]["acc"] >= FLOORS[name], figures


# claims across outlets (lexical path, no embeddings): sample figures 2026-12-06 were
# report recall 0.92, whole 0.85, conflated 0, disputes found 0.80
CLAIM_FLOORS = {"claims_report_recall": 0.85, "claims_whole": 0.75, "disputes_found": 0.7}


@pytest.mark.parametrize("name", sorted(CLAIM_FLOORS))
def test_claims_floor(figures, name):
    assert figures[name]["acc"] >= CLAIM_FLOORS[name], figures


def test_claims_not_conflated(figures):
    assert figures["claims_conflated"]["count"] == 0, figures


def test_stories_claims_and_disputes(stories):
    """The cross-outlet stories set (47 reports): claims gathered across outlets and their
    disputes. Figures 2026-12-06 (lexical path): report recall 0.64, whole 0.19,
    conflated 5 (pairs of gold claims whose third report extraction misses, so that their
    best claim is the same two-report copy pair), disputes found 0.55; after issue #11
    items 4-5 (speakers through their state or body, pronoun guesses, denied reports, a
    second pass; participants disputes): 0.78, 0.48, 2, 0.73; with the statements the
    extractor now finds and the entities it now types right: 0.91, 0.81, 3, 0.82."""
    res = stories
    assert res["claims_report_recall"]["acc"] >= CLAIMS_STORIES["claims_report_recall"], res
    assert res["claims_whole"]["acc"] >= CLAIMS_STORIES["claims_whole"], res
    assert res["claims_conflated"]["count"] <= 3, res
    assert res["disputes_found"]["acc"] >= CLAIMS_STORIES["disputes_found"], res


def test_splits(figures):
    assert figures["timeline_splits_per_event"]["mean"] is None \
        or figures["timeline_splits_per_event"]["mean"] <= MAX_SPLITS


def test_conflated(figures):
    assert figures["timeline_conflated"]["count"] <= MAX_CONFLATED, figures


def test_stories_dev_set(stories):
    """The cross-outlet development set: three stories told by many outlets (47 reports)."""
    res = stories
    assert res["entity_false_merges"]["count"] == 0, res
    for name, floor in STORIES.items():
        assert res[name]["acc"] >= floor, (name, res)
    assert res["timeline_splits_per_event"]["mean"] <= STORIES_MAX_SPLITS, res
    assert res["timeline_conflated"]["count"] == 0, res


def test_stories2_dev_set(stories2):
    """The second cross-outlet set: a ship's crew held and freed through a mediator, a flood
    blamed on a dam, a border attack and a ceasefire (42 reports)."""
    res = stories2
    assert res["entity_false_merges"]["count"] == 0, res
    for name, floor in STORIES2.items():
        assert res[name]["acc"] >= floor, (name, res)
    assert res["timeline_splits_per_event"]["mean"] <= 1.2, res
    assert res["timeline_conflated"]["count"] == 0, res
    assert res["claims_conflated"]["count"] <= 4, res


@pytest.mark.slow
def test_meantime_dev_entities_across_articles(tmp_path, nlp):
    """MEANTIME development articles: entities joined across articles (60 documents)."""
    corpus = SHARED / "eval" / "meantime-dev" / "corpus"
    gold = ROOT / "eval" / "gold" / "meantime-dev"
    if not corpus.exists() or not SCORER.exists():
        pytest.skip("MEANTIME corpus or scorer missing")
    from dossier import analyze
    from dossier.pipeline import ingest
    from dossier.store import open_store
    with open_store(str(tmp_path / "mt.db")) as store:
        ingest([str(corpus)], store, progress=False, nlp=nlp)
        (tmp_path / "e.json").write_text(json.dumps(analyze.entities(store)), encoding="utf-8")
    (tmp_path / "t.json").write_text("[]", encoding="utf-8")
    res = _scorer().score_store(str(gold), str(tmp_path / "e.json"), str(tmp_path / "t.json"))
    assert res["entities_whole"]["acc"] >= 0.75, res
    assert res["entity_false_merges"]["count"] <= 2, res
