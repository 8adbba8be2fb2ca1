"""Versioned schema migrations, the same files for every backend.

Owns ``migrations/NNN_name.sql`` (portable SQL) and its per-dialect variants
``NNN_name.sqlite.sql`` / ``NNN_name.postgresql.sql`` (used instead of the portable file
when present). ``migrate(backend)`` applies the pending ones in order, each in its own
transaction, and records them in ``schema_version``; a store newer than this code is
refused with E201.
"""
from __future__ import annotations

import functools
import re
from datetime import datetime, timezone
from importlib import resources

from ..errors import DossierError, E
from .backends import Backend

_NAME = re.compile(r"^(\d{3})_(\w+?)(?:\.(sqlite|postgresql))?\.sql$")


@functools.lru_cache(maxsize=4)
def migrations(dialect: str) -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` for ``dialect``, oldest first."""
    chosen: dict[int, tuple[str, str, bool]] = {}
    for entry in resources.files(__package__).joinpath("migrations").iterdir():
        m = _NAME.match(entry.name)
        if not m or (m.group(3) and m.group(3) != dialect):
            continue
        version, specific = int(m.group(1)), bool(m.group(3))
        if version in chosen and chosen[version][2] and not specific:
            continue
        chosen[version] = (m.group(2), entry.read_text(encoding="utf-8"), specific)
    return [(v, name, sql) for v, (name, sql, _) in sorted(chosen.items())]


def latest_version(dialect: str = "sqlite") -> int:
    found = migrations(dialect)
    return found[-1][0] if found else 0


def split_statements(script: str) -> list[str]:
    """Split a migration into statements (``;`` at a line end; trigger bodies kept whole)."""
    out: list[str] = []
    buf: list[str] = []
    in_trigger = False
    for line in script.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("--"):
            continue
        buf.append(line)
        upper = stripped.upper()
        if upper.startswith("CREATE TRIGGER"):
            in_trigger = True
        if (in_trigger and upper == "END;") or (not in_trigger and stripped.endswith(";")):
            out.append("\n".join(buf).strip())
            buf, in_trigger = [], False
    if buf:
        out.append("\n".join(buf).strip())
    return out


def current_version(backend: Backend) -> int:
    if not backend.table_exists("schema_version"):
        return 0
    row = backend.query_one("SELECT MAX(version) AS v FROM schema_version")
    return int(row["v"] or 0) if row else 0


def migrate(backend: Backend) -> int:
    """Bring the schema up to date; return the version now in place."""
    steps = migrations(backend.name)
    supported = steps[-1][0] if steps else 0
    found = current_version(backend)
    if found > supported:
        raise DossierError(E.E201, found=found, supported=supported)
    if found == supported:
        return found
    with backend.transaction():
        backend.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                        " applied_at TEXT NOT NULL)")
    for version, name, sql in steps:
        with backend.transaction():
            backend.migration_lock()
            if current_version(backend) >= version:  # another process got there first
                continue
            for statement in split_statements(backend.render_migration(sql)):
                backend.execute(statement)
            backend.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                            (version, name, datetime.now(timezone.utc).isoformat()))
    return current_version(backend)
