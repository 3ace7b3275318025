"""Only http(s) URLs become links in report.html and report.md (issue 17, case 3)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from crosscheck.report import write_report
from crosscheck.report.sample import sample_input

NON_WEB = ["file:///etc/passwd", "javascript:alert(1)", " JavaScript:alert(2)",
           "data:text/html,<b>x</b>", "ftp://files.example/a", "http:relative-trick"]


def test_non_web_article_urls_are_inert_text(tmp_path: Path) -> None:
    inp = sample_input()
    ids = list(inp.articles)
    urls = NON_WEB + ["HTTPS://Upper.example/ok"]
    assert len(ids) >= len(urls)
    for article_id, url in zip(ids, urls, strict=False):
        inp.articles[article_id] = dataclasses.replace(inp.articles[article_id], url=url)
    paths = write_report(inp, tmp_path)
    page = paths["html"].read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert all(h.startswith(("#", "http://", "https://", "HTTPS://")) for h in hrefs), hrefs
    assert 'href="HTTPS://Upper.example/ok"' in page
    assert "(file:///etc/passwd)" in page  # shown, as text
    markdown = paths["markdown"].read_text(encoding="utf-8")
    targets = re.findall(r"\]\(<([^>]*)>\)|: <([^>]*)>", markdown)
    assert targets and all(t.lower().startswith(("http://", "https://"))
                           for pair in targets for t in pair if t), targets
