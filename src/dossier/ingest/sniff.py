"""Reading bytes safely and deciding what they are: size limit, binary detection,
BOMs and UTF-16, NUL bytes, UTF-8 validity, and the input format (by extension, then
by content).
"""
from __future__ import annotations

import codecs
import json
import os
import re
import stat

from ..errors import DossierError, E
from ..limits import MAX_BYTES, MAX_LINE

__all__ = ["read_bytes", "special_kind", "safe_name", "decode", "guess_format", "format_for_extension",
           "longest_line", "DEFAULT_MAX_BYTES", "DEFAULT_MAX_LINE", "EXTENSIONS"]

DEFAULT_MAX_BYTES = MAX_BYTES
DEFAULT_MAX_LINE = MAX_LINE

# extension -> format; "sniff" means look at the content
EXTENSIONS = {
    ".txt": "sniff", ".text": "sniff", "": "sniff",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
}

# signatures that cannot start a text document (binaries without them are caught by
# their control bytes and invalid UTF-8)
_MAGIC = (
    (b"%PDF-", "PDF"), (b"\x89PNG", "PNG image"), (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"), (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive (or docx/xlsx/epub)"), (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"), (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"), (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"), (b"\x00asm", "WebAssembly"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_DECLARED = re.compile(rb"""(?:encoding|charset)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def special_kind(mode: int) -> str | None:
    """What a non-regular file is (``FIFO``, ``socket``, ...), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, kind in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a directory")):
        if test(mode):
            return kind
    return "not a regular file"


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES, *, shown: str | None = None) -> bytes:
    """The bytes of a regular file; ``E113`` for a FIFO, device or socket (opening a FIFO
    would block for ever), ``E107`` over ``max_bytes``, ``E110`` when it cannot be read.
    ``shown``: the name to put in messages (default ``path``)."""
    shown = shown if shown is not None else path
    try:
        kind = special_kind(os.stat(path).st_mode)
        if kind:
            raise DossierError(E.E113, path=shown, detail=kind)
        # O_NONBLOCK: if the path was swapped for a FIFO since the stat, open() returns
        # instead of waiting for a writer; fstat then refuses it
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fp:
            st = os.fstat(fp.fileno())
            kind = special_kind(st.st_mode)
            if kind:
                raise DossierError(E.E113, path=shown, detail=kind)
            if st.st_size > max_bytes:
                raise DossierError(E.E107, path=shown, size=st.st_size, limit=max_bytes)
            data = fp.read(max_bytes + 1)
    except DossierError:
        raise
    except OSError as exc:
        raise DossierError(E.E110, path=shown, detail=exc.strerror or str(exc)) from None
    if len(data) > max_bytes:  # grew while we looked, or a special file
        raise DossierError(E.E107, path=shown, size=f"more than {max_bytes}", limit=max_bytes)
    return data


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def safe_name(name: str) -> str:
    """A path or id fit for a one-line message: control characters escaped (``\\n``,
    ``\\x1b``), bytes that were not UTF-8 (surrogate escapes from ``os.fsdecode``) shown
    as ``\\xff``. Idempotent; printable text is unchanged."""
    if not _UNSAFE.search(name):
        return name

    def escape(m: re.Match) -> str:
        c = m.group(0)
        o = ord(c)
        if 0xDC80 <= o <= 0xDCFF:  # an undecodable byte, as os.fsdecode keeps it
            return f"\\x{o - 0xDC00:02x}"
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or (
            f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}")

    return _UNSAFE.sub(escape, name)


def _utf8_ok(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _looks_utf16(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` for BOM-less UTF-16 of mostly ASCII text, else None."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.8 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.8 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes, path: str | None = None, *, markup: bool = False) -> str:
    """Bytes to text, or the reason they are not a text document.

    UTF-8 (a BOM is dropped) and UTF-16/32 with a BOM are accepted; with ``markup``
    (HTML, XML) a charset the document declares is honoured. Raises ``E103`` (empty),
    ``E101`` (binary), ``E109`` (NUL bytes in text), ``E102`` (not UTF-8).
    """
    if not data.strip():
        raise DossierError(E.E103, path=path)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DossierError(E.E102, path=path, detail=f"{codec}: {exc.reason} at byte {exc.start}") from None
            break
    else:
        for magic, kind in _MAGIC:
            if data.startswith(magic):
                raise DossierError(E.E101, path=path, detail=kind)
        sample = data[:8192]
        if b"\x00" in sample or b"\x00" in data:
            wide = _looks_utf16(sample)
            if wide:
                raise DossierError(E.E102, path=path,
                                   detail=f"looks like {wide} without a byte-order mark")
            if len(sample.translate(None, _CONTROL)) < 0.7 * len(sample) \
                    or not _utf8_ok(data.replace(b"\x00", b"")):
                raise DossierError(E.E101, path=path)
            raise DossierError(E.E109, path=path)
        if len(sample.translate(None, _CONTROL)) < 0.7 * len(sample):
            raise DossierError(E.E101, path=path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            declared: str | None = None
            m = _DECLARED.search(data[:2048]) if markup else None
            if m:
                try:
                    declared = data.decode(m.group(1).decode("ascii"))
                except (LookupError, UnicodeDecodeError):
                    declared = None
            if declared is None:
                raise DossierError(E.E102, path=path,
                                   detail=f"{exc.reason} at byte {exc.start}") from None
            text = declared
    if "\x00" in text:
        raise DossierError(E.E109, path=path)
    if not text.strip():
        raise DossierError(E.E103, path=path)
    return text


def longest_line(text: str) -> int:
    """The length in characters of the longest line."""
    longest = start = 0
    n = len(text)
    while start <= n:
        end = text.find("\n", start)
        if end < 0:
            end = n
        longest = max(longest, end - start)
        start = end + 1
    return longest


def format_for_extension(path: str) -> str | None:
    """The format an extension promises (``sniff`` to look at the content), or None."""
    return EXTENSIONS.get(os.path.splitext(path)[1].lower())


def guess_format(text: str) -> str:
    """``html``, ``feed``, ``jsonl``, ``xml`` (some other XML) or ``text``, from the content."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    low = head.lower()
    if low.startswith("<?xml") or low.startswith("<rss") or low.startswith("<feed") \
            or low.startswith("<rdf:rdf"):
        if re.search(r"<(rss|feed|rdf:rdf)[\s>]", low):
            return "feed"
        if re.search(r"<html[\s>]", low):
            return "html"
        if re.search(r"<!(doctype|entity)", low):
            return "feed"  # a DTD before the root: the feed reader refuses it (E105)
        return "xml"
    if low.startswith("<!doctype html") or low.startswith("<html") \
            or re.match(r"(<!--.*?-->\s*)*<(html|head|body)[\s>]", low, re.S):
        return "html"
    if low.startswith("<!doctype") or re.search(r"<(html|head|body)[\s>]", low[:1024]):
        return "html"
    if low.startswith("{"):
        first = text.lstrip("\ufeff \t\r\n").split("\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except (json.JSONDecodeError, RecursionError):
            if first.rstrip().endswith("}"):
                return "jsonl"
    return "text"
