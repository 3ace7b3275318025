"""Errors raised by crosscheck; every one derives from CrosscheckError.

The tree:

    CrosscheckError              base: catch this to report any crosscheck failure in one line
    ├── ConfigError              sources.yaml missing, unreadable or malformed, or an entry rejected
    ├── ReportError              the report files could not be written (read-only folder, full disk)
    ├── StoreError               the store URL cannot be parsed or reached, or names no store
    └── IngestError              a source or one of its items could not be read
        ├── TransientError       timeouts and HTTP 5xx: worth retrying later (retried with backoff)
        │   └── DeadlineError    a request or a source ran past its total deadline (not retried)
        └── FetchError           permanent for this run: 4xx, too many redirects, body too large,
            │                    refused connection, invalid URL
            └── HostRefusedError the host resolves to a loopback, private or other non-public
                                 address (allow it per source with allow_private_network)

Messages name the source, file or URL and say how to fix the problem, so the CLI can print
`str(error)` as is.
"""

from __future__ import annotations


class CrosscheckError(Exception):
    """Base of every error crosscheck raises on purpose."""


class ConfigError(CrosscheckError):
    """sources.yaml cannot be used as a whole, or an entry to add is invalid."""


class ReportError(CrosscheckError):
    """The report could not be written where asked; earlier reports and the store are intact."""


class StoreError(CrosscheckError):
    """The store cannot be opened: a bad URL, a server not answering, or no store there."""


class IngestError(CrosscheckError):
    """A source, or one item of a source, could not be ingested."""


class TransientError(IngestError):
    """A fetch failed in a way that may succeed later (timeout, HTTP 5xx)."""


class DeadlineError(TransientError):
    """A request or a whole source ran past its total deadline; the next run tries again."""


class FetchError(IngestError):
    """A fetch failed in a way retrying will not fix (4xx, redirect loop, oversized body)."""


class HostRefusedError(FetchError):
    """A URL's host resolves to an address crosscheck does not fetch (internal networks)."""


__all__ = ["ConfigError", "CrosscheckError", "DeadlineError", "FetchError", "HostRefusedError",
           "IngestError", "ReportError", "StoreError", "TransientError"]
