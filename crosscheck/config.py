"""sources.yaml: typed, frozen source entries and every problem found in the file at once.

`load_sources` parses the file once. A file that cannot be used at all (missing, unreadable,
malformed YAML, no top-level `sources:` list) raises ConfigError; a bad entry becomes one or more
SourceProblem records naming the entry, the key path, the bad value and what is allowed, and is
skipped while the other entries run. `add_source` appends a validated entry with a round-trip YAML
writer so the comments and order of the rest of the file are kept.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    StrictBool,
    StrictFloat,
    StrictInt,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from crosscheck.errors import ConfigError

KINDS = ("rss", "html", "sitemap", "files", "jsonl")
HTTP_KINDS = ("rss", "html", "sitemap")
FILE_KINDS = ("files", "jsonl")
# Media types named in DESIGN.md; others are accepted (the list is open) but these are the usual.
MEDIA_TYPES = ("news", "opinion", "state_media", "aggregator", "think_tank", "blog", "wire")

DEFAULT_TIMEOUT = 20.0  # seconds per request: slow news sites answer within ~5 s; 20 leaves room
MAX_TIMEOUT = 300.0  # beyond five minutes a hung request should count as a failure
DEFAULT_RATE_LIMIT = 1.0  # requests per second per host: the usual polite-crawler default
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
LANGUAGE_PATTERN = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_MISSING = object()


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
    rate_limit: StrictFloat = DEFAULT_RATE_LIMIT
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
            out.append(("path", _MISSING, f"required for kind {kind}: {what}"))
        for key in ("url", "urls", "link_pattern"):
            if getattr(source, key):
                out.append((key, getattr(source, key), f"not used by kind {kind}: remove it"))
        return out
    if source.path is not None:
        out.append(("path", str(source.path), f"not used by kind {kind}: use url instead"))
    if kind in ("rss", "sitemap"):
        if source.url is None:
            what = "the feed URL" if kind == "rss" else "the sitemap URL"
            out.append(("url", _MISSING, f"required for kind {kind}: {what}"))
        for key in ("urls", "link_pattern"):
            if getattr(source, key):
                out.append((key, getattr(source, key), f"not used by kind {kind}: remove it"))
    elif not source.urls and not (source.url and source.link_pattern):
        if source.url and not source.link_pattern:
            out.append(("link_pattern", _MISSING,
                        "required with url for kind html: a regex that matches article links"))
        else:
            out.append(("urls", _MISSING, "kind html needs urls (a list of article URLs) or "
                        "url (an index page) with link_pattern"))
    elif source.link_pattern and not source.url:
        out.append(("url", _MISSING, "link_pattern needs url: the index page to read links from"))
    return out


# What is allowed, per key path: used for any type or range error at that path.
_ALLOWED = {
    "id": "must be 1-64 letters, digits, '-', '_' or '.', starting with a letter or digit",
    "name": "must be a non-empty text",
    "kind": "must be one of: " + ", ".join(KINDS),
    "publisher": "must be a mapping with at least name (and optional owner, country, language, "
                 "media_type, credibility, rating_source, bias, notes)",
    "publisher.name": "must be a non-empty text",
    "publisher.credibility": "must be a number from 0 to 1",
    "url": "must be an absolute http:// or https:// URL",
    "urls": "must be a list of absolute http:// or https:// URLs",
    "urls[]": "must be an absolute http:// or https:// URL",
    "path": "must be a file or folder path (relative paths resolve against sources.yaml's folder)",
    "enabled": "must be true or false",
    "max_articles": "must be a whole number of at least 1",
    "timeout": f"must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}",
    "rate_limit": "must be a number of requests per second above 0 (0.5 = one every 2 s)",
    "include": "must be a list of URL regular expressions",
    "exclude": "must be a list of URL regular expressions",
    "language": "must be a language code such as en, de or pt-BR",
    "link_pattern": "must be a regular expression matching article URLs",
}
_KEEP_OWN_MESSAGE = {"regex", "url", "empty", "credibility"}


@dataclass(frozen=True)
class SourceProblem:
    """One thing wrong with one entry of sources.yaml (or with the file's top level)."""

    source_id: str | None
    key_path: str
    value: object
    message: str
    index: int | None = None  # position in the `sources:` list; None for top-level problems

    def detail(self) -> str:
        """Key path, bad value and what is allowed, without the entry's position."""
        shown = "" if self.value is _MISSING else f" = {_show(self.value)}"
        return f"{self.key_path}{shown}: {self.message}"

    def __str__(self) -> str:
        where = "top level" if self.index is None else f"sources[{self.index}]"
        if self.source_id:
            where += f" (id={self.source_id})"
        return f"{where}: {self.detail()}"


def _show(value: object) -> str:
    """Short readable form of a bad value."""
    if isinstance(value, Path):
        value = str(value)
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


@dataclass(frozen=True)
class SourcesConfig:
    """The parsed file: valid sources (enabled or not) and every problem found."""

    path: Path
    sources: tuple[Source, ...]
    problems: tuple[SourceProblem, ...]

    def enabled_sources(self) -> tuple[Source, ...]:
        return tuple(s for s in self.sources if s.enabled)

    def get(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    @property
    def ok(self) -> bool:
        return not self.problems


def _key_path(loc: Iterable[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _allowed_for(key_path: str) -> str | None:
    return _ALLOWED.get(key_path) or _ALLOWED.get(re.sub(r"\[\d+\]$", "[]", key_path)) or (
        _ALLOWED.get(re.sub(r"\[\d+\]$", "", key_path)))


def _problem_from_error(err: Mapping[str, Any], source_id: str | None,
                        index: int | None) -> list[SourceProblem]:
    """Turn one pydantic error into SourceProblem records with friendly messages."""
    kind, loc = err["type"], tuple(err["loc"])
    if kind == "kind_rules":
        return [SourceProblem(source_id, key, value, msg, index)
                for key, value, msg in err["ctx"]["problems"]]
    key = _key_path(loc)
    if kind == "missing":
        return [SourceProblem(source_id, key, _MISSING,
                              f"required key is missing; it {_allowed_for(key) or 'is needed'}",
                              index)]
    if kind == "extra_forbidden":
        model = Publisher if loc[:1] == ("publisher",) else Source
        allowed = ", ".join(model.model_fields)
        return [SourceProblem(source_id, key, err["input"],
                              f"unknown key; allowed keys here: {allowed}", index)]
    if kind in _KEEP_OWN_MESSAGE:
        message = err["msg"]
    else:
        message = _allowed_for(key) or err["msg"]
    return [SourceProblem(source_id, key, err["input"], message, index)]


def validate_entry(entry: object, base_dir: Path,
                   index: int | None = None) -> tuple[Source | None, list[SourceProblem]]:
    """Validate one raw entry; return the Source or the problems that stop it."""
    raw_id = entry.get("id") if isinstance(entry, dict) else None
    source_id = raw_id if isinstance(raw_id, str) else None
    if not isinstance(entry, dict):
        return None, [SourceProblem(None, "(entry)", entry,
                                    "each entry must be a mapping with id, name, kind, publisher",
                                    index)]
    problems = [SourceProblem(source_id, key, _MISSING, message, index)
                for key, message in _pop_duplicates(entry)]
    try:
        source = Source.model_validate(entry, context={"base_dir": base_dir})
    except ValidationError as exc:
        problems += [p for err in exc.errors(include_url=False)
                     for p in _problem_from_error(err, source_id, index)]
        return None, problems + _unchecked_kind_problems(entry, problems, source_id, index)
    return (None, problems) if problems else (source, [])


_DUPLICATES = "\x00duplicate keys"  # marker key the loader adds to a mapping that repeats a key


class _Loader(yaml.SafeLoader):
    """SafeLoader that marks keys given twice in one mapping (plain PyYAML keeps the last)."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    first_line: dict[object, int] = {}
    repeats = []
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)):
            continue  # unhashable keys are rejected by PyYAML itself
        line = key_node.start_mark.line + 1
        if key in first_line:
            repeats.append((str(key), first_line[key], line))
        else:
            first_line[key] = line
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
    if repeats:
        mapping[_DUPLICATES] = repeats
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _pop_duplicates(value: object, prefix: str = "") -> list[tuple[str, str]]:
    """(key path, message) for every repeated key inside value; removes the markers."""
    found: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for key, first, again in value.pop(_DUPLICATES, []):
            found.append((f"{prefix}{key}", f"given twice (lines {first} and {again}); "
                                            "keep one"))
        for key, item in value.items():
            found += _pop_duplicates(item, f"{prefix}{key}.")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            found += _pop_duplicates(item, f"{prefix.rstrip('.')}[{n}].")
    return found


def _unchecked_kind_problems(entry: dict[str, Any], found: list[SourceProblem],
                             source_id: str | None, index: int | None) -> list[SourceProblem]:
    """Kind rules the failed validation never reached, so every problem shows at once."""
    if entry.get("kind") not in KINDS:
        return []
    known = {k: v for k, v in entry.items() if k in Source.model_fields}
    draft = Source.model_construct(**known)
    seen = {p.key_path for p in found}
    return [SourceProblem(source_id, key, value, msg, index)
            for key, value, msg in kind_problems(draft) if key not in seen]


def _read_yaml(path: Path) -> object:
    """Read and parse the file, raising ConfigError with the fix when it cannot be used."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: sources file not found; create it (see README.md, "
                          "section sources.yaml) or pass --sources PATH") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start}); "
                          "re-save it as UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the sources file ({exc.strerror}); "
                          "check the path and its permissions") from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{path}: malformed YAML{where}: {problem}; fix the indentation "
                          "or quoting there") from None


