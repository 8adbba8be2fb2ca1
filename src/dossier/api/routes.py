"""The JSON API under ``/api``: documents, entities, timeline, claims, network, search.

Lists are paginated as ``{"items", "total", "limit", "offset"}``; errors use the one shape
``{"error": {"code", "message", "status"}}`` (see ``dossier.api.app``). Every handler opens
the store in the thread that runs it. ``POST /api/documents`` ingests an uploaded report
and needs the server's bearer token.
"""
from __future__ import annotations

import hmac
import json
import re
import tempfile
import threading
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from dossier import analyze
from dossier import query as Q
from dossier.api.errors import ApiError
from dossier.errors import DossierError, E, NotFound
from dossier.query import workspace as W

class ErrorDetail(BaseModel):
    code: str
    message: str
    status: int


class ErrorOut(BaseModel):
    """The one error shape of every endpoint."""

    error: ErrorDetail


def _errors(*statuses: int) -> dict:
    text = {400: "Bad parameter (e.g. E302 date)", 401: "Missing or wrong bearer token",
            403: "Read-only server (E400)", 404: "Not found", 413: "Upload too large (E107)",
            415: "Unsupported body type", 422: "Invalid parameters or body"}
    return {s: {"model": ErrorOut, "description": text[s]} for s in statuses}


router = APIRouter(prefix="/api", responses=_errors(422))
_INGEST_LOCK = threading.Lock()

Limit = Query(50, ge=1, le=1000, description="Page size.")
Offset = Query(0, ge=0, description="Items to skip.")


def _store(request: Request):
    return request.app.state.open_store()


Format = Query("json", pattern="^(json|csv)$",
               description="json (a page) or csv (the filtered rows of this page, as a file).")


def _filters(date_from=None, date_to=None, outlet=None, type=None,  # noqa: A002
             status=None, country=None, actor=None, contested=False) -> W.Filters:
    """The shared filters; a reversed date range is refused (400, E302)."""
    return W.parse_filters(date_from, date_to, outlet, type, status, country, actor,
                           contested, swap=False)


