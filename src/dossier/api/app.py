"""The FastAPI app factory: JSON API, pages, static assets, one error shape, security headers.

``create_app(store_url, token=None)`` serves the store at ``store_url`` (a SQLite path or a
``postgresql://`` URL). Requests share a pool of open stores (``StorePool``). Every request passes
``dossier.api.guard`` (Host, URL and body checks: 4xx, never a 500) and reads are answered
from ``dossier.api.cache`` while the store's version stands (ETag, 304). Without a token the API is
read-only; with one, ``POST /api/documents`` accepts ``Authorization: Bearer <token>``.
"""
from __future__ import annotations

import contextlib
import threading
from typing import Any, Callable, ContextManager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from dossier.api.errors import TITLE, ApiError, error_body
from dossier.api.routes import router as api_router
from dossier.errors import DossierError
from dossier.limits import MAX_BYTES
from dossier.web import STATIC_DIR
from dossier.web.pages import render_error, router as page_router

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api") or path == "/openapi.json")


def _host_name(host: str) -> str:
    """The ``Host`` header without its port (``[::1]:80`` -> ``::1``)."""
    from dossier.api.guard import host_name
    return host_name(host)


def _is_connection_error(exc: BaseException) -> bool:
    return type(exc).__module__.split(".")[0] in ("sqlite3", "psycopg") and \
        type(exc).__name__ in ("OperationalError", "InterfaceError", "DatabaseError")


STORE_POOL_SIZE = 16  # open stores (connections) per server process, shared by its threads


class StorePool:
    """Open stores shared by the server's worker threads: at most ``size`` connections per
    process (PostgreSQL counts them), each reused across requests instead of opening,
    migrating and closing a store per request. A request takes an idle store (or opens
    one while fewer than ``size`` exist, else waits) and gives it back; a store whose
    connection failed is closed and replaced next time. Calling the pool gives the
    context manager ``app.state.open_store`` expects."""

    def __init__(self, store_url: str, size: int = STORE_POOL_SIZE) -> None:
        self.url, self.size = store_url, size
        self.idle: list[Any] = []
        self.count = 0
        self.cond = threading.Condition()

    @contextlib.contextmanager
    def __call__(self):
        from dossier.store import open_store  # imported late: the app builds without a store
        with self.cond:
            while not self.idle and self.count >= self.size:
                self.cond.wait()
            store = self.idle.pop() if self.idle else None
            if store is None:
                self.count += 1
        if store is None:
            try:
                store = open_store(self.url)
            except BaseException:
                with self.cond:
                    self.count -= 1
                    self.cond.notify()
                raise
        broken = False
        try:
            yield store
        except BaseException as exc:
            broken = _is_connection_error(exc)
            raise
        finally:
            with self.cond:
                if broken:
                    self.count -= 1
                    with contextlib.suppress(Exception):
                        store.close()
                else:
                    self.idle.append(store)
                self.cond.notify()


def make_store_opener(store_url: str) -> Callable[[], ContextManager[Any]]:
    """A callable giving the store (a context manager) from a ``StorePool``."""
    return StorePool(store_url)


def _thread_store_opener(store_url: str) -> Callable[[], ContextManager[Any]]:
    """One open store per calling thread (the event loop's own, for the cache's version
    check: it never waits for the pool)."""
    local = threading.local()

    @contextlib.contextmanager
    def opener():
        from dossier.store import open_store
        store = getattr(local, "store", None)
        if store is None:
            store = local.store = open_store(store_url)
        try:
            yield store
        except BaseException as exc:
            if _is_connection_error(exc):
                local.store = None
                with contextlib.suppress(Exception):
                    store.close()
            raise

    return opener


