"""``dossier ingest URL... --allow-urls`` and ``--url-list FILE``, against a local
``http.server`` on 127.0.0.1 only (the loopback refusal is lifted for that server alone)."""
from __future__ import annotations

import http.server
import threading

import pytest
from click.testing import CliRunner

from dossier.cli import cli
from dossier.ingest import url as url_mod
from dossier.store import open_store

PAGE = ("<html><head><title>Talks end in Geneva</title>"
        "<meta property=\"og:site_name\" content=\"Harbor Wire\"></head><body>"
        "<article><h1>Talks end in Geneva</h1>"
        "<p>Foreign Minister Anton Veresk met envoy Daniel Whitcombe in Geneva on Monday for "
        "talks on a ceasefire along the front line.</p>"
        "<p>The two sides agreed to meet again next week, officials said.</p>"
        "</article></body></html>").encode("utf-8")


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path != "/article":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def loopback_ok(monkeypatch):
    """Every other protection stays: only loopback addresses are let through."""
    real = url_mod._address_problem
    monkeypatch.setattr(url_mod, "_address_problem", lambda ip, allow_loopback: real(ip, True))


def _titles(db):
    with open_store(db) as store:
        return [d.title for d in store.iter_documents()]


def test_ingest_a_url(server, loopback_ok, tmp_path, nlp):
    db = str(tmp_path / "kb.db")
    r = CliRunner().invoke(cli, ["ingest", f"{server}/article", "--allow-urls", "--db", db, "-q"])
    assert r.exit_code == 0, r.output
    assert _titles(db) == ["Talks end in Geneva"]


def test_urls_are_refused_without_the_option(server, loopback_ok, tmp_path):
    db = str(tmp_path / "kb.db")
    r = CliRunner().invoke(cli, ["ingest", f"{server}/article", "--db", db, "-q"])
    assert r.exit_code == 1 and "[E112]" in r.stderr and "--allow-urls" in r.stderr


def test_loopback_is_refused_by_default(server, tmp_path):
    db = str(tmp_path / "kb.db")
    r = CliRunner().invoke(cli, ["ingest", f"{server}/article", "--allow-urls", "--db", db, "-q"])
    assert r.exit_code == 1 and "[E112]" in r.stderr and "loopback" in r.stderr


def test_url_list(server, loopback_ok, tmp_path, nlp):
    db = str(tmp_path / "kb.db")
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# today's reading\n{server}/article\n\n{server}/missing\n"
                       "http://169.254.169.254/latest/meta-data/\n", "utf-8")
    r = CliRunner().invoke(cli, ["ingest", "--url-list", str(listing), "--db", db, "-q"])
    assert r.exit_code == 1  # the missing page and the metadata address fail, one line each
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 2 and "[E110]" in lines[0] and "404" in lines[0]
    assert "[E112]" in lines[1] and "169.254.169.254" in lines[1]
    assert _titles(db) == ["Talks end in Geneva"]


def test_missing_url_list(tmp_path):
    r = CliRunner().invoke(cli, ["ingest", "--url-list", str(tmp_path / "none.txt"),
                                 "--db", str(tmp_path / "kb.db")])
    assert r.exit_code == 1 and "[E100]" in r.stderr
