"""``dossier resolve --rebuild --cluster local``: the rebuild as independent blocks on a
local Dask cluster gives the single-process rebuild's resolution."""
import json
import sys
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "resolve"))

from dossier.cli import cli  # noqa: E402
from dossier.resolve import rebuild  # noqa: E402
from dossier.store import open_store  # noqa: E402

from test_cluster import DAYS, _filled, _reports, _view  # noqa: E402


def test_cli_rebuild_on_a_local_cluster(tmp_path):
    store = _filled(tmp_path / "x.db", _reports())
    rebuild(store)
    expected = _view(store)
    store.close()
    res = CliRunner().invoke(cli, ["resolve", "--db", str(tmp_path / "x.db"), "--rebuild",
                                    "--cluster", "local", "--workers", "1", "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["mode"] == "cluster" and out["documents"] == len(DAYS)
    with open_store(str(tmp_path / "x.db")) as store:
        assert _view(store) == expected
    bad = CliRunner().invoke(cli, ["resolve", "--db", str(tmp_path / "x.db"),
                                    "--cluster", "local"])
    assert bad.exit_code != 0 and "--rebuild" in bad.output


