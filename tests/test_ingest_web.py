"""rss, html and sitemap sources against a real local server, including every failure of issue 5."""

from __future__ import annotations

import gzip
import html
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from crosscheck.config import Source, validate_entry
from crosscheck.ingest import fetch, ingest_source
from crosscheck.ingest.fetch import make_client
from crosscheck.ingest.text import paragraphs

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
ARTICLE = (FIXTURES / "article.html").read_text(encoding="utf-8")
NO_ARTICLE = (FIXTURES / "no_article.html").read_text(encoding="utf-8")
TIMEOUT = 5.0  # seconds: a healthy answer from 127.0.0.1 is far inside this, even on a busy box
SHORT_TIMEOUT = 0.2  # only for a request the server holds until the test has ended
HOLD_SECONDS = 60.0  # the longest a held request waits for its test to end
RELEASE = threading.Event()  # set when a test ends: held requests then return
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


@pytest.fixture
def http(server: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[HTTPServer]:
    monkeypatch.setattr(fetch, "BACKOFF_SECONDS", 0.01)  # retries stay, waits shrink
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


def web_source(kind: str, **keys: object) -> Source:
    entry = {"id": f"test_{kind}", "name": "Test", "kind": kind, "publisher": {"name": "T"},
             "rate_limit": 1000.0, "timeout": TIMEOUT, "allow_private_network": True,
             **keys}
    source, problems = validate_entry(entry, Path.cwd())
    assert source is not None, problems
    return source


def page(title: str, body: str, extra_head: str = "") -> str:
    """An article page around plain text, with site furniture trafilatura must drop."""
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(body))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}"
            f"</title>{extra_head}</head><body><nav><a href='/'>Home</a> <a href='/w'>World</a>"
            f"</nav><article><h1>{html.escape(title)}</h1>{paras}</article><footer>This website "
            "uses cookies. <a href='/privacy'>Privacy</a></footer></body></html>")


def rss(items: list[dict[str, str]]) -> str:
    """An RSS 2.0 feed with the given items (title, link, pubDate, description)."""
    out = []
    for item in items:
        fields = "".join(f"<{k}>{html.escape(v)}</{k}>" for k, v in item.items())
        out.append(f"<item>{fields}</item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Test feed</title><link>http://x/</link>{''.join(out)}</channel></rss>")


