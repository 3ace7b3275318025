"""HTTP source kinds (rss, html, sitemap) behind one Fetcher per source."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from crosscheck.config import Source
from crosscheck.ingest.feeds import ingest_rss
from crosscheck.ingest.fetch import Fetcher, FetchLimits, make_client
from crosscheck.ingest.pages import ingest_html
from crosscheck.ingest.result import Collector, HttpCacheEntry, IngestResult
from crosscheck.ingest.sitemap import ingest_sitemap

_READERS = {"rss": ingest_rss, "html": ingest_html, "sitemap": ingest_sitemap}


def source_limits(source: Source) -> FetchLimits:
    """The deadlines and host policy a source sets in sources.yaml."""
    return FetchLimits(request_deadline=source.request_deadline,
                       source_deadline=source.source_deadline,
                       allow_private_network=source.allow_private_network)


def ingest_web(source: Source, col: Collector, *, client: httpx.Client | None,
               http_cache: Mapping[str, HttpCacheEntry]) -> IngestResult:
    """Read an HTTP source with the given client (or a fresh one closed afterwards)."""
    own_client = client is None
    active = client if client is not None else make_client(
        timeout=source.timeout, allow_private_network=source.allow_private_network)
    fetcher = Fetcher(active, timeout=source.timeout, rate_limit=source.rate_limit,
                      cache=http_cache, limits=source_limits(source))
    try:
        _READERS[source.kind](source, col, fetcher)
    finally:
        if own_client:
            active.close()
    col.result.http_cache.update(fetcher.updates)
    return col.finish()