def _entries(data: object, path: Path) -> tuple[list[object], list[SourceProblem]]:
    """The raw `sources:` list and any top-level problems."""
    if not isinstance(data, dict) or "sources" not in data:
        found = "an empty file" if data is None else f"a {type(data).__name__}"
        raise ConfigError(f"{path}: expected a mapping with a top-level `sources:` list, found "
                          f"{found}; start the file with `sources:` followed by `- id: ...` "
                          "entries")
    entries = data["sources"]
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: `sources:` must be a list of entries (`- id: ...`), found a "
                          f"{type(entries).__name__}")
    problems = [SourceProblem(None, key, _MISSING, message)
                for key, message in _pop_duplicates({_DUPLICATES: data.pop(_DUPLICATES, [])})]
    problems += [SourceProblem(None, str(key), data[key], "unknown top-level key; allowed: sources")
                 for key in data if key != "sources"]
    return entries, problems


def load_sources(path: Path) -> SourcesConfig:
    """Parse sources.yaml into valid sources plus every problem; bad entries are skipped."""
    path = Path(path).expanduser().resolve()
    entries, problems = _entries(_read_yaml(path), path)
    sources: list[Source] = []
    first_index: dict[str, int] = {}
    for index, entry in enumerate(entries):
        source, found = validate_entry(entry, path.parent, index)
        problems.extend(found)
        if source is None:
            continue
        if source.id in first_index:
            problems.append(SourceProblem(source.id, "id", source.id,
                                          f"duplicate id: sources[{first_index[source.id]}] "
                                          "already uses it; ids must be unique (entry skipped)",
                                          index))
            continue
        first_index[source.id] = index
        sources.append(source)
    return SourcesConfig(path=path, sources=tuple(sources), problems=tuple(problems))