def seed_text(folder: str) -> tuple[str, str]:
    """Title and body of a seed article (first line is its title)."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: the real seed articles live in ../shared")
    text = next((SEEDS / folder).glob("*.txt")).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip()]
    title = lines[2] if folder == "axis" else lines[1]
    return title, text


def serve_seed_feed(http: HTTPServer) -> str:
    """Feed of the two seed articles, each on its own page; returns the feed URL."""
    axis_title, axis = seed_text("axis")
    epoch_title, epoch = seed_text("epoch")
    http.expect_request("/seed/axis").respond_with_data(page(axis_title, axis),
                                                        content_type="text/html")
    http.expect_request("/seed/epoch").respond_with_data(page(epoch_title, epoch),
                                                         content_type="text/html")
    feed = rss([
        {"title": axis_title, "link": http.url_for("/seed/axis") + "?utm_source=rss",
         "pubDate": "Wed, 15 May 2024 08:00:00 GMT"},
        {"title": epoch_title, "link": http.url_for("/seed/epoch"),
         "pubDate": "Thu, 23 Dec 2021 10:00:00 GMT"},
    ])

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"feed-1"':
            return Response(status=304)
        return Response(feed, content_type="application/rss+xml", headers={"ETag": '"feed-1"'})

    http.expect_request("/seed/feed.xml").respond_with_handler(handler)
    return http.url_for("/seed/feed.xml")


def test_rss_feed_of_seed_articles(http: HTTPServer, client: httpx.Client) -> None:
    source = web_source("rss", url=serve_seed_feed(http))
    result = ingest_source(source, client=client, now=NOW)
    assert result.error is None and result.skips == []
    axis, epoch = result.articles
    assert "North Korea has sold 1 million to 3 million artillery shells to Russia" in axis.text
    assert axis.canonical_url == http.url_for("/seed/axis")
    assert axis.published == datetime(2024, 5, 15, 8, tzinfo=UTC)
    assert axis.title.startswith("The Burgeoning Sino-Russian Axis")
    assert "MUST READ" not in axis.text and "cookies" not in axis.text
    assert "more than 4,300 kilometers" in epoch.text and "See also" not in epoch.text
    assert set(result.http_cache) == {source.url}
    assert source.url and result.http_cache[source.url].etag == '"feed-1"'
    assert not client.is_closed


def test_unchanged_feed_costs_one_304_and_fetches_no_page(http: HTTPServer,
                                                          client: httpx.Client) -> None:
    source = web_source("rss", url=serve_seed_feed(http))
    first = ingest_source(source, client=client)
    pages_before = sum(1 for req, _ in http.log if req.path != "/seed/feed.xml")
    second = ingest_source(source, client=client, http_cache=first.http_cache)
    assert second.error is None and second.articles == [] and second.skips == []
    assert second.not_modified == 1
    assert sum(1 for req, _ in http.log if req.path != "/seed/feed.xml") == pages_before
    assert http.log[-1][1].status_code == 304


def test_atom_feed_falls_back_to_entry_text(http: HTTPServer, client: httpx.Client) -> None:
    summary = ("<p>Officials said 62 people were killed and 145 injured in the attack on the "
               "concert hall, the health ministry reported on Saturday morning.</p>")
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom test</title><id>urn:t</id>
<updated>2024-03-23T08:00:00Z</updated>
<entry><title>Grain corridor ships leave Odesa</title><id>urn:1</id>
  <link href="{http.url_for('/atom/grain')}"/><updated>2022-08-23T09:00:00Z</updated></entry>
<entry><title>Concert hall attack</title><id>urn:2</id><link href="/atom/gone"/>
  <updated>2024-03-23T07:00:00Z</updated><author><name>Desk Writer</name></author>
  <content type="html">{html.escape(summary)}</content></entry>
<entry><title>Section</title><id>urn:3</id><link href="/atom/section"/>
  <updated>2024-03-23T06:00:00Z</updated></entry>
</feed>"""
    http.expect_request("/atom.xml").respond_with_data(atom, content_type="application/atom+xml")
    http.expect_request("/atom/grain").respond_with_data(ARTICLE, content_type="text/html")
    http.expect_request("/atom/gone").respond_with_data("gone", status=404)
    http.expect_request("/atom/section").respond_with_data(NO_ARTICLE, content_type="text/html")
    result = ingest_source(web_source("rss", url=http.url_for("/atom.xml")), client=client)
    assert result.error is None
    grain, attack = result.articles
    assert grain.canonical_url == "https://harbour-courier.example/world/grain-corridor-ships"
    assert grain.author == "Mara Lindqvist" and "719,549 tonnes" in grain.text
    assert attack.text.startswith("Officials said 62 people were killed")
    assert attack.author == "Desk Writer"
    assert attack.published == datetime(2024, 3, 23, 7, tzinfo=UTC)
    assert any("HTTP 404" in n.message and "feed's summary" in n.message for n in result.notes)
    [skip] = result.skips
    assert skip.item.endswith("/atom/section") and skip.reason == \
        "no article text found in the page"


@pytest.mark.parametrize(("body", "content_type", "needle"), [
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken & <<< ',
     "application/rss+xml", "is not valid RSS/Atom XML"),
    (NO_ARTICLE.encode(), "text/html", "is not an RSS or Atom feed"),
])
def test_invalid_feed_fails_the_source(http: HTTPServer, client: httpx.Client, body: bytes,
                                       content_type: str, needle: str) -> None:
    http.expect_request("/bad.xml").respond_with_data(body, content_type=content_type)
    result = ingest_source(web_source("rss", url=http.url_for("/bad.xml")), client=client)
    assert result.articles == []
    assert result.error is not None and needle in result.error
    assert result.error.startswith("source 'test_rss': ")


def test_truncated_feed_keeps_recovered_entries_with_a_note(http: HTTPServer,
                                                            client: httpx.Client) -> None:
    http.expect_request("/t/page").respond_with_data(ARTICLE, content_type="text/html")
    body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A'
            f'</title><link>{http.url_for("/t/page")}</link></item><item><title>B & C</ti')
    http.expect_request("/t.xml").respond_with_data(body, content_type="application/rss+xml")
    result = ingest_source(web_source("rss", url=http.url_for("/t.xml")), client=client)
    assert len(result.articles) == 1 and result.error is None
    assert any("recovered by the lenient parser" in n.message for n in result.notes)


