"""Shared fixtures: paths to ../shared, the sample, and a loaded pipeline."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "sample"
FOUNDING = SHARED / "corpus" / "000_delegation-reports-to-zelensky.txt"


@pytest.fixture(scope="session")
def nlp():
    from dossier.nlp import load_pipeline
    return load_pipeline()


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "test.db")
