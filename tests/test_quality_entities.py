"""Evaluation gate for entities: extract over the development sets (the founding report and
MEANTIME-dev) through ingest and clean, score with the shared scorer, and hold the entity F1
and the variant figure above pinned floors (a few points under what we reach).

Reached when pinned (title kept as the first line of the text, as MEANTIME annotates it):
founding report entities F1 1.000 (20 of 20), variants 1.000 (6 of 6);
MEANTIME-dev entities F1 0.897 (P 0.874, R 0.921; 187 of 203 gold), variants 0.977 (42 of 43).
Off-the-shelf en_core_web_sm (one entity per distinct NER string): 0.783 / 0.753 F1, variants 0.
"""
import importlib.util
import json
from pathlib import Path

import pytest

from conftest import SHARED

EVAL = SHARED / "eval"
# name: (corpus dir, gold dir, entities F1 floor, variants floor)
FLOORS = {
    "dev": (SHARED / "corpus", EVAL / "dev", 0.95, 0.83),
    "meantime-dev": (EVAL / "meantime-dev" / "corpus", EVAL / "meantime-dev" / "gold", 0.86, 0.90),
}

pytestmark = pytest.mark.skipif(not (EVAL / "score.py").exists(), reason="shared eval not present")


def _scorer():
    spec = importlib.util.spec_from_file_location("dossier_eval_score_entities", EVAL / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _documents(corpus: Path, gold: Path):
    """Corpus files read and cleaned by the project's own stages, the title as the first line."""
    from dossier.clean import clean_document
    from dossier.ingest import read_path
    for path in sorted(corpus.glob("*.txt")):
        if not (gold / (path.stem + ".json")).exists():
            continue
        for raw in read_path(str(path)):
            if raw.title:
                raw.raw_text = raw.title + "\n" + raw.raw_text
            yield clean_document(raw)


def _score(nlp, corpus: Path, gold: Path, tmp_path: Path):
    from dossier.nlp import extract_documents
    pred = tmp_path / "pred.jsonl"
    n = 0
    with pred.open("w", encoding="utf-8") as fp:
        for ex in extract_documents(_documents(corpus, gold), nlp=nlp):
            fp.write(json.dumps(ex.to_json()) + "\n")
            n += 1
    assert n, f"no corpus files for {gold}"
    return _scorer().score_extract(str(gold), str(pred))


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_entities_floor(nlp, name, tmp_path):
    corpus, gold, f1_floor, var_floor = FLOORS[name]
    res = _score(nlp, corpus, gold, tmp_path)
    assert not res["missing"], res["missing"]
    f1 = res["entities"]["f1"]
    assert f1 >= f1_floor, f"{name}: entities F1 {f1:.3f} under the floor {f1_floor} ({res['entities']})"
    var = res["variants"]["acc"]
    assert var >= var_floor, f"{name}: variants {var:.3f} under the floor {var_floor} ({res['variants']})"
