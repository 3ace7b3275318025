"""Dates: the day a sentence's figure refers to, the year taken from the article when missing."""

from __future__ import annotations

import re
from datetime import date, datetime

from crosscheck.claims.lexicon import _MONTH_RE, _MONTHS
from crosscheck.models import Article

_DATE_RES = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(r"\b(?P<mon>" + _MONTH_RE + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b"
               r"(?:,?\s+(?P<y>\d{4}))?", re.IGNORECASE),
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon>" + _MONTH_RE + r")\b"
               r"(?:,?\s+(?P<y>\d{4}))?", re.IGNORECASE),
)
DATE_AHEAD_DAYS = 2  # a day-month date more than this after publication belongs to last year


def sentence_date(sentence: str, published: date | None) -> date | None:
    """Explicit day-level date in the sentence, the year taken from the article when missing."""
    for rx in _DATE_RES:
        if m := rx.search(sentence):
            return _make_date(m, published)
    return None


def _make_date(m: re.Match[str], published: date | None) -> date | None:
    parts = m.groupdict()
    month = int(parts["m"]) if parts.get("m") else _MONTHS[parts["mon"].lower()[:3]]
    day = int(parts["d"])
    year = int(parts["y"]) if parts.get("y") else (published.year if published else None)
    if year is None:
        return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if not parts.get("y") and published and (found - published).days > DATE_AHEAD_DAYS:
        found = date(year - 1, month, day)
    return found


def _published_date(article: Article) -> date | None:
    if isinstance(article.published, datetime):
        return article.published.date()
    return article.published
