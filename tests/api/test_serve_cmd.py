"""``dossier serve``: loopback by default, options and the token reach the app."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from dossier.cli import cli


@pytest.fixture
def ran(monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    return calls


def test_serve_defaults_to_loopback(ran, tmp_path, monkeypatch):
    from dossier.store import open_store

    monkeypatch.delenv("DOSSIER_TOKEN", raising=False)
    db = str(tmp_path / "kb.db")
    open_store(db).close()
    res = CliRunner().invoke(cli, ["serve", "--db", db])
    assert res.exit_code == 0, res.output
    app, kw = ran[0]
    assert kw["host"] == "127.0.0.1" and kw["port"] == 8000
    assert app.state.token is None and app.state.store_url == db
    assert "read-only" in res.output


def test_serve_options_and_token_from_env(ran, tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_TOKEN", "from-env")
    res = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "kb.db"),
                                   "--host", "0.0.0.0", "--port", "8123"])
    assert res.exit_code == 0, res.output
    app, kw = ran[0]
    assert (kw["host"], kw["port"]) == ("0.0.0.0", 8123)
    assert app.state.token == "from-env"
    assert "warning" in res.output
    res = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "kb.db"), "--token", "t"])
    assert ran[1][0].state.token == "t"


def test_serve_bad_store_is_a_clear_error(ran, tmp_path, monkeypatch):
    monkeypatch.delenv("DOSSIER_TOKEN", raising=False)
    res = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "no" / "such" / "kb.db"),
                                   "--token", "t"])
    assert res.exit_code != 0 and "E200" in res.output
    # read-only over a file that does not exist: an error, not a new empty store
    res = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "missing.db")])
    assert res.exit_code != 0 and "E200" in res.output
    assert not (tmp_path / "missing.db").exists()
    assert not ran


def test_serve_help():
    res = CliRunner().invoke(cli, ["serve", "--help"])
    assert res.exit_code == 0
    for opt in ("--db", "--host", "--port", "--token"):
        assert opt in res.output
