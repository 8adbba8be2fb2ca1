"""Text normalisation: Unicode NFC, straight quotes, plain dashes, ordinary spaces.

Quotes become ASCII ``'`` and ``"``, dashes ``-``, every kind of space an ordinary one;
zero-width characters, bidi marks, soft hyphens and control characters go; a lone
surrogate becomes U+FFFD. Runs of spaces collapse
to one, lines are stripped, and paragraph breaks survive (at most one blank line).
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise_text"]

_TABLE = str.maketrans({
    **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u00b4\u0060\uff07"},
    **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\u2039\u203a\uff02"},
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"},
    **{c: " " for c in "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                       "\u2008\u2009\u200a\u202f\u205f\u3000\v\f"},
    **{c: None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"  # zero-width, soft hyphen
                        "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"  # bidi marks
                        "\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"},
    "\u2026": "...",
    "\u2028": "\n",
    "\u2029": "\n\n",
})
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # lone halves: not encodable as UTF-8
_SPACES = re.compile(r" {2,}")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """The normalised form of ``text`` (see the module docstring)."""
    text = unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text.translate(_TABLE))
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()
