"""Article pages over HTTP: fetch one page into the collector; the `html` source kind."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from crosscheck.config import Source
from crosscheck.errors import IngestError, TransientError
from crosscheck.ingest.fetch import Fetcher, decode_body, too_damaged
from crosscheck.ingest.html_page import page_links, read_article_page
from crosscheck.ingest.result import Collector
from crosscheck.ingest.urls import canonical_url

# Pages read from one index or sitemap when the source sets no max_articles: a night's new
# articles on a busy outlet are well under 200; more usually means a whole archive.
DEFAULT_PAGE_LIMIT = 200
# Content types read as pages; others (PDF, images, video) are skipped with their type named.
PAGE_MEDIA_WORDS = ("html", "xml", "text/plain")


@dataclass(frozen=True)
class Fallback:
    """What a feed entry already says about an article, used when its page cannot be read."""

    title: str = ""
    text: str = ""
    published: datetime | None = None
    author: str | None = None


def _use_fallback(col: Collector, url: str, fallback: Fallback, why: str) -> None:
    """Keep the feed's own text for an article whose page failed, or skip it."""
    if fallback.text.strip():
        col.note(url, f"{why}; used the feed's summary text instead")
        col.add(url=url, text=fallback.text, title=fallback.title,
                published=fallback.published, author=fallback.author)
    else:
        col.skip(url, why)


def fetch_page(col: Collector, fetcher: Fetcher, url: str,
               fallback: Fallback | None = None) -> None:
    """Fetch one article page and add its extracted text, or record why it was not used."""
    fallback = fallback or Fallback()
    try:
        resp = fetcher.get(url)
    except IngestError as exc:
        _use_fallback(col, url, fallback, f"page fetch failed: {exc}")
        return
    if resp.not_modified:
        col.result.not_modified += 1
        return
    media = resp.content_type.split(";")[0].strip().lower()
    if media and not any(word in media for word in PAGE_MEDIA_WORDS):
        _use_fallback(col, url, fallback, f"not an HTML page (Content-Type {media})")
        return
    html, note = decode_body(resp.content, resp.content_type)
    if note:
        col.note(url, note)
    if too_damaged(html):
        _use_fallback(col, url, fallback, f"page text undecodable ({note})")
        return
    page = read_article_page(html, resp.url)
    if page is None:
        _use_fallback(col, url, fallback, "no article text found in the page")
        return
    col.add(url=url, text=page.text, title=page.title or fallback.title,
            canonical=canonical_url(resp.url, page.canonical),
            published=fallback.published or page.published,
            author=page.author or fallback.author)


def page_limit(source: Source) -> int:
    return source.max_articles or DEFAULT_PAGE_LIMIT


def out_of_time(col: Collector, fetcher: Fetcher, item: str, left: int) -> bool:
    """True, with one skip naming source_deadline for the `left` pages, once it has passed."""
    if not fetcher.out_of_time:
        return False
    seconds = fetcher.limits.source_deadline
    col.skip(item, f"{left} more page(s) not fetched: the source's {seconds:g} s deadline "
                   "(source_deadline) passed; they are read on the next run", failure=False)
    return True


def _index_links(source: Source, col: Collector, fetcher: Fetcher) -> list[str]:
    """Article links of the index page matching link_pattern (IngestError when it fails)."""
    assert source.url is not None and source.link_pattern is not None
    resp = fetcher.get(source.url)
    if resp.not_modified:
        col.result.not_modified += 1
        return []
    html, note = decode_body(resp.content, resp.content_type)
    if note:
        col.note(source.url, note)
    pattern = re.compile(source.link_pattern)
    links = [u for u in page_links(html, resp.url) if pattern.search(u)]
    if not links:
        col.skip(source.url, f"index page has no link matching link_pattern "
                             f"{source.link_pattern!r}; check the pattern against the page")
    return links


def ingest_html(source: Source, col: Collector, fetcher: Fetcher) -> None:
    """Listed article URLs, then the links of the index page that match link_pattern."""
    urls = list(source.urls)
    if source.url and source.link_pattern:
        try:
            urls += _index_links(source, col, fetcher)
        except IngestError as exc:
            if not urls:
                col.fail(f"index page fetch failed: {exc}",
                         retryable=isinstance(exc, TransientError))
                return
            col.skip(source.url, f"index page fetch failed: {exc}")
    fetched = 0
    unique = list(dict.fromkeys(urls))
    for number, url in enumerate(unique):
        if col.full or fetched >= page_limit(source):
            break
        left = min(len(unique) - number, page_limit(source) - fetched)
        if out_of_time(col, fetcher, source.url or source.id, left):
            break
        if col.wants(url):
            fetch_page(col, fetcher, url)
            fetched += 1
