"""URL ingest (``dossier.ingest.url``): SSRF refusals, redirects, limits — never the network.

Only a tiny ``http.server`` on 127.0.0.1 is contacted, with ``allow_loopback=True``.
"""
import http.server
import socket
import threading
import time

import pytest

from dossier.errors import DossierError
from dossier.ingest import url as url_mod
from dossier.ingest.url import check_url, fetch_url


@pytest.fixture
def no_connect(monkeypatch):
    """Record every connection attempt and refuse it, so nothing leaves the machine."""
    attempts = []

    def fake_open(address, port, timeout):
        attempts.append((address, port))
        raise AssertionError(f"tried to connect to {address}:{port}")

    monkeypatch.setattr(url_mod, "_open_socket", fake_open)
    return attempts


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://127.1.2.3:8080/x", "http://localhost/", "http://[::1]/",
    "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.1.1/", "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/",
    "http://224.0.0.1/", "http://240.0.0.1/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:10.0.0.1]/", "http://[fc00::1]/", "http://2130706433/",
])
def test_refuses_non_public_addresses(url, no_connect):
    with pytest.raises(DossierError) as info:
        fetch_url(url, max_bytes=1000, timeout=2)
    assert info.value.code in ("E112", "E110")
    if info.value.code == "E110":  # only an unresolvable odd spelling may fail as unreadable
        assert "resolve" in str(info.value)
    assert no_connect == []


@pytest.mark.parametrize("url", ["ftp://example.com/file.txt", "file:///etc/passwd",
                                 "gopher://example.com/", "javascript:alert(1)",
                                 "data:text/plain,hello", "example.com/no-scheme",
                                 "http://user:pw@example.com/", "http:///nohost",
                                 "http://exa mple.com/", "http://example.com:99999/"])
def test_refuses_other_schemes_and_malformed(url, no_connect):
    with pytest.raises(DossierError) as info:
        fetch_url(url, max_bytes=1000, timeout=2)
    assert info.value.code == "E112"
    assert "URL ingest refused" in str(info.value)
    assert no_connect == []


def test_every_resolved_address_is_checked(monkeypatch, no_connect):
    """A host with one public and one private address is refused (DNS rebinding style)."""
    def fake_getaddrinfo(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(DossierError) as info:
        check_url("https://news.example.org/a")
    assert info.value.code == "E112" and "10.1.2.3" in str(info.value)


def test_public_address_passes_check(monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, port, *a, **k: [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))])
    assert check_url("https://news.example.org/a") == ("https", "news.example.org", 443,
                                                      ["93.184.216.34"])


# ------------------------------------------------------------------ a local server

class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802
        route = self.routes.get(self.path)
        if route is None:
            self.send_response(404)
            self.end_headers()
            return
        kind, value = route
        if kind == "redirect":
            self.send_response(302)
            self.send_header("Location", value)
            self.end_headers()
        elif kind == "slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"start ")
            self.wfile.flush()
            time.sleep(value)
            try:
                self.wfile.write(b"end")
            except OSError:
                pass
        else:
            body = value if isinstance(value, bytes) else value.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", kind)
            if not self.path.startswith("/nolength"):
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    _Handler.routes = {}
    yield base, _Handler.routes
    httpd.shutdown()
    httpd.server_close()


def test_fetch_from_local_server_with_loopback_allowed(server):
    base, routes = server
    routes["/a"] = ("text/html; charset=utf-8",
                    "<html><head><title>Talks</title></head><body><p>Kyiv — talks ended.</p></body></html>")
    doc = fetch_url(base + "/a", max_bytes=10_000, timeout=5, allow_loopback=True)
    assert doc.format == "html" and "Kyiv — talks ended." in doc.raw_text
    assert doc.url == base + "/a" and doc.source == "127.0.0.1"
    # the same server is refused without the test-only switch
    with pytest.raises(DossierError) as info:
        fetch_url(base + "/a", max_bytes=10_000, timeout=5)
    assert info.value.code == "E112" and "loopback" in str(info.value)


@pytest.mark.parametrize("target", ["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/",
                                    "http://[::ffff:192.168.0.1]/", "file:///etc/passwd"])
