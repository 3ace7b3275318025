"""Boilerplate cleaning measured on the real seed articles, canonical URLs and content hashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.ingest.text import (
    MAX_BOILERPLATE_CHARS,
    clean_text,
    content_hash,
    is_boilerplate,
    paragraphs,
)
from crosscheck.ingest.urls import canonical_url

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
AXIS = SEEDS / "axis" / "000_0f0d9ada2ec29d93.txt"
EPOCH = SEEDS / "epoch" / "003_a7cba1df32584154.txt"
# Measured on the seeds: the exact lines a reader would call site furniture, not article text.
AXIS_REMOVED = [
    "WhatsApp Channel Join Now", "Telegram Group Join Now",
    "MUST READ: ☞\u00a0 Airlines Alter Flight Paths Amid Middle East Tensions",
    "MUST READ: ☞\u00a0 Ohio election results: Insights Derived from the Virginia, Ohio, "
    "Kentucky, and More",
    "MUST READ: ☞\u00a0 The United States shut down an international ransomware network "
    "involved in more than $1 million",
    "Leave a Comment", "WhatsApp Channel Join Now", "Telegram Group Join Now",
]
EPOCH_REMOVED_STARTS = [
    "Home »", "by admin", "See also", "See also", "See also", "Editor in charge: Zhu Ying",
    ".", "You may also like", "Leave a Comment", "This site uses Akismet",
    "This website uses cookies", "Privacy & Cookies Policy",
]


def seed(path: Path) -> str:
    if not path.exists():
        pytest.skip(f"{path} is absent: the real seed articles live in ../shared")
    return path.read_text(encoding="utf-8")


def test_axis_seed_loses_exactly_its_boilerplate() -> None:
    text = seed(AXIS)
    kept, removed = clean_text(text)
    assert removed == AXIS_REMOVED
    assert "North Korea has sold 1 million to 3 million artillery shells to Russia" in kept
    assert "MUST READ" not in kept and "Join Now" not in kept


def test_epoch_seed_loses_exactly_its_boilerplate() -> None:
    text = seed(EPOCH)
    kept, removed = clean_text(text)
    assert len(removed) == len(EPOCH_REMOVED_STARTS)
    for line, start in zip(removed, EPOCH_REMOVED_STARTS, strict=True):
        assert line.replace("\u00a0", " ").startswith(start), line
    assert "See also" not in kept and "cookies" not in kept
    assert "a border of more than 4,300 kilometers" in kept


@pytest.mark.parametrize("path", [AXIS, EPOCH], ids=["axis", "epoch"])
def test_no_real_paragraph_is_removed(path: Path) -> None:
    text = seed(path)
    kept, removed = clean_text(text)
    # every line of the source is either kept verbatim or listed as removed
    kept_lines = set(kept.splitlines())
    lost = [line for line in text.splitlines()
            if line.strip() and line.rstrip() not in kept_lines and line.strip() not in removed]
    assert lost == []
    assert all(len(line) <= MAX_BOILERPLATE_CHARS for line in removed)
    long_paragraphs = [p for p in paragraphs(text) if len(p) > 200]
    assert all(p in kept for p in long_paragraphs)


@pytest.mark.parametrize("line", [
    "Related to this, the ministry said 40% of gas came from Russia.",
    "Share prices fell 3% on Monday after the announcement.",
    "By 2030, the pipeline will carry 55 billion cubic metres.",
    "Comments by the minister drew criticism from 12 member states.",
    "Home ministry officials said 62 people were killed.",
    "Subscribers rose to 1.2 million, the company said.",
    "Cookies and biscuits exports rose by 12% last year.",
])
def test_article_sentences_that_look_like_boilerplate_are_kept(line: str) -> None:
    assert not is_boilerplate(line)
    assert clean_text(line) == (line, [])


@pytest.mark.parametrize("line", [
    "Follow us on Google News", "Share this article", "Share | Tweet | Email",
    "Subscribe to our newsletter for the latest updates", "Read more: Troops at the border",
    "Related Articles", "Advertisement", "We use cookies to personalise content.",
    "Accept all cookies", "12 Comments", "Tags: Russia, Ukraine", "***",
    "Also read – Grain deal collapses",
])
def test_common_site_elements_are_removed(line: str) -> None:
    assert is_boilerplate(line)


def test_clean_text_collapses_blank_lines_left_by_removals() -> None:
    kept, removed = clean_text("Title\n\nMUST READ: x\n\nFirst paragraph.\n\n\n\nSecond.\n")
    assert kept == "Title\n\nFirst paragraph.\n\nSecond."
    assert removed == ["MUST READ: x"]


def test_content_hash_ignores_whitespace_and_unicode_form() -> None:
    a = "Caf\u00e9 prices rose   12%.\r\n\r\nSecond  line."
    b = "Cafe\u0301 prices rose 12%.\n\nSecond line.\n"
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash("Cafe prices rose 13%.")


@pytest.mark.parametrize(("url", "link", "expected"), [
    ("HTTPS://News.Example.COM:443/a/b?utm_source=x&id=7&fbclid=y#top", None,
     "https://news.example.com/a/b?id=7"),
    ("http://example.org", None, "http://example.org/"),
    ("http://example.org:8080/x?gclid=1", None, "http://example.org:8080/x"),
    ("https://mirror.example/copy?utm_medium=rss", "https://origin.example/story",
     "https://origin.example/story"),
    ("https://site.example/a/b", "/canonical/b?utm_campaign=z", "https://site.example/canonical/b"),
    ("https://site.example/a", "javascript:void(0)", "https://site.example/a"),
])
def test_canonical_url(url: str, link: str | None, expected: str) -> None:
    assert canonical_url(url, link) == expected


def test_control_characters_and_nul_are_removed():
    from crosscheck.ingest.text import clean_text

    kept, _removed = clean_text("Troops\x00 massed: about 100,000\x07 of them.\r\nSecond\x1b line.")
    assert kept == "Troops massed: about 100,000 of them.\nSecond line."


def test_cap_text_cuts_at_a_break_near_the_limit() -> None:
    from crosscheck.ingest.text import cap_text

    assert cap_text("short", 10) == "short"
    assert cap_text("aaaa bbbb\ncccc dddd eeee", 20) == "aaaa bbbb\ncccc dddd"
    assert cap_text("a" * 95 + "\n" + "b" * 50, 100) == "a" * 95  # the line break near the cut
    assert cap_text("a" * 95 + " " + "b" * 50, 100) == "a" * 95  # else a space
    assert cap_text("x" * 150, 100) == "x" * 100  # else a hard cut
