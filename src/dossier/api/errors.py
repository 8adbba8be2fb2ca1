"""The API's one error shape and the exception that carries it (a module of its own, so the
routes and the app factory both import it without importing each other)."""
from __future__ import annotations

from dossier.errors import DossierError

# DossierError code -> HTTP status
STATUS_OF_CODE = {"E202": 404, "E203": 404, "E302": 400, "E400": 403, "E401": 401,
                  "E200": 500, "E201": 500}
TITLE = {400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found",
         405: "Method not allowed", 413: "Payload too large", 415: "Unsupported media type",
         422: "Invalid request", 500: "Internal server error"}


class ApiError(Exception):
    """An error to answer with the one error shape: ``{"error": {code, message, status}}``."""

    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        self.status, self.code, self.message, self.headers = status, code, message, headers
        super().__init__(f"[{code}] {message}")

    @classmethod
    def from_dossier(cls, err: DossierError, status: int | None = None) -> "ApiError":
        return cls(status or STATUS_OF_CODE.get(err.code, 400), err.code, err.detail)


def error_body(status: int, code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message, "status": status}}
