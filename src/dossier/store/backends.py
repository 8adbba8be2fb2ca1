"""The two database backends behind ``Store``: SQLite (default) and PostgreSQL.

Owns every dialect difference, and nothing else: connecting, transactions, the ``?``
placeholder, the migration tokens (auto-increment key, float, JSON), ``LIMIT``/``OFFSET``,
and full-text search (FTS5 on SQLite, ``tsvector`` on PostgreSQL). ``Store`` writes
portable, parameterised SQL against the small API here.
"""
from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from ..errors import DossierError, E


class Backend:
    """A connection plus the few things that differ between databases."""

    name = "base"
    tokens: dict[str, str] = {}

    def __init__(self) -> None:
        self._depth = 0  # nesting of transaction(): inner ones join the outer one
        self._writer_depth = 0  # nesting of writer_lock()
        self._thread_lock = threading.Lock()

    # --- SQL text
    def sql(self, text: str, params: Sequence[Any] = ()) -> str:
        return text

    def render_migration(self, text: str) -> str:
        for token, value in self.tokens.items():
            text = text.replace("{{%s}}" % token, value)
        return text

    @staticmethod
    def limit_clause(limit: int | None, offset: int = 0) -> tuple[str, list[Any]]:
        if limit is None and not offset:
            return "", []
        return " LIMIT ? OFFSET ?", [-1 if limit is None else int(limit), int(offset or 0)]

    # --- execution
    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        raise NotImplementedError
        yield

    def in_transaction(self) -> bool:
        return self._depth > 0

    def is_unique_violation(self, exc: BaseException) -> bool:
        raise NotImplementedError

    def table_exists(self, table: str) -> bool:
        raise NotImplementedError

    def migration_lock(self) -> None:
        """Inside a transaction: serialise concurrent migrators."""

    @contextmanager
    def writer_lock(self, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the store's writer lock (re-entrant); see ``Store.writer``."""
        if self._writer_depth:
            self._writer_depth += 1
            try:
                yield
            finally:
                self._writer_depth -= 1
            return
        self._acquire_writer(on_wait)
        self._writer_depth = 1
        try:
            yield
        finally:
            self._writer_depth = 0
            self._release_writer()

    def _acquire_writer(self, on_wait) -> None:
        self._thread_lock.acquire()

    def _release_writer(self) -> None:
        self._thread_lock.release()

    def search(self, q: str, limit: int, offset: int,
               groups: list[list[str]] | None = None) -> list[dict[str, Any]]:
        """``groups``: match every group, a group by any of its phrases (instead of ``q``)."""
        raise NotImplementedError

    def count_search(self, q: str, groups: list[list[str]] | None = None) -> int:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


# SQLite's synchronous level for every connection (README "Guarantees"): FULL syncs the
# WAL at each commit, so what a commit stored survives a power loss (benchmarks/README:
# the cost per document is small next to extraction)
SQLITE_SYNCHRONOUS = "FULL"
# the PostgreSQL advisory lock key of the writer lock (one writer at a time per database)
WRITER_LOCK_KEY = 4242016

SEARCH_CAP = 2000  # a term in more documents than this: rank its most recent matches only


def _fts_match(q: str, groups: list[list[str]] | None = None) -> str:
    """An FTS5 query matching every word of ``q`` (each quoted: no operators), or ''.
    ``groups``: every group, each by any of its phrases (words quoted as one phrase)."""
    if groups:
        parts = []
        for g in groups:
            phrases = ['"%s"' % " ".join(re.findall(r"\w+", p)) for p in g
                       if re.search(r"\w", p)]
            if phrases:
                parts.append("(" + " OR ".join(phrases) + ")")
        return " AND ".join(parts)
    return " ".join('"%s"' % t for t in re.findall(r"\w+", q or ""))


def _connect_sqlite(path: str, wait: float = 30.0) -> sqlite3.Connection:
    """A connection in WAL mode. Switching a store to WAL (or reading it while another
    process closes or recovers its WAL) can fail at once with "database is locked",
    without SQLite's busy handler: two ingests that start together on a new store then
    retry for up to ``wait`` seconds instead of failing."""
    deadline = time.monotonic() + wait
    delay = 0.02
    while True:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                               timeout=wait, uri=path.startswith("file:"))
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            # FULL: the WAL is synced at every commit, so a committed document survives a
            # power loss too (NORMAL may lose the last commits); see README "Guarantees"
            conn.execute(f"PRAGMA synchronous = {SQLITE_SYNCHRONOUS}")
            return conn
        except sqlite3.OperationalError as exc:
            conn.close()
            busy = "locked" in str(exc) or "busy" in str(exc)
            if not busy or time.monotonic() + delay > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


