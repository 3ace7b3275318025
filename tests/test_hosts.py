"""Internal addresses are refused (issue 17, case 1): by address kind, after DNS, on every hop.

The test server listens on 127.0.0.1, which is exactly what must be refused by default. Where a
test needs the server to stand for a public host, a stub resolver says so: the stub replaces
the public DNS (the internet edge), never the check itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from crosscheck.config import Source, validate_entry
from crosscheck.errors import HostRefusedError
from crosscheck.ingest import ingest_source
from crosscheck.ingest.feeds import ingest_rss
from crosscheck.ingest.fetch import Fetcher, FetchLimits, make_client
from crosscheck.ingest.hosts import address_kind, system_resolve
from crosscheck.ingest.result import Collector

SECRET = "internal-admin-token-7731"
ARTICLE = ("<html><head><title>Public story</title></head><body><article><h1>Public story</h1>"
           "<p>Officials said about 100,000 troops were massed near the border, according to "
           "satellite images reviewed by analysts on Tuesday.</p></article></body></html>")


@pytest.fixture
def http(server: HTTPServer) -> Iterator[HTTPServer]:
    server.clear()
    server.expect_request("/secret").respond_with_data(f"<p>{SECRET}</p>",
                                                       content_type="text/html")
    yield server
    server.clear()


def hits(http: HTTPServer, path: str) -> int:
    return sum(1 for req, _ in http.log if req.path == path)


def source(kind: str, **keys: object) -> Source:
    entry = {"id": "outlet", "name": "Outlet", "kind": kind, "publisher": {"name": "O"},
             "rate_limit": 1000.0, "timeout": 2.0, **keys}
    built, problems = validate_entry(entry, Path.cwd())
    assert built is not None, problems
    return built


def test_loopback_private_link_local_and_other_internal_addresses_are_refused() -> None:
    refused = {
        "127.0.0.1": "loopback", "::1": "loopback", "10.1.2.3": "private",
        "172.16.0.9": "private", "192.168.1.1": "private", "fc00::1": "private",
        "169.254.169.254": "link-local", "fe80::1%eth0": "link-local",
        "224.0.0.1": "multicast", "ff02::1": "multicast", "0.0.0.0": "unspecified",
        "::": "unspecified", "240.0.0.1": "reserved", "100.64.0.1": "non-public",
        "::ffff:127.0.0.1": "loopback (IPv6 for 127.0.0.1)",
        "::ffff:169.254.169.254": "link-local (IPv6 for 169.254.169.254)",
        "2002:a00:1::": "private (IPv6 for 10.0.0.1)",
        "64:ff9b::7f00:1": "loopback (IPv6 for 127.0.0.1)",
    }
    assert {a: address_kind(a) for a in refused} == refused
    for public in ("93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"):
        assert address_kind(public) is None, public


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_source_on_an_internal_host_is_refused_before_any_request(
        http: HTTPServer, host: str) -> None:
    http.expect_request("/feed.xml").respond_with_data("<rss/>")
    url = http.url_for("/feed.xml").replace("127.0.0.1", host)
    result = ingest_source(source("rss", url=url))
    assert result.error is not None and "refused:" in result.error
    assert "loopback address" in result.error and "allow_private_network: true" in result.error
    assert hits(http, "/feed.xml") == 0


def test_allow_private_network_reaches_the_intranet_feed(http: HTTPServer) -> None:
    http.expect_request("/intranet").respond_with_data(ARTICLE, content_type="text/html")
    result = ingest_source(source("html", urls=[http.url_for("/intranet")],
                                  allow_private_network=True))
    assert result.error is None and [a.title for a in result.articles] == ["Public story"]


def test_allow_private_network_must_be_a_boolean() -> None:
    entry = {"id": "x", "name": "X", "kind": "rss", "url": "https://x.example/rss",
             "publisher": {"name": "X"}, "allow_private_network": "yes"}
    built, problems = validate_entry(entry, Path.cwd())
    assert built is None
    assert [(p.key_path, p.message) for p in problems] == [
        ("allow_private_network", "must be true or false (true lets this source fetch "
                                  "loopback and private-network hosts, for intranet feeds)")]


def stub_dns_server_is_public(host: str, port: int) -> list[str]:
    """Stub DNS: the test server's own address stands for a public host; the rest is real."""
    return ["93.184.216.34"] if host == "127.0.0.1" else system_resolve(host, port)


