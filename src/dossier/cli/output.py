"""Shared output options for every listing command: ``--format json|jsonl|csv|table``."""
from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from typing import Any, Iterable

import click

FORMATS = ("table", "json", "jsonl", "csv")


def format_option(default: str = "table", choices=FORMATS):
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True, help="Output format.")


def db_option():
    return click.option("--db", envvar="DOSSIER_DB", default="dossier.db", show_default=True,
                        help="Store: a SQLite file, or a postgresql:// URL (env DOSSIER_DB).")


def _cell(value: Any, width: int | None = None) -> str:
    if value is None:
        s = ""
    elif isinstance(value, (list, tuple)):
        s = ", ".join(_cell(v) for v in value)
    elif isinstance(value, dict):
        s = json.dumps(value, ensure_ascii=False)
    else:
        s = str(value)
    s = " ".join(s.split())
    if width and len(s) > width:
        s = s[: width - 1] + "…"
    return s


def render(rows: Iterable[dict], fmt: str, columns: list[str] | None = None,
           as_object: bool = False) -> str:
    """Render ``rows`` (dicts) as text. ``as_object``: json prints one object, not a list."""
    rows = list(rows)
    if fmt == "json":
        return json.dumps(rows[0] if as_object and rows else rows, ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    columns = columns or (list(rows[0].keys()) if rows else [])
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: _cell(r.get(c)) for c in columns})
        return buf.getvalue().rstrip("\n")
    # table
    if not rows:
        return "(none)"
    total = shutil.get_terminal_size((160, 20)).columns
    cap = max(12, total // max(1, len(columns)) + 10)
    cells = [[_cell(r.get(c), cap) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(out)


def emit(rows: Iterable[dict], fmt: str, columns: list[str] | None = None,
         as_object: bool = False, file=None) -> None:
    text = render(rows, fmt, columns, as_object)
    if text:
        click.echo(text, file=file or sys.stdout)
