"""``dossier resolve``: what is new (nothing, on a resolved store), ``--rebuild`` in blocks,
``--rebuild --whole`` in memory; the same counts each way."""
import json
import sys
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyze"))
from analyze_fixtures import build_store  # noqa: E402

from dossier.cli import cli  # noqa: E402


def test_resolve_modes_agree(tmp_path):
    db = str(tmp_path / "r.db")
    build_store(db).close()
    out = {}
    for name, args in (("new", []), ("blocks", ["--rebuild", "--chunk", "2"]),
                       ("whole", ["--rebuild", "--whole"])):
        res = CliRunner().invoke(cli, ["resolve", "--db", db, "--format", "json", *args])
        assert res.exit_code == 0, res.output
        out[name] = json.loads(res.output)
    assert out["new"]["mode"] == "none" and out["blocks"]["mode"] == "blocks"
    assert out["blocks"]["blocks"] >= 2
    for key in ("entities", "timeline", "claims"):
        assert out["new"][key] == out["blocks"][key] == out["whole"][key] > 0
