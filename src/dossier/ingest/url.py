"""Fetch one http(s) URL as a ``RawDocument`` — opt-in, with size, time and address limits.

URL ingest is off by default (``read_inputs(..., allow_urls=False)``). When enabled,
``fetch_url`` guards against server-side request forgery:

* only ``http`` and ``https`` URLs, without embedded credentials;
* the host is resolved with ``socket.getaddrinfo`` and **every** address is checked with
  ``ipaddress``: private, loopback, link-local, multicast, reserved, unspecified and other
  non-global addresses are refused (IPv4-mapped IPv6 addresses are unwrapped first);
* the connection goes to the address that was checked (no second DNS lookup, so a
  rebinding DNS server cannot swap it), with TLS verified against the host name;
* redirects are followed by hand (at most ``MAX_REDIRECTS``), and every hop is checked
  again *before* connecting;
* the body is read in chunks and abandoned past ``max_bytes``; the whole fetch, redirects
  included, must finish within ``timeout`` seconds.

Refusals raise ``DossierError(E.E112)``; an oversized body ``E107``; network failures and
time-outs ``E110``.
"""
from __future__ import annotations

import hashlib
import http.client
import ipaddress
import re
import socket
import ssl
import time
from email.message import Message
from urllib.parse import urljoin, urlsplit

from ..errors import DossierError, E
from ..limits import MAX_BYTES
from ..records import RawDocument

__all__ = ["fetch_url", "fetch_bytes", "check_url", "read_url_list", "MAX_REDIRECTS"]

MAX_REDIRECTS = 5
DEFAULT_MAX_BYTES = MAX_BYTES
DEFAULT_TIMEOUT = 20.0
USER_AGENT = "dossier/0.1 (+https://github.com/; news-report ingest)"
_REDIRECTS = {301, 302, 303, 307, 308}
_CHUNK = 65536


def _refuse(url: str, detail: str) -> DossierError:
    return DossierError(E.E112, path=url, detail=detail)


def _address_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address,
                     allow_loopback: bool) -> str | None:
    """Why ``ip`` may not be fetched from, or None when it is a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            return _address_problem(mapped, allow_loopback)
        if ip.teredo is not None:
            return _address_problem(ip.teredo[1], allow_loopback)
    if ip.is_loopback:
        return None if allow_loopback else "loopback address"
    for attr, label in (("is_link_local", "link-local address"),
                        ("is_multicast", "multicast address"),
                        ("is_unspecified", "unspecified address"),
                        ("is_reserved", "reserved address"),
                        ("is_private", "private address")):
        if getattr(ip, attr):
            return label
    if not ip.is_global:
        return "non-public address"
    return None


def _resolve(url: str, host: str, port: int, allow_loopback: bool) -> list[str]:
    """All addresses of ``host``, each checked; raise E112 if any is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise DossierError(E.E110, path=url, detail=f"cannot resolve host {host!r}: {exc}") from None
    addresses: list[str] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        addr = str(sockaddr[0]).split("%", 1)[0]  # drop an IPv6 zone id (always a str for IP families)
        try:
            ip = ipaddress.ip_address(addr)
        except ValueError:
            raise _refuse(url, f"host {host!r} resolved to an unparseable address {addr!r}") from None
        problem = _address_problem(ip, allow_loopback)
        if problem:
            raise _refuse(url, f"host {host!r} resolves to {addr}, a {problem}")
        if addr not in addresses:
            addresses.append(addr)
    if not addresses:
        raise DossierError(E.E110, path=url, detail=f"host {host!r} has no address")
    return addresses


