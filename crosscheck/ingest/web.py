"""HTTP source kinds (rss, html, sitemap) behind one Fetcher per source."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from crosscheck.config import Source
from crosscheck.ingest.feeds import ingest_rss
from crosscheck.ingest.fetch import Fetcher, make_client
from crosscheck.ingest.pages import ingest_html
from crosscheck.ingest.result import Collector, HttpCacheEntry, IngestResult
from crosscheck.ingest.sitemap import ingest_sitemap

_READERS = {"rss": ingest_rss, "html": ingest_html, "sitemap": ingest_sitemap}


def ingest_web(source: Source, col: Collector, *, client: httpx.Client | None,
               http_cache: Mapping[str, HttpCacheEntry]) -> IngestResult:
    """Read an HTTP source with the given client (or a fresh one closed afterwards)."""
    own_client = client is None
    active = make_client(timeout=source.timeout) if client is None else client
    fetcher = Fetcher(active, timeout=source.timeout, rate_limit=source.rate_limit,
                      cache=http_cache)
    try:
        _READERS[source.kind](source, col, fetcher)
    finally:
        if own_client:
            active.close()
    col.result.http_cache.update(fetcher.updates)
    return col.finish()
