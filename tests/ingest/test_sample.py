"""The bundled sample: it reads cleanly, and its gold annotations agree with its texts."""
import json
import re
from pathlib import Path

import pytest

from dossier.clean import clean_document
from dossier.ingest import read_path
from dossier.records import RawDocument

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample"
GOLD = ROOT / "eval" / "gold" / "sample"


@pytest.fixture(scope="module")
def texts():
    results = list(read_path(SAMPLE))
    assert all(isinstance(r, RawDocument) for r in results), [str(r) for r in results]
    return {r.id: clean_document(r).text for r in results}


def test_sample_size_and_formats(texts):
    formats = {r.format for r in read_path(SAMPLE)}
    assert formats == {"founding", "html", "rss", "jsonl"}
    reports = sorted(SAMPLE.glob("[0-9][0-9][0-9]_*.txt"))
    assert 14 <= len(reports) <= 18
    for path in reports:
        words = len(path.read_text(encoding="utf-8").split())
        assert 120 <= words <= 320, path.name


def test_gold_entities_match_the_texts(texts):
    gold = json.loads((GOLD / "entities.json").read_text(encoding="utf-8"))
    for ent in gold:
        assert ent["documents"], ent["name"]
        for doc in ent["documents"]:
            assert doc in texts, doc
        for alias in ent["aliases"]:
            # used on its own somewhere, not only inside a longer name form
            longer = [a for a in ent["aliases"] if alias in a and a != alias]
            pattern = r"(?<![\w-])" + re.escape(alias) + r"(?!\w)"
            assert any(re.search(pattern, re.sub("|".join(map(re.escape, longer)) or "$^", "#",
                                                 texts[d]))
                       for d in ent["documents"]), alias


def test_gold_timeline_refers_to_gold_entities_and_documents(texts):
    names = {e["name"] for e in json.loads((GOLD / "entities.json").read_text("utf-8"))}
    timeline = json.loads((GOLD / "timeline.json").read_text(encoding="utf-8"))
    for item in timeline:
        assert set(item["participants"]) <= names, item["id"]
        assert set(item["documents"]) <= set(texts), item["id"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["date"])


def test_sample_exercises_spelling_variants(texts):
    corpus = "\n".join(texts.values())
    for variants in (("Zelensky", "Zelenskyy", "Zelenskiy"), ("Witkoff", "Vitkoff"),
                     ("Umerov", "Umierov"), ("Dmitriev", "Dimitriev"), ("Kyiv", "Kiev")):
        for v in variants:
            assert re.search(rf"\b{v}\b", corpus), v
