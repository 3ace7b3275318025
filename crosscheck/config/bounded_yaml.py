"""YAML that cannot hang a run: a size cap on the text and a bound on what its aliases expand to.

`safe_load` builds aliases as shared objects, so a "billion laughs" document (each level a list
of nine aliases to the level below) parses quickly, but anything that then walks the result —
the duplicate-key check of sources.yaml, `str()` of a front-matter title — visits every
expanded node: nine levels make 9^9 ≈ 387 million. The document's node graph is therefore
measured before anything is constructed, and refused when expanded it passes MAX_YAML_NODES.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from crosscheck.errors import YamlLimitError

# The project's sources.yaml is 8 KB for 5 sources, a long comment header and 5 commented-out
# examples (~1.5 KB per commented entry): 1 MiB holds some 700 such entries, more than any
# team lists, and stops a runaway file (or /dev/zero) before it is read whole.
MAX_SOURCES_BYTES = 1024 * 1024
# The project's sources.yaml has 148 nodes for 5 sources (~30 each): 100,000 nodes hold over
# 3,000 sources, while the nine-level alias bomb of issue 17 expands to ~387 million.
MAX_YAML_NODES = 100_000


def read_capped(path: Path, max_bytes: int = MAX_SOURCES_BYTES) -> bytes:
    """The file's bytes, or YamlLimitError when it holds more than max_bytes."""
    with Path(path).open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise YamlLimitError(f"over the {max_bytes:,}-byte limit for a sources file "
                             "(MAX_SOURCES_BYTES); split it, or check that the path names "
                             "the sources file")
    return data


def expanded_nodes(root: yaml.Node, limit: int = MAX_YAML_NODES) -> int:
    """Nodes of the document with every alias expanded, counted no further than limit + 1."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        sizes[key] = limit + 1  # an alias to a node still being measured refers to itself
        total = 1
        for child in _children(node):
            total = min(total + size(child), limit + 1)
            if total > limit:
                break
        sizes[key] = total
        return total

    return size(root)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def load_bounded(text: str, loader: type[yaml.SafeLoader] = yaml.SafeLoader,
                 max_nodes: int = MAX_YAML_NODES) -> object:
    """One YAML document, built only when its aliases expand to at most max_nodes nodes.

    Raises yaml.YAMLError for malformed text and YamlLimitError for a document over the
    bound or nested too deeply for the parser.
    """
    parser = loader(text)
    try:
        node = parser.get_single_node()
        if node is None:
            return None
        if expanded_nodes(node, max_nodes) > max_nodes:
            raise YamlLimitError(f"its aliases (*name) expand to more than {max_nodes:,} nodes "
                                 "(MAX_YAML_NODES), or refer to themselves; write the entries "
                                 "out instead of nesting aliases")
        return parser.construct_document(node)
    except RecursionError:
        raise YamlLimitError("nested too deeply to read; flatten the lists and mappings") \
            from None
    finally:
        parser.dispose()
