"""The one HTTP client and the fetcher around it: caps, retries, rate limit, conditional GET.

`make_client` builds the httpx.Client every fetch goes through (tests inject their own or point
it at a local server). `Fetcher` adds what httpx leaves to the caller: a response size cap
enforced while streaming, retries with exponential backoff on timeouts and 5xx only, a per-host
rate limit, ETag / Last-Modified validators, and charset handling.
"""

from __future__ import annotations

import codecs
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import charset_normalizer
import httpx

from crosscheck.errors import FetchError, TransientError
from crosscheck.ingest.result import HttpCacheEntry
from crosscheck.ingest.urls import host_of

USER_AGENT = "crosscheck/0.1 (+https://github.com/crosscheck/crosscheck)"
# Largest article pages and feeds seen in practice are 1-2 MB of HTML; 5 MB leaves room and
# stops a runaway or hostile body long before it costs memory.
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5  # real sites chain 1-3 (http->https->www->canonical); more is a loop
CONNECT_TIMEOUT = 10.0  # seconds; a host that cannot accept a connection in 10 s is down
READ_TIMEOUT = 20.0  # seconds between bytes when a source sets no timeout
RETRIES = 2  # extra attempts after the first, on timeouts and 5xx only
BACKOFF_SECONDS = 1.0  # first wait before a retry; doubles each time (1 s, 2 s)
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# Share of U+FFFD in a decoded text above which the text is too damaged to be an article.
MAX_REPLACEMENT_SHARE = 0.01


