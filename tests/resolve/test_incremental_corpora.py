"""Incremental resolution on the dev corpora (slow): a corpus ingested in three batches,
in shuffled order, each batch resolved incrementally (stored entities take part as
seeds, stored items and claims as candidates found through the look-up keys) with the
narrowest date window and with the default one, scores as the corpus ingested at once:
every store-level figure within 0.01, on SQLite and on PostgreSQL."""
import importlib.util
import json
import random

import pytest

from conftest import ROOT, SAMPLE, SHARED
from store.conftest import pg_server, pg_url  # noqa: F401 - the PostgreSQL fixtures

SCORER = SHARED / "eval" / "score.py"
CORPORA = {
    "sample": (SAMPLE, ROOT / "eval" / "gold" / "sample"),
    "stories": (ROOT / "eval" / "corpus" / "stories", ROOT / "eval" / "gold" / "stories"),
    "meantime-dev": (SHARED / "eval" / "meantime-dev" / "corpus",
                     ROOT / "eval" / "gold" / "meantime-dev"),
}


def _scorer():
    spec = importlib.util.spec_from_file_location("dossier_shared_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _figures(store, gold, tmp):
    from dossier import analyze
    (tmp / "e.json").write_text(json.dumps(analyze.entities(store)), encoding="utf-8")
    (tmp / "t.json").write_text(json.dumps(analyze.timeline(store)), encoding="utf-8")
    (tmp / "c.json").write_text(json.dumps(analyze.claims(store), default=str), encoding="utf-8")
    res = _scorer().score_store(str(gold), str(tmp / "e.json"), str(tmp / "t.json"))
    if (gold / "claims.json").exists():
        res.update(_scorer().score_claims(str(gold), str(tmp / "c.json")))
    out = {}
    for name, fig in res.items():
        for k, v in (fig.items() if isinstance(fig, dict) else []):
            if isinstance(v, (int, float)) and k in ("acc", "mean", "count", "p", "r", "f1"):
                out[f"{name}.{k}"] = v
    return out


BATCHES = [3, 6]  # the first holds half the corpus, the others share the rest


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def parts_url(request, tmp_path):
    """Where the batches go: a SQLite file, or an empty PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "parts.db")
    return request.getfixturevalue("pg_url")


@pytest.mark.slow
@pytest.mark.parametrize("batches", BATCHES)
@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_batches_score_as_the_whole(corpus, batches, tmp_path, nlp, parts_url):
    src, gold = CORPORA[corpus]
    if not SCORER.exists() or not src.exists() or not gold.exists():
        pytest.skip("corpus, gold or shared scorer missing")
    from dossier.pipeline import ingest
    from dossier.resolve import rebuild, update
    from dossier.store import open_store
    with open_store(str(tmp_path / "x.db")) as store:
        ingest([str(src)], store, progress=False, nlp=nlp, resolve=False)
        reports = list(store.iter_extractions())
    with open_store(str(tmp_path / "whole.db")) as whole:
        for x in reports:
            whole.add_document(x.doc, x)
        rebuild(whole)
        expected = _figures(whole, gold, tmp_path)
    random.Random(5).shuffle(reports)
    half = len(reports) // 2
    cut = [0] + [half + (len(reports) - half) * i // (batches - 1) for i in range(batches)]
    modes = []
    with open_store(parts_url) as parts:
        for i in range(batches):
            for x in reports[cut[i]:cut[i + 1]]:
                parts.add_document(x.doc, x)
            modes.append((update(parts, full_fraction=1.01) if i else rebuild(parts)).get("mode"))
        got = _figures(parts, gold, tmp_path)
    assert modes[1:] == ["incremental"] * (batches - 1)
    _close(expected, got)
    # a rebuild in blocks (in publication order) scores as the whole too
    from dossier.resolve.incremental import rebuild_in_blocks
    chunk = len(reports) // batches + 1
    with open_store(parts_url) as parts:
        out = rebuild_in_blocks(parts, chunk=chunk)
        assert out["mode"] == "blocks" and out["blocks"] == -(-len(reports) // chunk)
        _close(expected, _figures(parts, gold, tmp_path))


def _close(expected, got):
    assert expected and set(got) == set(expected)
    far = {k: (expected[k], got[k]) for k in expected if abs(expected[k] - got[k]) > 0.01}
    assert not far, far