def held(_request: Request) -> Response:
    """Answers only once the test has ended: a timeout that no load can make pass."""
    RELEASE.wait(HOLD_SECONDS)
    return Response("late")


def huge(_request: Request) -> Response:
    return Response((b"<item>" * 10_000 for _ in range(5_000)), content_type="text/xml")


@pytest.mark.parametrize(("name", "handler", "needle", "attempts"), [
    ("timeout", held, "timed out", 3),
    ("404", Response("gone", status=404), "HTTP 404", 1),
    ("500", Response("oops", status=500), "HTTP 500", 3),
    ("loop", Response(status=302, headers={"Location": "/failing/loop"}),
     "more than 5 redirects", 6),
    ("50MB", huge, "byte cap", 1),
], ids=["timeout", "404", "500", "endless-redirect", "50MB"])
def test_failing_feed_marks_only_that_source_failed(http: HTTPServer, client: httpx.Client,
                                                    name: str, handler: object, needle: str,
                                                    attempts: int) -> None:
    path = f"/failing/{name}"  # own path: a late timed-out request must not count here
    if isinstance(handler, Response):
        http.expect_request(path).respond_with_response(handler)
    else:
        http.expect_request(path).respond_with_handler(handler)  # type: ignore[arg-type]
    http.expect_request("/ok/page").respond_with_data(ARTICLE, content_type="text/html")
    timeout = SHORT_TIMEOUT if name == "timeout" else TIMEOUT
    failing = ingest_source(web_source("rss", url=http.url_for(path), timeout=timeout),
                            client=client)
    healthy = ingest_source(web_source("html", urls=[http.url_for("/ok/page")]), client=client)
    assert failing.articles == [] and failing.error is not None
    assert needle in failing.error and "'test_rss'" in failing.error
    assert failing.retryable == (name in ("timeout", "500"))
    assert healthy.error is None and len(healthy.articles) == 1
    if name != "timeout":  # a timed-out request is logged only when its handler returns
        assert sum(1 for req, _ in http.log if req.path == path) == attempts


def test_html_urls_with_one_page_without_article(http: HTTPServer, client: httpx.Client) -> None:
    http.expect_request("/h/article").respond_with_data(ARTICLE, content_type="text/html")
    http.expect_request("/h/section").respond_with_data(NO_ARTICLE, content_type="text/html")
    both = web_source("html", urls=[http.url_for("/h/article"), http.url_for("/h/section")])
    result = ingest_source(both, client=client)
    assert result.error is None and len(result.articles) == 1
    assert [s.reason for s in result.skips] == ["no article text found in the page"]
    only_section = ingest_source(web_source("html", urls=[http.url_for("/h/section")]),
                                 client=client)
    assert only_section.error is not None
    assert "no article could be read" in only_section.error
    assert "no article text found" in only_section.error


def test_html_index_with_link_pattern(http: HTTPServer, client: httpx.Client) -> None:
    index = ("<html><body><a href='/news/1'>One</a> <a href='/news/2#comments'>Two</a> "
             "<a href='/news/2'>Two again</a> <a href='/about'>About</a> "
             "<a href='/news/3'>Three</a></body></html>")
    http.expect_request("/news/").respond_with_data(index, content_type="text/html")
    for n, place in ((1, "Kharkiv"), (2, "Odesa"), (3, "Lviv")):
        body = (f"Officials in {place} said {n * 1000} people had been evacuated since "
                "Monday, as shelling of the city's outskirts continued through the night.")
        http.expect_request(f"/news/{n}").respond_with_data(page(f"Evacuation {n}", body),
                                                            content_type="text/html")
    source = web_source("html", url=http.url_for("/news/"), link_pattern=r"/news/\d+$",
                        exclude=[r"/news/3"])
    result = ingest_source(source, client=client)
    assert [a.title for a in result.articles] == ["Evacuation 1", "Evacuation 2"]
    assert [s.reason for s in result.skips] == ["excluded by pattern '/news/3'"]
    assert not any(req.path == "/about" for req, _ in http.log)
    limited = ingest_source(web_source("html", url=http.url_for("/news/"),
                                       link_pattern=r"/news/\d+$", max_articles=1), client=client)
    assert [a.title for a in limited.articles] == ["Evacuation 1"]