class SQLiteBackend(Backend):
    name = "sqlite"
    tokens = {"serial": "INTEGER PRIMARY KEY AUTOINCREMENT", "float": "REAL", "json": "TEXT"}

    def __init__(self, path: str) -> None:
        super().__init__()
        if path != ":memory:" and not path.startswith("file:"):
            parent = Path(path).expanduser().resolve().parent
            if not parent.is_dir():
                raise DossierError(E.E200, detail=f"{path} (no directory {parent})")
            path = str(Path(path).expanduser())
        try:
            self.conn = _connect_sqlite(path)
        except sqlite3.DatabaseError as exc:
            raise DossierError(E.E200, detail=f"{path} ({exc})") from exc
        self.path = path
        # the writer lock: an flock on <store>.lock (in-process only for a memory store)
        in_memory = path == ":memory:" or path.startswith("file:")
        self._lock_path = None if in_memory else path + ".lock"
        self._lock_fd: int | None = None

    def _acquire_writer(self, on_wait) -> None:
        import fcntl
        super()._acquire_writer(on_wait)
        if self._lock_path is None:
            return
        try:
            fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            super()._release_writer()
            raise DossierError(E.E200, detail=f"{self._lock_path} (lock file: {exc.strerror})") from exc
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait is not None:
                    on_wait(f"waiting: another process is writing to {self.path}")
                fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            super()._release_writer()
            raise
        self._lock_fd = fd

    def _release_writer(self) -> None:
        import fcntl
        try:
            if self._lock_fd is not None:
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
                os.close(self._lock_fd)
                self._lock_fd = None
        finally:
            super()._release_writer()

    def execute(self, sql, params=()):
        self.conn.execute(sql, tuple(params))

    def executemany(self, sql, rows):
        if rows:
            self.conn.executemany(sql, rows)

    def query(self, sql, params=()):
        return [dict(r) for r in self.conn.execute(sql, tuple(params)).fetchall()]

    @contextmanager
    def transaction(self):
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self.conn.execute("COMMIT")

    def is_unique_violation(self, exc):
        return isinstance(exc, sqlite3.IntegrityError) and "UNIQUE" in str(exc)

    def table_exists(self, table):
        return self.query_one("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = ?",
                              (table,)) is not None

    def search(self, q, limit, offset, groups=None):
        match = _fts_match(q, groups)
        if not match:
            return []
        # a very common term: rank only its most recent matches (bm25 over every match of a
        # word in most documents is the cost), enough of them to fill the page
        cap = max(SEARCH_CAP, 2 * (int(offset) + int(limit)))
        floor = self.query_one(
            "SELECT rowid AS seq FROM documents_fts WHERE documents_fts MATCH ?"
            " ORDER BY rowid DESC LIMIT 1 OFFSET ?", (match, cap))
        since = int(floor["seq"]) + 1 if floor else 0
        # rank the matches on the FTS index alone (no join, no snippet) and keep the page;
        # then the page's documents and snippets, looked up by rowid
        page = self.query(
            "SELECT rowid AS seq, bm25(documents_fts) AS score FROM documents_fts"
            " WHERE documents_fts MATCH ? AND rowid >= ? ORDER BY score, rowid LIMIT ? OFFSET ?",
            (match, since, int(limit), int(offset)))
        if not page:
            return []
        seqs = [r["seq"] for r in page]
        marks = ", ".join("?" * len(seqs))
        snippets = {r["seq"]: r["snippet"] for r in self.query(
            "SELECT rowid AS seq, snippet(documents_fts, 1, '[', ']', '\u2026', 16) AS snippet"
            f" FROM documents_fts WHERE documents_fts MATCH ? AND rowid IN ({marks})",
            [match, *seqs])}
        docs = {r["seq"]: r for r in self.query(
            "SELECT seq, doc_id AS id, title, published, source FROM documents"
            f" WHERE seq IN ({marks})", seqs)}
        rows = [{"id": docs[r["seq"]]["id"], "title": docs[r["seq"]]["title"],
                 "published": docs[r["seq"]]["published"], "source": docs[r["seq"]]["source"],
                 "snippet": snippets.get(r["seq"]), "rank": r["score"]}
                for r in page if r["seq"] in docs]
        for r in rows:  # bm25: lower is better; report higher-is-better like PostgreSQL
            r["rank"] = -float(r["rank"])
        return rows

    def count_search(self, q, groups=None):
        match = _fts_match(q, groups)
        if not match:
            return 0
        return int(self.query_one("SELECT COUNT(*) AS n FROM documents_fts"
                                  " WHERE documents_fts MATCH ?", (match,))["n"])

    def close(self):
        if self._lock_fd is not None:  # closing the descriptor releases the flock
            os.close(self._lock_fd)
            self._lock_fd = None
        self.conn.close()