def make_client(user_agent: str = USER_AGENT, *, timeout: float = READ_TIMEOUT,
                connect_timeout: float = CONNECT_TIMEOUT, max_redirects: int = MAX_REDIRECTS,
                transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """The httpx client all of ingestion shares: timeouts, capped redirects, a clear User-Agent."""
    return httpx.Client(
        headers={"User-Agent": user_agent, "Accept": ACCEPT},
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        follow_redirects=True, max_redirects=max_redirects, transport=transport,
    )


@dataclass(frozen=True)
class FetchedResponse:
    """A complete, size-checked response (or a 304 with no body)."""

    url: str  # final URL after redirects
    status: int
    content: bytes
    headers: httpx.Headers
    not_modified: bool = False

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


class HostRateLimiter:
    """Keeps at least 1/rate seconds between the starts of two requests to the same host."""

    def __init__(self, rate: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = 1.0 / rate
        self._clock, self._sleep = clock, sleep
        self._last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = host_of(url)
        last = self._last.get(host)
        if last is not None:
            delay = last + self.interval - self._clock()
            if delay > 0:
                self._sleep(delay)
        self._last[host] = self._clock()


class Fetcher:
    """GETs through one client with retries, a size cap, a rate limit and conditional GET."""

    def __init__(self, client: httpx.Client, *, timeout: float | None = None,
                 rate_limit: float = 1.0, max_bytes: int = MAX_BYTES,
                 retries: int | None = None, backoff: float | None = None,
                 cache: Mapping[str, HttpCacheEntry] | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.client = client
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.retries = RETRIES if retries is None else retries
        self.backoff = BACKOFF_SECONDS if backoff is None else backoff
        self.cache = cache or {}
        self.updates: dict[str, HttpCacheEntry] = {}
        self.limiter = HostRateLimiter(rate_limit, sleep=sleep)
        self._sleep = sleep

    def get(self, url: str, *, conditional: bool = True) -> FetchedResponse:
        """GET url; TransientError after the retries are spent, FetchError at once."""
        last: TransientError | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                self._sleep(self.backoff * 2 ** (attempt - 1))
            self.limiter.wait(url)
            try:
                return self._once(url, conditional)
            except TransientError as exc:
                last = exc
        raise TransientError(f"{last} (gave up after {self.retries + 1} attempts)")

    def _conditional_headers(self, url: str) -> dict[str, str]:
        entry = self.cache.get(url)
        headers = {}
        if entry is not None and entry.etag:
            headers["If-None-Match"] = entry.etag
        if entry is not None and entry.last_modified:
            headers["If-Modified-Since"] = entry.last_modified
        return headers

    def _once(self, url: str, conditional: bool) -> FetchedResponse:
        """One attempt, translating httpx failures into crosscheck errors."""
        headers = self._conditional_headers(url) if conditional else {}
        timeout = httpx.USE_CLIENT_DEFAULT if self.timeout is None else self.timeout
        try:
            with self.client.stream("GET", url, headers=headers, timeout=timeout) as resp:
                return self._complete(url, resp)
        except httpx.TimeoutException as exc:
            raise TransientError(f"{url}: timed out ({type(exc).__name__}); the server is slow "
                                 "or down, raise `timeout` if it is only slow") from None
        except httpx.TooManyRedirects:
            raise FetchError(f"{url}: more than {self.client.max_redirects} redirects (a "
                             "redirect loop?); open the URL in a browser and use the final "
                             "address") from None
        except httpx.DecodingError as exc:
            raise FetchError(f"{url}: body could not be decompressed ({exc})") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError(f"{url}: not a fetchable URL ({exc})") from None
        except httpx.TransportError as exc:
            raise FetchError(f"{url}: connection failed ({type(exc).__name__}: {exc}); check the "
                             "host name and that the site is up") from None

    def _complete(self, url: str, resp: httpx.Response) -> FetchedResponse:
        """Check the status, read the capped body and remember the validators."""
        status = resp.status_code
        if status == 304:
            return FetchedResponse(str(resp.url), status, b"", resp.headers, not_modified=True)
        if status >= 500:
            raise TransientError(f"{url}: HTTP {status} {resp.reason_phrase} (server error)")
        if status >= 300:
            raise FetchError(f"{url}: HTTP {status} {resp.reason_phrase}; check the URL in "
                             "sources.yaml")
        body = self._read_capped(url, resp)
        self._remember(url, resp.headers)
        return FetchedResponse(str(resp.url), status, body, resp.headers)

    def _read_capped(self, url: str, resp: httpx.Response) -> bytes:
        """Read the body, failing as soon as it passes max_bytes (declared or actual)."""
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"{url}: body of {int(declared):,} bytes is over the "
                             f"{self.max_bytes:,}-byte cap (MAX_BYTES); not read")
        chunks, size = [], 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"{url}: body passed the {self.max_bytes:,}-byte cap (MAX_BYTES); "
                                 "stopped reading")
            chunks.append(chunk)
        return b"".join(chunks)

    def _remember(self, url: str, headers: httpx.Headers) -> None:
        etag, modified = headers.get("etag"), headers.get("last-modified")
        if etag or modified:
            self.updates[url] = HttpCacheEntry(url, etag, modified, datetime.now(UTC))


def _usable_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def declared_charsets(content: bytes, content_type: str) -> list[str]:
    """Charsets named by the Content-Type header, then by the document itself."""
    names = []
    match = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.I)
    if match:
        names.append(match.group(1))
    head = content[:4096]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        found = pattern.search(head)
        if found:
            names.append(found.group(1).decode("ascii", "replace"))
    return names


def decode_body(content: bytes, content_type: str = "") -> tuple[str, str | None]:
    """Text of a body and a note when the declared charset was wrong or bytes were replaced."""
    if content.startswith(codecs.BOM_UTF8):
        return content[len(codecs.BOM_UTF8):].decode("utf-8", "replace"), None
    declared = declared_charsets(content, content_type)
    for name in declared:
        codec = _usable_codec(name)
        if codec is None:
            continue
        try:
            return content.decode(codec), None
        except UnicodeDecodeError:
            continue
    said = f"declared charset {declared[0]!r} " if declared else "no declared charset "
    try:
        return content.decode("utf-8"), (f"{said}did not decode the bytes; read as UTF-8"
                                         if declared else None)
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(content).best()
    if best is not None and best.encoding:
        return str(best), f"{said}did not decode the bytes; guessed {best.encoding}"
    return content.decode("utf-8", "replace"), f"{said}and the bytes are not UTF-8; " \
        "undecodable bytes replaced"


def too_damaged(text: str) -> bool:
    """True when replacement characters make up more than MAX_REPLACEMENT_SHARE of the text."""
    return bool(text) and text.count("\ufffd") / len(text) > MAX_REPLACEMENT_SHARE