def create_app(store_url: str = "dossier.db", token: str | None = None, *,
               store_factory: Callable[[], ContextManager[Any]] | None = None,
               max_upload_bytes: int = MAX_BYTES,
               allowed_hosts: list[str] | None = None) -> FastAPI:
    """Build the app serving ``store_url``.

    ``token``: enables ``POST /api/documents`` for ``Authorization: Bearer <token>``.
    ``store_factory``: a callable returning a context manager that yields a store (tests).
    ``allowed_hosts``: accept only these ``Host`` names (``dossier serve`` on loopback
    passes the loopback names, so a DNS-rebinding page cannot read the store).
    """
    app = FastAPI(title="Dossier", version=_version(),
                  description="News reports as a knowledge base: documents, entities, "
                              "a cross-outlet timeline, claims and full-text search.",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.open_store = store_factory or make_store_opener(store_url)
    app.state.token = token or None
    app.state.max_upload_bytes = max_upload_bytes
    app.state.store_url = store_url

    hosts = {h.lower().strip("[]") for h in allowed_hosts} if allowed_hosts else None

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    def respond(request: Request, status: int, code: str, message: str, headers=None):
        # 500s bypass the middleware above: set the security headers here as well
        headers = {**SECURITY_HEADERS, **(headers or {})}
        if _wants_html(request):
            return render_error(request, status, code, message, headers)
        return JSONResponse(error_body(status, code, message), status_code=status,
                            headers=headers)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        return respond(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(DossierError)
    async def dossier_error(request: Request, exc: DossierError):
        e = ApiError.from_dossier(exc)
        return respond(request, e.status, e.code, e.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else TITLE.get(status, "error")
        if status == 404 and message == "Not Found":
            message = f"no such resource: {request.url.path}"
        return respond(request, status, f"HTTP{status}", message,
                       getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        parts = []
        for err in exc.errors():
            loc = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
            parts.append(f"{loc}: {err.get('msg')}" if loc else str(err.get("msg")))
        return respond(request, 422, "HTTP422", "; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception):
        return respond(request, 500, "HTTP500", f"internal error: {type(exc).__name__}")

    def refuse(scope, status: int, code: str, message: str):
        """The ASGI answer of a request the guard refused: the one error shape, or a page."""
        scope.setdefault("router", app.router)
        scope.setdefault("app", app)
        return respond(Request(scope), status, code, message)

    version_store = store_factory or _thread_store_opener(store_url)

    def store_version() -> int | None:
        with version_store() as store:
            version = getattr(store, "data_version", None)
            return version() if version is not None else None

    from dossier.api.cache import ResponseCache
    from dossier.api.guard import RequestGuard
    # outermost first: the guard (Host, URL, body), then the cache, then the headers above
    app.add_middleware(ResponseCache, version=store_version, extra_headers=SECURITY_HEADERS)
    app.add_middleware(RequestGuard, max_body=lambda: app.state.max_upload_bytes,
                       respond=refuse, allowed_hosts=hosts)
    app.include_router(api_router)
    _declare_bearer(app)
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    return app


def app_from_env() -> FastAPI:
    """The app of one ``dossier serve --workers N`` process, from the settings the command
    put in ``DOSSIER_SERVE_CONFIG``."""
    import json
    import os
    config = json.loads(os.environ.get("DOSSIER_SERVE_CONFIG") or "{}")
    return create_app(config.get("db") or "dossier.db", token=config.get("token"),
                      allowed_hosts=config.get("allowed_hosts"))


def _declare_bearer(app: FastAPI) -> None:
    """Add the bearer scheme the upload endpoint refers to, to the OpenAPI schema."""
    build = app.openapi

    def openapi():
        if app.openapi_schema is None:
            schema = build()
            schema.setdefault("components", {}).setdefault("securitySchemes", {})["bearer"] = {
                "type": "http", "scheme": "bearer",
                "description": "the token given to `dossier serve --token`"}
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to extend the schema


def _version() -> str:
    try:
        from importlib.metadata import version
        return version("dossier")
    except Exception:  # noqa: BLE001 - not installed (source checkout)
        return "0"
