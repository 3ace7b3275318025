"""The one HTTP client and the fetcher around it: caps, retries, rate limit, conditional GET.

`make_client` builds the httpx.Client every fetch goes through (tests inject their own or point
it at a local server). `Fetcher` adds what httpx leaves to the caller: redirects followed one
hop at a time with every hop's host checked (hosts.py), a response size cap enforced while
streaming, a total deadline per request and per source however slowly a server trickles its
bytes, retries with exponential backoff on timeouts and 5xx only, a per-host rate limit,
ETag / Last-Modified validators, and charset handling.
"""

from __future__ import annotations

import codecs
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import charset_normalizer
import httpx

from crosscheck.config import DEFAULT_REQUEST_DEADLINE, DEFAULT_SOURCE_DEADLINE
from crosscheck.errors import DeadlineError, FetchError, IngestError, TransientError
from crosscheck.ingest.hosts import (
    GuardedTransport,
    Resolver,
    check_scheme,
    check_url,
    system_resolve,
)
from crosscheck.ingest.result import HttpCacheEntry
from crosscheck.ingest.urls import host_of

USER_AGENT = "crosscheck/0.1 (+https://github.com/crosscheck/crosscheck)"
# Largest article pages and feeds seen in practice are 1-2 MB of HTML; 5 MB leaves room and
# stops a runaway or hostile body long before it costs memory.
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5  # real sites chain 1-3 (http->https->www->canonical); more is a loop
CONNECT_TIMEOUT = 10.0  # seconds; a host that cannot accept a connection in 10 s is down
READ_TIMEOUT = 20.0  # seconds between bytes when a source sets no timeout
# Shortest per-read timeout given to httpx when a deadline is about to pass: a zero timeout
# would make the socket non-blocking and a negative one is an error.
MIN_TIMEOUT = 0.001
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRIES = 2  # extra attempts after the first, on timeouts and 5xx only
BACKOFF_SECONDS = 1.0  # first wait before a retry; doubles each time (1 s, 2 s)
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# Share of U+FFFD in a decoded text above which the text is too damaged to be an article.
MAX_REPLACEMENT_SHARE = 0.01


@dataclass(frozen=True)
class FetchLimits:
    """What bounds one source's fetching: deadlines, redirects, which hosts it may reach."""

    request_deadline: float = DEFAULT_REQUEST_DEADLINE
    source_deadline: float = DEFAULT_SOURCE_DEADLINE
    connect_timeout: float = CONNECT_TIMEOUT
    max_redirects: int = MAX_REDIRECTS
    allow_private_network: bool = False
    resolver: Resolver = system_resolve
    clock: Callable[[], float] = time.monotonic


