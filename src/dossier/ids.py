"""Stable content-hash ids, so runs are reproducible and outside references survive a rebuild."""
from __future__ import annotations

import hashlib
import json


def content_hash(text: str) -> str:
    """sha256 hex of a text (the exact-duplicate key of a document)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stable_id(prefix: str, *parts) -> str:
    """A short id from the JSON of ``parts``: ``stable_id("ent", "PERSON", "zelensky")``."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return f"{prefix}_{hashlib.sha256(blob.encode('utf-8')).hexdigest()[:16]}"
