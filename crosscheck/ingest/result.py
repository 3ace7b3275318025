"""What ingesting one source returns, and the collector that builds it item by item."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from crosscheck.config import Source
from crosscheck.ingest.text import (
    MAX_ARTICLE_CHARS,
    cap_text,
    clean_text,
    content_hash,
    strip_controls,
)
from crosscheck.ingest.urls import canonical_url
from crosscheck.models import Article, NoteRecord, SkipRecord, stable_id

STAGE = "ingest"
# Shorter than one short sentence ("Troops massed at the border." is 28 characters): nothing to
# extract a claim from, so the item is reported as an empty article.
MIN_ARTICLE_CHARS = 20
# A published date may run ahead of this run's clock by a time zone (at most 14 h) and a
# little clock skew; a date more than a day ahead (2099-01-01) is wrong, and as an as-of date
# it would file the article's figures under a future moment.
MAX_DATE_AHEAD = timedelta(days=1)


@dataclass(frozen=True)
class HttpCacheEntry:
    """Validators from the last successful response of a URL, for conditional GET."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: datetime | None = None


@dataclass
class IngestResult:
    """Articles read from one source, what was skipped and why, and whether the source failed."""

    source_id: str
    articles: list[Article] = field(default_factory=list)
    skips: list[SkipRecord] = field(default_factory=list)
    error: str | None = None  # the whole source failed: why, and how to fix it
    http_cache: dict[str, HttpCacheEntry] = field(default_factory=dict)
    not_modified: int = 0  # conditional GETs answered 304: nothing new behind them
    notes: list[NoteRecord] = field(default_factory=list)  # warnings that did not stop an item
    retryable: bool = False  # the source failed on a timeout or 5xx: a later retry may succeed

    @property
    def ok(self) -> bool:
        return self.error is None


def as_datetime(value: object) -> datetime | None:
    """A date, datetime or ISO 8601 text as an aware datetime (UTC when no zone is given)."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and value.strip():
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Collector:
    """Applies include/exclude, max_articles and de-duplication while articles arrive."""

    def __init__(self, source: Source, now: datetime | None = None) -> None:
        self.source = source
        self.now = now or datetime.now(UTC)
        self.result = IngestResult(source.id)
        self.failures = 0
        self._first_failure: str | None = None
        self._include = [re.compile(p) for p in source.include]
        self._exclude = [re.compile(p) for p in source.exclude]
        self._seen_urls: dict[str, str] = {}
        self._seen_hashes: dict[str, str] = {}

    @property
    def full(self) -> bool:
        """True once max_articles articles were collected."""
        limit = self.source.max_articles
        return limit is not None and len(self.result.articles) >= limit

    def wants(self, url: str) -> bool:
        """Whether a candidate URL passes include/exclude and is not already collected."""
        if self._include and not any(p.search(url) for p in self._include):
            self.skip(url, "excluded: matches no `include` pattern", failure=False)
            return False
        hit = next((p.pattern for p in self._exclude if p.search(url)), None)
        if hit is not None:
            self.skip(url, f"excluded by pattern {hit!r}", failure=False)
            return False
        return canonical_url(url) not in self._seen_urls

    def skip(self, item: str, reason: str, *, failure: bool = True) -> None:
        """Record an item that was not used; `failure` counts it toward a failed source."""
        self.result.skips.append(SkipRecord(STAGE, self.source.id, item, reason))
        if failure:
            self.failures += 1
            self._first_failure = self._first_failure or f"{item}: {reason}"


    def note(self, item: str, message: str) -> None:
        """Keep a warning about an item that was still used (it reaches the report)."""
        self.result.notes.append(NoteRecord(STAGE, self.source.id, item, message))

    def add(self, *, url: str, text: str, title: str = "", canonical: str | None = None,
            published: datetime | None = None, author: str | None = None,
            item: str | None = None) -> Article | None:
        """Cap and clean the text; keep the article unless it is empty or a duplicate."""
        item = item or url
        capped = cap_text(text)
        body, _removed = clean_text(capped)
        if len(body) < MIN_ARTICLE_CHARS:
            self.skip(item, "empty article: no text left after removing boilerplate")
            return None
        canon = canonical or canonical_url(url)
        digest = content_hash(body)
        duplicate_of = self._seen_urls.get(canon) or self._seen_hashes.get(digest)
        if duplicate_of is not None:
            self.skip(item, f"duplicate of {duplicate_of} (same URL or same text)", failure=False)
            return None
        article = Article(
            id=stable_id(self.source.id, canon), source_id=self.source.id, url=url,
            canonical_url=canon, title=strip_controls(title).strip(), text=body,
            content_hash=digest,
            published=self._plausible_date(item, published), fetched_at=self.now,
            author=strip_controls(author) if author else None,
        )
        self._seen_urls[canon] = url
        self._seen_hashes[digest] = url
        self.result.articles.append(article)
        if len(capped) < len(text):
            self.note(item, f"text cut to its first {len(capped):,} of {len(text):,} characters "
                            f"(MAX_ARTICLE_CHARS = {MAX_ARTICLE_CHARS:,}); the rest is not read")
        return article

    def _plausible_date(self, item: str, published: datetime | None) -> datetime | None:
        """The published date, or None with a note when it lies more than a day ahead."""
        if published is None:
            return None
        moment = published if published.tzinfo else published.replace(tzinfo=UTC)
        if moment <= self.now + MAX_DATE_AHEAD:
            return published
        self.note(item, f"published {moment:%Y-%m-%d} is more than a day after this run "
                        f"({self.now:%Y-%m-%d}); not used as the article's date")
        return None

    def fail(self, reason: str, *, retryable: bool = False) -> IngestResult:
        """The whole source failed: keep what was collected and the reason."""
        self.result.error = f"source {self.source.id!r}: {reason}"
        self.result.retryable = retryable
        return self.result

    def finish(self) -> IngestResult:
        """Mark the source failed when every item it tried failed and nothing was unchanged."""
        res = self.result
        if res.error is None and not res.articles and self.failures and not res.not_modified:
            res.error = (f"source {self.source.id!r}: no article could be read "
                         f"({self.failures} failed; first: {self._first_failure})")
        return res
