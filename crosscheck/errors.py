"""Errors raised by crosscheck; every one derives from CrosscheckError.

The tree:

    CrosscheckError              base: catch this to report any crosscheck failure in one line
    ├── ConfigError              sources.yaml missing, unreadable or malformed, or an entry rejected
    ├── YamlLimitError           a YAML document over the size or alias-expansion limits
    ├── ReportError              the report files could not be written (read-only folder, full disk)
    ├── StoreError               the store URL cannot be parsed or reached, or names no store
    ├── VerdictError             a verdict that cannot be recorded (unknown finding or verdict)
    ├── QuantityInputError       a file of sentences to convert is missing or malformed
    └── IngestError              a source or one of its items could not be read
        ├── TransientError       timeouts and HTTP 5xx: worth retrying later (retried with backoff)
        │   └── DeadlineError    a request or a source ran past its total deadline (not retried)
        └── FetchError           permanent for this run: 4xx, too many redirects, body too large,
            │                    refused connection, invalid URL
            └── HostRefusedError the host resolves to a loopback, private or other non-public
                                 address (allow it per source with allow_private_network)

Messages name the source, file or URL and say how to fix the problem in words that hold for
every caller; they name no command-line flag. Each error also carries what it concerns:
`source_id`, `url`, `stage` (the pipeline stage it stopped) and `setting` (the run setting whose
value to change: "db", "out", "sources", "verdict"), which the CLI turns into its flag.
"""

from __future__ import annotations


class CrosscheckError(Exception):
    """Base of every error crosscheck raises on purpose, with what it concerns."""

    def __init__(self, message: str, *, source_id: str | None = None, url: str | None = None,
                 stage: str | None = None, setting: str | None = None) -> None:
        super().__init__(message)
        self.source_id = source_id
        self.url = url
        self.stage = stage
        self.setting = setting


class ConfigError(CrosscheckError):
    """sources.yaml cannot be used as a whole, or an entry to add is invalid."""


class YamlLimitError(CrosscheckError):
    """A YAML document is over the byte limit or its aliases expand past the node limit."""


class ReportError(CrosscheckError):
    """The report could not be written where asked; earlier reports and the store are intact."""


class StoreError(CrosscheckError):
    """The store cannot be opened: a bad URL, a server not answering, or no store there."""


class VerdictError(CrosscheckError):
    """A verdict that cannot be recorded: unknown finding, verdict or an oversized note."""


class QuantityInputError(CrosscheckError):
    """A file of sentences for `crosscheck quantities` is missing, unreadable or malformed."""


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
           "IngestError", "QuantityInputError", "ReportError", "StoreError", "TransientError",
           "VerdictError", "YamlLimitError"]
