"""Store fixtures: every store test runs against SQLite and PostgreSQL.

PostgreSQL comes from ``$DOSSIER_TEST_PG`` (a server URL whose user may create
databases) or, failing that, a throwaway cluster made with the local ``initdb``
(run as the ``postgres`` system user when the tests run as root), listening only on a
unix socket in a temporary directory and removed at the end of the session. Without
either, the PostgreSQL half is skipped, with the reason.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from urllib.parse import quote

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(argv: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return argv
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--", *argv]
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(argv)]


def _start_cluster():
    """Yield a server URL (without database) of a fresh cluster, or a skip reason."""
    initdbs = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not initdbs:
        return None, "no PostgreSQL: set DOSSIER_TEST_PG or install postgresql (initdb)"
    bindir = os.path.dirname(initdbs[-1])
    if os.geteuid() == 0:
        try:
            import pwd
            pw = pwd.getpwnam("postgres")
        except KeyError:
            return None, "running as root and there is no `postgres` user to run initdb"
    tmp = tempfile.mkdtemp(prefix="dossier-pg-")
    if os.geteuid() == 0:
        os.chown(tmp, pw.pw_uid, pw.pw_gid)
    data, port = os.path.join(tmp, "data"), _free_port()
    try:
        subprocess.run(_as_postgres([f"{bindir}/initdb", "-D", data, "-A", "trust", "-U",
                                     "postgres", "-E", "UTF8", "--no-sync"]),
                       check=True, capture_output=True, timeout=120)
        opts = f"-p {port} -k {tmp} -c listen_addresses='' -c fsync=off"
        subprocess.run(_as_postgres([f"{bindir}/pg_ctl", "-D", data, "-o", opts, "-l",
                                     os.path.join(tmp, "log"), "-w", "start"]),
                       check=True, capture_output=True, timeout=120)
    except (subprocess.SubprocessError, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        shutil.rmtree(tmp, ignore_errors=True)
        return None, f"could not start a throwaway PostgreSQL: {exc} {detail.decode(errors='replace')}"

    def stop():
        subprocess.run(_as_postgres([f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "-w",
                                     "stop"]), capture_output=True, timeout=120)
        shutil.rmtree(tmp, ignore_errors=True)

    return (f"postgresql://postgres@/postgres?host={quote(tmp)}&port={port}", stop), None


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL URL (of a database we may CREATE DATABASE from), or skip."""
    url = os.environ.get("DOSSIER_TEST_PG")
    if url:
        yield url
        return
    started, reason = _start_cluster()
    if started is None:
        pytest.skip(reason)
    url, stop = started
    try:
        yield url
    finally:
        stop()


def _with_dbname(url: str, dbname: str) -> str:
    import psycopg.conninfo
    params = psycopg.conninfo.conninfo_to_dict(url)
    params["dbname"] = dbname
    return psycopg.conninfo.make_conninfo(**params)


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    import psycopg
    name = f"dossier_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield _as_url(_with_dbname(pg_server, name))
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _as_url(conninfo: str) -> str:
    """``open_store`` takes URLs: turn a ``key=value`` conninfo into ``postgresql://?...``."""
    if conninfo.startswith(("postgresql://", "postgres://")):
        return conninfo
    import psycopg.conninfo
    from urllib.parse import urlencode
    return "postgresql://?" + urlencode(psycopg.conninfo.conninfo_to_dict(conninfo))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """A URL for an empty store, once per backend."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(store_url):
    from dossier.store import open_store
    with open_store(store_url) as s:
        yield s
