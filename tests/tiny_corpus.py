"""A four-article copy of the demo corpus with two known contradictions, for fast flow tests.

Troops near Ukraine (about 100,000 against 175,000) and Germany's gas from Russia (40% against
about 55%): see data/demo/EXPECTED.md, topics 1 and 2.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo"
FILES = {
    "meridian_ledger": "2021-12-02-russian-buildup-ukraine-border.md",
    "baltic_lantern_daily": "2022-01-20-germany-russian-gas-dependence.txt",
    "eastern_frontier_review": "2021-12-23-moscow-winter-gamble.md",
}
NORTHGATE_LINES = 1  # N1: the 175,000 troops article
OWNERS = {"meridian_ledger": "Meridian Media Group", "baltic_lantern_daily": "Meridian Media Group",
          "eastern_frontier_review": "Frontier Commentary Ltd",
          "northgate_wire": "Northgate Press Cooperative"}


def _publisher(source_id: str) -> dict[str, object]:
    return {"name": source_id.replace("_", " ").title(), "owner": OWNERS[source_id],
            "country": "GB", "language": "en", "media_type": "news", "credibility": 0.7,
            "rating_source": "test"}


def write_tiny_corpus(dest: Path) -> Path:
    """Copy the four articles under `dest` and write `dest/sources.yaml`; returns its path."""
    sources = []
    for source_id, name in FILES.items():
        folder = dest / source_id
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(DEMO / source_id / name, folder / name)
        sources.append({"id": source_id, "name": source_id, "kind": "files",
                        "path": source_id, "publisher": _publisher(source_id)})
    lines = (DEMO / "northgate_wire" / "articles.jsonl").read_text().splitlines()
    (dest / "northgate.jsonl").write_text("\n".join(lines[:NORTHGATE_LINES]) + "\n")
    sources.append({"id": "northgate_wire", "name": "northgate_wire", "kind": "jsonl",
                    "path": "northgate.jsonl", "publisher": _publisher("northgate_wire")})
    path = dest / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": sources}, sort_keys=False))
    return path


def findings_summary(out_dir: Path) -> list[tuple[str, str]]:
    """(id, kind) of every finding in a report folder's findings.json, sorted."""
    data = json.loads((out_dir / "findings.json").read_text())
    items = data["findings"] if isinstance(data, dict) else data
    return sorted((f["id"], f["kind"]) for f in items)