def test_html_index_that_fails_or_matches_nothing(http: HTTPServer, client: httpx.Client) -> None:
    http.expect_request("/idx").respond_with_data(NO_ARTICLE, content_type="text/html")
    nothing = ingest_source(web_source("html", url=http.url_for("/idx"),
                                       link_pattern=r"/story/"), client=client)
    assert nothing.error is not None and "no link matching link_pattern" in nothing.error
    http.expect_request("/idx404").respond_with_data("", status=404)
    gone = ingest_source(web_source("html", url=http.url_for("/idx404"),
                                    link_pattern=r"/story/"), client=client)
    assert gone.error is not None and "index page fetch failed" in gone.error


GERMAN = ("Die Strompreise in Düsseldorf und München stiegen um 25 Prozent, nachdem Russland "
          "die Gaslieferungen nach Deutschland am 21. Dezember gekürzt hatte, teilten die "
          "Versorger mit. Die Speicher waren zu Beginn des Winters nur zur Hälfte gefüllt.")


def test_wrong_charset_page_is_read_with_a_note(http: HTTPServer, client: httpx.Client) -> None:
    body = page("Strompreise steigen", GERMAN).replace("<meta charset='utf-8'>", "")
    http.expect_request("/de").respond_with_data(
        body.encode("cp1252"), content_type="text/html; charset=utf-8")
    result = ingest_source(web_source("html", urls=[http.url_for("/de")]), client=client)
    [article] = result.articles
    assert "Düsseldorf und München" in article.text and "\ufffd" not in article.text
    assert any("declared charset 'utf-8' did not decode" in n.message for n in result.notes)


def test_non_html_page_is_skipped_with_its_type(http: HTTPServer, client: httpx.Client) -> None:
    http.expect_request("/report.pdf").respond_with_data(b"%PDF-1.7 ...",
                                                         content_type="application/pdf")
    http.expect_request("/ok").respond_with_data(ARTICLE, content_type="text/html")
    source = web_source("html", urls=[http.url_for("/report.pdf"), http.url_for("/ok")])
    result = ingest_source(source, client=client)
    assert len(result.articles) == 1
    assert [s.reason for s in result.skips] == ["not an HTML page (Content-Type application/pdf)"]


def test_undecodable_page_is_skipped(http: HTTPServer, client: httpx.Client) -> None:
    noise = bytes(range(128, 256)) * 40
    http.expect_request("/noise").respond_with_data(
        b"<html><body><article><p>" + noise + b"</p></article></body></html>",
        content_type="text/html; charset=utf-8")
    result = ingest_source(web_source("html", urls=[http.url_for("/noise")]), client=client)
    assert result.articles == []
    [skip] = result.skips
    assert skip.reason.startswith("page text undecodable (declared charset 'utf-8' and the "
                                  "bytes are not UTF-8; undecodable bytes replaced)")
    assert result.error is not None and "page text undecodable" in result.error


def sitemap(urls: list[tuple[str, str]]) -> str:
    entries = "".join(f"<url><loc>{u}</loc><lastmod>{d}</lastmod></url>" for u, d in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>')


def serve_story(http: HTTPServer, n: int) -> str:
    body = (f"The ministry said {n * 11},000 tonnes of grain left port number {n} this week, "
            "according to figures published by the coordination centre in Istanbul.")
    http.expect_request(f"/s/{n}").respond_with_data(page(f"Story {n}", body),
                                                     content_type="text/html")
    return http.url_for(f"/s/{n}")


def test_sitemap_index_newest_first_and_bounded(http: HTTPServer, client: httpx.Client) -> None:
    urls = [serve_story(http, n) for n in range(1, 5)]
    http.expect_request("/sm/a.xml").respond_with_data(
        sitemap([(urls[0], "2024-01-01"), (urls[1], "2024-03-01")]), content_type="text/xml")
    http.expect_request("/sm/b.xml.gz").respond_with_data(
        gzip.compress(sitemap([(urls[2], "2024-02-01"), (urls[3], "2024-04-01")]).encode()),
        content_type="application/octet-stream")
    index = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
             f'sitemap/0.9"><sitemap><loc>{http.url_for("/sm/a.xml")}</loc></sitemap>'
             f'<sitemap><loc>{http.url_for("/sm/b.xml.gz")}</loc></sitemap>'
             f'<sitemap><loc>{http.url_for("/sm/missing.xml")}</loc></sitemap></sitemapindex>')
    http.expect_request("/sm/index.xml").respond_with_data(index, content_type="text/xml")
    http.expect_request("/sm/missing.xml").respond_with_data("", status=404)
    source = web_source("sitemap", url=http.url_for("/sm/index.xml"), max_articles=3)
    result = ingest_source(source, client=client)
    assert result.error is None
    assert [a.title for a in result.articles] == ["Story 4", "Story 2", "Story 3"]
    assert [s.reason.split(":")[0] for s in result.skips] == ["child sitemap failed"]
    assert not any(req.path == "/s/1" for req, _ in http.log)


