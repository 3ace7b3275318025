"""Plain-text cleaning: drop site boilerplate lines, normalize text, hash content.

Boilerplate is matched line by line against whole-line patterns (channel "Join Now" buttons,
"MUST READ:" and "See also" link lines, cookie, comment and share notices, breadcrumbs, editor
credits). A pattern only removes a line shorter than MAX_BOILERPLATE_CHARS, so a real paragraph
that happens to start like a link line is never dropped.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Longest article in the seed corpus is 20,882 characters and long-form features run to about
# 10,000 words (~60,000 characters): 100,000 cuts no real article. It bounds what one article
# costs downstream: 50 MB was once stored whole (1.2 GB of memory), and figure-dense text
# costs extraction a few milliseconds a character (benchmarks/hostile.py).
MAX_ARTICLE_CHARS = 100_000
# A cut within this share of the cap from its end may move back to a paragraph or line break.
CUT_LOOKBACK = 0.1

# Longest boilerplate line in the seed articles is 157 characters (the epoch cookie notice); their
# article paragraphs mostly run 200+. 300 catches longer cookie notices and spares paragraphs.
MAX_BOILERPLATE_CHARS = 300

_SOCIAL = r"(?:whatsapp|telegram|facebook|twitter|x|instagram|youtube|tiktok|google news|linkedin)"
BOILERPLATE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(re.compile(p, re.IGNORECASE) for p in (
    # channel buttons: "WhatsApp Channel Join Now", "Follow us on Google News"
    rf"{_SOCIAL}\b.{{0,40}}\b(?:join|follow|subscribe)(?: now| us)?!?",
    rf"(?:join|follow|subscribe to) (?:us|our \w+)(?: on {_SOCIAL}.*)?",
    # link lines to other stories
    r"must[\s\u00a0]+read\s*[:\-–—].*",
    r"(?:see|read) also\b.*",
    r"(?:also read|read more|related(?: articles?| stories| posts| news)?|recommended(?: for you)?"
    r"|you may also like|more from \w+|trending now|popular posts)(?:\s*[:\-–—|»]\s*.{0,200})?",
    # breadcrumbs: "Home » Section » Title"
    r"home\s*[»›>/|].*",
    # cookie and privacy notices
    r".*\b(?:this|our) (?:web)?site uses cookies\b.*",
    r".*\bwe use cookies\b.*",
    r"(?:privacy\s*(?:&|and)\s*)?cookies? (?:policy|settings|preferences)",
    r"(?:accept|reject|allow)(?: all)? cookies",
    # comment notices
    r"leave a (?:comment|reply)",
    r"\d+ comments?|comments?|post a comment|add a comment|show comments",
    r"this site uses akismet to reduce spam\..*",
    r"you must be logged in to post a comment\.?",
    # share and subscribe lines
    r"share(?: this(?: article| story| post)?)?(?: on \w+)?\s*:?",
    r"(?:share|tweet|email|print|pin it|whatsapp)(?:\s*[|/·•]\s*(?:share|tweet|email|print|pin it"
    r"|facebook|twitter|whatsapp|linkedin))+",
    r"(?:subscribe|sign up)(?: now)?(?: to| for) (?:our|the) (?:free )?(?:daily )?newsletter.*",
    r"click here to (?:subscribe|join|follow).*",
    r"advertisement|sponsored(?: content)?|scroll to continue",
    # credits and bylines
    r"editor in charge\s*[:：].*",
    r"(?:edited|translated|compiled) by\s*[:：]?\s*[\w .'-]{1,60}",
    r"by\s+(?:admin|administrator|staff|editor|webmaster)",
    r"tags?\s*:.*",
    # lines with no letters or digits at all (".", "***", "—")
    r"[^\w]+",
))


def is_boilerplate(line: str) -> bool:
    """True when a whole line is a site element rather than article text."""
    stripped = line.strip().replace("\u00a0", " ")
    if not stripped or len(stripped) > MAX_BOILERPLATE_CHARS:
        return False
    return any(p.fullmatch(stripped) for p in BOILERPLATE_PATTERNS)


# C0 controls other than tab and newline, and DEL: never text, and PostgreSQL refuses NUL.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(text: str) -> str:
    """Remove control characters (NUL included) that web pages and files sometimes carry."""
    return CONTROL_CHARS.sub("", text)


def clean_text(text: str) -> tuple[str, list[str]]:
    """Drop control characters and boilerplate lines; return kept text and removed lines."""
    kept: list[str] = []
    removed: list[str] = []
    text = strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    for line in text.split("\n"):
        if is_boilerplate(line):
            removed.append(line.strip())
        else:
            kept.append(line.rstrip())
    return _collapse_blank_lines("\n".join(kept)), removed


def _collapse_blank_lines(text: str) -> str:
    """At most one blank line between paragraphs; no leading or trailing blank lines."""
    return re.sub(r"\n(?:[ \t]*\n)+", "\n\n", text).strip("\n")


def normalize_text(text: str) -> str:
    """NFC, unified line breaks and single spaces: the form the content hash is taken on."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def content_hash(text: str) -> str:
    """sha256 hex digest of the normalized text: equal for the same article fetched twice."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def cap_text(text: str, limit: int = MAX_ARTICLE_CHARS) -> str:
    """The text cut to at most `limit` characters, at a line break or space near the cut."""
    if len(text) <= limit:
        return text
    floor = int(limit * (1 - CUT_LOOKBACK))
    for mark in ("\n", " "):
        at = text.rfind(mark, floor, limit)
        if at > 0:
            return text[:at]
    return text[:limit]


def paragraphs(text: str) -> list[str]:
    """Non-empty blocks separated by blank lines."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