def check_url(url: str, *, allow_loopback: bool = False) -> tuple[str, str, int, list[str]]:
    """Validate ``url`` and resolve its host: (scheme, host, port, vetted addresses).

    Raises ``DossierError(E.E112)`` for a scheme other than http(s), credentials in the
    URL, or a host with any non-public address.
    """
    if not isinstance(url, str) or any(c in url for c in "\r\n\t\x00 "):
        raise _refuse(str(url)[:200], "malformed URL")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise _refuse(url, f"malformed URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise _refuse(url, f"scheme {scheme or '(none)'!r} is not allowed: only http and https")
    if parts.username is not None or parts.password is not None:
        raise _refuse(url, "credentials in the URL are not allowed")
    host = parts.hostname
    if not host:
        raise _refuse(url, "no host in the URL")
    port = port or (443 if scheme == "https" else 80)
    return scheme, host, port, _resolve(url, host, port, allow_loopback)


def _open_socket(address: str, port: int, timeout: float) -> socket.socket:
    """Connect to a vetted address (tests replace this to prove no connection happens)."""
    return socket.create_connection((address, port), timeout=timeout)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to an address already checked, whatever DNS says now."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = _open_socket(self._address, self.port, self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = _open_socket(self._address, self.port, self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _deadline_left(url: str, deadline: float, timeout: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise DossierError(E.E110, path=url, detail=f"timed out after {timeout:g} s")
    return left


def fetch_bytes(url: str, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT,
                allow_loopback: bool = False) -> tuple[bytes, str, str]:
    """GET ``url`` safely: (body, content type header, final URL after redirects).

    ``allow_loopback`` is for tests against a local server only.
    """
    deadline = time.monotonic() + timeout
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        scheme, host, port, addresses = check_url(current, allow_loopback=allow_loopback)
        parts = urlsplit(current)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn_cls = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
        conn = conn_cls(host, port, addresses[0], _deadline_left(current, deadline, timeout))
        try:
            try:
                conn.request("GET", target, headers={"User-Agent": USER_AGENT,
                                                     "Accept": "text/html, application/rss+xml, "
                                                               "application/atom+xml, text/plain;q=0.9, */*;q=0.5",
                                                     "Accept-Encoding": "identity"})
                resp = conn.getresponse()
            except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
                if isinstance(exc, (socket.timeout, TimeoutError)):
                    raise DossierError(E.E110, path=url, detail=f"timed out after {timeout:g} s") from None
                raise DossierError(E.E110, path=url, detail=f"{type(exc).__name__}: {exc}") from None
            if resp.status in _REDIRECTS:
                location = resp.getheader("Location")
                if not location:
                    raise DossierError(E.E110, path=url, detail=f"HTTP {resp.status} without a Location")
                current = urljoin(current, location.strip())
                continue
            if resp.status != 200:
                raise DossierError(E.E110, path=url, detail=f"HTTP {resp.status} {resp.reason}")
            length = resp.getheader("Content-Length")
            if length and length.strip().isdigit() and int(length) > max_bytes:
                raise DossierError(E.E107, path=url, size=int(length), limit=max_bytes)
            body = bytearray()
            while True:
                if conn.sock is not None:
                    conn.sock.settimeout(_deadline_left(current, deadline, timeout))
                try:
                    chunk = resp.read(_CHUNK)
                except (OSError, http.client.HTTPException) as exc:
                    if isinstance(exc, (socket.timeout, TimeoutError)):
                        raise DossierError(E.E110, path=url, detail=f"timed out after {timeout:g} s") from None
                    raise DossierError(E.E110, path=url, detail=f"{type(exc).__name__}: {exc}") from None
                if not chunk:
                    break
                body += chunk
                if len(body) > max_bytes:
                    raise DossierError(E.E107, path=url, size=f"more than {max_bytes}", limit=max_bytes)
            return bytes(body), resp.getheader("Content-Type") or "", current
        finally:
            conn.close()
    raise _refuse(url, f"more than {MAX_REDIRECTS} redirects")


def _guess_format(content_type: str, body: bytes) -> str:
    ctype = content_type.split(";", 1)[0].strip().lower()
    head = body[:512].lstrip().lower()
    if "atom" in ctype or b"<feed" in head:
        return "atom"
    if "rss" in ctype or b"<rss" in head or b"<rdf:rdf" in head:
        return "rss"
    if "html" in ctype or head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if "json" in ctype:
        return "jsonl"
    return "text"


def _decode(url: str, body: bytes, content_type: str) -> str:
    if body.startswith(b"\xef\xbb\xbf"):
        return body[3:].decode("utf-8", errors="strict")
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return body.decode("utf-16")
    msg = Message()
    msg["Content-Type"] = content_type or "text/plain"
    charset = msg.get_param("charset")
    candidates = [str(charset)] if isinstance(charset, str) else []
    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", body[:2048], re.I)
    if m:
        candidates.append(m.group(1).decode("ascii"))
    candidates.append("utf-8")
    for enc in candidates:
        try:
            return body.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    raise DossierError(E.E102, path=url, detail="the page is not UTF-8 and declares no usable charset")


def fetch_url(url: str, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT,
              allow_loopback: bool = False) -> RawDocument:
    """Fetch ``url`` as a ``RawDocument`` (``raw_text`` is the page source, ``format`` guessed).

    The readers parse it further by ``format`` (HTML extraction, feed items, ...).
    ``meta`` holds ``content_type`` and ``final_url``.
    """
    body, content_type, final = fetch_bytes(url, max_bytes=max_bytes, timeout=timeout,
                                            allow_loopback=allow_loopback)
    if b"\x00" in body and not body.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DossierError(E.E101, path=url)
    text = _decode(url, body, content_type)
    if not text.strip():
        raise DossierError(E.E103, path=url)
    host = (urlsplit(final).hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    doc_id = "url_" + hashlib.sha256(final.encode("utf-8")).hexdigest()[:16]
    return RawDocument(id=doc_id, raw_text=text, source=host or None, url=final, origin=url,
                       format=_guess_format(content_type, body),
                       meta={"content_type": content_type, "final_url": final})


def read_url_list(path: str) -> list[str]:
    """The URLs in a list file: one a line; blank lines and ``#`` comments skipped."""
    try:
        with open(path, encoding="utf-8") as fp:
            lines = fp.read().splitlines()
    except FileNotFoundError:
        raise DossierError(E.E100, path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DossierError(E.E110, path=path, detail=str(exc)) from None
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
