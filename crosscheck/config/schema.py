"""The shape of a source entry: frozen pydantic models, their limits and the per-kind rules."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    StrictBool,
    StrictFloat,
    StrictInt,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

KINDS = ("rss", "html", "sitemap", "files", "jsonl")
HTTP_KINDS = ("rss", "html", "sitemap")
FILE_KINDS = ("files", "jsonl")
# Media types named in DESIGN.md; others are accepted (the list is open) but these are the usual.
MEDIA_TYPES = ("news", "opinion", "state_media", "aggregator", "think_tank", "blog", "wire")

DEFAULT_TIMEOUT = 20.0  # seconds per request: slow news sites answer within ~5 s; 20 leaves room
MAX_TIMEOUT = 300.0  # beyond five minutes a hung request should count as a failure
DEFAULT_RATE_LIMIT = 1.0  # requests per second per host: the usual polite-crawler default
# Total seconds one request may take, redirects and retries included, however the server
# trickles its bytes: the 5 MB body cap (MAX_BYTES) arrives in ~52 s at 100 KB/s, a slow but
# working link; the largest real pages (1-2 MB) in ~20 s.
DEFAULT_REQUEST_DEADLINE = 60.0
# Total seconds one source may spend fetching: the default 200 pages (DEFAULT_PAGE_LIMIT) at
# the default 1 request/s take 200 s plus the pages' own time, ~600 s at 2 s a page; 900 s
# leaves room and keeps one stuck outlet from holding the night's run for hours.
DEFAULT_SOURCE_DEADLINE = 900.0
MAX_DEADLINE = 6 * 3600.0  # a deadline above six hours would not bound a nightly run
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
LANGUAGE_PATTERN = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
MISSING = object()  # the value of a key a source left out (problems show no "= value")


def _check_url(value: str) -> str:
    """Accept only absolute http(s) URLs with a host."""
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise PydanticCustomError("url", "must be an absolute http:// or https:// URL")
    return value


def _check_regex(value: str) -> str:
    """Reject patterns Python's re module cannot compile."""
    try:
        re.compile(value)
    except re.error as exc:
        raise PydanticCustomError("regex", "is not a valid regular expression ({err})",
                                  {"err": str(exc)}) from None
    return value


def _check_credibility(value: float) -> float:
    if not 0.0 <= value <= 1.0:
        raise PydanticCustomError("credibility", "must be a number from 0 to 1")
    return value


def _check_nonempty(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty", "must not be empty")
    return value


Url = Annotated[str, AfterValidator(_check_url)]
Regex = Annotated[str, AfterValidator(_check_regex)]
Text = Annotated[str, AfterValidator(_check_nonempty)]


class Publisher(BaseModel):
    """What is known about who publishes a source."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: Text
    owner: str | None = None
    country: str | None = None
    language: str | None = None
    media_type: str | None = None
    credibility: Annotated[StrictFloat, AfterValidator(_check_credibility)] | None = None
    rating_source: str | None = None
    bias: str | None = None
    notes: str | None = None


class Source(BaseModel):
    """One outlet to ingest, as declared in sources.yaml."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: Text
    kind: Literal["rss", "html", "sitemap", "files", "jsonl"]
    publisher: Publisher
    url: Url | None = None
    urls: tuple[Url, ...] = ()
    link_pattern: Regex | None = None
    path: Path | None = None
    enabled: StrictBool = True
    max_articles: StrictInt | None = None
    timeout: StrictFloat = DEFAULT_TIMEOUT
    request_deadline: StrictFloat = DEFAULT_REQUEST_DEADLINE
    source_deadline: StrictFloat = DEFAULT_SOURCE_DEADLINE
    rate_limit: StrictFloat = DEFAULT_RATE_LIMIT
    allow_private_network: StrictBool = False  # fetch intranet hosts (see ingest/hosts.py)
    include: tuple[Regex, ...] = ()
    exclude: tuple[Regex, ...] = ()
    language: str | None = None

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not ID_PATTERN.fullmatch(value):
            raise PydanticCustomError("id", "id")
        return value

    @field_validator("language")
    @classmethod
    def _language_shape(cls, value: str | None) -> str | None:
        if value is not None and not LANGUAGE_PATTERN.fullmatch(value):
            raise PydanticCustomError("language", "language")
        return value

    @field_validator("max_articles")
    @classmethod
    def _positive_count(cls, value: int | None) -> int | None:
        if value is not None and value < 1:
            raise PydanticCustomError("max_articles", "max_articles")
        return value

    @field_validator("timeout")
    @classmethod
    def _timeout_range(cls, value: float) -> float:
        if not 0 < value <= MAX_TIMEOUT:
            raise PydanticCustomError("timeout", "timeout")
        return value

    @field_validator("request_deadline", "source_deadline")
    @classmethod
    def _deadline_range(cls, value: float, info: ValidationInfo) -> float:
        if not 0 < value <= MAX_DEADLINE:
            raise PydanticCustomError(str(info.field_name), "deadline")
        return value

    @field_validator("rate_limit")
    @classmethod
    def _positive_rate(cls, value: float) -> float:
        if value <= 0:
            raise PydanticCustomError("rate_limit", "rate_limit")
        return value

    @field_validator("path")
    @classmethod
    def _resolve_path(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        """Resolve a relative path against the folder holding sources.yaml."""
        if value is None:
            return None
        base = (info.context or {}).get("base_dir", Path.cwd())
        return (Path(base) / value.expanduser()).resolve()

    @model_validator(mode="after")
    def _kind_rules(self) -> Source:
        problems = kind_problems(self)
        if problems:
            raise PydanticCustomError("kind_rules", "kind rules", {"problems": problems})
        return self

    @property
    def is_http(self) -> bool:
        return self.kind in HTTP_KINDS


def kind_problems(source: Source) -> list[tuple[str, object, str]]:
    """(key, value, message) for every key a source's kind requires or forbids."""
    kind, out = source.kind, []
    if kind in FILE_KINDS:
        if source.path is None:
            what = "a folder of .txt/.md/.html files" if kind == "files" else "a .jsonl file"
            out.append(("path", MISSING, f"required for kind {kind}: {what}"))
        for key in ("url", "urls", "link_pattern"):
            if getattr(source, key):
                out.append((key, getattr(source, key), f"not used by kind {kind}: remove it"))
        return out
    if source.path is not None:
        out.append(("path", str(source.path), f"not used by kind {kind}: use url instead"))
    if kind in ("rss", "sitemap"):
        if source.url is None:
            what = "the feed URL" if kind == "rss" else "the sitemap URL"
            out.append(("url", MISSING, f"required for kind {kind}: {what}"))
        for key in ("urls", "link_pattern"):
            if getattr(source, key):
                out.append((key, getattr(source, key), f"not used by kind {kind}: remove it"))
    elif not source.urls and not (source.url and source.link_pattern):
        if source.url and not source.link_pattern:
            out.append(("link_pattern", MISSING,
                        "required with url for kind html: a regex that matches article links"))
        else:
            out.append(("urls", MISSING, "kind html needs urls (a list of article URLs) or "
                        "url (an index page) with link_pattern"))
    elif source.link_pattern and not source.url:
        out.append(("url", MISSING, "link_pattern needs url: the index page to read links from"))
    return out
