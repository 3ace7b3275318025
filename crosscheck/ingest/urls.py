"""Canonical URLs: one spelling per article so the same page fetched twice gets the same id."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only track where a click came from; they never select content.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid",
    "mc_eid", "_ga", "_gl", "ref_src", "cmpid", "ocid", "spm", "share", "at_medium",
    "at_campaign", "ito", "__twitter_impression",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lower = name.lower()
    return lower in TRACKING_PARAMS or lower.startswith(TRACKING_PREFIXES)


def canonical_url(url: str, canonical_link: str | None = None) -> str:
    """Lower-case scheme and host, no default port, fragment or tracking parameters.

    `canonical_link` is the page's `<link rel="canonical">` href; when it is an http(s) URL
    (absolute or relative to `url`) it wins over the URL the page was fetched from.
    """
    if canonical_link:
        candidate = urljoin(url, canonical_link.strip())
        if urlsplit(candidate).scheme.lower() in _DEFAULT_PORTS:
            url = candidate
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        return urlunsplit((scheme, parts.netloc, parts.path, parts.query, ""))
    host = (parts.hostname or "").lower().rstrip(".")
    netloc = host if parts.port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{parts.port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not _is_tracking(k)])
    path = re.sub(r"/{2,}", "/", parts.path) or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


def file_uri(path: Path) -> str:
    """file:// URI of an absolute path (the default URL of an article read from disk)."""
    return Path(path).resolve().as_uri()


def host_of(url: str) -> str:
    """host[:port] used as the key of the per-host rate limit."""
    parts = urlsplit(url)
    return (parts.netloc or "").lower()
