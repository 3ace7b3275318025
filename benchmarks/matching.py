"""Pairwise precision/recall/F1 of fact grouping on the labelled passages (a secondary measure:
the product is judged on findings, `benchmarks/crosscheck.py`; pairs are easier than news).

    python benchmarks/matching.py                 # score fact grouping
    python benchmarks/matching.py --errors        # list wrong pairs with their fact keys
    python benchmarks/matching.py --copies        # copy-detection containment, copies vs others
    python benchmarks/matching.py --scale 40      # time matching on the set repeated 40 times
    python benchmarks/matching.py --holdout       # score the held-out set (not tuned on)

The set (benchmarks/data/matching_pairs.yaml) labels passages by the fact they state; two
passages of one fact are a SAME pair, every other pair is DIFFERENT. Each passage goes through
the real pipeline (quantity engine → extract_claims) and its figure is picked by its surface
text; a passage whose figure is not extracted counts its SAME pairs as misses.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import combinations
from pathlib import Path

import yaml

# Run as a script from benchmarks/, whose crosscheck.py would shadow the package: the
# repository root goes first on the path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crosscheck.claims import extract_claims
from crosscheck.independence import containment, shingles
from crosscheck.match import match_claims
from crosscheck.models import Article, Claim

DATA = Path(__file__).resolve().parent / "data" / "matching_pairs.yaml"
HOLDOUT = Path(__file__).resolve().parent / "data" / "matching_pairs_holdout.yaml"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


@dataclass(frozen=True)
class Item:
    """One labelled passage and the claim picked from it."""

    id: str
    fact: str
    claim: Claim | None


@dataclass(frozen=True)
class Score:
    """Pairwise counts and rates."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_items(path: Path = DATA) -> list[Item]:
    """Read the set and pick each passage's claim with the real extractor."""
    from crosscheck.quantities import parse_quantities

    raw = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    items = []
    for r in raw:
        published = datetime.fromisoformat(str(r["published"]))
        art = Article(id=r["id"], source_id=r["outlet"], url="", canonical_url="", title="",
                      text=r["text"], content_hash=r["id"], published=published)
        claims, _ = extract_claims(art, parse_quantities)
        items.append(Item(r["id"], r["fact"], _pick(claims, r["pick"])))
    return items


def _pick(claims: Sequence[Claim], pick: str) -> Claim | None:
    for c in claims:
        at = c.sentence.find(pick)
        if at >= 0 and c.quantity.start < at + len(pick) and at < c.quantity.end:
            return c
    return None


def score(items: Sequence[Item]) -> tuple[Score, list[tuple[str, Item, Item]]]:
    """Pairwise score of one matching run, and the wrong pairs ('fp' or 'fn')."""
    found = [i for i in items if i.claim is not None]
    clusters = match_claims([i.claim for i in found])  # type: ignore[misc]
    cluster_of = {cid: k for k, cl in enumerate(clusters) for cid in cl.claim_ids}
    tp = fp = fn = 0
    wrong: list[tuple[str, Item, Item]] = []
    for a, b in combinations(items, 2):
        gold = a.fact == b.fact
        pred = (a.claim is not None and b.claim is not None
                and cluster_of[a.claim.id] == cluster_of[b.claim.id])
        tp += gold and pred
        fp += pred and not gold
        fn += gold and not pred
        if gold != pred:
            wrong.append(("fp" if pred else "fn", a, b))
    return Score(tp, fp, fn), wrong


def show_errors(wrong: Sequence[tuple[str, Item, Item]]) -> None:
    """Print each wrong pair with both frames."""
    for kind, a, b in wrong:
        fa = a.claim.frame if a.claim else "<no claim extracted>"
        fb = b.claim.frame if b.claim else "<no claim extracted>"
        print(f"{kind} {a.id} ({a.fact}) ~ {b.id} ({b.fact})\n    {fa}\n    {fb}")


def copies_report() -> None:
    """Containment of synthetic copies (furniture + edits) vs distinct articles."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*/*.txt"))]
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))["items"]
    by_topic: dict[str, list[str]] = {}
    for r in raw:
        by_topic.setdefault(r["id"].split("-")[0], []).append(r["text"])
    texts += [" ".join(v) for v in by_topic.values()]
    rnd = random.Random(7)
    copy_scores, other_scores = [], []
    for t in texts:
        words = t.split()
        for i in rnd.sample(range(len(words)), len(words) // 10):
            words[i] = "edited"
        copy = "Share this article. Subscribe now. " + " ".join(words) + " Read more."
        copy_scores.append(containment(shingles(t), shingles(copy)))
    for a, b in combinations(texts, 2):
        other_scores.append(containment(shingles(a), shingles(b)))
    print(f"copies with furniture and 10% edited words: containment "
          f"{min(copy_scores):.2f}–{max(copy_scores):.2f} over {len(copy_scores)}")
    print(f"distinct articles (seeds + topic passages): containment "
          f"{min(other_scores):.2f}–{max(other_scores):.2f} over {len(other_scores)} pairs")


def timing(items: Sequence[Item], scale: int) -> None:
    """Time matching on the claims repeated `scale` times: as copies, then each one distinct."""
    base = [i.claim for i in items if i.claim is not None]
    copies = [replace(c, id=f"{c.id}-{k}", article_id=f"{c.article_id}-{k}")  # type: ignore
              for k in range(scale) for c in base]
    distinct = [replace(c, sentence=f"{c.sentence} v{k}", frame=f"{c.frame} v{k}")  # type: ignore
                for k, c in enumerate(copies)]
    for name, claims in (("copies", copies), ("distinct variants", distinct)):
        start = time.perf_counter()
        clusters = match_claims(claims)
        took = time.perf_counter() - start
        print(f"{name}: {len(claims)} claims → {len(clusters)} clusters in {took:.2f} s")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--copies", action="store_true")
    ap.add_argument("--scale", type=int, default=0)
    ap.add_argument("--holdout", action="store_true", help="score the held-out set instead")
    args = ap.parse_args(argv)
    items = load_items(HOLDOUT if args.holdout else DATA)
    missing = [i.id for i in items if i.claim is None]
    facts = {i.fact for i in items}
    same = sum(a.fact == b.fact for a, b in combinations(items, 2))
    print(f"{len(items)} passages, {len(facts)} facts, {same} SAME pairs, "
          f"{len(items) * (len(items) - 1) // 2 - same} DIFFERENT pairs; "
          f"figure not extracted: {missing or 'none'}")
    s, wrong = score(items)
    print(f"pairwise precision {s.precision:.3f} recall {s.recall:.3f} F1 {s.f1:.3f} "
          f"(tp {s.tp}, fp {s.fp}, fn {s.fn})")
    if args.errors:
        show_errors(wrong)
    if args.copies:
        copies_report()
    if args.scale:
        timing(items, args.scale)
    return 0


if __name__ == "__main__":
    sys.exit(main())
