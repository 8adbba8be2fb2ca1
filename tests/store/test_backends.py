"""SQLite backend: opening a store that another process is switching to WAL mode."""
import sqlite3

import pytest

from dossier.errors import DossierError
from dossier.store import backends


class _LockedOnWal:
    """A connection whose switch to WAL fails as SQLite does when another process holds
    the file (no busy handler for that lock)."""

    row_factory = None

    def execute(self, sql, *args):
        if "journal_mode" in sql:
            raise sqlite3.OperationalError("database is locked")
        return None

    def close(self):
        pass


def _connect_failing(times, real=sqlite3.connect):
    calls = []

    def connect(path, **kw):
        calls.append(path)
        return _LockedOnWal() if len(calls) <= times else real(path, **kw)
    return connect, calls


def test_a_store_being_switched_to_wal_is_waited_for(tmp_path, monkeypatch):
    connect, calls = _connect_failing(3)
    monkeypatch.setattr(backends.sqlite3, "connect", connect)
    b = backends.SQLiteBackend(str(tmp_path / "s.db"))
    assert len(calls) == 4
    assert b.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    b.conn.close()


def test_a_store_locked_for_good_is_a_clear_error(tmp_path, monkeypatch):
    connect, _ = _connect_failing(10 ** 6)
    monkeypatch.setattr(backends.sqlite3, "connect", connect)
    monkeypatch.setattr(backends, "_connect_sqlite",
                        lambda path, wait=0.05, f=backends._connect_sqlite: f(path, wait))
    with pytest.raises(DossierError) as err:
        backends.SQLiteBackend(str(tmp_path / "s.db"))
    assert err.value.code == "E200" and "locked" in str(err.value)
