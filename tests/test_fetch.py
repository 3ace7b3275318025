"""The HTTP client against a real local server: timeouts, retries, caps, redirects, charsets."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from crosscheck.errors import DeadlineError, FetchError, TransientError
from crosscheck.ingest import fetch
from crosscheck.ingest.fetch import (
    MAX_BYTES,
    USER_AGENT,
    Fetcher,
    FetchLimits,
    HostRateLimiter,
    decode_body,
    make_client,
)
from crosscheck.ingest.result import HttpCacheEntry

BIG = 50 * 1024 * 1024
CHUNK = 64 * 1024
TIMEOUT = 5.0  # seconds: a healthy answer from 127.0.0.1 is far inside this, even on a busy box
SHORT_TIMEOUT = 0.2  # only for a request the server holds until the test has ended
HOLD_SECONDS = 60.0  # the longest a held request waits for its test to end
RELEASE = threading.Event()  # set when a test ends: held requests then return


@pytest.fixture
def http(server: HTTPServer) -> Iterator[HTTPServer]:
    RELEASE.clear()
    server.clear()
    yield server
    RELEASE.set()
    server.clear()


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    # The test server is on 127.0.0.1: private addresses must be allowed to reach it.
    with make_client(timeout=TIMEOUT, connect_timeout=TIMEOUT,
                     allow_private_network=True) as c:
        yield c


def fetcher(client: httpx.Client, **kw: object) -> Fetcher:
    options: dict[str, object] = {"rate_limit": 1000.0, "retries": 2, "backoff": 0.01,
                                  "timeout": TIMEOUT,
                                  "limits": FetchLimits(allow_private_network=True)}
    options.update(kw)
    return Fetcher(client, **options)  # type: ignore[arg-type]


def hits(http: HTTPServer, path: str) -> int:
    return sum(1 for req, _ in http.log if req.path == path)


def test_get_sends_user_agent_and_follows_a_redirect(http: HTTPServer,
                                                     client: httpx.Client) -> None:
    http.expect_request("/old").respond_with_response(
        Response(status=301, headers={"Location": "/new"}))
    http.expect_request("/new", headers={"User-Agent": USER_AGENT}).respond_with_data(
        "<p>hello</p>", content_type="text/html; charset=utf-8")
    resp = fetcher(client).get(http.url_for("/old"))
    assert resp.status == 200 and resp.content == b"<p>hello</p>"
    assert resp.url == http.url_for("/new")
    assert USER_AGENT.startswith("crosscheck/0.1 (+https://")


def test_timeout_is_retried_then_reported(http: HTTPServer, client: httpx.Client) -> None:
    def held(_request: Request) -> Response:  # answers only once the test has ended
        RELEASE.wait(HOLD_SECONDS)
        return Response("late")

    http.expect_request("/slow").respond_with_handler(held)
    with pytest.raises(TransientError) as info:
        fetcher(client, retries=1, timeout=SHORT_TIMEOUT).get(http.url_for("/slow"))
    assert "timed out" in str(info.value) and "gave up after 2 attempts" in str(info.value)


def test_404_fails_at_once_without_retry(http: HTTPServer, client: httpx.Client) -> None:
    http.expect_request("/gone").respond_with_data("no", status=404)
    with pytest.raises(FetchError, match="HTTP 404 NOT FOUND; check the URL") as info:
        fetcher(client).get(http.url_for("/gone"))
    assert hits(http, "/gone") == 1
    assert info.value.url == http.url_for("/gone")


def test_500_is_retried_then_fails(http: HTTPServer, client: httpx.Client) -> None:
    http.expect_request("/broken").respond_with_data("oops", status=500)
    with pytest.raises(TransientError, match="HTTP 500.*gave up after 3 attempts") as info:
        fetcher(client).get(http.url_for("/broken"))
    assert hits(http, "/broken") == 3
    assert info.value.url == http.url_for("/broken")


def test_503_then_success_recovers(http: HTTPServer, client: httpx.Client) -> None:
    http.expect_oneshot_request("/flaky").respond_with_data("busy", status=503)
    http.expect_request("/flaky").respond_with_data("fine")
    assert fetcher(client).get(http.url_for("/flaky")).content == b"fine"
    assert hits(http, "/flaky") == 2


def endless_body(sent: list[int]) -> Iterator[bytes]:
    """50 MB in 64 KB chunks, counting what the server actually produced."""
    block = b"x" * CHUNK
    for _ in range(BIG // CHUNK):
        sent[0] += CHUNK
        yield block


def test_50mb_streamed_body_is_capped_without_reading_it_all(http: HTTPServer,
                                                             client: httpx.Client) -> None:
    sent = [0]
    http.expect_request("/huge").respond_with_handler(
        lambda _r: Response(endless_body(sent), content_type="text/html"))
    with pytest.raises(FetchError, match="passed the 5,242,880-byte cap"):
        fetcher(client).get(http.url_for("/huge"))
    assert sent[0] < BIG // 4, f"server produced {sent[0]:,} bytes"
    assert MAX_BYTES == 5 * 1024 * 1024


def test_declared_50mb_body_is_refused_before_reading(http: HTTPServer,
                                                      client: httpx.Client) -> None:
    sent = [0]
    http.expect_request("/declared").respond_with_handler(lambda _r: Response(
        endless_body(sent), headers={"Content-Length": str(BIG)}, content_type="text/html"))
    with pytest.raises(FetchError, match="52,428,800 bytes is over the .* cap.*not read"):
        fetcher(client).get(http.url_for("/declared"))
    assert sent[0] < BIG // 4


def test_gzip_bomb_is_capped_on_the_decompressed_size(http: HTTPServer,
                                                      client: httpx.Client) -> None:
    bomb = gzip.compress(b"\0" * BIG, compresslevel=9)  # about 50 KB on the wire
    http.expect_request("/bomb").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip"}, content_type="text/html")
    with pytest.raises(FetchError, match="passed the 5,242,880-byte cap"):
        fetcher(client).get(http.url_for("/bomb"))
    assert len(bomb) < MAX_BYTES // 50


def test_endless_redirect_stops_at_the_cap(http: HTTPServer, client: httpx.Client) -> None:
    http.expect_request("/loop").respond_with_response(
        Response(status=302, headers={"Location": "/loop"}))
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher(client).get(http.url_for("/loop"))
    assert hits(http, "/loop") == 6


TRICKLE_BYTES = 300  # the trickling server would take TRICKLE_BYTES * TRICKLE_GAP = 30 s
TRICKLE_GAP = 0.1  # seconds between two bytes: far inside any per-read timeout


def trickle(sent: list[int]) -> Iterator[bytes]:
    """A body sent one byte at a time, counting the bytes the server produced."""
    for _ in range(TRICKLE_BYTES):
        sent[0] += 1
        yield b"x"
        time.sleep(TRICKLE_GAP)


def test_a_server_trickling_bytes_is_stopped_at_the_request_deadline(
        http: HTTPServer, client: httpx.Client) -> None:
    sent, at_stop = [0], []
    http.expect_request("/trickle").respond_with_handler(
        lambda _r: Response(trickle(sent), content_type="text/html"))
    limits = FetchLimits(allow_private_network=True, request_deadline=0.5)
    with pytest.raises(DeadlineError) as info:
        try:
            fetcher(client, timeout=5.0, limits=limits).get(http.url_for("/trickle"))
        finally:
            at_stop.append(sent[0])
    assert "not finished within the 0.5 s request deadline (request_deadline)" in str(info.value)
    # Each byte costs the server TRICKLE_GAP of real time, so half the body means the client
    # read on for 15 s past a 0.5 s deadline: only a broken deadline gets there.
    assert at_stop[0] < TRICKLE_BYTES // 2, f"read {at_stop[0]} bytes before stopping"
    assert hits(http, "/trickle") == 1  # a passed deadline is not retried


def test_refused_connection_is_a_permanent_error(client: httpx.Client) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="connection failed"):
        fetcher(client).get(f"http://127.0.0.1:{port}/feed")


def test_conditional_get_sends_validators_and_counts_304(http: HTTPServer,
                                                         client: httpx.Client) -> None:
    def feed(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response("<rss/>", headers={"ETag": '"v1"',
                                           "Last-Modified": "Mon, 23 Nov 2026 01:00:00 GMT"})

    http.expect_request("/feed").respond_with_handler(feed)
    url = http.url_for("/feed")
    first = fetcher(client)
    assert first.get(url).content == b"<rss/>"
    entry = first.updates[url]
    assert (entry.etag, entry.last_modified) == ('"v1"', "Mon, 23 Nov 2026 01:00:00 GMT")
    second = fetcher(client, cache={url: entry})
    resp = second.get(url)
    assert resp.not_modified and resp.content == b"" and second.updates == {}
    assert fetcher(client, cache={url: HttpCacheEntry(url, '"old"')}).get(url).content == \
        b"<rss/>"


def test_rate_limit_spaces_requests_per_host() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 3))
        now[0] += seconds

    limiter = HostRateLimiter(2.0, clock=lambda: now[0], sleep=sleep)
    for url in ("http://a.example/1", "http://a.example/2", "http://b.example/1",
                "http://a.example/3"):
        limiter.wait(url)
    assert slept == [0.5, 0.5]


def test_rate_limit_is_applied_by_the_fetcher(http: HTTPServer, client: httpx.Client) -> None:
    http.expect_request("/r").respond_with_data("ok")
    slept: list[float] = []
    f = fetcher(client, rate_limit=4.0, sleep=slept.append)
    for _ in range(3):
        f.get(http.url_for("/r"))
    assert len(slept) == 2 and all(0 < s <= 0.25 for s in slept)


def test_default_backoff_doubles(monkeypatch: pytest.MonkeyPatch, http: HTTPServer,
                                 client: httpx.Client) -> None:
    monkeypatch.setattr(fetch, "BACKOFF_SECONDS", 0.02)
    http.expect_request("/down").respond_with_data("x", status=502)
    slept: list[float] = []
    f = Fetcher(client, rate_limit=1000.0, sleep=slept.append,
                limits=FetchLimits(allow_private_network=True))
    with pytest.raises(TransientError):
        f.get(http.url_for("/down"))
    assert slept[-2:] == [0.02, 0.04] and f.retries == fetch.RETRIES


GERMAN = ("Die Strompreise in Düsseldorf und München stiegen um 25 Prozent, während die "
          "Gasspeicher zu Beginn des Winters nur zur Hälfte gefüllt waren; Kosten: 300 €.")


def test_decode_declared_charset_is_used() -> None:
    text, note = decode_body(GERMAN.encode("cp1252"), "text/html; charset=windows-1252")
    assert text == GERMAN and note is None


def test_decode_wrong_declared_charset_falls_back_with_a_note() -> None:
    text, note = decode_body(GERMAN.encode("cp1252"), "text/html; charset=utf-8")
    assert "Düsseldorf" in text and "München" in text
    assert note is not None and "declared charset 'utf-8' did not decode" in note


def test_decode_meta_charset_and_unknown_charset() -> None:
    html = f'<html><head><meta charset="iso-8859-1"></head><p>{GERMAN[:60]}</p>'
    text, note = decode_body(html.encode("latin-1"), "text/html")
    assert "Düsseldorf" in text and note is None
    text, note = decode_body(GERMAN.encode("utf-8"), "text/html; charset=x-no-such-charset")
    assert text == GERMAN and note is not None and "read as UTF-8" in note


def test_decode_bom_wins() -> None:
    assert decode_body(b"\xef\xbb\xbf" + GERMAN.encode(), "text/html; charset=ascii") == \
        (GERMAN, None)
