"""Local `files` sources: a folder of .txt/.md/.html articles, one file each (jsonl: jsonl.py)."""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections import Counter
from pathlib import Path

import yaml

from crosscheck.config import Source, load_bounded
from crosscheck.errors import YamlLimitError
from crosscheck.ingest.fetch import MAX_BYTES
from crosscheck.ingest.html_page import read_article_page
from crosscheck.ingest.result import Collector, as_datetime
from crosscheck.ingest.text import clean_text
from crosscheck.ingest.urls import file_uri

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
FRONT_MATTER_KEYS = ("title", "url", "published", "author")
# Files are read up to the cap a web page has (MAX_BYTES, 5 MB): a text file that long is
# far over MAX_ARTICLE_CHARS anyway, and a 50 MB file is never loaded whole.
MAX_FILE_BYTES = MAX_BYTES
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)


def decode_utf8(data: bytes, item: str, *, complete: bool = True) -> str:
    """UTF-8 text (a BOM is allowed), or ValueError naming the first bad byte and the fix.

    With `complete=False` the bytes were cut short: a character split by the cut is dropped.
    """
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=complete)
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}; "
                         f"re-save {item} as UTF-8") from None


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """YAML front matter (between `---` lines at the very top) and the rest of the text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = load_bounded(match.group(1))
    except yaml.YAMLError as exc:
        raise ValueError(f"malformed front matter: {str(exc).splitlines()[0]}") from None
    except YamlLimitError as exc:
        raise ValueError(f"front matter refused: {exc}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ValueError("front matter must be a mapping of keys (title, url, published, author)")
    return meta, text[match.end():]


def _title_and_body(text: str, title: str | None) -> tuple[str, str]:
    """Title from front matter or the first line (markdown '#' dropped); body without it."""
    cleaned, _ = clean_text(text)
    lines = cleaned.split("\n")
    first = lines[0].lstrip("#").strip() if lines else ""
    if title is None or first == str(title).strip():
        return str(title or first), "\n".join(lines[1:]).strip()
    return str(title), cleaned


def read_article(path: Path, max_bytes: int = MAX_FILE_BYTES) -> tuple[bytes, int]:
    """Up to max_bytes of a regular file and its size, never following a symbolic link."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return handle.read(max_bytes), info.st_size


def _read_text(col: Collector, path: Path) -> str:
    """The file's text, read no further than MAX_FILE_BYTES (a note says when it was cut)."""
    data, size = read_article(path)
    if size > len(data):
        col.note(str(path), f"file of {size:,} bytes: only its first {len(data):,} read "
                            "(MAX_FILE_BYTES)")
    return decode_utf8(data, path.name, complete=size <= len(data))


def _read_one(col: Collector, path: Path) -> None:
    """Read one article file into the collector, or record why it was skipped."""
    item = str(path)
    try:
        meta, body = split_front_matter(_read_text(col, path))
    except OSError as exc:
        col.skip(item, f"unreadable: {exc.strerror}; check the file's permissions")
        return
    except ValueError as exc:
        col.skip(item, str(exc))
        return
    unknown = sorted(set(meta) - set(FRONT_MATTER_KEYS))
    if unknown:
        col.note(item, f"front matter keys {unknown} ignored; known: {FRONT_MATTER_KEYS}")
    url = str(meta.get("url") or file_uri(path))
    if not col.wants(url):
        return
    published = as_datetime(meta.get("published"))
    if meta.get("published") is not None and published is None:
        col.note(item, f"published {meta['published']!r} is not an ISO date; left empty")
    author = str(meta["author"]) if meta.get("author") else None
    title = str(meta["title"]) if meta.get("title") else None
    if path.suffix.lower() in HTML_SUFFIXES:
        page = read_article_page(body, url)
        if page is None:
            col.skip(item, "no article text found in the HTML")
            return
        col.add(url=url, text=page.text, title=title or page.title, item=item,
                published=published or page.published, author=author or page.author)
        return
    title, text_body = _title_and_body(body, title)
    col.add(url=url, text=text_body, title=title, published=published, author=author, item=item)


def entry_kind(entry: Path) -> str | None:
    """What a folder entry is when it is not an article file to read, else None."""
    if entry.name.startswith("."):
        return "hidden"
    if entry.is_dir():
        return "folder (a files source reads one level)"
    if not entry.is_file():
        return "special file (pipe, socket, device or broken link)"
    suffix = entry.suffix.lower()
    if suffix not in TEXT_SUFFIXES + HTML_SUFFIXES:
        return f"{suffix} file" if suffix else "file without a suffix"
    return None


def _outside_link(entry: Path, folder: Path) -> Path | None:
    """Where a symbolic link points when that is outside the folder, else None."""
    if not entry.is_symlink():
        return None
    target = entry.resolve()
    return None if target.is_relative_to(folder) else target


def article_files(folder: Path, col: Collector) -> list[Path]:
    """The folder's article files in name order; the rest skipped by count and kind."""
    usable: list[Path] = []
    others: Counter[str] = Counter()
    for entry in sorted(folder.iterdir()):
        outside = _outside_link(entry, folder)
        if outside is not None:
            col.skip(str(entry), f"symbolic link to {outside}, outside the folder; not "
                                 "followed", failure=False)
            continue
        kind = entry_kind(entry)
        if kind is None:
            usable.append(entry.resolve() if entry.is_symlink() else entry)
        else:
            others[kind] += 1
    if others:
        total = sum(others.values())
        counts = ", ".join(f"{kind}: {n}" for kind, n in others.most_common())
        what = "1 entry that is not an article file" if total == 1 else \
            f"{total} entries that are not article files"
        col.skip(str(folder), f"skipped {what} ({counts}); articles are .txt, .md or .html "
                              "files", failure=False)
    return usable


def ingest_files(source: Source, col: Collector) -> None:
    """Read every .txt/.md/.html file of the source's folder, in name order."""
    folder = source.path
    if folder is None or not folder.exists():
        col.fail(f"folder {folder} does not exist; create it or fix `path` in sources.yaml")
        return
    if not folder.is_dir():
        col.fail(f"{folder} is a file; kind files needs a folder (use kind jsonl for a .jsonl "
                 "file)")
        return
    usable = article_files(folder, col)
    if not usable:
        col.fail(f"folder {folder} has no .txt, .md or .html files")
        return
    for path in usable:
        if col.full:
            break
        _read_one(col, path)
