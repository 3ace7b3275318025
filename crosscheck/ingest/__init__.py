"""Ingest stage: read one source (files, JSON lines, RSS/Atom, HTML pages, sitemap) into Articles.

`ingest_source` never raises for bad input of one source: a failure of the whole source goes in
`IngestResult.error`, an item that could not be used goes in `IngestResult.skips` with its reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import httpx

from crosscheck.config import Source
from crosscheck.ingest.fetch import USER_AGENT, make_client
from crosscheck.ingest.files import ingest_files
from crosscheck.ingest.jsonl import ingest_jsonl
from crosscheck.ingest.result import Collector, HttpCacheEntry, IngestResult
from crosscheck.ingest.text import clean_text, content_hash, normalize_text
from crosscheck.ingest.urls import canonical_url
from crosscheck.ingest.web import ingest_web

_LOCAL = {"files": ingest_files, "jsonl": ingest_jsonl}


def ingest_source(source: Source, *, client: httpx.Client | None = None,
                  http_cache: Mapping[str, HttpCacheEntry] | None = None,
                  now: datetime | None = None) -> IngestResult:
    """Read one source; failures are reported in the result, never raised."""
    col = Collector(source, now)
    if source.kind in _LOCAL:
        _LOCAL[source.kind](source, col)
        return col.finish()
    return ingest_web(source, col, client=client, http_cache=http_cache or {})


__all__ = [
    "USER_AGENT", "HttpCacheEntry", "IngestResult", "canonical_url", "clean_text", "content_hash",
    "ingest_source", "make_client", "normalize_text",
]