def test_invalid_sitemap_fails_the_source(http: HTTPServer, client: httpx.Client) -> None:
    http.expect_request("/sm/bad.xml").respond_with_data("<urlset><url><loc>x</url>",
                                                         content_type="text/xml")
    result = ingest_source(web_source("sitemap", url=http.url_for("/sm/bad.xml")), client=client)
    assert result.error is not None and "is not valid XML" in result.error
    http.expect_request("/sm/rss.xml").respond_with_data(rss([]), content_type="text/xml")
    other = ingest_source(web_source("sitemap", url=http.url_for("/sm/rss.xml")), client=client)
    assert other.error is not None and "is not a sitemap (root <rss>" in other.error


def test_duplicate_pages_count_once(http: HTTPServer, client: httpx.Client) -> None:
    http.expect_request("/d/one").respond_with_data(ARTICLE, content_type="text/html")
    http.expect_request("/d/two").respond_with_data(ARTICLE, content_type="text/html")
    source = web_source("html", urls=[http.url_for("/d/one"), http.url_for("/d/two")])
    result = ingest_source(source, client=client)
    assert len(result.articles) == 1
    assert result.skips[0].reason.startswith("duplicate of")


def test_without_a_client_one_is_made_and_closed(http: HTTPServer) -> None:
    http.expect_request("/own").respond_with_data(ARTICLE, content_type="text/html")
    result = ingest_source(web_source("html", urls=[http.url_for("/own")]))
    assert len(result.articles) == 1
    [(request, _)] = [(r, s) for r, s in http.log if r.path == "/own"]
    assert request.headers["User-Agent"].startswith("crosscheck/0.1")


PAGE_SECONDS = 0.3  # each /slow page takes the server at least this long to answer
# The first page starts at once, the second after >= 0.3 s (inside the deadline), a third
# could start only after >= 0.6 s: past it.
SOURCE_DEADLINE = 0.5


def slow_page(_request: Request) -> Response:
    time.sleep(PAGE_SECONDS)
    return Response(ARTICLE, content_type="text/html")


def test_the_source_deadline_stops_fetching_and_names_itself(http: HTTPServer) -> None:
    for n in range(5):
        http.expect_request(f"/slow/{n}").respond_with_handler(slow_page)
    source = web_source("html", urls=[http.url_for(f"/slow/{n}") for n in range(5)],
                        timeout=5.0, source_deadline=SOURCE_DEADLINE)
    result = ingest_source(source)
    assert sum(1 for req, _ in http.log if req.path.startswith("/slow/")) <= 2
    stop = [s for s in result.skips if "(source_deadline) passed" in s.reason]
    assert len(stop) == 1 and "more page(s) not fetched: the source's 0.5 s deadline" in \
        stop[0].reason and "read on the next run" in stop[0].reason


def test_a_trickling_page_is_skipped_naming_the_request_deadline(http: HTTPServer) -> None:
    def trickle(_request: Request) -> Response:
        def body() -> Iterator[bytes]:
            for _ in range(300):
                yield b" "
                time.sleep(0.1)
        return Response(body(), content_type="text/html")

    http.expect_request("/drip").respond_with_handler(trickle)
    http.expect_request("/fine").respond_with_data(ARTICLE, content_type="text/html")
    source = web_source("html", urls=[http.url_for("/drip"), http.url_for("/fine")],
                        timeout=5.0, request_deadline=0.5)
    result = ingest_source(source)
    assert result.error is None and len(result.articles) == 1
    [skip] = [s for s in result.skips if s.item == http.url_for("/drip")]
    assert "0.5 s request deadline (request_deadline)" in skip.reason
