"""Ingest: read files, directories, stdin (and, opt-in, URLs) into ``RawDocument`` records.

One reader per format — founding/plain text (``text``), web pages (``html``), RSS/Atom
(``feeds``), JSON Lines (``jsonl``) — behind one entry point, ``read_inputs``, which
decides the format by extension and then by content (``sniff``) and never raises for a
bad input: it yields a ``DossierError`` naming the file, and the batch goes on.

Document ids: the file name without directory and extension for files; feed items and
JSON lines without an ``id`` get ``<file stem>-<hash>``; stdin ``stdin-<hash>``.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..errors import DossierError, E
from ..records import RawDocument
from .feeds import parse_feed
from .html import parse_html
from .jsonl import parse_json, parse_jsonl
from .meta import normalise_date, outlet_from_url, short_hash
from .sniff import (DEFAULT_MAX_BYTES, DEFAULT_MAX_LINE, decode,
                    format_for_extension, guess_format, longest_line, read_bytes, safe_name)
from .text import parse_text

__all__ = ["read_inputs", "read_path", "read_bytes_as", "iter_files",
           "normalise_date", "outlet_from_url", "DEFAULT_MAX_BYTES", "DEFAULT_MAX_LINE"]

Result = RawDocument | DossierError
SKIP_IN_DIRECTORIES = (".json",)


def _is_url(path: str) -> bool:
    return path.lower().startswith(("http://", "https://"))


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def iter_files(root: str, errors: list[DossierError] | None = None, *,
               follow_symlinks: bool = False) -> Iterator[str]:
    """Files under ``root`` that a directory ingest reads, in sorted order.

    Hidden files and directories (a leading ``.``) are skipped, and so are files whose
    extension is not an input kind (``README.md``, images, ...) and ``.json`` files
    (settings and annotations more often than documents: name them explicitly, or use
    ``.jsonl``); files without an extension are kept and sniffed.

    A symbolic link whose target lies outside ``root`` is refused (``E114``, in
    ``errors``) unless ``follow_symlinks``; links to directories are followed only then
    (each real directory once: no loops). Special files (FIFOs, devices, sockets) are
    listed and refused by the reader (``E113``), never opened.
    """
    found: list[tuple[tuple[str, ...], str]] = []
    real_root = os.path.realpath(root)
    seen_dirs = {real_root}

    def problem(err: DossierError) -> None:
        if errors is not None:
            errors.append(err)

    def unreadable(exc: OSError) -> None:
        problem(DossierError(E.E110, path=safe_name(exc.filename or root),
                             detail=exc.strerror or str(exc)))

    for here, dirs, files in os.walk(root, onerror=unreadable, followlinks=follow_symlinks):
        kept = []
        for d in sorted(d for d in dirs if not d.startswith(".")):
            full = os.path.join(here, d)
            if os.path.islink(full):
                real = os.path.realpath(full)
                if not follow_symlinks:
                    if not _inside(real, real_root):
                        problem(DossierError(E.E114, path=safe_name(full),
                                             detail=safe_name(real)))
                    continue
                if real in seen_dirs or _inside(real_root, real):
                    continue  # a loop, or a directory read already
                seen_dirs.add(real)
            kept.append(d)
        dirs[:] = kept
        rel = Path(here).relative_to(root).parts
        for name in files:
            if name.startswith(".") or format_for_extension(name) is None \
                    or name.lower().endswith(SKIP_IN_DIRECTORIES):
                continue
            full = os.path.join(here, name)
            if not follow_symlinks and os.path.islink(full):
                real = os.path.realpath(full)
                if not _inside(real, real_root):
                    problem(DossierError(E.E114, path=safe_name(full), detail=safe_name(real)))
                    continue
            found.append((rel + (name,), full))
    found.sort()
    for _, path in found:
        yield path


def read_bytes_as(data: bytes, *, doc_id: str, origin: str, fmt: str | None = None,
                  url: str | None = None, max_line: int = DEFAULT_MAX_LINE) -> Iterator[Result]:
    """Decode ``data`` and parse it as ``fmt`` (``sniff``/None: decide from the content).

    ``doc_id`` is the id of a single document, and the base of item ids in feeds and
    JSON Lines. Yields documents and errors.
    """
    markup = fmt in ("html", "feed")
    try:
        text = decode(data, origin, markup=markup or data.lstrip()[:1] == b"<")
    except DossierError as err:
        yield err
        return
    yield from read_text_as(text, doc_id=doc_id, origin=origin, fmt=fmt, url=url,
                            max_line=max_line)


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _encodable(item: Result) -> Result:
    """Lone surrogates (from JSON ``\\ud800`` escapes or XML character references)
    replaced by U+FFFD in every text field, so the document can be stored as UTF-8."""
    if isinstance(item, RawDocument):
        for name in ("id", "raw_text", "title", "source", "url", "published", "origin"):
            value = getattr(item, name)
            if isinstance(value, str) and _SURROGATE.search(value):
                setattr(item, name, _SURROGATE.sub("\ufffd", value))
    return item


def read_text_as(text: str, *, doc_id: str, origin: str, fmt: str | None = None,
                 url: str | None = None, max_line: int = DEFAULT_MAX_LINE) -> Iterator[Result]:
    """Parse decoded ``text`` as ``fmt`` (see ``read_bytes_as``)."""
    for item in _parse_text_as(text, doc_id=doc_id, origin=origin, fmt=fmt, url=url,
                               max_line=max_line):
        yield _encodable(item)


def _parse_text_as(text: str, *, doc_id: str, origin: str, fmt: str | None,
                   url: str | None, max_line: int) -> Iterator[Result]:
    if fmt in (None, "sniff"):
        fmt = guess_format(text)
    elif fmt == "feed":
        sniffed = guess_format(text)
        if sniffed in ("html", "xml"):  # an .xml that is XHTML, or not a feed at all
            fmt = sniffed
    elif fmt == "html" and "<" not in text:
        fmt = "text"  # an .html file holding plain text
    try:
        if fmt == "html":
            yield parse_html(text, doc_id=doc_id, origin=origin, url=url)
        elif fmt in ("feed", "rss", "atom"):
            yield from parse_feed(text, base_id=doc_id, origin=origin, url=url)
        elif fmt == "jsonl":
            yield from parse_jsonl(text, base_id=doc_id, origin=origin, max_line=max_line)
        elif fmt == "json":
            yield from parse_json(text, base_id=doc_id, origin=origin, max_line=max_line)
        elif fmt == "xml":
            yield DossierError(E.E108, path=origin,
                               detail="XML that is neither an RSS/Atom feed nor XHTML")
        else:
            size = longest_line(text)
            if size > max_line:
                yield DossierError(E.E111, path=origin, size=size, limit=max_line)
                return
            yield parse_text(text, doc_id=doc_id, origin=origin)
    except DossierError as err:
        yield err
    except (RecursionError, MemoryError, ValueError, TypeError) as exc:  # a parser gave up
        yield DossierError(E.E110, path=origin, detail=f"{type(exc).__name__}: {exc}")


def _read_file(path: str, *, max_bytes: int, max_line: int) -> Iterator[Result]:
    # messages and the stored origin show a safe name (control characters escaped, bytes
    # that are not UTF-8 as \xff); the file is read by its real name
    shown = safe_name(path)
    try:
        data = read_bytes(path, max_bytes, shown=shown)
    except DossierError as err:
        yield err
        return
    fmt = format_for_extension(path) or "sniff"
    yield from read_bytes_as(data, doc_id=safe_name(Path(path).stem), origin=shown, fmt=fmt,
                             max_line=max_line)


def _read_stdin(stream: BinaryIO | None, *, max_bytes: int, max_line: int) -> Iterator[Result]:
    stream = stream if stream is not None else sys.stdin.buffer
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        yield DossierError(E.E110, path="-", detail=str(exc))
        return
    if len(data) > max_bytes:
        yield DossierError(E.E107, path="-", size=f"more than {max_bytes}", limit=max_bytes)
        return
    yield from read_bytes_as(data, doc_id=f"stdin-{short_hash(data.decode('latin-1'))}",
                             origin="-", fmt="sniff", max_line=max_line)


def _read_url(url: str, *, max_bytes: int, max_line: int) -> Iterator[Result]:
    from .url import fetch_url  # imported lazily: only URL ingest needs the network code
    try:
        raw = fetch_url(url, max_bytes=max_bytes)
    except DossierError as err:
        yield err
        return
    fmt = {"rss": "feed", "atom": "feed"}.get(raw.format, raw.format)
    for item in read_text_as(raw.raw_text, doc_id=raw.id, origin=url, fmt=fmt,
                             url=raw.url, max_line=max_line):
        if isinstance(item, RawDocument):
            item.url = item.url or raw.url
            item.source = item.source or raw.source
            if item.format == "text":
                item.url, item.source = raw.url, raw.source
        yield item


def read_path(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES,
              allow_urls: bool = False, max_line: int = DEFAULT_MAX_LINE,
              stdin: BinaryIO | None = None, follow_symlinks: bool = False) -> Iterator[Result]:
    """Documents (and errors) from one path: a file, a directory (recursively), ``-``
    for stdin, or an http(s) URL when ``allow_urls``. Only regular files are read
    (``E113`` for FIFOs, devices, sockets); inside a directory, symbolic links leaving it
    are refused (``E114``) unless ``follow_symlinks``. Paths in messages are safe to print
    (``safe_name``)."""
    for item in _read_path(path, max_bytes=max_bytes, allow_urls=allow_urls,
                           max_line=max_line, stdin=stdin, follow_symlinks=follow_symlinks):
        if isinstance(item, DossierError) and isinstance(item.path, str):
            item.path = safe_name(item.path)
        yield item


def _read_path(path, *, max_bytes, allow_urls, max_line, stdin, follow_symlinks):
    path = os.fspath(path)
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if path == "-":
        yield from _read_stdin(stdin, max_bytes=max_bytes, max_line=max_line)
        return
    if _is_url(path):
        if not allow_urls:
            yield DossierError(E.E112, path=path,
                               detail="URL ingest is off; allow it explicitly (--allow-urls)")
            return
        yield from _read_url(path, max_bytes=max_bytes, max_line=max_line)
        return
    if not os.path.exists(path):
        yield DossierError(E.E100, path=path)
        return
    if os.path.isdir(path):
        problems: list[DossierError] = []
        for file in iter_files(path, problems, follow_symlinks=follow_symlinks):
            yield from _read_file(file, max_bytes=max_bytes, max_line=max_line)
        yield from problems
        return
    yield from _read_file(path, max_bytes=max_bytes, max_line=max_line)


def read_inputs(paths: Iterable[str | os.PathLike] | str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                allow_urls: bool = False, max_line: int = DEFAULT_MAX_LINE,
                stdin: BinaryIO | None = None, follow_symlinks: bool = False) -> Iterator[Result]:
    """Documents and errors from every path, in order (see ``read_path``); never raises
    for a bad input."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for path in paths:
        yield from read_path(path, max_bytes=max_bytes, allow_urls=allow_urls,
                             max_line=max_line, stdin=stdin, follow_symlinks=follow_symlinks)
