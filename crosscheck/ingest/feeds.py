"""RSS and Atom sources: read the feed with feedparser, then each entry's page."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from crosscheck.config import Source
from crosscheck.errors import IngestError, TransientError
from crosscheck.ingest.fetch import Fetcher
from crosscheck.ingest.html_page import html_fragment_text
from crosscheck.ingest.pages import Fallback, fetch_page, out_of_time, page_limit
from crosscheck.ingest.result import Collector


def _entry_time(entry: Any) -> datetime | None:
    """published (else updated) time of a feed entry, as aware UTC."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)


def _entry_text(entry: Any) -> str:
    """The fullest text the feed carries for an entry: content, else summary."""
    for block in entry.get("content") or []:
        text = html_fragment_text(block.get("value", ""))
        if text:
            return text
    return html_fragment_text(entry.get("summary", ""))


def _fallback(entry: Any) -> Fallback:
    return Fallback(title=entry.get("title", "") or "", text=_entry_text(entry),
                    published=_entry_time(entry), author=entry.get("author") or None)


def parse_feed(content: bytes, url: str, content_type: str = "") -> Any:
    """feedparser's result, or IngestError when the bytes hold no RSS/Atom entries."""
    parsed = feedparser.parse(content, response_headers={"content-type": content_type,
                                                         "content-location": url})
    if parsed.entries:
        return parsed
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.get("version"):
        detail = f"; parser: {problem}" if problem else ""
        raise IngestError(f"{url} is not an RSS or Atom feed (no <rss>, <feed> or <rdf> root"
                          f"{detail}); use kind html for web pages")
    if problem:
        raise IngestError(f"feed {url} is not valid RSS/Atom XML ({problem}); check that the "
                          "url points at the feed itself")
    return parsed


def ingest_rss(source: Source, col: Collector, fetcher: Fetcher) -> None:
    """Fetch the feed (conditional GET), then each new entry's page."""
    assert source.url is not None
    try:
        resp = fetcher.get(source.url)
        if resp.not_modified:
            col.result.not_modified += 1
            return
        parsed = parse_feed(resp.content, resp.url, resp.content_type)
    except IngestError as exc:
        col.fail(str(exc), retryable=isinstance(exc, TransientError))
        return
    if parsed.get("bozo"):
        col.note(source.url, f"feed: {parsed.get('bozo_exception')}; "
                 f"{len(parsed.entries)} entries recovered by the lenient parser")
    fetched = 0
    for number, entry in enumerate(parsed.entries, start=1):
        if col.full or fetched >= page_limit(source):
            break
        left = min(len(parsed.entries) - number + 1, page_limit(source) - fetched)
        if out_of_time(col, fetcher, source.url, left):
            break
        link = entry.get("link")
        if not link:
            col.skip(f"{source.url} entry {number}", "feed entry has no link")
            continue
        link = urljoin(resp.url, link)
        if col.wants(link):
            fetch_page(col, fetcher, link, _fallback(entry))
            fetched += 1
