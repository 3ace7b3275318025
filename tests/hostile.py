"""Hostile inputs shared by several test modules (issue 17)."""

from __future__ import annotations


def alias_bomb(levels: int = 9, top: str = "sources") -> str:
    """YAML whose `top` key is nine aliases per level deep: 9^levels nodes once expanded."""
    lines = ['a0: &a0 ["lol"]']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, levels)]
    return "\n".join([*lines, f"{top}: [*a{levels - 1}]"]) + "\n"
