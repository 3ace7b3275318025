"""Sitemap sources: an XML urlset, or a sitemapindex of urlsets, read newest first and bounded."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from crosscheck.config import Source
from crosscheck.errors import FetchError, IngestError, TransientError
from crosscheck.ingest.fetch import Fetcher
from crosscheck.ingest.pages import fetch_page, out_of_time, page_limit
from crosscheck.ingest.result import Collector, as_datetime

# Child sitemaps followed from one sitemapindex: news sites split by month or section, and the
# newest few hold everything a nightly run needs; more would crawl the archive.
MAX_CHILD_SITEMAPS = 10


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: datetime | None


def _xml_root(content: bytes, url: str, max_bytes: int) -> etree._Element:
    """Parse sitemap XML safely (no entities, no network); gunzip .xml.gz bodies."""
    if content[:2] == b"\x1f\x8b":
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        content = inflater.decompress(content, max_bytes + 1)
        if len(content) > max_bytes or inflater.unconsumed_tail:
            raise FetchError(f"sitemap {url}: unzipped body is over the {max_bytes:,}-byte cap")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise IngestError(f"sitemap {url} is not valid XML ({exc}); check the url") from None


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _entries(root: etree._Element, item_tag: str) -> list[SitemapEntry]:
    """(loc, lastmod) of every <url> or <sitemap> child, namespace-agnostic."""
    out = []
    for node in root:
        if _local(node.tag) != item_tag:
            continue
        fields = {_local(child.tag): (child.text or "").strip() for child in node}
        if fields.get("loc"):
            out.append(SitemapEntry(fields["loc"], as_datetime(fields.get("lastmod"))))
    return out


def _newest_first(entries: list[SitemapEntry]) -> list[SitemapEntry]:
    """Entries with a lastmod newest first, then those without, in file order."""
    dated = [e for e in entries if e.lastmod is not None]
    dated.sort(key=lambda e: e.lastmod or datetime.min, reverse=True)
    return dated + [e for e in entries if e.lastmod is None]


def read_sitemap(fetcher: Fetcher, url: str, col: Collector,
                 depth: int = 0) -> list[SitemapEntry] | None:
    """Article entries of a sitemap (following one level of index); None when unchanged."""
    resp = fetcher.get(url)
    if resp.not_modified:
        col.result.not_modified += 1
        return None
    root = _xml_root(resp.content, url, fetcher.max_bytes)
    kind = _local(root.tag)
    if kind == "urlset":
        return _entries(root, "url")
    if kind != "sitemapindex" or depth > 0:
        raise IngestError(f"{url} is not a sitemap (root <{kind}>; expected <urlset> or, at the "
                          "top, <sitemapindex>)")
    children = _newest_first(_entries(root, "sitemap"))
    if len(children) > MAX_CHILD_SITEMAPS:
        col.note(url, f"sitemap: read the {MAX_CHILD_SITEMAPS} newest of {len(children)} "
                 "child sitemaps (MAX_CHILD_SITEMAPS)")
    found: list[SitemapEntry] = []
    for child in children[:MAX_CHILD_SITEMAPS]:
        try:
            found += read_sitemap(fetcher, child.url, col, depth + 1) or []
        except IngestError as exc:
            col.skip(child.url, f"child sitemap failed: {exc}")
    return found


def ingest_sitemap(source: Source, col: Collector, fetcher: Fetcher) -> None:
    """Read the sitemap, then fetch the newest pages up to max_articles (or the page limit)."""
    assert source.url is not None
    try:
        entries = read_sitemap(fetcher, source.url, col)
    except IngestError as exc:
        col.fail(str(exc), retryable=isinstance(exc, TransientError))
        return
    if entries is None:
        return
    fetched = 0
    ordered = _newest_first(entries)
    for number, entry in enumerate(ordered):
        if col.full or fetched >= page_limit(source):
            break
        left = min(len(ordered) - number, page_limit(source) - fetched)
        if out_of_time(col, fetcher, source.url, left):
            break
        if col.wants(entry.url):
            fetch_page(col, fetcher, entry.url)
            fetched += 1