def _csv(rows: list[dict], kind: str) -> Response:
    return Response(W.csv_text(rows, kind), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{kind}.csv"'})


DateFrom = Query(None, alias="from", description="YYYY[-MM[-DD]]")
DateTo = Query(None, alias="to", description="YYYY[-MM[-DD]] (inclusive; not before from)")
Outlet = Query(None, description="Only what this outlet reports.")
Country = Query(None, description="ISO 3166-1 alpha-3 of a participant, place or speaker.")
Actor = Query(None, description="Entity id or name.")
Contested = Query(False, description="Only what another report contradicts.")


@router.get("/documents", summary="List documents", tags=["documents"], responses=_errors(400))
def list_documents(request: Request, limit: int = Limit, offset: int = Offset,
                   source: str | None = Query(None, description="Only this outlet."),
                   outlet: str | None = Outlet, date_from: str | None = DateFrom,
                   date_to: str | None = DateTo, actor: str | None = Actor,
                   format: str = Format):  # noqa: A002
    f = _filters(date_from, date_to, outlet or source, actor=actor)
    with _store(request) as store:
        if not (f.date_from or f.date_to or f.actor):
            data = Q.documents(store, limit, offset, f.outlet)
        else:
            data = Q.paginate(W.filtered_documents(store, f), limit, offset)
    return _csv(data["items"], "documents") if format == "csv" else data


@router.get("/documents/{doc_id:path}", summary="One document with its extraction",
            tags=["documents"], responses=_errors(404))
def get_document(request: Request, doc_id: str) -> dict:
    with _store(request) as store:
        return Q.document(store, doc_id)


@router.get("/entities", summary="List canonical entities", tags=["entities"],
            responses=_errors(400, 404))
def list_entities(request: Request, q: str | None = Query(None, description="Name contains."),
                  type: str | None = Query(None, description="PERSON, ORG, GPE, LOC, NORP, OTHER."),
                  limit: int = Limit, offset: int = Offset, country: str | None = Country,
                  outlet: str | None = Query(None, description="Named by this outlet."),
                  date_from: str | None = DateFrom, date_to: str | None = DateTo,
                  actor: str | None = Query(None, description="Co-actors of this entity."),
                  format: str = Format):  # noqa: A002
    f = _filters(date_from, date_to, outlet, country=country, actor=actor)
    with _store(request) as store:
        if not f.active:
            data = Q.entities(store, q, type, limit, offset)
        else:
            rows = [dict(analyze.entity_dict(e), n_documents=len(e.documents or []))
                    for e in W.filtered_entities(store, f, q, type)]
            data = Q.paginate(rows, limit, offset)
    return _csv(data["items"], "entities") if format == "csv" else data


@router.get("/entities/{entity_id}", summary="One entity with its events, statements and "
            "co-actors", tags=["entities"], responses=_errors(404))
def get_entity(request: Request, entity_id: str) -> dict:
    with _store(request) as store:
        return Q.entity_profile(store, entity_id)


@router.get("/timeline", summary="Events across reports, oldest first", tags=["timeline"],
            responses=_errors(400, 404))
def timeline(request: Request, date_from: str | None = DateFrom, date_to: str | None = DateTo,
             entity: str | None = Query(None, description="Entity id or name (= actor)."),
             actor: str | None = Actor, outlet: str | None = Outlet,
             type: str | None = Query(None, description="PLOVER event type, e.g. CONSULT."),
             status: str | None = Query(None, description="occurred, planned, hypothetical "
                                                          "or negated."),
             country: str | None = Country, contested: bool = Contested,
             limit: int = Query(1000, ge=1, le=10000), offset: int = Offset,
             format: str = Format):  # noqa: A002
    f = _filters(date_from, date_to, outlet, type, status, country, actor or entity, contested)
    with _store(request) as store:
        data = W.filtered_timeline_page(store, f, limit, offset)
    if format == "csv":
        return _csv(data["items"], "timeline")
    return data


@router.get("/events/{item_id}", summary="One timeline item with every report of it",
            tags=["timeline"], responses=_errors(404))
def get_event(request: Request, item_id: str) -> dict:
    with _store(request) as store:
        item = Q.get_event(store, item_id)
        out = Q.to_json(item)
        out["report_sentences"] = Q.event_reports(store, item)
        return out


@router.get("/claims", summary="Claims, the outlets carrying them and contradictions",
            tags=["claims"], responses=_errors(400, 404))
def claims(request: Request, about: str | None = Query(None, description="Entity name or id."),
           limit: int = Limit, offset: int = Offset, date_from: str | None = DateFrom,
           date_to: str | None = DateTo, outlet: str | None = Outlet,
           country: str | None = Query(None, description="The speaker's country (alpha-3)."),
           contested: bool = Contested,
           actor: str | None = Query(None, description="Claims about, or said by, this "
                                                       "entity (id or name)."),
           format: str = Format):  # noqa: A002
    f = _filters(date_from, date_to, outlet, country=country, actor=actor or about,
                 contested=contested)
    with _store(request) as store:
        if f.date_from or f.date_to or f.outlet or f.country or f.contested or actor:
            rows = [analyze.claim_dict(c) for c in W.filtered_claims(store, f)]
            data = Q.paginate(rows, limit, offset)
        else:
            data = Q.claims_page(store, about or None, limit, offset)
    return _csv(data["items"], "claims") if format == "csv" else data


@router.get("/claims/{claim_id}", summary="One claim with its reports and contradictions",
            tags=["claims"], responses=_errors(404))
def get_claim(request: Request, claim_id: str) -> dict:
    with _store(request) as store:
        claim = store.get_claim(claim_id)
        if claim is None:
            raise NotFound("claim", claim_id)
        out = Q.to_json(claim)
        out["report_sentences"] = Q.claim_reports(store, claim, Q.document_index(store))
        return out


@router.get("/network", summary="Actors linked by shared events (each edge lists them)",
            tags=["entities"], responses=_errors(400, 404))
def network(request: Request, max_nodes: int = Query(40, ge=1, le=500),
            date_from: str | None = DateFrom, date_to: str | None = DateTo,
            outlet: str | None = Outlet,
            type: str | None = Query(None, description="PLOVER event type."),
            status: str | None = Query(None, description="Only events of this status."),
            country: str | None = Country, contested: bool = Contested,
            include_unreal: bool = Query(False, description="Also negated and hypothetical "
                                                            "events."),
            format: str = Query("json", pattern="^(json|csv)$",
                                description="json, or csv (one row per link)")):  # noqa: A002
    f = _filters(date_from, date_to, outlet, type, status, country, None, contested)
    with _store(request) as store:
        net = W.network(store, max_nodes, f, include_unreal)
    return _csv(W.network_rows(net), "network") if format == "csv" else net


@router.get("/search", summary="Full-text search over documents", tags=["documents"])
def search(request: Request, q: str = Query(..., min_length=1, description="Search terms."),
           limit: int = Query(20, ge=1, le=200), offset: int = Offset,
           format: str = Format):  # noqa: A002
    with _store(request) as store:
        data = Q.search(store, q, limit, offset)
    return _csv(data["items"], "search") if format == "csv" else data


# ------------------------------------------------------------------ upload

def check_token(request: Request) -> None:
    """403/E400 when the server has no token (read-only); 401 when the bearer is wrong."""
    token = request.app.state.token
    if not token:
        raise ApiError(403, E.E400[0], E.E400[1])
    auth = request.headers.get("authorization", "")
    scheme, _, given = auth.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, E.E400[0], E.E400[1], {"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, E.E401[0], E.E401[1], {"WWW-Authenticate": "Bearer"})


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_UPLOAD_SUFFIXES = {".txt", ".html", ".htm", ".xml", ".rss", ".atom", ".jsonl", ".json", ".md"}


def safe_filename(name: str | None, default: str = "upload.txt") -> str:
    """A plain file name (no directories, no odd characters) keeping a known suffix."""
    name = Path((name or "").replace("\\", "/")).name
    name = _SAFE_NAME.sub("_", name).strip("._")[:120]
    if not name:
        return default
    if Path(name).suffix.lower() not in _UPLOAD_SUFFIXES:
        name += ".txt"
    return name


async def _read_body(request: Request, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "E107", E.E107[1].format(size=f"more than {size}", limit=limit))
        chunks.append(chunk)
    return b"".join(chunks)


def _upload_from_json(body: bytes) -> tuple[str, bytes]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ApiError(400, "E106", E.E106[1].format(line=1, detail=exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str) \
            or not data["text"].strip():
        raise ApiError(422, "HTTP422", "body: a JSON object with a non-empty \"text\" is needed")
    doc_id = safe_filename(data.get("id") or data.get("title") or "upload", "upload")
    doc_id = Path(doc_id).stem if Path(doc_id).suffix.lower() in _UPLOAD_SUFFIXES else doc_id
    record = {k: data.get(k) for k in ("title", "published", "source", "url")
              if isinstance(data.get(k), str)}
    if record.get("published"):
        Q.check_date(record["published"])
    record.update({"id": doc_id, "text": data["text"]})
    return f"{doc_id}.jsonl", (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


async def _upload_from_form(request: Request) -> tuple[str, bytes]:
    form = await request.form()
    upload = form.get("file")
    if upload is None or not hasattr(upload, "read"):
        raise ApiError(422, "HTTP422", "file: a multipart field named \"file\" is needed")
    data = await upload.read()
    return safe_filename(getattr(upload, "filename", None)), data


def _ingest_bytes(request: Request, name: str, data: bytes) -> dict[str, Any]:
    from dossier.pipeline import ingest  # heavy (spaCy): only when something is uploaded

    with tempfile.TemporaryDirectory(prefix="dossier-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        with _INGEST_LOCK, _store(request) as store:
            summary = ingest([str(path)], store, progress=False,
                             max_bytes=request.app.state.max_upload_bytes)
    errors = [e.to_json() if isinstance(e, DossierError) else {"message": str(e)}
              for e in getattr(summary, "errors", [])]
    for err in errors:
        if err.get("path"):
            err["path"] = Path(str(err["path"])).name
    return {"documents": list(getattr(summary, "ids", []) or []),
            "ingested": getattr(summary, "ingested", 0),
            "duplicates": getattr(summary, "duplicates", 0),
            "near_duplicates": getattr(summary, "near_duplicates", 0),
            "failed": getattr(summary, "failed", 0),
            "errors": errors}


@router.post("/documents", status_code=201, tags=["documents"],
             responses=_errors(400, 401, 403, 413, 415),
             summary="Upload a report for ingest (needs the bearer token)",
             openapi_extra={"requestBody": {"content": {
                 "application/json": {"schema": {"type": "object", "required": ["text"],
                                                 "properties": {k: {"type": "string"} for k in
                                                                ("id", "title", "text",
                                                                 "published", "source",
                                                                 "url")}}},
                 "multipart/form-data": {"schema": {"type": "object", "properties": {
                     "file": {"type": "string", "format": "binary"}}}}}},
                 "security": [{"bearer": []}]})
async def upload_document(request: Request) -> dict:
    check_token(request)
    limit = request.app.state.max_upload_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + 64 * 1024:  # room for form framing
        raise ApiError(413, "E107", E.E107[1].format(size=int(declared), limit=limit))
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        name, data = _upload_from_json(await _read_body(request, limit))
    elif ctype == "multipart/form-data":
        name, data = await _upload_from_form(request)
        if len(data) > limit:
            raise ApiError(413, "E107", E.E107[1].format(size=len(data), limit=limit))
    else:
        raise ApiError(415, "HTTP415", "send application/json {\"text\", \"title\", ...} "
                                       "or multipart/form-data with a \"file\"")
    result = await run_in_threadpool(_ingest_bytes, request, name, data)
    if not result["ingested"] and not result["duplicates"] and not result["near_duplicates"]:
        first = result["errors"][0] if result["errors"] else {}
        raise ApiError(400, first.get("code") or "E300",
                       first.get("message") or "nothing was ingested")
    return result
