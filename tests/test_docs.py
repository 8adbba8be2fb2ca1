"""The documentation that can go stale is checked: docs/cli.md is the commands' own --help
(rewrite it with ``python scripts/cli_docs.py``), and docs/architecture.md names every part
of the package the layer test knows."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("cli_docs", ROOT / "scripts" / "cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_docs_are_current():
    script = _script()
    assert script.DOCS.read_text("utf-8") == script.render(), \
        "docs/cli.md is stale: run python scripts/cli_docs.py"


def test_cli_docs_cover_every_command():
    from dossier.cli import COMMANDS
    text = (ROOT / "docs" / "cli.md").read_text("utf-8")
    assert all(f"## dossier {name}\n" in text for name in COMMANDS)


def test_architecture_names_every_part():
    from test_layers import DEPENDS
    text = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    missing = [p for p in DEPENDS if p != "dossier" and f"`{p}`" not in text]
    assert missing == []
