"""A nightly run over hostile and careless input (issue 17): every warning reaches the record
and the report, refused hosts and links out of a folder are named, nothing is lost.

One real Prefect flow run, real SQLite, a real local HTTP server.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from markupsafe import escape
from pytest_httpserver import HTTPServer

from crosscheck.store import Store

pytestmark = pytest.mark.usefixtures("prefect_harness")

GAS = ("Germany imported about 55% of its natural gas from Russia last year, according to the "
       "German economy ministry.")
FUTURE = ("Russia supplies 40% of German gas consumption, the columnist wrote in a piece "
          "dated far ahead.")
SUMMARY = "About 100,000 Russian troops were massed near the border, officials said on Monday."


def feed(link: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F</title>'
            f"<item><title>Troops</title><link>{link}</link><description>{SUMMARY}"
            "</description><pubDate>Mon, 06 Dec 2021 09:00:00 GMT</pubDate></item>"
            "</channel></rss>")


def web_entry(source_id: str, url: str, allow: bool) -> str:
    allowed = "    allow_private_network: true\n" if allow else ""
    return (f"  - id: {source_id}\n    name: {source_id.title()}\n    kind: rss\n"
            f"    url: {url}\n    rate_limit: 1000.0\n    timeout: 2.0\n{allowed}"
            f"    publisher: {{name: {source_id.title()} Media, credibility: 0.6}}\n")


@pytest.fixture
def corpus(tmp_path: Path, server: HTTPServer) -> Iterator[Path]:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.md").write_text(f"---\ntitle: Gas bind\npublished: not-a-date\n---\n{GAS}\n")
    (articles / "b.md").write_text(f"---\ntitle: Far ahead\npublished: 2099-01-01\n---\n"
                                   f"{FUTURE}\n")
    (articles / "passwd.txt").symlink_to("/etc/passwd")
    server.clear()
    server.expect_request("/feed.xml").respond_with_data(feed(server.url_for("/gone")),
                                                         content_type="application/rss+xml")
    server.expect_request("/gone").respond_with_data("no", status=404)
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "sources.yaml").write_text(
        "sources:\n"
        "  - {id: local, name: Local, kind: files, path: ../articles, publisher: {name: L}}\n"
        + web_entry("wire", server.url_for("/feed.xml"), allow=True)
        + web_entry("intranet", server.url_for("/feed.xml"), allow=False))
    yield tmp_path
    server.clear()


def test_every_warning_reaches_the_run_record_and_the_report(corpus: Path,
                                                             server: HTTPServer) -> None:
    from flows.nightly import nightly

    out, db = corpus / "out", f"sqlite:///{corpus / 'store.db'}"
    result = nightly(sources=str(corpus / "conf" / "sources.yaml"), out=str(out), db=db)
    assert result["stats"]["sources_ok"] == 2 and result["stats"]["sources_failed"] == 1
    run = Store(db).list_runs()[-1]
    notes = {(n["source_id"], Path(n["item"]).name): n["message"] for n in run["problems"]["notes"]}
    assert "'not-a-date' is not an ISO date" in notes["local", "a.md"]
    assert "published 2099-01-01 is more than a day after this run" in notes["local", "b.md"]
    assert "HTTP 404" in notes["wire", "gone"]
    assert "used the feed's summary" in notes["wire", "gone"]
    assert "leaves the folder of the sources file" in notes["local", "path"]
    skipped = {Path(s["item"]).name: s["reason"] for s in run["problems"]["skipped"]}
    assert skipped["passwd.txt"].startswith("symbolic link to /etc/passwd, outside the folder")

    page = (out / "report.html").read_text(encoding="utf-8")
    markdown = (out / "report.md").read_text(encoding="utf-8")
    for message in notes.values():
        assert str(escape(message)) in page
    assert markdown.count("- ℹ️ warning (") == len(notes)
    assert "refused: 127.0.0.1 is a loopback address" in page  # the intranet source's error
    assert "symbolic link to /etc/passwd" in page and "root:x:" not in page
    # The 2099 date is not used: no claim or finding is "as of" it.
    claims_csv = (out / "claims.csv").read_text(encoding="utf-8")
    assert "2099" not in claims_csv and "2099" not in (out / "findings.json").read_text()
    assert "40% of German gas" in claims_csv
    assert "55% of its natural gas" in claims_csv  # the good input still ran
    assert isinstance(json.loads((out / "findings.json").read_text()), list)