def public_fetcher(client: httpx.Client) -> Fetcher:
    return Fetcher(client, rate_limit=1000.0, retries=0, timeout=2.0,
                   limits=FetchLimits(resolver=stub_dns_server_is_public))


def test_a_feed_entry_linking_to_an_internal_port_is_refused(http: HTTPServer) -> None:
    secret = http.url_for("/secret").replace("127.0.0.1", "localhost")
    http.expect_request("/feed.xml").respond_with_data(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>Leak'
        f"</title><link>{secret}</link><description>Feed summary: about 100,000 troops were "
        "massed near the border, officials said.</description></item></channel></rss>",
        content_type="application/rss+xml")
    src = source("rss", url=http.url_for("/feed.xml"))
    col = Collector(src)
    with make_client(allow_private_network=True) as client:  # connects to the stub's server
        ingest_rss(src, col, public_fetcher(client))
    assert hits(http, "/secret") == 0
    assert all(SECRET not in a.text for a in col.result.articles)
    [note] = [n.message for n in col.result.notes if n.item == secret]
    assert "refused: localhost resolves to" in note and "used the feed's summary" in note


def test_a_redirect_to_an_internal_host_is_refused_at_that_hop(http: HTTPServer) -> None:
    secret = http.url_for("/secret").replace("127.0.0.1", "localhost")
    http.expect_request("/story").respond_with_response(
        Response(status=302, headers={"Location": secret}))
    with make_client(allow_private_network=True) as client, \
            pytest.raises(HostRefusedError) as info:
        public_fetcher(client).get(http.url_for("/story"))
    assert str(info.value).startswith(f"{secret}: refused: localhost resolves to")
    assert f"(redirected from {http.url_for('/story')})" in str(info.value)
    assert hits(http, "/story") == 1 and hits(http, "/secret") == 0


def test_a_dns_answer_that_turns_internal_at_connect_time_is_refused(http: HTTPServer) -> None:
    answers = [["93.184.216.34"], ["127.0.0.1"]]  # public when checked, loopback when connecting

    def rebinding(host: str, port: int) -> list[str]:
        return answers.pop(0) if host == "rebind.test" else system_resolve(host, port)

    url = f"http://rebind.test:{http.port}/secret"
    limits = FetchLimits(resolver=rebinding)
    with make_client(resolver=rebinding) as client, pytest.raises(HostRefusedError) as info:
        Fetcher(client, rate_limit=1000.0, retries=0, limits=limits).get(url)
    assert "rebind.test resolves to 127.0.0.1, a loopback address" in str(info.value)
    assert answers == [] and hits(http, "/secret") == 0


def test_the_connection_goes_to_the_address_resolved_and_keeps_the_host_name(
        http: HTTPServer) -> None:
    http.expect_request("/page", headers={"Host": f"news.test:{http.port}"}).respond_with_data(
        "pinned", content_type="text/html")

    def resolver(host: str, port: int) -> list[str]:  # news.test exists in no real DNS
        return ["127.0.0.1"] if host == "news.test" else system_resolve(host, port)

    limits = FetchLimits(allow_private_network=True, resolver=resolver)
    with make_client(allow_private_network=True, resolver=resolver) as client:
        resp = Fetcher(client, rate_limit=1000.0, limits=limits).get(
            f"http://news.test:{http.port}/page")
    assert resp.content == b"pinned" and resp.url == f"http://news.test:{http.port}/page"


def test_non_web_urls_are_never_requested(http: HTTPServer) -> None:
    with make_client(allow_private_network=True) as client:
        fetcher = Fetcher(client, limits=FetchLimits(allow_private_network=True))
        for url in ("file:///etc/passwd", "gopher://x.example/1", "http:///nohost"):
            with pytest.raises(Exception, match="not an http\\(s\\) URL"):
                fetcher.get(url)
