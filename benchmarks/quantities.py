"""Accuracy and speed of the quantity engine against quantulum3 on the same sentences.

    python benchmarks/quantities.py                      # both, on ../shared/newsquant
    python benchmarks/quantities.py --speed-only --repeat 3
    python benchmarks/quantities.py --gold path/to/NewsQuant.json

Accuracy: writes the engine's predictions for the gold file and runs the shared scorer
(`score_newsquant.py --protocol strict --sorted-ranges`). Speed: parses every sentence with
crosscheck and with quantulum3 (the `bench` extra) in one process, on one core, and prints
sentences per second for each and the ratio. quantulum3 is imported here only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crosscheck.quantities import convert_file, parse_quantities

SHARED = Path(__file__).resolve().parents[2] / "shared" / "newsquant"
DEFAULT_GOLD = SHARED / "NewsQuant.dev.json"
SCORER = SHARED / "score_newsquant.py"
# quantulum3 parses ~270 sentences/s here, so one pass over 295 sentences takes ~1 s; our
# engine needs several passes for a timing above clock noise.
OURS_MIN_SECONDS = 1.0


def load_sentences(gold: Path) -> list[str]:
    """The `text` of every row of a NewsQuant-format file."""
    rows = json.loads(gold.read_text(encoding="utf-8"))
    return [row["text"] for row in rows]


def time_ours(sentences: list[str]) -> float:
    """Sentences per second for crosscheck, repeating passes until OURS_MIN_SECONDS."""
    parse_quantities(sentences[0])
    done, start = 0, time.perf_counter()
    while True:
        for s in sentences:
            parse_quantities(s)
        done += len(sentences)
        elapsed = time.perf_counter() - start
        if elapsed >= OURS_MIN_SECONDS:
            return done / elapsed


def time_quantulum(sentences: list[str], repeat: int) -> float:
    """Sentences per second for quantulum3 (after one warm-up call that loads its models)."""
    from quantulum3 import parser  # benchmark-only dependency (the `bench` extra)

    parser.parse(sentences[0])
    start = time.perf_counter()
    for _ in range(repeat):
        for s in sentences:
            parser.parse(s)
    return repeat * len(sentences) / (time.perf_counter() - start)


def score(gold: Path) -> str:
    """The shared scorer's report for our predictions on gold."""
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.json"
        convert_file(gold, pred)
        cmd = [sys.executable, str(SCORER), str(gold), str(pred), "--protocol", "strict",
               "--sorted-ranges"]
        return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--repeat", type=int, default=1, help="quantulum3 passes over the sentences")
    ap.add_argument("--speed-only", action="store_true")
    ap.add_argument("--accuracy-only", action="store_true")
    args = ap.parse_args()
    if not args.gold.exists():
        print(f"{args.gold}: gold file not found; pass --gold or mount ../shared", file=sys.stderr)
        return 2
    if not args.speed_only:
        print(score(args.gold), end="")
    if not args.accuracy_only:
        sentences = load_sentences(args.gold)
        ours = time_ours(sentences)
        theirs = time_quantulum(sentences, args.repeat)
        print(f"crosscheck  {ours:10.0f} sentences/s")
        print(f"quantulum3  {theirs:10.0f} sentences/s")
        print(f"speed ratio {ours / theirs:10.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
