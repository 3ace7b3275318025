"""Adding a source: a validated entry appended with a round-trip writer, written atomically."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from crosscheck.config.schema import Source
from crosscheck.config.validate import validate_entry
from crosscheck.errors import ConfigError


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
