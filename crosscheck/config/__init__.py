"""sources.yaml: typed, frozen source entries and every problem found in the file at once.

`load_sources` parses the file once. A file that cannot be used at all (missing, unreadable,
malformed YAML, no top-level `sources:` list) raises ConfigError; a bad entry becomes one or more
SourceProblem records naming the entry, the key path, the bad value and what is allowed, and is
skipped while the other entries run. `add_source` appends a validated entry with a round-trip YAML
writer so the comments and order of the rest of the file are kept.

Modules: `schema` (the models and kind rules), `validate` (one entry → Source or problems),
`load` (reading the file), `bounded_yaml` (size and alias-expansion limits, also used for
front matter) and `add` (add_source).
"""

from __future__ import annotations

from crosscheck.config.add import add_source
from crosscheck.config.bounded_yaml import (
    MAX_SOURCES_BYTES,
    MAX_YAML_NODES,
    load_bounded,
)
from crosscheck.config.load import SourcesConfig, load_sources
from crosscheck.config.schema import (
    DEFAULT_RATE_LIMIT,
    DEFAULT_REQUEST_DEADLINE,
    DEFAULT_SOURCE_DEADLINE,
    DEFAULT_TIMEOUT,
    KINDS,
    MEDIA_TYPES,
    Publisher,
    Source,
)
from crosscheck.config.validate import SourceProblem, validate_entry

__all__ = [
    "DEFAULT_RATE_LIMIT", "DEFAULT_REQUEST_DEADLINE", "DEFAULT_SOURCE_DEADLINE",
    "DEFAULT_TIMEOUT", "KINDS", "MEDIA_TYPES", "Publisher", "Source",
    "SourceProblem", "SourcesConfig", "add_source", "load_sources", "validate_entry",
    "MAX_SOURCES_BYTES", "MAX_YAML_NODES", "load_bounded",
]
