"""Near-duplicates on the sample: the syndicated copy is found, other reports are not."""
import json
from pathlib import Path

import pytest

from dossier.clean import clean_document
from dossier.clean.dedupe import NearDuplicateIndex, jaccard, signature
from dossier.ingest import read_path
from dossier.records import RawDocument

SAMPLE = Path(__file__).resolve().parents[2] / "sample"


@pytest.fixture(scope="module")
def sample_docs():
    return [clean_document(r) for r in read_path(SAMPLE) if isinstance(r, RawDocument)]


def test_signature_is_json_and_deterministic():
    sig = signature("The envoy met the president in Kyiv on Monday.")
    assert sig == signature("The envoy met the president in Kyiv on Monday.")
    assert json.loads(json.dumps(sig)) == sig and len(sig) == 128
    assert all(isinstance(v, int) for v in sig)


def test_syndicated_copy_found_and_nothing_else(sample_docs):
    index = NearDuplicateIndex(threshold=0.8)
    found = {}
    for doc in sample_docs:
        sig = signature(doc.text)
        hit = index.query(sig)
        if hit:
            found[doc.id] = hit
        index.add(doc.id, sig)
    assert list(found) == ["008_florida-talks-syndicated"]
    original, score = found["008_florida-talks-syndicated"]
    assert original == "007_florida-talks-held" and 0.8 <= score <= 1.0


def test_same_story_reports_are_far_apart(sample_docs):
    by_id = {d.id: signature(d.text) for d in sample_docs}
    # two outlets on the same Kremlin meeting, and the two on the Geneva plan
    assert jaccard(by_id["011_kremlin-meeting"], by_id["012_ushakov-on-donbas"]) < 0.3
    assert jaccard(by_id["002_geneva-framework-27-points"],
                   by_id["003_kyiv-reacts-20-point-plan"]) < 0.3


def test_light_edits_still_match():
    base = ("US and Ukrainian negotiators met for about four hours in Florida on Sunday, and both "
            "sides said afterwards that the talks had been useful but that important questions "
            "remained. The head of the delegation said he would report to the president on Monday. "
            "Officials said the delegation would stay in the United States for further talks.")
    edited = base.replace("about four hours", "nearly four hours").replace("Officials", "Aides")
    index = NearDuplicateIndex()
    index.add("orig", signature(base))
    hit = index.query(signature(edited))
    assert hit is not None and hit[0] == "orig" and hit[1] >= 0.8


def test_exact_copy_scores_one_and_ties_go_to_the_first():
    text = "The Kremlin said the talks would continue next week in Moscow."
    index = NearDuplicateIndex()
    index.add("first", signature(text))
    index.add("second", signature(text))
    index.add("first", signature("something else entirely"))  # re-adding is a no-op
    assert index.query(signature(text)) == ("first", 1.0)
    assert len(index) == 2 and "second" in index


def test_unrelated_text_is_none():
    index = NearDuplicateIndex()
    index.add("a", signature("The envoy flew to Moscow to meet the president on Tuesday."))
    assert index.query(signature("Quarterly earnings at the carmaker beat expectations.")) is None


def test_bad_threshold():
    with pytest.raises(ValueError):
        NearDuplicateIndex(threshold=0)
