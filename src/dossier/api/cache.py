"""Answers from a cache keyed by the store's version (issue #16).

What a read returns changes only when the store does, and every write raises the store's
version (``Store.data_version``, one row). ``ResponseCache`` (pure ASGI) keeps the bodies
of successful ``GET`` answers under (path, query) for the version they were computed at,
answers again from there while the version stands, and gives every answer an ``ETag``
naming the version, so a client revalidating with ``If-None-Match`` gets ``304 Not
Modified`` without the page being built, or even looked up. A new version drops every
entry. Bounded: ``CACHE_MAX_BYTES`` in all, ``CACHE_MAX_ENTRY`` per answer.
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Callable

CACHE_MAX_BYTES = 64 * 1024 * 1024  # bodies kept, in all (per server process)
CACHE_MAX_ENTRY = 4 * 1024 * 1024  # a larger answer is served, not kept
UNCACHED_PREFIXES = ("/static/",)  # StaticFiles has its own ETag and Last-Modified


class ResponseCache:
    """The ASGI middleware. ``version()`` returns the store's version (None: unknown, then
    nothing is cached); ``extra_headers`` are added to 304 answers (security headers)."""

    def __init__(self, app, version: Callable[[], int | None],
                 extra_headers: dict[str, str] | None = None,
                 max_bytes: int = CACHE_MAX_BYTES, max_entry: int = CACHE_MAX_ENTRY) -> None:
        self.app = app
        self.version = version
        self.extra = [(k.lower().encode("latin-1"), v.encode("latin-1"))
                      for k, v in (extra_headers or {}).items()]
        self.max_bytes, self.max_entry = max_bytes, max_entry
        self.entries: OrderedDict[tuple[str, bytes], tuple[int, list, bytes]] = OrderedDict()
        self.size = 0
        self.at_version: int | None = None
        self.hits = self.misses = self.not_modified = 0

    def clear(self) -> None:
        self.entries.clear()
        self.size = 0

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") \
                or scope["path"].startswith(UNCACHED_PREFIXES):
            await self.app(scope, receive, send)
            return
        try:
            version = self.version()
        except Exception:  # noqa: BLE001 - no version, no cache: the route answers (or fails)
            version = None
        if version is None:
            await self.app(scope, receive, send)
            return
        if version != self.at_version:
            self.clear()
            self.at_version = version
        key = (scope["path"], scope.get("query_string") or b"")
        tag = b'W/"%x-%s"' % (version, hashlib.sha1(key[0].encode("utf-8", "surrogateescape")
                                                   + b"?" + key[1]).hexdigest()[:16].encode())
        headers = dict(scope.get("headers") or [])
        given = headers.get(b"if-none-match", b"")
        if given and (given.strip() == b"*" or tag in [t.strip() for t in given.split(b",")]):
            self.not_modified += 1
            await send({"type": "http.response.start", "status": 304,
                        "headers": [(b"etag", tag), (b"cache-control", b"no-cache"),
                                    *self.extra]})
            await send({"type": "http.response.body", "body": b""})
            return
        # a client asking for a fresh answer (Cache-Control: no-cache) gets one
        fresh = b"no-cache" in headers.get(b"cache-control", b"").lower() \
            or b"no-cache" in headers.get(b"pragma", b"").lower()
        hit = None if fresh else self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
            self.hits += 1
            status, resp_headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": resp_headers})
            await send({"type": "http.response.body",
                        "body": b"" if scope["method"] == "HEAD" else body})
            return
        self.misses += 1
        start: dict | None = None
        parts: list[bytes] = []
        size = 0
        keep = scope["method"] == "GET"

        async def capture(message):
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                start = message
                if message["status"] == 200:
                    message = {**message, "headers": [
                        *[(k, v) for k, v in message.get("headers", [])
                          if k.lower() not in (b"etag", b"cache-control")],
                        (b"etag", tag), (b"cache-control", b"no-cache")]}
                    start = message
                else:
                    keep = False
            elif message["type"] == "http.response.body" and keep:
                size += len(message.get("body", b""))
                if size > self.max_entry:
                    keep = False
                    parts.clear()
                else:
                    parts.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        if keep and start is not None and self.at_version == version:
            body = b"".join(parts)
            old_entry = self.entries.pop(key, None)
            if old_entry is not None:  # two requests for it missed at once
                self.size -= len(old_entry[2])
            self.entries[key] = (start["status"], list(start.get("headers", [])), body)
            self.size += len(body)
            while self.size > self.max_bytes and self.entries:
                _, (_, _, old) = self.entries.popitem(last=False)
                self.size -= len(old)
