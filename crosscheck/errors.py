"""Errors raised by crosscheck; every one derives from CrosscheckError.

The tree:

    CrosscheckError              base: catch this to report any crosscheck failure in one line
    ├── ConfigError              sources.yaml missing, unreadable or malformed, or an entry rejected
    ├── StoreError               the store URL cannot be parsed or reached, or names no store
    └── IngestError              a source or one of its items could not be read
        ├── TransientError       timeouts and HTTP 5xx: worth retrying later (retried with backoff)
        └── FetchError           permanent for this run: 4xx, too many redirects, body too large,
                                 refused connection, invalid URL

Messages name the source, file or URL and say how to fix the problem, so the CLI can print
`str(error)` as is.
"""

from __future__ import annotations


class CrosscheckError(Exception):
    """Base of every error crosscheck raises on purpose."""


class ConfigError(CrosscheckError):
    """sources.yaml cannot be used as a whole, or an entry to add is invalid."""


class StoreError(CrosscheckError):
    """The store cannot be opened: a bad URL, a server not answering, or no store there."""


class IngestError(CrosscheckError):
    """A source, or one item of a source, could not be ingested."""


class TransientError(IngestError):
    """A fetch failed in a way that may succeed later (timeout, HTTP 5xx)."""


class FetchError(IngestError):
    """A fetch failed in a way retrying will not fix (4xx, redirect loop, oversized body)."""


__all__ = ["ConfigError", "CrosscheckError", "FetchError", "IngestError", "StoreError",
           "TransientError"]
