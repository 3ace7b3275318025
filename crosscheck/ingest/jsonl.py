"""Local `jsonl` sources: one article per line of a JSON-lines export, read line by line.

The file is streamed, never loaded whole, and no line is read past MAX_LINE_BYTES: an
overlong line is skipped (the rest of it read in small pieces and dropped), so one broken
export line cannot take the run's memory.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from crosscheck.config import Source
from crosscheck.ingest.fetch import MAX_BYTES
from crosscheck.ingest.files import decode_utf8
from crosscheck.ingest.result import Collector, as_datetime
from crosscheck.ingest.urls import file_uri

JSONL_KEYS = ("url", "title", "published", "text", "author")
# A line holds one article: the same 5 MB a web page may have (MAX_BYTES) is far more than
# MAX_ARTICLE_CHARS of text, even with every character escaped as \uXXXX.
MAX_LINE_BYTES = MAX_BYTES
SKIP_CHUNK = 64 * 1024  # bytes read at a time while dropping the rest of an overlong line


def _lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(number, line) for each line; None for a line longer than max_bytes."""
    number = 0
    while line := handle.readline(max_bytes + 1):
        number += 1
        if line.endswith(b"\n") or len(line) <= max_bytes:
            yield number, line
            continue
        while (rest := handle.readline(SKIP_CHUNK)) and not rest.endswith(b"\n"):
            pass
        yield number, None


def _record(col: Collector, line: bytes, item: str) -> dict[str, object] | None:
    """The line's JSON object, or None after a skip naming what is wrong with it."""
    try:
        text = decode_utf8(line, "the file")
    except ValueError as exc:
        col.skip(item, str(exc))
        return None
    try:
        record = json.loads(text)
    except ValueError as exc:
        col.skip(item, f"not valid JSON: {exc}")
        return None
    if not isinstance(record, dict):
        col.skip(item, "each line must be a JSON object with url, title, published, text")
        return None
    if not isinstance(record.get("text"), str):
        col.skip(item, "`text` is missing or not a string")
        return None
    bad = [k for k in ("url", "title", "author", "published")
           if record.get(k) is not None and not isinstance(record[k], str)]
    if bad:
        col.skip(item, f"{', '.join(bad)} must be text")
        return None
    return record


def _jsonl_record(col: Collector, line: bytes, item: str, default_url: str) -> None:
    """One JSON line into the collector, or a skip naming the line."""
    record = _record(col, line, item)
    if record is None:
        return
    url = str(record.get("url") or default_url)
    if not col.wants(url):
        return
    published = as_datetime(record.get("published"))
    if record.get("published") and published is None:
        col.note(item, f"published {record['published']!r} is not an ISO date; left empty")
    author = record.get("author")
    col.add(url=url, text=str(record["text"]), title=str(record.get("title") or ""),
            item=item, published=published, author=str(author) if author else None)


def _usable(path: Path | None, col: Collector) -> bool:
    """True when path is a regular file; otherwise the source fails with the fix."""
    if path is None or not path.exists():
        col.fail(f"file {path} does not exist; create it or fix `path` in sources.yaml")
        return False
    if path.is_dir():
        col.fail(f"{path} is a folder; kind jsonl needs a .jsonl file (use kind files for a "
                 "folder)")
        return False
    if not stat.S_ISREG(path.stat().st_mode):
        col.fail(f"{path} is not a regular file (a pipe or device?); point `path` at the "
                 ".jsonl export itself")
        return False
    return True


def ingest_jsonl(source: Source, col: Collector) -> None:
    """Read one article per line of the source's .jsonl file; a bad line is skipped alone."""
    path = source.path
    if not _usable(path, col):
        return
    assert path is not None
    try:
        with path.open("rb") as handle:
            for number, line in _lines(handle, MAX_LINE_BYTES):
                if col.full:
                    break
                item = f"{path}:{number}"
                if line is None:
                    col.skip(item, f"line over {MAX_LINE_BYTES:,} bytes (MAX_LINE_BYTES); "
                                   "not read: split the record or shorten its text")
                elif line.strip():
                    _jsonl_record(col, line, item, f"{file_uri(path)}?line={number}")
    except OSError as exc:
        col.fail(f"cannot read {path} ({exc.strerror}); check its permissions")
