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


def test_loopback_server_rejects_other_host_names(tmp_path):
    from fastapi.testclient import TestClient

    from dossier.api import create_app

    app = create_app(str(tmp_path / "kb.db"), allowed_hosts=["127.0.0.1", "localhost", "::1"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/documents").status_code == 200
        assert c.get("/api/documents", headers={"Host": "localhost:8000"}).status_code == 200
        assert c.get("/api/documents", headers={"Host": "[::1]:8000"}).status_code == 200
        bad = c.get("/api/documents", headers={"Host": "evil.example:8000"})
        assert bad.status_code == 400 and bad.json()["error"]["code"] == "HTTP400"
        assert bad.headers["x-content-type-options"] == "nosniff"


def test_serve_runs_for_real(tmp_path):
    """The command starts uvicorn on 127.0.0.1 and answers until it is stopped."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time

    import httpx

    from dossier.store import open_store

    db = str(tmp_path / "kb.db")
    open_store(db).close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "DOSSIER_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-c", "from dossier.cli import main; main()",
                             "serve", "--db", db, "--port", str(port), "--log-level", "warning"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        resp = None
        for _ in range(300):  # readiness poll, not a timing assertion
            if proc.poll() is not None:
                break
            try:
                resp = httpx.get(f"http://127.0.0.1:{port}/api/documents")
                break
            except httpx.TransportError:
                time.sleep(0.05)
        assert resp is not None, proc.stderr.read().decode() if proc.poll() is not None else ""
        assert resp.status_code == 200 and resp.json()["total"] == 0
        assert "default-src 'self'" in resp.headers["content-security-policy"]
        assert "server" not in resp.headers
        post = httpx.post(f"http://127.0.0.1:{port}/api/documents", json={"text": "x"})
        assert post.status_code == 403 and post.json()["error"]["code"] == "E400"
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::"])
def test_non_loopback_bind_without_token_is_refused(ran, tmp_path, monkeypatch, host):
    monkeypatch.delenv("DOSSIER_TOKEN", raising=False)
    db = str(tmp_path / "kb.db")
    from dossier.store import open_store
    open_store(db).close()
    res = CliRunner().invoke(cli, ["serve", "--db", db, "--host", host])
    assert res.exit_code != 0 and "without a token" in res.output and not ran


def test_other_loopback_addresses_keep_the_host_check(ran, tmp_path, monkeypatch):
    monkeypatch.delenv("DOSSIER_TOKEN", raising=False)
    db = str(tmp_path / "kb.db")
    from dossier.store import open_store
    open_store(db).close()
    res = CliRunner().invoke(cli, ["serve", "--db", db, "--host", "127.0.0.2"])
    assert res.exit_code == 0, res.output
    from fastapi.testclient import TestClient
    app = ran[0][0]
    with TestClient(app, base_url="http://attacker.example") as c:
        assert c.get("/api/documents").status_code == 400
    with TestClient(app, base_url="http://127.0.0.2:8000") as c:
        assert c.get("/api/documents").status_code == 200


def test_allowed_host_with_a_token_on_the_network(ran, tmp_path, monkeypatch):
    monkeypatch.delenv("DOSSIER_TOKEN", raising=False)
    res = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "kb.db"), "--host", "0.0.0.0",
                                   "--token", "t", "--allowed-host", "news.example"])
    assert res.exit_code == 0, res.output
    assert "TLS" in res.output
    from fastapi.testclient import TestClient
    with TestClient(ran[0][0], base_url="http://news.example") as c:
        assert c.get("/api/documents").status_code == 200
    with TestClient(ran[0][0], base_url="http://rebound.example") as c:
        assert c.get("/api/documents").status_code == 400


def test_workers_start_from_an_import_string(ran, tmp_path, monkeypatch):
    import json
    import os
    monkeypatch.delenv("DOSSIER_TOKEN", raising=False)
    monkeypatch.delenv("DOSSIER_SERVE_CONFIG", raising=False)
    db = str(tmp_path / "kb.db")
    from dossier.store import open_store
    open_store(db).close()
    res = CliRunner().invoke(cli, ["serve", "--db", db, "--workers", "3"])
    assert res.exit_code == 0, res.output
    target, kw = ran[0]
    assert target == "dossier.api.app:app_from_env" and kw["workers"] == 3 and kw["factory"]
    assert json.loads(os.environ["DOSSIER_SERVE_CONFIG"])["db"] == db
    from dossier.api.app import app_from_env
    assert app_from_env().state.store_url == db
    monkeypatch.delenv("DOSSIER_SERVE_CONFIG")
