"""benchmarks/incremental.py runs end to end on a tiny world (its figures go in
benchmarks/README.md; no timing is asserted here)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import incremental  # noqa: E402


def test_incremental_benchmark_reports_its_fields(tmp_path):
    out = incremental.run(200, 20, str(tmp_path / "b.db"), quiet=True)
    assert {"resolve_add_s", "rebuild_s", "peak_rss_mb", "resolve_add"} <= set(out)
    assert out["resolve_add"]["mode"] in ("incremental", "full")
    assert out["counts"]["documents"] == out["counts"]["extractions"] > 200
    assert out["counts"]["entities"] and out["counts"]["timeline"] and out["rebuild"] == "blocks"
