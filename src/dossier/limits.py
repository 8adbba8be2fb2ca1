"""Limits on input, one constant each (every reader, the CLI, the upload endpoint and URL
fetching take their default from here)."""
from __future__ import annotations

MAX_BYTES = 10_000_000  # bytes in one document (file, JSON line, upload, fetched page)
MAX_LINE = 1_000_000  # characters on one line (spaCy's default max_length)
