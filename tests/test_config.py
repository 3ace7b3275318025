"""sources.yaml: every bad entry named with id, key path, bad value and what is allowed."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from crosscheck.config import (
    DEFAULT_REQUEST_DEADLINE,
    DEFAULT_SOURCE_DEADLINE,
    Source,
    SourceProblem,
    add_source,
    load_sources,
)
from crosscheck.errors import ConfigError, CrosscheckError
from tests.hostile import alias_bomb

GOOD = """\
# Outlets we watch (comment kept by add_source)
sources:
  # the wire
  - id: acme_wire
    name: Acme Wire
    kind: rss
    url: https://acme.example/feed.xml
    publisher: {name: Acme, credibility: 0.7}   # rated by us
  - id: local_files
    name: Local files
    kind: files
    path: articles
    enabled: false
    publisher:
      name: Local
      notes: A plain line longer than eighty characters, which a YAML writer likes to re-wrap.
      bias: >-
        A folded block that spans two lines in the file and must
        come back exactly as written.
"""

BAD_ENTRIES = """\
sources:
  - id: acme
    name: Acme
    kind: rss
    url: https://acme.example/feed
    publisher: {name: Acme}
  - id: cred
    name: Cred
    kind: rss
    url: https://cred.example/feed
    publisher: {name: Cred, credibility: 1.7}
  - id: typo
    name: Typo
    kind: rss
    feed_url: https://typo.example/feed
    url: https://typo.example/feed
    publisher: {name: Typo, ownr: x}
  - id: acme
    name: Acme again
    kind: rss
    url: https://acme2.example/feed
    publisher: {name: Acme 2}
  - id: scheme
    name: Scheme
    kind: sitemap
    url: ftp://scheme.example/sitemap.xml
    publisher: {name: S}
  - id: kinds
    name: Kinds
    kind: podcast
    publisher: {name: K}
  - id: types
    name: Types
    kind: html
    urls: [https://t.example/a]
    enabled: "yes"
    max_articles: 0
    timeout: "fast"
    rate_limit: -2
    include: ["(unclosed"]
    language: English
    publisher: {name: T, credibility: high}
  - id: nofolder
    name: No folder
    kind: files
    publisher: {name: N}
  - id: nourl
    name: No url
    kind: rss
    timeout: 0
    publisher: {name: N}
  - id: index_only
    name: Index without pattern
    kind: html
    url: https://i.example/
    publisher: {name: I}
  - name: Missing id
    kind: rss
    url: https://m.example/feed
    publisher: {name: M}
  - just a string
  - id: bad id!
    name: Bad id
    kind: rss
    url: https://b.example/feed
    publisher: {name: B}
"""


def write(tmp_path: Path, text: str, name: str = "sources.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_for(config, source_id: str | None) -> list[SourceProblem]:
    return [p for p in config.problems if p.source_id == source_id]


def test_good_file_loads_typed_frozen_sources(tmp_path: Path) -> None:
    config = load_sources(write(tmp_path, GOOD))
    assert config.problems == ()
    assert [s.id for s in config.sources] == ["acme_wire", "local_files"]
    assert [s.id for s in config.enabled_sources()] == ["acme_wire"]
    wire = config.get("acme_wire")
    assert wire is not None and wire.publisher.credibility == 0.7
    local = config.get("local_files")
    assert local is not None and local.path == (tmp_path / "articles").resolve()
    with pytest.raises(ValueError):
        wire.name = "changed"  # type: ignore[misc]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    config = load_sources(write(tmp_path, BAD_ENTRIES))
    assert [s.id for s in config.sources] == ["acme"]
    keys = {(p.index, p.source_id, p.key_path) for p in config.problems}
    expected = {
        (1, "cred", "publisher.credibility"), (2, "typo", "feed_url"),
        (2, "typo", "publisher.ownr"), (3, "acme", "id"), (4, "scheme", "url"),
        (5, "kinds", "kind"), (6, "types", "enabled"), (6, "types", "max_articles"),
        (6, "types", "timeout"), (6, "types", "rate_limit"), (6, "types", "include[0]"),
        (6, "types", "language"), (6, "types", "publisher.credibility"),
        (7, "nofolder", "path"), (8, "nourl", "url"), (8, "nourl", "timeout"),
        (9, "index_only", "link_pattern"),
        (10, None, "id"), (11, None, "(entry)"), (12, "bad id!", "id"),
    }
    assert keys == expected


def test_problem_names_id_key_value_and_what_is_allowed(tmp_path: Path) -> None:
    config = load_sources(write(tmp_path, BAD_ENTRIES))
    lines = {str(p) for p in config.problems}
    assert ("sources[1] (id=cred): publisher.credibility = 1.7: must be a number from 0 to 1"
            in lines)
    assert "sources[6] (id=types): publisher.credibility = \"high\": must be a number from 0 to 1" \
        in lines
    typo = next(p for p in problems_for(config, "typo") if p.key_path == "feed_url")
    assert typo.value == "https://typo.example/feed"
    assert "unknown key" in typo.message and "url" in typo.message and "link_pattern" in \
        typo.message
    kind = next(p for p in problems_for(config, "kinds") if p.key_path == "kind")
    assert str(kind) == ("sources[5] (id=kinds): kind = \"podcast\": must be one of: rss, html, "
                         "sitemap, files, jsonl")
    dup = next(p for p in problems_for(config, "acme") if p.key_path == "id")
    assert dup.index == 3 and "sources[0] already uses it" in dup.message
    scheme = next(p for p in problems_for(config, "scheme"))
    assert scheme.value == "ftp://scheme.example/sitemap.xml" and "http://" in scheme.message
    regex = next(p for p in problems_for(config, "types") if p.key_path == "include[0]")
    assert "not a valid regular expression" in regex.message
    missing = next(p for p in problems_for(config, "nofolder"))
    assert str(missing) == ("sources[7] (id=nofolder): path: required for kind files: a folder "
                            "of .txt/.md/.html files")
    html = next(p for p in problems_for(config, "index_only"))
    assert "regex that matches article links" in html.message


def test_unknown_top_level_key_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    config = load_sources(write(tmp_path, "version: 2\nsources: []\n"))
    assert config.sources == ()
    assert [str(p) for p in config.problems] == [
        "top level: version = 2: unknown top-level key; allowed: sources"]


def test_empty_sources_list_is_valid(tmp_path: Path) -> None:
    config = load_sources(write(tmp_path, "sources:\n"))
    assert config.sources == () and config.ok


@pytest.mark.parametrize(("text", "needle"), [
    ("sources:\n  - id: a\n    name: [unclosed\n", "malformed YAML at line"),
    ("- id: a\n", "top-level `sources:` list"),
    ("", "found an empty file"),
    ("sources: {id: a}\n", "`sources:` must be a list"),
])
def test_unusable_file_raises_config_error_naming_file(tmp_path: Path, text: str,
                                                       needle: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_sources(path)
    assert needle in str(info.value) and str(path) in str(info.value)


def test_missing_and_non_utf8_files_raise_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found; create it"):
        load_sources(tmp_path / "nope.yaml")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("sources:\n  - name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_sources(bad)
    assert issubclass(ConfigError, CrosscheckError)


def test_add_source_keeps_comments_and_order(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    source = add_source(path, {
        "id": "new_feed", "name": "New Feed", "kind": "rss",
        "url": "https://new.example/rss", "publisher": {"name": "New", "credibility": 0.5},
    })
    assert isinstance(source, Source) and source.id == "new_feed"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(GOOD), "the existing part of the file must be unchanged"
    assert "# rated by us" in text and "# the wire" in text
    config = load_sources(path)
    assert config.ok and [s.id for s in config.sources][-1] == "new_feed"


def test_add_source_to_column_zero_list_keeps_its_style(tmp_path: Path) -> None:
    original = "sources:\n- id: a\n  name: A\n  kind: jsonl\n  path: a.jsonl\n  publisher:\n" \
               "    name: A  # note\n"
    path = write(tmp_path, original)
    add_source(path, {"id": "b", "name": "B", "kind": "files", "path": "b",
                      "publisher": {"name": "B"}})
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original)
    assert "\n- id: b\n" in text
    assert [s.id for s in load_sources(path).sources] == ["a", "b"]


def test_add_source_rejects_invalid_and_duplicate_entries(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    before = path.read_text(encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        add_source(path, {"id": "x", "name": "X", "kind": "rss", "url": "gopher://x",
                          "publisher": {"name": "X", "credibility": 3}})
    assert str(info.value).splitlines() == [
        f"invalid source entry (id=x), {path} not changed:",
        "  publisher.credibility = 3: must be a number from 0 to 1",
        "  url = \"gopher://x\": must be an absolute http:// or https:// URL",
    ]
    with pytest.raises(ConfigError, match="already exists"):
        add_source(path, {"id": "acme_wire", "name": "Again", "kind": "rss",
                          "url": "https://again.example/rss", "publisher": {"name": "A"}})
    assert path.read_text(encoding="utf-8") == before


def test_add_source_creates_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "fresh.yaml"
    add_source(path, {"id": "f", "name": "F", "kind": "jsonl", "path": "f.jsonl",
                      "publisher": {"name": "F"}})
    config = load_sources(path)
    assert [s.id for s in config.sources] == ["f"]
    assert config.sources[0].path == (tmp_path / "f.jsonl").resolve()


def test_project_sources_yaml_is_valid() -> None:
    path = Path(__file__).resolve().parents[1] / "sources.yaml"
    if not path.exists():
        pytest.skip("the project's sources.yaml is not written yet")
    config = load_sources(path)
    assert config.problems == ()
    assert config.enabled_sources()


def test_key_given_twice_is_a_problem_not_a_silent_override(tmp_path: Path) -> None:
    path = write(tmp_path, """\
        sources:
          - id: twice
            name: Twice
            kind: rss
            url: https://a.example/feed
            url: https://a.example/other
            publisher:
              name: A
              name: B
          - id: fine
            name: Fine
            kind: rss
            url: https://b.example/feed
            publisher: {name: B}
        """)
    config = load_sources(path)
    assert [s.id for s in config.sources] == ["fine"]
    assert [str(p) for p in config.problems] == [
        "sources[0] (id=twice): url: given twice (lines 5 and 6); keep one",
        "sources[0] (id=twice): publisher.name: given twice (lines 8 and 9); keep one",
    ]


def test_deadlines_default_and_are_bounded(tmp_path: Path) -> None:
    path = write(tmp_path, """\
        sources:
          - id: defaults
            name: Defaults
            kind: rss
            url: https://a.example/feed
            publisher: {name: A}
          - id: bad
            name: Bad
            kind: rss
            url: https://b.example/feed
            request_deadline: 0
            source_deadline: 86400
            publisher: {name: B}
        """)
    config = load_sources(path)
    [ok] = config.sources
    assert (ok.request_deadline, ok.source_deadline, ok.allow_private_network) == (
        DEFAULT_REQUEST_DEADLINE, DEFAULT_SOURCE_DEADLINE, False)
    assert [(p.key_path, p.value) for p in config.problems] == [
        ("request_deadline", 0), ("source_deadline", 86400)]
    assert all("above 0 and at most 21600" in p.message for p in config.problems)


@pytest.mark.parametrize(("text", "needle"), [
    (alias_bomb(), "expand to more than 100,000 nodes (MAX_YAML_NODES)"),
    ("sources: &loop [*loop]\n", "or refer to themselves"),
    ("sources: " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
], ids=["nine-level-alias-bomb", "recursive-alias", "deep-nesting"])
def test_yaml_that_would_expand_without_bound_is_refused(tmp_path: Path, text: str,
                                                         needle: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_sources(path)
    assert str(info.value).startswith(f"{path}: refused: ") and needle in str(info.value)


def test_the_alias_bound_counts_expanded_nodes_and_stops_at_the_limit() -> None:
    import yaml

    from crosscheck.config.bounded_yaml import expanded_nodes

    a0 = 2  # the list and "lol"
    a1 = 1 + 9 * a0
    a2 = 1 + 9 * a1
    keys = 4  # a0, a1, a2, sources
    small, large = yaml.compose(alias_bomb(3)), yaml.compose(alias_bomb())
    assert small is not None and large is not None
    assert expanded_nodes(small, limit=10**6) == 1 + keys + a0 + a1 + a2 + (1 + a2)
    # A nine-level bomb (9^9 ≈ 387 million nodes) is measured only until the bound passes.
    assert expanded_nodes(large, limit=1000) == 1001


def test_shared_publisher_blocks_by_alias_still_load(tmp_path: Path) -> None:
    path = write(tmp_path, """\
        sources:
          - id: one
            name: One
            kind: rss
            url: https://a.example/feed
            publisher: &group {name: Group, owner: Group plc, credibility: 0.7}
          - id: two
            name: Two
            kind: rss
            url: https://b.example/feed
            publisher: *group
        """)
    config = load_sources(path)
    assert config.ok and [s.publisher.owner for s in config.sources] == ["Group plc"] * 2


def test_a_sources_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    from crosscheck.config import MAX_SOURCES_BYTES

    path = tmp_path / "huge.yaml"
    path.write_text("sources: []\n" + "#" * MAX_SOURCES_BYTES, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_sources(path)
    assert str(info.value) == (
        f"{path}: over the 1,048,576-byte limit for a sources file (MAX_SOURCES_BYTES); split "
        "it, or check that the path names the sources file")