class PostgresBackend(Backend):
    name = "postgresql"
    tokens = {"serial": "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
              "float": "DOUBLE PRECISION", "json": "TEXT"}
    _DOC_VECTOR = "to_tsvector('english', coalesce(title, '') || ' ' || text)"

    def __init__(self, url: str) -> None:
        super().__init__()
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as exc:  # pragma: no cover - psycopg is a dependency
            raise DossierError(E.E200, detail=f"{_redact(url)} (psycopg missing: {exc})") from exc
        try:
            self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except psycopg.Error as exc:
            raise DossierError(E.E200, detail=f"{_redact(url)} ({exc})") from exc

    def sql(self, text, params=()):
        if not params:  # psycopg reads placeholders (and needs %% for %) only with params
            return text
        return text.replace("%", "%%").replace("?", "%s")

    @staticmethod
    def limit_clause(limit, offset=0):
        sql, params = "", []
        if limit is not None:
            sql, params = " LIMIT ?", [int(limit)]
        if offset:
            sql, params = sql + " OFFSET ?", params + [int(offset)]
        return sql, params

    def execute(self, sql, params=()):
        self.conn.execute(self.sql(sql, params), tuple(params) or None)

    def executemany(self, sql, rows):
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(self.sql(sql, rows[0]), rows)

    def query(self, sql, params=()):
        with self.conn.cursor() as cur:
            cur.execute(self.sql(sql, params), tuple(params) or None)
            return list(cur.fetchall()) if cur.description else []

    @contextmanager
    def transaction(self):
        self._depth += 1
        try:
            if self._depth > 1:
                yield
            else:
                with self.conn.transaction():
                    yield
        finally:
            self._depth -= 1

    def is_unique_violation(self, exc):
        import psycopg.errors
        return isinstance(exc, psycopg.errors.UniqueViolation)

    def table_exists(self, table):
        return self.query_one("SELECT to_regclass(?) IS NOT NULL AS x", (table,))["x"]

    def migration_lock(self):
        self.execute("SELECT pg_advisory_xact_lock(4242001)")

    def _acquire_writer(self, on_wait) -> None:
        super()._acquire_writer(on_wait)
        try:
            row = self.query_one("SELECT pg_try_advisory_lock(?) AS ok", (WRITER_LOCK_KEY,))
            if not (row and row["ok"]):
                if on_wait is not None:
                    on_wait("waiting: another process is writing to this database")
                self.execute("SELECT pg_advisory_lock(?)", (WRITER_LOCK_KEY,))
        except BaseException:
            super()._release_writer()
            raise

    def _release_writer(self) -> None:
        try:
            self.execute("SELECT pg_advisory_unlock(?)", (WRITER_LOCK_KEY,))
        finally:
            super()._release_writer()

    @staticmethod
    def _tsquery(q: str, groups: list[list[str]] | None) -> tuple[str, list[str]]:
        """SQL of the text query and its parameters: ``q``'s words, or every group, each by
        any of its phrases (``websearch_to_tsquery``: quoted phrases joined by ``or``)."""
        if not groups:
            return "plainto_tsquery('english', ?)", [q]
        texts = [" or ".join('"%s"' % " ".join(re.findall(r"\w+", p)) for p in g
                             if re.search(r"\w", p)) for g in groups]
        texts = [t for t in texts if t]
        return "(" + " && ".join(["websearch_to_tsquery('english', ?)"] * len(texts)) + ")", texts

    def search(self, q, limit, offset, groups=None):
        if not re.search(r"\w", q):
            return []
        tsq, params = self._tsquery(q, groups)
        rows = self.query(
            "SELECT doc_id AS id, title, published, source,"
            " ts_headline('english', text, query,"
            "   'StartSel=\"[\", StopSel=\"]\", MaxWords=24, MinWords=8') AS snippet,"
            f" ts_rank({self._DOC_VECTOR}, query) AS rank"
            f" FROM documents, {tsq} AS query"
            f" WHERE {self._DOC_VECTOR} @@ query"
            " ORDER BY rank DESC, seq LIMIT ? OFFSET ?",
            (*params, int(limit), int(offset)))
        for r in rows:
            r["rank"] = float(r["rank"])
        return rows

    def count_search(self, q, groups=None):
        if not re.search(r"\w", q):
            return 0
        tsq, params = self._tsquery(q, groups)
        return int(self.query_one(
            f"SELECT COUNT(*) AS n FROM documents WHERE {self._DOC_VECTOR} @@ {tsq}",
            params)["n"])

    def close(self):
        self.conn.close()


def _redact(url: str) -> str:
    """A URL fit for an error message: the password replaced."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def connect(url: str) -> Backend:
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(url)
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///"):]
    return SQLiteBackend(url)