def _plain(value: object) -> object:
    """Entry values as plain YAML types (paths as text, tuples as lists)."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items() if v is not None}
    return value


def _sequence_offset(text: str) -> int:
    """Column of the `-` of the first entry under `sources:` (0 or 2 in practice)."""
    match = re.search(r"^sources:\s*(?:#.*)?\n(?:\s*(?:#.*)?\n)*?( *)- ", text, re.MULTILINE)
    return len(match.group(1)) if match else 2


def add_source(path: Path, entry: Mapping[str, object]) -> Source:
    """Validate `entry` and append it to sources.yaml, keeping comments and order."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError

    path = Path(path).expanduser().resolve()
    plain = _plain(entry)
    source, problems = validate_entry(plain, path.parent)
    if source is None:
        named = f" (id={entry.get('id')})" if isinstance(entry.get("id"), str) else ""
        raise ConfigError(f"invalid source entry{named}, {path} not changed:\n"
                          + "\n".join(f"  {p.detail()}" for p in problems))
    text = path.read_text(encoding="utf-8") if path.exists() else "sources: []\n"
    ryaml = YAML()  # round-trip mode keeps comments, key order and quoting
    ryaml.preserve_quotes = True
    ryaml.width = 4096  # never re-wrap the user's long lines
    offset = _sequence_offset(text)
    ryaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    try:
        doc = ryaml.load(text)
    except YAMLError as exc:
        raise ConfigError(f"{path}: malformed YAML, not changed: {exc}") from None
    if not isinstance(doc, dict):
        raise ConfigError(f"{path}: expected a top-level `sources:` list; not changed")
    seq = doc.get("sources")
    if seq is None:
        seq = doc["sources"] = CommentedSeq()
    if not isinstance(seq, list):
        raise ConfigError(f"{path}: `sources:` is not a list; not changed")
    taken = [e.get("id") for e in seq if isinstance(e, dict)]
    if source.id in taken:
        raise ConfigError(f"{path}: a source with id {source.id!r} already exists; "
                          "choose another id")
    seq.append(CommentedMap(plain))
    _write_atomic(path, ryaml, doc)
    return source


def _write_atomic(path: Path, ryaml: Any, doc: object) -> None:
    """Write through a temporary file so a crash never leaves half a sources.yaml."""
    fd, tmp = tempfile.mkstemp(prefix=".sources-", suffix=".yaml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            ryaml.dump(doc, handle)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = [
    "DEFAULT_RATE_LIMIT", "DEFAULT_TIMEOUT", "KINDS", "MEDIA_TYPES", "Publisher", "Source",
    "SourceProblem", "SourcesConfig", "add_source", "load_sources", "validate_entry",
]
