"""Server-rendered pages of ``dossier serve``: Jinja2 templates (autoescape on), static
assets (CSS and a little vanilla JavaScript, all bundled) and the pure helpers that lay out
the timeline, the actor network and the highlighted article text."""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"
