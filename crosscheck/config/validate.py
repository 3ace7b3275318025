"""One raw entry → a Source, or SourceProblem records naming the key path, value and fix."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from crosscheck.config.schema import (
    KINDS,
    MAX_DEADLINE,
    MAX_TIMEOUT,
    MISSING,
    Publisher,
    Source,
    kind_problems,
)

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
    "request_deadline": f"must be a number of seconds above 0 and at most {MAX_DEADLINE:g}: "
                        "the most one request may take, redirects and retries included",
    "source_deadline": f"must be a number of seconds above 0 and at most {MAX_DEADLINE:g}: "
                       "the most one source may spend fetching in a run",
    "allow_private_network": "must be true or false (true lets this source fetch loopback "
                             "and private-network hosts, for intranet feeds)",
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
        shown = "" if self.value is MISSING else f" = {_show(self.value)}"
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
        return [SourceProblem(source_id, key, MISSING,
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
    problems = [SourceProblem(source_id, key, MISSING, message, index)
                for key, message in pop_duplicates(entry)]
    try:
        source = Source.model_validate(entry, context={"base_dir": base_dir})
    except ValidationError as exc:
        problems += [p for err in exc.errors(include_url=False)
                     for p in _problem_from_error(err, source_id, index)]
        return None, problems + _unchecked_kind_problems(entry, problems, source_id, index)
    return (None, problems) if problems else (source, [])


def path_warning(source: Source, base_dir: Path, index: int | None) -> SourceProblem | None:
    """A warning when a source's path leaves the folder of the sources file."""
    if source.path is None or source.path.is_relative_to(Path(base_dir).resolve()):
        return None
    what = "every .txt, .md and .html file in it" if source.kind == "files" else "it"
    return SourceProblem(source.id, "path", str(source.path),
                         f"leaves the folder of the sources file ({base_dir}): crosscheck "
                         f"will read {what} and publish what it reads; keep article folders "
                         "beside sources.yaml, or ignore this warning if that path is meant",
                         index)


DUPLICATES_KEY = "\x00duplicate keys"  # marker key the loader adds to a mapping that repeats a key


def pop_duplicates(value: object, prefix: str = "") -> list[tuple[str, str]]:
    """(key path, message) for every repeated key inside value; removes the markers."""
    found: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for key, first, again in value.pop(DUPLICATES_KEY, []):
            found.append((f"{prefix}{key}", f"given twice (lines {first} and {again}); "
                                            "keep one"))
        for key, item in value.items():
            found += pop_duplicates(item, f"{prefix}{key}.")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            found += pop_duplicates(item, f"{prefix.rstrip('.')}[{n}].")
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