def test_redirect_to_private_is_refused_without_connecting(server, monkeypatch, target):
    base, routes = server
    routes["/r"] = ("redirect", target)
    real_open = url_mod._open_socket
    connected = []

    def spy(address, port, timeout):
        connected.append(address)
        if address != "127.0.0.1":
            raise AssertionError(f"connected to {address}")
        return real_open(address, port, timeout)

    monkeypatch.setattr(url_mod, "_open_socket", spy)
    with pytest.raises(DossierError) as info:
        fetch_url(base + "/r", max_bytes=10_000, timeout=5, allow_loopback=True)
    assert info.value.code == "E112", str(info.value)
    assert connected == ["127.0.0.1"]  # the test server only, never the redirect target


def test_redirect_chain_limit(server):
    base, routes = server
    for i in range(8):
        routes[f"/r{i}"] = ("redirect", f"/r{i + 1}")
    routes["/r8"] = ("text/plain", "done")
    with pytest.raises(DossierError) as info:
        fetch_url(base + "/r0", max_bytes=1000, timeout=5, allow_loopback=True)
    assert info.value.code == "E112" and "redirects" in str(info.value)
    # five redirects are fine
    doc = fetch_url(base + "/r3", max_bytes=1000, timeout=5, allow_loopback=True)
    assert doc.raw_text == "done" and doc.url.endswith("/r8")


def test_size_limit_with_and_without_content_length(server):
    base, routes = server
    routes["/big"] = ("text/plain", b"x" * 50_000)
    routes["/nolength-big"] = ("text/plain", b"y" * 50_000)
    for path in ("/big", "/nolength-big"):
        with pytest.raises(DossierError) as info:
            fetch_url(base + path, max_bytes=10_000, timeout=5, allow_loopback=True)
        assert info.value.code == "E107"


def test_time_limit(server):
    base, routes = server
    routes["/slow"] = ("slow", 3)
    with pytest.raises(DossierError) as info:
        fetch_url(base + "/slow", max_bytes=10_000, timeout=0.5, allow_loopback=True)
    assert info.value.code == "E110" and "timed out" in str(info.value)


def test_http_error_and_binary(server):
    base, routes = server
    with pytest.raises(DossierError) as info:
        fetch_url(base + "/missing", max_bytes=1000, timeout=5, allow_loopback=True)
    assert info.value.code == "E110" and "404" in str(info.value)
    routes["/bin"] = ("application/octet-stream", b"\x00\x01\x02binary")
    with pytest.raises(DossierError) as info:
        fetch_url(base + "/bin", max_bytes=1000, timeout=5, allow_loopback=True)
    assert info.value.code == "E101"


def test_feed_format_guess(server):
    base, routes = server
    routes["/feed"] = ("application/rss+xml", "<?xml version='1.0'?><rss><channel><item>"
                                              "<title>t</title></item></channel></rss>")
    doc = fetch_url(base + "/feed", max_bytes=10_000, timeout=5, allow_loopback=True)
    assert doc.format == "rss"


# ------------------------------------------------------------------ through read_inputs

def test_read_inputs_refuses_urls_unless_allowed(no_connect):
    from dossier.ingest import read_inputs
    (err,) = list(read_inputs(["https://news.example.org/a"]))
    assert isinstance(err, DossierError) and err.code == "E112"
    (err,) = list(read_inputs(["http://169.254.169.254/latest/"], allow_urls=True))
    assert isinstance(err, DossierError) and err.code == "E112"
    assert no_connect == []


def test_read_inputs_fetches_and_parses_a_page(server, monkeypatch):
    from dossier.ingest import read_inputs
    from dossier.records import RawDocument
    base, routes = server
    routes["/article"] = ("text/html; charset=utf-8",
                          "<html><head><title>Talks end in Geneva</title>"
                          "<meta property=\"og:site_name\" content=\"Harbor Wire\"></head><body>"
                          "<nav>Home | World</nav><article><h1>Talks end in Geneva</h1>"
                          "<p>Foreign Minister Anton Veresk met envoy Daniel Whitcombe in Geneva"
                          " on Monday for talks on a ceasefire along the front line.</p>"
                          "<p>The two sides agreed to meet again next week, officials said.</p>"
                          "</article><footer>(c) Harbor Wire</footer></body></html>")
    real = url_mod._address_problem
    monkeypatch.setattr(url_mod, "_address_problem",
                        lambda ip, allow_loopback: real(ip, True))  # this test's server only
    (doc,) = list(read_inputs([base + "/article"], allow_urls=True))
    assert isinstance(doc, RawDocument), str(doc)
    assert "Veresk" in doc.raw_text and doc.url == base + "/article"
