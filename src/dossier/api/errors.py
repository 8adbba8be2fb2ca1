"""The API's one error shape and the exception that carries it (a module of its own, so the
routes and the app factory both import it without importing each other)."""
from __future__ import annotations

from dossier.errors import DossierError

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
        return cls(status or err.status, err.code, err.detail)


def error_body(status: int, code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message, "status": status}}
