"""Article text and metadata from an HTML page (trafilatura), plus links and canonical URL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from crosscheck.ingest.result import as_datetime

# Authors that name a site account rather than a person; reported as no author.
GENERIC_AUTHORS = frozenset({"admin", "administrator", "staff", "editor", "webmaster", "news desk"})
# Below this, trafilatura has fallen back to menu text ("Home World Sport" on a section page);
# the shortest real news item, one sentence with a figure, runs to ~100 characters.
MIN_PAGE_TEXT_CHARS = 80


@dataclass(frozen=True)
class PageArticle:
    """What trafilatura found in one page."""

    title: str
    text: str
    author: str | None
    published: datetime | None
    canonical: str | None
    site: str | None


def _parse(html: str) -> lxml.html.HtmlElement | None:
    """Parse HTML leniently; None when there is no document at all."""
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def canonical_link(html: str) -> str | None:
    """href of `<link rel="canonical">`, when the page declares one."""
    tree = _parse(html)
    if tree is None:
        return None
    for link in tree.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        if "canonical" in rels and link.get("href"):
            return link.get("href").strip()
    return None


def page_links(html: str, base_url: str) -> list[str]:
    """Absolute http(s) targets of every `<a href>` in document order, without repeats."""
    tree = _parse(html)
    if tree is None:
        return []
    seen: dict[str, None] = {}
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        target = urljoin(base_url, href).split("#", 1)[0]
        if urlsplit(target).scheme in ("http", "https"):
            seen.setdefault(target, None)
    return list(seen)


def _author(value: str | None) -> str | None:
    if not value or value.strip().lower() in GENERIC_AUTHORS:
        return None
    return value.strip()


def _body(text: str, title: str) -> str:
    """trafilatura's text with paragraphs separated by blank lines and a leading title dropped."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]
    return "\n\n".join(lines)


def read_article_page(html: str, url: str) -> PageArticle | None:
    """The main text and metadata of a page; None when the page holds no article text."""
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if not isinstance(doc, Document) or not doc.text or not doc.text.strip():
        return None
    text = doc.text
    title = (doc.title or "").strip()
    body = _body(text, title)
    if len(body) < MIN_PAGE_TEXT_CHARS:
        return None
    return PageArticle(
        title=title, text=body, author=_author(doc.author),
        published=as_datetime(doc.date), canonical=canonical_link(html), site=doc.sitename,
    )


def html_fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), paragraphs on their own lines."""
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    return re.sub(r"\n{3,}", "\n\n", root.text_content()).strip()
