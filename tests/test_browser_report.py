"""report.html in a real browser: Debian's chromium driven by Playwright, opened from file://."""

from __future__ import annotations

import base64
import struct
from pathlib import Path

import pytest

from crosscheck.report import build_view, write_report
from crosscheck.report.html import PAGE_SIZE
from crosscheck.report.sample import (
    XSS_SENTENCE,
    XSS_SOURCE,
    XSS_TITLE,
    large_input,
    sample_input,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
MIN_STDDEV = 10.0  # grey-level spread of a page with text and colour; a blank page is ~0
MIN_PNG_BYTES = 20_000  # a blank full-page PNG compresses to a few kB

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's chromium at /usr/bin/chromium "
                              "(apt-get install -y chromium); never `playwright install`"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright for Python not installed")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    inp = sample_input(hostile=True)
    out = tmp_path_factory.mktemp("report")
    return inp, write_report(inp, out)["html"]


class Watched:
    """A page with its console errors, page errors, dialogs and non-file requests recorded."""

    def __init__(self, page):
        self.page, self.errors, self.dialogs, self.requests = page, [], [], []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.on("request", lambda r: None if r.url.startswith("file://")
                else self.requests.append(r.url))

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def opened(browser, path: Path):
    """A watched page showing `path` in a fresh context, closed when the test is done."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    w = Watched(page)
    page.goto(path.as_uri())
    yield w
    context.close()


@pytest.fixture
def watched(browser, report):
    yield from opened(browser, report[1])


def _visible_ids(page) -> list[str]:
    return page.eval_on_selector_all("article.finding:not([hidden])", "els => els.map(e => e.id)")


def test_page_loads_without_errors_or_requests(watched, report):
    page = watched.page
    page.wait_for_load_state("load")
    assert page.title().startswith("crosscheck")
    assert watched.errors == []
    assert watched.requests == []
    assert page.locator("article.finding").count() == len(report[0].findings)
    assert page.locator("#f-count").inner_text() == f"{len(report[0].findings)} of " \
        f"{len(report[0].findings)} findings"


def test_filters_change_visible_findings(watched, report):
    page, inp = watched.page, report[0]
    total = len(inp.findings)
    page.select_option("#f-kind", "unsupported")
    unsupported = [f"f-{f.id}" for f in inp.findings if f.kind == "unsupported"]
    assert sorted(_visible_ids(page)) == sorted(unsupported)
    page.select_option("#f-kind", "")
    page.select_option("#f-country", "DE")
    gas = next(f for f in inp.findings if "Share of German gas" in f.explanation)
    assert _visible_ids(page) == [f"f-{gas.id}"]
    page.click("#f-reset")
    page.select_option("#f-source", "baltic-wire")
    assert len(_visible_ids(page)) == 3  # gas, troops and the unsupported gas figure
    page.click("#f-reset")
    page.check("#f-new")
    new_ids = [f"f-{fv.finding.id}" for fv in build_view(inp).findings if fv.new]
    assert _visible_ids(page) == new_ids and len(new_ids) < total
    page.click("#f-reset")
    page.select_option("#f-status", "dismissed")
    assert len(_visible_ids(page)) == 1
    page.click("#f-reset")
    page.fill("#f-search", "ARTILLERY")
    assert len(_visible_ids(page)) == 1
    page.fill("#f-search", "no such words anywhere")
    assert _visible_ids(page) == [] and page.locator("#f-empty").is_visible()
    assert page.locator("#f-count").inner_text() == f"0 of {total} findings"
    page.click("#f-reset")
    assert len(_visible_ids(page)) == total and watched.errors == []


def test_filters_restore_from_the_address(browser, report):
    page = browser.new_page()
    page.goto(report[1].as_uri() + "#kind=contradiction&new=1")
    view = build_view(report[0])
    want = [f"f-{fv.finding.id}" for fv in view.findings
            if fv.new and fv.finding.kind == "contradiction"]
    assert _visible_ids(page) == want
    assert page.locator("#f-new").is_checked()
    page.close()


def test_number_lines_drawn_with_one_interval_per_figure(watched, report):
    page = watched.page
    for fv in build_view(report[0]).findings:
        svg = page.locator(f"#f-{fv.finding.id} svg.number-line")
        if fv.finding.kind != "contradiction":
            assert svg.count() == 0
            continue
        assert svg.locator("g.interval").count() == len(fv.drawn) == len(fv.figures)
        box = svg.bounding_box()
        assert box["width"] > 300 and box["height"] > 60
        drawn = svg.locator("g.interval line.span, g.interval circle.point")
        for i in range(drawn.count()):
            shape = drawn.nth(i).bounding_box()
            assert shape and shape["width"] > 0 and shape["height"] > 0
    troops = next(f for f in report[0].findings if "troops" in f.explanation)
    arrows = page.locator(f"#f-{troops.id} svg line[marker-end], #f-{troops.id} svg "
                          "line[marker-start]")
    assert arrows.count() == 2


def test_xss_payload_stays_inert_and_visible_as_text(watched):
    page = watched.page
    page.wait_for_timeout(300)
    assert watched.dialogs == []
    assert page.locator("img, [onerror], [onload], body script ~ script").count() == 0
    assert page.locator("script:not([type])").count() == 1
    assert page.locator('script[type="application/json"]').count() == 1  # the data block
    assert page.get_by_text(XSS_SENTENCE[:40]).first.is_visible()
    assert XSS_SENTENCE in page.inner_text("body")
    assert XSS_TITLE in page.inner_text("body")
    assert page.locator(".source-name", has_text=XSS_SOURCE).is_visible()
    assert page.locator('a[href^="javascript:"]').count() == 0


def test_phone_width_has_no_sideways_scroll(browser, report):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(report[1].as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("svg.number-line").first.bounding_box()["width"] <= 390
    context.close()


def test_print_hides_controls_and_shows_findings(watched):
    page = watched.page
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    assert page.locator("article.finding").first.is_visible()
    page.emulate_media(media="screen")


def _png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24])


def _grey_stddev(page, data: bytes) -> float:
    """Grey-level standard deviation of a PNG, with PIL when present, else in the browser."""
    try:
        from PIL import Image, ImageStat
    except ImportError:
        return page.evaluate(
            """async (b64) => {
                 const img = new Image();
                 img.src = 'data:image/png;base64,' + b64;
                 await img.decode();
                 const c = document.createElement('canvas');
                 c.width = img.width; c.height = img.height;
                 const ctx = c.getContext('2d');
                 ctx.drawImage(img, 0, 0);
                 const d = ctx.getImageData(0, 0, c.width, c.height).data;
                 let n = 0, sum = 0, sq = 0;
                 for (let i = 0; i < d.length; i += 4 * 7) {
                   const g = (d[i] + d[i + 1] + d[i + 2]) / 3;
                   n += 1; sum += g; sq += g * g;
                 }
                 const mean = sum / n;
                 return Math.sqrt(sq / n - mean * mean);
               }""", base64.b64encode(data).decode("ascii"))
    import io

    return ImageStat.Stat(Image.open(io.BytesIO(data)).convert("L")).stddev[0]


def test_screenshot_is_not_blank(browser, watched, tmp_path):
    shot = tmp_path / "report.png"
    watched.page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    width, height = _png_size(data)
    assert width == 1280 and height > 2000
    assert len(data) > MIN_PNG_BYTES and len(set(data)) > 200
    # the canvas check runs on a blank page so the report's CSP cannot interfere
    scratch = browser.new_page()
    try:
        assert _grey_stddev(scratch, data) > MIN_STDDEV
    finally:
        scratch.close()


# A run at scale, built here: 3,000 findings of 40 claims each (the 20,000-article benchmark
# had 2,162 findings, the largest with 1,188 claims).
LARGE_FINDINGS, LARGE_CLAIMS = 3000, 40


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    inp = large_input(findings=LARGE_FINDINGS, claims=LARGE_CLAIMS)
    return inp, write_report(inp, tmp_path_factory.mktemp("large"))["html"]


@pytest.fixture
def large_page(browser, large):
    yield from opened(browser, large[1])


def _shown_count(page) -> int:
    return page.locator("article.finding:not([hidden])").count()


def test_a_large_report_shows_one_page_of_findings_then_more(large_page, large):
    page, inp = large_page.page, large[0]
    assert page.locator("article.finding").count() == PAGE_SIZE  # the rest: the data block
    assert _shown_count(page) == PAGE_SIZE
    total = f"{LARGE_FINDINGS} of {LARGE_FINDINGS} findings"
    assert page.locator("#f-count").inner_text() == total
    more = page.locator("#f-more")
    assert more.inner_text() == f"Show {PAGE_SIZE} more ({LARGE_FINDINGS - PAGE_SIZE} not shown)"
    more.click()
    assert _shown_count(page) == 2 * PAGE_SIZE
    shown = page.eval_on_selector_all("article.finding:not([hidden])", "els => els.map(e => e.id)")
    order = [f"f-{fv.finding.id}" for fv in build_view(inp).findings]
    assert shown == order[:2 * PAGE_SIZE]  # in report order
    assert large_page.errors == [] and large_page.requests == []


def test_a_large_report_filters_every_finding_not_only_the_page(large_page, large):
    page, inp = large_page.page, large[0]
    unsupported = sum(1 for f in inp.findings if f.kind == "unsupported")
    page.select_option("#f-kind", "unsupported")
    assert page.locator("#f-count").inner_text() == f"{unsupported} of {LARGE_FINDINGS} findings"
    assert _shown_count(page) == PAGE_SIZE
    kinds = page.eval_on_selector_all("article.finding:not([hidden])",
                                      "els => els.map(e => e.dataset.kind)")
    assert set(kinds) == {"unsupported"}
    last = inp.findings[-1]  # "place 2999": beyond any first page
    page.select_option("#f-kind", "")
    page.fill("#f-search", f"place {LARGE_FINDINGS - 1}:")
    assert _shown_count(page) == 1 and page.locator(f"#f-{last.id}").is_visible()
    assert page.locator("#f-more").is_hidden()
    assert large_page.errors == []


def test_a_link_to_a_finding_beyond_the_first_page_shows_it(browser, large):
    last = build_view(large[0]).findings[-1].finding
    page = browser.new_page()
    page.goto(large[1].as_uri() + f"#f-{last.id}")
    card = page.locator(f"#f-{last.id}")
    assert card.is_visible()
    assert card.locator("div.claim").count() == 3  # one of each of three competing figures
    more = card.locator("p.more-claims").inner_text()
    assert more.endswith("all in findings.json and claims.csv")
    page.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The hostile sample twice: every card as HTML, and every card built by report.js from
    the data block (as the cards past a large report's first page are)."""
    from crosscheck.report.html import AppPage, render_html

    view = build_view(sample_input(hostile=True))
    out = tmp_path_factory.mktemp("built")
    (out / "html.html").write_text(render_html(view), encoding="utf-8")
    (out / "data.html").write_text(render_html(view, rendered=0), encoding="utf-8")
    app = AppPage(csrf_token="t", store="sqlite:///x.db")
    (out / "app-html.html").write_text(render_html(view, app), encoding="utf-8")
    (out / "app-data.html").write_text(render_html(view, app, rendered=0), encoding="utf-8")
    return view, out


def _card_texts(page) -> dict[str, str]:
    return page.eval_on_selector_all(
        "article.finding", "els => Object.fromEntries(els.map(e => {"
        "  e.classList.remove('later');"  # laid out off screen too, so innerText reads it
        "  return [e.id, e.innerText.replace(/\\s+/g, ' ').trim()]; }))")


@pytest.mark.parametrize("app", ["", "app-"])
def test_a_card_built_from_the_data_block_reads_as_the_rendered_one(browser, built, app):
    view, out = built
    as_html, as_data = out / f"{app}html.html", out / f"{app}data.html"
    pages = {}
    for name, path in (("html", as_html), ("data", as_data)):
        w = Watched(browser.new_page())
        w.page.goto(path.as_uri())
        w.page.wait_for_timeout(200)
        assert w.errors == [] and w.dialogs == [] and w.requests == [], name
        pages[name] = w
    html, data = pages["html"].page, pages["data"].page
    assert "<article" not in as_data.read_text().split('id="f-data"')[0]  # none rendered
    assert [f"f-{fv.finding.id}" for fv in view.findings] == _visible_ids(data)
    assert _card_texts(data) == _card_texts(html)
    for page in (html, data):  # hostile text stays text, whichever way the card was made
        assert page.locator("img, [onerror], [onload]").count() == 0
        assert page.locator("script").count() == 2  # its own and the data block: none broke out
        assert XSS_SENTENCE in page.inner_text("body") and XSS_TITLE in page.inner_text("body")
        assert page.locator('a[href^="javascript:"]').count() == 0
    if app:  # the review app's note and verdict buttons on every card, built or not
        for page in (html, data):
            assert page.locator("article.finding button[data-verdict]").count() == \
                3 * len(view.findings)
    for w in pages.values():
        w.page.close()
