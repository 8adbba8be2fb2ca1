"""Every request checked before any route sees it (issue #16): one place, so every route,
the pages and routes added later get the same checks, and a hostile request gets a 4xx in
the one error shape, never a 500.

``RequestGuard`` is a pure ASGI middleware (it never buffers more than the upload limit):

- ``Host`` must be one of the allowed names (DNS rebinding);
- the URL: path at most ``MAX_PATH_CHARS``; every query value at most ``MAX_QUERY_CHARS``
  (a 50,000-character ``q`` made SQLite's LIKE give up); integer parameters (``offset``,
  ``limit``, ...) within ``0..MAX_INTEGER`` (2^63 overflowed SQLite);
- a request body is streamed and refused with 413 as soon as it passes the upload limit
  (a chunked upload has no Content-Length to refuse it by);
- a JSON body must parse without NaN/Infinity, nest at most ``MAX_JSON_DEPTH`` deep, and
  for ``POST /api/documents`` be an object whose known fields are strings.

The checked body is then handed on unchanged.
"""
from __future__ import annotations

import json
import re
from typing import Any, Awaitable, Callable, Iterable
from urllib.parse import parse_qsl

from dossier.errors import E
from dossier.ingest.jsonl import json_kind

MAX_PATH_CHARS = 2048  # characters in the URL path
MAX_QUERY_CHARS = 1000  # characters in one query value (q, about, entity, from, ...)
MAX_QUERY_STRING = 16_384  # characters in the whole query string
MAX_INTEGER = 1_000_000_000  # the largest offset/limit/... a request may give
MAX_JSON_DEPTH = 32  # nesting of objects and lists in a JSON body
UPLOAD_FRAMING = 64 * 1024  # room for multipart framing on top of the upload limit
# query parameters that are integers wherever they appear
INTEGER_PARAMS = frozenset({"offset", "limit", "max_nodes", "page", "per_page", "size",
                            "top", "n", "depth"})
# fields of an uploaded JSON report, which must be strings when given
UPLOAD_FIELDS = ("id", "title", "text", "published", "date", "source", "url", "lang")
UPLOAD_PATH = "/api/documents"

_INT = re.compile(r"[+-]?\d+")

Send = Callable[[dict], Awaitable[None]]
Respond = Callable[[dict, int, str, str], Awaitable[None]]


class Refused(Exception):
    """A request refused: status, code and a message that says what to do."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def host_name(host: str) -> str:
    """The ``Host`` header without its port (``[::1]:80`` -> ``::1``)."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def check_url(path: str, query_string: str) -> None:
    """``Refused`` (400/414) for an over-long path or query value, or an integer parameter
    out of range."""
    if len(path) > MAX_PATH_CHARS:
        raise Refused(414, "E402", E.E402[1].format(
            detail=f"the path has {len(path)} characters, the limit is {MAX_PATH_CHARS}"))
    for name, value in parse_qsl(query_string,
                                 keep_blank_values=True, errors="replace"):
        shown = name[:40]
        if len(value) > MAX_QUERY_CHARS:
            raise Refused(400, "E402", E.E402[1].format(
                detail=f"{shown}: {len(value)} characters, the limit is {MAX_QUERY_CHARS}; "
                       "shorten the query"))
        if name in INTEGER_PARAMS and _INT.fullmatch(value.strip()):
            n = int(value)
            if abs(n) > MAX_INTEGER:  # in range but wrong (negative...): the route says so
                raise Refused(422, "E402", E.E402[1].format(
                    detail=f"{shown}={value[:30]} is out of range: give 0 to {MAX_INTEGER}"))
    if len(query_string) > MAX_QUERY_STRING:
        raise Refused(414, "E402", E.E402[1].format(
            detail=f"the query string has {len(query_string)} characters, the limit is "
                   f"{MAX_QUERY_STRING}"))


def _depth_ok(value: Any, limit: int) -> bool:
    """Whether ``value`` nests at most ``limit`` lists/objects deep (iterative)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children: Iterable[Any]
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return False
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return True


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON; give a number or a string")


def check_json(body: bytes, upload: bool) -> None:
    """``Refused`` for a JSON body that does not parse, holds NaN/Infinity, nests too deep,
    or (``upload``) is not an object whose known fields are strings."""
    try:
        data = json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except RecursionError:
        raise Refused(400, "E106", E.E106[1].format(
            line=1, detail=f"nested more than {MAX_JSON_DEPTH} deep")) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise Refused(400, "E106", E.E106[1].format(line=1, detail=str(exc)[:200])) from None
    if not _depth_ok(data, MAX_JSON_DEPTH):
        raise Refused(400, "E106", E.E106[1].format(
            line=1, detail=f"nested more than {MAX_JSON_DEPTH} deep"))
    if not upload:
        return
    if not isinstance(data, dict):
        raise Refused(422, "E115", E.E115[1].format(
            field="body", detail=f"{json_kind(data)}; send a JSON object "
                                 '{"text": ..., "title": ...}'))
    for key in UPLOAD_FIELDS:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise Refused(422, "E115", E.E115[1].format(
                field=f'"{key}"', detail=f"{json_kind(value)}, not a string; give a string "
                                         "or leave the field out"))


class RequestGuard:
    """The ASGI middleware; see the module docstring. ``respond(scope, status, code,
    message)`` returns an ASGI app answering with the one error shape (JSON or a page)."""

    def __init__(self, app, *, max_body: Callable[[], int],
                 respond: Callable[[dict, int, str, str], Any],
                 allowed_hosts: set[str] | None = None) -> None:
        self.app = app
        self.max_body = max_body
        self.respond = respond
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            self._check_head(scope)
            if scope["method"] in ("POST", "PUT", "PATCH"):
                receive = await self._checked_body(scope, receive)
        except Refused as r:
            await self.respond(scope, r.status, r.code, r.message)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _check_head(self, scope) -> None:
        if self.allowed_hosts is not None:
            host = ""
            for k, v in scope.get("headers") or []:
                if k == b"host":
                    host = v.decode("latin-1")
                    break
            if host_name(host) not in self.allowed_hosts:
                raise Refused(400, "HTTP400", "unexpected Host header: start `dossier serve` "
                                              "with --allowed-host NAME for this name")
        check_url(scope.get("path") or "", (scope.get("query_string") or b"").decode("latin-1"))

    async def _checked_body(self, scope, receive):
        limit = self.max_body()
        headers = {k.lower(): v for k, v in scope.get("headers") or []}
        declared = headers.get(b"content-length", b"").decode("latin-1")
        ctype = headers.get(b"content-type", b"").decode("latin-1").split(";")[0].strip().lower()
        ceiling = limit + (UPLOAD_FRAMING if ctype == "multipart/form-data" else 0)
        too_large = E.E107[1]
        if declared.isdigit() and int(declared) > ceiling:
            raise Refused(413, "E107", too_large.format(size=int(declared), limit=limit))
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > ceiling:  # refused while streaming: the rest is never read
                raise Refused(413, "E107", too_large.format(size=f"more than {ceiling}",
                                                           limit=limit))
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if ctype == "application/json" or ctype.endswith("+json"):
            check_json(body, upload=scope.get("path") == UPLOAD_PATH)
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return replay