def make_client(user_agent: str = USER_AGENT, *, timeout: float = READ_TIMEOUT,
                connect_timeout: float = CONNECT_TIMEOUT, max_redirects: int = MAX_REDIRECTS,
                transport: httpx.BaseTransport | None = None,
                allow_private_network: bool = False,
                resolver: Resolver = system_resolve) -> httpx.Client:
    """The httpx client all of ingestion shares: timeouts, a clear User-Agent, guarded hosts.

    It follows no redirect itself (the Fetcher does, checking each hop's host) and connects to
    the address it resolved, refusing non-public ones unless `allow_private_network`
    (hosts.GuardedTransport).
    """
    if transport is None:
        transport = GuardedTransport(resolver, allow_private_network=allow_private_network)
    return httpx.Client(
        headers={"User-Agent": user_agent, "Accept": ACCEPT},
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        follow_redirects=False, max_redirects=max_redirects, transport=transport,
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


@dataclass(frozen=True)
class Deadline:
    """The moment a request must be done by, and which configured limit set it."""

    at: float
    key: str  # the sources.yaml key: request_deadline or source_deadline
    seconds: float
    clock: Callable[[], float] = time.monotonic

    def remaining(self) -> float:
        return self.at - self.clock()

    def check(self, url: str) -> None:
        """DeadlineError naming the limit once the deadline has passed."""
        if self.remaining() > 0:
            return
        if self.key == "source_deadline":
            raise DeadlineError(f"{url}: not fetched: the source's {self.seconds:g} s deadline "
                                "(source_deadline) has passed; the rest is read on the next run")
        raise DeadlineError(f"{url}: not finished within the {self.seconds:g} s request deadline "
                            "(request_deadline): the server sends too slowly; raise "
                            "request_deadline if it is only slow")

    def timeout(self, read: float, connect: float) -> httpx.Timeout:
        """Per-read and connect timeouts that end no later than the deadline."""
        left = max(self.remaining(), MIN_TIMEOUT)
        return httpx.Timeout(min(read, left), connect=min(connect, left))


class Fetcher:
    """GETs through one client: host checks, redirects, retries, caps, deadlines, rate limit."""

    def __init__(self, client: httpx.Client, *, timeout: float | None = None,
                 rate_limit: float = 1.0, max_bytes: int = MAX_BYTES,
                 retries: int | None = None, backoff: float | None = None,
                 cache: Mapping[str, HttpCacheEntry] | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 limits: FetchLimits | None = None) -> None:
        self.client = client
        self.timeout = READ_TIMEOUT if timeout is None else timeout
        self.max_bytes = max_bytes
        self.retries = RETRIES if retries is None else retries
        self.backoff = BACKOFF_SECONDS if backoff is None else backoff
        self.cache = cache or {}
        self.updates: dict[str, HttpCacheEntry] = {}
        self.limiter = HostRateLimiter(rate_limit, sleep=sleep)
        self.limits = limits or FetchLimits()
        self._sleep = sleep
        self.source_ends = self.limits.clock() + self.limits.source_deadline

    @property
    def out_of_time(self) -> bool:
        """True once the source's own deadline has passed: fetch nothing more."""
        return self.limits.clock() >= self.source_ends

    def _deadline(self) -> Deadline:
        """The request's deadline, or the source's when that comes first."""
        lim = self.limits
        own = lim.clock() + lim.request_deadline
        if self.source_ends < own:
            return Deadline(self.source_ends, "source_deadline", lim.source_deadline, lim.clock)
        return Deadline(own, "request_deadline", lim.request_deadline, lim.clock)

    def get(self, url: str, *, conditional: bool = True) -> FetchedResponse:
        """GET url; TransientError after the retries are spent, FetchError at once.

        Every error raised carries the URL asked for (`error.url`)."""
        try:
            return self._get(url, conditional)
        except IngestError as exc:
            exc.url = exc.url or url
            raise

    def _get(self, url: str, conditional: bool) -> FetchedResponse:
        deadline = self._deadline()
        deadline.check(url)
        last: TransientError | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                self._sleep(min(self.backoff * 2 ** (attempt - 1), max(deadline.remaining(), 0)))
            try:
                return self._follow(url, conditional, deadline)
            except DeadlineError:
                raise
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

    def _check_host(self, hop: str, url: str) -> None:
        """Refuse a non-web URL, or a host on a non-public address unless the source allows it."""
        try:
            if self.limits.allow_private_network:
                check_scheme(hop)
            else:
                check_url(hop, self.limits.resolver)
        except FetchError as exc:
            if hop == url:
                raise
            raise type(exc)(f"{exc} (redirected from {url})") from None

    def _follow(self, url: str, conditional: bool, deadline: Deadline) -> FetchedResponse:
        """GET url and its redirects, each hop's host checked before it is requested."""
        headers = self._conditional_headers(url) if conditional else {}
        hop = url
        for _ in range(self.limits.max_redirects + 1):
            self._check_host(hop, url)
            deadline.check(hop)
            self.limiter.wait(hop)
            outcome = self._once(hop, headers, deadline)
            if isinstance(outcome, FetchedResponse):
                if not outcome.not_modified:
                    self._remember(url, outcome.headers)
                return outcome
            hop = outcome
        raise FetchError(f"{url}: more than {self.limits.max_redirects} redirects (a redirect "
                         "loop?); open the URL in a browser and use the final address")

    def _once(self, url: str, headers: dict[str, str],
              deadline: Deadline) -> FetchedResponse | str:
        """One request: the response, or the URL it redirects to; httpx errors translated."""
        timeout = deadline.timeout(self.timeout, self.limits.connect_timeout)
        try:
            with self.client.stream("GET", url, headers=headers, timeout=timeout,
                                    follow_redirects=False) as resp:
                return self._complete(url, resp, deadline)
        except httpx.TimeoutException as exc:
            deadline.check(url)  # a timeout the deadline cut short names the deadline
            raise TransientError(f"{url}: timed out ({type(exc).__name__}); the server is slow "
                                 "or down, raise `timeout` if it is only slow") from None
        except httpx.DecodingError as exc:
            raise FetchError(f"{url}: body could not be decompressed ({exc})") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError(f"{url}: not a fetchable URL ({exc})") from None
        except httpx.TransportError as exc:
            raise FetchError(f"{url}: connection failed ({type(exc).__name__}: {exc}); check the "
                             "host name and that the site is up") from None
        except FetchError as exc:  # refused or unresolvable at connection time (GuardedBackend)
            raise type(exc)(f"{url}: {exc}") from None

    def _complete(self, url: str, resp: httpx.Response,
                  deadline: Deadline) -> FetchedResponse | str:
        """Check the status, read the capped body; a redirect gives its absolute target."""
        status = resp.status_code
        if status == 304:
            return FetchedResponse(url, status, b"", resp.headers, not_modified=True)
        if status in REDIRECT_STATUSES:
            location = resp.headers.get("location", "").strip()
            if not location:
                raise FetchError(f"{url}: HTTP {status} redirect without a Location header")
            return urljoin(url, location)
        if status >= 500:
            raise TransientError(f"{url}: HTTP {status} {resp.reason_phrase} (server error)")
        if status >= 300:
            raise FetchError(f"{url}: HTTP {status} {resp.reason_phrase}; check the URL in "
                             "sources.yaml")
        body = self._read_capped(url, resp, deadline)
        return FetchedResponse(url, status, body, resp.headers)

    def _read_capped(self, url: str, resp: httpx.Response, deadline: Deadline) -> bytes:
        """Read the body, failing once it passes max_bytes (declared or actual) or the deadline."""
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"{url}: body of {int(declared):,} bytes is over the "
                             f"{self.max_bytes:,}-byte cap (MAX_BYTES); not read")
        chunks, size = [], 0
        for chunk in resp.iter_bytes():
            deadline.check(url)
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
