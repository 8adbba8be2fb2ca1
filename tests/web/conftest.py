"""Fixtures for the browser tests: the app served by uvicorn on a free 127.0.0.1 port in a
thread (over the ingested sample, and over a hand-built store), and headless Chromium
driven by Playwright (Debian's /usr/bin/chromium, nothing downloaded)."""
from __future__ import annotations

import shutil
import socket
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from kbfixture import STORIES, build_handmade_store, build_sample_store, sample_store_or_skip  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "screenshots"
README_SHOT = ROOT / "docs" / "screenshots" / "timeline.png"


def _skip_without_browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium to run browser tests")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"the playwright package is not installed: {exc}")


class Server:
    """uvicorn serving ``app`` on an already-bound socket, in a daemon thread."""

    def __init__(self, app):
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run,
                                       kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self):
        self.thread.start()
        # wait until it accepts connections (readiness, not a timed assertion)
        for _ in range(500):
            if self.server.started:
                break
            self.thread.join(0.02)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


@pytest.fixture(scope="session", params=["handmade", "sample", "stories"])
def site(request, tmp_path_factory):
    """A running server: (base url, kind of store): a hand-built store, the bundled sample,
    and the 47-report multi-story development set (eval/corpus/stories)."""
    _skip_without_browser()
    from dossier.api import create_app

    tmp = tmp_path_factory.mktemp(f"site-{request.param}")
    db = str(tmp / "kb.db")
    if request.param == "sample":
        sample_store_or_skip(db, tmp)
    elif request.param == "stories":
        build_sample_store(db, tmp, corpus=STORIES, kind="stories")
    else:
        build_handmade_store(db)
    with Server(create_app(db)) as srv:
        yield srv.url, request.param


@pytest.fixture(scope="session")
def browser():
    _skip_without_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page that records dialogs (alert/confirm: an injected script ran), page
    errors and CSP violations reported on the console."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.dialogs = []
    pg.errors = []
    pg.console_errors = []

    def on_dialog(d):
        pg.dialogs.append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    yield pg
    ctx.close()


@pytest.fixture(scope="session")
def shots():
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS
