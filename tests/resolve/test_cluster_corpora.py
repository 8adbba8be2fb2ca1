"""The rebuild as independent blocks on the dev corpora (slow): every store-level figure
within 0.01 of ``dossier resolve --rebuild`` (``rebuild_in_blocks``), with two or three
time windows (items reach across their edges) and entity blocks of one letter group
each, on a local Dask cluster of one worker."""
import pytest

from conftest import ROOT, SAMPLE, SHARED
from test_incremental_corpora import SCORER, _close, _figures

CORPORA = {
    "sample": (SAMPLE, ROOT / "eval" / "gold" / "sample"),
    "stories": (ROOT / "eval" / "corpus" / "stories", ROOT / "eval" / "gold" / "stories"),
    "meantime-dev": (SHARED / "eval" / "meantime-dev" / "corpus",
                     ROOT / "eval" / "gold" / "meantime-dev"),
}


# Known difference (2026-12-06, issue #12): on the stories set a denial, the report it
# denies and a spokeswoman's restatement meet across a window edge; the stitched claims,
# resolved again from their restricted statements, lose the denial's reported content
# (claims recall 0.89 against 0.94). Strict: the test says so when it is mended.
_STITCH = pytest.mark.xfail(strict=True, reason="claims stitched across a window edge lose a "
                            "denial's reported content (benchmarks/README.md, fifth round)")


@pytest.mark.slow
@pytest.mark.parametrize("corpus", [c if c != "stories" else pytest.param(c, marks=_STITCH)
                                    for c in sorted(CORPORA)])
def test_cluster_rebuild_scores_as_the_rebuild(corpus, tmp_path, nlp):
    src, gold = CORPORA[corpus]
    if not SCORER.exists() or not src.exists() or not gold.exists():
        pytest.skip("corpus, gold or shared scorer missing")
    from dossier.distributed import dask_runner
    from dossier.pipeline import ingest
    from dossier.resolve.cluster import rebuild_partitioned
    from dossier.resolve.incremental import rebuild_in_blocks
    from dossier.store import open_store
    with open_store(str(tmp_path / "x.db")) as store:
        ingest([str(src)], store, progress=False, nlp=nlp, resolve=False)
        n = store.counts()["extractions"]
        rebuild_in_blocks(store)
        expected = _figures(store, gold, tmp_path)
        with dask_runner(workers=1) as run:
            out = rebuild_partitioned(store, run, window_reports=max(2, n // 2),
                                      entity_block=1)
        assert out["mode"] == "cluster" and out["windows"] >= 2 and out["entity_blocks"] > 1
        _close(expected, _figures(store, gold, tmp_path))
