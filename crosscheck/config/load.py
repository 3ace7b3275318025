"""Reading sources.yaml: duplicate-key-aware YAML, top-level checks, every entry validated."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from crosscheck.config.bounded_yaml import YamlLimitError, load_bounded, read_capped
from crosscheck.config.schema import MISSING, Source
from crosscheck.config.validate import (
    DUPLICATES_KEY,
    SourceProblem,
    path_warning,
    pop_duplicates,
    validate_entry,
)
from crosscheck.errors import ConfigError


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
        mapping[DUPLICATES_KEY] = repeats
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True)
class SourcesConfig:
    """The parsed file: valid sources (enabled or not) and every problem found."""

    path: Path
    sources: tuple[Source, ...]
    problems: tuple[SourceProblem, ...]
    warnings: tuple[SourceProblem, ...] = ()  # usable, but worth a look (a path outside)

    def enabled_sources(self) -> tuple[Source, ...]:
        return tuple(s for s in self.sources if s.enabled)

    def get(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    @property
    def ok(self) -> bool:
        return not self.problems


def _read_yaml(path: Path) -> object:
    """Read and parse the file, raising ConfigError with the fix when it cannot be used."""
    try:
        text = read_capped(path).decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: sources file not found; create it (see README.md, "
                          "section sources.yaml) or name the sources file there is",
                          setting="sources") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start}); "
                          "re-save it as UTF-8") from None
    except YamlLimitError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the sources file ({exc.strerror}); "
                          "check the path and its permissions") from None
    try:
        return load_bounded(text, _Loader)
    except YamlLimitError as exc:
        raise ConfigError(f"{path}: refused: {exc}") from None
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
    problems = [SourceProblem(None, key, MISSING, message)
                for key, message in pop_duplicates({DUPLICATES_KEY: data.pop(DUPLICATES_KEY, [])})]
    problems += [SourceProblem(None, str(key), data[key], "unknown top-level key; allowed: sources")
                 for key in data if key != "sources"]
    return entries, problems


def load_sources(path: Path) -> SourcesConfig:
    """Parse sources.yaml into valid sources plus every problem; bad entries are skipped."""
    path = Path(path).expanduser().resolve()
    entries, problems = _entries(_read_yaml(path), path)
    sources: list[Source] = []
    warnings: list[SourceProblem] = []
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
        warning = path_warning(source, path.parent, index)
        if warning is not None:
            warnings.append(warning)
    return SourcesConfig(path=path, sources=tuple(sources), problems=tuple(problems),
                         warnings=tuple(warnings))
