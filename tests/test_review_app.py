"""`crosscheck review --serve` as a reviewer uses it: the real app in its own process on
127.0.0.1, Debian's chromium driven by Playwright, real flow runs on real SQLite.

A verdict given in the browser survives a reload and the next nightly run; a POST without the
page's token is refused; hostile article text stays inert text; the Host and Origin checks and
the file route hold against requests a page on another site could make.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from crosscheck.report.html import CSP
from crosscheck.store import Store

from .servers import VENV_BIN, free_port, stop_group
from .test_browser_report import CHROMIUM, CHROMIUM_ARGS
from .test_run_lifecycle import wait_for
from .tiny_corpus import write_tiny_corpus

pytestmark = pytest.mark.usefixtures("prefect_harness")

APP_START_TIMEOUT = 60  # the app imports FastAPI, pandas and the report (~3 s here)
HOSTILE_TITLE = "Drones <img src=x onerror=alert('title')> downed"
HOSTILE_SENTENCE = ("Germany imported about 70% of its natural gas from Russia "
                    "<script>alert('xss')</script> last year, the ministry said.")
HOSTILE_SOURCE = "Evil <b>Outlet</b> onerror=alert(2)"
REVIEWER = "ana"


def hostile_corpus(root: Path) -> Path:
    """The tiny corpus plus an outlet whose name, title and text carry markup and script."""
    sources = write_tiny_corpus(root)
    (root / "evil").mkdir()
    (root / "evil" / "gas.md").write_text(
        f'---\ntitle: "{HOSTILE_TITLE}"\nurl: https://evil.example/gas\npublished: 2022-01-21\n'
        f"---\n{HOSTILE_SENTENCE}\n", encoding="utf-8")
    config = yaml.safe_load(sources.read_text())
    config["sources"].append({
        "id": "evil_outlet", "name": HOSTILE_SOURCE, "kind": "files", "path": "evil",
        "publisher": {"name": "Evil <i>Media</i>", "owner": "<script>alert(3)</script>",
                      "country": "GB", "credibility": 0.5}})
    sources.write_text(yaml.safe_dump(config, sort_keys=False))
    return sources


def nightly_run(sources: Path, out: Path, db: str) -> list[dict]:
    from flows.nightly import nightly

    nightly(sources=str(sources), out=str(out), db=db)
    return json.loads((out / "findings.json").read_text())


@pytest.fixture(scope="module")
def site(tmp_path_factory, prefect_harness) -> Iterator[dict]:
    """One nightly run, then the review app serving its store."""
    tmp = tmp_path_factory.mktemp("review-app")
    sources, db = hostile_corpus(tmp / "corpus"), f"sqlite:///{tmp / 'store.db'}"
    findings = nightly_run(sources, tmp / "out", db)
    port = free_port()
    log = tmp / "app.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(VENV_BIN / "crosscheck"), "review", "--serve", "--port", str(port), "--db", db,
             "--out", str(tmp / "out"), "--reviewer", REVIEWER],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _answers(url) or proc.poll() is not None, APP_START_TIMEOUT,
                 "the review app answering")
        assert proc.poll() is None, log.read_text()
        yield {"url": url, "db": db, "sources": sources, "tmp": tmp, "findings": findings}
    finally:
        stop_group(proc)


def _answers(url: str) -> bool:
    with contextlib.suppress(httpx.HTTPError):
        return httpx.get(f"{url}/health", timeout=2).status_code == 200
    return False


def finding(findings: list[dict], which: int) -> dict:
    """One of the run's findings to give verdicts on (the tests use different ones)."""
    assert len(findings) >= 2, findings
    return findings[which]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (apt-get install -y "
                    "chromium); never `playwright install`")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright for Python not installed")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.problems = []  # console errors, page errors, dialogs, requests off the app
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("dialog", lambda d: (page.problems.append(f"dialog {d.message}"), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith(site["url"])
            else page.problems.append(r.url))
    yield page
    context.close()


def card(page, finding_id: str):
    return page.locator(f'article[data-finding-id="{finding_id}"]')


@pytest.mark.browser
def test_a_dismissal_in_the_browser_survives_reload_and_the_next_night(page, site):
    target = finding(site["findings"], 0)
    page.goto(site["url"] + "/")
    found = card(page, target["id"])
    assert found.get_attribute("data-status") == "unreviewed"
    found.locator("textarea.verdict-note").fill("same figure, different dates")
    found.locator('button[data-verdict="dismissed"]').click()
    page.wait_for_selector(f'article[data-finding-id="{target["id"]}"][data-status="dismissed"]')
    assert "saved" in found.locator(".verdict-msg").inner_text()

    page.reload()
    found = card(page, target["id"])
    assert found.get_attribute("data-status") == "dismissed"
    state = found.locator(".review-state").text_content()
    assert "dismissed" in state and REVIEWER in state and "different dates" in state
    stored = Store(site["db"]).latest_reviews()[target["id"]]
    assert (stored["verdict"], stored["reviewer"]) == ("dismissed", REVIEWER)

    again = nightly_run(site["sources"], site["tmp"] / "out2", site["db"])
    page.reload()
    found = card(page, target["id"])
    assert found.get_attribute("data-status") == "dismissed"
    assert found.get_attribute("data-new") == "no"
    (next_night,) = [f for f in again if f["id"] == target["id"]]
    assert next_night["review"]["verdict"] == "dismissed" and next_night["new"] is False
    assert page.problems == []


@pytest.mark.browser
def test_a_post_without_the_pages_token_is_refused(page, site):
    target = finding(site["findings"], 0)
    page.goto(site["url"] + "/")
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    body = {"finding_id": target["id"], "verdict": "confirmed", "note": "forged"}
    before = Store(site["db"]).count("reviews")
    # the browser's own session cookie goes along; only the header is missing or wrong
    for headers in ({}, {"X-CSRF-Token": "not-the-token"}):
        answer = page.request.post(site["url"] + "/verdict", data=json.dumps(body),
                                   headers={"Content-Type": "application/json", **headers})
        assert answer.status == 403
    status = page.evaluate("""async (body) => (await fetch('/verdict', {method: 'POST',
        headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)})).status""",
                           body)
    assert status == 403
    # the token of another session is no good either
    other = httpx.post(site["url"] + "/verdict", json=body, headers={"X-CSRF-Token": token})
    assert other.status_code == 403
    assert Store(site["db"]).count("reviews") == before


@pytest.mark.browser
def test_hostile_article_text_stays_inert(page, site):
    response = page.goto(site["url"] + "/")
    page.wait_for_timeout(300)
    assert page.problems == []
    assert page.locator("script:not([type])").count() == 1  # and the data block
    assert page.locator("img, [onerror], [onmouseover], b, i").count() == 0
    body = page.inner_text("body")
    assert HOSTILE_SENTENCE in body and HOSTILE_TITLE in body and HOSTILE_SOURCE in body
    policy = response.headers["content-security-policy"]
    static = CSP.split("script-src")[0]
    assert policy.startswith(static.replace("default-src 'none'; ",
                                            "default-src 'none'; connect-src 'self'; "))
    assert "frame-ancestors 'none'" in policy


def test_requests_from_other_sites_are_refused(site):
    page = httpx.get(site["url"] + "/")
    token = page.text.split('name="csrf-token" content="')[1].split('"')[0]
    cookies = page.cookies
    target = finding(site["findings"], -1)["id"]
    rebound = httpx.get(site["url"] + "/", headers={"Host": "evil.example"})
    assert rebound.status_code == 421
    cross = httpx.post(site["url"] + "/verdict", cookies=cookies,
                       headers={"X-CSRF-Token": token, "Origin": "https://evil.example"},
                       json={"finding_id": target, "verdict": "confirmed"})
    assert cross.status_code == 403
    ok = httpx.post(site["url"] + "/verdict", cookies=cookies, headers={"X-CSRF-Token": token},
                    json={"finding_id": target, "verdict": "needs-work", "note": "dates"})
    assert ok.status_code == 200 and ok.json()["verdict"] == "needs-work"
    unknown = httpx.post(site["url"] + "/verdict", cookies=cookies,
                         headers={"X-CSRF-Token": token},
                         json={"finding_id": "nope", "verdict": "confirmed"})
    assert unknown.status_code == 400 and "no finding 'nope'" in unknown.json()["detail"]


def test_the_app_serves_only_the_report_files(site):
    assert httpx.get(site["url"] + "/files/findings.json").json() == site["findings"]
    for path in ("/files/..%2fstore.db", "/files/run.log", "/files/%2e%2e/store.db"):
        assert httpx.get(site["url"] + path).status_code == 404


@pytest.mark.browser
def test_the_static_report_served_by_the_app_keeps_working(page, site):
    response = page.goto(site["url"] + "/files/report.html")
    assert response.headers["content-security-policy"].startswith(CSP.split("script-src")[0])
    assert "connect-src" not in response.headers["content-security-policy"]
    total = len(site["findings"])
    page.select_option("#f-kind", "contradiction")  # the page's own script filters the cards
    shown = sum(f["kind"] == "contradiction" for f in site["findings"])
    assert page.locator("#f-count").inner_text() == f"{shown} of {total} findings"
    assert page.problems == []
