"""Shared output options for every listing command: ``--format json|jsonl|csv|table``."""
from __future__ import annotations

import csv
import io
import json
import re
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


def _cell(value: Any) -> str:
    if value is None:
        s = ""
    elif isinstance(value, (list, tuple)):
        s = ", ".join(_cell(v) for v in value)
    elif isinstance(value, dict):
        s = json.dumps(value, ensure_ascii=False)
    else:
        s = str(value)
    return " ".join(s.split())


def first_day(value: str | None) -> tuple:
    """A sort key for contract dates by the first day they name: ``2025-W49`` (1 Dec)
    before ``2025-12-02``, ``2025-12`` at 1 Dec; more precise first on the same day;
    unknown dates last."""
    from ..dates import period_start, precision
    v = value or ""
    if re.fullmatch(r"\d{4}-\d{2}-XX", v):
        v = v[:7]
    start = period_start(v) if v else None
    return (start is None, start or v, -precision(v) if start else 0)


def by_first_day(rows: list[dict], key: str) -> list[dict]:
    """Rows sorted (stably) by ``first_day`` of ``row[key]``."""
    return sorted(rows, key=lambda r: first_day(r.get(key)))


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
    return table(rows, columns)


def _rule_box():
    from rich.box import Box
    return Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)


def table_width() -> int:
    """The terminal's width; piped or redirected, ``$COLUMNS`` or 160. Tables wrap long
    cells to fit it, never cut them."""
    return shutil.get_terminal_size((160, 24)).columns


def column_widths(natural: list[int], width: int, gap: int = 3, short: int = 14,
                  content: list[int] | None = None, header: list[int] | None = None
                  ) -> list[int]:
    """Widths that fit ``width``: columns whose values (``content``) are at most ``short``
    wide keep them (a longer header wraps past 12); the rest share what is left in
    proportion to their natural width (never below 8)."""
    room = width - gap * (len(natural) - 1)
    if sum(natural) <= room:
        return list(natural)
    content = content or natural
    header = header or [0] * len(natural)
    fixed = [max(c, min(h, 12)) if c <= short else None for c, h in zip(content, header)]
    left = max(0, room - sum(n for n in fixed if n is not None))
    wide = [n for n, f in zip(natural, fixed) if f is None]
    total = sum(wide) or 1
    return [f if f is not None else max(8, int(left * n / total)) for n, f in zip(natural, fixed)]


def table(rows: list[dict], columns: list[str], width: int | None = None) -> str:
    """Rows as a plain-text table (rich): every cell whole, long ones wrapped in their
    column to fit the width; ASCII only, no colours, so it pipes and diffs cleanly."""
    if not rows:
        return "(none)"
    from rich.console import Console
    from rich.table import Table

    width = width or table_width()
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    content = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    natural = [max(len(c), n) for c, n in zip(columns, content)]
    widths = column_widths(natural, width, content=content, header=[len(c) for c in columns])
    t = Table(box=_rule_box(), show_edge=False, pad_edge=False, header_style="", expand=False)
    for c, w in zip(columns, widths):
        t.add_column(c, overflow="fold", width=w, no_wrap=False)
    for row in cells:
        t.add_row(*row)
    console = Console(width=max(width, sum(widths) + 3 * len(widths)), color_system=None,
                      force_terminal=False, legacy_windows=False, highlight=False,
                      soft_wrap=False, emoji=False, markup=False)
    with console.capture() as cap:
        console.print(t)
    return "\n".join(line.rstrip() for line in cap.get().splitlines()).strip("\n")


def emit(rows: Iterable[dict], fmt: str, columns: list[str] | None = None,
         as_object: bool = False, file=None) -> None:
    text = render(rows, fmt, columns, as_object)
    if text:
        click.echo(text, file=file or sys.stdout)
